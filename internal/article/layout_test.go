package article

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

func TestFindDateline(t *testing.T) {
	tests := []struct {
		in, span, place string // span "" means no dateline
	}{
		{"ANCHORAGE, Alaska – President Donald Trump met", "ANCHORAGE, Alaska", "Anchorage, Alaska, United States"},
		{"WASHINGTON (Reuters) - The Senate voted", "WASHINGTON", "Washington"},
		{"KYIV, Ukraine — Drones struck", "KYIV, Ukraine", "Kyiv, Ukraine"},
		{"LONDON, Aug 15 (Reuters) - Shares fell", "LONDON", "London"},
		{"PARIS, 3 March (AFP) – Le gouvernement", "PARIS", "Paris"},
		{"ST. PETERSBURG, Fla. (AP) — A storm", "ST. PETERSBURG, Fla.", "St. Petersburg, Florida, United States"},
		{"RIO DE JANEIRO — Carnival began", "RIO DE JANEIRO", "Rio de Janeiro"},
		{"SAN JUAN, Puerto Rico (AP) — Power", "SAN JUAN, Puerto Rico", "San Juan, Puerto Rico"},
		{"BERLIN (dpa) - Die Regierung", "BERLIN", "Berlin"},
		{"NEW YORK -- Stocks rose", "NEW YORK", "New York"},
		{"GAZA CITY—Residents fled", "GAZA CITY", "Gaza City"},
		{"Kyiv, Ukraine — Drones struck", "Kyiv, Ukraine", "Kyiv, Ukraine"},
		{"Washington (AP) — The Senate", "Washington", "Washington"},
		{"NAIROBI, Kenya, July 4 (Reuters) - Police", "NAIROBI, Kenya", "Nairobi, Kenya"},
		{"PORT-AU-PRINCE, Haiti (AP) — Gangs", "PORT-AU-PRINCE, Haiti", "Port-Au-Prince, Haiti"},
		{"UNITED NATIONS (AP) — The Security Council", "UNITED NATIONS", "United Nations"},
		// Not datelines.
		{"BREAKING – The minister resigned", "", ""},
		{"The minister resigned – and left", "", ""},
		{"Ukraine — a country at war — votes", "", ""},
		{"NATO leaders met on Friday in Brussels.", "", ""},
		{"US - China trade talks resume", "", ""},
		{"President Trump - who arrived late - spoke", "", ""},
		{"", "", ""},
		{"WASHINGTON", "", ""},
	}
	for _, tc := range tests {
		s, e, place, ok := findDateline(tc.in)
		if tc.span == "" {
			if ok {
				t.Errorf("findDateline(%q) = %q, want none", tc.in, tc.in[s:e])
			}
			continue
		}
		if !ok {
			t.Errorf("findDateline(%q): none, want %q", tc.in, tc.span)
			continue
		}
		if got := tc.in[s:e]; got != tc.span || place != tc.place {
			t.Errorf("findDateline(%q) = %q (%q), want %q (%q)", tc.in, got, place, tc.span, tc.place)
		}
	}
}

func TestCaptionPieces(t *testing.T) {
	tests := []struct {
		in      string
		hint    hint
		caption string // "" with credit "" means not a caption with a credit
		credit  string
	}{
		{"Putin and Trump shook hands before the talks/Reuters", hintNone, "Putin and Trump shook hands before the talks", "Reuters"},
		{"Firefighters battle the blaze near the highway. Photo: AP", hintNone, "Firefighters battle the blaze near the highway.", "Photo: AP"},
		{"Protesters gather outside parliament (Getty Images)", hintNone, "Protesters gather outside parliament", "(Getty Images)"},
		{"Protesters gather outside parliament. (AP Photo/Evan Vucci)", hintNone, "Protesters gather outside parliament.", "(AP Photo/Evan Vucci)"},
		{"The leaders at the summit. Jane Doe/Reuters", hintNone, "The leaders at the summit.", "Jane Doe/Reuters"},
		{"Ships wait in the harbour / AFP via Getty Images", hintNone, "Ships wait in the harbour", "AFP via Getty Images"},
		{"Die Kanzlerin am Montag in Berlin. Foto: dpa", hintNone, "Die Kanzlerin am Montag in Berlin.", "Foto: dpa"},
		{"A view of the old town at dusk/Anna Berg", hintCaption, "A view of the old town at dusk", "Anna Berg"},
		// Not captions with credits.
		{"The company runs its network on TCP/IP", hintNone, "", ""},
		{"Prices rose 5% year/year in March", hintNone, "", ""},
		{"The talks, he said, would resume (Reuters reported earlier) next week.", hintNone, "", ""},
		{"See https://example.com/News for details", hintNone, "", ""},
		{"He said the deal was dead and/or buried", hintNone, "", ""},
	}
	for _, tc := range tests {
		ps, ok := captionPieces(rawBlock{text: tc.in, hint: tc.hint})
		if tc.credit == "" {
			if ok {
				t.Errorf("captionPieces(%q) = %+v, want none", tc.in, ps)
			}
			continue
		}
		if !ok || len(ps) != 2 || ps[0].text != tc.caption || ps[1].text != tc.credit ||
			ps[0].kind != dateline.BlockCaption || ps[1].kind != dateline.BlockCredit {
			t.Errorf("captionPieces(%q) = %+v, want caption %q credit %q", tc.in, ps, tc.caption, tc.credit)
		}
	}
}

