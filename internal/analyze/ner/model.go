package ner

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/dateline-news/dateline/internal/linear"
)

const numTrans = (numLabels + 1) * (numLabels + 1)

// table holds the weights of one stage: an index from feature key to a
// row of numLabels int16 weights (times scale), and the label transitions
// (row numLabels is the sentence start, column numLabels its end).
type table struct {
	index
	keys  []uint64 // the key of each row
	prev  *prevLabels
	w     []int16
	scale float32
	trans [numTrans]float32
}

// index finds the row of a feature key: an open-addressing hash table in
// which keys and row numbers share a slot, so that a lookup touches one
// cache line before the row.
type index struct {
	// filter has the bit filterBit(k) set for every key k of the index:
	// most keys absent from it are known so without reading a slot (a
	// cache miss), from 128 kB that stay in the cache.
	filter []uint64
	slots  []slot
	mask   uint64
}

type slot struct {
	key uint64
	row int32
}

// newIndex returns an empty index for n keys.
func newIndex(n int) index {
	size := 1
	for size < 2*n+1 {
		size <<= 1
	}
	return index{filter: make([]uint64, 1<<filterBits/64), slots: make([]slot, size), mask: uint64(size - 1)}
}

// insert adds key k (not 0, not in x yet) with its row.
func (x *index) insert(k uint64, row int32) {
	f := filterBit(k)
	x.filter[f/64] |= 1 << (f % 64)
	i := k & x.mask
	for x.slots[i].key != 0 {
		i = (i + 1) & x.mask
	}
	x.slots[i] = slot{k, row}
}

// find looks up the keys ks, the batch of a caller's keys that starts at
// b, and writes for each key found its row to rows and at[b+j] (0 when at
// is nil) to dst, in order; it returns how many it found. The slots of
// the keys are loaded first, then the keys found and the first weight of
// their rows (in w, stride weights a row) loaded, so that the cache misses
// of the batch overlap instead of coming one after another.
func (x *index) find(ks []uint64, b int, at []int32, w []int16, stride int, rows, dst *[scoreBatch]int32) int {
	slots, mask := x.slots, x.mask
	var home [scoreBatch]uint32
	var touch uint64
	for j, k := range ks {
		f := filterBit(k)
		if x.filter[f/64]&(1<<(f%64)) == 0 {
			home[j%scoreBatch] = absent
			continue
		}
		i := k & mask
		home[j%scoreBatch] = uint32(i)
		touch |= slots[i].key
	}
	n := 0
	for j, k := range ks {
		i := uint64(home[j%scoreBatch])
		if i == absent {
			continue
		}
		for {
			s := slots[i]
			if s.key == k {
				rows[n%scoreBatch] = s.row
				dst[n%scoreBatch] = 0
				if at != nil {
					dst[n%scoreBatch] = at[b+j]
				}
				touch |= uint64(w[int(s.row)*stride])
				n++
				break
			}
			if s.key == 0 {
				break
			}
			i = (i + 1) & mask
		}
	}
	if touch == 0 {
		n += 0 // keeps the loads
	}
	return n
}

func newTable(keys []uint64, w []int16, scale float32, trans []float32) *table {
	t := &table{index: newIndex(len(keys)), keys: keys, prev: bilouPrev(), w: w, scale: scale}
	for r, k := range keys {
		t.insert(k, int32(r))
	}
	copy(t.trans[:], trans)
	for p := 0; p <= numLabels; p++ {
		for c := 0; c <= numLabels; c++ {
			if !allowedTransition(p, c) {
				t.trans[p*(numLabels+1)+c] = float32(math.Inf(-1))
			}
		}
	}
	return t
}

// addScaled adds the integer sums acc, in real units, to out.
func (t *table) addScaled(acc *[numLabels]int32, out *[numLabels]float32) {
	for l := range out {
		out[l] += float32(acc[l]) * t.scale
	}
}

// sum adds the integer weights of the features fs to acc (addScaled turns
// them into scores): integer sums, which do not depend on the order of the
// keys or on how they are split between calls.
func (t *table) sum(fs []uint64, acc *[numLabels]int32) {
	one := [1][numLabels]int32{*acc}
	t.sumAt(fs, nil, one[:])
	*acc = one[0]
}

// filterBits is the size of a table's filter: 2^20 bits, about 12 per
// feature of the model.
const filterBits = 20

// filterBit is the filter bit of key k: high bits, independent of the
// slot (the low bits).
func filterBit(k uint64) uint64 { return k >> (64 - filterBits) }

