package quote

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/dateline-news/dateline/internal/linear"
)

// Model is the trained attribution labeller: two linear stages over hashed
// features with first-order transitions, decoded with Viterbi, and the cue
// lemmas learned from the training data.
type Model struct {
	bits    uint8
	stages  [2]*stage
	learned map[string]bool // lemmas (and lemma phrases) often annotated as cues, beyond the lexicon
	cw      *cueWords       // learned, indexed
	Meta    string          // free text: data, command, scores
}

// stage is one linear sequence labeller.
type stage struct {
	w     []float32 // (1<<bits) rows of nLabels weights (training)
	trans [nLabels + 1][nLabels]float32

	// For labelling, the weights as read from a model file: 16-bit rows
	// padded to rowWidth (one row never straddles a cache line), times
	// 1/scale.
	q     []int16
	scale float32
}

// rowWidth is the padded width of a row of q.
const rowWidth = 8

func newStage(bits uint8) *stage {
	return &stage{w: make([]float32, (1<<bits)*nLabels)}
}

func (m *Model) mask() uint64 { return 1<<m.bits - 1 }

// emissions fills em[k*nLabels+l] with the score of label l at the k-th
// token of feats (features of each token, flattened with offsets).
func (st *stage) emissions(mask uint64, feats []uint64, offs []int32, em []float32) {
	if st.q != nil {
		st.emissionsQ(mask, feats, offs, em)
		return
	}
	for k := 0; k+1 < len(offs); k++ {
		row := em[k*nLabels : (k+1)*nLabels : (k+1)*nLabels]
		clear(row)
		for _, f := range feats[offs[k]:offs[k+1]] {
			i := int(f&mask) * nLabels
			ws := st.w[i : i+nLabels : i+nLabels]
			for l := range nLabels {
				row[l] += ws[l]
			}
		}
	}
}

// floats returns the 16-bit weights as floats, rows of nLabels.
func (st *stage) floats() []float32 {
	w := make([]float32, len(st.q)/rowWidth*nLabels)
	for r := 0; r < len(st.q)/rowWidth; r++ {
		for l := range nLabels {
			w[r*nLabels+l] = float32(st.q[r*rowWidth+l]) / st.scale
		}
	}
	return w
}

func (st *stage) emissionsQ(mask uint64, feats []uint64, offs []int32, em []float32) {
	inv := 1 / st.scale
	for k := 0; k+1 < len(offs); k++ {
		var acc [rowWidth]int32
		for _, f := range feats[offs[k]:offs[k+1]] {
			i := int(f&mask) * rowWidth
			ws := st.q[i : i+rowWidth : i+rowWidth]
			for l := range rowWidth {
				acc[l] += int32(ws[l])
			}
		}
		row := em[k*nLabels : (k+1)*nLabels : (k+1)*nLabels]
		for l := range nLabels {
			row[l] = float32(acc[l]) * inv
		}
	}
}

// viterbi returns the best label sequence for the emission scores em of n
// tokens under the transitions and the BIO constraints.
func (st *stage) viterbi(em []float32, n int, out []uint8, back []uint8, score []float32) {
	if n == 0 {
		return
	}
	neg := float32(math.Inf(-1))
	cur := score[:nLabels]
	for l := range uint8(nLabels) {
		cur[l] = neg
		if allowed(lO, l) {
			cur[l] = st.trans[nLabels][l] + em[l]
		}
	}
	for k := 1; k < n; k++ {
		prev := score[(k-1)*nLabels : k*nLabels]
		cur = score[k*nLabels : (k+1)*nLabels]
		for l := range uint8(nLabels) {
			best, arg := neg, uint8(0)
			for p := range uint8(nLabels) {
				if !allowed(p, l) {
					continue
				}
				if s := prev[p] + st.trans[p][l]; s > best {
					best, arg = s, p
				}
			}
			cur[l] = best + em[k*nLabels+int(l)]
			back[k*nLabels+int(l)] = arg
		}
	}
	last := score[(n-1)*nLabels : n*nLabels]
	best := uint8(0)
	for l := range uint8(nLabels) {
		if last[l] > last[best] {
			best = l
		}
	}
	for k := n - 1; k >= 0; k-- {
		out[k] = best
		best = back[k*nLabels+int(best)]
	}
}

const modelMagic = "dateline-quote-2\n"

