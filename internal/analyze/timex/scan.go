package timex

import (
	"strconv"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// result is one recognised expression: tokens [start, end) and its TIMEX3
// attributes. skip marks text consumed without an expression (ages: "a
// 10-year-old"), or a diagnosed impossible date.
type result struct {
	end     int
	typ     string
	val     string
	mod     string
	anchor  int
	p       point // the calendar value, when there is one
	hasP    bool
	skip    bool
	derived bool // computed from an earlier expression by a year's shift ("a year earlier"): not an anchor itself
	lead    int  // tokens at the start that are read but left out of the span (about, earlier)
}

// scanner holds the state of one scan: the text, its tokens and what has
// been found so far (later expressions anchor on earlier ones).
type scanner struct {
	t     *Tagger
	doc   *dateline.Document // may be nil (Find)
	text  string
	toks  []tok
	ref   time.Time
	known bool
	out   []dateline.TimeExpr
	pts   []point // parallel to out; g == 0 when the expression has no calendar value
	diags []dateline.Diagnostic
}

func (s *scanner) w(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].w
}

func (s *scanner) lx(i int) entry {
	if i < 0 || i >= len(s.toks) {
		return entry{}
	}
	return s.toks[i].lx
}

// adjacent reports whether tokens i and i+1 touch (no space between).
func (s *scanner) adjacent(i int) bool {
	return i+1 < len(s.toks) && s.toks[i].e == s.toks[i+1].s
}

// hyphen reports whether token i is a hyphen joining its neighbours.
func (s *scanner) hyphen(i int) bool {
	return s.w(i) == "-" && i > 0 && s.adjacent(i-1) && s.adjacent(i)
}

func (s *scanner) capital(i int) bool {
	c := s.text[s.toks[i].s]
	return c >= 'A' && c <= 'Z'
}

func (s *scanner) sentenceStart(i int) bool {
	if i == 0 {
		return true
	}
	switch s.w(i - 1) {
	case ".", "!", "?", "\"", "“", ":", ";":
		return true
	}
	// A line break before the token starts a block.
	return strings.IndexByte(s.text[s.toks[i-1].e:s.toks[i].s], '\n') >= 0
}

// scan finds the expressions in the tokens.
func (s *scanner) scan() {
	for i := 0; i < len(s.toks); {
		t := &s.toks[i]
		if t.k == kPunct || t.k == kWord && t.lx == (entry{}) {
			i++
			continue
		}
		r, ok := s.parse(i)
		if !ok || r.end <= i {
			i++
			continue
		}
		if !r.skip && !s.title(i, r.end) {
			s.emit(i, r)
		}
		i = r.end
	}
}

// title reports whether tokens [i, end) are part of a name rather than a
// time: a capitalised common time word inside a sentence, after a
// capitalised word or an opening quote ("ABC's \"This Week\"", "VOA
// Today", "High Noon"). Weekdays, months and holidays are always
// capitalised and stay times.
func (s *scanner) title(i, end int) bool {
	if i == 0 || !s.capital(i) {
		return false
	}
	for k := i; k < end; k++ {
		if e := s.lx(k); e.wday > 0 || e.month > 0 || e.has(fHoliday) || s.toks[k].k != kWord {
			return false
		}
	}
	switch p := s.w(i - 1); {
	case p == "\"" || p == "“" || p == "'" || p == "‘":
		// A quoted name after its owner: ABC's "This Week".
		return i >= 2 && (s.w(i-2) == "'s" || s.w(i-2) == "'" || s.toks[i-2].k == kWord && s.capital(i-2)) &&
			s.toks[i-2].e < s.toks[i-1].s
	case s.sentenceStart(i):
		return false
	case s.toks[i-1].k == kWord && s.capital(i-1) && !s.lx(i-1).has(fPos):
		return true
	}
	return false
}

func (s *scanner) emit(i int, r result) {
	if i+r.lead < r.end {
		i += r.lead
	}
	span := dateline.Span{Start: s.toks[i].s, End: s.toks[r.end-1].e}
	s.out = append(s.out, dateline.TimeExpr{Span: span, Type: r.typ, Value: r.val, Mod: r.mod, Anchor: r.anchor})
	if r.hasP && !r.derived {
		s.pts = append(s.pts, r.p)
	} else {
		s.pts = append(s.pts, point{})
	}
}

func (s *scanner) diag(i, end int, msg string) {
	span := dateline.Span{Start: s.toks[i].s, End: s.toks[end-1].e}
	s.diags = append(s.diags, dateline.Diagnostic{Span: span, Pass: Name, Severity: dateline.SevWarning, Message: msg})
}

// date builds a DATE result from a point.
func date(end int, p point) result {
	typ := dateline.TimeDate
	if p.g == gMinute || p.g == gPart {
		typ = dateline.TimeTime
	}
	return result{end: end, typ: typ, val: p.String(), p: p, hasP: true, anchor: -1}
}

func dur(end int, amount float64, u int8) result {
	return result{end: end, typ: dateline.TimeDuration, val: duration(amount, u), anchor: -1}
}

func ref(end int, v string) result {
	return result{end: end, typ: dateline.TimeDate, val: v, anchor: -1}
}

// parse tries every pattern at token i and keeps the longest.
func (s *scanner) parse(i int) (result, bool) {
	// Quantity modifiers: "more than two hours", "nearly three years".
	if j, mod := s.approxMod(i); j > i && s.w(j) != "the" {
		if r, ok := s.amount(j, false); ok && !r.skip {
			if r.mod == "" {
				r.mod = mod
			}
			switch s.w(i) {
			case "about", "around", "approximately", "roughly", "some":
				// Left out of the extent, as in TimeBank; the mod keeps it.
				r.lead = j - i
			}
			return r, true
		}
		if r, ok := s.timeOfDay(j); ok && mod == "APPROX" {
			r.mod, r.lead = mod, j-i
			return r, true
		}
	}
	// Position modifiers: "early next month", "the end of 1990", "mid-1990s".
	if j, mod := s.posMod(i); j > i {
		if r, ok := s.calendar(j); ok && !r.skip && r.hasP {
			r.mod = mod
			if w := s.w(i); (w == "earlier" || w == "later") && s.leavesAdverbOut(j, r.p.g) {
				// "earlier this week", "later Friday": TimeBank leaves the
				// adverb out; "earlier this year", "later yesterday" keep it.
				r.lead = j - i
			}
			if r.p.g == gDecade && s.w(i) == "the" {
				r.lead = 1
			}
			return r, true
		}
		if mod == "MID" {
			if r, ok := s.midPart(j); ok {
				r.mod = mod
				return r, true
			}
		}
	}
	return s.core(i)
}

// midPart reads the part of day after "mid": "mid-afternoon" (of the
// reference day), "mid-morning yesterday".
func (s *scanner) midPart(j int) (result, bool) {
	e := s.lx(j)
	if e.part == 0 || e.part == 4 {
		return result{}, false
	}
	p := s.refPoint(gDay)
	end := j + 1
	if d := s.lx(end); d.has(fDeictic) && d.part == 0 {
		p = p.shift(d.day)
		end++
	}
	p.g, p.part = gPart, e.part
	return date(end, p), true
}

// core tries the patterns that start an expression without a modifier.
func (s *scanner) core(i int) (result, bool) {
	r, ok := s.core1(i)
	if ok && !r.skip && s.w(r.end) == "or" && s.w(r.end+1) == "so" {
		r.end += 2 // "the next year or so"
	}
	if ok && !r.skip && r.hasP && r.p.known && s.w(r.end) == "a" && s.w(r.end+1) == "year" &&
		(s.w(r.end+2) == "ago" || s.w(r.end+2) == "earlier") && r.p.g >= gHalf && r.p.g <= gMonth {
		// "the quarter a year ago": the same period a year back.
		switch r.p.g {
		case gHalf:
			r.p = r.p.shift(-2)
		case gQuarter:
			r.p = r.p.shift(-4)
		case gSeason:
			r.p = r.p.shift(-4)
		case gMonth:
			r.p = r.p.shift(-12)
		}
		r.val, r.end, r.derived = r.p.String(), r.end+3, true
	}
	return r, ok
}

func (s *scanner) core1(i int) (result, bool) {
	var best result
	found := false
	try := func(r result, ok bool) {
		if ok && (!found || r.end > best.end) {
			best, found = r, true
		}
	}
	try(s.calendar(i))
	try(s.amount(i, true))
	try(s.timeOfDay(i))
	try(s.set(i))
	try(s.refWord(i))
	try(s.anniversary(i))
	try(s.sinceEvent(i))
	try(s.yearEnd(i))
	try(s.dayAfterDate(i))
	return best, found
}

// dayAfterDate reads the bare day of a pair or range after a full date:
// the 25 of "April 24 and 25", "May 3-5".
func (s *scanner) dayAfterDate(i int) (result, bool) {
	d, j := s.dayNum(i)
	if d == 0 || i < 2 || len(s.out) == 0 || s.lx(j).unit > 0 || s.lx(j).month > 0 || s.w(j) == "%" {
		return result{}, false
	}
	switch s.w(i - 1) {
	case "and", "or", "to", "through", "-":
	default:
		return result{}, false
	}
	k := len(s.out) - 1
	p := s.pts[k]
	if s.out[k].End != s.toks[i-2].e || p.g != gDay || p.part != 0 {
		return result{}, false
	}
	if p.known {
		y, m, d0 := p.t.Date()
		if d <= d0 || !validDate(y, int(m), d) {
			return result{}, false
		}
		p.t = day(y, m, d)
	} else {
		if p.m == 0 || d <= p.d || !validDate(p.y, p.m, d) {
			return result{}, false
		}
		p.d = d
	}
	r := date(j, p)
	r.anchor = k
	return r, true
}

