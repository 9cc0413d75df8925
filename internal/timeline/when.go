package timeline

import (
	"strconv"
	"strings"
	"time"
)

// Precision is how finely a date is known.
type Precision string

// Precisions, finest first.
const (
	PrecDay     Precision = "day"
	PrecWeek    Precision = "week"
	PrecMonth   Precision = "month"
	PrecQuarter Precision = "quarter"
	PrecSeason  Precision = "season"
	PrecYear    Precision = "year"
	PrecDecade  Precision = "decade"
	PrecCentury Precision = "century"
	PrecUnknown Precision = "unknown"
)

// rank orders precisions from finest (0) to unknown.
func (p Precision) rank() int {
	switch p {
	case PrecDay:
		return 0
	case PrecWeek:
		return 1
	case PrecMonth:
		return 2
	case PrecQuarter, PrecSeason:
		return 3
	case PrecYear:
		return 4
	case PrecDecade:
		return 5
	case PrecCentury:
		return 6
	}
	return 7
}

// Relations of an event to its date.
const (
	RelOn      = ""        // within the interval
	RelBefore  = "before"  // some time before the interval
	RelAfter   = "after"   // some time after the interval
	RelOngoing = "ongoing" // started at or before the interval and continuing
)

// When is the date of an event as the reports tell it: an interval of
// calendar days [Start, End), how precisely it is known, and how the event
// relates to it (on, before, after, ongoing since).
type When struct {
	Value     string    `json:"value"`              // TIMEX3 value or the report date (2025-08-15, 2025-W34, 2025-08)
	Start     time.Time `json:"start,omitzero"`     // first day of the interval (UTC midnight)
	End       time.Time `json:"end,omitzero"`       // day after the last day
	Precision Precision `json:"precision"`          // day, week, month, ...
	Rel       string    `json:"rel,omitempty"`      // "", before, after, ongoing
	Reported  bool      `json:"reported,omitempty"` // no date in the text: the report date stands in
}

// reportSlack is how many days before its report an event told without a
// date may have taken place.
const reportSlack = 7

// Known reports whether the interval is known.
func (w When) Known() bool { return w.Precision != PrecUnknown && w.Precision != "" }

// String renders the date with its precision and relation: "2025-08-15",
// "week 2025-W34", "before 2025-08-15", "ongoing since 2022-02-24".
func (w When) String() string {
	if !w.Known() {
		return "date unknown"
	}
	s := w.Value
	switch w.Precision {
	case PrecWeek:
		s = "week " + s
	case PrecMonth, PrecYear, PrecQuarter, PrecSeason:
		s = "in " + s
	case PrecDecade:
		s = "in the " + s + "0s"
	}
	switch w.Rel {
	case RelBefore:
		return "before " + w.Value
	case RelAfter:
		return "after " + w.Value
	case RelOngoing:
		return "ongoing since " + w.Value
	}
	return s
}

// bounds returns the earliest and latest instants the event may lie in;
// open ends are the zero time.
func (w When) bounds() (lo, hi time.Time) {
	switch w.Rel {
	case RelOn:
		if w.Reported {
			// Told without a date: on the report date or in the days
			// before it.
			return w.Start.AddDate(0, 0, -reportSlack), w.End
		}
	case RelBefore:
		return time.Time{}, w.Start
	case RelAfter:
		return w.End, time.Time{}
	case RelOngoing:
		return w.Start, time.Time{}
	}
	return w.Start, w.End
}

// Compatible reports whether two dates can be the date of one event: their
// possible intervals overlap.
func (w When) Compatible(o When) bool {
	if !w.Known() || !o.Known() {
		return true
	}
	alo, ahi := w.bounds()
	blo, bhi := o.bounds()
	if !ahi.IsZero() && !blo.IsZero() && !blo.Before(ahi) {
		return false
	}
	if !bhi.IsZero() && !alo.IsZero() && !alo.Before(bhi) {
		return false
	}
	return true
}

// finer reports whether w is a better date than o: an explicit date over
// the report date, then a finer precision, then a plain date over a
// relation.
func (w When) finer(o When) bool {
	switch {
	case !o.Known():
		return w.Known()
	case !w.Known():
		return false
	case w.Reported != o.Reported:
		return !w.Reported
	case w.Precision.rank() != o.Precision.rank():
		return w.Precision.rank() < o.Precision.rank()
	case (w.Rel == RelOn) != (o.Rel == RelOn):
		return w.Rel == RelOn
	}
	return false
}

// sortKey is the instant used to order entries: the start of the interval;
// "before" dates just before it, "after" dates at its end.
func (w When) sortKey() time.Time {
	switch w.Rel {
	case RelBefore:
		return w.Start.Add(-time.Nanosecond)
	case RelAfter:
		return w.End
	}
	return w.Start
}

