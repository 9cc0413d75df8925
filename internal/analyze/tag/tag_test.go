package tag

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/conllu"
	"github.com/dateline-news/dateline/internal/linear"
	"github.com/dateline-news/dateline/internal/repotest"
)

func load(t testing.TB) *Tagger {
	t.Helper()
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// doc splits text on spaces into tokens, one sentence per line.
func doc(text string) *dateline.Document {
	d := &dateline.Document{Text: text}
	start := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		first := int32(len(d.Tokens))
		pos := start
		for _, f := range strings.FieldsFunc(line, unicode.IsSpace) {
			i := strings.Index(text[pos:], f) + pos
			d.Tokens = append(d.Tokens, dateline.Token{Span: dateline.Span{Start: int32(i), End: int32(i + len(f))}, Head: -1})
			pos = i + len(f)
		}
		if int32(len(d.Tokens)) > first {
			d.Sentences = append(d.Sentences, dateline.Sentence{
				Span:   dateline.Span{Start: int32(start), End: int32(start + len(strings.TrimRight(line, "\n")))},
				Tokens: [2]int32{first, int32(len(d.Tokens))},
			})
		}
		start += len(line)
	}
	return d
}

func TestTags(t *testing.T) {
	tg := load(t)
	for _, tc := range []struct {
		sentence string
		want     string // word/UPOS/XPOS/lemma, "_" to skip a field
	}{
		{"Trump met Putin in Alaska on Friday .", "Trump/PROPN/NNP/Trump met/VERB/VBD/meet Putin/PROPN/NNP/Putin in/ADP/IN/in Alaska/PROPN/NNP/_ on/ADP/IN/on Friday/PROPN/NNP/Friday ./PUNCT/./."},
		{"The talks ended without a deal .", "The/DET/DT/the talks/NOUN/NNS/talk ended/VERB/VBD/end without/ADP/IN/_ a/DET/DT/a deal/NOUN/NN/deal ./PUNCT/./."},
		{"Russian forces were shelling Kyiv ’s suburbs .", "Russian/ADJ/JJ/Russian forces/NOUN/NNS/force were/AUX/VBD/be shelling/VERB/VBG/shell Kyiv/PROPN/NNP/Kyiv ’s/PART/POS/_ suburbs/NOUN/NNS/suburb ./PUNCT/./."},
		{"“ We will not give up , ” Zelenskyy said .", "“/PUNCT/``/_ We/PRON/PRP/we will/AUX/MD/will not/PART/RB/not give/VERB/VB/give up/ADP/RP/up ,/PUNCT/,/, ”/PUNCT/''/_ Zelenskyy/PROPN/NNP/Zelenskyy said/VERB/VBD/say ./PUNCT/./."},
		{"She has visited 12 countries since 2019 .", "She/PRON/PRP/she has/AUX/VBZ/have visited/VERB/VBN/visit 12/NUM/CD/12 countries/NOUN/NNS/country since/ADP/IN/since 2019/NUM/CD/2019 ./PUNCT/./."},
		{"The summit was quickly arranged .", "The/DET/DT/the summit/NOUN/NN/summit was/AUX/VBD/be quickly/ADV/RB/quickly arranged/VERB/VBN/arrange ./PUNCT/./."},
	} {
		words := strings.Fields(tc.sentence)
		got := tg.Model().Tag(words, nil)
		for i, w := range strings.Fields(tc.want) {
			f := strings.Split(w, "/")
			if len(f) != 4 && strings.HasPrefix(w, "./") { // the full stop's fields contain slashes of their own
				f = []string{".", "PUNCT", ".", "."}
			}
			g := got[i]
			for j, pair := range [][2]string{{f[1], g.UPOS}, {f[2], g.XPOS}, {f[3], g.Lemma}} {
				if pair[0] != "_" && pair[0] != pair[1] {
					t.Errorf("%q word %d %q: field %d = %q, want %q", tc.sentence, i, words[i], j+1, pair[1], pair[0])
				}
			}
		}
	}
}