// yearEnd reads "year-end", "year end", "year's end" after a preposition
// ("by year-end", "since year end"): the end of the reference year, of
// the year before after "since".
func (s *scanner) yearEnd(i int) (result, bool) {
	if s.w(i) != "year" {
		return result{}, false
	}
	j := i + 1
	switch {
	case s.hyphen(j) || s.w(j) == "'s":
		j++
	}
	if s.w(j) != "end" || s.hyphen(j+1) {
		return result{}, false
	}
	prep := s.w(i - 1)
	switch prep {
	case "by", "at", "until", "till", "since", "around", "before", "after", "near", "through", "toward", "towards":
	default:
		return result{}, false
	}
	p := s.refPoint(gYear)
	if prep == "since" {
		p = p.shift(-1)
	}
	r := date(j+1, p)
	r.mod = "END"
	return r, true
}

// calendar tries the patterns whose value is a calendar point.
func (s *scanner) calendar(i int) (result, bool) {
	var best result
	found := false
	try := func(r result, ok bool) {
		if ok && (!found || r.end > best.end) {
			best, found = r, true
		}
	}
	try(s.absDate(i))
	try(s.relative(i))
	try(s.deictic(i))
	try(s.quarter(i))
	try(s.decade(i))
	try(s.holiday(i))
	return best, found
}

// approxMod reads a quantity modifier at i and returns the token after it.
func (s *scanner) approxMod(i int) (int, string) {
	w0, w1 := s.w(i), s.w(i+1)
	switch w0 {
	case "more", "greater", "longer":
		if w1 == "than" {
			return i + 2, "MORE_THAN"
		}
	case "over", "above", "upwards":
		return i + 1, "MORE_THAN"
	case "less", "fewer", "shorter":
		if w1 == "than" {
			return i + 2, "LESS_THAN"
		}
	case "nearly", "almost", "under":
		return i + 1, "LESS_THAN"
	case "just", "well":
		switch w1 {
		case "over", "above":
			return i + 2, "MORE_THAN"
		case "under":
			return i + 2, "LESS_THAN"
		}
	case "at":
		switch w1 {
		case "least":
			return i + 2, "EQUAL_OR_MORE"
		case "most":
			return i + 2, "EQUAL_OR_LESS"
		}
	case "no":
		if s.w(i+2) == "than" {
			switch w1 {
			case "more":
				return i + 3, "EQUAL_OR_LESS"
			case "less":
				return i + 3, "EQUAL_OR_MORE"
			}
		}
	case "up":
		if w1 == "to" {
			return i + 2, "EQUAL_OR_LESS"
		}
	case "about", "around", "approximately", "roughly", "some", "nearly-":
		return i + 1, "APPROX"
	case "close":
		if w1 == "to" {
			return i + 2, "APPROX"
		}
	}
	return i, ""
}

// posMod reads a position modifier at i: early, late, mid(-), the end of,
// the beginning of, earlier, later.
func (s *scanner) posMod(i int) (int, string) {
	j := i
	if s.w(j) == "the" {
		j++
	}
	switch s.w(j) {
	case "early", "late":
		mod := s.lx(j).mod
		if s.hyphen(j + 1) {
			return j + 2, mod
		}
		return j + 1, mod
	case "mid":
		if s.hyphen(j + 1) {
			return j + 2, "MID"
		}
		return j + 1, "MID"
	case "earlier", "later":
		// Only "earlier this year", "later that month".
		if n := s.lx(j + 1); j == i && (n.has(fRelThis) || n.has(fRelNext) || n.has(fRelPast) || n.has(fDeictic) || n.wday > 0 && len(s.w(j+1)) > 5) {
			return j + 1, s.lx(j).mod
		}
	case "end", "beginning", "start", "middle", "turn":
		if j > i && s.w(j+1) == "of" {
			switch s.w(j) {
			case "end":
				return j + 2, "END"
			case "middle":
				return j + 2, "MID"
			}
			return j + 2, "START"
		}
	}
	return i, ""
}

// ---- absolute dates ------------------------------------------------------

// monthAt reads a month name at i (with the dot of an abbreviation) and
// returns the month and the next token; strict requires more evidence for
// words that are also common words (May, March).
func (s *scanner) monthAt(i int) (int, int) {
	e := s.lx(i)
	if e.month == 0 || s.toks[i].k != kWord {
		return 0, i
	}
	j := i + 1
	if s.w(j) == "." && s.adjacent(i) && !s.fullMonth(i) {
		j++
	}
	return int(e.month), j
}

// full reports whether token i spells the full month name (not "jan").
func (s *scanner) fullMonth(i int) bool {
	switch s.w(i) {
	case "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec":
		return false
	}
	return true
}

// dayNum reads a day of the month: 15, 15th, 1st.
func (s *scanner) dayNum(i int) (int, int) {
	if i >= len(s.toks) || s.toks[i].k != kNum {
		return 0, i
	}
	t := s.toks[i]
	n := t.num
	if n < 0 {
		w := t.w
		k := 0
		for k < len(w) && isDigit(w[k]) {
			k++
		}
		switch w[k:] {
		case "st", "nd", "rd", "th":
			n, _ = strconv.Atoi(w[:k])
		default:
			return 0, i
		}
	}
	if n < 1 || n > 99 || len(t.w) > 4 {
		return 0, i
	}
	return n, i + 1
}

// yearNum reads a four-digit year (or a spoken one: nineteen ninety-six).
func (s *scanner) yearNum(i int) (int, int) {
	if i >= len(s.toks) {
		return 0, i
	}
	t := s.toks[i]
	if t.k == kNum && t.num >= 0 && len(t.w) == 4 {
		return t.num, i + 1
	}
	if t.w == "nineteen" || t.w == "twenty" {
		// nineteen ninety-six, nineteen eighty, twenty twenty-five
		base := 1900
		if t.w == "twenty" {
			base = 2000
		}
		e := s.lx(i + 1)
		if e.tens && e.num >= 10 {
			v, j := e.num, i+2
			if s.hyphen(j) && s.lx(j+1).num > 0 && s.lx(j+1).num < 10 && s.w(j+1) != "a" && s.w(j+1) != "an" {
				v += s.lx(j + 1).num
				j += 2
			} else if n := s.lx(j).num; n > 0 && n < 10 && s.w(j) != "a" && s.w(j) != "an" {
				v += n
				j++
			}
			return base + v, j
		}
	}
	if t.w == "two" && s.w(i+1) == "thousand" {
		j := i + 2
		v := 2000
		if s.w(j) == "and" && s.lx(j+1).num > 0 && s.lx(j+1).num < 20 && s.w(j+1) != "a" {
			v += s.lx(j + 1).num
			j += 2
		}
		return v, j
	}
	return 0, i
}

