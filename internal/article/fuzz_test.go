package article

import (
	"errors"
	"testing"

	"github.com/dateline-news/dateline"
)

// fuzzCheck runs Extract on a page and checks the document invariants; an
// error is fine as long as it is one of the documented kinds.
func fuzzCheck(t *testing.T, format string, body []byte) {
	doc, err := Extract(&dateline.Page{Format: format, Body: body}, Options{Fast: true, MaxBytes: 1 << 20})
	if err != nil {
		if !errors.Is(err, dateline.ErrInvalid) && !errors.Is(err, dateline.ErrTooLarge) {
			t.Fatalf("unexpected error kind: %v", err)
		}
		return
	}
	checkDoc(t, doc)
}

func FuzzExtractText(f *testing.F) {
	for _, s := range []string{
		"",
		"Title\n\nWASHINGTON (Reuters) - Text.\n",
		"Caption of a photo/Reuters\nA deck sentence here.\nKYIV, Ukraine — Lede.\nHeading\nBody text that runs on for a while and ends.",
		"By Jane Doe\nPhoto: AP\nRelated: x\nAdvertisement\n© 2024\n",
		"Caf\xe9 \xff\xfe\n\x00",
		"“Quoted” – ’tis\r\n\r\nLONDON, Aug 15 (Reuters) -- x",
		"a\u2028b\u00ad\u200bc",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { fuzzCheck(t, dateline.FormatText, b) })
}

func FuzzExtractHTML(f *testing.F) {
	for _, s := range []string{
		"",
		"<html><head><title>T</title></head><body><p>ANCHORAGE, Alaska – Text of the lede.</p><h2>Head</h2><p>More.</p></body></html>",
		"<p>x<br>y<br><b>z</b></p><figure><figcaption>Cap/Reuters</figcaption></figure>",
		"<table><tr><td>a</td><td>b</td></tr></table><ul><li>one<li>two</ul>",
		"<meta charset=\"iso-8859-1\"><p>Caf\xe9</p>",
		"<script>alert(1)</script><img src=x onerror=alert(1)>",
		"<html><body><article><h1>Title</h1><p>By Jane Doe</p><p>Photo: AP</p></article></body></html>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { fuzzCheck(t, dateline.FormatHTML, b) })
}
