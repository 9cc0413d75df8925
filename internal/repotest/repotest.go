// Package repotest locates the repository and the gold data beside it for
// tests and benchmarks. The repository root is the nearest directory
// holding go.mod above the working directory (a test runs in its package's
// directory); the gold data is ../shared/data from the root. Tests that
// read the data skip when it is absent, so `go test ./...` on a clean
// clone passes without it.
package repotest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FindRoot returns the nearest directory above the working directory (or
// the working directory itself) that holds go.mod.
func FindRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Root returns the repository root, or fails the test.
func Root(t testing.TB) string {
	t.Helper()
	root, err := FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// Lookup returns ../shared/data/<elem...> from the repository root and
// whether it exists.
func Lookup(elem ...string) (string, bool) {
	root, err := FindRoot()
	if err != nil {
		return "", false
	}
	p := filepath.Join(append([]string{root, "..", "shared", "data"}, elem...)...)
	_, err = os.Stat(p)
	return p, err == nil
}

// SharedData returns ../shared/data/<elem...> from the repository root, or
// skips the test when it is absent.
func SharedData(t testing.TB, elem ...string) string {
	t.Helper()
	p, ok := Lookup(elem...)
	if !ok {
		t.Skipf("no gold data at ../shared/data/%s", filepath.Join(elem...))
	}
	return p
}
