package event

// Mending the sentence's local view of the parse. Two parsers (or one on
// two similar sentences) disagree most where English is ambiguous only
// locally: which conjunct a coordinated verb joins, whether a word between
// a subject and a noun is a verb or a modifier, which word of a list is the
// root. The coder reads events off predicates and their subjects, so each
// mend below puts the predicate back on top when the tree shows, by a
// shape English does not allow, that the parser lost it:
//
//   - a finite verb with a subject of its own taken for a modifier, a
//     conjunct or an appositive of the noun before it: a relative clause
//     ("allies, who have provided support");
//   - a verb or adjective taken for a modifier of a noun that holds its
//     clause (the noun has the auxiliary: "it would free prisoners" with
//     "free" an amod of "prisoners"; the noun is the root and the
//     modifier a finite verb after a name: "The US presented evidence");
//   - a nominal root without a copula whose verb hangs below it (as a
//     conjunct: "The US, Russia, and Switzerland met" rooted at "US"; or
//     as a clause on its subject: "The group al-Shabab is claiming
//     responsibility" rooted at "responsibility");
//   - a finite verb with its own subject parsed as the clausal subject of
//     a later predicate ("He had implied Ukraine was to blame" with
//     "implied" a subject of "blame");
//   - a conjunct verb hung inside a complement clause when it repeats the
//     form of the verb above that clause ("He had implied X was to blame,
//     and had called him a dictator": "had called" joins "had implied").
//
// Only the sentence's local view changes, never the document. Every
// reattachment keeps the tree a tree (no head inside the token's own
// subtree) and the children sorted.

// nominalTag reports whether a universal tag heads a noun phrase.
func nominalTag(upos string) bool {
	return upos == "NOUN" || upos == "PROPN" || upos == "PRON"
}

// finiteTag reports whether a PTB tag is a finite verb form.
func finiteTag(xpos string) bool {
	return xpos == "VBD" || xpos == "VBZ" || xpos == "VBP" || xpos == "MD"
}

// mend applies the mends to the sentence's local view (kids built).
func (s *scratch) mend() {
	for x := 0; x < s.n; x++ {
		switch s.dep[x] {
		case "amod":
			s.mendModifierVerb(x)
		case "conj", "appos", "acl", "parataxis":
			s.mendRelative(x)
		}
	}
	for r := 0; r < s.n; r++ {
		if s.head[r] < 0 {
			s.mendNominalRoot(r)
		}
	}
	for x := 0; x < s.n; x++ {
		if s.dep[x] == "nsubj:outer" || s.dep[x] == "csubj" {
			s.mendClauseSubject(x)
		}
	}
	for v := 0; v < s.n; v++ {
		if s.dep[v] == "conj" {
			s.mendParallelConj(v)
		}
	}
}

// mendClauseSubject makes finite verb x, parsed as the clausal subject of
// a later predicate h, the main verb with h its complement: a clause with
// a subject and a tense of its own and no complementiser is no subject
// ("He had implied Ukraine was to blame" with "implied" a subject of
// "blame"); x's object right before h is h's subject.
func (s *scratch) mendClauseSubject(x int) {
	h := s.head[x]
	if h <= x || s.upos(x) != "VERB" || !s.finiteClause(x) || s.hasKid(x, "mark") {
		return
	}
	for _, k := range s.kids[h] {
		if s.dep[k] == "nsubj" || s.dep[k] == "nsubj:pass" {
			return // h has a subject: x is its outer subject or a clause of its own
		}
	}
	subj := s.child(x, "nsubj")
	if subj < 0 || subj > x {
		return
	}
	obj := -1
	for _, k := range s.kids[x] {
		if k > x && k < h && (s.dep[k] == "obj" || s.dep[k] == "iobj") {
			obj = k
		}
	}
	if !s.reattach(x, s.head[h], s.dep[h]) {
		return
	}
	s.reattach(h, x, "ccomp")
	if obj >= 0 {
		s.reattach(obj, h, "nsubj")
	}
	// The root's other dependents before the clause (punctuation at the
	// end stays with whichever verb it hangs on).
	for i := 0; i < x; i++ {
		if s.head[i] == h {
			s.reattach(i, x, s.dep[i])
		}
	}
}

