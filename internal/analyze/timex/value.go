package timex

import (
	"strconv"
	"strings"
	"time"
)

// Granularities of a calendar value.
const (
	gCentury int8 = iota + 1
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gWeekend
	gDay
	gPart
	gMinute
)

// point is a calendar value at some granularity. With known=false the
// reference date is unknown and the fields taken from it print as X.
type point struct {
	g     int8
	t     time.Time // a day inside the period (UTC midnight), when known
	known bool      // t is meaningful
	y     int       // explicit year when !known (0: unknown)
	m, d  int       // explicit month / day when !known (0: unknown)
	wd    int       // explicit ISO weekday when !known (0: unknown)
	n     int       // quarter, half or season number
	part  int8      // part of day
	hh    int
	mm    int
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func pad(b *strings.Builder, v, width int) {
	s := strconv.Itoa(v)
	for i := len(s); i < width; i++ {
		b.WriteByte('0')
	}
	b.WriteString(s)
}

// String formats the point as a TIMEX3 value.
func (p point) String() string {
	var b strings.Builder
	y, m, d := p.y, p.m, p.d
	if p.known {
		var mm time.Month
		y, mm, d = p.t.Date()
		m = int(mm)
	}
	year := func() {
		if y > 0 {
			pad(&b, y, 4)
		} else {
			b.WriteString("XXXX")
		}
	}
	two := func(v int) {
		if v > 0 {
			pad(&b, v, 2)
		} else {
			b.WriteString("XX")
		}
	}
	switch p.g {
	case gCentury:
		if y > 0 {
			pad(&b, y/100, 2)
		} else {
			b.WriteString("XX")
		}
	case gDecade:
		if y > 0 {
			pad(&b, y/10, 3)
		} else {
			b.WriteString("XXX")
		}
	case gYear:
		year()
	case gHalf:
		year()
		b.WriteString("-H")
		b.WriteString(strconv.Itoa(p.n))
	case gQuarter:
		year()
		b.WriteString("-Q")
		if p.n > 0 {
			b.WriteString(strconv.Itoa(p.n))
		} else {
			b.WriteByte('X')
		}
	case gSeason:
		year()
		b.WriteByte('-')
		b.WriteString(code(seasonCodes, p.n))
	case gMonth:
		year()
		b.WriteByte('-')
		two(m)
	case gWeek, gWeekend:
		if p.known {
			wy, w := p.t.ISOWeek()
			pad(&b, wy, 4)
			b.WriteString("-W")
			pad(&b, w, 2)
		} else {
			year()
			b.WriteString("-WXX")
		}
		if p.g == gWeekend {
			b.WriteString("-WE")
		}
	case gDay, gPart, gMinute:
		if !p.known && p.wd > 0 && m == 0 {
			year()
			b.WriteString("-WXX-")
			b.WriteString(strconv.Itoa(p.wd))
		} else {
			year()
			b.WriteByte('-')
			two(m)
			b.WriteByte('-')
			two(d)
		}
		switch p.g {
		case gPart:
			b.WriteByte('T')
			b.WriteString(code(partCodes, int(p.part)))
		case gMinute:
			b.WriteByte('T')
			pad(&b, p.hh, 2)
			b.WriteByte(':')
			pad(&b, p.mm, 2)
		}
	}
	return b.String()
}

// at returns the point of granularity g containing t.
func at(t time.Time, g int8) point {
	y, m, d := t.Date()
	p := point{g: g, known: true, t: day(y, m, d)}
	switch g {
	case gQuarter:
		p.n = (int(m)-1)/3 + 1
	case gHalf:
		p.n = (int(m)-1)/6 + 1
	case gSeason:
		p.n = seasonOf(m)
		if m <= 2 {
			// January and February belong to the winter of the year before.
			p.t = day(y-1, 12, 1)
		}
	}
	return p
}

func seasonOf(m time.Month) int {
	switch m {
	case 3, 4, 5:
		return 1
	case 6, 7, 8:
		return 2
	case 9, 10, 11:
		return 3
	}
	return 4
}

// shift moves a known point by n units of its own granularity.
func (p point) shift(n int) point {
	if !p.known || n == 0 {
		return p
	}
	y, m, _ := p.t.Date()
	switch p.g {
	case gCentury:
		p.t = day(y+100*n, 1, 1)
	case gDecade:
		p.t = day(y+10*n, 1, 1)
	case gYear:
		p.t = day(y+n, 1, 1)
	case gHalf:
		p.t = day(y, time.Month((p.n-1)*6+1), 1).AddDate(0, 6*n, 0)
		p.n = (int(p.t.Month())-1)/6 + 1
	case gQuarter:
		p.t = day(y, time.Month((p.n-1)*3+1), 1).AddDate(0, 3*n, 0)
		p.n = (int(p.t.Month())-1)/3 + 1
	case gSeason:
		// Seasons follow one another; winter belongs to the year it starts in.
		idx := y*4 + p.n - 1 + n
		p.t = day(idx/4, 1, 1)
		p.n = idx%4 + 1
		return p
	case gMonth:
		p.t = day(y, m, 1).AddDate(0, n, 0)
	case gWeek, gWeekend:
		p.t = p.t.AddDate(0, 0, 7*n)
	default:
		p.t = p.t.AddDate(0, 0, n)
	}
	return p
}

// unitGran maps a unit to the calendar granularity of "last <unit>".
func unitGran(u int8) int8 {
	switch u {
	case uDay:
		return gDay
	case uWeek, uFortnight:
		return gWeek
	case uWeekend:
		return gWeekend
	case uMonth:
		return gMonth
	case uQuarter:
		return gQuarter
	case uHalf:
		return gHalf
	case uSeason:
		return gSeason
	case uYear:
		return gYear
	case uDecade:
		return gDecade
	case uCentury:
		return gCentury
	case uHour, uMinute, uSecond:
		return gMinute
	}
	return 0
}

// duration formats an amount of a unit as a TIMEX3 duration; amount < 0
// means unknown (PXY).
func duration(amount float64, u int8) string {
	var b strings.Builder
	b.WriteByte('P')
	if u == uHour || u == uMinute || u == uSecond {
		b.WriteByte('T')
	}
	letter := "D"
	switch u {
	case uSecond:
		letter = "S"
	case uMinute:
		letter = "M"
	case uHour:
		letter = "H"
	case uDay:
		letter = "D"
	case uWeek:
		letter = "W"
	case uWeekend:
		letter = "WE"
	case uFortnight:
		letter = "W"
		amount *= 2
	case uMonth:
		letter = "M"
	case uQuarter:
		letter = "Q"
	case uHalf:
		letter = "M"
		amount *= 6
	case uSeason:
		letter = "M"
		amount *= 3
	case uYear:
		letter = "Y"
	case uDecade:
		letter = "DE"
	case uCentury:
		letter = "CE"
	}
	if amount < 0 {
		b.WriteByte('X')
		b.WriteString(letter)
		return b.String()
	}
	switch u {
	case uDecade:
		amount *= 10
		letter = "Y"
	case uCentury:
		amount *= 100
		letter = "Y"
	}
	whole := int(amount)
	frac := amount - float64(whole)
	if frac == 0 {
		b.WriteString(strconv.Itoa(whole))
		b.WriteString(letter)
		return b.String()
	}
	// Halves go to the next smaller unit: 2 1/2 years -> P2Y6M.
	if frac == 0.5 {
		sub := ""
		switch u {
		case uYear:
			sub = "6M"
		case uHour:
			sub = "30M"
		case uMinute:
			sub = "30S"
		case uDay:
			sub = "T12H"
		}
		if sub != "" {
			if whole > 0 {
				b.WriteString(strconv.Itoa(whole))
				b.WriteString(letter)
			}
			b.WriteString(sub)
			return b.String()
		}
	}
	b.WriteString(strconv.FormatFloat(amount, 'f', -1, 64))
	b.WriteString(letter)
	return b.String()
}

// Season and part-of-day codes, indexed by entry.season / entry.part.
const seasonCodes, partCodes = "XXSPSUFAWI", "XXMOAFEVNI"

func code(codes string, n int) string {
	if n < 0 || 2*n+2 > len(codes) {
		return "XX"
	}
	return codes[2*n : 2*n+2]
}