// ParseWhen reads a date as the event pass and the timex pass write it: a
// TIMEX3 value (2025-08-15, 2025-W34, 2025-08, 2025-Q3, 2025-SU, 2025, 202,
// 20, PRESENT_REF, PAST_REF, FUTURE_REF), optionally prefixed by "before ",
// "after " or "since ". ref is the report date for the *_REF values. An
// unreadable value gives a When with Precision unknown and no interval.
func ParseWhen(v string, ref time.Time) When {
	v = strings.TrimSpace(v)
	rel := RelOn
	for _, p := range [...]struct{ prefix, rel string }{{"before ", RelBefore}, {"after ", RelAfter}, {"since ", RelOngoing}} {
		if rest, ok := strings.CutPrefix(v, p.prefix); ok {
			v, rel = strings.TrimSpace(rest), p.rel
			break
		}
	}
	w := parseValue(v, ref)
	if w.Known() {
		if w.Rel == RelOn {
			w.Rel = rel
		}
	}
	return w
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// parseValue reads a bare TIMEX3 date value.
func parseValue(v string, ref time.Time) When {
	w := When{Value: v, Precision: PrecUnknown}
	if ref.IsZero() && strings.HasSuffix(v, "_REF") {
		return w
	}
	switch v {
	case "PRESENT_REF":
		d := day(ref.Year(), ref.Month(), ref.Day())
		return When{Value: d.Format(time.DateOnly), Start: d, End: d.AddDate(0, 0, 1), Precision: PrecDay}
	case "PAST_REF":
		d := day(ref.Year(), ref.Month(), ref.Day())
		return When{Value: d.Format(time.DateOnly), Start: d, End: d.AddDate(0, 0, 1), Precision: PrecDay, Rel: RelBefore}
	case "FUTURE_REF":
		d := day(ref.Year(), ref.Month(), ref.Day())
		return When{Value: d.Format(time.DateOnly), Start: d.AddDate(0, 0, 1), End: d.AddDate(0, 0, 2), Precision: PrecDay, Rel: RelAfter}
	}
	// Drop a time of day: 2025-08-15T10:00 is the day.
	if i := strings.IndexByte(v, 'T'); i == 10 {
		v = v[:10]
		w.Value = v
	}
	num := func(s string) (int, bool) {
		if s == "" {
			return 0, false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	parts := strings.Split(v, "-")
	switch len(parts[0]) {
	case 2: // century: "20" is 2000–2099
		if c, ok := num(parts[0]); ok && len(parts) == 1 {
			w.Start, w.End, w.Precision = day(c*100, 1, 1), day(c*100+100, 1, 1), PrecCentury
		}
		return w
	case 3: // decade: "202" is 2020–2029
		if d, ok := num(parts[0]); ok && len(parts) == 1 {
			w.Start, w.End, w.Precision = day(d*10, 1, 1), day(d*10+10, 1, 1), PrecDecade
		}
		return w
	case 4:
	default:
		return w
	}
	y, ok := num(parts[0])
	if !ok {
		return w
	}
	if len(parts) == 1 {
		w.Start, w.End, w.Precision = day(y, 1, 1), day(y+1, 1, 1), PrecYear
		return w
	}
	p := parts[1]
	switch {
	case len(p) == 3 && p[0] == 'W':
		n, ok := num(p[1:])
		if !ok || n < 1 || n > 53 {
			return w
		}
		// ISO week n: the week with the year's first Thursday is week 1.
		jan4 := day(y, 1, 4)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		start := monday.AddDate(0, 0, 7*(n-1))
		if len(parts) == 3 && parts[2] == "WE" {
			start = start.AddDate(0, 0, 5)
			w.Start, w.End, w.Precision = start, start.AddDate(0, 0, 2), PrecWeek
			return w
		}
		w.Start, w.End, w.Precision = start, start.AddDate(0, 0, 7), PrecWeek
		return w
	case len(p) == 2 && p[0] == 'Q':
		n, ok := num(p[1:])
		if !ok || n < 1 || n > 4 {
			return w
		}
		start := day(y, time.Month(3*(n-1)+1), 1)
		w.Start, w.End, w.Precision = start, start.AddDate(0, 3, 0), PrecQuarter
		return w
	case len(p) == 2 && p[0] == 'H':
		n, ok := num(p[1:])
		if !ok || n < 1 || n > 2 {
			return w
		}
		start := day(y, time.Month(6*(n-1)+1), 1)
		w.Start, w.End, w.Precision = start, start.AddDate(0, 6, 0), PrecQuarter
		return w
	case p == "SP" || p == "SU" || p == "FA" || p == "WI":
		m := time.March
		switch p {
		case "SU":
			m = time.June
		case "FA":
			m = time.September
		case "WI":
			m = time.December
		}
		start := day(y, m, 1)
		w.Start, w.End, w.Precision = start, start.AddDate(0, 3, 0), PrecSeason
		return w
	}
	mo, ok := num(p)
	if !ok || mo < 1 || mo > 12 {
		if p == "XX" {
			w.Start, w.End, w.Precision = day(y, 1, 1), day(y+1, 1, 1), PrecYear
		}
		return w
	}
	if len(parts) == 2 || parts[2] == "XX" {
		start := day(y, time.Month(mo), 1)
		w.Start, w.End, w.Precision = start, start.AddDate(0, 1, 0), PrecMonth
		return w
	}
	d, ok := num(parts[2])
	if !ok || d < 1 || d > 31 {
		return w
	}
	start := day(y, time.Month(mo), d)
	if start.Month() != time.Month(mo) { // 2025-02-30
		return w
	}
	w.Start, w.End, w.Precision = start, start.AddDate(0, 0, 1), PrecDay
	return w
}
