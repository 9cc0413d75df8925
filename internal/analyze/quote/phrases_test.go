package quote

import (
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// cueGold marks each occurrence of phrase in doc as a cue.
func cueGold(doc *dateline.Document, phrase string) []Gold {
	var out []Gold
	for at := 0; ; {
		i := strings.Index(doc.Text[at:], phrase)
		if i < 0 {
			return out
		}
		s := at + i
		out = append(out, Gold{Cue: []dateline.Span{{Start: int32(s), End: int32(s + len(phrase))}}})
		at = s + len(phrase)
	}
}

func TestLearnPhrases(t *testing.T) {
	text := strings.Repeat("The mayor did not respond to the letter.\n", 3) +
		"The clerk did not respond to the bell.\nShe was campaigning against the levy.\n"
	doc := segmented(t, text, false)
	ex := Example{Doc: doc, Gold: append(cueGold(doc, "did not respond to"), cueGold(doc, "campaigning against")...)}
	for _, tc := range []struct {
		min  int
		want []string
	}{
		{1, []string{"campaigning against", "did not respond to"}},
		{3, []string{"did not respond to"}},
		{5, nil},
	} {
		got := learnPhrases([]Example{ex}, tc.min)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("min %d: got %q, want %q", tc.min, got, tc.want)
		}
	}
	// A phrase seen far more often outside cues than inside is dropped.
	noisy := segmented(t, "They went to the park.\n"+strings.Repeat("We went to it.\n", 9), false)
	nex := Example{Doc: noisy, Gold: cueGold(noisy, "went to the")}
	if got := learnPhrases([]Example{nex}, 1); len(got) != 1 {
		t.Errorf("a phrase always a cue: got %q", got)
	}
	nex.Gold = cueGold(noisy, "went to")[:1]
	if got := learnPhrases([]Example{nex}, 1); len(got) != 0 {
		t.Errorf("a phrase a cue 1 time in 10: got %q", got)
	}
}

func TestMarkPhrases(t *testing.T) {
	cw := newCueWords(map[string]bool{"did not respond to": true, "not respond": true, "vote for": true, "backing": true})
	for _, tc := range []struct{ text, want string }{
		{"He did not respond to “calls” – again.", "0 1 2 2 2 0 0 0 0 0 0"},
		{"They did not respond.", "0 0 1 2 0"},
		{"We did not respond\nto that.", "0 0 1 2 0 0 0"}, // not across sentences
		{"Nothing here.", "0 0 0"},
	} {
		doc := segmented(t, tc.text, false)
		v := newView(doc, parseLexicon(cueData), nil, cw)
		var got []string
		for _, p := range v.phrase {
			got = append(got, string(rune('0'+p)))
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("%q: got %s, want %s", tc.text, s, tc.want)
		}
	}
	if !cw.has("backing") || cw.has("vote for") || (*cueWords)(nil).has("backing") {
		t.Error("single-word cues")
	}
}
