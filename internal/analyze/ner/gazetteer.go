package ner

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed gazetteer/*.txt
var gazetteerFS embed.FS

// Gazetteer categories, one bit each.
const (
	gazCountry = iota
	gazCity
	gazState
	gazRegion
	gazDemonym
	gazOrg
	gazFirstName
	gazEvent
	gazPerson
	numGaz
)

var gazFiles = [numGaz]string{
	gazCountry:   "countries.txt",
	gazCity:      "cities.txt",
	gazState:     "states.txt",
	gazRegion:    "regions.txt",
	gazDemonym:   "demonyms.txt",
	gazOrg:       "orgs.txt",
	gazFirstName: "firstnames.txt",
	gazEvent:     "events.txt",
	gazPerson:    "persons.txt",
}

// gazNode is a trie node over lower-cased tokens.
type gazNode struct {
	next map[string]*gazNode
	cats uint16 // categories of the entry ending here
}

// gazetteer matches token sequences against the name lists.
type gazetteer struct {
	root gazNode
	sum  uint64 // a hash of the lists, recorded in the model
}

func loadGazetteer() (*gazetteer, error) {
	g := &gazetteer{root: gazNode{next: map[string]*gazNode{}}}
	h := newHasher()
	for cat, name := range gazFiles {
		data, err := fs.ReadFile(gazetteerFS, "gazetteer/"+name)
		if err != nil {
			return nil, fmt.Errorf("ner: gazetteer: %w", err)
		}
		h.str(name)
		h.str(string(data))
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || line[0] == '#' {
				continue
			}
			g.add(line, cat)
			if cat == gazDemonym && !strings.HasSuffix(line, "s") && !strings.HasSuffix(line, "sh") && !strings.HasSuffix(line, "ese") {
				g.add(line+"s", cat) // plurals: Russians, Britons
			}
		}
	}
	g.sum = h.sum()
	return g, nil
}

func (g *gazetteer) add(entry string, cat int) {
	n := &g.root
	for _, w := range strings.Fields(entry) {
		w = strings.ToLower(w)
		c := n.next[w]
		if c == nil {
			c = &gazNode{}
			if n.next == nil {
				n.next = map[string]*gazNode{}
			}
			n.next[w] = c
		}
		n = c
	}
	n.cats |= 1 << cat
}

// match marks, for each token, the categories and BILU positions of the
// longest gazetteer entries over lower-cased tokens, left to right without
// overlaps. out[i] has bit 4*cat+pos set.
func (g *gazetteer) match(lower []string, out []uint64) {
	for i := range out {
		out[i] = 0
	}
	for i := 0; i < len(lower); {
		n := &g.root
		end, cats := -1, uint16(0)
		for j := i; j < len(lower); j++ {
			c := n.next[lower[j]]
			if c == nil {
				break
			}
			n = c
			if c.cats != 0 {
				end, cats = j+1, c.cats
			}
		}
		if end < 0 {
			i++
			continue
		}
		for cat := range numGaz {
			if cats&(1<<cat) == 0 {
				continue
			}
			if end-i == 1 {
				out[i] |= 1 << (4*cat + posU)
				continue
			}
			out[i] |= 1 << (4*cat + posB)
			for k := i + 1; k < end-1; k++ {
				out[k] |= 1 << (4*cat + posI)
			}
			out[end-1] |= 1 << (4*cat + posL)
		}
		i = end
	}
}

// has reports whether the lower-cased token sequence is an entry of cat.
func (g *gazetteer) has(lower []string, cat int) bool {
	n := &g.root
	for _, w := range lower {
		n = n.next[w]
		if n == nil {
			return false
		}
	}
	return n.cats&(1<<cat) != 0
}
