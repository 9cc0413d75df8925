package resolve

import (
	"strings"
	"testing"
	"time"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestReadActors(t *testing.T) {
	const in = `# a comment
ARNOR_  [ARN]
+NORTH_KINGDOM_  # comment after a synonym
+FORNOST

ARAGORN_ELESSAR_  # dated roles
+STRIDER_
	[ARNREB 290101-300315]
	[ARNGOV >300316]
	[ARNELI]
BOROMIR_
BOROMIR_SON_OF_DENETHOR
	[GONMIL <19990101] [GONELI 1998-02-30]
+ORPHAN
  #  indented comment
GANDALF_	[---]
STEWARD OF_GONDOR_	[GONGOV 20010101-20001231][GONGOV]	trailing junk
NOCODE_

+LOST_SYNONYM
	[XYZ]
SARUMAN_ [isengard]
`
	acts, probs, err := ReadActors(strings.NewReader(in), "test.actors")
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		names string
		codes int
	}
	wants := []want{
		{"ARNOR|NORTH KINGDOM|FORNOST", 1},
		{"ARAGORN ELESSAR|STRIDER", 3},
		{"BOROMIR|BOROMIR SON OF DENETHOR|ORPHAN", 1},
		{"STEWARD OF GONDOR", 1},
	}
	if len(acts) != len(wants) {
		for _, a := range acts {
			t.Logf("%+v", a)
		}
		t.Fatalf("got %d actors, want %d", len(acts), len(wants))
	}
	for i, w := range wants {
		if got := strings.Join(acts[i].Names, "|"); got != w.names || len(acts[i].Codes) != w.codes {
			t.Errorf("actor %d: %q with %d codes, want %q with %d", i, got, len(acts[i].Codes), w.names, w.codes)
		}
	}
	ar := acts[1]
	if c := ar.Codes[0]; c.Code != "ARNREB" || !c.From.Equal(day(2029, 1, 1)) || !c.Until.Equal(day(2030, 3, 16)) {
		t.Errorf("range: %+v", c)
	}
	if c := ar.Codes[1]; c.Code != "ARNGOV" || !c.From.Equal(day(2030, 3, 16)) || !c.Until.IsZero() {
		t.Errorf("from: %+v", c)
	}
	if c := acts[2].Codes[0]; !c.Until.Equal(day(1999, 1, 1)) || !c.From.IsZero() {
		t.Errorf("until: %+v", c)
	}
	if ar.Line != 6 {
		t.Errorf("line %d, want 6", ar.Line)
	}
	wantProbs := []string{
		"test.actors:13: bad code [GONELI 1998-02-30]",
		"test.actors:17: bad code [GONGOV 20010101-20001231]",
		"test.actors:18: actor \"NOCODE\" has no code",
		"test.actors:20: synonym \"LOST SYNONYM\" without an actor",
		"test.actors:21: code line without an actor",
		"test.actors:22: bad code [isengard]",
		"test.actors:22: actor \"SARUMAN\" has no code",
	}
	if len(probs) != len(wantProbs) {
		for _, p := range probs {
			t.Log(p)
		}
		t.Fatalf("got %d problems, want %d", len(probs), len(wantProbs))
	}
	for i, w := range wantProbs {
		if !strings.HasPrefix(probs[i].String(), w) {
			t.Errorf("problem %d: %s, want %s...", i, probs[i], w)
		}
	}
}

func TestParseDictDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"000101", day(2000, 1, 1), true},
		{"300101", day(2030, 1, 1), true},
		{"310101", day(1931, 1, 1), true},
		{"991231", day(1999, 12, 31), true},
		{"19270101", day(1927, 1, 1), true},
		{"20250120", day(2025, 1, 20), true},
		{"250229", time.Time{}, false},
		{"240229", day(2024, 2, 29), true},
		{"9008223", time.Time{}, false},
		{"", time.Time{}, false},
		{"12a456", time.Time{}, false},
		{"201313", time.Time{}, false},
	} {
		got, err := parseDictDate(tc.in)
		if (err == nil) != tc.ok || !got.Equal(tc.want) {
			t.Errorf("parseDictDate(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestReadAgents(t *testing.T) {
	const in = `!PERSON! = MAN, MEN, WOMAN, WOMEN
PRESIDENT [~GOV]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
DOC {} [~HLH]
CLERGY!PERSON! [~CHR]
PEACEKEEPER [IGO~]
BROKEN [~ENV}
NOCODE
!UNKNOWN! THING [~GOV]
`
	ags, probs, err := ReadAgents(strings.NewReader(in), "agents")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range ags {
		s := a.Name + "=" + a.Code
		if a.Plurals != nil {
			s += "{" + strings.Join(a.Plurals, ",") + "}"
		}
		if a.Prefix {
			s += "~"
		}
		got = append(got, s)
	}
	want := "PRESIDENT=GOV CHAMBER OF COMMERCE=BUS{CHAMBERS OF COMMERCE} DOC=HLH{} CLERGYMAN=CHR{} CLERGYMEN=CHR{} CLERGYWOMAN=CHR{} CLERGYWOMEN=CHR{} PEACEKEEPER=IGO~"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
	if len(probs) != 3 || probs[0].Line != 7 || probs[1].Line != 8 || probs[2].Line != 9 {
		t.Errorf("problems: %v", probs)
	}
}

// FuzzReadActors feeds arbitrary bytes to the dictionary readers: they must
// never panic, and every actor they return has a name and a code.
func FuzzReadActors(f *testing.F) {
	f.Add("ARNOR_ [ARN]\n+GONDOR\n\t[ARNGOV 990101-000101]\n")
	f.Add("X\n+Y [Z >20010101] [---]\n\n[Q]\n+\n")
	f.Add("!P! = A, B\nX!P! {Y} [~GOV]\n[IGO~]\n")
	f.Add("A [B 1-2-3]\nC\t[D <]\n")
	f.Fuzz(func(t *testing.T, in string) {
		acts, probs, err := ReadActors(strings.NewReader(in), "fuzz")
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range acts {
			if len(a.Names) == 0 || a.Names[0] == "" || len(a.Codes) == 0 {
				t.Fatalf("bad actor %+v", a)
			}
		}
		for _, p := range probs {
			if p.Line < 1 {
				t.Fatalf("problem without a line: %v", p)
			}
		}
		if _, _, err := ReadAgents(strings.NewReader(in), "fuzz"); err != nil {
			t.Fatal(err)
		}
	})
}

// TestReadActorsBadCodeEndsNames: a name line whose code block is malformed
// ends its actor (reported, dropped); the next name is another actor, not a
// synonym of the first.
func TestReadActorsBadCodeEndsNames(t *testing.T) {
	dict := "THE_VALE  [VAL/HIL]\nTHARBAD  [THB]\n\nOLD_KING_\n+KING_OF_THE_VALE\n\t[VALGOV >199905011]\nYOUNG_KING_\n\t[VALGOV 990601-000531]\n"
	acts, probs, err := ReadActors(strings.NewReader(dict), "t")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range acts {
		names = append(names, strings.Join(a.Names, "|")+"="+a.Codes[0].Code)
	}
	if got := strings.Join(names, " "); got != "THARBAD=THB YOUNG KING=VALGOV" {
		t.Errorf("actors %q, want THARBAD=THB YOUNG KING=VALGOV", got)
	}
	want := []string{"t:1: bad code [VAL/HIL]", "t:1: actor \"THE VALE\" has no code", "t:6: bad code [VALGOV >199905011]", "t:4: actor \"OLD KING\" has no code"}
	if len(probs) != len(want) {
		t.Fatalf("problems %v, want %v", probs, want)
	}
	for i, w := range want {
		if !strings.HasPrefix(probs[i].String(), w) {
			t.Errorf("problem %d: %s, want %s...", i, probs[i], w)
		}
	}
}
