package eval

import (
	"math"
	"slices"
)

// StoriesPRF is a precision, recall and F1 triple.
type StoriesPRF struct {
	P  float64 `json:"p"`
	R  float64 `json:"r"`
	F1 float64 `json:"f1"`
}

func storiesPRF(pn, pd, rn, rd float64) StoriesPRF {
	var s StoriesPRF
	if pd > 0 {
		s.P = pn / pd
	}
	if rd > 0 {
		s.R = rn / rd
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// storiesGroups turns labels (one per item) into clusters of item indexes,
// in order of first appearance.
func storiesGroups(labels []string) [][]int {
	idx := map[string]int{}
	var out [][]int
	for i, l := range labels {
		g, ok := idx[l]
		if !ok {
			g = len(out)
			idx[l] = g
			out = append(out, nil)
		}
		out[g] = append(out[g], i)
	}
	return out
}

// StoriesB3 is B-cubed over items: per item, the overlap of its key and
// response clusters relative to each; averaged over items. key and
// response give one cluster label per item and must have the same length.
func StoriesB3(key, response []string) StoriesPRF {
	n := min(len(key), len(response))
	if n == 0 {
		return StoriesPRF{}
	}
	type pair struct{ k, r string }
	inter := map[pair]int{}
	ks, rs := map[string]int{}, map[string]int{}
	for i := range n {
		inter[pair{key[i], response[i]}]++
		ks[key[i]]++
		rs[response[i]]++
	}
	var p, r float64
	for i := range n {
		c := float64(inter[pair{key[i], response[i]}])
		p += c / float64(rs[response[i]])
		r += c / float64(ks[key[i]])
	}
	return storiesPRF(p, float64(n), r, float64(n))
}

// StoriesPairwise scores the pairs of items put in one cluster.
func StoriesPairwise(key, response []string) StoriesPRF {
	n := min(len(key), len(response))
	type pair struct{ k, r string }
	inter := map[pair]int{}
	ks, rs := map[string]int{}, map[string]int{}
	for i := range n {
		inter[pair{key[i], response[i]}]++
		ks[key[i]]++
		rs[response[i]]++
	}
	c2 := func(x int) float64 { return float64(x) * float64(x-1) / 2 }
	var tp, kp, rp float64
	for _, c := range inter {
		tp += c2(c)
	}
	for _, c := range ks {
		kp += c2(c)
	}
	for _, c := range rs {
		rp += c2(c)
	}
	return storiesPRF(tp, rp, tp, kp)
}

// StoriesMUC is the link-based MUC score (Vilain et al. 1995).
func StoriesMUC(key, response []string) StoriesPRF {
	n := min(len(key), len(response))
	key, response = key[:n], response[:n]
	part := func(a, b []string) (num, den float64) {
		for _, g := range storiesGroups(a) {
			seen := map[string]bool{}
			for _, i := range g {
				seen[b[i]] = true
			}
			num += float64(len(g) - len(seen))
			den += float64(len(g) - 1)
		}
		return
	}
	rn, rd := part(key, response)
	pn, pd := part(response, key)
	return storiesPRF(pn, pd, rn, rd)
}

// StoriesCEAFe is the entity-based CEAF (Luo 2005) with the φ4 similarity
// 2|K∩R|/(|K|+|R|) and the optimal one-to-one alignment of key and
// response clusters, found per connected component of the overlap graph.
func StoriesCEAFe(key, response []string) StoriesPRF {
	n := min(len(key), len(response))
	key, response = key[:n], response[:n]
	kg, rg := storiesGroups(key), storiesGroups(response)
	if len(kg) == 0 || len(rg) == 0 {
		return StoriesPRF{}
	}
	kOf := make([]int, n)
	rOf := make([]int, n)
	for g, items := range kg {
		for _, i := range items {
			kOf[i] = g
		}
	}
	for g, items := range rg {
		for _, i := range items {
			rOf[i] = g
		}
	}
	overlap := map[[2]int]int{}
	for i := range n {
		overlap[[2]int{kOf[i], rOf[i]}]++
	}
	// Components of the bipartite overlap graph: union-find over key
	// clusters 0..K-1 and response clusters K..K+R-1.
	parent := make([]int, len(kg)+len(rg))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for kr := range overlap {
		a, b := find(kr[0]), find(len(kg)+kr[1])
		if a != b {
			parent[a] = b
		}
	}
	comps := map[int][2][]int{}
	for k := range kg {
		c := comps[find(k)]
		c[0] = append(c[0], k)
		comps[find(k)] = c
	}
	for r := range rg {
		c := comps[find(len(kg)+r)]
		c[1] = append(c[1], r)
		comps[find(len(kg)+r)] = c
	}
	total := 0.0
	for _, c := range comps {
		ks, rs := c[0], c[1]
		if len(ks) == 0 || len(rs) == 0 {
			continue
		}
		w := make([][]float64, len(ks))
		for i, k := range ks {
			w[i] = make([]float64, len(rs))
			for j, r := range rs {
				if o := overlap[[2]int{k, r}]; o > 0 {
					w[i][j] = 2 * float64(o) / float64(len(kg[k])+len(rg[r]))
				}
			}
		}
		total += storiesAssign(w)
	}
	return storiesPRF(total, float64(len(rg)), total, float64(len(kg)))
}

// storiesAssign returns the largest total weight of a one-to-one
// assignment of rows to columns (the Hungarian method, O(n³)).
func storiesAssign(w [][]float64) float64 {
	rows := len(w)
	if rows == 0 {
		return 0
	}
	cols := len(w[0])
	n := max(rows, cols)
	// Minimise cost = maxW - w on a square matrix padded with maxW.
	maxW := 0.0
	for _, r := range w {
		maxW = max(maxW, slices.Max(r))
	}
	cost := func(i, j int) float64 {
		if i < rows && j < cols {
			return maxW - w[i][j]
		}
		return maxW
	}
	u, v := make([]float64, n+1), make([]float64, n+1)
	p, way := make([]int, n+1), make([]int, n+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, n+1)
		used := make([]bool, n+1)
		for j := range minv {
			minv[j] = math.Inf(1)
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			for j := 1; j <= n; j++ {
				if used[j] {
					continue
				}
				cur := cost(i0-1, j-1) - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= n; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	total := 0.0
	for j := 1; j <= n; j++ {
		if i := p[j] - 1; i >= 0 && i < rows && j-1 < cols {
			total += w[i][j-1]
		}
	}
	return total
}

// StoriesCoref is the coreference scores of one clustering.
type StoriesCoref struct {
	MUC     StoriesPRF `json:"muc"`
	B3      StoriesPRF `json:"b3"`
	CEAFe   StoriesPRF `json:"ceafe"`
	CoNLLF1 float64    `json:"conll_f1"` // mean of the three F1, in [0, 1]
}

// StoriesCorefScores scores a clustering of mentions against the key with
// MUC, B³ and CEAF-e, and their mean, the CoNLL F1.
func StoriesCorefScores(key, response []string) StoriesCoref {
	s := StoriesCoref{MUC: StoriesMUC(key, response), B3: StoriesB3(key, response), CEAFe: StoriesCEAFe(key, response)}
	s.CoNLLF1 = (s.MUC.F1 + s.B3.F1 + s.CEAFe.F1) / 3
	return s
}
