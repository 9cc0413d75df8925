package resolve

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the committed knowledge base from the dictionaries")

// dictDir locates ../shared/data/petrarch/dictionaries/production from the
// repository root (the directory holding go.mod), or skips the test.
func dictDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	d := filepath.Join(dir, "..", "shared", "data", "petrarch", "dictionaries", "production")
	if _, err := os.Stat(filepath.Join(d, PhoenixAgentsFile)); err != nil {
		t.Skipf("Phoenix dictionaries not found: %v", err)
	}
	return d
}
