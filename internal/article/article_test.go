package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/dateline-news/dateline"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// checkDoc checks the invariants every document must keep.
func checkDoc(t testing.TB, doc *dateline.Document) {
	t.Helper()
	n := len(doc.Text)
	covered := make([]bool, n)
	prevEnd := int32(0)
	for i, b := range doc.Blocks {
		if !b.Valid(n) {
			t.Fatalf("block %d %+v out of bounds (text %d bytes)", i, b, n)
		}
		if b.Start < prevEnd {
			t.Fatalf("block %d %+v overlaps or is out of order (previous end %d)", i, b, prevEnd)
		}
		if b.Len() == 0 {
			t.Fatalf("block %d is empty", i)
		}
		prevEnd = b.End
		for j := b.Start; j < b.End; j++ {
			covered[j] = true
		}
		switch b.Kind {
		case dateline.BlockTitle, dateline.BlockDeck, dateline.BlockParagraph, dateline.BlockHeading,
			dateline.BlockCaption, dateline.BlockCredit, dateline.BlockByline, dateline.BlockBoilerplate:
		default:
			t.Fatalf("block %d has unknown kind %q", i, b.Kind)
		}
	}
	for i, c := range []byte(doc.Text) {
		if !covered[i] && !unicode.IsSpace(rune(c)) {
			t.Fatalf("byte %d (%q) of the text is in no block", i, c)
		}
	}
	if doc.Dateline != nil {
		if !doc.Dateline.Valid(n) || doc.Dateline.Len() == 0 {
			t.Fatalf("dateline %+v out of bounds", doc.Dateline.Span)
		}
		inside := false
		for _, b := range doc.Blocks {
			inside = inside || b.Contains(doc.Dateline.Span)
		}
		if !inside {
			t.Fatalf("dateline %+v lies in no block", doc.Dateline.Span)
		}
	}
	if !strings.Contains(doc.Text, "\uFFFD") && !validUTF8(doc.Text) {
		t.Fatalf("text is not valid UTF-8")
	}
	if doc.ID != dateline.NewDocID(doc.Source.Key(), doc.Text) {
		t.Fatalf("ID %q does not match the source and text", doc.ID)
	}
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "") == s }

// golden is the reviewable form of a document in want.json.
type golden struct {
	Title     string        `json:"title,omitempty"`
	Deck      string        `json:"deck,omitempty"`
	Byline    string        `json:"byline,omitempty"`
	Outlet    string        `json:"outlet,omitempty"`
	Published string        `json:"published,omitempty"`
	Lang      string        `json:"lang,omitempty"`
	Dateline  []string      `json:"dateline,omitempty"` // [text, place]
	Blocks    []goldenBlock `json:"blocks"`
	Diags     []string      `json:"diagnostics,omitempty"`
}

type goldenBlock struct {
	Kind dateline.BlockKind `json:"kind"`
	Text string             `json:"text"`
}

func toGolden(doc *dateline.Document) golden {
	g := golden{Title: doc.Title, Deck: doc.Deck, Byline: doc.Byline, Outlet: doc.Source.Outlet, Lang: doc.Lang}
	if !doc.Published.IsZero() {
		g.Published = doc.Published.Format(time.RFC3339)
	}
	if doc.Dateline != nil {
		g.Dateline = []string{doc.Dateline.In(doc.Text), doc.Dateline.Place}
	}
	for _, b := range doc.Blocks {
		g.Blocks = append(g.Blocks, goldenBlock{Kind: b.Kind, Text: b.In(doc.Text)})
	}
	for _, d := range doc.Diags {
		g.Diags = append(g.Diags, string(d.Severity)+": "+d.Message)
	}
	return g
}

// TestGolden extracts testdata/<case>/input.{txt,html} and compares with
// testdata/<case>/want.json (go test -update rewrites it).
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "input.*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, in := range dirs {
		dir := filepath.Dir(in)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			body, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			format := dateline.FormatText
			if filepath.Ext(in) == ".html" {
				format = dateline.FormatHTML
			}
			doc, err := Extract(&dateline.Page{Format: format, Body: body, Source: dateline.SourceRef{Path: filepath.Base(dir)}}, Options{Now: fixedNow})
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc)
			got, err := json.MarshalIndent(toGolden(doc), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			wantPath := filepath.Join(dir, "want.json")
			if *update {
				if err := os.WriteFile(wantPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the extraction (go test -update to accept):\n%s", wantPath, got)
			}
		})
	}
}

func fixedNow() time.Time { return time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC) }