// validDate reports whether y-m-d exists (y == 0: any leap year).
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	if y == 0 {
		y = 2000
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (s *scanner) absDate(i int) (result, bool) {
	start := i
	// An optional weekday: "Monday, Oct. 26".
	wd := 0
	if e := s.lx(i); e.wday > 0 && len(s.w(i)) > 5 {
		j := i + 1
		if s.w(j) == "," {
			j++
		}
		if m, _ := s.monthAt(j); m > 0 {
			wd, i = int(e.wday), j
		} else if d, _ := s.dayNum(j); d > 0 {
			if m, _ := s.monthAt(j + 1); m > 0 {
				wd, i = int(e.wday), j
			}
		}
	}
	_ = wd
	if y, j := s.isoDate(i); y.g != 0 {
		return date(j, y), true
	}
	if m, j := s.monthAt(i); m > 0 && (s.capital(i) || s.w(i) != "may" && s.w(i) != "march") {
		// Month day [, year]
		if d, k := s.dayNum(j); d > 0 && (s.capital(i) || s.w(i) != "may" && s.w(i) != "march") {
			if y, l := s.yearAfterDay(k); y != 0 {
				if y < 0 {
					s.diag(start, l, "year out of range")
					return result{end: l, skip: true}, true
				}
				if !validDate(y, m, d) {
					s.diag(start, l, "impossible date: "+s.text[s.toks[start].s:s.toks[l-1].e])
					return result{end: l, skip: true}, true
				}
				return date(l, at(day(y, time.Month(m), d), gDay)), true
			}
			if !validDate(0, m, d) {
				s.diag(start, k, "impossible date: "+s.text[s.toks[start].s:s.toks[k-1].e])
				return result{end: k, skip: true}, true
			}
			return date(k, s.monthDay(m, d, start, k)), true
		}
		// Month [,] year
		k := j
		if s.w(k) == "," {
			k++
		}
		if y, l := s.yearNum(k); y > 0 && (s.capital(i) || s.w(i) != "may") {
			return date(l, at(day(y, time.Month(m), 1), gMonth)), true
		}
		// "June last year", "January this year"
		if e := s.lx(j); (e.has(fRelThis) || e.has(fRelPast) || e.has(fRelNext)) && s.w(j+1) == "year" && s.known && s.w(j) != "past" {
			y := s.ref.Year()
			switch {
			case e.has(fRelPast):
				y--
			case e.has(fRelNext):
				y++
			}
			return date(j+2, at(day(y, time.Month(m), 1), gMonth)), true
		}
		// "of" year: "June of 1998"
		if s.w(j) == "of" {
			if y, l := s.yearNum(j + 1); y > 0 {
				return date(l, at(day(y, time.Month(m), 1), gMonth)), true
			}
		}
		// Month alone: only full names, capitalised; May and March need a
		// preposition before them.
		if s.fullMonth(i) && s.capital(i) && start == i {
			switch s.w(i) {
			case "may", "march":
				switch s.w(i - 1) {
				case "in", "since", "until", "by", "last", "next", "this", "early", "late", "mid", "of", "through", "from", "to", "during", "before", "after", "-":
				default:
					return result{}, false
				}
			}
			return date(j, s.month(m, i, j)), true
		}
		return result{}, false
	}
	// Day Month [Year]: "15 August 2025"
	if d, j := s.dayNum(i); d > 0 && d <= 31 {
		if m, k := s.monthAt(j); m > 0 && s.capital(j) {
			if y, l := s.yearNum(k); y > 0 {
				if !validDate(y, m, d) {
					s.diag(start, l, "impossible date")
					return result{end: l, skip: true}, true
				}
				return date(l, at(day(y, time.Month(m), d), gDay)), true
			}
			if !validDate(0, m, d) {
				s.diag(start, k, "impossible date")
				return result{end: k, skip: true}, true
			}
			return date(k, s.monthDay(m, d, start, k)), true
		}
	}
	// "the winter of 1994", "summer 2025"
	{
		j := i
		if s.w(j) == "the" {
			j++
		}
		if e := s.lx(j); e.season > 0 {
			k := j + 1
			if s.w(k) == "of" {
				k++
			}
			if y, l := s.yearNum(k); y > 0 {
				return date(l, point{g: gSeason, known: true, t: day(y, 1, 1), n: int(e.season)}), true
			}
		}
	}
	// A year on its own, or "the year 2000".
	j := i
	if s.w(j) == "the" && s.w(j+1) == "year" {
		j += 2
	}
	if y, k := s.yearNum(j); y > 0 && s.plausibleYear(j, k, y) {
		return date(k, at(day(y, 1, 1), gYear)), true
	}
	return result{}, false
}

// yearAfterDay reads ", 1998" or " 1998" after a day; -1 for a year out of
// range (5+ digits).
func (s *scanner) yearAfterDay(k int) (int, int) {
	l := k
	if s.w(l) == "," {
		l++
	}
	if l < len(s.toks) && s.toks[l].k == kNum && s.toks[l].num >= 0 {
		if n := len(s.toks[l].w); n == 4 {
			return s.toks[l].num, l + 1
		} else if n > 4 && s.w(k) == "," {
			return -1, l + 1
		}
	}
	if y, m := s.yearNum(l); y > 0 && l > k {
		return y, m
	}
	return 0, k
}

// plausibleYear filters four-digit numbers that are not years.
func (s *scanner) plausibleYear(i, j, y int) bool {
	if s.toks[i].k != kNum {
		return true // spoken
	}
	if y < 1000 || y > 2099 {
		return false
	}
	switch s.w(i - 1) {
	case "-":
		switch s.w(i - 2) {
		case "mid", "pre", "post", "early", "late":
		default:
			return false
		}
	case "$", "#", "no", "number", "route", "flight", "room", "£", "€", "+", "/":
		return false
	}
	if s.hyphen(j) {
		return false // "1984-85", a range or a code
	}
	switch s.w(j) {
	case "%", "/", "percent", "people", "members", "troops", "workers", "employees", "jobs", "shares",
		"votes", "miles", "kilometers", "feet", "meters", "tons", "dollars", "yards", "points", "cases", "deaths":
		return false
	}
	return true
}

// isoDate reads 2025-08-15 and 8/15/2025.
func (s *scanner) isoDate(i int) (point, int) {
	t := s.toks
	if i+4 < len(t) && t[i].k == kNum && len(t[i].w) == 4 && s.hyphen(i+1) && t[i+2].k == kNum && s.hyphen(i+3) && t[i+4].k == kNum &&
		len(t[i+2].w) == 2 && len(t[i+4].w) == 2 {
		y, m, d := t[i].num, t[i+2].num, t[i+4].num
		if validDate(y, m, d) {
			return at(day(y, time.Month(m), d), gDay), i + 5
		}
	}
	if i+4 < len(t) && t[i].k == kNum && t[i+1].w == "/" && t[i+2].k == kNum && t[i+3].w == "/" && t[i+4].k == kNum &&
		s.adjacent(i) && s.adjacent(i+1) && s.adjacent(i+2) && s.adjacent(i+3) && len(t[i+4].w) == 4 {
		m, d, y := t[i].num, t[i+2].num, t[i+4].num
		if validDate(y, m, d) {
			return at(day(y, time.Month(m), d), gDay), i + 5
		}
	}
	return point{}, i
}

// ---- resolution against the reference ------------------------------------

// month resolves a month name without a year by the tense of its clause.
func (s *scanner) month(m, i, j int) point {
	if !s.known {
		return point{g: gMonth, m: m}
	}
	y := s.ref.Year()
	diff := m - int(s.ref.Month())
	if diff < -2 || diff > 2 {
		// Close months stay in the reference year; others follow the
		// tense, else the nearest.
		switch t := s.tense(i, j); {
		case t > 0 && diff < 0:
			y++
		case t < 0 && diff > 0:
			y--
		case t == 0 && diff > 6:
			y--
		case t == 0 && diff < -6:
			y++
		}
	}
	return at(day(y, time.Month(m), 1), gMonth)
}

// monthDay resolves a month and day without a year.
func (s *scanner) monthDay(m, d, i, j int) point {
	if !s.known {
		return point{g: gDay, m: m, d: d}
	}
	y := s.ref.Year()
	if !validDate(y, m, d) {
		d = 28
	}
	diff := int(day(y, time.Month(m), d).Sub(s.ref).Hours() / 24)
	if diff < -60 || diff > 60 {
		// Days close to the reference stay in its year; others follow the
		// tense, else lean back, as a report looks back more often than
		// ahead: an untensed day more than five months ahead is last
		// year's ("its record high set on Aug. 6" read in February).
		switch t := s.tense(i, j); {
		case t > 0 && diff < 0:
			y++
		case t < 0 && diff > 0:
			y--
		case t == 0 && diff > 150:
			y--
		case t == 0 && diff < -215:
			y++
		}
	}
	if !validDate(y, m, d) { // 29 February outside a leap year
		d = 28
	}
	return at(day(y, time.Month(m), d), gDay)
}

// weekday resolves a bare weekday: in past-tense reporting the one in the
// week up to the reference, in a future clause the next one.
func (s *scanner) weekday(wd, i, j int) point {
	if !s.known {
		return point{g: gDay, wd: wd}
	}
	cur := isoWeekday(s.ref)
	if s.tense(i, j) > 0 {
		return at(s.ref.AddDate(0, 0, (wd-cur+7)%7), gDay)
	}
	return at(s.ref.AddDate(0, 0, -((cur-wd+7)%7)), gDay)
}

func isoWeekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}

// refPoint is the reference at granularity g (unknown when there is none).
func (s *scanner) refPoint(g int8) point {
	if !s.known {
		return point{g: g}
	}
	return at(s.ref, g)
}

// reportQuarter returns the index of the quarter a year-ago comparison
// counts from ("the year-ago period", "year-earlier results"): the last
// quarter named that has ended by the reference date (an earnings report
// compares the quarter it reports, not the one under way or forecast), or
// -1.
func (s *scanner) reportQuarter() int {
	for k := len(s.pts) - 1; k >= 0; k-- {
		p := s.pts[k]
		if !p.known || p.g != gQuarter {
			continue
		}
		next := day(p.t.Year(), time.Month((p.n-1)*3+1), 1).AddDate(0, 3, 0)
		if !s.known || !next.After(s.ref) {
			return k
		}
	}
	return -1
}

// sentencesSince counts the sentence ends between expression l and token i.
func (s *scanner) sentencesSince(l, i int) int {
	n := 0
	for k := i - 1; k >= 0 && s.toks[k].s >= s.out[l].End; k-- {
		if s.boundary(k) {
			n++
		}
	}
	return n
}

// lastIndex returns the index of the last expression whose calendar value
// has at least granularity g (finer or equal), or -1.
func (s *scanner) lastIndex(g int8) int {
	for k := len(s.pts) - 1; k >= 0; k-- {
		if s.pts[k].known && s.pts[k].g >= g && s.pts[k].g != gWeekend {
			return k
		}
	}
	return -1
}

// ---- relative expressions ------------------------------------------------

