package ner

// FNV-1a, 64 bits: feature keys are hashes of a template number and the
// feature's strings, computed without allocating.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type hasher uint64

func newHasher() hasher { return fnvOffset }

func (h *hasher) byte(b byte) {
	*h = hasher((uint64(*h) ^ uint64(b)) * fnvPrime)
}

func (h *hasher) str(s string) {
	x := uint64(*h)
	for i := 0; i < len(s); i++ {
		x = (x ^ uint64(s[i])) * fnvPrime
	}
	*h = hasher(x)
}

func (h *hasher) u32(v uint32) {
	x := uint64(*h)
	for range 4 {
		x = (x ^ uint64(v&0xff)) * fnvPrime
		v >>= 8
	}
	*h = hasher(x)
}

// sum returns the hash, never 0 (0 marks an empty slot in the tables).
func (h hasher) sum() uint64 {
	x := uint64(h)
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x | 1
}

func key(t byte, s string) uint64 {
	h := newHasher()
	h.byte(t)
	h.str(s)
	return h.sum()
}

func key2(t byte, a, b string) uint64 {
	h := newHasher()
	h.byte(t)
	h.str(a)
	h.byte(0)
	h.str(b)
	return h.sum()
}

func key3(t byte, a, b, c string) uint64 {
	h := newHasher()
	h.byte(t)
	h.str(a)
	h.byte(0)
	h.str(b)
	h.byte(0)
	h.str(c)
	return h.sum()
}

func keyN(t byte, v uint32) uint64 {
	h := newHasher()
	h.byte(t)
	h.u32(v)
	return h.sum()
}

func keyNS(t byte, v uint32, s string) uint64 {
	h := newHasher()
	h.byte(t)
	h.u32(v)
	h.str(s)
	return h.sum()
}
