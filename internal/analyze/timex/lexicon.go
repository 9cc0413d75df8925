package timex

// Units of time.
const (
	uSecond int8 = iota + 1
	uMinute
	uHour
	uDay
	uWeek
	uWeekend
	uFortnight
	uMonth
	uQuarter
	uHalf
	uSeason
	uYear
	uDecade
	uCentury
)

// Word classes (entry.f bits).
const (
	fRelPast uint32 = 1 << iota // last, past, previous, preceding
	fRelNext                    // next, coming, following, upcoming
	fRelThis                    // this, current, present
	fApprox                     // about, around, nearly, ... (entry.mod says which)
	fPos                        // early, late, mid (entry.mod)
	fDeictic                    // today, yesterday, tomorrow, tonight
	fRef                        // now, recently, ... (entry.ref)
	fSetAdv                     // daily, weekly, annually
	fQuant                      // several, few, many: unknown amount
	fHoliday                    // christmas, thanksgiving
	fTZ                         // EDT, GMT
	fTrigger                    // may start or anchor an expression
)

// entry is what the lexicon knows about a lower-cased word.
type entry struct {
	f      uint32
	month  int8 // 1..12
	wday   int8 // 1 (Monday) .. 7 (Sunday), ISO
	unit   int8 // uSecond..uCentury
	plural bool // the unit word is plural
	season int8 // 1 SP, 2 SU, 3 FA, 4 WI
	part   int8 // part of day: 1 MO, 2 AF, 3 EV, 4 NI
	num    int  // cardinal value (0 none)
	ord    int  // ordinal value (0 none)
	tens   bool // twenty, thirty, ...: may take a ones word after
	day    int  // deictic day offset: -1 yesterday, 0 today, +1 tomorrow
	mod    string
	ref    string // PAST_REF, PRESENT_REF, FUTURE_REF
	set    int8   // unit of a set adverb
}

func (e entry) has(f uint32) bool { return e.f&f != 0 }

