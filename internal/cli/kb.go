package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dateline-news/dateline/internal/resolve"
)

// runKB implements `dateline kb build`: it converts the Phoenix actor and
// agent dictionaries and our curated files into the knowledge base files
// that internal/resolve embeds. The result depends only on the inputs; the
// resolve package test TestBuildCommitted checks the committed files.
func runKB(e *env, args []string) int {
	if len(args) == 0 || args[0] != "build" {
		fmt.Fprintln(e.stderr, "Usage: dateline kb build [--data DIR] [--kb DIR]")
		return exitUsage
	}
	fs := e.flags("kb build [--data DIR] [--kb DIR]", "kb build")
	data := fs.String("data", defaultDataDir, "gold data folder (reads petrarch/dictionaries/production)")
	kbDir := fs.String("kb", filepath.Join("internal", "resolve", "kb"), "knowledge-base folder (reads countries.tsv and curated.jsonl, writes actors.jsonl.gz and agents.tsv)")
	if code, ok := parse(fs, args[1:]); !ok {
		return code
	}
	dict := filepath.Join(*data, "petrarch", "dictionaries", "production")
	kb, probs, err := resolve.BuildFiles(dict, *kbDir)
	if err != nil {
		return e.fail("kb build: %v", err)
	}
	for _, p := range probs {
		fmt.Fprintln(e.stderr, p)
	}
	actors, err := os.Create(filepath.Join(*kbDir, filepath.Base(resolve.ActorsFile)))
	if err != nil {
		return e.fail("kb build: %v", err)
	}
	agents, err := os.Create(filepath.Join(*kbDir, filepath.Base(resolve.AgentsFile)))
	if err != nil {
		actors.Close()
		return e.fail("kb build: %v", err)
	}
	err = resolve.WriteKB(kb, actors, agents)
	if cerr := actors.Close(); err == nil {
		err = cerr
	}
	if cerr := agents.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return e.fail("kb build: %v", err)
	}
	fmt.Fprintf(e.stderr, "%d actors, %d dictionary problems; rebuild the binary to embed the new files\n", kb.Len(), len(probs))
	return exitOK
}
