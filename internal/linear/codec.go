package linear

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// Encoder writes the primitive values of a model file. Its first write
// error sticks: later writes do nothing and Err (or Flush) reports it.
type Encoder struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

// NewEncoder returns an encoder writing to w.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: bufio.NewWriterSize(w, 1<<16)} }

func (e *Encoder) write(p []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(p)
	}
}

// Uvarint writes x as an unsigned varint.
func (e *Encoder) Uvarint(x uint64) { e.write(e.buf[:binary.PutUvarint(e.buf[:], x)]) }

// Varint writes x as a signed varint.
func (e *Encoder) Varint(x int64) { e.write(e.buf[:binary.PutVarint(e.buf[:], x)]) }

// Float32 writes x as 4 little-endian bytes.
func (e *Encoder) Float32(x float32) {
	binary.LittleEndian.PutUint32(e.buf[:4], math.Float32bits(x))
	e.write(e.buf[:4])
}

// String writes s with its length.
func (e *Encoder) String(s string) {
	e.Uvarint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// Raw writes s as is (a magic header).
func (e *Encoder) Raw(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// Err returns the first write error.
func (e *Encoder) Err() error { return e.err }

// Flush writes buffered data and returns the first error.
func (e *Encoder) Flush() error {
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

// Decoder reads what an Encoder wrote, from memory. Its first error
// sticks: later reads return zero values and Err reports the error, wrapped
// in ErrCorrupt with the byte offset.
type Decoder struct {
	b   []byte
	off int
	err error
}

// MaxModel is the largest (uncompressed) model NewDecoder reads.
const MaxModel = 1 << 30

// NewDecoder reads all of r (at most MaxModel bytes) and returns a decoder
// over it; a read error becomes the decoder's error.
func NewDecoder(r io.Reader) *Decoder {
	b, err := io.ReadAll(io.LimitReader(r, MaxModel+1))
	if err != nil {
		return &Decoder{b: b, err: fmt.Errorf("%w: %w", ErrCorrupt, err)}
	}
	return DecoderOf(b)
}

// DecoderOf returns a decoder over b, an uncompressed model (Unpack's
// result), which it reads in place.
func DecoderOf(b []byte) *Decoder {
	d := &Decoder{b: b}
	if len(b) > MaxModel {
		d.Fail("model larger than %d bytes", MaxModel)
	}
	return d
}

// Fail records a decoding problem at the current offset (if none is
// recorded yet) and returns the decoder's error.
func (d *Decoder) Fail(format string, args ...any) error {
	if d.err == nil {
		d.err = fmt.Errorf("%w: byte %d: %s", ErrCorrupt, d.off, fmt.Sprintf(format, args...))
	}
	return d.err
}

// Err returns the first error.
func (d *Decoder) Err() error { return d.err }

// Uvarint reads an unsigned varint.
func (d *Decoder) Uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	if d.off < len(d.b) && d.b[d.off] < 0x80 { // one byte, the usual case
		d.off++
		return uint64(d.b[d.off-1])
	}
	x, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.Fail("bad or truncated varint")
		return 0
	}
	d.off += n
	return x
}

// Count reads an unsigned varint that must not exceed limit.
func (d *Decoder) Count(limit uint64, what string) int {
	x := d.Uvarint()
	if x > limit {
		d.Fail("%d %s (at most %d)", x, what, limit)
		return 0
	}
	return int(x)
}

// Varint reads a signed varint.
func (d *Decoder) Varint() int64 {
	if d.err != nil {
		return 0
	}
	if d.off < len(d.b) && d.b[d.off] < 0x80 { // one byte
		u := uint64(d.b[d.off])
		d.off++
		return int64(u>>1) ^ -int64(u&1)
	}
	x, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.Fail("bad or truncated varint")
		return 0
	}
	d.off += n
	return x
}

// bytes returns the next n bytes.
func (d *Decoder) bytes(n uint64) []byte {
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)-d.off) {
		d.Fail("truncated: %d bytes wanted, %d left", n, len(d.b)-d.off)
		return nil
	}
	b := d.b[d.off : d.off+int(n)]
	d.off += int(n)
	return b
}

// Float32 reads 4 little-endian bytes.
func (d *Decoder) Float32() float32 {
	b := d.bytes(4)
	if b == nil {
		return 0
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(b))
}