// reattach hangs token t from h with relation dep, keeping the children
// sorted; it refuses (false) when h is t or inside t's subtree.
func (s *scratch) reattach(t, h int, dep string) bool {
	if h == t || h >= s.n || t < 0 || t >= s.n {
		return false
	}
	for y, depth := h, 0; y >= 0; y, depth = s.head[y], depth+1 {
		if y == t || depth > s.n {
			return false
		}
	}
	if old := s.head[t]; old >= 0 {
		ks := s.kids[old]
		for i, k := range ks {
			if k == t {
				s.kids[old] = append(ks[:i], ks[i+1:]...)
				break
			}
		}
	}
	s.head[t], s.dep[t] = h, dep
	if h >= 0 {
		ks := append(s.kids[h], t)
		for i := len(ks) - 1; i > 0 && ks[i-1] > t; i-- {
			ks[i-1], ks[i] = ks[i], ks[i-1]
		}
		s.kids[h] = ks
	}
	return true
}

// hasKid reports whether i has a dependent with relation dep (base).
func (s *scratch) hasKid(i int, dep string) bool { return s.child(i, dep) >= 0 }

// clauseDepOf returns the relation a predicate takes when it replaces a
// nominal attached as d to head h: a clause under a verb ("announced it
// would free" parsed as an oblique of "announced") is its complement.
func (s *scratch) clauseDepOf(d string, h int) string {
	if h < 0 {
		return "root"
	}
	switch baseDep(d) {
	case "obj", "obl", "ccomp", "xcomp", "iobj", "nmod":
		if s.upos(h) == "VERB" {
			return "ccomp"
		}
	}
	return d
}

// mendRelative makes finite verb x after noun n a relative clause of n
// when its subject is a relative pronoun right after n's phrase ("allies,
// who have provided support" with "provided" a conjunct or an appositive
// of "allies").
func (s *scratch) mendRelative(x int) {
	n := s.head[x]
	if n < 0 || n > x || s.upos(x) != "VERB" || !nominalTag(s.upos(n)) || s.upos(n) == "PRON" || !s.finiteClause(x) {
		return
	}
	for _, k := range s.kids[x] {
		if k < x && s.dep[k] == "nsubj" && s.upos(k) == "PRON" && (s.lemma[k] == "who" || s.lemma[k] == "which" || s.lemma[k] == "that") {
			if _, last := s.subtree(n); k <= last+2 {
				s.dep[x] = "acl:relcl"
			}
			return
		}
	}
}

// mendModifierVerb puts modifier x of noun n on top of n's clause when the
// noun holds the clause: n has an auxiliary before x ("it would free
// prisoners"), or n is the root and x, right after a name, a finite verb
// or the sentence's only one ("The US presented evidence"). A noun with a copula is a predicate
// nominal ("it would be a free country") and stays.
func (s *scratch) mendModifierVerb(x int) {
	n := s.head[x]
	if n >= 0 && n < x && s.upos(x) == "VERB" && nominalTag(s.upos(n)) && s.hasKid(x, "nsubj") && s.finiteClause(x) {
		// A finite verb with its own subject after the noun is a relative
		// clause ("allies, who have provided support" with "provided" an
		// amod of "allies").
		s.dep[x] = "acl:relcl"
		return
	}
	if n <= x || !nominalTag(s.upos(n)) || s.upos(n) == "PRON" {
		return
	}
	switch s.upos(x) {
	case "VERB", "ADJ":
	default:
		return
	}
	if s.hasKid(n, "cop") {
		return
	}
	auxBefore := false
	for _, k := range s.kids[n] {
		if k < x && baseDep(s.dep[k]) == "aux" && s.upos(k) == "AUX" {
			auxBefore = true
		}
	}
	subj := -1 // a name right before x that is its subject
	if !auxBefore {
		if s.head[n] >= 0 || s.upos(x) != "VERB" || x == 0 || !finiteTag(s.xpos(x)) && !s.onlyVerb(x) {
			return
		}
		y := x - 1
		for y > 0 && s.dep[y] == "flat" && s.head[y] < y {
			y = s.head[y]
		}
		if s.upos(y) != "PROPN" && s.upos(y) != "PRON" || s.head[y] != x && s.head[y] != n {
			return
		}
		switch baseDep(s.dep[y]) {
		case "compound", "nsubj", "nmod", "amod":
		default:
			return
		}
		subj = y
	}
	h, d := s.head[n], s.dep[n]
	if !s.reattach(x, h, s.clauseDepOf(d, h)) {
		return
	}
	s.reattach(n, x, "obj")
	// What precedes x on n belongs to x's clause: the subject, auxiliaries,
	// adverbs, a marker; a determiner goes with the subject it opens.
	for i := 0; i < x; i++ {
		if s.head[i] != n && (subj < 0 || s.head[i] != x || i == subj) {
			continue
		}
		switch baseDep(s.dep[i]) {
		case "det", "amod", "compound", "nmod:poss":
			if subj >= 0 && i < subj {
				s.reattach(i, subj, s.dep[i])
			}
		case "nsubj", "aux", "advmod", "mark", "cc", "punct", "obl", "csubj":
			s.reattach(i, x, s.dep[i])
		}
	}
	if subj >= 0 {
		s.reattach(subj, x, "nsubj")
	}
}

