package intake

import (
	"context"
	"strings"
	"testing"
)

func benchRead(b *testing.B, name, input string, opt Options) {
	b.SetBytes(int64(len(input)))
	items := 0
	for b.Loop() {
		for p, err := range Read(context.Background(), name, strings.NewReader(input), opt) {
			if err != nil {
				b.Fatal(err)
			}
			_ = p
			items++
		}
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkFeed(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(rssHead)
	for i := range 200 {
		sb.WriteString(rssItem(i%9+1, ""))
	}
	sb.WriteString(rssTail)
	benchRead(b, "f.xml", sb.String(), Options{})
}

// BenchmarkFeedSalvage reads the same feed with one </item> missing, which
// sends every item through the per-item path.
func BenchmarkFeedSalvage(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(rssHead)
	for i := range 200 {
		it := rssItem(i%9+1, "")
		if i == 100 {
			it = strings.Replace(it, "</item>", "", 1)
		}
		sb.WriteString(it)
	}
	sb.WriteString(rssTail)
	benchRead(b, "f.xml", sb.String(), Options{})
}

func BenchmarkJSONL(b *testing.B) {
	line := `{"url": "https://news.example/x", "title": "A title", "published": "2025-01-02", "source": "Desk", "text": "` +
		strings.Repeat("Delegates met in the capital on Tuesday – “again”. ", 60) + `"}` + "\n"
	benchRead(b, "d.jsonl", strings.Repeat(line, 200), Options{})
}

func BenchmarkWARC(b *testing.B) {
	var sb strings.Builder
	for range 40 {
		for _, r := range sampleWARC()[:8] {
			sb.WriteString(r)
		}
	}
	benchRead(b, "c.warc", sb.String(), Options{})
}
