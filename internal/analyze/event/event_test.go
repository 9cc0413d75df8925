package event_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// eventCase is one sentence of our own and the event it must yield: the
// trigger word, the CAMEO code (a prefix is enough), the source and target
// actor codes ("" to skip the check), the status and the time value.
type eventCase struct {
	text                    string
	trigger, code, src, tgt string
	status, when            string
}

var published = time.Date(2025, 8, 15, 12, 0, 0, 0, time.UTC) // a Friday

func TestOwnSentences(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []eventCase{
		{"Vladimir Putin visited Alaska on Friday.", "visited", "042", "RUS", "USA", dateline.StatusHappened, "2025-08-15"},
		{"Donald Trump met Vladimir Putin in Anchorage on Friday.", "met", "04", "USA", "RUS", dateline.StatusHappened, "2025-08-15"},
		{"Russia and Ukraine did not agree a ceasefire.", "agree", "0", "", "", dateline.StatusNotHappened, ""},
		{"Ukrainian President Volodymyr Zelenskyy prepares to travel to Washington on Monday.", "travel", "042", "UKR", "USA", dateline.StatusPlanned, "2025-08-18"},
		{"Trump had previously warned Russia of severe consequences.", "warned", "130", "USA", "RUS", dateline.StatusHappened, "before 2025-08-15"},
		{"Germany will send tanks to Poland next week.", "send", "0", "DEU", "POL", dateline.StatusPlanned, ""},
		{"Japan refused to negotiate with China.", "negotiate", "125", "JPN", "CHN", dateline.StatusRefused, ""},
		{"France may impose sanctions on Iran.", "impose", "16", "FRA", "IRN", dateline.StatusHedged, ""},
		{"If Serbia attacks Kosovo, the alliance will respond.", "attacks", "19", "", "", dateline.StatusConditional, ""},
		{"The minister called the president a “dictator”, a remark he later retracted.", "called", "111", "", "", dateline.StatusRetracted, ""},
		{"Poland continued to criticise Belarus.", "criticise", "11", "POL", "BLR", dateline.StatusOngoing, ""},
	} {
		doc := p.analyse(t, tc.text, published)
		var got *dateline.Event
		for i, e := range doc.Events {
			if strings.EqualFold(e.Trigger.In(doc.Text), tc.trigger) {
				got = &doc.Events[i]
				break
			}
		}
		if got == nil {
			var lines []string
			for _, e := range doc.Events {
				lines = append(lines, eventLine(doc, e))
			}
			t.Errorf("%q: no event on %q; events: %s", tc.text, tc.trigger, strings.Join(lines, "; "))
			continue
		}
		line := eventLine(doc, *got)
		if !strings.HasPrefix(got.Code, tc.code) {
			t.Errorf("%q: code %s, want %s…  (%s)", tc.text, got.Code, tc.code, line)
		}
		if tc.src != "" && !hasCode(got.Source, tc.src) {
			t.Errorf("%q: source %v, want %s  (%s)", tc.text, got.Source, tc.src, line)
		}
		if tc.tgt != "" && !hasCode(got.Target, tc.tgt) {
			t.Errorf("%q: target %v, want %s  (%s)", tc.text, got.Target, tc.tgt, line)
		}
		if got.Status != tc.status {
			t.Errorf("%q: status %s, want %s  (%s)", tc.text, got.Status, tc.status, line)
		}
		if tc.when != "" && got.TimeValue != tc.when {
			t.Errorf("%q: time %q, want %q  (%s)", tc.text, got.TimeValue, tc.when, line)
		}
	}
}

// hasCode reports whether an actor's code starts with code ("RUS" matches
// "RUSGOV").
func hasCode(as []dateline.EventActor, code string) bool {
	for _, a := range as {
		if strings.HasPrefix(a.Code, code) {
			return true
		}
	}
	return false
}
