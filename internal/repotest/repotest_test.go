package repotest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRootHoldsGoMod(t *testing.T) {
	root := Root(t)
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b) == 0 {
		t.Fatal("empty go.mod")
	}
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "internal", "repotest"); cwd != want {
		t.Errorf("root %s: the package directory %s is not internal/repotest under it", root, cwd)
	}
}

func TestLookupAbsent(t *testing.T) {
	p, ok := Lookup("no-such-folder-anywhere")
	if ok {
		t.Fatalf("found %s", p)
	}
	if filepath.Base(p) != "no-such-folder-anywhere" || filepath.Base(filepath.Dir(p)) != "data" {
		t.Errorf("path %s, want …/shared/data/no-such-folder-anywhere", p)
	}
}

func TestSharedDataSkips(t *testing.T) {
	skipped := true
	t.Run("absent", func(t *testing.T) {
		SharedData(t, "no-such-folder-anywhere")
		skipped = false
	})
	if !skipped {
		t.Fatal("SharedData returned for an absent folder instead of skipping")
	}
}
