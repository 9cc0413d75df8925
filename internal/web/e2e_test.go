package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// The end-to-end tests load the pages in headless Chromium and read the DOM
// after the page's script has run. On Debian: apt-get install -y chromium.
// DATELINE_CHROMIUM names another binary.

// chromium returns the path of a Chromium binary, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("headless browser test skipped in -short mode")
	}
	if p := os.Getenv("DATELINE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (apt-get install -y chromium, or set DATELINE_CHROMIUM)")
	return ""
}

// dumpDOM loads url in headless Chromium and returns the serialised DOM
// once the page has loaded and its script has run. Background networking
// is off: the browser talks to the test server only.
func dumpDOM(t *testing.T, bin, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
		"--disable-default-apps", "--mute-audio", "--user-data-dir="+t.TempDir(),
		"--virtual-time-budget=5000", "--dump-dom", url)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return string(out)
}

func mustContain(t *testing.T, what, dom string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(dom, w) {
			t.Errorf("%s: the DOM lacks %q", what, w)
		}
	}
}

func TestBrowser(t *testing.T) {
	bin := chromium(t)
	doc, hostile := fixtureDoc(t), hostileDoc(t)
	speech := speechDoc(t)
	srv := httptest.NewServer(New(fakeIndex{newFakeStore(append(otherDocs(3), doc, hostile, speech)...)}, nil, Options{PageSize: 2, Version: "e2e"}))
	defer srv.Close()

	t.Run("article", func(t *testing.T) {
		// The fragment selects bytes by their UTF-8 offsets; the script maps
		// them to the DOM, selects them and reads the selection back.
		sel := at(t, doc.Text, "Freedonia’s envoy said", 0)
		dom := dumpDOM(t, bin, fmt.Sprintf("%s/doc/%s#s=%d-%d", srv.URL, doc.ID, sel.Start, sel.End))
		mustContain(t, "article", dom,
			`data-js="ready"`, // the embedded script ran under the CSP
			`<h1>Harbour talks end without a deal</h1>`,
			`<p class="blk k-title" data-kind="title" data-b="0">`,
			`<p class="blk k-deck"`, `<p class="blk k-caption"`, `<p class="blk k-credit"`,
			`<p class="blk k-paragraph"`, `<h2 class="blk k-heading"`, `<p class="blk k-boilerplate"`,
			`<span class="a dl" id="dl" title="Dateline: Valletta, Malta">VALLETTA, <span class="a m e-gpe" id="m0"`,
			`<span class="a t t-duration" id="t1" title="DURATION PT3H (MORE_THAN)">three long hours</span>`,
			`<span class="a m e-gpe" id="m3" title="GPE · Freedonia (FRE)">Freedonia’s</span>`,
			`<span class="a q q-mixed" id="q0"`, `<span class="a qc" id="q0c"`,
			`<span class="a ev st-happened" id="e0"`,
			`<span class="a dg sev-warning more" id="d0"`, `<span class="a dg sev-warning cont"`,
			`<input type="checkbox" id="ly-m" checked="">`,
			fmt.Sprintf(`data-start="%d" data-end="%d"><a href="#s=%d-%d">bytes %d–%d</a>: <q>Freedonia’s envoy said</q></output>`,
				sel.Start, sel.End, sel.Start, sel.End, sel.Start, sel.End),
		)
	})

	t.Run("actor", func(t *testing.T) {
		dom := dumpDOM(t, bin, srv.URL+"/actor/person/volodymyr-zelenskyy")
		mustContain(t, "actor", dom,
			`<h1 class="actor-name">Volodymyr Zelenskyy</h1>`,
			`<span class="alias">Zelenskyy</span>`,
			`<td>President of Ukraine</td>`,
			`<a class="actorlink" href="/actor/gpe/ruritania">Ruritania</a>`,
			`<a class="evidence" href="/doc/`+string(speech.ID)+`#s=`,
			`We will not give up,`,
		)
		// The evidence link opens the article with the sentence selected.
		ev := at(t, speech.Text, "President Volodymyr Zelenskyy told Ruritania’s envoy that talks would go on.", 0)
		dom = dumpDOM(t, bin, fmt.Sprintf("%s/doc/%s#s=%d-%d", srv.URL, speech.ID, ev.Start, ev.End))
		mustContain(t, "evidence", dom, `<q>President Volodymyr Zelenskyy told Ruritania’s envoy that talks would go on.</q></output>`,
			`<a class="actorlink" href="/actor/person/volodymyr-zelenskyy" title="actor page">`)
		dom = dumpDOM(t, bin, srv.URL+"/quotes?speaker=zelensky")
		mustContain(t, "quotes", dom, `value="zelensky"`, `We will not give up,`)
	})

	t.Run("list", func(t *testing.T) {
		dom := dumpDOM(t, bin, srv.URL+"/?q=ferry")
		mustContain(t, "list", dom, `Results for “ferry”`, `<mark>ferry</mark>`, `<a rel="next" href="/?page=2&amp;q=ferry">`)
	})

	t.Run("hostile", func(t *testing.T) {
		dom := dumpDOM(t, bin, srv.URL+"/doc/"+string(hostile.ID))
		mustContain(t, "hostile", dom,
			`data-js="ready"`, // scripts do run in this browser: the page's own did
			`<title>Title &lt;script&gt;document.title="pwned";`,
			`&lt;script&gt;</span>document.title="pwned";document.documentElement.dataset.pwned="1"&lt;/script&gt;`,
			`&lt;img src=x onerror="document.documentElement.dataset.pwned='1'"&gt;`,
		)
		if strings.Contains(dom, "data-pwned") || strings.Contains(dom, "<title>pwned</title>") {
			t.Error("the hostile document's script ran")
		}
		if strings.Contains(dom, "<img") || strings.Contains(dom, "<b>") {
			t.Error("the hostile document's markup became elements")
		}
	})

	// The offset functions of app.js against Go's own UTF-16 encoding, for
	// every byte offset of texts with 1- to 4-byte characters.
	t.Run("offsets", func(t *testing.T) {
		type tcase struct {
			Text    string `json:"text"`
			Offsets []int  `json:"offsets"`
			Want    []int  `json:"want"` // utf8ToUtf16
			Back    []int  `json:"back"` // utf16ToUtf8 of Want
		}
		var cases []tcase
		for _, text := range []string{"", "plain", "“Zelenskyy’s” – ok", "é😀x", "😀😀", "a\u00e9\u4e2d\U0001F600b", "line\nbreak – €"} {
			c := tcase{Text: text}
			for b := -1; b <= len(text)+1; b++ {
				c.Offsets = append(c.Offsets, b)
				snap := min(max(b, 0), len(text))
				for snap > 0 && snap < len(text) && !utf8.RuneStart(text[snap]) {
					snap--
				}
				u := len(utf16.Encode([]rune(text[:snap])))
				c.Want = append(c.Want, u)
				c.Back = append(c.Back, snap)
			}
			cases = append(cases, c)
		}
		js, err := json.Marshal(cases)
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		mux.Handle("/", New(newFakeStore(), nil, Options{}))
		mux.HandleFunc("/offset-test", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><meta charset="utf-8"><title>offsets</title><script src="/static/app.js"></script>
<pre id="out">not run</pre><script>
const cases = %s, bad = [];
for (const c of cases) {
  const got = utf8ToUtf16(c.text, c.offsets);
  c.offsets.forEach((o, i) => {
    if (got[i] !== c.want[i]) bad.push("utf8ToUtf16(" + JSON.stringify(c.text) + ", " + o + ") = " + got[i] + ", want " + c.want[i]);
    const back = utf16ToUtf8(c.text, c.want[i]);
    if (back !== c.back[i]) bad.push("utf16ToUtf8(" + JSON.stringify(c.text) + ", " + c.want[i] + ") = " + back + ", want " + c.back[i]);
  });
}
document.getElementById("out").textContent = bad.length ? bad.join("\n") : "all ok";
</script>`, js)
		})
		srv := httptest.NewServer(mux)
		defer srv.Close()
		dom := dumpDOM(t, bin, srv.URL+"/offset-test")
		if !strings.Contains(dom, `<pre id="out">all ok</pre>`) {
			i := strings.Index(dom, `<pre id="out">`)
			t.Errorf("offset mapping in the browser: %s", dom[max(i, 0):])
		}
	})

	// The control: the same hostile text written into a page unescaped and
	// without a CSP does run, so the checks above can fail.
	t.Run("control", func(t *testing.T) {
		unsafe := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<!doctype html><title>t</title><p>%s</p>", hostile.Text)
		}))
		defer unsafe.Close()
		dom := dumpDOM(t, bin, unsafe.URL)
		if !strings.Contains(dom, `data-pwned="1"`) {
			t.Errorf("the control page's script did not run; the hostile check proves nothing:\n%s", dom)
		}
	})
}

var _ dateline.Store = (*fakeStore)(nil)
