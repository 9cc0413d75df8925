package resolve

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Files of the knowledge base, relative to the package directory.
const (
	ActorsFile    = "kb/actors.jsonl.gz"
	AgentsFile    = "kb/agents.tsv"
	CountriesFile = "kb/countries.tsv"
	CuratedFile   = "kb/curated.jsonl"
)

//go:embed kb/actors.jsonl.gz kb/agents.tsv
var embedded embed.FS

// Kinds of the ways a word designates a country (KB.Country).
const (
	AsName    = "name"    // "Russia", "U.S."
	AsCapital = "capital" // "Moscow"
	AsDemonym = "demonym" // "Russian", "Russians"
	AsPlace   = "place"   // a city or region the dictionaries code as the country: "Omsk"
)

// Entry is one actor of the knowledge base: the canonical actor and, for
// countries, the words that designate them.
type Entry struct {
	dateline.Actor
	Country  string   `json:"country,omitempty"` // CAMEO code of the home country (people, national bodies)
	Capitals []string `json:"capitals,omitempty"`
	Demonyms []string `json:"demonyms,omitempty"`
	Places   []string `json:"places,omitempty"`
	Source   string   `json:"source,omitempty"` // "Phoenix.Countries.actors.txt:39559", "curated"
}

// KB is the actor knowledge base. It is immutable once built and safe for
// concurrent use; the *dateline.Actor values it returns are shared and must
// not be modified.
type KB struct {
	entries   []Entry
	byID      map[dateline.ActorID]int
	byName    map[string][]int // Key(name or alias) → entries
	country   map[string]countryWord
	byCode    map[string]int // country CAMEO code → entry
	agents    map[string]agentCode
	agentList []Agent
	surnames  map[string][]int // last word of a person's full names → entries
	theOnly   map[string][]int // Key → entries known by it only with "the" before it
}

type countryWord struct {
	entry int
	kind  string
}

type agentCode struct {
	code   string
	plural bool
	prefix bool
}

// Load reads the embedded knowledge base. Call it once and share the
// result: the KB is immutable and safe for concurrent use.
func Load() (*KB, error) {
	af, err := embedded.Open(ActorsFile)
	if err != nil {
		return nil, err
	}
	defer af.Close()
	gf, err := embedded.Open(AgentsFile)
	if err != nil {
		return nil, err
	}
	defer gf.Close()
	kb, probs, err := ReadKB(af, gf)
	if err != nil {
		return nil, fmt.Errorf("embedded knowledge base: %w", err)
	}
	if len(probs) > 0 {
		return nil, fmt.Errorf("embedded knowledge base: %s", probs[0])
	}
	return kb, nil
}

