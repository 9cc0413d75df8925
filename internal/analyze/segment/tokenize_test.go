package segment

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// tokens returns the tokens of text joined by "|".
func tokens(s *Segmenter, text string) string {
	var b strings.Builder
	for i, t := range s.Tokenize(text, 0, nil) {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(text[t.Start:t.End])
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	s := New()
	for _, tc := range []struct{ in, want string }{
		// words and punctuation
		{"", ""},
		{"   \n\t ", ""},
		{"Hello", "Hello"},
		{"Hello, world.", "Hello|,|world|."},
		{"Why? Because!", "Why|?|Because|!"},
		{"Really?!", "Really|?!"},
		{"Wait...", "Wait|..."},
		{"Wait... what", "Wait|...|what"},
		{"Wait…", "Wait|…"},
		{"no!!!", "no|!!!"},
		{"(see below)", "(|see|below|)"},
		{"[1]", "[|1|]"},
		{"a [...] b", "a|[|...|]|b"},
		{"hit .324 in", "hit|.324|in"},
		{"vol. 3", "vol.|3"},
		{"pan-Arab", "pan|-|Arab"},
		{"a; b: c", "a|;|b|:|c"},
		{"x/y", "x|/|y"},
		{"and/or", "and|/|or"},
		{"agreement/Reuters", "agreement|/|Reuters"},
		{"A & B", "A|&|B"},
		{"AT&T", "AT&T"},
		{"S&P 500", "S&P|500"},
		{"R&D", "R&D"},
		// clitics
		{"don't", "do|n't"},
		{"Don't", "Do|n't"},
		{"DON'T", "DO|N'T"},
		{"can't", "ca|n't"},
		{"won't", "wo|n't"},
		{"isn't", "is|n't"},
		{"ain't", "ai|n't"},
		{"shouldn't've", "should|n't|'ve"},
		{"don’t", "do|n’t"},
		{"can’t", "ca|n’t"},
		{"Trump's", "Trump|'s"},
		{"Trump’s", "Trump|’s"},
		{"TRUMP'S", "TRUMP|'S"},
		{"it's", "it|'s"},
		{"I'm", "I|'m"},
		{"I’m", "I|’m"},
		{"we're", "we|'re"},
		{"they've", "they|'ve"},
		{"she'll", "she|'ll"},
		{"he'd", "he|'d"},
		{"you’re", "you|’re"},
		{"let's", "let|'s"},
		{"parents' house", "parents|'|house"},
		{"parents’ house", "parents|’|house"},
		{"O'Brien", "O'Brien"},
		{"O’Neill’s", "O’Neill|’s"},
		{"rock'n'roll", "rock'n'roll"},
		{"cannot", "can|not"},
		{"Cannot", "Can|not"},
		{"gonna", "gon|na"},
		{"wanna", "wan|na"},
		{"gotta", "got|ta"},
		{"canon", "canon"},
		{"dont go", "do|nt|go"},
		{"Didnt", "Did|nt"},
		{"thats it", "that|s|it"},
		{"want", "want"},
		{"infant", "infant"},
		{"the '90s", "the|'90s"},
		{"the ’90s", "the|’90s"},
		{"the 1990s", "the|1990s"},
		{"the 1980's", "the|1980's"},
		{"'Sure,' he said", "'|Sure|,|'|he|said"},
		{"‘Sure,’ he said", "‘|Sure|,|’|he|said"},
		{"Zelenskyy’s government", "Zelenskyy|’s|government"},
		{"Moscow’s war", "Moscow|’s|war"},
		// quotes
		{`"Yes," she said.`, `"|Yes|,|"|she|said|.`},
		{"“great progress”", "“|great|progress|”"},
		{"a “dictator” (a statement)", "a|“|dictator|”|(|a|statement|)"},
		{"«Non»", "«|Non|»"},
		// abbreviations and initials
		{"U.S. soil", "U.S.|soil"},
		{"the U.S.", "the|U.S."},
		{"U.S.-based", "U.S.|-|based"},
		{"U.S.A.", "U.S.A."},
		{"U.K. and U.N.", "U.K.|and|U.N."},
		{"Washington, D.C.", "Washington|,|D.C."},
		{"Mr. Smith", "Mr.|Smith"},
		{"Mrs. Smith", "Mrs.|Smith"},
		{"Dr. Who", "Dr.|Who"},
		{"Gen. Milley", "Gen.|Milley"},
		{"Sen. Murkowski", "Sen.|Murkowski"},
		{"GEN. MILLEY", "GEN.|MILLEY"},
		{"Jan. 6", "Jan.|6"},
		{"Sept. 11", "Sept.|11"},
		{"Aug. 15, 2025", "Aug.|15|,|2025"},
		{"No. 10 Downing St.", "No.|10|Downing|St."},
		{"No. I won't", "No|.|I|wo|n't"},
		{"said no.", "said|no|."},
		{"fell ill.", "fell|ill|."},
		{"to wash.", "to|wash|."},
		{"Seattle, Wash.", "Seattle|,|Wash."},
		{"Apple Inc.", "Apple|Inc."},
		{"Acme Corp. said", "Acme|Corp.|said"},
		{"Martin Luther King Jr.", "Martin|Luther|King|Jr."},
		{"e.g. this", "e.g.|this"},
		{"i.e., that", "i.e.|,|that"},
		{"cats, dogs, etc.", "cats|,|dogs|,|etc."},
		{"Roe v. Wade", "Roe|v.|Wade"},
		{"Trump vs. Biden", "Trump|vs.|Biden"},
		{"at 10 a.m.", "at|10|a.m."},
		{"10 p.m. EST", "10|p.m.|EST"},
		{"J. K. Rowling", "J.|K.|Rowling"},
		{"George W. Bush", "George|W.|Bush"},
		{"J.K. Rowling", "J.K.|Rowling"},
		{"Ph.D. student", "Ph.D.|student"},
		{"approx. 5", "approx.|5"},
		{"Approx. 5", "Approx.|5"},
		{"the end.", "the|end|."},
		{"the end.The", "the|end|.|The"},
		{"I.", "I."},
		{"plan a.", "plan|a|."},
		// hyphens
		{"10-year-old", "10|-|year|-|old"},
		{"well-known", "well|-|known"},
		{"much-anticipated", "much|-|anticipated"},
		{"Trump-Putin talks", "Trump|-|Putin|talks"},
		{"high-profile", "high|-|profile"},
		{"non-profit", "non-profit"},
		{"e-mail", "e-mail"},
		{"E-mail", "E-mail"},
		{"co-workers", "co-workers"},
		{"re-elected", "re-elected"},
		{"de-escalation", "de-escalation"},
		{"anti-war", "anti-war"},
		{"pro-Kremlin", "pro-Kremlin"},
		{"ex-president", "ex-president"},
		{"vice-president", "vice-president"},
		{"self-defense", "self|-|defense"},
		{"non-self-governing", "non-self|-|governing"},
		{"pre- and post-war", "pre-|and|post-war"},
		{"I kn- I know", "I|kn-|I|know"},
		{"a - b", "a|-|b"},
		{"a -- b", "a|--|b"},
		{"wait--what", "wait|--|what"},
		{"ANCHORAGE, Alaska – President", "ANCHORAGE|,|Alaska|–|President"},
		{"talks—and", "talks|—|and"},
		{"1990–2000", "1990|–|2000"},
		{"COVID-19", "COVID|-|19"},
		{"F-16", "F|-|16"},
		{"x‐ray", "x|‐|ray"},
		// numbers
		{"1,000", "1,000"},
		{"1,000,000 people", "1,000,000|people"},
		{"1.000,5", "1.000,5"},
		{"2.5%", "2.5|%"},
		{"2.5 percent", "2.5|percent"},
		{"$1.2bn", "$|1.2|bn"},
		{"$1.2 billion", "$|1.2|billion"},
		{"€300m", "€|300|m"},
		{"£5", "£|5"},
		{"US$5", "US|$|5"},
		{"10:30", "10:30"},
		{"10:30am", "10:30|am"},
		{"10am", "10|am"},
		{"10PM", "10|PM"},
		{"5km", "5|km"},
		{"3D", "3D"},
		{"3G", "3G"},
		{"4x4", "4x4"},
		{"G7", "G7"},
		{"MH17", "MH17"},
		{"1st", "1st"},
		{"2nd", "2nd"},
		{"23rd", "23rd"},
		{"21st century", "21st|century"},
		{"9/11", "9/11"},
		{"11/20/2000", "11/20/2000"},
		{"1/2", "1/2"},
		{"3-4", "3|-|4"},
		{"1969-1970", "1969|-|1970"},
		{"713-853-3989", "713-853-3989"},
		{"555-0199", "555-0199"},
		{"1-800-555-0199", "1-800-555-0199"},
		{"2025-08-15", "2025-08-15"},
		{"in 2019.", "in|2019|."},
		{"in 2019.Then", "in|2019|.|Then"},
		{"1.5.", "1.5|."},
		{"-5", "-|5"},
		{"+1", "+|1"},
		{"#1", "#1"},
		{"No.1", "No.|1"},
		{"Chapter 12.", "Chapter|12|."},
		{"12. Item", "12.|Item"},
		{"1. First\n2. Second", "1.|First|2.|Second"},
		// web and social
		{"https://example.com/a?b=c.", "https://example.com/a?b=c|."},
		{"(http://example.com/x_(y))", "(|http://example.com/x_(y)|)"},
		{"see www.bbc.co.uk.", "see|www.bbc.co.uk|."},
		{"Amazon.com", "Amazon.com"},
		{"Amazon.com's", "Amazon.com|'s"},
		{"report.pdf", "report.pdf"},
		{"nytimes.com/2017/x.html today", "nytimes.com/2017/x.html|today"},
		{"mail me at jane.doe@example.com.", "mail|me|at|jane.doe@example.com|."},
		{"jane@example.com", "jane@example.com"},
		{"Rice@ENRON", "Rice@ENRON"},
		{"@POTUS said", "@POTUS|said"},
		{"#StandWithUkraine", "#StandWithUkraine"},
		{"### Heading", "###|Heading"},
		{"a @ b", "a|@|b"},
		{"great :)", "great|:)"},
		{"great :-(", "great|:-("},
		{"note:)", "note|:|)"},
		{"***", "***"},
		{"=====", "====="},
		{"$$$", "$$$"},
		{"<<>>", "<<|>>"},
		// multi-byte text
		{"Zürich café", "Zürich|café"},
		{"naïve résumé", "naïve|résumé"},
		{"Київ і Москва", "Київ|і|Москва"},
		{"東京", "東京"},
		{"Putin’s “great progress” – maybe…", "Putin|’s|“|great|progress|”|–|maybe|…"},
		{"a\u00a0b", "a|b"},
		{"a\u200bb", "a|b"},
		{"a\u2009b", "a|b"},
		{"co\u00adoperate", "co\u00adoperate"},
		{"🇺🇦 flag", "🇺🇦|flag"},
		{"👍🏽 ok", "👍🏽|ok"},
		{"👨‍👩‍👧 family", "👨‍👩‍👧|family"},
		{"→ next", "→|next"},
		{"°C", "°|C"},
		{"\xff\xfe", "\xff|\xfe"},
	} {
		if got := tokens(s, tc.in); got != tc.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

func TestTokenizeOffsets(t *testing.T) {
	s := New()
	text := "“Sure,” said Trump’s aide."
	toks := s.Tokenize(text, 100, nil)
	want := []string{"“", "Sure", ",", "”", "said", "Trump", "’s", "aide", "."}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, tk := range toks {
		if got := text[tk.Start-100 : tk.End-100]; got != want[i] {
			t.Errorf("token %d = %q, want %q", i, got, want[i])
		}
		if tk.Head != -1 || tk.UPOS != "" || tk.Lemma != "" {
			t.Errorf("token %d has fields set: %+v", i, tk)
		}
	}
}

func TestTokenizeAppends(t *testing.T) {
	s := New()
	dst := []dateline.Token{{Span: dateline.Span{Start: 0, End: 3}, Head: -1}}
	dst = s.Tokenize("one two", 10, dst)
	if len(dst) != 3 || dst[0].End != 3 || dst[1].Start != 10 || dst[2].Start != 14 {
		t.Errorf("Tokenize did not append at base: %+v", dst)
	}
}

func TestTokenizeAllocs(t *testing.T) {
	s := New()
	text := newsText
	dst := make([]dateline.Token, 0, 4096)
	allocs := testing.AllocsPerRun(20, func() {
		dst = s.Tokenize(text, 0, dst[:0])
	})
	if allocs != 0 {
		t.Errorf("Tokenize allocates %.1f times per call with room in dst, want 0", allocs)
	}
}
