package resolve

import (
	"flag"
	"testing"

	"github.com/dateline-news/dateline/internal/repotest"
)

var update = flag.Bool("update", false, "rewrite the committed knowledge base from the dictionaries")

// dictDir locates ../shared/data/petrarch/dictionaries/production from the
// repository root (the directory holding go.mod), or skips the test.
func dictDir(t testing.TB) string {
	t.Helper()
	repotest.SharedData(t, "petrarch", "dictionaries", "production", PhoenixAgentsFile) // skips without the dictionaries
	return repotest.SharedData(t, "petrarch", "dictionaries", "production")
}