// WriteTo writes the model, compressed (linear.Pack): the transitions as 32-bit floats, the
// weight rows that are not all zero as 16-bit integers on a per-stage scale.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	zw := linear.Pack(w)
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { n := binary.PutUvarint(buf[:], x); bw.Write(buf[:n]) }
	f32 := func(x float32) { binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(x)); bw.Write(buf[:4]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	bw.WriteString(modelMagic)
	str(m.Meta)
	bw.WriteByte(m.bits)
	words := make([]string, 0, len(m.learned))
	for k := range m.learned {
		words = append(words, k)
	}
	slices.Sort(words)
	str(strings.Join(words, "\n"))
	for _, st := range m.stages {
		if st.w == nil { // read from a file: back to floats
			st = &stage{w: st.floats(), trans: st.trans}
		}
		for _, row := range st.trans {
			for _, x := range row {
				f32(x)
			}
		}
		// Weights are stored as 16-bit integers on one scale per stage;
		// rows that round to zero are left out.
		maxAbs := float32(0)
		for _, x := range st.w {
			maxAbs = max(maxAbs, x, -x)
		}
		scale := float32(1)
		if maxAbs > 0 {
			scale = 32767 / maxAbs
		}
		f32(scale)
		q := func(x float32) int16 { return int16(math.Round(float64(x * scale))) }
		nonzero := func(r int) bool {
			return slices.ContainsFunc(st.w[r:r+nLabels], func(x float32) bool { return q(x) != 0 })
		}
		rows := 0
		for r := 0; r < len(st.w); r += nLabels {
			if nonzero(r) {
				rows++
			}
		}
		uv(uint64(rows))
		prev := 0
		for r := 0; r < len(st.w); r += nLabels {
			if !nonzero(r) {
				continue
			}
			uv(uint64(r/nLabels - prev))
			prev = r / nLabels
			for _, x := range st.w[r : r+nLabels] {
				binary.LittleEndian.PutUint16(buf[:2], uint16(q(x)))
				bw.Write(buf[:2])
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return 0, zw.Close()
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	raw, err := linear.Unpack(r)
	if err != nil {
		return nil, fmt.Errorf("quote model: %w", err)
	}
	br := bufio.NewReader(bytes.NewReader(raw))
	bad := func(what string, err error) (*Model, error) {
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("quote model: %s: %w", what, err)
	}
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return bad("not a quote model", err)
	}
	var b4 [4]byte
	f32 := func() (float32, error) {
		_, err := io.ReadFull(br, b4[:])
		return math.Float32frombits(binary.LittleEndian.Uint32(b4[:])), err
	}
	str := func() (string, error) {
		n, err := binary.ReadUvarint(br)
		if err != nil || n > 1<<24 {
			return "", fmt.Errorf("bad string length: %v", err)
		}
		b := make([]byte, n)
		_, err = io.ReadFull(br, b)
		return string(b), err
	}
	m := &Model{learned: map[string]bool{}}
	if m.Meta, err = str(); err != nil {
		return bad("meta", err)
	}
	if m.bits, err = br.ReadByte(); err != nil || m.bits < 8 || m.bits > 24 {
		return bad("bits", err)
	}
	words, err := str()
	if err != nil {
		return bad("cue words", err)
	}
	for w := range strings.SplitSeq(words, "\n") {
		if w != "" {
			m.learned[w] = true
		}
	}
	m.cw = newCueWords(m.learned)
	for s := range m.stages {
		st := &stage{q: make([]int16, (1<<m.bits)*rowWidth)}
		for p := range st.trans {
			for l := range st.trans[p] {
				if st.trans[p][l], err = f32(); err != nil {
					return bad("transitions", err)
				}
			}
		}
		scale, err := f32()
		if err != nil || !(scale > 0) || math.IsInf(float64(scale), 0) {
			return bad("scale", err)
		}
		st.scale = scale
		rows, err := binary.ReadUvarint(br)
		if err != nil || rows > 1<<m.bits {
			return bad("rows", err)
		}
		row := 0
		for range rows {
			d, err := binary.ReadUvarint(br)
			if err != nil || uint64(row)+d >= 1<<m.bits {
				return bad("row index", err)
			}
			row += int(d)
			for l := range nLabels {
				if _, err := io.ReadFull(br, b4[:2]); err != nil {
					return bad("weights", err)
				}
				st.q[row*rowWidth+l] = int16(binary.LittleEndian.Uint16(b4[:2]))
			}
		}
		m.stages[s] = st
	}
	// Nothing may follow the model.
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = errors.New("data after the model")
		}
		return nil, fmt.Errorf("quote model: %w", err)
	}
	return m, nil
}