// onlyVerb reports whether x is the sentence's only verb: with a nominal
// root, the sentence's predicate whatever its tag ("The US presented
// evidence" with "presented" a VBN).
func (s *scratch) onlyVerb(x int) bool {
	for i := 0; i < s.n; i++ {
		if i != x && (s.upos(i) == "VERB" || s.upos(i) == "AUX") {
			return false
		}
	}
	return true
}

// mendNominalRoot makes a verb below nominal root r the predicate: r
// without a copula has a verb conjunct after it, which r's list is the
// subject of ("The US, Russia, and Switzerland met" rooted at "US"; the
// verb's own subject, after only commas and a conjunction, is the list's
// last member); or r has a subject whose phrase holds a finite verb before
// r, which r is then the object of ("The group al-Shabab is claiming
// responsibility" rooted at "responsibility", "is claiming" a relative
// clause of "group"; the verb's own subject right after the group names
// it).
func (s *scratch) mendNominalRoot(r int) {
	if !nominalTag(s.upos(r)) || s.hasKid(r, "cop") || s.hasKid(r, "case") {
		return
	}
	// A verb conjunct after the root.
	for _, v := range s.kids[r] {
		if v < r || s.dep[v] != "conj" || s.upos(v) != "VERB" {
			continue
		}
		if s.hasKid(r, "nsubj") {
			return
		}
		subj := -1
		for _, k := range s.kids[v] {
			if k < v && (s.dep[k] == "nsubj" || s.dep[k] == "nsubj:pass") {
				subj = k
			}
		}
		if subj >= 0 && subj < r {
			return
		}
		if subj >= 0 && !s.listGap(r, subj) {
			return
		}
		rel := "nsubj"
		if subj >= 0 {
			rel = s.dep[subj] // the list is the subject of a passive too
		}
		if !s.reattach(v, -1, "root") {
			return
		}
		s.reattach(r, v, rel)
		if subj >= 0 {
			s.reattach(subj, r, "conj")
		}
		// The root's dependents after the verb are the verb's.
		for i := v + 1; i < s.n; i++ {
			if s.head[i] == r {
				s.reattach(i, v, s.dep[i])
			}
		}
		return
	}
	// A finite verb in the subject's phrase.
	g := -1
	for _, k := range s.kids[r] {
		if k < r && s.dep[k] == "nsubj" {
			g = k
		}
	}
	if g < 0 || s.upos(r) == "PRON" {
		return
	}
	v := -1
	for _, k := range s.kids[g] {
		if k > g && k < r && s.dep[k] == "acl:relcl" && s.upos(k) == "VERB" {
			v = k
		}
	}
	if v < 0 || !s.finiteClause(v) || s.child(v, "obj") >= 0 {
		return
	}
	for _, k := range s.kids[v] {
		if s.dep[k] == "mark" || s.upos(k) == "PRON" && k < v && s.dep[k] != "nsubj" || relativePronoun(s.lemma[k]) && k < v {
			return // a true relative clause ("the group that is claiming", "the claims he made")
		}
	}
	own := s.child(v, "nsubj")
	if own >= 0 {
		if _, last := s.subtree(g); own < g || own > last+2 || s.upos(own) != "PROPN" {
			return
		}
	}
	if !s.reattach(v, -1, "root") {
		return
	}
	s.reattach(r, v, "obj")
	for _, k := range s.kids[r] {
		if s.dep[k] == "obl" {
			s.dep[k] = "nmod" // a noun's phrases ("responsibility for the attack")
		}
	}
	s.reattach(g, v, "nsubj")
	if own >= 0 {
		s.reattach(own, g, "appos")
	}
	for i := 0; i < s.n; i++ {
		if s.head[i] == r && (i < v || s.dep[i] == "punct" && i == s.n-1) {
			s.reattach(i, v, s.dep[i])
		}
	}
}