func (s *scanner) relative(i int) (result, bool) {
	j := i
	the := false
	if s.w(j) == "the" {
		the = true
		j++
		switch s.w(j) {
		case "full", "entire", "whole":
			if s.w(j+1) == "year" {
				j++
			}
		}
	}
	e := s.lx(j)
	dir, rel := 0, ""
	switch {
	case e.has(fRelPast):
		dir, rel = -1, s.w(j)
		j++
	case e.has(fRelNext):
		dir, rel = +1, s.w(j)
		j++
	case e.has(fRelThis):
		dir, rel = 0, s.w(j)
		j++
	case s.w(j) == "latest" || s.w(j) == "recent":
		rel = s.w(j)
		j++
	}
	if rel == "that" && s.w(j) == "same" {
		j++ // "that same day"
	}
	if s.w(j) == "fiscal" && s.lx(j+1).unit == uYear && !s.lx(j+1).plural && (rel != "" || the) {
		j++ // "the current fiscal year", "last fiscal year"
	}
	if rel == "" && !the && !(s.lx(j).season > 0 && s.w(i-2) == "the" && s.lx(i-1).has(fPos)) {
		return s.weekdayAlone(i)
	}
	if rel == "same" && !the || rel == "present" && !the || rel == "past" && !the && s.w(i-1) != "in" && s.w(i-1) != "over" && s.w(i-1) != "for" {
		if rel != "past" {
			return result{}, false
		}
	}
	n := s.lx(j)
	switch {
	case n.wday > 0 && rel != "" && len(s.w(j)) > 5:
		if !s.known {
			return date(j+1, point{g: gDay, wd: int(n.wday)}), true
		}
		cur := isoWeekday(s.ref)
		wd := int(n.wday)
		if the && rel != "last" && rel != "next" && rel != "this" && rel != "coming" {
			// "the previous Friday", "the following Monday": from the day
			// last named.
			if k := s.lastIndex(gDay); k >= 0 && dir != 0 {
				base := s.pts[k].t
				d := (wd - isoWeekday(base) + 7) % 7
				if dir < 0 {
					d = -((isoWeekday(base) - wd + 7) % 7)
				}
				if d == 0 {
					d = 7 * dir
				}
				r, ok := s.withPart(j+1, at(base.AddDate(0, 0, d), gDay))
				r.anchor = k
				return r, ok
			}
		}
		var t time.Time
		switch {
		case dir < 0:
			d := (cur - wd + 7) % 7
			if d == 0 {
				d = 7
			}
			t = s.ref.AddDate(0, 0, -d)
		case dir > 0:
			d := (wd - cur + 7) % 7
			if d == 0 {
				d = 7
			}
			t = s.ref.AddDate(0, 0, d)
		default:
			return date(j+1, s.weekday(wd, i, j+1)), true
		}
		return s.withPart(j+1, at(t, gDay))
	case n.month > 0 && rel != "" && s.fullMonth(j) && (s.capital(j) || s.w(j) != "may" && s.w(j) != "march"):
		m := int(n.month)
		if !s.known {
			return date(j+1, point{g: gMonth, m: m}), true
		}
		y, rm := s.ref.Year(), int(s.ref.Month())
		switch {
		case dir < 0 && m >= rm:
			y--
		case dir > 0 && m <= rm:
			y++
		}
		if dir < 0 && (rm-m+12)%12 == 1 {
			// The month just past is "last month": "last February" said
			// on March 1 is the one a year before.
			y--
		}
		return date(j+1, at(day(y, time.Month(m), 1), gMonth)), true
	case n.season > 0 && rel == "" && s.w(j+1) != "of" && (the || s.w(i-2) == "the" && s.lx(i-1).has(fPos)):
		// "over the summer", "the early summer": the one of the year,
		// moved by the tense when it lies on the other side of now.
		p := s.refPoint(gSeason)
		if !s.known {
			p.n = int(n.season)
			return date(j+1, p), true
		}
		cur := p.n
		p.n = int(n.season)
		switch t := s.tense(i, j+1); {
		case t > 0 && p.n < cur:
			p = p.shift(4)
		case t < 0 && p.n > cur:
			p = p.shift(-4)
		}
		return date(j+1, p), true
	case n.season > 0 && rel != "":
		p := s.refPoint(gSeason)
		if !s.known {
			p.n = int(n.season)
			return date(j+1, p), true
		}
		cur := p.n
		p.n = int(n.season)
		switch {
		case dir < 0 && p.n >= cur:
			p = p.shift(-4)
		case dir > 0 && p.n <= cur:
			p = p.shift(4)
		}
		return date(j+1, p), true
	case n.part > 0 && the && (rel == "next" || rel == "following" || rel == "previous" || rel == "preceding" || rel == "same"):
		// "the next morning", "the previous night", "the same evening": a
		// part of the day after (before, of) the day last named, else of
		// the reference.
		p, anchor := s.refPoint(gDay), -1
		if k := s.lastIndex(gDay); k >= 0 {
			p, anchor = at(s.pts[k].t, gDay), k
		}
		if rel != "same" {
			p = p.shift(dir)
		}
		p.g, p.part = gPart, n.part
		r := date(j+1, p)
		r.anchor = anchor
		return r, true
	case n.part > 0 && (rel == "this" || rel == "that" || rel == "last" || rel == "same") && !the:
		// this morning, last night
		p := s.refPoint(gPart)
		anchor := -1
		if rel == "last" {
			if n.part != 4 {
				return result{}, false
			}
			p = p.shift(-1)
		}
		if rel == "that" || rel == "same" {
			if k := s.lastIndex(gDay); k >= 0 {
				p, anchor = at(s.pts[k].t, gPart), k
			}
		}
		p.g, p.part = gPart, n.part
		r := date(j+1, p)
		r.anchor = anchor
		return r, true
	case n.unit > 0 && !n.plural && n.unit != uHalf:
		return s.relUnit(i, j, n.unit, dir, rel, the)
	case n.unit > 0 && n.plural && (rel == "recent" || rel == "coming" || rel == "past" || rel == "next" || rel == "last"):
		if rel == "recent" && n.unit == uYear {
			return ref(j+1, "PAST_REF"), true
		}
		return dur(j+1, -1, n.unit), true
	}
	// A number after a relative word: "the past two months", "the next
	// several days", "the first nine months".
	if r, ok := s.amount(i, false); ok {
		return r, true
	}
	return result{}, false
}

// relUnit resolves "last week", "this year", "the following day", "that
// month", "the weekend".
func (s *scanner) relUnit(i, j int, u int8, dir int, rel string, the bool) (result, bool) {
	g := unitGran(u)
	if g == 0 || g == gMinute {
		return result{}, false
	}
	end := j + 1
	if (u == uDecade || u == uCentury) && (rel == "past" || rel == "last" || rel == "next" || rel == "coming") {
		// "the past decade": the ten years up to now.
		return dur(end, 1, u), true
	}
	if u == uYear && the && rel == "" {
		switch s.w(j - 1) {
		case "full", "entire", "whole":
			return date(end, s.refPoint(gYear)), true
		}
	}
	if u == uDay && s.w(end) == "before" || u == uDay && s.w(end) == "after" {
		// "the day before", "the day after": relative to an earlier date.
		if !the || rel != "" {
			return result{}, false
		}
		if s.w(end) == "before" {
			dir = -1
		} else {
			dir = +1
		}
		switch s.w(end + 1) {
		case "yesterday":
			p := s.refPoint(gDay).shift(-2)
			return date(end+2, p), true
		case "tomorrow":
			p := s.refPoint(gDay).shift(2)
			return date(end+2, p), true
		}
		if k := len(s.out) - 1; k >= 0 && s.w(i-1) == "," && s.toks[i-2].e == s.out[k].End && s.pts[k].known && s.pts[k].g == gDay {
			// "Oct. 12, the day before the crash": an apposition, the
			// date just named.
			r := date(end, s.pts[k])
			r.anchor = k
			return r, true
		}
		if r, ok := s.calendar(end + 1); ok && !r.skip && r.hasP && r.p.known && r.p.g == gDay {
			// "the day before last Tuesday": a day from the date named.
			r.p = r.p.shift(dir)
			r.val = r.p.String()
			return r, true
		}
		rel = "following"
		end++
	}
	switch rel {
	case "", "latest":
		// "the week", "the year", "the weekend", "the quarter": the current one.
		switch u {
		case uWeekend:
			p := s.refPoint(gWeekend)
			if s.tense(i, end) <= 0 && s.known && isoWeekday(s.ref) < 6 {
				p = p.shift(-1)
			}
			return date(end, p), true
		case uQuarter:
			p := s.refPoint(gQuarter)
			if w := s.w(end); (w == "ended" || w == "ending") && s.known {
				// "the quarter ended July 31": the quarter most of whose
				// days fall in the calendar quarter before that day.
				if r, ok := s.absDate(end + 1); ok && !r.skip && r.hasP && r.p.known && r.p.g == gDay {
					q := at(r.p.t.AddDate(0, 0, -45), gQuarter)
					return date(end, q), true
				}
			}
			if rel == "latest" || s.tense(i, end) <= 0 {
				// "the latest quarter" is the last one reported.
				p = p.shift(-1)
			}
			return date(end, p), true
		case uYear, uWeek, uMonth:
			if rel == "latest" {
				return result{}, false
			}
			if u == uWeek && s.w(end) == "of" {
				// "the week of March 6": the week holding that day.
				if r, ok := s.calendar(end + 1); ok && !r.skip && r.hasP && r.p.known && r.p.g == gDay {
					r.p = at(r.p.t, gWeek)
					r.val = r.p.String()
					return r, true
				}
			}
			if s.w(end) == "ended" || s.w(end) == "ending" {
				// "the year ended March 31": a fiscal year, a duration.
				return dur(end, 1, u), true
			}
			return date(end, s.refPoint(g)), true
		}
		return result{}, false
	case "that", "same":
		k := s.lastIndex(g)
		if k < 0 {
			if rel == "that" && u != uDay {
				return date(end, s.refPoint(g)), true
			}
			return result{}, false
		}
		p := at(s.pts[k].t, g)
		r := date(end, p)
		r.anchor = k
		return r, true
	case "following", "next", "previous", "preceding", "prior", "subsequent", "ensuing":
		if u == uDay || rel != "next" && rel != "previous" {
			// Anchored on the last expression: "the following day".
			if k := s.lastIndex(g); k >= 0 && u != uWeekend {
				p := at(s.pts[k].t, g).shift(dir)
				r := date(end, p)
				r.anchor = k
				return r, true
			}
			if u == uDay && rel != "next" {
				return result{}, false
			}
		}
	}
	if u == uDay {
		if rel == "next" && !the || rel == "this" || rel == "current" || rel == "past" || rel == "last" {
			return result{}, false
		}
	}
	p := s.refPoint(g)
	if u == uWeekend {
		if dir == 0 && s.tense(i, end) < 0 && s.known && isoWeekday(s.ref) < 6 {
			dir = -1
		}
	}
	if u == uQuarter && dir < 0 {
		// "last quarter" in earnings reports is the last completed one.
		return date(end, p.shift(-1)), true
	}
	return date(end, p.shift(dir)), true
}