// sumAt adds the integer weights of each feature fs[i] to acc[at[i]] (to
// acc[0] when at is nil), a batch of keys at a time (index.find), then the
// rows are summed.
func (t *table) sumAt(fs []uint64, at []int32, acc [][numLabels]int32) {
	var rows, dst [scoreBatch]int32
	for b := 0; b < len(fs); b += scoreBatch {
		n := t.find(fs[b:min(len(fs), b+scoreBatch)], b, at, t.w, numLabels, &rows, &dst)
		for j, row := range rows[:n] {
			a := &acc[dst[j]]
			r := int(row) * numLabels
			w := t.w[r : r+numLabels : r+numLabels]
			for l := range a {
				a[l] += int32(w[l])
			}
		}
	}
}

// absent marks a key the filter knows is not in the index.
const absent = 1<<32 - 1

// scoreBatch is the number of keys index.find looks up together.
const scoreBatch = 64

// prevLabels lists, for each label, the labels BILOU allows before it:
// O, B and U follow O, L or U (9 labels); I and L follow B or I of their
// type (2 labels). Decoding visits 97 transitions a token instead of 289.
type prevLabels [numLabels][]uint8

func bilouPrev() *prevLabels {
	var out prevLabels
	for c := range numLabels {
		for p := range numLabels {
			if allowedTransition(p, c) {
				out[c] = append(out[c], uint8(p))
			}
		}
	}
	return &out
}

// viterbi decodes the best label sequence under em and trans; labels must
// have len(em) elements. back is scratch space.
func viterbi(em [][numLabels]float32, trans *[numTrans]float32, allowed *prevLabels, labels []int, back [][numLabels]uint8) {
	n := len(em)
	if n == 0 {
		return
	}
	const S = numLabels + 1
	var cur, prev [numLabels]float32
	ninf := float32(math.Inf(-1))
	for c := range numLabels {
		prev[c] = trans[numLabels*S+c] + em[0][c]
	}
	// The allowed transitions into each label, with their weights, in
	// arrays: the same sums and comparisons, in the same order.
	var from [numLabels]struct {
		n int
		p [numLabels]uint8
		w [numLabels]float32
	}
	for c := range numLabels {
		f := &from[c]
		for _, p := range allowed[c] {
			f.p[f.n], f.w[f.n] = p, trans[int(p)*S+c]
			f.n++
		}
	}
	for i := 1; i < n; i++ {
		e, bk := &em[i], &back[i]
		for c := range numLabels {
			f := &from[c]
			best, bp := ninf, uint8(0)
			for k := range f.n {
				if s := prev[f.p[k]] + f.w[k]; s > best {
					best, bp = s, f.p[k]
				}
			}
			cur[c] = best + e[c]
			bk[c] = bp
		}
		prev = cur
	}
	best, bl := ninf, 0
	for c := range numLabels {
		if s := prev[c] + trans[c*S+numLabels]; s > best {
			best, bl = s, c
		}
	}
	labels[n-1] = bl
	for i := n - 1; i > 0; i-- {
		labels[i-1] = int(back[i][labels[i]])
	}
}

// Model file format (compressed: zstd, or gzip in older files; see
// linear.Pack): magic, version, the checksums of the gazetteer and the
// clusters it was trained with, the number of stages, and for each stage
// its feature keys (sorted, delta-uvarint), a weight scale, the weights as
// int16 rows, and the float32 transitions.
const modelMagic = "DLNERv1\n"

// featureVersion changes whenever the feature templates change meaning;
// a model of another version is refused rather than silently degraded.
const featureVersion = 3

