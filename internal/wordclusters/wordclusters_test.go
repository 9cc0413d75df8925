package wordclusters_test

import (
	"bytes"
	"testing"

	"github.com/dateline-news/dateline/internal/linear"
	"github.com/dateline-news/dateline/internal/wordclusters"
)

// TestEmbedded reads the embedded file as the tagger and parser read it at
// training time: frequent words have clusters, and related words share one.
func TestEmbedded(t *testing.T) {
	raw, err := linear.UnpackBytes(wordclusters.Packed())
	if err != nil {
		t.Fatal(err)
	}
	c, err := linear.ReadClusterText(bytes.NewReader(raw), 0)
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() < 100000 {
		t.Errorf("%d words, want at least 100000", c.Len())
	}
	said, told := c.Lookup("said"), c.Lookup("told")
	if said == (linear.Cluster{}) || told == (linear.Cluster{}) {
		t.Fatalf("said %+v, told %+v: no cluster", said, told)
	}
	if said.Coarse != told.Coarse {
		t.Errorf("said and told in different coarse clusters: %+v, %+v", said, told)
	}
}
