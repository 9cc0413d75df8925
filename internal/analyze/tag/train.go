package tag

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/dateline-news/dateline/internal/conllu"

	"github.com/dateline-news/dateline/internal/linear"
)

// TrainOptions control training.
type TrainOptions struct {
	Epochs int    // passes over the training data (default 10)
	Seed   uint64 // shuffling seed
	// Prune drops averaged weights smaller than this in magnitude (default 0.5
	// on the perceptron's integer-step scale; a negative value keeps all).
	Prune float32
	// KeepLast keeps the model of the last epoch instead of the best on dev.
	KeepLast bool
	// Clusters gives the tagger word-cluster features (nil: none); the
	// model stores them.
	Clusters *linear.Clusters
	// TwoStage adds a second left-to-right pass that also sees the tags the
	// first pass gave the words to the right; Folds (default 5) is the
	// number of jackknife folds that tag its training data.
	TwoStage bool
	Folds    int
	// RightToLeft (with TwoStage) also trains a right-to-left first pass,
	// whose tags of the word and of the two words after it the second
	// pass sees too.
	RightToLeft bool
	// Features is the version of the feature set (0: the latest; 3: the
	// templates before extTemplates, as the shipped model's).
	Features int
}

// Score is the accuracy of a model on gold sentences.
type Score struct {
	UPOS, XPOS, Lemma float64
	Tokens            int
}

// Train trains a tagger on train, scoring each epoch on dev (which may be
// empty) and calling progress (which may be nil) after each epoch. Unless
// KeepLast is set it returns the model of the epoch with the best dev UPOS.
// With TwoStage, a second stage is trained after the first on the
// first-stage (and with RightToLeft, right-to-left) tags of the training
// data, jackknifed in Folds folds.
func Train(ctx context.Context, train, dev []conllu.Sentence, opt TrainOptions, progress func(epoch int, dev Score)) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.Prune == 0 {
		opt.Prune = 0.5
	}
	if opt.Folds <= 1 {
		opt.Folds = 5
	}
	if len(train) == 0 {
		return nil, errors.New("tag: no training sentences")
	}
	switch opt.Features {
	case 0:
		opt.Features = latestVersion
	case oldVersion, latestVersion:
	default:
		return nil, fmt.Errorf("tag: feature set %d, want %d or %d", opt.Features, oldVersion, latestVersion)
	}
	m := newModelFromData(train)
	m.version = opt.Features
	m.clusters = opt.Clusters
	data := m.sentences(train)
	best, err := m.trainStage(ctx, data, nil, nil, dev, opt, 0, progress)
	if err != nil || !opt.TwoStage {
		return best, err
	}
	var right [][]int
	if opt.RightToLeft {
		rm, err := m.trainRight(ctx, data, opt)
		if err != nil {
			return nil, err
		}
		best.wr = rm.wr
		right = make([][]int, len(data))
	}
	// First-stage (and right-to-left) tags of every training sentence from
	// models that did not see it.
	first := make([][]int, len(data))
	for f := range opt.Folds {
		var rest []conllu.Sentence
		for i, s := range train {
			if i%opt.Folds != f {
				rest = append(rest, s)
			}
		}
		fm := newModelFromData(rest)
		fm.version = opt.Features
		fm.clusters = opt.Clusters
		fo := opt
		fo.KeepLast = true
		fdata := fm.sentences(rest)
		fm, err := fm.trainStage(ctx, fdata, nil, nil, nil, fo, 0, nil)
		if err != nil {
			return nil, err
		}
		var scr scratch
		for i := f; i < len(train); i += opt.Folds {
			fm.tag(data[i].words, nil, &scr)
			// classes are numbered by the full model
			first[i] = make([]int, len(data[i].words))
			for j, c := range scr.tags[:len(data[i].words)] {
				first[i][j] = slices.Index(best.classes, fm.classes[c])
			}
		}
		if !opt.RightToLeft {
			continue
		}
		rm, err := fm.trainRight(ctx, fdata, fo)
		if err != nil {
			return nil, err
		}
		for i := f; i < len(train); i += opt.Folds {
			n := len(data[i].words)
			ws, tids := make([]word, n), make([]int32, n)
			for j, w := range data[i].words {
				tids[j] = scr.typeOf(rm, w)
				ws[j] = scr.tws[tids[j]]
			}
			markSentence(ws)
			right[i] = make([]int, n)
			for j, c := range rm.tagRight(ws, tids, nil, nil, &scr) {
				right[i][j] = slices.Index(best.classes, rm.classes[c])
			}
		}
	}
	best2, err := best.trainStage(ctx, data, first, right, dev, opt, opt.Epochs, progress)
	if err != nil {
		return nil, err
	}
	if !opt.KeepLast && len(dev) > 0 && best.Evaluate(dev).UPOS > best2.Evaluate(dev).UPOS {
		return best, nil // the second stage did not help
	}
	return best2, nil
}