func TestClassifyLine(t *testing.T) {
	B, C, N := dateline.BlockBoilerplate, dateline.BlockCredit, dateline.BlockKind("")
	tests := []struct {
		in   string
		want dateline.BlockKind
	}{
		{"Related: Putin Expresses Readiness For Nuclear War", B},
		{"READ MORE: Markets slide as oil jumps", B},
		{"Read more", B},
		{"Advertisement", B},
		{"ADVERTISEMENT", B},
		{"Story continues below advertisement", B},
		{"Sign up for our newsletter", B},
		{"Sign up for the Morning Briefing newsletter and get the news in your inbox.", B},
		{"Subscribe to our newsletter", B},
		{"Click here to read the full report", B},
		{"Follow us on Twitter", B},
		{"Share on Facebook", B},
		{"Facebook Twitter WhatsApp Email", B},
		{"Share this article", B},
		{"© 2024 The Daily Ledger. All rights reserved.", B},
		{"Copyright 2025 The Associated Press. All rights reserved.", B},
		{"Published 15 August 2025", B},
		{"Updated: Aug. 15, 2025 3:04 p.m. ET", B},
		{"Lesen Sie auch: Wie Städte sich vorbereiten", B},
		{"Anzeige", B},
		{"Listen to this article", B},
		{"5 min read", B},
		{"This article was originally published on The Conversation.", B},
		{"Photo: AP", C},
		{"(Getty Images)", C},
		{"Reuters", C},
		{"Jane Doe/Reuters", C},
		{"AFP via Getty Images", C},
		{"(Reporting by Mara Lindqvist; Editing by Tom Hale)", C},
		{"Reporting by Jane Doe in Kyiv; Writing by John Roe; Editing by Ann Lee", C},
		{"Associated Press writer Jane Doe in Kyiv contributed to this report.", C},
		// Running text stays.
		{"Related talks will resume in Geneva next week, officials said.", N},
		{"Read the statement carefully, the lawyer told the court.", N},
		{"Advertisements for the new phone ran in every paper.", N},
		{"He told followers to sign up for the rally before Friday.", N},
		{"Photographers were kept outside the building.", N},
		{"The summit was published as a success by state media.", N},
		{"Published reports say the minister will resign.", N},
		{"Share prices fell 4% on Tuesday.", N},
		{"More than 40 ships were idle.", N},
		{"The newsletter, launched in 2019, now has 2 million subscribers.", N},
		{"Reuters could not verify the footage.", N},
		{"Follow the money, investigators say.", N},
	}
	for _, tc := range tests {
		if got := classifyLine(tc.in); got != tc.want {
			t.Errorf("classifyLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestByline(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		name string
	}{
		{"By Jane Doe", true, "Jane Doe"},
		{"By JANE DOE", true, "JANE DOE"},
		{"By Jane Doe and John Roe", true, "Jane Doe and John Roe"},
		{"By Jane Doe, Reuters", true, "Jane Doe"},
		{"By Jane Doe | The Daily Ledger", true, "Jane Doe"},
		{"Von Anna Schmidt", true, "Anna Schmidt"},
		{"Written by Ahmed Al-Sayed", true, "Ahmed Al-Sayed"},
		{"By the end of the day, the deal was done.", false, ""},
		{"By Friday, the deal was done.", false, ""},
		{"By 2030, emissions must halve.", false, ""},
		{"Byron Bay was flooded", false, ""},
	}
	for _, tc := range tests {
		if got := isByline(tc.in); got != tc.ok {
			t.Errorf("isByline(%q) = %v, want %v", tc.in, got, tc.ok)
			continue
		}
		if tc.ok {
			if got := bylineName(tc.in); got != tc.name {
				t.Errorf("bylineName(%q) = %q, want %q", tc.in, got, tc.name)
			}
		}
	}
}

// layoutKinds runs the news layer over plain-text lines and returns
// "kind:text" for every piece.
func layoutKinds(lines ...string) []string {
	var raw []rawBlock
	for _, l := range lines {
		raw = append(raw, rawBlock{text: l})
	}
	ps, _ := layout(raw, meta{})
	var out []string
	for _, p := range ps {
		out = append(out, string(p.kind)+":"+p.text)
	}
	return out
}

func TestHeadingsVersusShortSentences(t *testing.T) {
	long := "The council met for six hours on Tuesday and voted to close the bridge to cars from next spring."
	tests := []struct {
		line string
		want dateline.BlockKind
	}{
		{"High Stakes, Limited Results", dateline.BlockHeading},
		{"What happens next", dateline.BlockHeading},
		{"Why it matters", dateline.BlockHeading},
		{"Zelenskyy’s Strategic Response", dateline.BlockHeading},
		{"Is the ceasefire holding?", dateline.BlockHeading},
		{"He refused.", dateline.BlockParagraph},
		{"Nobody answered.", dateline.BlockParagraph},
		{"“We will not give up,” she said", dateline.BlockParagraph},
		{"and then the lights went out", dateline.BlockParagraph},
		{"Then came the vote:", dateline.BlockParagraph},
		{"It was, by all accounts, a very long meeting indeed that nobody in the room enjoyed at all", dateline.BlockParagraph},
		{"Stop!", dateline.BlockParagraph},
	}
	for _, tc := range tests {
		got := layoutKinds("Bridge to close", long, tc.line, long)
		want := string(tc.want) + ":" + tc.line
		if len(got) != 4 || got[2] != want {
			t.Errorf("%q between paragraphs: got %q, want %q", tc.line, got, want)
		}
	}
	// A short line before a short line is not a heading.
	if got := layoutKinds("Bridge to close", long, "Short line here", "Another short one"); got[2] != "paragraph:Short line here" {
		t.Errorf("short line before a short line: %q", got)
	}
}

func TestHeadRegion(t *testing.T) {
	got := layoutKinds(
		"Storm floods coastal towns",
		"Rescuers search for dozens missing after the worst floods in a century.",
		"By Jane Doe",
		"Residents wade through a flooded street on Sunday/Reuters",
		"LISBON (Reuters) - Floods swept through coastal towns in southern Portugal on Sunday, officials said.",
		"More rain is forecast.",
	)
	want := []string{
		"title:Storm floods coastal towns",
		"deck:Rescuers search for dozens missing after the worst floods in a century.",
		"byline:By Jane Doe",
		"caption:Residents wade through a flooded street on Sunday",
		"credit:Reuters",
		"paragraph:LISBON (Reuters) - Floods swept through coastal towns in southern Portugal on Sunday, officials said.",
		"paragraph:More rain is forecast.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("head region:\ngot  %q\nwant %q", got, want)
	}
	// Without a dateline or byline after it, a first sentence is the lede, not a deck.
	got = layoutKinds("Storm floods coastal towns", "Floods swept through towns on Sunday.", "More rain is forecast for Monday and Tuesday.")
	if got[1] != "paragraph:Floods swept through towns on Sunday." {
		t.Errorf("lede taken for a deck: %q", got)
	}
}

func TestTextBlocksHardWrapped(t *testing.T) {
	in := "Title of the story\n\nThe first paragraph is wrapped at a fixed width so\nthat every line ends in the middle of a sentence and\ncontinues on the next line until it ends.\n\nA second paragraph, wrapped the same way, goes on\nfor two lines.\n"
	got := textBlocks(in)
	want := []string{"Title of the story",
		"The first paragraph is wrapped at a fixed width so that every line ends in the middle of a sentence and continues on the next line until it ends.",
		"A second paragraph, wrapped the same way, goes on for two lines."}
	if len(got) != len(want) {
		t.Fatalf("got %d blocks %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].text != want[i] {
			t.Errorf("block %d = %q, want %q", i, got[i].text, want[i])
		}
	}
	// One paragraph per line: lines are kept apart.
	got = textBlocks("First line is a full sentence.\nSecond line is another.\nThird.\n")
	if len(got) != 3 {
		t.Errorf("unwrapped lines joined: %+v", got)
	}
}

func TestLinkSection(t *testing.T) {
	long := "The council met for six hours on Tuesday and voted to close the bridge to cars from next spring."
	got := layoutKinds("Bridge to close", long, "Related stories", "Mayor defends bridge plan", "Traffic chaos feared in city centre", long)
	want := []string{"title:Bridge to close", "paragraph:" + long, "boilerplate:Related stories",
		"boilerplate:Mayor defends bridge plan", "boilerplate:Traffic chaos feared in city centre", "paragraph:" + long}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("link section:\ngot  %q\nwant %q", got, want)
	}
}
