package tag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/linear"
)

// FNV-1a over bytes.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashBytes(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashString(s string) uint64 { return hashBytes(fnvOffset, s) }

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hashLower hashes s with ASCII letters lowercased.
func hashLower(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(lowerByte(s[i]))
		h *= fnvPrime
	}
	return h
}

// word holds the per-token values the feature templates combine.
type word struct {
	lower uint64    // lowercased form (numbers: their shape)
	exact uint64    // the form as written
	shape uint64    // Xx, d.d, x-x ...
	suf   [5]uint64 // lowercased suffixes of 1 to 5 bytes (0: word too short)
	pre   [4]uint64 // lowercased prefixes of 1 to 4 bytes
	ambig uint64    // the set of classes seen with the form; 0 unknown
	// lowAmbig is the ambiguity class of the lowercased form of a
	// capitalised word (0: not capitalised or unknown lowercased): a
	// capitalised word that is a common noun or verb in lowercase is
	// rarely a proper noun.
	lowAmbig   uint64
	flags      uint64 // bit 0 capitalised, 1 all caps, 2 digit, 3 hyphen, 4 non-ASCII
	sure       int    // the class of a frequent unambiguous word, else -1
	lex        *lexWord
	cl, cm, cc uint64 // fine, mid and coarse word cluster (0: none)
	// ext: the model reads extTemplates. titleAmbig is then the
	// ambiguity class of the capitalised form of a word that starts with
	// a lowercase ASCII letter (0: other or unknown), caps the bucket of
	// the share of capitalised words in the word's sentence (set per
	// sentence by markSentence), and alpha whether the word has a letter.
	ext        bool
	alpha      bool
	caps       uint8
	titleAmbig uint64
}

const (
	flagCap = 1 << iota
	flagAllCaps
	flagDigit
	flagHyphen
	flagNonASCII
)

// analyse fills w for the form s.
func (m *Model) analyse(s string, w *word) {
	*w = word{sure: -1}
	var shape uint64 = fnvOffset
	var last rune = -1
	upper, lower := 0, 0
	for i, r := range s {
		var c rune
		switch {
		case r >= '0' && r <= '9':
			c = 'd'
			w.flags |= flagDigit
		case r < utf8.RuneSelf && r >= 'a' && r <= 'z':
			c = 'x'
			lower++
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z':
			c = 'X'
			upper++
			if i == 0 {
				w.flags |= flagCap
			}
		case r >= utf8.RuneSelf:
			w.flags |= flagNonASCII
			switch {
			case unicode.IsUpper(r):
				c = 'X'
				upper++
				if i == 0 {
					w.flags |= flagCap
				}
			case unicode.IsLetter(r):
				c = 'x'
				lower++
			default:
				c = r
			}
		default:
			c = r
			if r == '-' {
				w.flags |= flagHyphen
			}
		}
		if c != last {
			shape ^= uint64(c)
			shape *= fnvPrime
			last = c
		}
	}
	if upper > 1 && lower == 0 {
		w.flags |= flagAllCaps
	}
	w.shape = shape
	w.exact = hashString(s)
	if w.flags&flagDigit != 0 {
		w.lower = shape ^ 0x5bd1e995
	} else {
		w.lower = hashLower(s)
	}
	n := len(s)
	for k := 1; k <= len(w.suf); k++ {
		if k <= n {
			w.suf[k-1] = hashLower(s[n-k:])
		}
		if k <= len(w.pre) && k <= n {
			w.pre[k-1] = hashLower(s[:k])
		}
	}
	c := m.clusters.Lookup(s)
	w.cl, w.cm, w.cc = uint64(c.Fine), uint64(c.Mid), uint64(c.Coarse)
	if lw, ok := m.lex[s]; ok {
		w.lex = lw
		w.ambig = lw.ambig
		w.sure = int(lw.sure)
	}
	if w.flags&flagCap != 0 {
		if lw, ok := m.lex[strings.ToLower(s)]; ok {
			w.lowAmbig = lw.ambig
		}
	}
	if m.version >= latestVersion {
		w.ext, w.alpha = true, upper+lower > 0
		if s != "" && 'a' <= s[0] && s[0] <= 'z' {
			if lw, ok := m.lex[string(s[0]-'a'+'A')+s[1:]]; ok {
				w.titleAmbig = lw.ambig
			}
		}
	}
}

