package web

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports enforces the import rule for this package: the root package
// and the standard library only, never a concrete store.
func TestImports(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command(goBin, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		switch p {
		case "github.com/dateline-news/dateline", "github.com/dateline-news/dateline/internal/web":
		default:
			t.Errorf("internal/web depends on %s; it may import only the root package and the standard library", p)
		}
	}
}