func TestRunDocument(t *testing.T) {
	tg := load(t)
	d := doc("“We’re ready to talk,” Zelenskyy said – again.\nPutin didn’t answer.\n")
	if err := tg.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for i, tok := range d.Tokens {
		if !tok.Span.Valid(len(d.Text)) || !utf8.ValidString(tok.Span.In(d.Text)) {
			t.Errorf("token %d span %v invalid", i, tok.Span)
		}
		if tok.UPOS == "" || tok.XPOS == "" || tok.Lemma == "" {
			t.Errorf("token %d %q untagged: %+v", i, tok.Span.In(d.Text), tok)
		}
	}
	if len(d.Diags) != 0 {
		t.Errorf("diagnostics %v", d.Diags)
	}
}

// TestRunKeepsCache tags documents one after another and at once with
// one tagger, whose word caches outlive each document, and checks the
// tags are those of a new tagger per document.
func TestRunKeepsCache(t *testing.T) {
	tg := load(t)
	texts := []string{
		"“We’re ready to talk,” Zelenskyy said – again.\nPutin didn’t answer.\n",
		"Talks resumed in Kyiv on Friday .\nThe talks , officials said , failed again .\n",
		"Putin said the talks failed .\nZelenskyy didn’t talk again .\n",
	}
	tags := func(tg *Tagger, text string) string {
		d := doc(text)
		if err := tg.Run(context.Background(), d); err != nil {
			t.Error(err)
		}
		var b strings.Builder
		for _, tok := range d.Tokens {
			fmt.Fprintf(&b, "%s/%s/%s ", tok.UPOS, tok.XPOS, tok.Lemma)
		}
		return b.String()
	}
	want := make([]string, len(texts))
	for i, text := range texts {
		want[i] = tags(New(tg.Model()), text)
	}
	for range 2 {
		for i, text := range texts {
			if got := tags(tg, text); got != want[i] {
				t.Errorf("document %d: tags %s, want %s", i, got, want[i])
			}
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, text := range texts {
				if got := tags(tg, text); got != want[i] {
					t.Errorf("concurrent, document %d: tags %s, want %s", i, got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

func TestRunWithoutSentences(t *testing.T) {
	tg := load(t)
	d := doc("Hello there")
	d.Sentences = nil
	if err := tg.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Diags) != 1 || d.Tokens[0].UPOS != "" {
		t.Errorf("diags %v, token %+v", d.Diags, d.Tokens[0])
	}
	d = doc("Hello there")
	d.Sentences[0].Tokens = [2]int32{0, 9}
	if err := tg.Run(context.Background(), d); err != nil || len(d.Diags) != 1 {
		t.Errorf("bad token range: err %v diags %v", err, d.Diags)
	}
}

func TestLemmaRules(t *testing.T) {
	for _, tc := range []struct{ form, lemma, want string }{
		{"walked", "walk", "walked"},
		{"Walked", "walk", "Walked"},
		{"studies", "study", "studies"},
		{"NATO", "NATO", "NATO"},
	} {
		r := ruleFor(tc.form, tc.lemma)
		if got := r.apply(tc.form); got != tc.lemma {
			t.Errorf("rule %+v on %q = %q, want %q", r, tc.form, got, tc.lemma)
		}
	}
	tg := load(t)
	for _, tc := range []struct{ word, lemma string }{
		{"zorbled", "zorble"}, {"blickets", "blicket"}, {"frobnicating", "frobnicate"},
	} {
		// unseen words: the suffix rules decide
		got := tg.Model().Tag([]string{"They", tc.word, "."}, nil)
		if got[1].Lemma != tc.lemma && got[1].Lemma != strings.TrimSuffix(tc.lemma, "e") {
			t.Logf("%s -> %s/%s (want %s)", tc.word, got[1].XPOS, got[1].Lemma, tc.lemma)
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	tg := load(t)
	var buf bytes.Buffer
	if _, err := tg.Model().WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("Officials in Washington said the deal was unlikely .")
	a, b := tg.Model().Tag(words, nil), m.Tag(words, nil)
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("word %d: %+v after round trip, want %+v", i, b[i], a[i])
		}
	}
	// corrupt inputs fail cleanly
	for _, cut := range []int{0, 10, len(buf.Bytes()) / 2} {
		if _, err := ReadModel(bytes.NewReader(buf.Bytes()[:cut])); err == nil {
			t.Errorf("model cut at %d read without error", cut)
		}
	}
}

func TestLoadTime(t *testing.T) {
	start := time.Now()
	load(t)
	el := time.Since(start)
	t.Logf("load %v", el)
	if el > 2*time.Second { // the budget is 200 ms; this only catches gross regressions on a busy machine
		t.Errorf("load took %v", el)
	}
}

func FuzzTag(f *testing.F) {
	tg, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	tiny := tinyModel(f) // the latest feature set
	f.Add("Trump met Putin in Alaska .")
	f.Add("“ ’ – \xff\xfe 2.5% $1.2bn U.S.")
	f.Add("kyiv SAID Talks  failed")
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		words = append(words, "") // Tag takes empty words too
		for _, m := range []*Model{tg.Model(), tiny} {
			got := m.Tag(words, nil)
			if len(got) != len(words) {
				t.Fatalf("%d tags for %d words", len(got), len(words))
			}
			for _, g := range got {
				if g.UPOS == "" || g.XPOS == "" {
					t.Fatalf("empty tag %+v", g)
				}
			}
		}
	})
}

const benchText = "Trump and Putin met in Anchorage on Friday for talks that ended without a deal on Ukraine, " +
	"officials said, as Russian forces pressed their offensive in the east and Kyiv’s allies in Europe warned " +
	"that any agreement reached without Zelenskyy would not hold.\n"

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTag(b *testing.B) {
	tg := load(b)
	d := doc(strings.Repeat(benchText, 50))
	ctx := context.Background()
	n := 0
	for b.Loop() {
		if err := tg.Run(ctx, d); err != nil {
			b.Fatal(err)
		}
		n += len(d.Tokens)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

// tinyModel trains a small model on the hand-written sentences of
// testdata/tiny.conllu, with two clusters.
func tinyModel(t testing.TB) *Model {
	t.Helper()
	sents, err := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	cl, err := linear.ReadClusterText(strings.NewReader("#dateline-clusters v1\n=0 0 0\n=1 0 0\nsaid\t0\nfailed\t0\nkyiv\t1\n"), 0)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Train(context.Background(), sents, sents, TrainOptions{Epochs: 3, Seed: 1, Clusters: cl, TwoStage: true, RightToLeft: true, Folds: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainTiny(t *testing.T) {
	m := tinyModel(t)
	sents, _ := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if s := m.Evaluate(sents); s.UPOS < 0.9 || s.Tokens != 19 {
		t.Errorf("tiny model on its training data: %+v", s)
	}
	if m.version != latestVersion {
		t.Errorf("trained model of version %d, want %d", m.version, latestVersion)
	}
	if m.clusters.Len() != 3 || m.w2 == nil || m.wr == nil {
		t.Errorf("model keeps %d cluster words (want 3), second stage %v, right-to-left %v", m.clusters.Len(), m.w2 != nil, m.wr != nil)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := m.Evaluate(sents), r.Evaluate(sents); a != b {
		t.Errorf("scores %+v after a round trip, want %+v", b, a)
	}
}

// FuzzReadModel feeds the decoder (behind the compression) arbitrary
// model bytes.
func FuzzReadModel(f *testing.F) {
	var buf bytes.Buffer
	if _, err := tinyModel(f).WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	raw, err := linear.Unpack(&buf)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte(magicPrefix + "4\n"))
	f.Add([]byte(magicPrefix + "3\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := readModel(linear.NewDecoder(bytes.NewReader(b)))
		if err != nil {
			if !errors.Is(err, linear.ErrCorrupt) {
				t.Fatalf("error %v is not ErrCorrupt", err)
			}
			return
		}
		m.Tag([]string{"Officials", "said", "–", "Kyiv’s", ""}, nil)
	})
}

// TestSplitFeatures checks that the keys of the roles of a word and its
// neighbours, pairFeatures and tagFeatures are those of features (which
// training uses), and that the prepared sums plus those of tagFeatures
// score as features does, at every position and in every stage.
func TestSplitFeatures(t *testing.T) {
	for _, m := range []*Model{load(t).Model(), tinyModel(t)} {
		t.Run(fmt.Sprintf("version %d", m.version), func(t *testing.T) { testSplitFeatures(t, m) })
	}
}

func testSplitFeatures(t *testing.T, m *Model) {
	for _, text := range []string{
		"The 2.5% rise in Kyiv’s prices – “unexpected,” said Mr. O’Neill on Jan. 3 .",
		"Officials", "Kyiv said", "“ Talks –", "the talks said the talks",
		"Talks In Kyiv Failed Again", "kyiv said talks failed",
	} {
		words := strings.Fields(text)
		var sc scratch
		n := len(words)
		ws := make([]word, n)
		tids := make([]int32, n)
		tags := make([]int, n)
		right := make([]int, n)
		pos := make([]int, n)
		for i, s := range words {
			tids[i] = sc.typeOf(m, s)
			m.analyse(s, &ws[i])
			if sc.tws[tids[i]] != ws[i] {
				t.Fatalf("cached analysis of %q differs", s)
			}
			tags[i] = (7 * i) % m.Classes()
			right[i] = (5*i + 3) % m.Classes()
			pos[i] = i
		}
		markSentence(ws)
		at := func(j int) *word { return &sc.tws[typeAt(tids, j)] }
		for i := range ws {
			want := features(ws, tags, i, nil)
			got := roleFeatures(&ws[i], roleSelf, nil)
			if i == 0 {
				got[len(got)-1] = flagsFirst(&ws[0], true)
			}
			got = roleFeatures(at(i-1), rolePrev, got)
			got = roleFeatures(at(i-2), rolePrev2, got)
			got = roleFeatures(at(i+1), roleNext, got)
			got = roleFeatures(at(i+2), roleNext2, got)
			got = pairFeatures(ws, i, got)
			got = tagFeatures(ws, tags, i, got)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("%q, word %d: split keys differ from features", text, i)
			}
		}
		for st, w := range []*linear.Weights{m.w, m.w2, m.wr} {
			if w == nil {
				continue
			}
			var extra func(int, []uint64) []uint64
			if st == 1 {
				extra = func(i int, keys []uint64) []uint64 { return secondFeatures(ws, tags, right, i, keys) }
			}
			// Every position and every third (whose tags before are
			// fixed), twice: with the role rows computed, then cached.
			var third []int
			for i := 0; i < n; i += 3 {
				third = append(third, i)
			}
			for round, pos := range [][]int{pos, pos, third, third} {
				if round == 1 {
					// Words seen often enough have their role sums
					// cached, the others not.
					for t := range sc.seen {
						sc.seen[t] = uint32(t % (minSeenRoles + 1))
					}
				}
				sc.prepare(w, st, ws, tids, pos, extra)
				for k, i := range pos {
					keys := features(ws, tags, i, nil)
					if extra != nil {
						keys = extra(i, keys)
					}
					want := make([]float32, m.Classes())
					w.Score(keys, want)
					got := sc.sums(w, st, ws, tags, k, i)
					for c := range want {
						if float32(got[c]) != want[c] {
							t.Fatalf("%q, stage %d, word %d: class %d scores %d, want %v", text, st+1, i, c, got[c], want[c])
						}
					}
				}
			}
		}
	}
}

// TestAnalyse checks the affixes and the lowercased form's ambiguity class
// that analyse gives a word, on multi-byte forms too.
func TestAnalyse(t *testing.T) {
	m := &Model{lex: map[string]*lexWord{
		"talks": {sure: -1, ambig: 42},
		"Talks": {sure: -1, ambig: 7},
		"état":  {sure: -1, ambig: 9},
	}}
	for _, tc := range []struct {
		form     string
		ambig    uint64
		lowAmbig uint64
		suf5     string // "" for none
		pre4     string
	}{
		{"talks", 42, 0, "talks", "talk"},
		{"Talks", 7, 42, "talks", "talk"},
		{"TALKS", 0, 42, "talks", "talk"},
		{"Kyiv", 0, 0, "", "kyiv"},
		{"tal", 0, 0, "", ""},
		{"État", 0, 9, "État", "Éta"},  // affixes are bytes; hashes lowercase only ASCII
		{"“Talks”", 0, 0, "ks”", "“T"}, // not capitalised: it starts with a quote
	} {
		var w word
		m.analyse(tc.form, &w)
		if w.ambig != tc.ambig || w.lowAmbig != tc.lowAmbig {
			t.Errorf("%q: ambig %d, lowAmbig %d; want %d, %d", tc.form, w.ambig, w.lowAmbig, tc.ambig, tc.lowAmbig)
		}
		var suf5, pre4 uint64
		if tc.suf5 != "" {
			suf5 = hashLower(tc.suf5)
		}
		if tc.pre4 != "" {
			pre4 = hashLower(tc.pre4)
		}
		if w.suf[4] != suf5 || w.pre[3] != pre4 {
			t.Errorf("%q: suffix 5 or prefix 4 wrong (want %q, %q)", tc.form, tc.suf5, tc.pre4)
		}
	}
}

// TestCacheOverflow tags sentences whose distinct words overflow the word
// cache with one scratch, as Tagger.Run does, and checks the tags are
// those of a fresh scratch per sentence.
func TestCacheOverflow(t *testing.T) {
	m := load(t).Model()
	base := strings.Fields("Officials said the 12 talks in Kyiv failed , and she walked home .")
	var shared scratch
	for s := range 3 {
		var words []string
		for i := range maxTypes / 2 {
			words = append(words, base[i%len(base)], fmt.Sprintf("Zorb%dling%d", s, i))
		}
		got := m.tag(words, nil, &shared)
		var fresh scratch
		want := m.tag(words, nil, &fresh)
		if !slices.Equal(got, want) {
			t.Fatalf("sentence %d: tags with a shared, overflowing cache differ", s)
		}
		if s == 0 {
			// Evicting keeps the frequent words with their sums.
			nc := m.Classes()
			rows := map[string][]int32{}
			for _, w := range []string{"Officials", "said", "talks", "Kyiv"} {
				rows[w] = cachedRows(&shared, shared.types[w])
				if shared.stages[0].self[shared.types[w]] < 0 || len(rows[w]) < 2*nc {
					t.Fatalf("%q: %d sums cached, want its own and some of its roles'", w, len(rows[w]))
				}
			}
			shared.evict(nc)
			for w, want := range rows {
				id, ok := shared.types[w]
				if !ok || !slices.Equal(cachedRows(&shared, id), want) {
					t.Errorf("%q evicted or without its sums", w)
				}
			}
			continue
		}
		// The frequent words stayed, with their sums.
		if len(shared.tws) > maxTypes/4+2+maxTypes/2 {
			t.Fatalf("sentence %d: %d words cached", s, len(shared.tws))
		}
		for _, w := range []string{"Officials", "said", "Kyiv", "failed"} {
			id, ok := shared.types[w]
			if !ok || shared.stages[0].self[id] < 0 {
				t.Errorf("sentence %d: %q evicted or without its sums", s, w)
			}
		}
	}
}

// TestResetFirst empties a new scratch's cache before its first use, as
// BenchmarkTagUD does, then between sentences.
func TestResetFirst(t *testing.T) {
	m := load(t).Model()
	words := strings.Fields("Officials in Kyiv said the talks failed .")
	want := m.Tag(words, nil)
	var sc scratch
	for range 2 {
		sc.reset()
		if got := m.tag(words, nil, &sc); !slices.Equal(got, want) {
			t.Errorf("tags %v after reset, want %v", got, want)
		}
	}
}

// cachedRows returns the first-stage sums cached for type t: its own,
// then those of each neighbour role cached.
func cachedRows(sc *scratch, t int32) []int32 {
	c := &sc.stages[0]
	var sums []int32
	if c.self[t] >= 0 {
		sums = append(sums, c.selfRows.row(c.self[t])...)
	}
	for r := range c.role {
		if o := c.role[r][t]; o >= 0 {
			for _, x := range c.roleRows.row(o) {
				sums = append(sums, int32(x))
			}
		}
	}
	return sums
}

// TestTagRight checks that the right-to-left pass is the first-stage
// tagger with its weights run over the reversed sentence, and that scoring
// only some words keeps their order and takes the given tags elsewhere.
func TestTagRight(t *testing.T) {
	m := load(t).Model()
	if m.wr == nil {
		t.Skip("no right-to-left pass")
	}
	words := strings.Fields("Officials in Kyiv said the talks – “ unexpected , ” she said – failed again on Friday .")
	var sc scratch
	ws, tids := make([]word, len(words)), make([]int32, len(words))
	for i, s := range words {
		tids[i] = sc.typeOf(m, s)
		ws[i] = sc.tws[tids[i]]
	}
	all := slices.Clone(m.tagRight(ws, tids, nil, nil, &sc))
	rev := *m
	rev.w, rev.w2, rev.wr = m.wr, nil, nil
	rw := slices.Clone(words)
	slices.Reverse(rw)
	want := rev.Tag(rw, nil)
	slices.Reverse(want)
	for i, c := range all {
		if m.classes[c] != want[i].UPOS+"\t"+want[i].XPOS {
			t.Errorf("word %d %q: right-to-left tag %q, reversed tagger %s/%s", i, words[i], m.classes[c], want[i].UPOS, want[i].XPOS)
		}
	}
	first := make([]int, len(words)) // class 0 everywhere
	for from := range len(words) {
		need := make([]bool, len(words))
		for p := from; p < len(words); p++ {
			need[p] = true
		}
		if got := m.tagRight(ws, tids, first, need, &sc); !slices.Equal(got[from:], all[from:]) {
			t.Errorf("need from %d: tags %v, want %v", from, got[from:], all[from:])
		}
		need = make([]bool, len(words))
		need[from] = true
		got := m.tagRight(ws, tids, first, need, &sc)
		for p := from + 1; p < len(words); p++ {
			if ws[p].sure < 0 && got[p] != 0 || ws[p].sure >= 0 && got[p] != ws[p].sure {
				t.Errorf("word %d not needed: tag %d, want first's or its sure tag", p, got[p])
			}
		}
	}
}

// udDev reads EWT dev from ../shared/data beside the repository root (the
// directory holding go.mod), or skips.
func udDev(t testing.TB) []conllu.Sentence {
	t.Helper()
	sents, err := conllu.ReadFile(repotest.SharedData(t, "ud", "en_ewt-ud-dev.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

// BenchmarkTagUD tags the sentences of EWT dev (varied text, unlike
// BenchmarkTag's repeated paragraph), with a word cache per 50 sentences
// as for a news article.
func BenchmarkTagUD(b *testing.B) {
	m := load(b).Model()
	var sents [][]string
	for _, s := range udDev(b) {
		var w []string
		for _, t := range s.Tokens {
			w = append(w, t.Form)
		}
		sents = append(sents, w)
	}
	n := 0
	var out []Tagged
	var sc scratch
	for b.Loop() {
		for i, s := range sents {
			if i%50 == 0 {
				sc.reset()
			}
			out = m.tag(s, out[:0], &sc)
			n += len(s)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTagStream tags EWT dev as a stream of documents of 40
// sentences, each pass with a new tagger: the word caches carry from one
// document to the next, never from one pass to the next, as for a stream
// of news that does not repeat.
func BenchmarkTagStream(b *testing.B) {
	m := load(b).Model()
	var docs []*dateline.Document
	var text strings.Builder
	tokens := 0
	for i, s := range udDev(b) {
		for j, t := range s.Tokens {
			if j > 0 {
				text.WriteByte(' ')
			}
			text.WriteString(t.Form)
		}
		text.WriteByte('\n')
		tokens += len(s.Tokens)
		if i%40 == 39 {
			docs = append(docs, doc(text.String()))
			text.Reset()
		}
	}
	ctx := context.Background()
	n := 0
	cpu0 := repotest.CPUTime()
	for b.Loop() {
		tg := New(m)
		for _, d := range docs {
			if err := tg.Run(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
		n++
	}
	b.ReportMetric(float64(n*tokens)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := repotest.CPUTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n*tokens)/cpu.Seconds(), "tokens/cpu-s")
	}
}
