package article

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dateline-news/dateline"
)

func benchExtract(b *testing.B, file, format string, opt Options) {
	body, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	n := 0
	for b.Loop() {
		if _, err := Extract(&dateline.Page{Format: format, Body: body}, opt); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkExtractText(b *testing.B) {
	benchExtract(b, "alaska-summit/input.txt", dateline.FormatText, Options{})
}

func BenchmarkExtractHTML(b *testing.B) {
	benchExtract(b, "wire-html/input.html", dateline.FormatHTML, Options{})
}

func BenchmarkExtractHTMLFast(b *testing.B) {
	benchExtract(b, "wire-html/input.html", dateline.FormatHTML, Options{Fast: true})
}