// markSentence sets caps in the words of a sentence (with extTemplates):
// the share, in buckets of a quarter, of the words with a letter after
// the first that are capitalised (0: none has a letter): headlines and
// titles capitalise common nouns.
func markSentence(ws []word) {
	if len(ws) == 0 || !ws[0].ext {
		return
	}
	alpha, capd := 0, 0
	for i := 1; i < len(ws); i++ {
		if ws[i].alpha {
			alpha++
			if ws[i].flags&flagCap != 0 {
				capd++
			}
		}
	}
	b := uint8(0)
	if alpha > 0 {
		b = 1 + uint8(min(3, 4*capd/alpha))
	}
	for i := range ws {
		ws[i].caps = b
	}
}

// Feature templates.
const (
	fBias = iota
	fWord
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fShape
	fFlags
	fFlagsFirst
	fPrev
	fPrev2
	fPrevPrev2
	fPrevWord
	fPrevWordW
	fPrev2WordW
	fPrevSuf3
	fNextWord
	fNextSuf3
	fNext2Word
	fAmbig
	fNextAmbig
	fNext2Ambig
	fPrevAmbigNext
	fWordNextWord
	fPrevWordPair
	fPrevShape
	fNextShape
	fPrev2Word
	fExact
	fPrevSuf
	fNextPre
	fAmbigWord
	fClus
	fClusMid
	fClusCoarse
	fPrevClus
	fNextClus
	fNext2Clus
	fClusNextClus
	fPrevTagClus
	fSuf3Clus
	fSuf5
	fPre4
	fLowAmbig
	nTemplates
)

// features writes the feature keys of position i of ws into keys, given the
// classes already chosen for positions before i: those of wordFeatures,
// which the tagger caches per form, and those of contextFeatures.
func features(ws []word, tags []int, i int, keys []uint64) []uint64 {
	return contextFeatures(ws, tags, i, wordFeatures(&ws[i], keys[:0]))
}

// wordFeatures appends the keys of the templates of features that read
// only the word itself (its form, affixes, shape, flags, ambiguity class
// and clusters): the same for every occurrence of a form, so the tagger
// sums their weights once per form (scratch.wordSums).
func wordFeatures(w *word, keys []uint64) []uint64 {
	keys = append(keys,
		linear.Mix(fBias, 0, 0, 0),
		linear.Mix(fWord, w.lower, 0, 0),
		linear.Mix(fSuf1, w.suf[0], 0, 0),
		linear.Mix(fSuf2, w.suf[1], 0, 0),
		linear.Mix(fSuf3, w.suf[2], 0, 0),
		linear.Mix(fSuf4, w.suf[3], 0, 0),
		linear.Mix(fPre1, w.pre[0], 0, 0),
		linear.Mix(fPre2, w.pre[1], 0, 0),
		linear.Mix(fPre3, w.pre[2], 0, 0),
		linear.Mix(fShape, w.shape, 0, 0),
		linear.Mix(fFlags, w.flags, 0, 0),
		linear.Mix(fAmbig, w.ambig, 0, 0),
		linear.Mix(fExact, w.exact, 0, 0),
		linear.Mix(fClus, w.cl, 0, 0),
		linear.Mix(fClusMid, w.cm, 0, 0),
		linear.Mix(fClusCoarse, w.cc, 0, 0),
		linear.Mix(fSuf3Clus, w.suf[2], w.cm, 0),
		linear.Mix(fSuf5, w.suf[4], 0, 0),
		linear.Mix(fPre4, w.pre[3], 0, 0),
	)
	if w.flags&flagCap != 0 {
		keys = append(keys, linear.Mix(fLowAmbig, w.lowAmbig, 0, 0))
	}
	if w.ext && w.titleAmbig != 0 {
		keys = append(keys, linear.Mix(fTitleAmbig, w.titleAmbig, 0, 0))
	}
	return keys
}

