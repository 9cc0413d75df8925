package web

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
// Asset versions are content hashes; goldens show them as v=HASH.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	got = assetVersionRE.ReplaceAll(got, []byte("?v=HASH"))
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from line %d (run go test -update and review the diff):\n got %s\nwant %s", path, i+1, g, w)
			}
		}
	}
}

func TestDocumentPageGolden(t *testing.T) {
	doc := fixtureDoc(t)
	h, _ := newTestHandler(t, doc)
	rec := do(t, h, "GET", "/doc/"+string(doc.ID))
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	golden(t, "document.golden.html", rec.Body.Bytes())
	checkBlocksText(t, rec.Body.String(), doc.Text)
	for _, id := range []string{"dl", "m0", "m1", "m2", "m3", "m4", "t0", "t1", "t2", "t3", "q0", "q0c", "q0s", "e0", "d0"} {
		if strings.Count(rec.Body.String(), ` id="`+id+`"`) != 1 {
			t.Errorf("id %q is not on exactly one element", id)
		}
	}
}

func TestListPageGolden(t *testing.T) {
	h, _ := newTestHandler(t, append(otherDocs(3), fixtureDoc(t))...)
	rec := do(t, h, "GET", "/?q=ferry&page=1")
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	golden(t, "list.golden.html", rec.Body.Bytes())
}

var assetVersionRE = regexp.MustCompile(`\?v=[0-9a-f]+`)

var blockRE = regexp.MustCompile(`(?s)<(p|h2) class="blk [^"]*" data-kind="[^"]*" data-b="(\d+)">(.*?)</(?:p|h2)>`)
var tagRE = regexp.MustCompile(`<[^>]*>`)

// checkBlocksText checks that the text of every rendered block is exactly
// the bytes of the document text at its data-b offset: what the script's
// offset mapping relies on.
func checkBlocksText(t testing.TB, page, text string) {
	t.Helper()
	i := strings.Index(page, `<div class="doctext" id="text"`)
	j := strings.Index(page, `<aside class="side">`)
	if i < 0 || j < i {
		t.Fatal("no article text in the page")
	}
	blocks := blockRE.FindAllStringSubmatch(page[i:j], -1)
	for _, m := range blocks {
		start, _ := strconv.Atoi(m[2])
		inner := html.UnescapeString(tagRE.ReplaceAllString(m[3], ""))
		if start > len(text) || !strings.HasPrefix(text[start:], inner) {
			t.Errorf("block at %d renders %q, not the text there", start, inner)
		}
	}
	if text != "" && strings.TrimSpace(text) != "" && len(blocks) == 0 {
		t.Errorf("no blocks rendered")
	}
}

// hostileDoc has markup in every field a page shows.
func hostileDoc(t testing.TB) *dateline.Document {
	const script = `<script>document.title="pwned";document.documentElement.dataset.pwned="1"</script>`
	const img = `<img src=x onerror="document.documentElement.dataset.pwned='1'">`
	text := "Headline " + script + "\nBody " + img + " and </p></div><b>bold</b> & “quotes”.\n" + img
	d := &dateline.Document{
		ID:       "hostile01",
		Title:    "Title " + script,
		Deck:     "Deck " + img,
		Byline:   img,
		Source:   dateline.SourceRef{URL: `javascript:alert(1)`, Outlet: script, Path: img},
		Text:     text,
		Dateline: &dateline.Dateline{Span: at(t, text, "Body", 0), Place: script},
	}
	lines := strings.Split(text, "\n")
	for i, kind := range []dateline.BlockKind{dateline.BlockTitle, dateline.BlockParagraph, `"><script>alert(1)</script>`} {
		d.Blocks = append(d.Blocks, dateline.Block{Span: at(t, text, lines[i], 0), Kind: kind})
	}
	d.Mentions = []dateline.Mention{{Span: at(t, text, "<img", 0), Type: `"><img src=x onerror=alert(1)>`, Actor: 0, Role: script}}
	d.Actors = []dateline.DocActor{{Name: script, Type: img, Code: img, Mentions: []int{0}}}
	d.Times = []dateline.TimeExpr{{Span: at(t, text, "<script>", 0), Type: img, Value: script, Mod: img}}
	d.Quotes = []dateline.Quote{{Span: at(t, text, "“quotes”", 0), Kind: img, Cue: at(t, text, "&", 0), Speaker: 0}}
	d.Events = []dateline.Event{{Code: script, Plover: img, Status: `x" onmouseover="alert(1)`, Trigger: at(t, text, "<b>", 0),
		Source: []dateline.EventActor{{Actor: -1, Text: script}}, Evidence: at(t, text, lines[1], 0)}}
	d.Diags = []dateline.Diagnostic{{Span: at(t, text, "</p>", 0), Pass: script, Severity: `"><script>`, Message: img}}
	return d
}

func TestHostileDocumentEscaped(t *testing.T) {
	doc := hostileDoc(t)
	h, _ := newTestHandler(t, doc)
	for _, target := range []string{"/doc/hostile01", "/", "/?q=script"} {
		rec := do(t, h, "GET", target)
		body := rec.Body.String()
		if rec.Code != 200 {
			t.Fatalf("%s: %d", target, rec.Code)
		}
		if n := strings.Count(body, "<script"); n != 1 {
			t.Errorf("%s: %d <script> elements, want only the page's own", target, n)
		}
		for _, bad := range []string{"<img", "<b>", "</p></div>"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: %q appears unescaped", target, bad)
			}
		}
		checkNoActiveMarkup(t, body)
		if !strings.Contains(body, "&lt;script&gt;document.title=&#34;pwned&#34;") {
			t.Errorf("%s: the hostile title is not shown as text", target)
		}
	}
	page := do(t, h, "GET", "/doc/hostile01").Body.String()
	checkBlocksText(t, page, doc.Text)
	if !strings.Contains(page, "&lt;img src=x onerror=&#34;document.documentElement.dataset.pwned=&#39;1&#39;&#34;&gt;") {
		t.Error("the hostile image is not shown as text")
	}

	rec := do(t, h, "GET", "/api/documents/hostile01")
	if strings.Contains(rec.Body.String(), "<script") || strings.Contains(rec.Body.String(), "<img") {
		t.Error("the API writes raw markup; JSON must escape < > &")
	}
	var got DocumentResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.Document.Text != doc.Text {
		t.Errorf("API text does not round-trip: %v", err)
	}
}

