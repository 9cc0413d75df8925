package quote

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline/internal/linear"
)

// noCluster is the cluster of a word without a vector.
const noCluster = 0xffff

// clusters are word clusters from word vectors (internal/wordclusters, the
// same file the ner pass uses): a fine cluster per lower-case word, and the
// mid and coarse clusters of each fine one. Cue verbs the training data
// never shows ("blasted", "slammed") share clusters with ones it does.
type clusters struct {
	fine map[string]uint16
	mid  []uint16
}

func (c *clusters) lookup(lower string) (fine, mid uint16) {
	if c == nil {
		return noCluster, noCluster
	}
	f, ok := c.fine[lower]
	if !ok {
		return noCluster, noCluster
	}
	return f, c.mid[f]
}

func readClusters(packed []byte) (*clusters, error) {
	data, err := linear.UnpackBytes(packed)
	if err != nil {
		return nil, fmt.Errorf("quote: clusters: %w", err)
	}
	text := string(data)
	header, rest, _ := strings.Cut(text, "\n")
	if header != "#dateline-clusters v1" {
		return nil, errors.New("quote: clusters: bad header")
	}
	c := &clusters{fine: make(map[string]uint16, 200000)}
	n := 1
	for line := range strings.SplitSeq(rest, "\n") {
		n++
		if line == "" {
			continue
		}
		if line[0] == '=' {
			f := strings.Fields(line[1:])
			if len(f) != 3 {
				return nil, fmt.Errorf("quote: clusters: line %d: bad mapping", n)
			}
			fine, err1 := strconv.ParseUint(f[0], 10, 16)
			mid, err2 := strconv.ParseUint(f[1], 10, 16)
			if err1 != nil || err2 != nil || int(fine) != len(c.mid) {
				return nil, fmt.Errorf("quote: clusters: line %d: bad mapping", n)
			}
			c.mid = append(c.mid, uint16(mid))
			continue
		}
		w, id, ok := strings.Cut(line, "\t")
		x, err := strconv.ParseUint(id, 10, 16)
		if !ok || err != nil || int(x) >= len(c.mid) {
			return nil, fmt.Errorf("quote: clusters: line %d: bad word line", n)
		}
		c.fine[w] = uint16(x)
	}
	return c, nil
}