// MaxString is the longest string a Decoder accepts.
const MaxString = 1 << 20

// String reads a string written by Encoder.String.
func (d *Decoder) String() string {
	n := d.Uvarint()
	if n > MaxString {
		d.Fail("string of %d bytes", n)
	}
	return string(d.bytes(n))
}

// Expect reads len(s) bytes and fails unless they are s (a magic header).
func (d *Decoder) Expect(s string) {
	b := d.bytes(uint64(len(s)))
	if d.err == nil && string(b) != s {
		d.Fail("bad header %q, want %q", b, s)
	}
}

// End fails unless all the input was read.
func (d *Decoder) End() error {
	if d.err == nil && d.off != len(d.b) {
		d.Fail("%d bytes of trailing data", len(d.b)-d.off)
	}
	return d.err
}

// WriteTo writes the weights: the class count, the feature count, the
// scale, then the features in ascending key order (key deltas), each with
// its (class, weight) pairs.
func (w *Weights) WriteTo(e *Encoder) {
	n := 0
	w.each(func(_ uint64, run []uint32) {
		if len(run) > 0 {
			n++
		}
	})
	e.Uvarint(uint64(w.nclass))
	e.Uvarint(uint64(n))
	e.Float32(w.scale)
	prev := uint64(0)
	w.each(func(k uint64, run []uint32) {
		if len(run) == 0 {
			return
		}
		e.Uvarint(k - prev)
		prev = k
		e.Uvarint(uint64(len(run)))
		for _, x := range run {
			e.Uvarint(uint64(x >> 16))
			e.Varint(int64(int16(uint16(x))))
		}
	})
}

// Limits of ReadWeights.
const (
	MaxClasses  = 1 << 15
	MaxFeatures = 1 << 26
)

// ReadWeights reads weights written by WriteTo.
func ReadWeights(d *Decoder) (*Weights, error) {
	nclass := d.Uvarint()
	n := d.Uvarint()
	if d.err == nil && (nclass == 0 || nclass > MaxClasses || n > MaxFeatures) {
		return nil, d.Fail("%d classes, %d features", nclass, n)
	}
	scale := d.Float32()
	if d.err != nil {
		return nil, d.err
	}
	if !(scale > 0) || math.IsInf(float64(scale), 0) {
		return nil, d.Fail("weight scale %v", scale)
	}
	b := newBuilder(int(nclass), int(min(n, 1<<20)), scale)
	var cls []uint16
	var q []int16
	key := uint64(0)
	for f := range n {
		delta := d.Uvarint()
		m := d.Uvarint()
		if d.err != nil {
			return nil, d.err
		}
		if delta == 0 && f == 0 || key+delta < key || m == 0 || m > nclass {
			return nil, d.Fail("feature %d: key delta %d, %d weights", f, delta, m)
		}
		if delta != 0 && len(cls) > 0 {
			b.add(key, cls, q)
			cls, q = cls[:0], q[:0]
		}
		key += delta
		// A feature's classes are distinct; only a repeated key (older
		// files) adds to classes it has already.
		repeat := len(cls) > 0
		for range m {
			c := d.Uvarint()
			v := d.Varint()
			if d.err != nil {
				return nil, d.err
			}
			if c >= nclass || v < -math.MaxInt16 || v > math.MaxInt16 {
				return nil, d.Fail("feature %d: class %d of %d, weight %d", f, c, nclass, v)
			}
			if repeat {
				cls, q = addWeight(cls, q, uint16(c), int16(v))
			} else {
				cls, q = append(cls, uint16(c)), append(q, int16(v))
			}
		}
	}
	b.add(key, cls, q)
	return b.build(), nil
}

// addWeight adds weight v for class c to a run, summing (and saturating)
// when the class is already there: files written before Average merged
// colliding truncated keys repeat a key (a zero delta) instead.
func addWeight(cls []uint16, q []int16, c uint16, v int16) ([]uint16, []int16) {
	for i, x := range cls {
		if x == c {
			q[i] = int16(max(-math.MaxInt16, min(math.MaxInt16, int(q[i])+int(v))))
			return cls, q
		}
	}
	return append(cls, c), append(q, v)
}