func writeModel(w io.Writer, gazSum, clusSum uint64, stages []*trainedStage) error {
	zw := linear.Pack(w)
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	var buf [binary.MaxVarintLen64]byte
	putU := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	putU(featureVersion)
	putU(gazSum)
	putU(clusSum)
	putU(uint64(len(stages)))
	for _, st := range stages {
		order := make([]int, len(st.keys))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int {
			switch {
			case st.keys[a] < st.keys[b]:
				return -1
			case st.keys[a] > st.keys[b]:
				return 1
			}
			return 0
		})
		q, scale := quantize(st.w)
		putU(uint64(len(order)))
		binary.Write(bw, binary.LittleEndian, scale)
		var last uint64
		for _, i := range order {
			putU(st.keys[i] - last)
			last = st.keys[i]
		}
		for _, i := range order {
			binary.Write(bw, binary.LittleEndian, q[i*numLabels:(i+1)*numLabels])
		}
		binary.Write(bw, binary.LittleEndian, st.trans[:])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

const maxModelFeatures = 1 << 24

func readModel(r io.Reader) (gazSum, clusSum uint64, tables []*table, err error) {
	raw, err := linear.Unpack(r)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("ner: model: %w", err)
	}
	br := bufio.NewReader(bytes.NewReader(raw))
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return 0, 0, nil, errors.New("ner: model: not a dateline NER model")
	}
	fail := func(err error) (uint64, uint64, []*table, error) {
		return 0, 0, nil, fmt.Errorf("ner: model: %w", err)
	}
	if v, err := binary.ReadUvarint(br); err != nil || v != featureVersion {
		return fail(fmt.Errorf("feature version %d, want %d: retrain with 'dateline train ner'", v, featureVersion))
	}
	if gazSum, err = binary.ReadUvarint(br); err != nil {
		return fail(err)
	}
	if clusSum, err = binary.ReadUvarint(br); err != nil {
		return fail(err)
	}
	ns, err := binary.ReadUvarint(br)
	if err != nil || ns == 0 || ns > 2 {
		return fail(errors.New("bad stage count"))
	}
	for range ns {
		n, err := binary.ReadUvarint(br)
		if err != nil || n > maxModelFeatures {
			return fail(errors.New("bad feature count"))
		}
		var scale float32
		if err := binary.Read(br, binary.LittleEndian, &scale); err != nil {
			return fail(err)
		}
		keys := make([]uint64, n)
		var last uint64
		for i := range keys {
			d, err := binary.ReadUvarint(br)
			if err != nil {
				return fail(err)
			}
			last += d
			keys[i] = last
		}
		q := make([]int16, int(n)*numLabels)
		if err := binary.Read(br, binary.LittleEndian, q); err != nil {
			return fail(err)
		}
		var trans [numTrans]float32
		if err := binary.Read(br, binary.LittleEndian, trans[:]); err != nil {
			return fail(err)
		}
		tables = append(tables, newTable(keys, q, scale, trans[:]))
	}
	return gazSum, clusSum, tables, nil
}

// quantize maps weights to int16 with one scale. Rows of up to a few
// hundred active features cannot overflow the int32 sums in score.
func quantize(w []float32) ([]int16, float32) {
	var maxAbs float32
	for _, x := range w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	q := make([]int16, len(w))
	for i, x := range w {
		q[i] = int16(math.Round(float64(x / scale)))
	}
	return q, scale
}

// joint holds the weights of two stages side by side: the first-stage
// templates are in both stages, so one lookup of such a key reads its
// weights in both (a row of 2*numLabels int16, stage 1 then stage 2,
// zero where a stage lacks the key). It answers exactly as the two tables.
type joint struct {
	index
	w []int16
}

// newJoint joins the tables of two stages.
func newJoint(a, b *table) *joint {
	ka, kb := a.sorted(), b.sorted()
	n := 0
	for i, k := 0, 0; i < len(ka) || k < len(kb); n++ {
		switch {
		case k == len(kb) || i < len(ka) && ka[i].key < kb[k].key:
			i++
		case i == len(ka) || kb[k].key < ka[i].key:
			k++
		default:
			i++
			k++
		}
	}
	j := &joint{index: newIndex(n), w: make([]int16, 2*numLabels*n)}
	add := func(r int, s slot, t *table, st int) {
		copy(j.w[r*2*numLabels+st*numLabels:][:numLabels], t.w[int(s.row)*numLabels:][:numLabels])
	}
	r := 0
	for i, k := 0, 0; i < len(ka) || k < len(kb); r++ {
		var key uint64
		switch {
		case k == len(kb) || i < len(ka) && ka[i].key < kb[k].key:
			key = ka[i].key
			add(r, ka[i], a, 0)
			i++
		case i == len(ka) || kb[k].key < ka[i].key:
			key = kb[k].key
			add(r, kb[k], b, 1)
			k++
		default:
			key = ka[i].key
			add(r, ka[i], a, 0)
			add(r, kb[k], b, 1)
			i++
			k++
		}
		j.insert(key, int32(r))
	}
	return j
}

// sorted returns the keys of t with their rows in key order.
func (t *table) sorted() []slot {
	out := make([]slot, len(t.keys))
	for r, k := range t.keys {
		out[r] = slot{k, int32(r)}
	}
	if !slices.IsSortedFunc(out, cmpSlot) { // a model file's keys are
		slices.SortFunc(out, cmpSlot)
	}
	return out
}

func cmpSlot(x, y slot) int { return cmp.Compare(x.key, y.key) }

// sumAt adds the integer weights of each feature fs[i] in both stages to
// acc[at[i]].
func (j *joint) sumAt(fs []uint64, at []int32, acc [][2][numLabels]int32) {
	var rows, dst [scoreBatch]int32
	for b := 0; b < len(fs); b += scoreBatch {
		n := j.find(fs[b:min(len(fs), b+scoreBatch)], b, at, j.w, 2*numLabels, &rows, &dst)
		for x, row := range rows[:n] {
			a := &acc[dst[x]]
			r := int(row) * 2 * numLabels
			w := j.w[r : r+2*numLabels : r+2*numLabels]
			for l := range numLabels {
				a[0][l] += int32(w[l])
				a[1][l] += int32(w[numLabels+l])
			}
		}
	}
}
