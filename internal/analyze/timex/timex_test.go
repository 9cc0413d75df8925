package timex

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

func ymd(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fri is the reference of most tests: Friday 15 August 2025 (ISO week 33),
// the publication date of the example article.
var fri = ymd("2025-08-15")

// expectTimex checks that text, resolved against ref, holds an expression
// covering exactly span with the value want. An empty span means the text
// must hold no expression at all.
func expectTimex(t *testing.T, text string, ref time.Time, span, want string) {
	t.Helper()
	times := Find(text, ref)
	checkSpans(t, text, times)
	if span == "" {
		if len(times) > 0 {
			t.Errorf("%q: want no expression, got %q = %s", text, times[0].Span.In(text), times[0].Value)
		}
		return
	}
	var got []string
	for _, x := range times {
		if x.Span.In(text) == span {
			if x.Value != want {
				t.Errorf("%q: %q = %s, want %s", text, span, x.Value, want)
			}
			return
		}
		got = append(got, x.Span.In(text)+"="+x.Value)
	}
	t.Errorf("%q: no expression %q (want %s); got %v", text, span, want, got)
}

// checkSpans checks the layer invariants: spans in bounds, sorted, disjoint.
func checkSpans(t *testing.T, text string, times []dateline.TimeExpr) {
	t.Helper()
	for i, x := range times {
		if !x.Span.Valid(len(text)) || x.Start == x.End {
			t.Fatalf("%q: span %v out of bounds", text, x.Span)
		}
		if i > 0 && times[i-1].End > x.Start {
			t.Fatalf("%q: spans %v and %v overlap or are unsorted", text, times[i-1].Span, x.Span)
		}
		if x.Anchor < -1 || x.Anchor >= i {
			t.Fatalf("%q: anchor %d of expression %d", text, x.Anchor, i)
		}
	}
}

func TestValues(t *testing.T) {
	for _, c := range []struct{ in, span, want string }{
		// Weekdays: past-tense reporting takes the one in the week up to
		// the reference, future clauses the next one.
		{"The summit ended Friday.", "Friday", "2025-08-15"},
		{"Putin visited America for the first time in 10 years on Friday.", "Friday", "2025-08-15"},
		{"He said on Tuesday that talks had failed.", "Tuesday", "2025-08-12"},
		{"The ministers met on Thursday.", "Thursday", "2025-08-14"},
		{"Officials announced the deal Monday.", "Monday", "2025-08-11"},
		{"She resigned on Wednesday.", "Wednesday", "2025-08-13"},
		{"Zelenskyy prepares to travel to Washington on Monday.", "Monday", "2025-08-18"},
		{"She will speak on Tuesday.", "Tuesday", "2025-08-19"},
		{"The vote is scheduled for Wednesday.", "Wednesday", "2025-08-20"},
		{"The leaders are to meet Thursday.", "Thursday", "2025-08-21"},
		{"They plan to visit on Sunday.", "Sunday", "2025-08-17"},
		{"Dozens died in blasts next to the embassies on Thursday.", "Thursday", "2025-08-14"},
		{"The firm posted losses for several quarters of 2024.", "several quarters", "PXQ"},
		{"It won three quarters of the vote.", "", ""},
		// A bare time falls on the day named in its sentence or the one
		// before, else on the reference day.
		{"The envoy will fly out Tuesday. His plane leaves at 9 a.m.", "9 a.m.", "2025-08-19T09:00"},
		{"He was shot on Aug. 3 at 10 p.m. in his kitchen.", "10 p.m.", "2025-08-03T22:00"},
		{"He was shot on Aug. 3. Police searched the area. The report came at 10 p.m.", "10 p.m.", "2025-08-15T22:00"},
		{"Talks will resume Saturday.", "Saturday", "2025-08-16"},
		{"The court is expected to rule on Monday.", "Monday", "2025-08-18"},
		{"The team is set to arrive Tuesday.", "Tuesday", "2025-08-19"},
		{"Allies will be watching Monday’s Washington meetings closely.", "Monday", "2025-08-18"},
		{"Momentum was lost despite Friday’s setback.", "Friday", "2025-08-15"},
		{"Zelenskyy’s scheduled Washington visit on Monday.", "Monday", "2025-08-18"},
		{"last Tuesday", "last Tuesday", "2025-08-12"},
		{"last Friday", "last Friday", "2025-08-08"},
		{"next Monday", "next Monday", "2025-08-18"},
		{"next Friday", "next Friday", "2025-08-22"},
		{"this Sunday he will rest", "this Sunday", "2025-08-17"},
		{"Friday morning", "Friday morning", "2025-08-15TMO"},
		{"It happened Thursday night.", "Thursday night", "2025-08-14TNI"},
		{"on Wednesday evening", "Wednesday evening", "2025-08-13TEV"},
		{"Monday, Aug. 11, was quiet.", "Monday, Aug. 11", "2025-08-11"},

		// Deictic days and parts of days.
		{"yesterday", "yesterday", "2025-08-14"},
		{"today", "today", "2025-08-15"},
		{"tomorrow", "tomorrow", "2025-08-16"},
		{"did not emerge from today’s summit", "today", "2025-08-15"},
		{"tonight", "tonight", "2025-08-15TNI"},
		{"yesterday morning", "yesterday morning", "2025-08-14TMO"},
		{"tomorrow afternoon", "tomorrow afternoon", "2025-08-16TAF"},
		{"this morning", "this morning", "2025-08-15TMO"},
		{"this evening", "this evening", "2025-08-15TEV"},
		{"last night", "last night", "2025-08-14TNI"},
		{"the day before yesterday", "the day before yesterday", "2025-08-13"},
		{"the day after tomorrow", "the day after tomorrow", "2025-08-17"},
		{"Late yesterday the bill passed.", "Late yesterday", "2025-08-14"},
		{"Earlier Sunday, crowds gathered.", "Sunday", "2025-08-10"},
		{"Later yesterday the bill passed.", "Later yesterday", "2025-08-14"},
		{"The count resumed later today.", "today", "2025-08-15"},

		// Weeks, months, years relative to the reference.
		{"this week", "this week", "2025-W33"},
		{"last week", "last week", "2025-W32"},
		{"next week", "next week", "2025-W34"},
		{"the coming week may prove crucial", "the coming week", "2025-W34"},
		{"the past week", "the past week", "2025-W32"},
		{"the following week", "the following week", "2025-W34"},
		{"this month", "this month", "2025-08"},
		{"last month", "last month", "2025-07"},
		{"next month", "next month", "2025-09"},
		{"the previous month", "the previous month", "2025-07"},
		{"this year", "this year", "2025"},
		{"last year", "last year", "2024"},
		{"next year", "next year", "2026"},
		{"the past year", "the past year", "2024"},
		{"the current year", "the current year", "2025"},
		{"the coming year", "the coming year", "2026"},
		{"that year", "that year", "2025"},
		{"sales for the full year", "the full year", "2025"},
		{"this weekend the talks will go on", "this weekend", "2025-W33-WE"},
		{"The protests grew over the weekend.", "the weekend", "2025-W32-WE"},
		{"next weekend", "next weekend", "2025-W34-WE"},
		{"last weekend", "last weekend", "2025-W32-WE"},
		{"this decade", "this decade", "202"},
		{"this century", "this century", "20"},

		// Position modifiers.
		{"early next month", "early next month", "2025-09"},
		{"late last year", "late last year", "2024"},
		{"mid-2024", "mid-2024", "2024"},
		{"in mid-July", "mid-July", "2025-07"},
		{"early 1990", "early 1990", "1990"},
		{"late November", "late November", "2025-11"},
		{"the end of the year", "the end of the year", "2025"},
		{"the beginning of March", "the beginning of March", "2025-03"},
		{"the end of 1990", "the end of 1990", "1990"},
		{"the middle of next week", "the middle of next week", "2025-W34"},
		{"It rose earlier this year.", "earlier this year", "2025"},
		{"Talks stalled earlier this week.", "this week", "2025-W33"},
		{"It will fall later this month.", "later this month", "2025-08"},
		{"the early 1990s", "early 1990s", "199"},
		{"the late 1980s", "late 1980s", "198"},
		{"the mid-1990s", "mid-1990s", "199"},

		// Offsets from the reference.
		{"two weeks ago", "two weeks ago", "2025-W31"},
		{"three days ago", "three days ago", "2025-08-12"},
		{"11 days ago", "11 days ago", "2025-08-04"},
		{"a year ago", "a year ago", "2024"},
		{"five months ago", "five months ago", "2025-03"},
		{"a decade ago", "a decade ago", "2015"},
		{"two years ago", "two years ago", "2023"},
		{"several years ago", "several years ago", "PAST_REF"},
		{"a few hours ago", "a few hours ago", "PAST_REF"},
		{"years ago", "years ago", "PAST_REF"},
		{"ten years from now", "ten years from now", "2035"},
		{"a week from today", "a week from today", "2025-W34"},

		// Durations.
		{"more than two hours of talks", "more than two hours", "PT2H"},
		{"nearly three years of devastating conflict", "nearly three years", "P3Y"},
		{"for the first time in 10 years", "10 years", "P10Y"},
		{"For the first time in a decade", "a decade", "P10Y"},
		{"first visit in over a decade", "over a decade", "P10Y"},
		{"two weeks", "two weeks", "P2W"},
		{"three years", "three years", "P3Y"},
		{"six months", "six months", "P6M"},
		{"24 hours", "24 hours", "PT24H"},
		{"45 minutes", "45 minutes", "PT45M"},
		{"30 seconds", "30 seconds", "PT30S"},
		{"one day", "one day", "P1D"},
		{"a week", "a week", "P1W"},
		{"a month", "a month", "P1M"},
		{"an hour", "an hour", "PT1H"},
		{"half an hour", "half an hour", "PT30M"},
		{"5 1/2 hours", "5 1/2 hours", "PT5H30M"},
		{"2 1/2 years", "2 1/2 years", "P2Y6M"},
		{"two and a half years", "two and a half years", "P2Y6M"},
		{"a minute and a half", "a minute and a half", "PT1M30S"},
		{"twenty-four hours", "twenty-four hours", "PT24H"},
		{"twenty four hours", "twenty four hours", "PT24H"},
		{"a hundred years", "a hundred years", "P100Y"},
		{"two thousand years", "two thousand years", "P2000Y"},
		{"a couple of weeks", "a couple of weeks", "P2W"},
		{"a fortnight", "a fortnight", "P2W"},
		{"two decades", "two decades", "P20Y"},
		{"three centuries", "three centuries", "P300Y"},
		{"a few days", "a few days", "PXD"},
		{"several weeks", "several weeks", "PXW"},
		{"many years", "many years", "PXY"},
		{"dozens of years", "dozens of years", "PXY"},
		{"some months", "some months", "PXM"},
		{"a two-year plan", "two-year", "P2Y"},
		{"the 30-day deadline", "30-day", "P30D"},
		{"a five-hour meeting", "five-hour", "PT5H"},
		{"a decade-long war", "decade-long", "P10Y"},
		{"the past two months", "the past two months", "P2M"},
		{"the last five years", "the last five years", "P5Y"},
		{"the next three weeks", "the next three weeks", "P3W"},
		{"the first nine months", "the first nine months", "P9M"},
		{"the nine months", "the nine months", "P9M"},
		{"the next several days", "the next several days", "PXD"},
		{"over the past 20 years", "the past 20 years", "P20Y"},
		{"the next year or so", "the next year or so", "2026"},
		{"two more weeks", "two more weeks", "P2W"},
		{"it lasted for years", "years", "PXY"},
		{"in recent months", "recent months", "PXM"},
		{"in the coming weeks", "the coming weeks", "PXW"},
		{"the past decade", "the past decade", "P10Y"},
		{"at least 72 hours", "at least 72 hours", "PT72H"},
		{"about 5 1/2 hours", "5 1/2 hours", "PT5H30M"},
		{"up to 180 days", "up to 180 days", "P180D"},
		{"less than a decade", "less than a decade", "P10Y"},
		{"no more than two weeks", "no more than two weeks", "P2W"},
		{"almost a hundred years", "almost a hundred years", "P100Y"},
		{"roughly two months", "two months", "P2M"},
		{"some 20 years", "20 years", "P20Y"},
		{"more than four decades ago", "more than four decades ago", "1985"},

		// Absolute dates.
		{"August 15, 2025", "August 15, 2025", "2025-08-15"},
		{"Aug. 15, 2025", "Aug. 15, 2025", "2025-08-15"},
		{"on Sept. 30", "Sept. 30", "2025-09-30"},
		{"Sept 30", "Sept 30", "2025-09-30"},
		{"15 August 2025", "15 August 2025", "2025-08-15"},
		{"24 February 2022", "24 February 2022", "2022-02-24"},
		{"Feb. 24, 2022", "Feb. 24, 2022", "2022-02-24"},
		{"March 3", "March 3", "2025-03-03"},
		{"August 20th", "August 20th", "2025-08-20"},
		{"December 25", "December 25", "2025-12-25"},
		{"He resigned on March 3.", "March 3", "2025-03-03"},
		{"The law takes effect Jan. 1.", "Jan. 1", "2026-01-01"},
		{"He will retire on Jan. 1.", "Jan. 1", "2026-01-01"},
		{"It opened on Dec. 3.", "Dec. 3", "2024-12-03"},
		{"July 1997", "July 1997", "1997-07"},
		{"January, 2020", "January, 2020", "2020-01"},
		{"June of 1998", "June of 1998", "1998-06"},
		{"In January he resigned.", "January", "2025-01"},
		{"in September", "September", "2025-09"},
		{"The vote will take place in March.", "March", "2026-03"},
		{"They met in May.", "May", "2025-05"},
		{"in May 2024", "May 2024", "2024-05"},
		{"last April", "last April", "2025-04"},
		{"next April", "next April", "2026-04"},
		{"this September", "this September", "2025-09"},
		{"June last year", "June last year", "2024-06"},
		{"January this year", "January this year", "2025-01"},
		{"in 1990", "1990", "1990"},
		{"since 2014", "2014", "2014"},
		{"the year 2000", "the year 2000", "2000"},
		{"nineteen ninety-six", "nineteen ninety-six", "1996"},
		{"the year two thousand", "the year two thousand", "2000"},
		{"2025-08-15", "2025-08-15", "2025-08-15"},
		{"8/15/2025", "8/15/2025", "2025-08-15"},

		// Seasons.
		{"this summer", "this summer", "2025-SU"},
		{"last winter", "last winter", "2024-WI"},
		{"next spring", "next spring", "2026-SP"},
		{"last fall", "last fall", "2024-FA"},
		{"this autumn", "this autumn", "2025-FA"},
		{"summer 2024", "summer 2024", "2024-SU"},
		{"the winter of 1994", "the winter of 1994", "1994-WI"},

		// Decades and centuries.
		{"the 1990s", "1990s", "199"},
		{"in the 1960s", "1960s", "196"},
		{"the ’80s", "’80s", "198"},
		{"the '80s", "'80s", "198"},
		{"the nineties", "the nineties", "199"},
		{"the 21st century", "the 21st century", "20"},
		{"the 20th century", "the 20th century", "19"},
		{"the twentieth century", "the twentieth century", "19"},

		// Quarters, halves, fiscal years.
		{"in the third quarter", "the third quarter", "2025-Q3"},
		{"the second quarter", "the second quarter", "2025-Q2"},
		{"Profit fell in the fourth quarter.", "the fourth quarter", "2024-Q4"},
		{"third-quarter profit", "third-quarter", "2025-Q3"},
		{"the third quarter of 2023", "the third quarter of 2023", "2023-Q3"},
		{"the 2023 third quarter", "the 2023 third quarter", "2023-Q3"},
		{"the fiscal first quarter", "the fiscal first quarter", "2025-Q1"},
		{"this year's second quarter", "this year's second quarter", "2025-Q2"},
		{"last year's fourth quarter", "last year's fourth quarter", "2024-Q4"},
		{"the first half", "the first half", "2025-H1"},
		{"the second half of 2024", "the second half of 2024", "2024-H2"},
		{"the last half of 1989", "the last half of 1989", "1989-H2"},
		{"fiscal 2024", "fiscal 2024", "2024"},
		{"fiscal year 2026", "fiscal year 2026", "2026"},
		{"the current quarter", "the current quarter", "2025-Q3"},
		{"the latest quarter", "the latest quarter", "2025-Q2"},
		{"next quarter", "next quarter", "2025-Q4"},
		{"Net rose in the second quarter, from a year earlier.", "a year earlier", "2024-Q2"},
		{"Net rose in the second quarter; in the year-ago quarter it fell.", "the year-ago quarter", "2024-Q2"},

		// Times of day.
		{"10:30 a.m. EDT", "10:30 a.m. EDT", "2025-08-15T10:30"},
		{"at 6 p.m.", "6 p.m.", "2025-08-15T18:00"},
		{"at 9 a.m. Tuesday", "9 a.m. Tuesday", "2025-08-12T09:00"},
		{"at 12 a.m.", "12 a.m.", "2025-08-15T00:00"},
		{"at 12:15 p.m.", "12:15 p.m.", "2025-08-15T12:15"},
		{"at 5pm", "5pm", "2025-08-15T17:00"},
		{"at 7 o'clock", "7 o'clock", "2025-08-15T07:00"},
		{"at noon", "noon", "2025-08-15T12:00"},
		{"at midnight", "midnight", "2025-08-15T24:00"},
		{"the offer expires at 5 p.m. EST, Nov. 6", "5 p.m. EST, Nov. 6", "2025-11-06T17:00"},
		{"at 10 p.m. yesterday", "10 p.m. yesterday", "2025-08-14T22:00"},
		{"at 4 in the morning", "4 in the morning", "2025-08-15T04:00"},
		{"around 7:15 p.m.", "7:15 p.m.", "2025-08-15T19:15"},

		// Sets.
		{"every Monday", "every Monday", "XXXX-WXX-1"},
		{"every Friday night", "every Friday night", "XXXX-WXX-5TNI"},
		{"weekly", "weekly", "P1W"},
		{"daily", "daily", "P1D"},
		{"monthly", "monthly", "P1M"},
		{"annually", "annually", "P1Y"},
		{"yearly", "yearly", "P1Y"},
		{"hourly", "hourly", "PT1H"},
		{"every day", "every day", "P1D"},
		{"each year", "each year", "P1Y"},
		{"every two weeks", "every two weeks", "P2W"},
		{"every other week", "every other week", "P2W"},
		{"every morning", "every morning", "XXXX-XX-XXTMO"},
		{"every summer", "every summer", "XXXX-SU"},
		{"every January", "every January", "XXXX-01"},

		// Reference words.
		{"now", "now", "PRESENT_REF"},
		{"currently", "currently", "PRESENT_REF"},
		{"nowadays", "nowadays", "PRESENT_REF"},
		{"these days", "these days", "PRESENT_REF"},
		{"under current rules", "current", "PRESENT_REF"},
		{"recently", "recently", "PAST_REF"},
		{"in the past", "the past", "PAST_REF"},
		{"in the future", "the future", "FUTURE_REF"},
		{"in the near future", "the near future", "FUTURE_REF"},
		{"in the foreseeable future", "the foreseeable future", "FUTURE_REF"},
		{"as soon as possible", "as soon as possible", "FUTURE_REF"},
		{"in recent years", "recent years", "PAST_REF"},

		// Holidays.
		{"Christmas", "Christmas", "2025-12-25"},
		{"on Christmas Eve", "Christmas Eve", "2025-12-24"},
		{"Christmas Day 2024", "Christmas Day 2024", "2024-12-25"},
		{"New Year's Day", "New Year's Day", "2025-01-01"},
		{"Thanksgiving", "Thanksgiving", "2025-11-27"},
		{"Thanksgiving Day 2024", "Thanksgiving Day 2024", "2024-11-28"},
		{"Easter", "Easter", "2025-04-20"},
		{"Easter Sunday 2024", "Easter Sunday 2024", "2024-03-31"},
		{"Election Day 2024", "Election Day 2024", "2024-11-05"},
		{"Independence Day", "Independence Day", "2025-07-04"},
		{"Halloween", "Halloween", "2025-10-31"},

		// Anchored on an earlier expression.
		{"They arrived on August 3 and left the following day.", "the following day", "2025-08-04"},
		{"They arrived on August 3 and left the next day.", "the next day", "2025-08-04"},
		{"The vote was on March 3; that day was calm.", "that day", "2025-03-03"},
		{"The vote was on March 3. Two days later he quit.", "Two days", "P2D"},
		{"A few days later, he quit.", "A few days", "PXD"},
		{"The vote was on March 3; two days earlier he quit.", "two days earlier", "2025-03-01"},
		{"He came in 1990 and left later that year.", "later that year", "1990"},

		{"Shares rose Friday, up 2% from the previous Friday.", "the previous Friday", "2025-08-08"},
		{"Talks began on Aug. 4; they ended the following Thursday.", "the following Thursday", "2025-08-07"},
		{"The day before last Tuesday's hearing he flew home.", "The day before last Tuesday", "2025-08-11"},
		{"Stocks peaked on Aug. 4, the day before the vote.", "the day", "2025-08-04"},
		{"A ruling may come the week of March 3.", "the week of March 3", "2025-W10"},
		{"Net rose in the third quarter. In the third quarter a year ago it fell.", "the third quarter a year ago", "2024-Q3"},
		{"He expects revenue in the latest quarter to rise.", "the latest quarter", "2025-Q2"},

		{"Officials postponed the hearing until Tuesday.", "Tuesday", "2025-08-19"},
		{"The family has until 9 a.m. Monday to answer.", "9 a.m. Monday", "2025-08-18T09:00"},
		{"Until Thursday, police had named no suspect.", "Thursday", "2025-08-14"},
		{"The blast came at 10:35 a.m. (0735 GMT) Thursday.", "10:35 a.m.", "2025-08-14T10:35"},

		{"The summit will be held on April 24 and 25.", "25", "2026-04-25"},
		{"Polls open on Nov. 3 and 4.", "4", "2025-11-04"},
		{"The deal should close by year-end.", "year-end", "2025"},
		{"Shares are up 8% since year end.", "year end", "2024"},
		{"It aims to finish by year's end.", "year's end", "2025"},
		{"Sales slowed over the summer.", "the summer", "2025-SU"},
		{"Orders rose from the lows of the early summer.", "the early summer", "2025-SU"},
		{"Sales fell in the quarter ended July 31.", "the quarter", "2025-Q2"},
		{"Net rose in the year-ago third quarter.", "the year-ago third quarter", "2024-Q3"},
		{"It expects sales in the current fiscal year to rise.", "the current fiscal year", "2025"},
		{"The lease ran from 1984 -- a long time.", "1984", "1984"},
		{"Repairs should take two to three weeks.", "two to three weeks", "P2W"},
		{"The index is near its record high set on Aug. 6.", "Aug. 6", "2025-08-06"},
		{"He was held on Monday. The next morning he was freed.", "The next morning", "2025-08-12TMO"},
		{"Talks ended on Aug. 4 and resumed the following evening.", "the following evening", "2025-08-05TEV"},
		{"Gunmen struck the previous night.", "the previous night", "2025-08-14TNI"},
		{"They met on March 3 and signed that same day.", "that same day", "2025-03-03"},
		{"The stock fell eight trading days ago.", "eight trading days ago", "2025-08-07"},
		{"Shares rose for five straight trading days.", "five straight trading days", "P5D"},
		{"Refunds take ten business days.", "ten business days", "P10D"},
		{"Two more rainy days followed.", "", ""},
		{"The index is near its record high set on Jan. 29.", "Jan. 29", "2025-01-29"},
		{"The index is near its record high of Feb. 3.", "Feb. 3", "2025-02-03"},
		{"Festivities peak on Dec. 24.", "Dec. 24", "2025-12-24"},
		{"The lease runs out in January.", "January", "2026-01"},
		{"Sales in February were the best in years.", "February", "2025-02"},
		{"It plans deals over the next 12 to 18 months.", "the next 12 to 18 months", "P12M"},
		{"Sentences were cut from five to three years.", "three years", "P3Y"},
		{"The mill ran from 2019 to 2021.", "2021", "2021"},
		{"Talks took two or three days.", "three days", "P3D"},
		{"the 1984-85 season", "", ""},

		// "in" + an amount: a date ahead in a future clause, else a span.
		{"The notes would be redeemed in five years.", "five years", "2030"},
		{"He will step down in 10 years.", "10 years", "2035"},
		{"The plant will reopen in three weeks.", "three weeks", "2025-W36"},
		{"Her second letter in two weeks arrived Monday.", "two weeks", "P2W"},
		{"It will be the first time in 10 years.", "10 years", "P10Y"},
		{"Rates will hit their highest in 20 years.", "20 years", "P20Y"},

		// Tense cues.
		{"She said she would fly to Paris on Thursday.", "Thursday", "2025-08-21"},
		{"He said talks would have ended Monday.", "Monday", "2025-08-11"},
		{"The offer had been scheduled to expire Thursday.", "Thursday", "2025-08-14"},
		{"The march went ahead as previously planned on Sunday.", "Sunday", "2025-08-10"},
		{"The reduced dividend is payable Jan. 2.", "Jan. 2", "2026-01-02"},
		{"The bonds will be redeemed on Jan. 2.", "Jan. 2", "2026-01-02"},

		// Anniversaries without a known start keep the expression.
		{"as the war approaches its third anniversary", "third anniversary", "XXXX-XX-XX"},

		// Not time expressions.
		{"a 10-year-old boy", "", ""},
		{"the 63-year-old senator", "", ""},
		{"she is 10 years old", "", ""},
		{"May I help you?", "", ""},
		{"They will march on Washington.", "", ""},
		{"March on, soldiers.", "", ""},
		{"a second attempt", "", ""},
		{"a quarter of voters", "", ""},
		{"$5 million a year", "", ""},
		{"24 hours a day", "24 hours", "PT24H"},
		{"four flights a week", "", ""},
		{"It cost $1990.", "", ""},
		{"2000 people marched", "", ""},
		{"route 1990", "", ""},
		{"20% of the vote", "", ""},
		{"the second round", "", ""},
		{"the first time", "", ""},
		{"The Sun reported", "", ""},
		{"a new day", "", ""},
		{"the past tense", "", ""},
		{"the current account deficit", "", ""},
		{"previously", "", ""},
		{"a 10-minute walk", "10-minute", "PT10M"},
		{"Baker said on ABC's \"This Week\" that talks go on.", "", ""},
		{"This is VOA Today.", "", ""},
		{"He was arrested at this march last year.", "last year", "2024"},
		{"Traders sold ahead of the weekend.", "the weekend", "2025-W33-WE"},
		{"a poster from the film High Noon", "", ""},
		{"This week, talks resumed.", "This week", "2025-W33"},
		{"He said Today the talks resume.", "Today", "2025-08-15"},
	} {
		expectTimex(t, c.in, fri, c.span, c.want)
	}
}

func TestTypesAndMods(t *testing.T) {
	for _, c := range []struct{ in, span, typ, val, mod string }{
		{"more than two hours", "more than two hours", "DURATION", "PT2H", "MORE_THAN"},
		{"nearly three years", "nearly three years", "DURATION", "P3Y", "LESS_THAN"},
		{"over a decade", "over a decade", "DURATION", "P10Y", "MORE_THAN"},
		{"about two weeks", "two weeks", "DURATION", "P2W", "APPROX"},
		{"around 10 days", "10 days", "DURATION", "P10D", "APPROX"},
		{"at least 30 days", "at least 30 days", "DURATION", "P30D", "EQUAL_OR_MORE"},
		{"up to 180 days", "up to 180 days", "DURATION", "P180D", "EQUAL_OR_LESS"},
		{"less than a decade", "less than a decade", "DURATION", "P10Y", "LESS_THAN"},
		{"almost four years ago", "almost four years ago", "DATE", "2021", "LESS_THAN"},
		{"early next month", "early next month", "DATE", "2025-09", "START"},
		{"mid-2024", "mid-2024", "DATE", "2024", "MID"},
		{"late November", "late November", "DATE", "2025-11", "END"},
		{"the end of the year", "the end of the year", "DATE", "2025", "END"},
		{"the start of 2020", "the start of 2020", "DATE", "2020", "START"},
		{"earlier this year", "earlier this year", "DATE", "2025", "START"},
		{"tonight", "tonight", "TIME", "2025-08-15TNI", ""},
		{"10:30 a.m. EDT", "10:30 a.m. EDT", "TIME", "2025-08-15T10:30", ""},
		{"Friday morning", "Friday morning", "TIME", "2025-08-15TMO", ""},
		{"Shares were up at mid-afternoon yesterday.", "mid-afternoon yesterday", "TIME", "2025-08-14TAF", "MID"},
		{"By mid afternoon, the shelling had stopped.", "mid afternoon", "TIME", "2025-08-15TAF", "MID"},
		{"a mid-morning briefing", "mid-morning", "TIME", "2025-08-15TMO", "MID"},
		{"Sales were flat through the last half of the '80s.", "the last half of the '80s", "DATE", "198", "END"},
		{"in the first half of the 1990s", "the first half of the 1990s", "DATE", "199", "START"},
		{"every Monday", "every Monday", "SET", "XXXX-WXX-1", ""},
		{"weekly", "weekly", "SET", "P1W", ""},
		{"now", "now", "DATE", "PRESENT_REF", ""},
		{"the coming week", "the coming week", "DATE", "2025-W34", ""},
		{"the 21st century", "the 21st century", "DATE", "20", ""},
		{"this summer", "this summer", "DATE", "2025-SU", ""},
		{"the year ended June 30", "the year", "DURATION", "P1Y", ""},
	} {
		times := Find(c.in, fri)
		checkSpans(t, c.in, times)
		found := false
		for _, x := range times {
			if x.Span.In(c.in) != c.span {
				continue
			}
			found = true
			if x.Type != c.typ || x.Value != c.val || x.Mod != c.mod {
				t.Errorf("%q: %q = %s %s %q, want %s %s %q", c.in, c.span, x.Type, x.Value, x.Mod, c.typ, c.val, c.mod)
			}
		}
		if !found {
			t.Errorf("%q: no expression %q in %v", c.in, c.span, times)
		}
	}
}

// Against another reference: Friday 14 March 2025.
func TestOtherReference(t *testing.T) {
	ref := ymd("2025-03-14")
	for _, c := range []struct{ in, span, want string }{
		{"last Tuesday", "last Tuesday", "2025-03-11"},
		{"He spoke on Tuesday.", "Tuesday", "2025-03-11"},
		{"last fall", "last fall", "2024-FA"},
		{"in December", "December", "2024-12"},
		{"The plant will open in December.", "December", "2025-12"},
		{"last week", "last week", "2025-W10"},
		{"the first quarter", "the first quarter", "2025-Q1"},
		{"the fourth quarter", "the fourth quarter", "2024-Q4"},
		{"Feb. 29", "Feb. 29", "2025-02-28"},
		// The month just past is "last month"; "last February" is a year
		// further back.
		{"Two helicopters crashed last February.", "last February", "2024-02"},
		{"The talks broke down last January.", "last January", "2025-01"},
		{"He resigned last March.", "last March", "2024-03"},
		// The date a change takes hold is ahead of the announcement.
		{"The tariff, effective Jan. 5, was announced today.", "Jan. 5", "2026-01-05"},
		{"Her resignation is effective Feb. 1.", "Feb. 1", "2025-02-01"},
	} {
		expectTimex(t, c.in, ref, c.span, c.want)
	}
	// Earnings reports: year-ago periods count from the quarter reported,
	// one that has ended, not from a forecast one or from each other.
	oct := ymd("2025-10-24")
	for _, c := range []struct{ in, span, want string }{
		{"Net rose in the third quarter. The year-ago results included a charge.", "The year-ago", "2024-Q3"},
		{"Net rose in the quarter ended Sept. 30 from the year-ago quarter. The year-ago results were restated.", "The year-ago", "2024-Q3"},
		{"Sales will grow in the fourth quarter and in the second quarter of 2026. In the year-ago period they fell.", "the year-ago period", "2024-Q3"},
		{"Net fell in the year-earlier quarter.", "the year-earlier quarter", "2024-Q3"},
	} {
		expectTimex(t, c.in, oct, c.span, c.want)
	}
	// Easter 2025 fell on 20 April; Monday 14 April is in the week before.
	holy := ymd("2025-04-14")
	for _, c := range []struct{ in, span, want string }{
		{"Pilgrims prayed as Easter week began.", "Easter week", "2025-W16"},
		{"Pilgrims prayed at Easter.", "Easter", "2025-04-20"},
		{"The church was packed at Christmas.", "Christmas", "2024-12-25"},
	} {
		expectTimex(t, c.in, holy, c.span, c.want)
	}
	// Year boundaries: Friday 2 January 2026 is in ISO week 1 of 2026.
	ny := ymd("2026-01-02")
	for _, c := range []struct{ in, span, want string }{
		{"last week", "last week", "2025-W52"},
		{"this week", "this week", "2026-W01"},
		{"last month", "last month", "2025-12"},
		{"On Dec. 30, the talks failed.", "Dec. 30", "2025-12-30"},
		{"They met Wednesday.", "Wednesday", "2025-12-31"},
		{"Shoppers crowded the stores before Christmas.", "Christmas", "2025-12-25"},
		{"last winter", "last winter", "2024-WI"},
		{"this winter", "this winter", "2025-WI"},
	} {
		expectTimex(t, c.in, ny, c.span, c.want)
	}
}

// With no reference, relative values stay underspecified.
func TestNoReference(t *testing.T) {
	var zero time.Time
	for _, c := range []struct{ in, span, want string }{
		{"Friday", "Friday", "XXXX-WXX-5"},
		{"He will speak on Monday.", "Monday", "XXXX-WXX-1"},
		{"yesterday", "yesterday", "XXXX-XX-XX"},
		{"last year", "last year", "XXXX"},
		{"this week", "this week", "XXXX-WXX"},
		{"next month", "next month", "XXXX-XX"},
		{"March 3", "March 3", "XXXX-03-03"},
		{"in September", "September", "XXXX-09"},
		{"the third quarter", "the third quarter", "XXXX-Q3"},
		{"last summer", "last summer", "XXXX-SU"},
		{"August 15, 2025", "August 15, 2025", "2025-08-15"},
		{"1990", "1990", "1990"},
		{"two weeks", "two weeks", "P2W"},
		{"now", "now", "PRESENT_REF"},
		{"tonight", "tonight", "XXXX-XX-XXTNI"},
		{"Christmas", "Christmas", "XXXX-12-25"},
	} {
		expectTimex(t, c.in, zero, c.span, c.want)
	}
}

func TestImpossibleDates(t *testing.T) {
	for _, in := range []string{
		"February 30, 2025",
		"on Feb. 30",
		"April 31",
		"30 February 2024",
		"February 29, 2025",
		"March 3, 99999",
	} {
		times, diags := New().Find(in, fri)
		if len(times) != 0 {
			t.Errorf("%q: got %q = %s, want no value", in, times[0].Span.In(in), times[0].Value)
		}
		if len(diags) != 1 {
			t.Errorf("%q: got %d diagnostics, want 1", in, len(diags))
			continue
		}
		if d := diags[0]; !d.Span.Valid(len(in)) || d.Span.Len() == 0 || d.Pass != Name {
			t.Errorf("%q: bad diagnostic %+v", in, d)
		}
	}
	// A leap day is fine.
	expectTimex(t, "February 29, 2024", fri, "February 29, 2024", "2024-02-29")
}

func TestAnniversary(t *testing.T) {
	text := "As the war in Ukraine approaches its third anniversary, talks go on."
	tg := New(WithKnownStarts(map[string]time.Time{"war in Ukraine": ymd("2022-02-24")}))
	times, _ := tg.Find(text, fri)
	checkSpans(t, text, times)
	if len(times) != 1 || times[0].Span.In(text) != "third anniversary" || times[0].Value != "2025-02-24" {
		t.Fatalf("got %+v", times)
	}
	// Unknown event: the expression stays, without a value.
	times, _ = tg.Find("The company marked its 50th anniversary.", fri)
	if len(times) != 1 || times[0].Value != "XXXX-XX-XX" {
		t.Fatalf("got %+v", times)
	}
}

func TestSinceEvent(t *testing.T) {
	tg := New(WithKnownStarts(map[string]time.Time{
		"invasion":            ymd("2022-02-24"),
		"invasion of ukraine": ymd("2022-02-24"),
		"war":                 ymd("2023-10-07"),
	}))
	for _, c := range []struct{ text, span, want string }{
		{"Prices have doubled since the invasion.", "the invasion", "2022-02-24"},
		{"Exports fell since Russia’s invasion of Ukraine in 2022.", "Russia’s invasion of Ukraine", "2022-02-24"},
		{"More than 40,000 have died since the war began, officials said.", "the war", "2023-10-07"},
		{"Nothing has changed since the merger.", "", ""},
		{"He has heard nothing since the warning.", "", ""},
		{"Rents rose since 2019.", "2019", "2019"},
	} {
		times, _ := tg.Find(c.text, fri)
		checkSpans(t, c.text, times)
		var got []string
		found := false
		for _, x := range times {
			got = append(got, x.Span.In(c.text)+"="+x.Value)
			if x.Span.In(c.text) == c.span {
				found = true
				if x.Value != c.want {
					t.Errorf("%q: %q = %s, want %s", c.text, c.span, x.Value, c.want)
				}
			}
		}
		if c.span == "" && len(times) > 0 || c.span != "" && !found {
			t.Errorf("%q: want %q = %s, got %v", c.text, c.span, c.want, got)
		}
	}
	// Without known starts an event is no time expression.
	if times := Find("Prices have doubled since the invasion.", fri); len(times) != 0 {
		t.Errorf("unknown event: got %v", times)
	}
}

func TestRun(t *testing.T) {
	text := "Talks ended Friday.\nRelated: Summit set for Monday\nThe next round will be on Monday.\n© 2025 Reuters, all rights reserved. Updated Tuesday."
	para1 := dateline.Span{Start: 0, End: int32(strings.Index(text, "\n"))}
	rel := strings.Index(text, "Related")
	relEnd := rel + strings.Index(text[rel:], "\n")
	p2 := relEnd + 1
	p2End := p2 + strings.Index(text[p2:], "\n")
	doc := &dateline.Document{
		Text:      text,
		Published: fri,
		Blocks: []dateline.Block{
			{Span: para1, Kind: dateline.BlockParagraph},
			{Span: dateline.Span{Start: int32(rel), End: int32(relEnd)}, Kind: dateline.BlockBoilerplate},
			{Span: dateline.Span{Start: int32(p2), End: int32(p2End)}, Kind: dateline.BlockParagraph},
			{Span: dateline.Span{Start: int32(p2End + 1), End: int32(len(text))}, Kind: dateline.BlockCredit},
		},
	}
	tg := New()
	if tg.Name() != "timex" {
		t.Fatalf("name %q", tg.Name())
	}
	if err := tg.Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkSpans(t, text, doc.Times)
	var got []string
	for _, x := range doc.Times {
		got = append(got, x.Span.In(text)+"="+x.Value)
	}
	if want := "Friday=2025-08-15 Monday=2025-08-18"; strings.Join(got, " ") != want {
		t.Fatalf("got %v, want %s", got, want)
	}
	if len(doc.Diags) != 0 {
		t.Fatalf("diagnostics %v", doc.Diags)
	}

	// No blocks: the whole text. No publication date: one diagnostic.
	doc = &dateline.Document{Text: "The minister resigned on Friday, two weeks after the vote."}
	if err := tg.Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Times) != 2 || doc.Times[0].Value != "XXXX-WXX-5" || doc.Times[1].Value != "P2W" {
		t.Fatalf("got %+v", doc.Times)
	}
	if len(doc.Diags) != 1 || doc.Diags[0].Pass != Name {
		t.Fatalf("diagnostics %+v", doc.Diags)
	}

	// A cancelled context is an error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tg.Run(ctx, &dateline.Document{Text: "today"}); err == nil {
		t.Fatal("want an error from a cancelled context")
	}
}

