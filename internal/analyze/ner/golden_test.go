package ner

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/repotest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGolden compares every mention of the example article with
// testdata/alaska-summit.mentions; run with -update after a retrain and
// review the diff.
func TestGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repotest.Root(t), "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := testDoc(string(b))
	if err := recognizer(t).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, m := range doc.Mentions {
		fmt.Fprintf(&sb, "%d-%d\t%s\t%s\n", m.Start, m.End, m.Type, m.In(doc.Text))
	}
	golden := filepath.Join("testdata", "alaska-summit.mentions")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got := sb.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("line %d:\n got %q\nwant %q", i+1, g, w)
				break
			}
		}
	}
}