// weekdayAlone resolves "Friday", "Friday morning", "Monday's".
func (s *scanner) weekdayAlone(i int) (result, bool) {
	e := s.lx(i)
	if e.wday == 0 || len(s.w(i)) < 6 {
		return result{}, false
	}
	if !s.capital(i) {
		return result{}, false
	}
	return s.withPart(i+1, s.weekday(int(e.wday), i, i+1))
}

// withPart extends a day by a following part of day: "Friday morning" is
// 2025-08-15TMO.
func (s *scanner) withPart(j int, p point) (result, bool) {
	if e := s.lx(j); e.part > 0 && p.g == gDay {
		p.g, p.part = gPart, e.part
		return date(j+1, p), true
	}
	return date(j, p), true
}

// deictic reads today, yesterday, tomorrow, tonight (with a part of day).
func (s *scanner) deictic(i int) (result, bool) {
	e := s.lx(i)
	if !e.has(fDeictic) {
		return result{}, false
	}
	p := s.refPoint(gDay).shift(e.day)
	if e.part > 0 {
		p.g, p.part = gPart, e.part
		return date(i+1, p), true
	}
	return s.withPart(i+1, p)
}

// ---- amounts: durations, "ago", ages --------------------------------------

// number reads a cardinal at i: 10, 2 1/2, two, twenty-four, a, several, a
// few. It returns the amount (-1 unknown) and the next token.
func (s *scanner) number(i int) (float64, int, bool) {
	if i >= len(s.toks) {
		return 0, i, false
	}
	t := s.toks[i]
	if t.k == kNum {
		v := float64(t.num)
		if t.num < 0 {
			f, err := strconv.ParseFloat(t.w, 64)
			if err != nil || strings.ContainsAny(t.w, ",:") {
				return 0, i, false
			}
			v = f
		}
		j := i + 1
		// 5 1/2
		if j+2 < len(s.toks) && s.toks[j].k == kNum && s.w(j+1) == "/" && s.w(j+2) == "2" && s.w(j) == "1" {
			v += 0.5
			j += 3
		} else if s.w(j) == "½" {
			v += 0.5
			j++
		}
		if s.w(j) == "and" && s.w(j+1) == "a" && s.w(j+2) == "half" {
			v += 0.5
			j += 3
		}
		return v, j, true
	}
	w := t.w
	switch w {
	case "a", "an":
		switch s.w(i + 1) {
		case "few", "couple":
			j := i + 2
			if s.w(j) == "of" {
				j++
			}
			if w == "a" && s.w(i+1) == "couple" {
				return 2, j, true
			}
			return -1, j, true
		case "half":
			return 0.5, i + 2, true
		case "dozen":
			return 12, i + 2, true
		case "hundred":
			return 100, i + 2, true
		}
		j := i + 1
		if s.w(j) == "full" || s.w(j) == "whole" || s.w(j) == "single" {
			j++
		}
		return 1, j, true
	case "half":
		if s.w(i+1) == "a" || s.w(i+1) == "an" {
			return 0.5, i + 2, true
		}
		return 0, i, false
	case "several", "few", "many", "numerous", "some":
		return -1, i + 1, true
	case "dozens", "hundreds", "thousands":
		if s.w(i+1) == "of" {
			return -1, i + 2, true
		}
		return 0, i, false
	case "couple":
		if s.w(i+1) == "of" {
			return 2, i + 2, true
		}
		return 0, i, false
	}
	e := t.lx
	if e.num == 0 {
		return 0, i, false
	}
	v, j := float64(e.num), i+1
	if e.tens {
		if s.hyphen(j) && s.lx(j+1).num > 0 && s.lx(j+1).num < 10 && s.toks[j+1].k == kWord && s.w(j+1) != "a" && s.w(j+1) != "an" {
			v += float64(s.lx(j + 1).num)
			j += 2
		} else if n := s.lx(j).num; n > 0 && n < 10 && s.w(j) != "a" && s.w(j) != "an" {
			v += float64(n)
			j++
		}
	}
	if s.w(j) == "hundred" {
		v *= 100
		j++
	}
	if s.w(j) == "thousand" {
		v *= 1000
		j++
	}
	if s.w(j) == "and" && s.w(j+1) == "a" && s.w(j+2) == "half" {
		v += 0.5
		j += 3
	}
	return v, j, true
}

// amount reads [the] [last|past|next|first] NUMBER UNIT [ago|earlier|later]
// and hyphenated adjectives (two-year); ages (10-year-old) are consumed
// without an expression. allowAgo is false after a quantity modifier only
// in the sense that "ago" still makes a date ("more than four decades ago").
func (s *scanner) amount(i int, bare bool) (result, bool) {
	j := i
	the := false
	if s.w(j) == "the" {
		the = true
		j++
	}
	rel := ""
	switch s.w(j) {
	case "last", "past", "next", "coming", "first", "final", "previous", "preceding", "following", "initial", "latest", "remaining", "ensuing", "upcoming", "additional":
		rel = s.w(j)
		j++
	}
	amt, k, ok := s.number(j)
	if !ok {
		// Bare plural units: "for years", "in recent months", "decades-long".
		if e := s.lx(j); e.unit > 0 && e.plural && rel == "" && !the && bare {
			switch s.w(i - 1) {
			case "for", "in", "within", "over", "after", "recent", "coming":
			default:
				if !(s.hyphen(j+1) && s.w(j+2) == "long") && s.w(j+1) != "ago" {
					return result{}, false
				}
			}
			end := j + 1
			if s.hyphen(end) && s.w(end+1) == "long" {
				end += 2
			}
			if s.w(end) == "ago" {
				return ref(end+1, "PAST_REF"), true
			}
			if e.unit == uDecade || e.unit == uCentury || e.unit == uQuarter || e.unit == uWeekend {
				return result{}, false
			}
			return dur(end, -1, e.unit), true
		}
		return result{}, false
	}
	// "a" alone starts a lot of noun phrases: require a unit right after.
	if s.w(j) == "the" {
		return result{}, false
	}
	// A range of amounts, "two to three weeks", "the next 12 to 18 months":
	// one expression, as TimeBank marks it, valued at its lower bound with
	// EQUAL_OR_MORE.
	ranged := false
	if amt > 0 && s.w(k) == "to" && s.w(k+1) != "a" && s.w(k+1) != "an" {
		if hi, k2, ok := s.number(k + 1); ok && hi > amt && s.lx(k2).unit > 0 && s.lx(k2).plural {
			k, ranged = k2, true
		}
	}
	// "two more days", "five straight trading days", "ten business days".
	for n := 0; n < 2; n++ {
		switch s.w(k) {
		case "more", "additional", "straight", "consecutive", "full", "long", "successive", "extra", "trading", "business", "working", "calendar":
			if s.lx(k+1).unit > 0 || n == 0 && s.lx(k+2).unit > 0 {
				k++
				continue
			}
		}
		break
	}
	hyph := false
	if s.hyphen(k) {
		hyph = true
		k++
	}
	e := s.lx(k)
	if e.unit == 0 || e.unit == uHalf || e.unit == uSeason {
		return result{}, false
	}
	if !e.plural && amt >= 1000 {
		return result{}, false // "the 1988 quarter"
	}
	if s.hyphen(k+1) && s.w(k+2) != "old" && s.w(k+2) != "long" {
		return result{}, false // "year-earlier", "year-end": compounds read elsewhere
	}
	if e.unit == uQuarter && (s.w(k+1) == "of" && amt != -1 || hyph || s.toks[j].k == kWord && s.w(j) != "one" && amt != -1 && s.w(k+1) != "ago" && s.w(k+1) != "earlier") {
		// "a quarter of the market", "three-quarters": fractions;
		// "several quarters of losses" is no fraction.
		if !(rel != "" || the) {
			return result{}, false
		}
	}
	if s.w(k) == "second" && !e.plural && (s.toks[j].k != kNum) {
		return result{}, false // "a second attempt"
	}
	if (s.w(j) == "a" || s.w(j) == "an" || s.w(j) == "per") && !e.plural && rel == "" && !the &&
		s.w(k+1) != "ago" && s.w(k+1) != "earlier" && s.w(k+1) != "later" && s.w(k+1) != "before" && s.w(k+1) != "after" {
		// "$5 a year", "24 hours a day", "four flights a week": a rate.
		if p := s.toks[max(i-1, 0)]; i > 0 && (p.k == kNum || p.k == kWord && rateWord(p.w)) {
			return result{end: k + 1, skip: true}, true
		}
	}
	if s.w(k) == "second" && s.toks[j].k == kWord && amt >= 0 && amt != 1 {
		// "one second" is fine; "the first second" is not an amount.
	}
	if amt == 1 && e.plural && s.toks[j].k == kWord && s.w(j) != "one" {
		return result{}, false
	}
	end := k + 1
	// Ages: "a 10-year-old", "10 years old", "the 63-year-old".
	if s.hyphen(end) && s.w(end+1) == "old" || s.w(end) == "old" || s.w(end) == "of" && s.w(end+1) == "age" {
		if s.hyphen(end) {
			return result{end: end + 2, skip: true}, true
		}
		return result{end: end + 1, skip: true}, true
	}
	lead := 0
	if s.hyphen(end) && s.w(end+1) == "long" {
		end += 2
		if !hyph && s.toks[j].k == kWord && s.lx(j).num == 1 && s.w(j) != "one" {
			lead = j - i + 1 // "a decade-long war"
		}
	}
	if !hyph && s.w(end) == "and" && s.w(end+1) == "a" && s.w(end+2) == "half" && amt >= 0 {
		amt += 0.5
		end += 3
	}
	if s.w(end) == "or" && s.w(end+1) == "so" {
		end += 2
	}
	u := e.unit
	if rel == "" {
		switch s.w(end) {
		case "ago", "earlier", "before", "later", "after", "hence":
			if s.w(end) == "before" || s.w(end) == "after" {
				// "two days before the vote": a duration and a signal.
				break
			}
			return s.offset(i, end+1, amt, u, s.w(end))
		case "from":
			if s.w(end+1) == "now" || s.w(end+1) == "today" {
				return s.offset(i, end+2, amt, u, "hence")
			}
		}
	}
	if amt < 0 && s.w(j) == "some" && !e.plural {
		return result{}, false
	}
	if rel == "" && !the && !hyph && amt > 0 && s.w(i-1) == "in" && s.inFuture(i, end) {
		// "will retire in 10 years": a date that far ahead; "the first
		// time in 10 years" and past clauses keep the duration.
		return s.offset(i, end, amt, u, "hence")
	}
	if !bare && the && rel == "" && amt == 1 && s.toks[j].k == kWord {
		return result{}, false
	}
	if the && rel == "" && amt == 1 && s.toks[j].k == kWord {
		return result{}, false
	}
	r := dur(end, amt, u)
	r.lead = lead
	if ranged {
		r.mod = "EQUAL_OR_MORE"
	}
	if hyph && the && j == i+1 {
		r.lead = 1 // "the two-year plan": the article belongs to the noun
	}
	return r, true
}