// contextFeatures appends the keys of the other templates of features:
// those that read the neighbours, the tags before i or the position.
func contextFeatures(ws []word, tags []int, i int, keys []uint64) []uint64 {
	w := &ws[i]
	const none = 0xFFFF
	prev, prev2 := uint64(none), uint64(none)
	var prevW, prev2W, prevSuf3, prevShape uint64 = 1, 1, 1, 1
	if i > 0 {
		prev = uint64(tags[i-1])
		prevW, prevSuf3, prevShape = ws[i-1].lower, ws[i-1].suf[2], ws[i-1].shape
	}
	if i > 1 {
		prev2 = uint64(tags[i-2])
		prev2W = ws[i-2].lower
	}
	var nextW, next2W, nextSuf3, nextAmbig, next2Ambig, nextShape, nextPre uint64 = 2, 2, 2, 2, 2, 2, 2
	var prevCl, nextCl, next2Cl uint64 = 1, 2, 2
	if i > 0 {
		prevCl = ws[i-1].cl
	}
	if i+1 < len(ws) {
		n := &ws[i+1]
		nextW, nextSuf3, nextAmbig, nextShape, nextPre = n.lower, n.suf[2], n.ambig, n.shape, n.pre[0]
		nextCl = n.cl
	}
	if i+2 < len(ws) {
		next2W, next2Ambig = ws[i+2].lower, ws[i+2].ambig
		next2Cl = ws[i+2].cl
	}
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	keys = append(keys,
		linear.Mix(fFlagsFirst, w.flags, first, 0),
		linear.Mix(fPrev, prev, 0, 0),
		linear.Mix(fPrev2, prev2, 0, 0),
		linear.Mix(fPrevPrev2, prev, prev2, 0),
		linear.Mix(fPrevWord, prevW, 0, 0),
		linear.Mix(fPrevWordW, prev, w.lower, 0),
		linear.Mix(fPrev2WordW, prev2, prev, w.lower),
		linear.Mix(fPrevSuf3, prevSuf3, 0, 0),
		linear.Mix(fNextWord, nextW, 0, 0),
		linear.Mix(fNextSuf3, nextSuf3, 0, 0),
		linear.Mix(fNext2Word, next2W, 0, 0),
		linear.Mix(fNextAmbig, nextAmbig, 0, 0),
		linear.Mix(fNext2Ambig, nextAmbig, next2Ambig, 0),
		linear.Mix(fPrevAmbigNext, prev, w.ambig, nextAmbig),
		linear.Mix(fWordNextWord, w.lower, nextW, 0),
		linear.Mix(fPrevWordPair, prevW, w.lower, 0),
		linear.Mix(fPrevShape, prevShape, w.shape, 0),
		linear.Mix(fNextShape, w.shape, nextShape, 0),
		linear.Mix(fPrev2Word, prev2W, 0, 0),
		linear.Mix(fPrevSuf, prev, w.suf[2], 0),
		linear.Mix(fNextPre, nextPre, 0, 0),
		linear.Mix(fAmbigWord, w.lower, nextAmbig, 0),
		linear.Mix(fPrevClus, prevCl, 0, 0),
		linear.Mix(fNextClus, nextCl, 0, 0),
		linear.Mix(fNext2Clus, next2Cl, 0, 0),
		linear.Mix(fClusNextClus, w.cl, nextCl, 0),
		linear.Mix(fPrevTagClus, prev, w.cl, 0),
	)
	return sentenceFeatures(w, keys)
}

// sentenceFeatures appends the keys of the templates that read the word
// with its sentence (extTemplates only).
func sentenceFeatures(w *word, keys []uint64) []uint64 {
	if !w.ext {
		return keys
	}
	return append(keys, linear.Mix(fCapsSent, uint64(w.caps), w.flags&(flagCap|flagAllCaps), w.lowAmbig))
}

// The roles a word plays in the features of a position: its own keys
// (which the tagger sums once per distinct form, scratch.prepare), and
// those it brings as a neighbour. The keys of the roles of a word and of
// the two words on each side, of pairFeatures and of tagFeatures, with
// FlagsFirst at the first word, make the keys of features
// (TestSplitFeatures).
const (
	roleSelf  = iota // wordFeatures, and FlagsFirst away from the first word
	rolePrev         // as the word before: PrevWord, PrevSuf3, PrevClus
	rolePrev2        // two before: Prev2Word
	roleNext         // the word after: NextWord, NextSuf3, NextAmbig, NextPre, NextClus
	roleNext2        // two after: Next2Word, Next2Clus
	nRoles
)

