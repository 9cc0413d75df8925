package timeline

import (
	"testing"
	"time"
)

var ref = time.Date(2025, 8, 15, 14, 0, 0, 0, time.UTC) // a Friday

func TestParseWhen(t *testing.T) {
	for _, c := range []struct {
		in, start, end string
		prec           Precision
		rel            string
	}{
		{"2025-08-15", "2025-08-15", "2025-08-16", PrecDay, ""},
		{"2025-08-15T10:30", "2025-08-15", "2025-08-16", PrecDay, ""},
		{"2025-08-17TEV", "2025-08-17", "2025-08-18", PrecDay, ""},
		{"2025-W34", "2025-08-18", "2025-08-25", PrecWeek, ""},
		{"2025-W01", "2024-12-30", "2025-01-06", PrecWeek, ""},
		{"2025-W33-WE", "2025-08-16", "2025-08-18", PrecWeek, ""},
		{"2025-08", "2025-08-01", "2025-09-01", PrecMonth, ""},
		{"2025-08-XX", "2025-08-01", "2025-09-01", PrecMonth, ""},
		{"2025-Q3", "2025-07-01", "2025-10-01", PrecQuarter, ""},
		{"2025-H2", "2025-07-01", "2026-01-01", PrecQuarter, ""},
		{"2025-SU", "2025-06-01", "2025-09-01", PrecSeason, ""},
		{"2025-WI", "2025-12-01", "2026-03-01", PrecSeason, ""},
		{"2025", "2025-01-01", "2026-01-01", PrecYear, ""},
		{"2025-XX-XX", "2025-01-01", "2026-01-01", PrecYear, ""},
		{"202", "2020-01-01", "2030-01-01", PrecDecade, ""},
		{"20", "2000-01-01", "2100-01-01", PrecCentury, ""},
		{"PRESENT_REF", "2025-08-15", "2025-08-16", PrecDay, ""},
		{"PAST_REF", "2025-08-15", "2025-08-16", PrecDay, RelBefore},
		{"FUTURE_REF", "2025-08-16", "2025-08-17", PrecDay, RelAfter},
		{"before 2025-08-15", "2025-08-15", "2025-08-16", PrecDay, RelBefore},
		{"after 2025-08-15", "2025-08-15", "2025-08-16", PrecDay, RelAfter},
		{"since 2022-02-24", "2022-02-24", "2022-02-25", PrecDay, RelOngoing},
		{"XXXX-XX-XX", "", "", PrecUnknown, ""},
		{"2025-02-30", "", "", PrecUnknown, ""},
		{"2025-13", "", "", PrecUnknown, ""},
		{"2025-W60", "", "", PrecUnknown, ""},
		{"P3Y", "", "", PrecUnknown, ""},
		{"", "", "", PrecUnknown, ""},
		{"before ", "", "", PrecUnknown, ""},
		{"２０２５", "", "", PrecUnknown, ""},
	} {
		w := ParseWhen(c.in, ref)
		got := [3]string{fmtDay(w.Start), fmtDay(w.End), string(w.Precision)}
		want := [3]string{c.start, c.end, string(c.prec)}
		if got != want || w.Known() && w.Rel != c.rel {
			t.Errorf("ParseWhen(%q) = %v rel %q, want %v rel %q", c.in, got, w.Rel, want, c.rel)
		}
	}
}

func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func TestCompatible(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"2025-08-15", "2025-08-15", true},
		{"2025-08-15", "2025-08-18", false},
		{"2025-08-15", "2025-W33", true},
		{"2025-08-18", "2025-W34", true},
		{"2025-08", "2025-08-18", true},
		{"2025-07", "2025-08-18", false},
		{"before 2025-08-15", "2025-08-14", true},
		{"before 2025-08-15", "2025-08-15", false},
		{"after 2025-08-15", "2025-08-18", true},
		{"after 2025-08-15", "2025-08-15", false},
		{"after 2025-08-15", "before 2025-08-15", false},
		{"since 2022-02-24", "2025-08-15", true},
		{"since 2022-02-24", "2021", false},
		{"XXXX", "2025-08-15", true},
	} {
		a, b := ParseWhen(c.a, ref), ParseWhen(c.b, ref)
		if got := a.Compatible(b); got != c.want {
			t.Errorf("%q ~ %q = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := b.Compatible(a); got != c.want {
			t.Errorf("%q ~ %q = %v, want %v (reversed)", c.b, c.a, got, c.want)
		}
	}
	// A date the text does not give (the report date stands in) reaches
	// back a week.
	rep := ParseWhen("2025-08-19", ref)
	rep.Reported = true
	if !rep.Compatible(ParseWhen("2025-08-15", ref)) || rep.Compatible(ParseWhen("2025-08-01", ref)) {
		t.Error("report date: want compatible with 4 days before, not with 18")
	}
}

func TestWhenString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2025-08-15", "2025-08-15"},
		{"2025-W34", "week 2025-W34"},
		{"2025-08", "in 2025-08"},
		{"202", "in the 2020s"},
		{"before 2025-08-15", "before 2025-08-15"},
		{"since 2022-02-24", "ongoing since 2022-02-24"},
		{"junk", "date unknown"},
	} {
		if got := ParseWhen(c.in, ref).String(); got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzParseWhen(f *testing.F) {
	for _, s := range []string{"2025-08-15", "2025-W34-WE", "after 2025-Q3", "since 202", "PAST_REF", "2025-08-15T10", "20"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := ParseWhen(s, ref)
		if w.Known() != (w.Precision != PrecUnknown) {
			t.Fatalf("%q: known %v but precision %s", s, w.Known(), w.Precision)
		}
		if w.Known() && !w.Start.Before(w.End) {
			t.Fatalf("%q: empty interval %v..%v", s, w.Start, w.End)
		}
		_ = w.String()
		_ = w.Compatible(ParseWhen("2025-08-15", ref))
	})
}