// New builds a knowledge base from entries and agents. Entries without an
// ID get one (NewID); later entries with an ID already seen are reported
// and skipped.
func New(entries []Entry, agents []Agent) (*KB, []Problem) {
	kb := &KB{
		byID:      make(map[dateline.ActorID]int, len(entries)),
		byName:    make(map[string][]int, len(entries)*2),
		country:   map[string]countryWord{},
		byCode:    map[string]int{},
		agents:    make(map[string]agentCode, len(agents)*2),
		agentList: agents,
		surnames:  map[string][]int{},
		theOnly:   map[string][]int{},
	}
	var probs []Problem
	for _, e := range entries {
		if e.ID == "" {
			e.ID = NewID(e.Type, e.Name)
		}
		if _, dup := kb.byID[e.ID]; dup {
			probs = append(probs, Problem{File: e.Source, Msg: fmt.Sprintf("duplicate actor ID %s", e.ID)})
			continue
		}
		i := len(kb.entries)
		kb.entries = append(kb.entries, e)
		kb.byID[e.ID] = i
		seen := map[string]bool{}
		names := append([]string{e.Name}, e.Aliases...)
		for _, n := range names {
			k := Key(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			if hasThe(n) && !slices.ContainsFunc(names, func(o string) bool { return !hasThe(o) && Key(o) == k }) {
				// The dictionaries write "THE_ISLAMIC_STATE": without its
				// article the name is a common phrase ("an Islamic state").
				kb.theOnly[k] = append(kb.theOnly[k], i)
			}
			kb.byName[k] = append(kb.byName[k], i)
			if e.Type == dateline.EntPerson && !isOrgName(strings.ToUpper(n)) {
				if sn := surnameKey(k); sn != "" && !slices.Contains(kb.surnames[sn], i) {
					kb.surnames[sn] = append(kb.surnames[sn], i)
				}
			}
		}
		if e.Type == dateline.EntGPE && len(e.Code) == 3 && e.Source != "" && strings.HasPrefix(e.Source, "countries") {
			kb.byCode[e.Code] = i
		} else if e.Type == dateline.EntGPE && len(e.Code) == 3 {
			if _, ok := kb.byCode[e.Code]; !ok {
				kb.byCode[e.Code] = i
			}
		}
	}
	for k, idx := range kb.byName {
		slices.SortStableFunc(idx, func(a, b int) int { return kb.prefer(k, a, b) })
	}
	// Country words, the strongest kind first so that a name beats a
	// capital (Singapore) and a capital beats a place the dictionaries list.
	for _, kind := range []string{AsName, AsCapital, AsDemonym, AsPlace} {
		for i, e := range kb.entries {
			if e.Type != dateline.EntGPE {
				continue
			}
			var words []string
			switch kind {
			case AsName:
				words = append([]string{e.Name}, e.Aliases...)
			case AsCapital:
				words = e.Capitals
			case AsDemonym:
				words = e.Demonyms
			case AsPlace:
				words = e.Places
			}
			for _, w := range words {
				k := Key(w)
				if _, taken := kb.country[k]; k != "" && !taken {
					kb.country[k] = countryWord{entry: i, kind: kind}
				}
			}
		}
	}
	for _, a := range agents {
		ac := agentCode{code: a.Code, prefix: a.Prefix}
		if k := Key(a.Name); k != "" {
			if _, ok := kb.agents[k]; !ok {
				kb.agents[k] = ac
			}
		}
		plurals := a.Plurals
		if plurals == nil {
			plurals = []string{a.Name + "S"}
		}
		for _, p := range plurals {
			k := Key(p)
			if _, ok := kb.agents[k]; k != "" && !ok {
				pc := ac
				pc.plural = true
				kb.agents[k] = pc
			}
		}
	}
	return kb, probs
}

// prefer orders two entries sharing the alias key k: the one whose own name
// it is first, then curated ones, then the better documented (more aliases
// and roles), then by ID.
func (kb *KB) prefer(k string, a, b int) int {
	ea, eb := &kb.entries[a], &kb.entries[b]
	if na, nb := Key(ea.Name) == k, Key(eb.Name) == k; na != nb {
		if na {
			return -1
		}
		return 1
	}
	if ca, cb := isCurated(ea.Source), isCurated(eb.Source); ca != cb {
		if ca {
			return -1
		}
		return 1
	}
	if wa, wb := len(ea.Aliases)+len(ea.Roles), len(eb.Aliases)+len(eb.Roles); wa != wb {
		return wb - wa
	}
	return strings.Compare(string(ea.ID), string(eb.ID))
}

func isCurated(source string) bool {
	return strings.HasPrefix(source, "countries") || strings.HasPrefix(source, "curated")
}

// NewID is the stable ID of an actor known by its type and canonical name:
// "person/vladimir-putin", "gpe/russia", "org/nato". Names without Latin
// letters or digits get a hash.
func NewID(typ, name string) dateline.ActorID {
	kind := strings.ToLower(typ)
	if kind == "" {
		kind = "x"
	}
	s := Slug(name)
	if s == "x" {
		h := sha256.Sum256([]byte(name))
		s = "x" + hex.EncodeToString(h[:4])
	}
	return dateline.ActorID(kind + "/" + s)
}

// Len is the number of actors.
func (kb *KB) Len() int { return len(kb.entries) }

// Entries returns the actors in order. The slice is shared: do not modify it.
func (kb *KB) Entries() []Entry { return kb.entries }

// Entry returns the actor with an ID.
func (kb *KB) Entry(id dateline.ActorID) (*Entry, bool) {
	i, ok := kb.byID[id]
	if !ok {
		return nil, false
	}
	return &kb.entries[i], true
}

// Actors returns the actors whose name or one of whose aliases has the same
// Key as name, in the knowledge base's order (curated entries first).
//
// A name the knowledge base knows only with its article ("The Islamic
// State", as the dictionaries write it) is found only when name has it too.
func (kb *KB) Actors(name string) []*dateline.Actor {
	k := Key(name)
	idx := kb.byName[k]
	if len(idx) == 0 {
		return nil
	}
	the := kb.theOnly[k]
	if len(the) > 0 && hasThe(name) {
		the = nil
	}
	out := make([]*dateline.Actor, 0, len(idx))
	for _, i := range idx {
		if !slices.Contains(the, i) {
			out = append(out, &kb.entries[i].Actor)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// hasThe reports whether a name starts with the definite article.
func hasThe(name string) bool {
	name = strings.TrimSpace(name)
	return len(name) > 4 && strings.EqualFold(name[:4], "the ")
}

// Surname returns the person a surname alone designates at t ("Bush" in
// a 2008 report: George W. Bush): among the people of the knowledge base
// with that surname, the only one holding a role at t, else the only one
// holding an office then (a role whose code is not one of the elite, ELI);
// nil when none or several qualify, or when t is zero.
func (kb *KB) Surname(word string, t time.Time) *dateline.Actor {
	if t.IsZero() {
		return nil
	}
	k := Key(word)
	if strings.Contains(k, " ") {
		return nil
	}
	idx := kb.surnames[k]
	var active, office []int
	for _, i := range idx {
		r, ok := kb.entries[i].Actor.RoleAt(t)
		if !ok {
			continue
		}
		active = append(active, i)
		if !strings.HasSuffix(r.Code, "ELI") {
			office = append(office, i)
		}
	}
	switch {
	case len(active) == 1:
		return &kb.entries[active[0]].Actor
	case len(office) == 1:
		return &kb.entries[office[0]].Actor
	}
	return nil
}

// surnameKey is the last word of a person's name key of at least two
// words, generational suffixes skipped ("george w bush jr" → "bush"); ""
// for one-word names and surnames under three letters.
func surnameKey(k string) string {
	ws := strings.Fields(k)
	for len(ws) > 2 {
		switch ws[len(ws)-1] {
		case "jr", "sr", "ii", "iii", "iv":
			ws = ws[:len(ws)-1]
			continue
		}
		break
	}
	if len(ws) < 2 || len(ws[len(ws)-1]) < 3 {
		return ""
	}
	return ws[len(ws)-1]
}

// Country returns the country a word designates and how (AsName,
// AsCapital, AsDemonym, AsPlace); nil and "" when none.
func (kb *KB) Country(word string) (*dateline.Actor, string) {
	cw, ok := kb.country[Key(word)]
	if !ok {
		return nil, ""
	}
	return &kb.entries[cw.entry].Actor, cw.kind
}

// CountryByCode returns the country with a CAMEO code ("RUS"); nil when
// none.
func (kb *KB) CountryByCode(code string) *dateline.Actor {
	i, ok := kb.byCode[code]
	if !ok {
		return nil
	}
	return &kb.entries[i].Actor
}

// HomeCountry returns the CAMEO code of an actor's home country ("RUS"
// for Putin and for Russia), "" when none is known.
func (kb *KB) HomeCountry(id dateline.ActorID) string {
	e, ok := kb.Entry(id)
	if !ok {
		return ""
	}
	if e.Country != "" {
		return e.Country
	}
	if e.Type == dateline.EntGPE {
		return e.Code
	}
	return ""
}

// Agent returns the CAMEO agent code of a role noun ("president" → "GOV",
// "presidents" → "GOV" plural), "" when the noun is not an agent. A prefix
// code ("IGO") goes before a country code rather than after it.
func (kb *KB) Agent(noun string) (code string, plural, prefix bool) {
	a := kb.agents[Key(noun)]
	return a.code, a.plural, a.prefix
}

// CodeAt returns the CAMEO code of an actor at t: the code of the role it
// held then (RoleAt), else its default code.
func CodeAt(a *dateline.Actor, t time.Time) string {
	if r, ok := a.RoleAt(t); ok && r.Code != "" {
		return r.Code
	}
	return a.Code
}

// ReadKB reads a knowledge base written by WriteKB: actors as gzip JSON
// lines, agents as TSV lines "noun<TAB>code<TAB>plurals" (plurals separated
// by "|", "-" for none, empty for the default). Malformed lines are problems.
func ReadKB(actors, agents io.Reader) (*KB, []Problem, error) {
	zr, err := gzip.NewReader(actors)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", ActorsFile, err)
	}
	defer zr.Close()
	var (
		entries []Entry
		probs   []Problem
	)
	err = scanLines(zr, func(n int, line string) bool {
		if strings.TrimSpace(line) == "" {
			return true
		}
		var e Entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			probs = append(probs, Problem{File: ActorsFile, Line: n, Msg: err.Error()})
			return true
		}
		if e.Name == "" || e.Type == "" {
			probs = append(probs, Problem{File: ActorsFile, Line: n, Msg: "actor without a name or type"})
			return true
		}
		entries = append(entries, e)
		return true
	})
	if err != nil {
		return nil, probs, fmt.Errorf("%s: %w", ActorsFile, err)
	}
	ags, aprobs, err := readAgentsTSV(agents)
	probs = append(probs, aprobs...)
	if err != nil {
		return nil, probs, err
	}
	kb, kprobs := New(entries, ags)
	return kb, append(probs, kprobs...), nil
}

func readAgentsTSV(r io.Reader) ([]Agent, []Problem, error) {
	var (
		out   []Agent
		probs []Problem
	)
	err := scanLines(r, func(n int, line string) bool {
		if line == "" || line[0] == '#' {
			return true
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] == "" || f[1] == "" {
			probs = append(probs, Problem{File: AgentsFile, Line: n, Msg: "want noun, code, plurals, prefix"})
			return true
		}
		a := Agent{Name: f[0], Code: f[1], Prefix: f[3] == "prefix", Line: n}
		switch f[2] {
		case "":
		case "-":
			a.Plurals = []string{}
		default:
			a.Plurals = strings.Split(f[2], "|")
		}
		out = append(out, a)
		return true
	})
	return out, probs, err
}

// WriteKB writes the knowledge base: actors sorted by ID as gzip JSON lines
// (deterministic: no gzip timestamp), agents as TSV in their order.
func WriteKB(kb *KB, actors, agents io.Writer) error {
	zw, err := gzip.NewWriterLevel(actors, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	order := make([]int, len(kb.entries))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(string(kb.entries[a].ID), string(kb.entries[b].ID)) })
	for _, i := range order {
		b, err := json.Marshal(&kb.entries[i])
		if err != nil {
			return err
		}
		bw.Write(b)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return writeAgentsTSV(agents, kb.agentList)
}

// writeAgentsTSV writes agents in the TSV form ReadKB reads.
func writeAgentsTSV(w io.Writer, agents []Agent) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("# CAMEO agents: noun\tcode\tplurals (| between; - none; empty: noun+S)\tprefix\n")
	for _, a := range agents {
		pl := ""
		if a.Plurals != nil {
			pl = strings.Join(a.Plurals, "|")
			if pl == "" {
				pl = "-"
			}
		}
		pre := ""
		if a.Prefix {
			pre = "prefix"
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\n", a.Name, a.Code, pl, pre)
	}
	return bw.Flush()
}