// TestAlaskaLayout checks the "Layout of the page" of the example article.
func TestAlaskaLayout(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "alaska-summit", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Extract(&dateline.Page{Format: dateline.FormatText, Body: body}, Options{Published: time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	kinds := map[dateline.BlockKind][]string{}
	for _, b := range doc.Blocks {
		kinds[b.Kind] = append(kinds[b.Kind], b.In(doc.Text))
	}
	expect := func(kind dateline.BlockKind, want ...string) {
		t.Helper()
		if strings.Join(kinds[kind], "\n") != strings.Join(want, "\n") {
			t.Errorf("%s blocks = %q, want %q", kind, kinds[kind], want)
		}
	}
	expect(dateline.BlockCaption, "Putin and Trump both said the meeting was productive despite no ceasefire agreement")
	expect(dateline.BlockCredit, "Reuters")
	expect(dateline.BlockDeck, "Putin visited America for the first time in 10 years on Friday.")
	expect(dateline.BlockHeading, "High Stakes, Limited Results", "Zelenskyy’s Strategic Response", "International Implications")
	expect(dateline.BlockBoilerplate, "Related: Putin Expresses Readiness For Nuclear War")
	expect(dateline.BlockTitle)
	if doc.Dateline == nil || doc.Dateline.In(doc.Text) != "ANCHORAGE, Alaska" || doc.Dateline.Place != "Anchorage, Alaska, United States" {
		t.Errorf("dateline = %+v", doc.Dateline)
	}
	if doc.Deck != "Putin visited America for the first time in 10 years on Friday." {
		t.Errorf("Deck = %q", doc.Deck)
	}
	if !doc.Published.Equal(time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Published = %v", doc.Published)
	}
	for _, d := range doc.Diags {
		if strings.Contains(d.Message, "publication date unknown") {
			t.Errorf("diagnostic about the date although --published was given: %q", d.Message)
		}
	}
}

// TestMustContain checks the analysed text of the HTML cases: what must be
// in it, and the page furniture that must not.
func TestMustContain(t *testing.T) {
	tests := []struct {
		file             string
		with, without    []string
		boilerplate      []string // must be present, as boilerplate
		title, published string
	}{
		{
			file: "wire-html/input.html",
			with: []string{"Dock workers at the country’s largest grain port walked off the job",
				"“until the ministry listens”", "“Every day costs the owners tens of thousands of dollars.”", "Talks collapse"},
			without:     []string{"Home", "Business", "All rights reserved", "Follow us on Twitter", "Editing by Tom Hale"},
			boilerplate: []string{"Advertisement", "Read more: Grain prices climb as shipping lanes reopen"},
			title:       "Harbour strike halts grain exports", published: "2024-03-07",
		},
		{
			file: "feature-html/input.html",
			with: []string{"„Wir haben den Verbrauch um ein Drittel gesenkt“", "Jedes Beet hat einen Feuchtigkeitsfühler",
				"Ausfälle", "Ein Netz aus Sensoren"},
			without:     []string{"Impressum", "Politik", "Datenschutz"},
			boilerplate: []string{"Lesen Sie auch: Wie Städte sich auf Hitzesommer vorbereiten"},
			title:       "Im Garten der Zukunft", published: "2023-06-12",
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(&dateline.Page{Format: dateline.FormatHTML, Body: body}, Options{Now: fixedNow})
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc)
			var analysed, boiler []string
			for _, b := range doc.Blocks {
				if b.Kind.Analysed() {
					analysed = append(analysed, b.In(doc.Text))
				} else if b.Kind == dateline.BlockBoilerplate {
					boiler = append(boiler, b.In(doc.Text))
				}
			}
			text := strings.Join(analysed, "\n")
			for _, s := range tc.with {
				if !strings.Contains(text, s) {
					t.Errorf("analysed text lacks %q", s)
				}
			}
			for _, s := range tc.without {
				if strings.Contains(text, s) {
					t.Errorf("analysed text contains %q", s)
				}
			}
			for _, s := range tc.boilerplate {
				found := false
				for _, b := range boiler {
					found = found || b == s
				}
				if !found {
					t.Errorf("%q is not a boilerplate block (boilerplate: %q)", s, boiler)
				}
			}
			if doc.Title != tc.title {
				t.Errorf("Title = %q, want %q", doc.Title, tc.title)
			}
			if got := doc.Published.Format("2006-01-02"); got != tc.published {
				t.Errorf("Published = %s, want %s", got, tc.published)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	big := bytes.Repeat([]byte("All work and no play makes a dull story.\n"), 300_000) // 12.3 MB
	tests := []struct {
		name    string
		page    *dateline.Page
		wantErr error // nil: a document is expected
		diag    string
	}{
		{"empty text", &dateline.Page{Format: dateline.FormatText}, dateline.ErrInvalid, ""},
		{"blank text", &dateline.Page{Format: dateline.FormatText, Body: []byte(" \n\t\n ")}, dateline.ErrInvalid, ""},
		{"empty html", &dateline.Page{Format: dateline.FormatHTML}, dateline.ErrInvalid, ""},
		{"html without text", &dateline.Page{Format: dateline.FormatHTML, Body: []byte("<html><body><script>x()</script><img src=a></body></html>")}, dateline.ErrInvalid, ""},
		{"binary", &dateline.Page{Format: dateline.FormatText, Body: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")}, dateline.ErrInvalid, ""},
		{"binary html", &dateline.Page{Format: dateline.FormatHTML, Body: []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00")}, dateline.ErrInvalid, ""},
		{"unknown format", &dateline.Page{Format: "pdf", Body: []byte("x")}, dateline.ErrUnsupported, ""},
		{"nil page", nil, dateline.ErrInvalid, ""},
		{"too large html", &dateline.Page{Format: dateline.FormatHTML, Body: big}, dateline.ErrTooLarge, ""},
		{"too large text", &dateline.Page{Format: dateline.FormatText, Body: big}, nil, "cut after byte"},
		{"invalid utf-8", &dateline.Page{Format: dateline.FormatText, Body: []byte("Caf\xe9 owners protest new rules.\nThe city says the rules stay.")}, nil, "invalid UTF-8"},
		{"no date", &dateline.Page{Format: dateline.FormatText, Body: []byte("The council met on Friday.")}, nil, "publication date unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Extract(tc.page, Options{})
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc)
			found := false
			for _, d := range doc.Diags {
				found = found || strings.Contains(d.Message, tc.diag)
			}
			if !found {
				t.Errorf("no diagnostic containing %q in %+v", tc.diag, doc.Diags)
			}
		})
	}
}

func TestPublishedPrecedence(t *testing.T) {
	opt := time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
	cont := time.Date(2025, 8, 14, 0, 0, 0, 0, time.UTC)
	html := []byte(`<html><head><meta property="article:published_time" content="2020-01-02"></head><body><p>` +
		strings.Repeat("The harbour was quiet on the morning of the vote, and the traders waited. ", 8) + `</p></body></html>`)
	for _, tc := range []struct {
		name string
		page dateline.Page
		opt  Options
		want string
	}{
		{"option wins", dateline.Page{Format: dateline.FormatHTML, Body: html, Published: cont}, Options{Published: opt}, "2025-08-15"},
		{"container next", dateline.Page{Format: dateline.FormatHTML, Body: html, Published: cont}, Options{}, "2025-08-14"},
		{"page metadata", dateline.Page{Format: dateline.FormatHTML, Body: html}, Options{}, "2020-01-02"},
		{"time stamp line", dateline.Page{Format: dateline.FormatText, Body: []byte("Vote ends in deadlock\nPublished 3 March 2024\nThe council failed to agree on Friday.")}, Options{}, "2024-03-03"},
	} {
		doc, err := Extract(&tc.page, tc.opt)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := doc.Published.Format("2006-01-02"); got != tc.want {
			t.Errorf("%s: Published = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestMultibyteSpans(t *testing.T) {
	text := "Kyiv’s “quiet” week – over\n\nKYIV, Ukraine — Officials said the city’s “calm” was fragile – and short-lived.\n\nA heading – with dashes\n\nResidents said the shelling resumed on Sunday night, and that “nobody slept” in the eastern districts."
	doc, err := Extract(&dateline.Page{Format: dateline.FormatText, Body: []byte(text)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	if doc.Title != "Kyiv’s “quiet” week – over" {
		t.Errorf("Title = %q", doc.Title)
	}
	if doc.Dateline == nil || doc.Dateline.In(doc.Text) != "KYIV, Ukraine" {
		t.Fatalf("dateline = %+v", doc.Dateline)
	}
	for _, b := range doc.Blocks {
		if s := b.In(doc.Text); !validUTF8(s) || strings.TrimSpace(s) != s {
			t.Errorf("block %q is not clean UTF-8 text", s)
		}
	}
}

func TestFutureDateIgnored(t *testing.T) {
	html := []byte(`<html><head><meta property="article:published_time" content="2031-01-02"></head><body><p>` +
		strings.Repeat("The harbour was quiet on the morning of the vote, and the traders waited. ", 8) + `</p></body></html>`)
	doc, err := Extract(&dateline.Page{Format: dateline.FormatHTML, Body: html}, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Published.IsZero() && doc.Published.Year() == 2031 {
		t.Errorf("future date kept: %v", doc.Published)
	}
}