var (
	tagAttrsRE = regexp.MustCompile(`<[a-zA-Z][a-zA-Z0-9]*((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*/?>`)
	attrRE     = regexp.MustCompile(`\s+([a-zA-Z-]+)(?:="([^"]*)")?`)
)

// checkNoActiveMarkup checks every tag of page: no event-handler attribute,
// no script URL, and every tag well-formed (a tag the regexp cannot read is
// a tag the template did not write).
func checkNoActiveMarkup(t testing.TB, page string) {
	t.Helper()
	for _, p := range activeMarkup(page) {
		t.Error(p)
	}
}

func activeMarkup(page string) []string {
	var problems []string
	if n, m := strings.Count(page, "<"), len(tagAttrsRE.FindAllString(page, -1))+strings.Count(page, "</")+strings.Count(page, "<!doctype"); n != m {
		problems = append(problems, fmt.Sprintf("%d '<' in the page but %d well-formed tags", n, m))
	}
	for _, tag := range tagAttrsRE.FindAllStringSubmatch(page, -1) {
		for _, a := range attrRE.FindAllStringSubmatch(tag[1], -1) {
			name, val := strings.ToLower(a[1]), strings.ToLower(html.UnescapeString(a[2]))
			if strings.HasPrefix(name, "on") {
				problems = append(problems, "event handler attribute in "+tag[0])
			}
			if (name == "href" || name == "src" || name == "action") && strings.Contains(val, "script:") {
				problems = append(problems, "script URL in "+tag[0])
			}
		}
	}
	return problems
}

func TestActiveMarkupCheck(t *testing.T) {
	for page, want := range map[string]int{
		`<p class="x" title="a &lt;img onerror=1&gt;">ok</p>`: 0,
		`<p>a<img src=x onerror=alert(1)></p>`:                1,
		`<p><img src="x" onerror="alert(1)"></p>`:             1,
		`<a href="JavaScript:alert(1)">x</a>`:                 1,
		`<a href="java&#115;cript:alert(1)">x</a>`:            1,
	} {
		if got := activeMarkup(page); len(got) != want {
			t.Errorf("%s: %q, want %d problems", page, got, want)
		}
	}
}

// FuzzDocumentPage renders documents with arbitrary text and arbitrary
// layers: the page must render (200), escape the text, and keep every block
// equal to its bytes of the text.
func FuzzDocumentPage(f *testing.F) {
	f.Add(fixtureText, []byte{0, 0, 40, 1, 3, 9, 2, 5, 20, 3, 30, 60, 4, 1, 2, 5, 0, 100, 6, 9, 9})
	f.Add("<script>alert(1)</script>\n“x” – y", []byte{0, 0, 25, 0, 26, 40, 1, 0, 8, 5, 1, 30})
	f.Add("a\xffb\n\x00c", []byte{0, 0, 3, 1, 0, 2, 0, 4, 6})
	st := newFakeStore()
	h := New(st, nil, Options{})
	f.Fuzz(func(t *testing.T, text string, data []byte) {
		n := int32(len(text) + 2)
		d := &dateline.Document{ID: "fuzz", Text: text}
		for i := 0; i+2 < len(data) && i < 300; i += 3 {
			s := dateline.Span{Start: int32(data[i+1])%n - 1, End: int32(data[i+2]) % n}
			switch data[i] % 7 {
			case 0:
				d.Blocks = append(d.Blocks, dateline.Block{Span: s, Kind: dateline.BlockParagraph})
			case 1:
				d.Mentions = append(d.Mentions, dateline.Mention{Span: s, Type: "PERSON", Actor: int(data[i+1]) - 2})
			case 2:
				d.Times = append(d.Times, dateline.TimeExpr{Span: s, Type: "DATE", Value: "2025"})
			case 3:
				d.Quotes = append(d.Quotes, dateline.Quote{Span: s, Kind: "direct", Cue: dateline.Span{Start: s.End, End: s.Start}, Speaker: int(data[i+2]) - 3})
			case 4:
				d.Events = append(d.Events, dateline.Event{Code: "010", Trigger: s, Evidence: s})
			case 5:
				d.Diags = append(d.Diags, dateline.Diagnostic{Span: s, Pass: "fuzz", Message: "m"})
			case 6:
				d.Dateline = &dateline.Dateline{Span: s, Place: "p"}
				d.Actors = append(d.Actors, dateline.DocActor{Name: "a", Mentions: []int{int(data[i+1]) - 1}})
			}
		}
		st.docs = []*dateline.Document{d} // the fuzz function runs sequentially in each worker
		rec := do(t, h, "GET", "/doc/fuzz")
		if rec.Code != 200 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if strings.Count(rec.Body.String(), "<script") != 1 {
			t.Fatal("text rendered as markup")
		}
		checkNoActiveMarkup(t, rec.Body.String())
		if utf8Valid(text) && !strings.ContainsRune(text, 0) {
			checkBlocksText(t, rec.Body.String(), text)
		}
	})
}