// offset resolves "two weeks ago", "a year earlier", "three days later",
// "ten years from now".
// rateWord reports whether w, before "a year", makes a rate: "$5 million a
// year", "24 hours a day", "three times a week".
func rateWord(w string) bool {
	switch w {
	case "million", "billion", "trillion", "thousand", "hundred", "times", "once", "twice", "thrice", "cents", "dollars", "percent", "%":
		return true
	case "was", "has", "is", "this", "his", "its", "as", "us", "yes", "plus", "less", "ago", "years", "days", "months", "weeks":
		return w == "days" || w == "hours"
	}
	return len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's'
}

func (s *scanner) offset(i, end int, amt float64, u int8, how string) (result, bool) {
	if how == "later" {
		// "two days later": TimeML marks the amount, a duration, and
		// leaves "later" to a signal.
		return dur(end-1, amt, u), true
	}
	if amt < 0 {
		if how == "ago" || how == "earlier" {
			return ref(end, "PAST_REF"), true
		}
		return ref(end, "FUTURE_REF"), true
	}
	n := int(amt)
	if float64(n) != amt || u == uHour || u == uMinute || u == uSecond {
		if how == "ago" {
			return ref(end, "PAST_REF"), true
		}
		// "a minute and a half later": the amount; "later" is a signal.
		return dur(end-1, amt, u), true
	}
	g := unitGran(u)
	switch u {
	case uFortnight:
		n *= 2
	case uDecade:
		g, n = gYear, n*10
	case uCentury:
		g, n = gYear, n*100
	}
	if how == "ago" || how == "earlier" {
		n = -n
	}
	p := s.refPoint(g)
	anchor := -1
	if how == "earlier" || how == "later" {
		// Relative to the last date of that granularity, when there is one.
		if k := s.lastIndex(g); k >= 0 {
			p, anchor = at(s.pts[k].t, g), k
		} else if how == "later" {
			return dur(end-1, amt, u), true
		}
	}
	if u == uYear && (how == "ago" || how == "earlier") {
		// "a year ago" in an earnings report compares quarters.
		if k := s.lastIndex(gQuarter); k >= 0 && s.pts[k].g == gQuarter && len(s.pts)-k <= 3 {
			q := s.pts[k]
			r := date(end, q.shift(4*n))
			r.anchor, r.derived = k, true
			return r, true
		}
	}
	if !p.known {
		r := date(end, p)
		r.anchor = anchor
		return r, true
	}
	r := date(end, p.shift(n))
	r.anchor = anchor
	r.derived = u == uYear
	return r, true
}

// ---- time of day ----------------------------------------------------------

func (s *scanner) timeOfDay(i int) (result, bool) {
	t := s.lx(i)
	w := s.w(i)
	hh, mm, j := -1, 0, i+1
	switch {
	case w == "noon" || w == "midday":
		hh = 12
	case w == "midnight":
		hh = 24
	case i < len(s.toks) && s.toks[i].k == kNum:
		h, m, suffix, ok := clock(w)
		if !ok {
			return result{}, false
		}
		hh, mm = h, m
		ampm := suffix
		if ampm == "" {
			switch s.w(j) {
			case "a.m.", "a.m", "am", "p.m.", "p.m", "pm", "o'clock", "o’clock":
				ampm = s.w(j)
				j++
			}
		}
		switch ampm {
		case "a.m.", "a.m", "am":
			if hh == 12 {
				hh = 0
			}
		case "p.m.", "p.m", "pm":
			if hh < 12 {
				hh += 12
			}
		case "o'clock", "o’clock":
		case "":
			// 10:30 with a time zone; 4 in the morning.
			if s.lx(j).has(fTZ) && strings.Contains(w, ":") {
				break
			}
			if s.w(j) == "in" && s.w(j+1) == "the" && s.lx(j+2).part > 0 {
				if s.lx(j+2).part >= 2 && hh < 12 {
					hh += 12
				}
				j += 3
				break
			}
			return result{}, false
		default:
			return result{}, false
		}
		if hh > 24 || mm > 59 {
			return result{}, false
		}
	default:
		_ = t
		return result{}, false
	}
	if s.lx(j).has(fTZ) {
		j++
	} else if s.w(j) == "local" && s.w(j+1) == "time" {
		j += 2
	}
	// A day after the time: "9 a.m. Tuesday", "10 p.m. yesterday", "5 p.m.
	// EST, Nov. 6".
	p := s.refPoint(gDay)
	k := j
	if s.w(k) == "," {
		k++
	}
	if m, l := s.monthAt(k); m > 0 {
		if r, ok := s.absDate(k); ok && !r.skip && r.hasP && r.p.g == gDay {
			p, j = r.p, r.end
		} else {
			_ = l
		}
	}
	if s.w(j) == "(" && p.g == gDay {
		// "10:35 a.m. (0735 GMT) Friday": the day after the aside gives
		// the date; the extent stays the time.
		for l := j + 1; l < len(s.toks) && l < j+8; l++ {
			if s.w(l) == ")" {
				if e := s.lx(l + 1); e.wday > 0 && len(s.w(l+1)) > 5 && s.capital(l+1) {
					p = s.weekday(int(e.wday), i, l+2)
				}
				break
			}
		}
	}
	if p.g != gDay || j > k {
		// already read
	} else if e := s.lx(j); e.wday > 0 && len(s.w(j)) > 5 {
		p = s.weekday(int(e.wday), i, j+1)
		j++
	} else if e.has(fDeictic) && e.part == 0 {
		p = s.refPoint(gDay).shift(e.day)
		j++
	}
	anchor := -1
	if j == k && p.g == gDay {
		// A bare time is on the day named in its sentence or the one
		// before: "He leaves Thursday. The plane takes off at 4 a.m.".
		if l := s.lastIndex(gDay); l >= 0 && s.sentencesSince(l, i) <= 1 {
			p, anchor = at(s.pts[l].t, gDay), l
		}
	}
	p.g, p.hh, p.mm = gMinute, hh, mm
	r := date(j, p)
	r.typ = dateline.TimeTime
	r.anchor = anchor
	return r, true
}

// clock parses 10, 10:30, 5pm, 10:30am.
func clock(w string) (h, m int, suffix string, ok bool) {
	k := 0
	for k < len(w) && isDigit(w[k]) {
		k++
	}
	if k == 0 || k > 2 {
		return 0, 0, "", false
	}
	h, _ = strconv.Atoi(w[:k])
	rest := w[k:]
	if strings.HasPrefix(rest, ":") {
		if len(rest) < 3 || !isDigit(rest[1]) || !isDigit(rest[2]) {
			return 0, 0, "", false
		}
		m, _ = strconv.Atoi(rest[1:3])
		rest = rest[3:]
	}
	switch rest {
	case "", "am", "pm":
		return h, m, rest, true
	}
	return 0, 0, "", false
}

// ---- quarters, halves, fiscal years ---------------------------------------

