//go:build ignore

// gen_starters writes data/starters.txt: the words that, capitalised, begin
// a sentence far more often than they appear capitalised inside one. The
// splitter ends a sentence after an abbreviation only before such a word
// ("in the U.S. He said", but "U.S. Army"). Learned from the UD train files
// only:
//
//	go run gen_starters.go -ud ../../../../shared/data/ud > data/starters.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

func main() {
	ud := flag.String("ud", "../shared/data/ud", "folder with the UD English train files")
	minInitial := flag.Int("min", 3, "least sentence-initial count")
	flag.Parse()
	initial := map[string]int{} // capitalised, first word of a sentence
	inner := map[string]int{}   // capitalised, later in a sentence
	lower := map[string]int{}   // lower case anywhere
	for _, name := range []string{"en_ewt-ud-train.conllu", "en_gum-ud-train.conllu"} {
		f, err := os.Open(filepath.Join(*ud, name))
		if err != nil {
			log.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		pos := 0
		for sc.Scan() {
			line := sc.Text()
			if line == "" {
				pos = 0
				continue
			}
			if line[0] == '#' {
				continue
			}
			cols := strings.Split(line, "\t")
			if len(cols) < 4 || strings.ContainsAny(cols[0], "-.") {
				continue
			}
			w := cols[1]
			r := []rune(w)
			if !unicode.IsLetter(r[0]) {
				continue
			}
			pos++
			lw := strings.ToLower(w)
			switch {
			case unicode.IsLower(r[0]):
				lower[lw]++
			case pos == 1:
				initial[lw]++
			default:
				inner[lw]++
			}
		}
		if err := sc.Err(); err != nil {
			log.Fatal(err)
		}
		f.Close()
	}
	var out []string
	for w, n := range initial {
		if n < *minInitial || lower[w] < n || inner[w]*10 > n+lower[w]/10 || len(w) < 2 && w != "a" {
			continue
		}
		out = append(out, w)
	}
	sort.Strings(out)
	fmt.Println("# Sentence starters: words that, capitalised, begin a sentence far more")
	fmt.Println("# often than they appear capitalised inside one. Generated from the UD")
	fmt.Println("# English EWT and GUM train files by gen_starters.go; do not edit by hand.")
	for _, w := range out {
		fmt.Println(w)
	}
}