// trainRight trains a right-to-left first stage on data (the sentences
// of m) for opt.Epochs epochs and returns a copy of m with it as wr.
func (m *Model) trainRight(ctx context.Context, data []sent, opt TrainOptions) (*Model, error) {
	rev := make([]sent, len(data))
	for i, s := range data {
		rev[i] = sent{words: slices.Clone(s.words), gold: slices.Clone(s.gold)}
		slices.Reverse(rev[i].words)
		slices.Reverse(rev[i].gold)
	}
	o := opt
	o.KeepLast = true
	o.Seed += 7
	rm, err := m.trainStage(ctx, rev, nil, nil, nil, o, 0, nil)
	if err != nil {
		return nil, err
	}
	rm.wr, rm.w = rm.w, m.w
	return rm, nil
}

// sent is one training sentence: its words and gold classes.
type sent struct {
	words []string
	gold  []int
}

func (m *Model) sentences(train []conllu.Sentence) []sent {
	cls := map[string]int{}
	for i, c := range m.classes {
		cls[c] = i
	}
	data := make([]sent, 0, len(train))
	for _, s := range train {
		st := sent{}
		for _, t := range s.Tokens {
			st.words = append(st.words, t.Form)
			st.gold = append(st.gold, cls[t.UPOS+"\t"+t.XPOS])
		}
		data = append(data, st)
	}
	return data
}

// trainStage trains the first stage of m (first == nil) or its second
// stage, which also sees the first-stage tags first, and returns a copy of
// m with the best (or last) weights.
func (m *Model) trainStage(ctx context.Context, data []sent, first, right [][]int, dev []conllu.Sentence, opt TrainOptions, epoch0 int, progress func(epoch int, dev Score)) (*Model, error) {
	tr := linear.NewTrainer(len(m.classes))
	seed := opt.Seed
	if first != nil {
		seed++
	}
	rng := rand.New(rand.NewPCG(seed, 0x7a67))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var ws []word
	var tags []int
	var keys []uint64
	scores := make([]float32, len(m.classes))
	var best *Model
	bestScore := -1.0
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for k, idx := range order {
			if k%256 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			s := &data[idx]
			ws = slices.Grow(ws[:0], len(s.words))[:len(s.words)]
			tags = slices.Grow(tags[:0], len(s.words))[:len(s.words)]
			for i, w := range s.words {
				m.analyse(w, &ws[i])
			}
			markSentence(ws)
			for i := range ws {
				if ws[i].sure >= 0 {
					tags[i] = ws[i].sure
					continue
				}
				keys = features(ws, tags, i, keys)
				if first != nil {
					var r []int
					if right != nil {
						r = right[idx]
					}
					keys = secondFeatures(ws, first[idx], r, i, keys)
				}
				clear(scores)
				tr.Score(keys, scores)
				pred := argmax(scores)
				tr.Tick()
				if g := s.gold[i]; pred != g {
					tr.Update(keys, g, 1)
					tr.Update(keys, pred, -1)
				}
				tags[i] = pred
			}
		}
		snap := *m
		if first == nil {
			snap.w, snap.w2 = tr.Average(opt.Prune), nil
		} else {
			snap.w2 = tr.Average(opt.Prune)
		}
		sc := snap.Evaluate(dev)
		if progress != nil {
			progress(epoch0+epoch, sc)
		}
		if opt.KeepLast || len(dev) == 0 || sc.UPOS > bestScore || best == nil {
			best, bestScore = &snap, sc.UPOS
		}
	}
	return best, nil
}

func argmax(scores []float32) int {
	best := 0
	for c, s := range scores {
		if s > scores[best] {
			best = c
		}
	}
	return best
}

// Evaluate tags gold sentences and returns the accuracies.
func (m *Model) Evaluate(gold []conllu.Sentence) Score {
	var sc Score
	var u, x, l int
	var words []string
	var out []Tagged
	var scr scratch
	for _, s := range gold {
		words = words[:0]
		for _, t := range s.Tokens {
			words = append(words, t.Form)
		}
		out = m.tag(words, out[:0], &scr)
		for i, t := range s.Tokens {
			sc.Tokens++
			if out[i].UPOS == t.UPOS {
				u++
			}
			if out[i].XPOS == t.XPOS {
				x++
			}
			if out[i].Lemma == t.Lemma {
				l++
			}
		}
	}
	if sc.Tokens > 0 {
		n := float64(sc.Tokens)
		sc.UPOS, sc.XPOS, sc.Lemma = float64(u)/n, float64(x)/n, float64(l)/n
	}
	return sc
}

// Lexicon thresholds.
const (
	sureMinCount = 20    // a word is tagged from the lexicon when seen this often
	sureMinShare = 0.995 // ... with one class this often
	ambigMin     = 3     // words seen less often get no ambiguity class
	ambigShare   = 0.05  // classes rarer than this for a word are not in its class set
	maxSuffix    = 5     // longest suffix keying lemma rules
)