// Sentinel words: what contextFeatures reads before the first word (bos)
// and after the last (eos), as words that roleFeatures can read.
func bosWord() word { return word{lower: 1, suf: [5]uint64{2: 1}, shape: 1, cl: 1, sure: -1} }
func eosWord() word {
	return word{lower: 2, suf: [5]uint64{2: 2}, ambig: 2, shape: 2, pre: [4]uint64{0: 2}, cl: 2, sure: -1}
}

// flagsFirst is the key of FlagsFirst for w at the first position or not.
func flagsFirst(w *word, first bool) uint64 {
	f := uint64(0)
	if first {
		f = 1
	}
	return linear.Mix(fFlagsFirst, w.flags, f, 0)
}

// roleFeatures appends the keys of the templates that read w in role r.
func roleFeatures(w *word, r int, keys []uint64) []uint64 {
	switch r {
	case roleSelf:
		return append(wordFeatures(w, keys), flagsFirst(w, false))
	case rolePrev:
		return append(keys,
			linear.Mix(fPrevWord, w.lower, 0, 0),
			linear.Mix(fPrevSuf3, w.suf[2], 0, 0),
			linear.Mix(fPrevClus, w.cl, 0, 0))
	case rolePrev2:
		return append(keys, linear.Mix(fPrev2Word, w.lower, 0, 0))
	case roleNext:
		return append(keys,
			linear.Mix(fNextWord, w.lower, 0, 0),
			linear.Mix(fNextSuf3, w.suf[2], 0, 0),
			linear.Mix(fNextAmbig, w.ambig, 0, 0),
			linear.Mix(fNextPre, w.pre[0], 0, 0),
			linear.Mix(fNextClus, w.cl, 0, 0))
	case roleNext2:
		return append(keys,
			linear.Mix(fNext2Word, w.lower, 0, 0),
			linear.Mix(fNext2Clus, w.cl, 0, 0))
	}
	return keys
}

// pairFeatures appends the keys of the templates of contextFeatures that
// read the word with a neighbour, not the tags: with the roles and
// tagFeatures, the keys of contextFeatures (FlagsFirst at the first word
// is the caller's).
func pairFeatures(ws []word, i int, keys []uint64) []uint64 {
	w := &ws[i]
	var prevW, prevShape uint64 = 1, 1
	if i > 0 {
		prevW, prevShape = ws[i-1].lower, ws[i-1].shape
	}
	var nextW, nextAmbig, next2Ambig, nextShape, nextCl uint64 = 2, 2, 2, 2, 2
	if i+1 < len(ws) {
		n := &ws[i+1]
		nextW, nextAmbig, nextShape, nextCl = n.lower, n.ambig, n.shape, n.cl
	}
	if i+2 < len(ws) {
		next2Ambig = ws[i+2].ambig
	}
	keys = append(keys,
		linear.Mix(fNext2Ambig, nextAmbig, next2Ambig, 0),
		linear.Mix(fWordNextWord, w.lower, nextW, 0),
		linear.Mix(fPrevWordPair, prevW, w.lower, 0),
		linear.Mix(fPrevShape, prevShape, w.shape, 0),
		linear.Mix(fNextShape, w.shape, nextShape, 0),
		linear.Mix(fAmbigWord, w.lower, nextAmbig, 0),
		linear.Mix(fClusNextClus, w.cl, nextCl, 0),
	)
	return sentenceFeatures(w, keys)
}

// tagFeatures appends the keys of the templates of contextFeatures that
// read the tags before i: those of tagOnlyFeatures, which the tagger sums
// once per pair of tags (scratch.tagRow), and those of tagWordFeatures.
func tagFeatures(ws []word, tags []int, i int, keys []uint64) []uint64 {
	prev, prev2 := prevTags(tags, i)
	return tagWordFeatures(ws, tags, i, tagOnlyFeatures(prev, prev2, keys))
}

// noTag is the tag value of the tags before the first word.
const noTag = 0xFFFF

