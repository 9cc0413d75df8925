package resolve

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
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

// TestBuildDictionaryOnly: a dictionary of its own, without our curated
// countries, declares its countries by bare three-letter codes, as PETRARCH
// reads them; sector codes and longer codes stay organisations.
func TestBuildDictionaryOnly(t *testing.T) {
	dict := "RURITANIA  [RUR]\n+RURITANIAN\n\nFREEDONIA_  [FRE]\n\nRURITANIA_RADIO  [RURMED]\n\nRED_BANNER  [NGO]\n"
	kb, probs, err := Build(BuildInput{
		Countries: Named{Name: "countries", R: strings.NewReader("")},
		Curated:   Named{Name: "curated", R: strings.NewReader("")},
		Actors:    []Named{{Name: "test.actors.txt", R: strings.NewReader(dict)}},
		Agents:    Named{Name: "agents", R: strings.NewReader("")},
	})
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	for _, tc := range []struct{ word, code, kind string }{
		{"Ruritania", "RUR", AsName}, {"Ruritanian", "RUR", AsName}, {"Freedonia", "FRE", AsName},
		{"Ruritania Radio", "", ""}, {"Red Banner", "", ""},
	} {
		c, kind := kb.Country(tc.word)
		code := ""
		if c != nil {
			code = c.Code
		}
		if code != tc.code || kind != tc.kind {
			t.Errorf("Country(%q) = %q %q, want %q %q", tc.word, code, kind, tc.code, tc.kind)
		}
	}
	if c := kb.CountryByCode("RUR"); c == nil || c.Name != "Ruritania" {
		t.Errorf("CountryByCode(RUR) = %v", c)
	}
	if as := kb.Actors("Ruritania Radio"); len(as) != 1 || as[0].Code != "RURMED" || as[0].Type == dateline.EntGPE {
		t.Errorf("Ruritania Radio: %d actors, want one non-country RURMED", len(as))
	}
}
