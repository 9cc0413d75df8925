package resolve

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"
)

// TestBuildCommitted checks that the committed knowledge base is what Build
// makes of the dictionaries and curated files; with -update it rewrites it.
func TestBuildCommitted(t *testing.T) {
	dir := dictDir(t)
	kb, probs, err := BuildFiles(dir, "kb")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		if p.File == "countries.tsv" || p.File == "curated.jsonl" || p.File == "" {
			t.Errorf("curated data: %s", p)
		}
	}
	t.Logf("%d actors, %d problems in the dictionaries", kb.Len(), len(probs))
	var actors, agents bytes.Buffer
	if err := WriteKB(kb, &actors, &agents); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(ActorsFile, actors.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(AgentsFile, agents.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	gotActors := gunzip(t, actors.Bytes())
	committed, err := os.ReadFile(ActorsFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotActors, gunzip(t, committed)) {
		t.Errorf("%s is stale: run go test ./internal/resolve -run TestBuildCommitted -update", ActorsFile)
	}
	committedAgents, err := os.ReadFile(AgentsFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(agents.Bytes(), committedAgents) {
		t.Errorf("%s is stale: run go test ./internal/resolve -run TestBuildCommitted -update", AgentsFile)
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
