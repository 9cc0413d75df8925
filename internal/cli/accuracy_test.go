package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAccuracyGuards runs the quick evaluations whose acceptance figures are
// met on the dev data in ../shared/data, and fails when a change takes one
// below its line (the figures in BENCHMARKS.md sit just above these). Each
// case skips when its gold data is absent.
func TestAccuracyGuards(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the gold data")
	}
	data := filepath.Join("..", "..", "..", "shared", "data")
	for _, tc := range []struct {
		name string
		path string // under data
		args []string
		min  map[string]float64
	}{
		{"events GSR validation", "petrarch/PETR2_GSR_validation.xml", []string{"eval", "events"},
			map[string]float64{"full_accuracy": 0.70}},
		{"timex TempEval-3", "tempeval3", []string{"eval", "timex"},
			map[string]float64{"strict_f1": 0.85, "value_f1": 0.82}},
		{"quotes PolNeAR dev", "polnear/dev", []string{"eval", "quotes"},
			map[string]float64{"attribution_f1": 0.75, "content.overlap_f1": 0.82}},
		{"tags and parse UD EWT dev", "ud/en_ewt-ud-dev.conllu", []string{"eval", "ud"},
			map[string]float64{"upos": 0.955, "uas": 0.865, "las": 0.831}},
		{"tags and parse UD GUM dev", "ud/en_gum-ud-dev.conllu", []string{"eval", "ud"},
			map[string]float64{"upos": 0.970, "uas": 0.860, "las": 0.830}},
		{"entities CoNLL++ dev", "conll2003/conllpp_dev.txt", []string{"eval", "ner"},
			map[string]float64{"f1": 0.93}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(data, filepath.FromSlash(tc.path))
			if _, err := os.Stat(path); err != nil {
				t.Skipf("no gold data: %v", err)
			}
			code, out, errs := run(t, "", append(tc.args, path)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("output is not one JSON object: %v\n%s", err, out)
			}
			for key, min := range tc.min {
				v, ok := lookup(got, key).(float64)
				if !ok {
					t.Errorf("%s missing from the output", key)
					continue
				}
				if v < min {
					t.Errorf("%s = %.4f, below its acceptance line %.2f", key, v, min)
				}
			}
		})
	}
}

// lookup finds a dotted key ("content.overlap_f1") in decoded JSON.
func lookup(v any, key string) any {
	for _, k := range strings.Split(key, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