// The governing verb's tense from the parse layer wins over local cues.
func TestParsedTense(t *testing.T) {
	text := "Officials meet Monday."
	toks := []dateline.Token{
		{Span: dateline.Span{Start: 0, End: 9}, UPOS: "NOUN", XPOS: "NNS", Head: 1, Dep: "nsubj"},
		{Span: dateline.Span{Start: 10, End: 14}, UPOS: "VERB", XPOS: "VBD", Feats: "Tense=Past|VerbForm=Fin", Head: -1, Dep: "root"},
		{Span: dateline.Span{Start: 15, End: 21}, UPOS: "PROPN", XPOS: "NNP", Head: 1, Dep: "obl:tmod"},
		{Span: dateline.Span{Start: 21, End: 22}, UPOS: "PUNCT", XPOS: ".", Head: 1, Dep: "punct"},
	}
	doc := &dateline.Document{Text: text, Published: fri, Tokens: toks}
	if err := New().Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Times) != 1 || doc.Times[0].Value != "2025-08-11" {
		t.Fatalf("past parse: got %+v", doc.Times)
	}
	// "will" as an auxiliary of the verb: the future.
	text = "Officials will meet Monday."
	toks = []dateline.Token{
		{Span: dateline.Span{Start: 0, End: 9}, UPOS: "NOUN", XPOS: "NNS", Head: 2, Dep: "nsubj"},
		{Span: dateline.Span{Start: 10, End: 14}, UPOS: "AUX", XPOS: "MD", Head: 2, Dep: "aux"},
		{Span: dateline.Span{Start: 15, End: 19}, UPOS: "VERB", XPOS: "VB", Head: -1, Dep: "root"},
		{Span: dateline.Span{Start: 20, End: 26}, UPOS: "PROPN", XPOS: "NNP", Head: 2, Dep: "obl:tmod"},
		{Span: dateline.Span{Start: 26, End: 27}, UPOS: "PUNCT", XPOS: ".", Head: 2, Dep: "punct"},
	}
	doc = &dateline.Document{Text: text, Published: fri, Tokens: toks}
	if err := New().Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Times) != 1 || doc.Times[0].Value != "2025-08-18" {
		t.Fatalf("future parse: got %+v", doc.Times)
	}
	// "would" as an auxiliary: the future of reported speech; "would
	// have": the past. A plan verb looks ahead.
	for _, c := range []struct {
		text string
		toks []dateline.Token
		want string
	}{
		{"Talks would resume Monday.", []dateline.Token{
			{Span: dateline.Span{Start: 0, End: 5}, UPOS: "NOUN", XPOS: "NNS", Head: 2, Dep: "nsubj"},
			{Span: dateline.Span{Start: 6, End: 11}, UPOS: "AUX", XPOS: "MD", Head: 2, Dep: "aux"},
			{Span: dateline.Span{Start: 12, End: 18}, UPOS: "VERB", XPOS: "VB", Head: -1, Dep: "root"},
			{Span: dateline.Span{Start: 19, End: 25}, UPOS: "PROPN", XPOS: "NNP", Head: 2, Dep: "obl:tmod"},
		}, "2025-08-18"},
		{"Talks would have resumed Monday.", []dateline.Token{
			{Span: dateline.Span{Start: 0, End: 5}, UPOS: "NOUN", XPOS: "NNS", Head: 3, Dep: "nsubj"},
			{Span: dateline.Span{Start: 6, End: 11}, UPOS: "AUX", XPOS: "MD", Head: 3, Dep: "aux"},
			{Span: dateline.Span{Start: 12, End: 16}, UPOS: "AUX", XPOS: "VB", Head: 3, Dep: "aux"},
			{Span: dateline.Span{Start: 17, End: 24}, UPOS: "VERB", XPOS: "VBN", Head: -1, Dep: "root"},
			{Span: dateline.Span{Start: 25, End: 31}, UPOS: "PROPN", XPOS: "NNP", Head: 3, Dep: "obl:tmod"},
		}, "2025-08-11"},
		// A participle clause takes the tense of the clause it hangs on.
		{"Officials sang, leaving the next session Monday.", []dateline.Token{
			{Span: dateline.Span{Start: 0, End: 9}, UPOS: "NOUN", XPOS: "NNS", Head: 1, Dep: "nsubj"},
			{Span: dateline.Span{Start: 10, End: 14}, UPOS: "VERB", XPOS: "VBD", Feats: "Tense=Past|VerbForm=Fin", Head: -1, Dep: "root"},
			{Span: dateline.Span{Start: 14, End: 15}, UPOS: "PUNCT", XPOS: ",", Head: 3, Dep: "punct"},
			{Span: dateline.Span{Start: 16, End: 23}, UPOS: "VERB", XPOS: "VBG", Head: 1, Dep: "advcl"},
			{Span: dateline.Span{Start: 24, End: 27}, UPOS: "DET", XPOS: "DT", Head: 6, Dep: "det"},
			{Span: dateline.Span{Start: 28, End: 32}, UPOS: "ADJ", XPOS: "JJ", Head: 6, Dep: "amod"},
			{Span: dateline.Span{Start: 33, End: 40}, UPOS: "NOUN", XPOS: "NN", Head: 3, Dep: "obj"},
			{Span: dateline.Span{Start: 41, End: 47}, UPOS: "PROPN", XPOS: "NNP", Head: 3, Dep: "obl:tmod"},
		}, "2025-08-11"},
		{"Police scheduled a briefing Tuesday.", []dateline.Token{
			{Span: dateline.Span{Start: 0, End: 6}, UPOS: "NOUN", XPOS: "NNS", Head: 1, Dep: "nsubj"},
			{Span: dateline.Span{Start: 7, End: 16}, UPOS: "VERB", XPOS: "VBD", Lemma: "schedule", Head: -1, Dep: "root"},
			{Span: dateline.Span{Start: 17, End: 18}, UPOS: "DET", XPOS: "DT", Head: 3, Dep: "det"},
			{Span: dateline.Span{Start: 19, End: 27}, UPOS: "NOUN", XPOS: "NN", Head: 1, Dep: "obj"},
			{Span: dateline.Span{Start: 28, End: 35}, UPOS: "PROPN", XPOS: "NNP", Head: 1, Dep: "obl:tmod"},
		}, "2025-08-19"},
	} {
		doc = &dateline.Document{Text: c.text, Published: fri, Tokens: c.toks}
		if err := New().Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Times) != 1 || doc.Times[0].Value != c.want {
			t.Errorf("%q: got %+v, want %s", c.text, doc.Times, c.want)
		}
	}
	// Tokens without a parse (segmenter only): local cues decide.
	doc = &dateline.Document{Text: "Officials will meet Monday.", Published: fri,
		Tokens: []dateline.Token{{Span: dateline.Span{Start: 0, End: 9}, Head: -1}}}
	if err := New().Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Times) != 1 || doc.Times[0].Value != "2025-08-18" {
		t.Fatalf("no parse: got %+v", doc.Times)
	}
}

func TestMultiByte(t *testing.T) {
	text := "“Friday’s talks” – said Zelenskyy’s aide – lasted nearly three years… on Monday’s agenda: 10:30 a.m. EDT."
	times := Find(text, fri)
	checkSpans(t, text, times)
	var got []string
	for _, x := range times {
		got = append(got, x.Span.In(text)+"="+x.Value)
	}
	want := "Friday=2025-08-15 nearly three years=P3Y Monday=2025-08-11 10:30 a.m. EDT=2025-08-11T10:30"
	if strings.Join(got, " ") != want {
		t.Fatalf("got %q\nwant %q", strings.Join(got, " "), want)
	}
}