// lookup returns the lexicon entry of a lower-cased word. A switch keeps the
// lexicon constant: no package-level tables to initialise or mutate.
func lookup(w string) entry {
	switch w {
	case "january", "jan":
		return entry{f: fTrigger, month: 1}
	case "february", "feb":
		return entry{f: fTrigger, month: 2}
	case "march", "mar":
		return entry{f: fTrigger, month: 3}
	case "april", "apr":
		return entry{f: fTrigger, month: 4}
	case "may":
		return entry{f: fTrigger, month: 5}
	case "june", "jun":
		return entry{f: fTrigger, month: 6}
	case "july", "jul":
		return entry{f: fTrigger, month: 7}
	case "august", "aug":
		return entry{f: fTrigger, month: 8}
	case "september", "sept", "sep":
		return entry{f: fTrigger, month: 9}
	case "october", "oct":
		return entry{f: fTrigger, month: 10}
	case "november", "nov":
		return entry{f: fTrigger, month: 11}
	case "december", "dec":
		return entry{f: fTrigger, month: 12}

	case "monday", "mon":
		return entry{f: fTrigger, wday: 1}
	case "tuesday", "tues", "tue":
		return entry{f: fTrigger, wday: 2}
	case "wednesday", "wed":
		return entry{f: fTrigger, wday: 3}
	case "thursday", "thurs", "thu":
		return entry{f: fTrigger, wday: 4}
	case "friday", "fri":
		return entry{f: fTrigger, wday: 5}
	case "saturday", "sat":
		return entry{f: fTrigger, wday: 6}
	case "sunday", "sun":
		return entry{f: fTrigger, wday: 7}

	case "second":
		return entry{f: fTrigger, unit: uSecond, ord: 2}
	case "seconds":
		return entry{f: fTrigger, unit: uSecond, plural: true}
	case "minute":
		return entry{f: fTrigger, unit: uMinute}
	case "minutes":
		return entry{f: fTrigger, unit: uMinute, plural: true}
	case "hour":
		return entry{f: fTrigger, unit: uHour}
	case "hours":
		return entry{f: fTrigger, unit: uHour, plural: true}
	case "day":
		return entry{f: fTrigger, unit: uDay}
	case "days":
		return entry{f: fTrigger, unit: uDay, plural: true}
	case "week":
		return entry{f: fTrigger, unit: uWeek}
	case "weeks":
		return entry{f: fTrigger, unit: uWeek, plural: true}
	case "weekend":
		return entry{f: fTrigger, unit: uWeekend}
	case "weekends":
		return entry{f: fTrigger, unit: uWeekend, plural: true}
	case "fortnight":
		return entry{f: fTrigger, unit: uFortnight}
	case "month":
		return entry{f: fTrigger, unit: uMonth}
	case "months":
		return entry{f: fTrigger, unit: uMonth, plural: true}
	case "quarter":
		return entry{f: fTrigger, unit: uQuarter}
	case "quarters":
		return entry{f: fTrigger, unit: uQuarter, plural: true}
	case "half":
		return entry{f: fTrigger, unit: uHalf}
	case "year":
		return entry{f: fTrigger, unit: uYear}
	case "years":
		return entry{f: fTrigger, unit: uYear, plural: true}
	case "decade":
		return entry{f: fTrigger, unit: uDecade}
	case "decades":
		return entry{f: fTrigger, unit: uDecade, plural: true}
	case "century":
		return entry{f: fTrigger, unit: uCentury}
	case "centuries":
		return entry{f: fTrigger, unit: uCentury, plural: true}

	case "spring":
		return entry{f: fTrigger, season: 1}
	case "summer":
		return entry{f: fTrigger, season: 2}
	case "fall", "autumn":
		return entry{f: fTrigger, season: 3}
	case "winter":
		return entry{f: fTrigger, season: 4}

	case "morning":
		return entry{f: fTrigger, part: 1}
	case "afternoon":
		return entry{f: fTrigger, part: 2}
	case "evening":
		return entry{f: fTrigger, part: 3}
	case "night":
		return entry{f: fTrigger, part: 4}

	case "a", "an":
		return entry{num: 1}
	case "one":
		return entry{f: fTrigger, num: 1}
	case "two":
		return entry{f: fTrigger, num: 2}
	case "three":
		return entry{f: fTrigger, num: 3}
	case "four":
		return entry{f: fTrigger, num: 4}
	case "five":
		return entry{f: fTrigger, num: 5}
	case "six":
		return entry{f: fTrigger, num: 6}
	case "seven":
		return entry{f: fTrigger, num: 7}
	case "eight":
		return entry{f: fTrigger, num: 8}
	case "nine":
		return entry{f: fTrigger, num: 9}
	case "ten":
		return entry{f: fTrigger, num: 10}
	case "eleven":
		return entry{f: fTrigger, num: 11}
	case "twelve":
		return entry{f: fTrigger, num: 12}
	case "thirteen":
		return entry{f: fTrigger, num: 13}
	case "fourteen":
		return entry{f: fTrigger, num: 14}
	case "fifteen":
		return entry{f: fTrigger, num: 15}
	case "sixteen":
		return entry{f: fTrigger, num: 16}
	case "seventeen":
		return entry{f: fTrigger, num: 17}
	case "eighteen":
		return entry{f: fTrigger, num: 18}
	case "nineteen":
		return entry{f: fTrigger, num: 19}
	case "twenty":
		return entry{f: fTrigger, num: 20, tens: true}
	case "thirty":
		return entry{f: fTrigger, num: 30, tens: true}
	case "forty":
		return entry{f: fTrigger, num: 40, tens: true}
	case "fifty":
		return entry{f: fTrigger, num: 50, tens: true}
	case "sixty":
		return entry{f: fTrigger, num: 60, tens: true}
	case "seventy":
		return entry{f: fTrigger, num: 70, tens: true}
	case "eighty":
		return entry{f: fTrigger, num: 80, tens: true}
	case "ninety":
		return entry{f: fTrigger, num: 90, tens: true}
	case "hundred":
		return entry{f: fTrigger, num: 100}
	case "dozen":
		return entry{f: fTrigger, num: 12}

	case "first":
		return entry{f: fTrigger, ord: 1}
	case "third":
		return entry{f: fTrigger, ord: 3}
	case "fourth":
		return entry{f: fTrigger, ord: 4}
	case "fifth":
		return entry{ord: 5}
	case "sixth":
		return entry{ord: 6}
	case "seventh":
		return entry{ord: 7}
	case "eighth":
		return entry{ord: 8}
	case "ninth":
		return entry{ord: 9}
	case "tenth":
		return entry{ord: 10}
	case "twentieth":
		return entry{f: fTrigger, ord: 20}
	case "nineteenth":
		return entry{f: fTrigger, ord: 19}
	case "eighteenth":
		return entry{f: fTrigger, ord: 18}
	case "twenty-first":
		return entry{f: fTrigger, ord: 21}

	case "several", "few", "many", "dozens", "numerous":
		return entry{f: fQuant}
	case "some":
		return entry{f: fQuant | fApprox}

	case "last", "past", "previous", "preceding", "prior":
		return entry{f: fRelPast}
	case "next", "coming", "following", "upcoming", "ensuing", "subsequent":
		return entry{f: fRelNext}
	case "this", "current", "present", "same", "that":
		return entry{f: fRelThis}

	case "about", "around", "approximately", "roughly", "nearly", "almost", "over", "under":
		return entry{f: fApprox}

	case "early", "earlier":
		return entry{f: fPos | fTrigger, mod: "START"}
	case "late", "later":
		return entry{f: fPos | fTrigger, mod: "END"}
	case "mid":
		return entry{f: fPos | fTrigger, mod: "MID"}

	case "today":
		return entry{f: fDeictic | fTrigger, day: 0}
	case "yesterday":
		return entry{f: fDeictic | fTrigger, day: -1}
	case "tomorrow":
		return entry{f: fDeictic | fTrigger, day: 1}
	case "tonight":
		return entry{f: fDeictic | fTrigger, day: 0, part: 4}

	case "now", "currently", "nowadays", "presently":
		return entry{f: fRef | fTrigger, ref: "PRESENT_REF"}
	case "recently", "lately":
		return entry{f: fRef | fTrigger, ref: "PAST_REF"}
	case "recent":
		return entry{f: fTrigger}
	case "future":
		return entry{f: fTrigger}

	case "daily", "nightly":
		return entry{f: fSetAdv | fTrigger, set: uDay}
	case "weekly":
		return entry{f: fSetAdv | fTrigger, set: uWeek}
	case "monthly":
		return entry{f: fSetAdv | fTrigger, set: uMonth}
	case "annually", "yearly":
		return entry{f: fSetAdv | fTrigger, set: uYear}
	case "hourly":
		return entry{f: fSetAdv | fTrigger, set: uHour}
	case "every", "each":
		return entry{f: fTrigger}

	case "christmas", "thanksgiving", "easter", "halloween", "new", "independence", "election", "valentine":
		return entry{f: fHoliday | fTrigger}
	case "noon", "midnight", "midday", "overnight":
		return entry{f: fTrigger}
	case "the", "fiscal", "end", "beginning", "start", "middle", "nineteen-", "year-earlier", "year-ago", "anniversary", "ago", "since":
		return entry{f: fTrigger}

	case "more", "less", "fewer", "at", "up", "just", "well", "close", "no", "greater", "longer", "shorter",
		"upwards", "above", "year-end", "these", "as", "near", "foreseeable", "distant", "full", "entire", "whole":
		return entry{f: fTrigger}
	case "edt", "est", "cdt", "cst", "mdt", "mst", "pdt", "pst", "gmt", "utc", "bst", "cet", "cest", "et", "pt", "ct":
		return entry{f: fTZ}

	}
	return entry{}
}