func (s *scanner) quarter(i int) (result, bool) {
	j := i
	if s.w(j) == "the" {
		j++
	}
	// "this year's third quarter", "last year's fourth quarter"
	yearShift, hasYear := 0, false
	if e := s.lx(j); (e.has(fRelThis) || e.has(fRelPast) || e.has(fRelNext)) && s.w(j+1) == "year" && s.w(j+2) == "'s" {
		hasYear = true
		switch {
		case e.has(fRelPast):
			yearShift = -1
		case e.has(fRelNext):
			yearShift = 1
		}
		j += 3
	}
	fiscal := false
	if s.w(j) == "fiscal" {
		fiscal = true
		j++
	}
	// "the 1988 third quarter", "the 1989 period"
	if yy, k := s.yearNum(j); yy > 0 && s.w(i) == "the" && s.toks[j].k == kNum {
		if s.w(k) == "period" || s.w(k) == "quarter" {
			if k2 := s.lastIndex(gQuarter); k2 >= 0 && s.pts[k2].g == gQuarter {
				// "the 1988 period": the quarter last named, in 1988; not
				// an anchor itself, so "year-ago" later still counts from
				// the quarter named.
				p := s.pts[k2]
				p.t = day(yy, p.t.Month(), 1)
				r := date(k+1, p)
				r.anchor, r.derived = k2, true
				return r, true
			}
			return date(k+1, at(day(yy, 1, 1), gYear)), true
		}
		if e := s.lx(k); e.ord > 0 || s.w(k) == "second" {
			hasYear, yearShift = true, yy-s.ref.Year()
			if !s.known {
				hasYear = false
			}
			j = k
		}
	}
	// fiscal 1989, fiscal year 1990
	if fiscal {
		k := j
		if s.w(k) == "year" {
			k++
		}
		if y, l := s.yearNum(k); y > 0 {
			return date(l, at(day(y, 1, 1), gYear)), true
		}
		if s.w(k-1) == "year" && k > j && s.w(i) == "the" {
			return result{end: k, typ: dateline.TimeDuration, val: "P1Y", anchor: -1}, true
		}
	}
	n := 0
	rel := ""
	w := s.w(j)
	switch {
	case s.lx(j).ord > 0 && s.lx(j).ord <= 4:
		n = s.lx(j).ord
	case w == "second":
		n = 2
	case w == "last" && s.w(j+1) == "half":
		n = 2
	case w == "1st" || w == "2nd" || w == "3rd" || w == "4th":
		n = int(w[0] - '0')
	case w == "latest" || w == "current" || w == "last" || w == "previous" || w == "past" || w == "next" || w == "same" ||
		w == "year-ago" || w == "year-earlier" || w == "prior-year" || w == "comparable" || w == "final" || w == "this":
		rel = w
	case w == "year" && s.hyphen(j+1) && (s.w(j+2) == "ago" || s.w(j+2) == "earlier"):
		rel = "year-ago"
		j += 2
	default:
		return result{}, false
	}
	j++
	if s.w(j) == "fiscal" {
		j++
	}
	if s.hyphen(j) {
		j++
	}
	unitWord := s.w(j)
	isHalf := unitWord == "half"
	if rel == "year-ago" || rel == "year-earlier" || rel == "prior-year" {
		// "the year-ago third quarter": that quarter, a year back.
		o := s.lx(j).ord
		if s.w(j) == "second" {
			o = 2
		}
		k := j + 1
		if s.hyphen(k) {
			k++
		}
		if o > 0 && o <= 4 && s.w(k) == "quarter" {
			if !s.known {
				return date(k+1, point{g: gQuarter, n: o}), true
			}
			p := at(day(s.ref.Year()-1, time.Month((o-1)*3+1), 1), gQuarter)
			r := date(k+1, p)
			r.derived = true
			return r, true
		}
	}
	if unitWord != "quarter" && !isHalf && !(unitWord == "period" && rel != "" && rel != "this") {
		if rel == "year-ago" || rel == "year-earlier" {
			// "year-earlier" alone: the quarter compared a year back.
			if k := s.reportQuarter(); k >= 0 {
				r := date(j, s.pts[k].shift(-4))
				r.anchor, r.derived = k, true
				return r, true
			}
		}
		return result{}, false
	}
	if isHalf && n > 2 {
		return result{}, false
	}
	if isHalf && rel != "" && rel != "first" {
		return result{}, false
	}
	end := j + 1
	g := gQuarter
	if isHalf {
		g = gHalf
	}
	// An explicit year: "of 1989", "1989", "of fiscal 1990", ", 1989".
	y := 0
	k := end
	if s.w(k) == "of" || s.w(k) == "," {
		k++
		if s.w(k) == "fiscal" {
			k++
		}
	}
	if yy, l := s.yearNum(k); yy > 0 {
		y, end = yy, l
	} else if s.w(end) == "of" && s.w(end+1) == "the" && s.w(end+2) == "year" {
		end += 3
	} else if isHalf && rel == "" && s.w(end) == "of" {
		// "the last half of the '80s": the decade's start or end.
		if r, ok := s.decade(end + 1); ok && !r.skip && r.hasP && (r.p.g == gDecade || r.p.g == gCentury) {
			r.mod, r.lead = "START", 0
			if n == 2 {
				r.mod = "END"
			}
			return r, true
		}
	}
	if n > 0 && !isHalf && rel == "" && s.w(i) == "last" && !hasYear {
		return result{}, false
	}
	if rel != "" {
		if !s.known {
			return date(end, point{g: g}), true
		}
		p := at(s.ref, g)
		switch rel {
		case "current", "this":
			if s.w(i) != "the" && rel == "current" {
				return date(end, p), true
			}
		case "next":
			p = p.shift(1)
		case "latest", "last", "previous", "past", "final":
			p = p.shift(-1)
		case "same":
			if k := s.lastIndex(gQuarter); k >= 0 && s.pts[k].g == g {
				r := date(end, s.pts[k])
				r.anchor = k
				return r, true
			}
			return result{}, false
		case "year-ago", "year-earlier", "prior-year", "comparable":
			if k := s.reportQuarter(); k >= 0 {
				r := date(end, s.pts[k].shift(-4))
				r.anchor, r.derived = k, true
				return r, true
			}
			// No quarter named yet: the last full quarter, a year back.
			r := date(end, p.shift(-5))
			r.derived = true
			return r, true
		}
		return date(end, p), true
	}
	if y == 0 && hasYear && s.known {
		y = s.ref.Year() + yearShift
	}
	if y == 0 && !s.known {
		return date(end, point{g: g, n: n}), true
	}
	if y == 0 {
		y = s.ref.Year()
		cur := (int(s.ref.Month())-1)/3 + 1
		if isHalf {
			cur = (int(s.ref.Month())-1)/6 + 1
		}
		tn := s.tense(i, end)
		switch {
		case tn > 0 && n < cur-1:
			y++
		case tn <= 0 && n > cur:
			y--
		}
	}
	month := (n-1)*3 + 1
	if isHalf {
		month = (n-1)*6 + 1
	}
	p := at(day(y, time.Month(month), 1), g)
	p.n = n
	_ = fiscal
	return date(end, p), true
}

// ---- decades, centuries ---------------------------------------------------

func (s *scanner) decade(i int) (result, bool) {
	j := i
	if s.w(j) == "the" {
		j++
	}
	w := s.w(j)
	if j < len(s.toks) && s.toks[j].k == kNum {
		// 1990s, '80s, 80s
		d := strings.TrimPrefix(w, "'")
		if strings.HasPrefix(w, "’") {
			d = w[3:]
		}
		if strings.HasSuffix(d, "s") && (len(d) == 5 || len(d) == 3) {
			digits := d[:len(d)-1]
			if v, err := strconv.Atoi(digits); err == nil && v%10 == 0 {
				if len(digits) == 2 {
					v += 1900
				}
				if v%100 == 0 && len(digits) == 4 && s.w(i) != "the" {
					// "1900s" is ambiguous: read it as the decade.
				}
				r := date(j+1, point{g: gDecade, known: true, t: day(v, 1, 1)})
				r.lead = j - i // "the 1990s": TimeBank leaves the article out
				return r, true
			}
		}
		// 21st century
		if s.w(j+1) == "century" {
			k := 0
			for k < len(w) && isDigit(w[k]) {
				k++
			}
			if n, err := strconv.Atoi(w[:k]); err == nil && n > 0 && n < 30 {
				switch w[k:] {
				case "st", "nd", "rd", "th":
					return date(j+2, point{g: gCentury, known: true, t: day((n-1)*100, 1, 1)}), true
				}
			}
		}
		return result{}, false
	}
	if e := s.lx(j); e.ord > 0 && s.w(j+1) == "century" {
		return date(j+2, point{g: gCentury, known: true, t: day((e.ord-1)*100, 1, 1)}), true
	}
	switch w {
	case "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties":
		if j == i {
			return result{}, false
		}
		v := map[string]int{"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990}[w]
		return date(j+1, point{g: gDecade, known: true, t: day(v, 1, 1)}), true
	}
	return result{}, false
}

// ---- holidays -------------------------------------------------------------

func (s *scanner) holiday(i int) (result, bool) {
	if !s.lx(i).has(fHoliday) || !s.capital(i) {
		return result{}, false
	}
	var m, d int
	j := i + 1
	switch s.w(i) {
	case "christmas":
		m, d = 12, 25
		switch s.w(j) {
		case "day":
			j++
		case "eve":
			d = 24
			j++
		}
	case "new":
		if s.w(j) == "year" && s.w(j+1) == "'s" && (s.w(j+2) == "day" || s.w(j+2) == "eve") {
			m, d = 1, 1
			if s.w(j+2) == "eve" {
				m, d = 12, 31
			}
			j += 3
		} else {
			return result{}, false
		}
	case "halloween":
		m, d = 10, 31
	case "independence":
		if s.w(j) != "day" {
			return result{}, false
		}
		m, d = 7, 4
		j++
	case "valentine":
		if s.w(j) != "'s" || s.w(j+1) != "day" {
			return result{}, false
		}
		m, d = 2, 14
		j += 2
	case "thanksgiving", "easter", "election":
		if s.w(i) == "election" && s.w(j) != "day" {
			return result{}, false
		}
		if s.w(j) == "day" || s.w(j) == "sunday" {
			j++
		}
	default:
		return result{}, false
	}
	y := 0
	if yy, k := s.yearNum(j); yy > 0 {
		y, j = yy, k
	} else if s.known {
		y = s.ref.Year()
	}
	if y == 0 {
		if m == 0 {
			return ref(j, "XXXX-XX-XX"), true
		}
		return date(j, point{g: gDay, m: m, d: d}), true
	}
	dayOf := func(y int) time.Time {
		switch s.w(i) {
		case "thanksgiving":
			t := day(y, 11, 1)
			return t.AddDate(0, 0, (4-int(t.Weekday())+7)%7+21)
		case "election":
			t := day(y, 11, 2)
			return t.AddDate(0, 0, (2-int(t.Weekday())+7)%7)
		case "easter":
			return easter(y)
		}
		return day(y, time.Month(m), d)
	}
	t := dayOf(y)
	week := s.w(i) == "easter" && s.w(j) == "week"
	if s.known && s.w(j-1) != strconv.Itoa(y) {
		// A holiday within a week of the reference is this year's ("as
		// Easter week began"); others follow the tense.
		switch tn := s.tense(i, j); {
		case t.Sub(s.ref).Abs() <= 7*24*time.Hour:
		case tn < 0 && t.After(s.ref):
			t = dayOf(y - 1)
		case tn > 0 && t.Before(s.ref):
			t = dayOf(y + 1)
		}
	}
	if week {
		// Easter week: the week up to Easter Sunday.
		return date(j+1, at(t, gWeek)), true
	}
	return date(j, at(t, gDay)), true
}

// easter returns Easter Sunday (Gregorian) of year y.
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	dd := (h+l-7*m+114)%31 + 1
	return day(y, time.Month(month), dd)
}

