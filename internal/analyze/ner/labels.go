package ner

// The model predicts BILOU labels over the four CoNLL types: label 0 is O,
// and type t (0..3) has labels 1+4t (B), 2+4t (I), 3+4t (L), 4+4t (U).
const (
	numTypes  = 4
	numLabels = 1 + 4*numTypes
)

var typeNames = [numTypes]string{CoNLLPer, CoNLLOrg, CoNLLLoc, CoNLLMisc}

const (
	posB = iota
	posI
	posL
	posU
)

func label(typ, pos int) int { return 1 + 4*typ + pos }

func labelType(l int) int { return (l - 1) / 4 }
func labelPos(l int) int  { return (l - 1) % 4 }

func typeIndex(s string) int {
	for i, n := range typeNames {
		if n == s {
			return i
		}
	}
	return -1
}

// chunksToLabels writes chunks as BILOU labels; chunks of unknown types are
// dropped.
func chunksToLabels(chunks []Chunk, n int, out []int) []int {
	out = out[:0]
	for range n {
		out = append(out, 0)
	}
	for _, c := range chunks {
		t := typeIndex(c.Type)
		if t < 0 || c.Start < 0 || c.End > n || c.Start >= c.End {
			continue
		}
		if c.End-c.Start == 1 {
			out[c.Start] = label(t, posU)
			continue
		}
		out[c.Start] = label(t, posB)
		for i := c.Start + 1; i < c.End-1; i++ {
			out[i] = label(t, posI)
		}
		out[c.End-1] = label(t, posL)
	}
	return out
}

// labelsToChunks decodes a BILOU sequence (valid by construction of the
// decoder; tolerant otherwise).
func labelsToChunks(ls []int) []Chunk {
	var out []Chunk
	start, typ := -1, -1
	for i, l := range ls {
		if l == 0 {
			start = -1
			continue
		}
		t, p := labelType(l), labelPos(l)
		switch p {
		case posU:
			out = append(out, Chunk{i, i + 1, typeNames[t]})
			start = -1
		case posB:
			start, typ = i, t
		case posI:
			if start < 0 || typ != t {
				start, typ = i, t
			}
		case posL:
			if start < 0 || typ != t {
				start = i
			}
			out = append(out, Chunk{start, i + 1, typeNames[t]})
			start = -1
		}
	}
	return out
}

// allowed[prev][cur] says whether BILOU permits cur after prev; prev ==
// numLabels stands for the sentence start, and cur == numLabels for its end.
func allowedTransition(prev, cur int) bool {
	prevOpen := prev != numLabels && prev != 0 && (labelPos(prev) == posB || labelPos(prev) == posI)
	if cur == numLabels {
		return !prevOpen
	}
	if cur == 0 {
		return !prevOpen
	}
	t, p := labelType(cur), labelPos(cur)
	switch p {
	case posB, posU:
		return !prevOpen
	default: // I, L continue an open entity of the same type
		return prevOpen && labelType(prev) == t
	}
}
