package cameo

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/repotest"
)

var update = flag.Bool("update", false, "regenerate the committed data from ../shared/data/petrarch")

// sharedData returns ../shared/data/petrarch relative to the module root,
// or skips the test when it is absent.
func sharedData(t testing.TB) string {
	t.Helper()
	return repotest.SharedData(t, "petrarch")
}

// TestCommittedData converts the PETRARCH sources and checks that the
// committed files are what the converter writes (-update rewrites them).
func TestCommittedData(t *testing.T) {
	src := sharedData(t)
	verbs, err := os.Open(filepath.Join(src, "dictionaries", "production", "CAMEO.2.0.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer verbs.Close()
	plover, err := os.Open(filepath.Join(src, "CAMEO2PLOVER-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer plover.Close()
	var vb, pb bytes.Buffer
	probs, err := Convert(verbs, "CAMEO.2.0.txt", plover, "CAMEO2PLOVER-2021.txt", &vb, &pb)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Logf("source problem: %s", p)
	}
	if *update {
		if err := os.WriteFile(VerbsFile, vb.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(PloverFile, pb.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for name, want := range map[string][]byte{VerbsFile: vb.Bytes(), PloverFile: pb.Bytes()} {
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go test ./internal/cameo -run TestCommittedData -update", name)
		}
	}
}

func TestLoad(t *testing.T) {
	d, p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	verbs, forms, patterns, sets := d.Stats()
	t.Logf("verbs %d forms %d patterns %d sets %d; plover rows %d", verbs, forms, patterns, sets, p.Len())
	if verbs < 300 || patterns < 4000 || sets < 30 || p.Len() < 250 {
		t.Errorf("dictionary too small")
	}
	for _, tc := range []struct{ code, event string }{
		{"0871", "RETREAT"}, {"042", "CONSULT"}, {"043", "CONSULT"}, {"130", "THREATEN"},
		{"111", "ACCUSE"}, {"1246", "REJECT"}, {"072", "AID"}, {"190", "ASSAULT"},
		{"08", "CONCEDE"}, {"0234", "REQUEST"}, {"010", ""}, {"1034", "REQUEST"},
		{"08711", "RETREAT"}, {"", ""}, {"9", ""},
	} {
		if got := p.Event(tc.code); got != tc.event {
			t.Errorf("Plover(%q) = %q, want %q", tc.code, got, tc.event)
		}
	}
	refs := d.Lookup("met")
	if len(refs) == 0 {
		t.Fatal("no verb for 'met'")
	}
}

func TestReadPetrarch(t *testing.T) {
	const src = `# a comment
&TRUCE_
+TRUCE
+CEASE_FIRE

--- PARLEY [040] ---
PARLEY {PARLEYED PARLEYS}
+PARLEY_WITH [046]
GAB [---]
- * (WITH +)        [046:046]  # with someone
- $ * &TRUCE        [0871]
- * NONSENSE        [---]
- * (ON {PEACE PLAN}) [:036]
- * (OPEN           [040]
- * [04x0]
-  NO STAR [040]
stray {line
--- BROKEN
######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
`
	d, probs, err := ReadPetrarch(strings.NewReader(src), "v.txt")
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range probs {
		msgs = append(msgs, p.String())
	}
	wantLines := []string{"v.txt:14:", "v.txt:15:", "v.txt:16:", "v.txt:17:", "v.txt:18:"}
	if len(msgs) != len(wantLines) {
		t.Fatalf("problems:\n%s", strings.Join(msgs, "\n"))
	}
	for i, w := range wantLines {
		if !strings.HasPrefix(msgs[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i, msgs[i], w)
		}
	}
	if len(d.Verbs) != 1 {
		t.Fatalf("verbs = %d", len(d.Verbs))
	}
	v := d.Verbs[0]
	if v.Name != "PARLEY" || v.Code != "040" || len(v.Forms) != 3 || len(v.Patterns) != 4 {
		t.Fatalf("verb = %+v", v)
	}
	if f := v.Forms[1]; strings.Join(f.Words, " ") != "parley with" || f.Code != "046" {
		t.Errorf("multi-word form = %+v", f)
	}
	if got := d.Sets["TRUCE_"]; len(got) != 2 || strings.Join(got[1], " ") != "cease fire" {
		t.Errorf("set = %q", got)
	}
	p := v.Patterns[0]
	if p.Code != "046" || p.Reverse != "046" || FormatPattern(p.Pre, p.Post) != "* (with +)" {
		t.Errorf("pattern 0 = %+v %q", p, FormatPattern(p.Pre, p.Post))
	}
	if p := v.Patterns[3]; p.Code != "" || p.Reverse != "036" || FormatPattern(p.Pre, p.Post) != "* (on {peace plan})" && FormatPattern(p.Pre, p.Post) != "* (on peace plan)" {
		t.Errorf("pattern 3 = %+v %q", p, FormatPattern(p.Pre, p.Post))
	}
	if refs := d.Lookup("parleyed"); len(refs) != 1 || len(d.Lookup("parley")) != 2 {
		t.Errorf("Lookup(parleyed) = %v", refs)
	}
	// Round trip through the compact format.
	var b bytes.Buffer
	if err := WriteCompact(&b, d, "test"); err != nil {
		t.Fatal(err)
	}
	d2, probs2, err := ReadCompact(bytes.NewReader(b.Bytes()), "c.txt")
	if err != nil || len(probs2) > 0 {
		t.Fatalf("compact: %v %v\n%s", err, probs2, b.String())
	}
	var b2 bytes.Buffer
	WriteCompact(&b2, d2, "test")
	if b.String() != b2.String() {
		t.Errorf("round trip differs:\n%s\n---\n%s", b.String(), b2.String())
	}
}

func TestParsePattern(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"* (TO +)", "* (to +)", ""},
		{"&MILITARY * (TO +) &STRONGHOLD (IN $)", "&MILITARY * (to +) &STRONGHOLD (in $)", ""},
		{"% &AIRCRAFT *", "% &AIRCRAFT *", ""},
		{"* LEAVE ^ INTO +", "* leave ^ into +", ""},
		{"* OPEN_FIRE (ON +)", "* {open_ fire} (on +)", ""},
		{"* CASH_", "* cash_", ""},
		{"* (TO", "", "unclosed"},
		{"* TO)", "", "unbalanced"},
		{"* ({A B})", "* (a b)", ""},
		{"* ({A {B}})", "", "nested"},
		{"A B", "", "without '*'"},
		{"* A * B", "", "two '*'"},
		{"* &", "", "empty set"},
		{"* _", "", "empty word"},
	} {
		pre, post, err := ParsePattern(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParsePattern(%q) err = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParsePattern(%q): %v", tc.in, err)
			continue
		}
		if got := FormatPattern(pre, post); got != tc.want {
			t.Errorf("FormatPattern(ParsePattern(%q)) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestReadPlover(t *testing.T) {
	const src = `# header
03: AGREE
0871: RETREAT, ceasefire, military # Declare truce
08: CONCEDE
08: RETREAT
bad row
x1: AGREE
042: , visit
~~~~~
999: JUNK
`
	p, probs, err := ReadPlover(strings.NewReader(src), "p.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 4 {
		t.Fatalf("problems = %v", probs)
	}
	for i, line := range []int{5, 6, 7, 8} {
		if probs[i].Line != line {
			t.Errorf("problem %d at line %d, want %d", i, probs[i].Line, line)
		}
	}
	if e, _ := p.Entry("0871"); e.Event != "RETREAT" || e.Mode != "ceasefire" || e.Label != "Declare truce" {
		t.Errorf("0871 = %+v", e)
	}
	if p.Event("08") != "CONCEDE" || p.Event("999") != "" || p.Event("0301") != "AGREE" {
		t.Errorf("fallbacks wrong")
	}
}

func TestReadCompactProblems(t *testing.T) {
	const src = CompactHeader + "\n" +
		"F\tstray\t-\t-\t0\t\n" +
		"V\tX\t04x\t-\t0\n" +
		"V\tOK\t040\t-\t3\n" +
		"F\t\t-\t-\t0\t\n" +
		"P\t040\t-\t0\t* (with\n" +
		"P\tabc\t-\t0\t*\n" +
		"Q\tjunk\n" +
		"&\tEMPTY\n" +
		"P\t---\t-\t9\t* nonsense\n"
	d, probs, err := ReadCompact(strings.NewReader(src), "c.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, p := range probs {
		lines = append(lines, p.Line)
	}
	want := []int{2, 3, 5, 6, 7, 8, 9}
	if len(lines) != len(want) {
		t.Fatalf("problem lines %v, want %v (%v)", lines, want, probs)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Fatalf("problem lines %v, want %v", lines, want)
		}
	}
	if len(d.Verbs) != 1 || len(d.Verbs[0].Patterns) != 1 || !d.Verbs[0].Patterns[0].Null() {
		t.Errorf("dict = %+v", d.Verbs)
	}
	if _, _, err := ReadCompact(strings.NewReader("hello\n"), "x"); err == nil {
		t.Error("no error for a file without the header")
	}
}

func FuzzReadPetrarch(f *testing.F) {
	f.Add("--- MEET [040] ---\nMEET {MET}\n+MEET_WITH\n- * (WITH +) [046:046]\n&SET\n+A_B\n")
	f.Add("- * [---]\n--- [\n{}\n+\n&\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, _, err := ReadPetrarch(strings.NewReader(s), "f")
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := WriteCompact(&b, d, ""); err != nil {
			t.Fatal(err)
		}
		if _, probs, err := ReadCompact(&b, "c"); err != nil || len(probs) > 0 {
			t.Fatalf("compact form of a read dictionary does not read back: %v %v\n%s", err, probs, b.String())
		}
	})
}

func FuzzReadCompact(f *testing.F) {
	f.Add(CompactHeader + "\n&\tS\ta b\nV\tX\t040\t-\t1\nF\t+ask for\t-\t-\t2\tasked\nP\t046\t-\t3\t* (with +)\n")
	f.Fuzz(func(t *testing.T, s string) {
		ReadCompact(strings.NewReader(s), "c")
	})
}

func FuzzReadPlover(f *testing.F) {
	f.Add("0871: RETREAT, ceasefire, military # x\n08: A\n~~~\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, _, err := ReadPlover(strings.NewReader(s), "p")
		if err == nil {
			p.Event("0871")
		}
	})
}

func TestRefusal(t *testing.T) {
	for _, c := range []struct{ code, want string }{
		{"040", "125"}, {"046", "125"}, {"036", "125"},
		{"061", "1211"}, {"0612", "1211"}, {"062", "1212"}, {"064", "121"},
		{"070", "121"}, {"072", "121"},
		{"051", "120"}, {"057", "120"},
		{"080", "124"}, {"081", "1241"}, {"0812", "1241"}, {"082", "1242"}, {"083", "124"},
		{"084", "1243"}, {"0841", "1243"}, {"085", "1244"}, {"086", "1245"}, {"087", "1246"}, {"0871", "1246"},
		{"010", ""}, {"020", ""}, {"031", ""}, {"112", ""}, {"120", ""}, {"190", ""}, {"", ""}, {"04", ""},
	} {
		if got := Refusal(c.code); got != c.want {
			t.Errorf("Refusal(%q) = %q, want %q", c.code, got, c.want)
		}
	}
}

func TestSameElems(t *testing.T) {
	parse := func(s string) *Pattern {
		pre, post, err := ParsePattern(s)
		if err != nil {
			t.Fatal(err)
		}
		return &Pattern{Pre: pre, Post: post}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"* SANCTION", "* SANCTION", true},
		{"* SANCTION", "* SANCTIONS", false},
		{"$ * (WITH +)", "$ * (WITH +)", true},
		{"$ * (WITH +)", "* (WITH +)", false},
		{"* &TREATY", "* &TREATY", true},
	} {
		if got := parse(c.a).SameElems(parse(c.b)); got != c.want {
			t.Errorf("SameElems(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestCompose(t *testing.T) {
	for _, c := range []struct{ outer, inner, want string }{
		{"020", "070", "023"}, {"030", "070", "033"}, {"100", "070", "103"},
		{"020", "072", "0232"}, {"030", "074", "0334"}, {"100", "071", "1031"},
		{"020", "060", "021"}, {"030", "061", "0311"}, {"100", "064", "1014"},
		{"030", "050", "032"}, {"020", "057", "022"}, {"100", "051", "102"},
		{"020", "046", "026"}, {"030", "044", "036"}, {"100", "046", "106"}, {"030", "045", "039"}, {"020", "045", "028"}, {"100", "045", "108"},
		{"020", "080", "025"}, {"030", "081", "0351"}, {"100", "085", "1054"}, {"020", "087", "0256"},
		{"030", "0871", "0356"}, {"030", "084", "0353"}, {"030", "0841", "0352"}, {"020", "0842", "0252"}, {"020", "083", "024"},
		{"023", "070", "023"}, {"0311", "060", "031"},
		{"030", "040", ""}, {"030", "190", ""}, {"030", "174", ""}, {"110", "070", ""}, {"042", "070", ""},
		{"", "070", ""}, {"030", "", ""},
	} {
		if got := Compose(c.outer, c.inner); got != c.want {
			t.Errorf("Compose(%q, %q) = %q, want %q", c.outer, c.inner, got, c.want)
		}
	}
}