// relativePronoun reports whether lemma opens a relative clause.
func relativePronoun(lemma string) bool {
	switch lemma {
	case "who", "whom", "whose", "which", "that", "where", "when":
		return true
	}
	return false
}

// finiteClause reports whether verb v is finite: a finite form, or an
// auxiliary of its own ("is claiming").
func (s *scratch) finiteClause(v int) bool {
	if finiteTag(s.xpos(v)) {
		return true
	}
	for _, k := range s.kids[v] {
		if baseDep(s.dep[k]) == "aux" && s.lemma[k] != "to" {
			return true
		}
	}
	return false
}

// listGap reports whether only list members, commas and a conjunction
// come between nominal r and token k: r's nominal conjuncts and their
// phrases ("The US, Russia, and Switzerland"; not "Moscow: troops").
func (s *scratch) listGap(r, k int) bool {
	for i := r + 1; i < k; i++ {
		if s.form[i] == "," || s.upos(i) == "CCONJ" {
			continue
		}
		y := i
		for depth := 0; y >= 0 && s.head[y] != r; depth++ {
			if depth > s.n {
				return false
			}
			y = s.head[y]
		}
		if y < 0 || !nominalTag(s.upos(y)) || s.dep[y] != "conj" && !s.postCompound(r, y) {
			return false
		}
	}
	return true
}

// auxProfile returns the auxiliaries of verb v as a small key ("had",
// "will have"), "" when none.
func (s *scratch) auxProfile(v int) string {
	p := ""
	for _, k := range s.kids[v] {
		if k < v && (s.dep[k] == "aux" || s.dep[k] == "aux:pass") && s.lemma[k] != "to" {
			p += s.form[k] + " "
		}
	}
	return p
}

// mendParallelConj raises conjunct verb v from the complement clause it
// hangs in to the verb above that clause when v repeats that verb's form
// and not its own head's: "He had implied Ukraine was to blame, and had
// called Zelenskyy a dictator" with "had called" a conjunct of "blame".
// A conjunct with a subject of its own, or one followed by more of its
// head's clause than punctuation, stays.
func (s *scratch) mendParallelConj(v int) {
	h := s.head[v]
	if h < 0 || v < h || s.upos(v) != "VERB" || s.hasKid(v, "nsubj") || s.hasKid(v, "nsubj:pass") {
		return
	}
	switch baseDep(s.dep[h]) {
	case "ccomp", "xcomp":
	default:
		return
	}
	g := s.head[h]
	if g < 0 || g > h || s.upos(g) != "VERB" {
		return
	}
	pv := s.auxProfile(v)
	if pv == "" || pv != s.auxProfile(g) || s.xpos(v) != s.xpos(g) {
		return
	}
	if s.auxProfile(h) == pv && s.xpos(h) == s.xpos(v) {
		return // as parallel to its own head
	}
	for _, k := range s.kids[h] {
		if k > v && s.dep[k] != "punct" {
			return
		}
	}
	s.reattach(v, g, "conj")
}