// ---- sets -----------------------------------------------------------------

func (s *scanner) set(i int) (result, bool) {
	e := s.lx(i)
	if e.has(fSetAdv) {
		return result{end: i + 1, typ: dateline.TimeSet, val: duration(1, e.set), anchor: -1}, true
	}
	if w := s.w(i); w != "every" && w != "each" {
		return result{}, false
	}
	j := i + 1
	if s.w(j) == "other" {
		// every other week: P2W
		if u := s.lx(j + 1); u.unit > 0 && !u.plural {
			return result{end: j + 2, typ: dateline.TimeSet, val: duration(2, u.unit), anchor: -1}, true
		}
		return result{}, false
	}
	n := s.lx(j)
	switch {
	case n.wday > 0 && len(s.w(j)) > 5:
		r := result{end: j + 1, typ: dateline.TimeSet, val: "XXXX-WXX-" + strconv.Itoa(int(n.wday)), anchor: -1}
		if p := s.lx(j + 1); p.part > 0 {
			r.val += "T" + code(partCodes, int(p.part))
			r.end++
		}
		return r, true
	case n.part > 0:
		return result{end: j + 1, typ: dateline.TimeSet, val: "XXXX-XX-XXT" + code(partCodes, int(n.part)), anchor: -1}, true
	case n.month > 0 && s.fullMonth(j) && s.capital(j):
		return result{end: j + 1, typ: dateline.TimeSet, val: "XXXX-" + twoDigits(int(n.month)), anchor: -1}, true
	case n.season > 0:
		return result{end: j + 1, typ: dateline.TimeSet, val: "XXXX-" + code(seasonCodes, int(n.season)), anchor: -1}, true
	case n.unit > 0 && !n.plural:
		return result{end: j + 1, typ: dateline.TimeSet, val: duration(1, n.unit), anchor: -1}, true
	}
	if amt, k, ok := s.number(j); ok && amt > 0 {
		if u := s.lx(k); u.unit > 0 {
			return result{end: k + 1, typ: dateline.TimeSet, val: duration(amt, u.unit), anchor: -1}, true
		}
	}
	return result{}, false
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// ---- reference words ------------------------------------------------------

func (s *scanner) refWord(i int) (result, bool) {
	w := s.w(i)
	switch w {
	case "the":
		switch s.w(i + 1) {
		case "past":
			if i+2 >= len(s.toks) || s.toks[i+2].k == kPunct || functionWord(s.w(i+2)) {
				return ref(i+2, "PAST_REF"), true
			}
		case "future":
			return ref(i+2, "FUTURE_REF"), true
		case "near", "foreseeable", "distant":
			if s.w(i+2) == "future" {
				return ref(i+3, "FUTURE_REF"), true
			}
		case "present":
			if s.lx(i+2).unit == 0 {
				return ref(i+2, "PRESENT_REF"), true
			}
		}
		return result{}, false
	case "these":
		if s.w(i+1) == "days" {
			return ref(i+2, "PRESENT_REF"), true
		}
		return result{}, false
	case "as":
		if s.w(i+1) == "soon" && s.w(i+2) == "as" && s.w(i+3) == "possible" {
			return ref(i+4, "FUTURE_REF"), true
		}
		return result{}, false
	case "current":
		// "current market conditions": the present; "the current quarter"
		// is read by the calendar patterns.
		if e := s.lx(i + 1); e.unit > 0 || s.w(i+1) == "account" || s.w(i+1) == "accounts" || s.toks[min(i+1, len(s.toks)-1)].k != kWord {
			return result{}, false
		}
		return ref(i+1, "PRESENT_REF"), true
	case "near", "foreseeable", "distant":
		if s.w(i+1) == "future" {
			if s.w(i-1) == "the" {
				return result{}, false // read from "the"
			}
			return ref(i+2, "FUTURE_REF"), true
		}
		return result{}, false
	}
	e := s.lx(i)
	if !e.has(fRef) {
		return result{}, false
	}
	return ref(i+1, e.ref), true
}

// functionWord reports whether w can follow "the past" used as a noun.
func functionWord(w string) bool {
	switch w {
	case "and", "or", "but", "to", "of", "that", "is", "was", "were", "has", "have", "had", "as", "in", "on", "for",
		"with", "when", "we", "they", "he", "she", "it", "i", "you", "there", "this", "these", "will", "would", "at", "by":
		return true
	}
	return false
}

// ---- anniversaries ----------------------------------------------------------

// anniversary reads "third anniversary" (an ordinal before "anniversary");
// its value needs the start date of what it is the anniversary of, which
// the Tagger's EventStart hook may know.
func (s *scanner) anniversary(i int) (result, bool) {
	n := 0
	if e := s.lx(i); e.ord > 0 {
		n = e.ord
	} else if s.w(i) == "second" {
		n = 2
	} else if d, _ := s.dayNum(i); d > 0 && s.toks[i].num < 0 {
		n = d
	}
	if n == 0 || s.w(i+1) != "anniversary" {
		return result{}, false
	}
	end := i + 2
	span := dateline.Span{Start: s.toks[i].s, End: s.toks[end-1].e}
	if s.t != nil && s.t.eventStart != nil {
		if start, ok := s.t.eventStart(s.doc, s.text, span); ok {
			t := start.AddDate(n, 0, 0)
			return date(end, at(day(t.Year(), t.Month(), t.Day()), gDay)), true
		}
	}
	return ref(end, "XXXX-XX-XX"), true
}

// sinceEvent reads "since the invasion", "since Russia's invasion of
// Ukraine" when the tagger knows when that event began: the noun phrase
// after "since" (the signal stays out of the span, as in TimeML) is a
// DATE at the event's start, ON_OR_AFTER. Without a known start nothing
// is read: an event is not a time expression.
func (s *scanner) sinceEvent(i int) (result, bool) {
	if s.w(i) != "since" || s.t == nil || s.t.eventStart == nil || !s.known {
		return result{}, false
	}
	end := i + 1
	for n := 0; end < len(s.toks) && n < 6; end, n = end+1, n+1 {
		t := s.toks[end]
		if t.k != kWord && t.w != "'s" && t.w != "’s" {
			break
		}
		if w := t.w; w != "'s" && w != "’s" && (tenseCue(w) != 0 || phraseStop(w)) || t.lx.has(fTrigger) && w != "the" && w != "start" && w != "beginning" && w != "end" {
			break
		}
	}
	if end == i+1 {
		return result{}, false
	}
	span := dateline.Span{Start: s.toks[i+1].s, End: s.toks[end-1].e}
	start, ok := s.t.eventStart(s.doc, s.text, span)
	if !ok {
		return result{}, false
	}
	r := date(end, at(day(start.Year(), start.Month(), start.Day()), gDay))
	r.mod, r.lead, r.derived = "ON_OR_AFTER", 1, true
	return r, true
}

// phraseStop reports whether w ends the noun phrase after "since": a
// conjunction, a preposition other than "of", a relative word.
func phraseStop(w string) bool {
	switch w {
	case "and", "or", "but", "in", "on", "at", "by", "for", "with", "to", "from", "when", "as", "that", "which", "who", "while", "after", "before", "than", "then":
		return true
	}
	return false
}

// leavesAdverbOut reports whether "earlier" / "later" before the calendar
// expression at j (of granularity g) stays out of its extent. TimeBank
// keeps the adverb with months, years and yesterday ("earlier this year",
// "Later yesterday") and leaves it out before weeks, weekdays and today
// ("earlier this week", "Earlier Friday", "later today").
func (s *scanner) leavesAdverbOut(j int, g int8) bool {
	e := s.lx(j)
	switch {
	case e.wday > 0:
		return true
	case e.has(fDeictic):
		return e.day == 0
	}
	return g == gWeek || g == gWeekend
}

// inFuture reports whether "in" + the amount at [i, end) counts forward
// from now: a future clause, and no "first time in", "highest in",
// "lowest level in" before it, which measure a span back.
func (s *scanner) inFuture(i, end int) bool {
	switch w := s.w(i - 2); {
	case w == "time" || w == "level" || w == "levels" || w == "ever" || w == "once":
		return false
	case len(w) > 4 && strings.HasSuffix(w, "est"):
		return false
	}
	return s.tense(i, end) > 0
}
