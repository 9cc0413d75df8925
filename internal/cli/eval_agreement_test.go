package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writePolNeAR makes a PolNeAR-shaped folder: texts and annotation files
// named <text>_<annotator>.ann.
func writePolNeAR(t *testing.T, texts map[string]string, anns map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"text", "attributions"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, s := range texts {
		if err := os.WriteFile(filepath.Join(dir, "text", name+".txt"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, s := range anns {
		if err := os.WriteFile(filepath.Join(dir, "attributions", name+".ann"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestEvalQuotesAgreement(t *testing.T) {
	text := "The mayor said the bridge would reopen. Residents welcomed it."
	first := "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 38\tthe bridge would reopen\nT4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
	// The second annotator agrees on the first attribution and adds one
	// the first did not mark.
	second := first + "T5\tSource 40 49\tResidents\nT6\tCue 50 58\twelcomed\nT7\tContent 59 61\tit\nT8\tAttribution 50 58\twelcomed\nE2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
	dir := writePolNeAR(t,
		map[string]string{"a": text, "b": text},
		map[string]string{"a_1": first, "a_2": second, "b_1": first}) // b has one annotator: not scored
	code, out, errs := run(t, "", "eval", "quotes-agreement", dir)
	if code != exitOK {
		t.Fatalf("code %d, stderr %s", code, errs)
	}
	var rep agreementReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(rep.Texts) != 1 || rep.Texts[0] != "a" {
		t.Errorf("texts %v, want [a]", rep.Texts)
	}
	// Cue: gold (first) 1, predicted (second) 2, both overlap the one: P 1/2, R 1.
	if got := rep.Cue.OverlapP; got != 0.5 {
		t.Errorf("cue precision %v, want 0.5", got)
	}
	if got := rep.Cue.OverlapR; got != 1 {
		t.Errorf("cue recall %v, want 1", got)
	}
	if rep.Counts.Gold != 1 || rep.Counts.Predicted != 2 {
		t.Errorf("attributions gold %d predicted %d, want 1 and 2", rep.Counts.Gold, rep.Counts.Predicted)
	}

	// Nothing to compare is an error, not a silent zero.
	lone := writePolNeAR(t, map[string]string{"b": text}, map[string]string{"b_1": first})
	if code, _, errs := run(t, "", "eval", "quotes-agreement", lone); code != exitFail || !strings.Contains(errs, "no text with two annotation files") {
		t.Errorf("one annotator: code %d, stderr %q", code, errs)
	}
	if code, _, _ := run(t, "", "eval", "quotes-agreement"); code != exitUsage {
		t.Errorf("no folder: code %d, want usage", code)
	}
}
