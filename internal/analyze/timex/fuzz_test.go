package timex

import (
	"strings"
	"testing"
	"time"
)

// FuzzFind: on any text, with or without a reference, the tagger must not
// panic; spans must be in bounds, sorted and disjoint; anchors must point
// backwards; values must be non-empty; diagnostics must be in bounds.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Putin visited America for the first time in 10 years on Friday.",
		"February 30, 2025", "March 3, 99999", "the 1990s and the ’80s", "10:30 a.m. EDT Tuesday",
		"the following day", "a 10-year-old", "nearly three years – “today’s” summit",
		"5 1/2 hours", "the last half of the '80s", "every other week", "mid-", "the year-ago quarter",
		"Sept.", "'", "’", "-", "nineteen ninety-", "9 a.m. Tuesday, Nov. 6, 2025", "\xff\xfe", "the past",
		"since Russia’s invasion of Ukraine", "its third anniversary since the war", "two to three weeks",
	} {
		f.Add(s, true)
	}
	// Known event starts exercise anniversaries and "since the invasion".
	tagger := New(WithKnownStarts(map[string]time.Time{
		"invasion": time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC),
		"war":      time.Date(2023, 10, 7, 0, 0, 0, 0, time.UTC),
	}))
	f.Fuzz(func(t *testing.T, text string, known bool) {
		ref := time.Time{}
		if known {
			ref = time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
		}
		times, diags := tagger.Find(text, ref)
		for i, x := range times {
			if !x.Span.Valid(len(text)) || x.Start == x.End {
				t.Fatalf("span %v out of bounds of %d bytes", x.Span, len(text))
			}
			if i > 0 && times[i-1].End > x.Start {
				t.Fatalf("spans %v, %v unsorted or overlapping", times[i-1].Span, x.Span)
			}
			if x.Anchor < -1 || x.Anchor >= i {
				t.Fatalf("anchor %d of expression %d", x.Anchor, i)
			}
			if x.Value == "" || x.Type == "" {
				t.Fatalf("empty value or type: %+v", x)
			}
			if strings.ContainsAny(x.Value, " \n") {
				t.Fatalf("bad value %q", x.Value)
			}
		}
		for _, d := range diags {
			if !d.Span.Valid(len(text)) {
				t.Fatalf("diagnostic span %v out of bounds", d.Span)
			}
		}
	})
}