// tenseCue classifies a lower-cased word as a cue of future (+1) or past
// (-1) reference for the clause it is in; 0 when it says nothing.
func tenseCue(w string) int8 {
	switch w {
	case "will", "shall", "'ll", "won't", "scheduled", "prepares", "prepare", "preparing", "intends", "intend",
		"tomorrow", "next", "upcoming", "coming", "soon", "expects":
		return +1
	case "planned", "expected", "plans", "plan", "set", "due", "going", "schedule", "would", "could", "should", "can", "may", "must", "might":
		return 0
	case "was", "were", "had", "did", "said", "told", "met", "went", "came", "made", "took", "gave", "held", "saw", "began",
		"left", "won", "lost", "fell", "rose", "sold", "bought", "paid", "spent", "struck", "ran", "became", "brought",
		"caught", "fought", "found", "got", "heard", "kept", "knew", "led", "meant", "sent", "shot", "stood", "thought",
		"wrote", "spoke", "broke", "chose", "drove", "flew", "grew", "threw", "wore", "ago", "yesterday", "last", "earlier",
		"says", "say", "has", "have", "been", "since":
		return -1
	}
	if n := len(w); n > 4 && w[n-2:] == "ed" {
		switch w {
		case "need", "feed", "speed", "breed", "seed", "proceed", "exceed", "succeed", "indeed", "embed":
			return 0
		}
		return -1
	}
	return 0
}
