package linear

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Clusters maps lower-cased words to word clusters at three granularities
// (fine, mid, coarse), the generalisation over rare words that Brown
// clusters give in Koo et al. (2008) and Honnibal and Johnson (2015). They
// are read once at training time from a cluster file and stored inside the
// models that use them, so that a model always carries the clusters it was
// trained with. Read-only and safe for concurrent use.
type Clusters struct {
	words  []string          // in the file's order (by frequency)
	fine   map[string]uint16 // word -> fine cluster
	mid    []uint16          // fine -> mid
	coarse []uint16          // fine -> coarse
}

// Cluster is the cluster of one word, every id one-based; the zero value
// means "no cluster".
type Cluster struct {
	Fine, Mid, Coarse uint16
}

// ReadClusterText reads the text format of the NER pass's cluster file (the
// content of clusters.txt.zst, unpacked): a header "#dateline-clusters v1",
// lines "=<fine> <mid> <coarse>" giving every fine cluster its parents in
// order, then "<word>\t<fine>" lines in frequency order, of which it keeps
// the first maxWords (all when maxWords <= 0).
func ReadClusterText(r io.Reader, maxWords int) (*Clusters, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	c := &Clusters{fine: map[string]uint16{}}
	line := 0
	bad := func(format string, args ...any) error {
		return fmt.Errorf("clusters: line %d: %s", line, fmt.Sprintf(format, args...))
	}
	for sc.Scan() {
		line++
		s := sc.Text()
		if line == 1 {
			if s != "#dateline-clusters v1" {
				return nil, bad("bad header %q", s)
			}
			continue
		}
		if s == "" {
			continue
		}
		if s[0] == '=' {
			f := strings.Fields(s[1:])
			if len(f) != 3 {
				return nil, bad("want 3 fields")
			}
			var v [3]uint16
			for i := range f {
				x, err := strconv.ParseUint(f[i], 10, 16)
				if err != nil || x >= 1<<16-1 {
					return nil, bad("bad cluster number %q", f[i])
				}
				v[i] = uint16(x)
			}
			if int(v[0]) != len(c.mid) {
				return nil, bad("cluster %d out of order", v[0])
			}
			c.mid = append(c.mid, v[1])
			c.coarse = append(c.coarse, v[2])
			continue
		}
		if maxWords > 0 && len(c.words) >= maxWords {
			continue
		}
		w, id, ok := strings.Cut(s, "\t")
		if !ok {
			return nil, bad("no tab")
		}
		x, err := strconv.ParseUint(id, 10, 16)
		if err != nil || int(x) >= len(c.mid) {
			return nil, bad("bad cluster %q", id)
		}
		if _, dup := c.fine[w]; dup || w == "" {
			continue
		}
		c.words = append(c.words, w)
		c.fine[w] = uint16(x)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	if line == 0 {
		return nil, fmt.Errorf("clusters: empty file")
	}
	return c, nil
}

// Len returns the number of words.
func (c *Clusters) Len() int {
	if c == nil {
		return 0
	}
	return len(c.words)
}

// Lookup returns the cluster of word s, matched lower-cased (ASCII letters
// only; other text as it is), or the zero Cluster. A nil Clusters has none.
func (c *Clusters) Lookup(s string) Cluster {
	if c == nil || len(s) == 0 {
		return Cluster{}
	}
	var f uint16
	var ok bool
	var buf [48]byte
	if len(s) <= len(buf) {
		b := buf[:len(s)]
		for i := range len(s) {
			x := s[i]
			if 'A' <= x && x <= 'Z' {
				x += 'a' - 'A'
			}
			b[i] = x
		}
		f, ok = c.fine[string(b)]
	}
	if !ok {
		return Cluster{}
	}
	return Cluster{Fine: f + 1, Mid: c.mid[f] + 1, Coarse: c.coarse[f] + 1}
}

// WriteTo writes the clusters into a model file.
func (c *Clusters) WriteTo(e *Encoder) {
	if c == nil {
		e.Uvarint(0)
		e.Uvarint(0)
		return
	}
	e.Uvarint(uint64(len(c.mid)))
	for i := range c.mid {
		e.Uvarint(uint64(c.mid[i]))
		e.Uvarint(uint64(c.coarse[i]))
	}
	e.Uvarint(uint64(len(c.words)))
	for _, w := range c.words {
		e.String(w)
		e.Uvarint(uint64(c.fine[w]))
	}
}

// ReadClusters reads clusters written by WriteTo; it returns nil (no
// clusters) when the model was written without.
func ReadClusters(d *Decoder) (*Clusters, error) {
	nf := d.Count(1<<16-2, "clusters")
	if err := d.Err(); err != nil {
		return nil, err
	}
	c := &Clusters{mid: make([]uint16, nf), coarse: make([]uint16, nf)}
	for i := range nf {
		c.mid[i] = uint16(d.Count(1<<16-2, "cluster id"))
		c.coarse[i] = uint16(d.Count(1<<16-2, "cluster id"))
	}
	nw := d.Count(1<<24, "cluster words")
	if err := d.Err(); err != nil {
		return nil, err
	}
	if nf == 0 {
		if nw != 0 {
			return nil, d.Fail("%d words without clusters", nw)
		}
		return nil, nil
	}
	c.words = make([]string, 0, nw)
	c.fine = make(map[string]uint16, nw)
	for range nw {
		w := d.String()
		f := d.Count(uint64(nf-1), "cluster")
		if err := d.Err(); err != nil {
			return nil, err
		}
		if !utf8.ValidString(w) {
			return nil, d.Fail("cluster word not UTF-8")
		}
		if _, dup := c.fine[w]; dup {
			continue
		}
		c.words = append(c.words, w)
		c.fine[w] = uint16(f)
	}
	return c, nil
}