// prevTags returns the tags of the two words before i, noTag before the
// first word.
func prevTags(tags []int, i int) (prev, prev2 uint64) {
	prev, prev2 = noTag, noTag
	if i > 0 {
		prev = uint64(tags[i-1])
	}
	if i > 1 {
		prev2 = uint64(tags[i-2])
	}
	return prev, prev2
}

// tagOnlyFeatures appends the keys of the templates of tagFeatures that
// read only the two tags before the word.
func tagOnlyFeatures(prev, prev2 uint64, keys []uint64) []uint64 {
	return append(keys,
		linear.Mix(fPrev, prev, 0, 0),
		linear.Mix(fPrev2, prev2, 0, 0),
		linear.Mix(fPrevPrev2, prev, prev2, 0),
	)
}

// tagWordFeatures appends the keys of the templates of tagFeatures that
// read the tags before i with the word.
func tagWordFeatures(ws []word, tags []int, i int, keys []uint64) []uint64 {
	w := &ws[i]
	prev, prev2 := prevTags(tags, i)
	nextAmbig := uint64(2)
	if i+1 < len(ws) {
		nextAmbig = ws[i+1].ambig
	}
	return append(keys,
		linear.Mix(fPrevWordW, prev, w.lower, 0),
		linear.Mix(fPrev2WordW, prev2, prev, w.lower),
		linear.Mix(fPrevAmbigNext, prev, w.ambig, nextAmbig),
		linear.Mix(fPrevSuf, prev, w.suf[2], 0),
		linear.Mix(fPrevTagClus, prev, w.cl, 0),
	)
}

// extTemplates: the templates of the models of latestVersion (word.ext),
// numbered after those of the second stage.
const (
	fTitleAmbig = 64 + iota // the capitalised form's ambiguity class of a lowercase word
	fCapsSent               // the sentence's share of capitalised words, the word's case and lowAmbig
)

// Templates of the second stage.
const (
	fNextTag = nTemplates + iota
	fNextTags
	fWordNextTag
	fPrevNextTag
	fFirstTag
	fAmbigNextTag
	fSufNextTag
	fFirstPrevNext
	fRightOwn
	fRightOwnFirst
	fRightNext
	fRightNexts
	fWordRightNext
	fRightOwnNext
)

// secondFeatures appends to keys the features of the second stage: the
// first-stage tags of the word and of the two words after it and, when
// right is not nil, the tags the right-to-left pass gave the same words.
func secondFeatures(ws []word, first, right []int, i int, keys []uint64) []uint64 {
	if right != nil {
		const none = 0xFFFF
		r0, r1, r2 := uint64(right[i]), uint64(none), uint64(none)
		if i+1 < len(right) {
			r1 = uint64(right[i+1])
		}
		if i+2 < len(right) {
			r2 = uint64(right[i+2])
		}
		keys = append(keys,
			linear.Mix(fRightOwn, r0, 0, 0),
			linear.Mix(fRightOwnFirst, r0, uint64(first[i]), 0),
			linear.Mix(fRightNext, r1, 0, 0),
			linear.Mix(fRightNexts, r1, r2, 0),
			linear.Mix(fWordRightNext, ws[i].lower, r1, 0),
			linear.Mix(fRightOwnNext, r0, r1, 0),
		)
	}
	const none = 0xFFFF
	n1, n2 := uint64(none), uint64(none)
	if i+1 < len(first) {
		n1 = uint64(first[i+1])
	}
	if i+2 < len(first) {
		n2 = uint64(first[i+2])
	}
	prev := uint64(none)
	if i > 0 {
		prev = uint64(first[i-1])
	}
	w := &ws[i]
	own := uint64(first[i])
	return append(keys,
		linear.Mix(fNextTag, n1, 0, 0),
		linear.Mix(fNextTags, n1, n2, 0),
		linear.Mix(fWordNextTag, w.lower, n1, 0),
		linear.Mix(fPrevNextTag, prev, n1, 0),
		linear.Mix(fFirstTag, own, 0, 0),
		linear.Mix(fAmbigNextTag, w.ambig, n1, 0),
		linear.Mix(fSufNextTag, w.suf[2], n1, 0),
		linear.Mix(fFirstPrevNext, prev, own, n1),
	)
}
