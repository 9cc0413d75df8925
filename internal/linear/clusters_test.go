package linear

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

const clusterText = "#dateline-clusters v1\n=0 0 0\n=1 0 1\n=2 1 1\nthe\t0\nsaid\t2\nkyiv’s\t1\nthe\t1\nrare\t1\n"

func TestClusters(t *testing.T) {
	c, err := ReadClusterText(strings.NewReader(clusterText), 3)
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 3 {
		t.Fatalf("%d words, want 3 (the first three)", c.Len())
	}
	for _, tc := range []struct {
		word string
		want Cluster
	}{
		{"the", Cluster{1, 1, 1}},
		{"The", Cluster{1, 1, 1}},
		{"SAID", Cluster{3, 2, 2}},
		{"Kyiv’s", Cluster{2, 1, 2}},
		{"rare", Cluster{}},
		{"", Cluster{}},
		{strings.Repeat("x", 100), Cluster{}},
	} {
		if got := c.Lookup(tc.word); got != tc.want {
			t.Errorf("Lookup(%q) = %v, want %v", tc.word, got, tc.want)
		}
	}
	var nilc *Clusters
	if nilc.Lookup("the") != (Cluster{}) || nilc.Len() != 0 {
		t.Error("nil clusters found a word")
	}
	for _, cl := range []*Clusters{c, nil} {
		var buf bytes.Buffer
		e := NewEncoder(&buf)
		cl.WriteTo(e)
		e.Flush()
		d := NewDecoder(&buf)
		r, err := ReadClusters(d)
		if err != nil || d.End() != nil {
			t.Fatal(err, d.Err())
		}
		if r.Len() != cl.Len() || r.Lookup("said") != cl.Lookup("said") {
			t.Errorf("round trip: %d words, said %v", r.Len(), r.Lookup("said"))
		}
	}
}

func TestClusterTextErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"#other\n",
		"#dateline-clusters v1\n=1 0 0\n",
		"#dateline-clusters v1\n=0 0\n",
		"#dateline-clusters v1\n=0 0 0\nthe 0\n",
		"#dateline-clusters v1\n=0 0 0\nthe\t1\n",
	} {
		if _, err := ReadClusterText(strings.NewReader(in), 0); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	d := NewDecoder(bytes.NewReader([]byte{0, 3}))
	if _, err := ReadClusters(d); !errors.Is(err, ErrCorrupt) {
		t.Errorf("words without clusters: %v", err)
	}
}