// newModelFromData builds the classes, the lexicon and the lemma rules.
func newModelFromData(train []conllu.Sentence) *Model {
	classCount := map[string]int{}
	type formTag struct {
		form string
		cls  string
	}
	formCount := map[string]map[string]int{}
	lemmaCount := map[formTag]map[string]int{}
	featsCount := map[formTag]map[string]int{}
	classFeats := map[string]map[string]int{}
	inc := func(m map[string]int, k string) { m[k]++ }
	for _, s := range train {
		for _, t := range s.Tokens {
			c := t.UPOS + "\t" + t.XPOS
			classCount[c]++
			if formCount[t.Form] == nil {
				formCount[t.Form] = map[string]int{}
			}
			inc(formCount[t.Form], c)
			ft := formTag{t.Form, c}
			if lemmaCount[ft] == nil {
				lemmaCount[ft] = map[string]int{}
				featsCount[ft] = map[string]int{}
			}
			inc(lemmaCount[ft], t.Lemma)
			inc(featsCount[ft], t.Feats)
			if classFeats[c] == nil {
				classFeats[c] = map[string]int{}
			}
			inc(classFeats[c], t.Feats)
		}
	}
	m := &Model{version: latestVersion, maxSuffix: maxSuffix}
	m.classes = sortedKeys(classCount)
	cls := map[string]int{}
	for i, c := range m.classes {
		cls[c] = i
		u, x, _ := strings.Cut(c, "\t")
		m.upos = append(m.upos, u)
		m.xpos = append(m.xpos, x)
		m.feats = append(m.feats, mostFrequent(classFeats[c]))
	}
	m.lex = make(map[string]*lexWord, len(formCount))
	for form, counts := range formCount {
		total := 0
		for _, n := range counts {
			total += n
		}
		lw := &lexWord{sure: -1}
		var set []int
		for c, n := range counts {
			if float64(n)/float64(total) >= ambigShare {
				set = append(set, cls[c])
			}
			if total >= sureMinCount && float64(n)/float64(total) >= sureMinShare {
				lw.sure = int16(cls[c])
			}
		}
		if total >= ambigMin {
			sort.Ints(set)
			h := uint64(fnvOffset)
			for _, c := range set {
				h = (h ^ uint64(c+1)) * fnvPrime
			}
			lw.ambig = h
		}
		for _, c := range sortedKeys(counts) {
			ft := formTag{form, c}
			lw.tags = append(lw.tags, lexTag{cls: uint16(cls[c]), lemma: mostFrequent(lemmaCount[ft]), feats: mostFrequent(featsCount[ft])})
		}
		m.lex[form] = lw
	}
	m.lowerLex = make(map[string]*lexWord)
	m.buildLowerLex()
	// Lemma rules from every (form, class) type, keyed by class and the
	// lowercased suffix of the form; the most frequent rule wins.
	type ruleKey struct {
		cls int
		suf string
	}
	ruleCount := map[ruleKey]map[lemmaRule]int{}
	for ft, lemmas := range lemmaCount {
		lemma := mostFrequent(lemmas)
		r := ruleFor(ft.form, lemma)
		lf := strings.ToLower(ft.form)
		if len(lf) != len(ft.form) {
			continue
		}
		for k := 0; k <= min(maxSuffix, len(lf)); k++ {
			key := ruleKey{cls[ft.cls], lf[len(lf)-k:]}
			if ruleCount[key] == nil {
				ruleCount[key] = map[lemmaRule]int{}
			}
			ruleCount[key][r]++
		}
	}
	m.rules = make([]map[string]lemmaRule, len(m.classes))
	for i := range m.rules {
		m.rules[i] = map[string]lemmaRule{}
	}
	for key, counts := range ruleCount {
		best, bn, total := lemmaRule{}, -1, 0
		for r, n := range counts {
			total += n
			if n > bn || n == bn && ruleLess(r, best) {
				best, bn = r, n
			}
		}
		// Keep a rule for a long suffix only when it is well attested.
		if len(key.suf) > 0 && total < 2 {
			continue
		}
		m.rules[key.cls][key.suf] = best
	}
	return m
}

func ruleLess(a, b lemmaRule) bool {
	if a.strip != b.strip {
		return a.strip < b.strip
	}
	if a.add != b.add {
		return a.add < b.add
	}
	return !a.lower && b.lower
}

// ruleFor finds the rewrite that turns form into lemma, preferring the one
// that keeps the case when both work.
func ruleFor(form, lemma string) lemmaRule {
	exact := rewrite(form, lemma)
	lower := rewrite(strings.ToLower(form), lemma)
	lower.lower = true
	if lower.strip < exact.strip {
		return lower
	}
	return exact
}

func rewrite(form, lemma string) lemmaRule {
	p := 0
	for p < len(form) && p < len(lemma) && form[p] == lemma[p] {
		p++
	}
	return lemmaRule{strip: uint8(min(len(form)-p, 255)), add: lemma[p:]}
}

func mostFrequent(m map[string]int) string {
	best, bn := "", -1
	for k, n := range m {
		if n > bn || n == bn && k < best {
			best, bn = k, n
		}
	}
	if best == "_" {
		return ""
	}
	return best
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare)
	return keys
}
