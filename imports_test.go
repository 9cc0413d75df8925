package dateline_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/dateline-news/dateline"

// importRules is the import table of docs/architecture.md: for each package
// (prefix match below module/), the module packages it must never depend on,
// directly or transitively.
var importRules = []struct {
	pkg   string
	never []string
}{
	{"internal/analyze/", []string{"internal/analyze/", "internal/sqlite", "internal/postgres", "internal/inmem", "internal/nats", "internal/web", "internal/cli", "internal/worker", "internal/intake", "internal/article", "internal/resolve", "internal/cluster", "internal/claim", "internal/timeline"}},
	{"internal/resolve", []string{"internal/sqlite", "internal/postgres", "internal/inmem", "internal/nats", "internal/web", "internal/cli", "internal/worker"}},
	{"internal/claim", []string{"internal/sqlite", "internal/postgres", "internal/inmem", "internal/nats", "internal/web", "internal/cli", "internal/worker"}},
	{"internal/cluster", []string{"internal/sqlite", "internal/postgres", "internal/inmem", "internal/nats", "internal/web", "internal/cli", "internal/worker"}},
	{"internal/timeline", []string{"internal/sqlite", "internal/postgres", "internal/inmem", "internal/nats", "internal/web", "internal/cli", "internal/worker"}},
	{"internal/worker", []string{"internal/sqlite", "internal/postgres", "internal/inmem", "internal/nats", "internal/web", "internal/cli"}},
	{"internal/sqlite", []string{"internal/postgres", "internal/inmem", "internal/nats", "internal/analyze", "internal/web", "internal/cli", "internal/worker", "internal/intake", "internal/article"}},
	{"internal/postgres", []string{"internal/sqlite", "internal/inmem", "internal/nats", "internal/analyze", "internal/web", "internal/cli", "internal/worker", "internal/intake", "internal/article"}},
	{"internal/inmem", []string{"internal/sqlite", "internal/postgres", "internal/nats", "internal/analyze", "internal/web", "internal/cli", "internal/worker"}},
	{"internal/nats", []string{"internal/sqlite", "internal/postgres", "internal/inmem", "internal/analyze", "internal/web", "internal/cli", "internal/worker"}},
	{"internal/web", []string{"internal/sqlite", "internal/postgres", "internal/inmem", "internal/nats", "internal/analyze", "internal/cli", "internal/worker", "internal/intake", "internal/article"}},
	{"internal/intake", []string{"internal/analyze", "internal/sqlite", "internal/postgres", "internal/web", "internal/cli", "internal/worker", "internal/article"}},
	{"internal/article", []string{"internal/analyze", "internal/sqlite", "internal/postgres", "internal/web", "internal/cli", "internal/worker", "internal/intake"}},
}

// TestImportRules enforces the layering with `go list -deps`.
func TestImportRules(t *testing.T) {
	if testing.Short() {
		t.Skip("go list over the module")
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}\t{{.Standard}}\t{{join .Deps \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	std := stdPackages(t)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	checked := 0
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), "\t", 3)
		if len(f) < 3 {
			continue
		}
		pkg, deps := strings.TrimPrefix(f[0], module), strings.Fields(f[2])
		pkg = strings.TrimPrefix(pkg, "/")
		if pkg == module || pkg == "" {
			// The root package: the standard library only.
			for _, d := range deps {
				if !std[d] {
					t.Errorf("root package dateline imports %s; it may import the standard library only", d)
				}
			}
			checked++
			continue
		}
		for _, r := range importRules {
			if !strings.HasPrefix(pkg, r.pkg) {
				continue
			}
			checked++
			for _, d := range deps {
				if !strings.HasPrefix(d, module+"/") {
					continue
				}
				rel := strings.TrimPrefix(d, module+"/")
				for _, bad := range r.never {
					if strings.HasPrefix(rel, bad) && !strings.HasPrefix(rel, pkg) && !sameTree(pkg, rel) {
						t.Errorf("%s depends on %s (rule: %s never imports %s)", pkg, rel, r.pkg, bad)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no package checked: the rules or the module path are stale")
	}
}

// sameTree reports whether rel is inside the same analysis pass as pkg (a
// pass may import its own subpackages, such as its model).
func sameTree(pkg, rel string) bool {
	const a = "internal/analyze/"
	if !strings.HasPrefix(pkg, a) || !strings.HasPrefix(rel, a) {
		return false
	}
	first := func(s string) string {
		s = strings.TrimPrefix(s, a)
		if i := strings.IndexByte(s, '/'); i >= 0 {
			return s[:i]
		}
		return s
	}
	return first(pkg) == first(rel)
}

func stdPackages(t *testing.T) map[string]bool {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		t.Fatalf("go list std: %v", err)
	}
	m := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		m[p] = true
	}
	return m
}
