package resolve

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline"
)

// Phoenix dictionary files, in ../shared/data/petrarch/dictionaries/production.
var (
	PhoenixActorFiles = []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"}
	PhoenixAgentsFile = "Phoenix.agents.txt"
)

// Named is an input with the name used in its problems and sources.
type Named struct {
	Name string
	R    io.Reader
}

// BuildInput is what Build converts.
type BuildInput struct {
	Countries Named   // kb/countries.tsv
	Curated   Named   // kb/curated.jsonl
	Actors    []Named // Phoenix actor dictionaries, in order
	Agents    Named   // Phoenix agents dictionary
}

// BuildFiles runs Build on the files of dictDir (the Phoenix dictionaries)
// and kbDir (countries.tsv and curated.jsonl).
func BuildFiles(dictDir, kbDir string) (*KB, []Problem, error) {
	var closers []io.Closer
	defer func() {
		for _, c := range closers {
			c.Close()
		}
	}()
	open := func(dir, name string) (Named, error) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return Named{}, err
		}
		closers = append(closers, f)
		return Named{Name: name, R: f}, nil
	}
	var (
		in  BuildInput
		err error
	)
	if in.Countries, err = open(kbDir, filepath.Base(CountriesFile)); err != nil {
		return nil, nil, err
	}
	if in.Curated, err = open(kbDir, filepath.Base(CuratedFile)); err != nil {
		return nil, nil, err
	}
	for _, name := range PhoenixActorFiles {
		n, err := open(dictDir, name)
		if err != nil {
			return nil, nil, err
		}
		in.Actors = append(in.Actors, n)
	}
	if in.Agents, err = open(dictDir, PhoenixAgentsFile); err != nil {
		return nil, nil, err
	}
	return Build(in)
}

// Build converts the Phoenix dictionaries and our curated files into a
// knowledge base:
//
//   - every country of countries.tsv, with its ISO 3166 code, CAMEO code,
//     names, capitals and demonyms; the aliases the dictionaries give a
//     country are kept as names when they are spellings of its name or
//     demonym, else as places (the cities and regions PETRARCH codes as the
//     country);
//   - every other dictionary actor as a PERSON, ORG or GPE, its dated codes
//     as roles, its undated code as its default code, its home country from
//     its codes; entries repeated with the same name and country merge;
//   - the curated entries (current office holders, corrections) merged over
//     the dictionary actor with the same type and name, their roles
//     replacing the dictionary's.
//
// IDs are NewID of the type and canonical name, with "-2", "-3" for later
// namesakes. The result depends only on the input bytes.
func Build(in BuildInput) (*KB, []Problem, error) {
	var probs []Problem
	countries, cprobs, err := readCountries(in.Countries)
	probs = append(probs, cprobs...)
	if err != nil {
		return nil, probs, err
	}
	curated, cprobs, err := readCurated(in.Curated)
	probs = append(probs, cprobs...)
	if err != nil {
		return nil, probs, err
	}
	b := &builder{countryIdx: map[string]int{}, countryCodes: map[string]string{}}
	for _, c := range countries {
		b.countryIdx[c.Code] = len(b.entries)
		b.countryCodes[c.Code] = c.Name
		b.entries = append(b.entries, c)
	}
	var dicts [][]DictActor
	for _, f := range in.Actors {
		acts, dprobs, err := ReadActors(f.R, f.Name)
		probs = append(probs, dprobs...)
		if err != nil {
			return nil, probs, fmt.Errorf("%s: %w", f.Name, err)
		}
		dicts = append(dicts, acts)
		// Countries the dictionaries know that we do not curate (SUN,
		// CSK, ...): bare three-letter codes in the country file that are
		// not sector codes. Without curated countries (a dictionary of
		// its own, like PETRARCH's validation one) every file's bare
		// three-letter codes are countries, as PETRARCH reads them.
		if f.Name != PhoenixActorFiles[0] && len(countries) > 0 {
			continue
		}
		for _, a := range acts {
			for _, c := range a.Codes {
				if _, sector := sectors[c.Code]; len(c.Code) == 3 && !sector {
					if _, ok := b.countryCodes[c.Code]; !ok {
						b.countryCodes[c.Code] = titleName(a.Names[0], false)
					}
				}
			}
		}
	}
	for fi, acts := range dicts {
		for _, a := range acts {
			b.add(in.Actors[fi].Name, fi == 2, a)
		}
	}
	agents, aprobs, err := ReadAgents(in.Agents.R, in.Agents.Name)
	probs = append(probs, aprobs...)
	if err != nil {
		return nil, probs, fmt.Errorf("%s: %w", in.Agents.Name, err)
	}
	entries := b.finish(curated)
	kb, kprobs := New(entries, agents)
	return kb, append(probs, kprobs...), nil
}

type builder struct {
	entries      []Entry
	countryIdx   map[string]int    // curated country code → entry
	countryCodes map[string]string // every country code → name
	merged       map[string]int    // type|key|country → entry, for dictionary repeats
}

// isCountryBlock reports whether a dictionary actor is a country's own
// entry: a bare three-letter code among its codes.
func (b *builder) isCountryBlock(a DictActor) bool {
	for _, c := range a.Codes {
		if _, ok := b.countryCodes[c.Code]; ok {
			return true
		}
	}
	return false
}

func (b *builder) add(file string, groups bool, a DictActor) {
	src := file + ":" + strconv.Itoa(a.Line)
	// A country's own entry: fold its names into the curated country.
	for _, c := range a.Codes {
		if i, ok := b.countryIdx[c.Code]; ok && c.Until.IsZero() {
			b.foldCountry(&b.entries[i], a)
			return
		}
	}
	e := Entry{Source: src}
	switch {
	case b.isCountryBlock(a) && !groups:
		e.Type = dateline.EntGPE
	case groups || isOrgName(a.Names[0]) || !strings.Contains(a.Names[0], " "):
		e.Type = dateline.EntOrg
	default:
		e.Type = dateline.EntPerson
	}
	e.Name = titleName(a.Names[0], e.Type == dateline.EntOrg)
	seen := map[string]bool{Key(e.Name): true}
	for _, n := range a.Names[1:] {
		if k := Key(n); k != "" && !seen[k] {
			seen[k] = true
			e.Aliases = append(e.Aliases, titleName(n, e.Type == dateline.EntOrg))
		}
	}
	for _, c := range a.Codes {
		if c.From.IsZero() && c.Until.IsZero() {
			if e.Code == "" {
				e.Code = c.Code
			}
			continue
		}
		e.Roles = append(e.Roles, dateline.Role{Title: b.roleTitle(c.Code), Code: c.Code, From: c.From, Until: c.Until})
	}
	sortRoles(e.Roles)
	if e.Code == "" && len(e.Roles) > 0 {
		e.Code = e.Roles[len(e.Roles)-1].Code
	}
	for _, c := range a.Codes {
		if _, ok := b.countryCodes[c.Code[:min(3, len(c.Code))]]; ok && e.Type != dateline.EntGPE {
			e.Country = c.Code[:3]
			break
		}
	}
	if e.Type == dateline.EntGPE && len(e.Code) > 3 {
		e.Code = e.Code[:3]
	}
	key := e.Type + "|" + Key(e.Name) + "|" + e.Country
	if b.merged == nil {
		b.merged = map[string]int{}
	}
	if i, ok := b.merged[key]; ok {
		mergeInto(&b.entries[i], &e)
		return
	}
	b.merged[key] = len(b.entries)
	b.entries = append(b.entries, e)
}

// foldCountry adds a dictionary country entry's names to a curated country.
func (b *builder) foldCountry(c *Entry, a DictActor) {
	known := map[string]bool{}
	var stems []string
	for _, n := range append(append(append([]string{c.Name}, c.Aliases...), c.Capitals...), c.Demonyms...) {
		known[Key(n)] = true
	}
	for _, n := range append([]string{c.Name}, c.Demonyms...) {
		if sk := Skeleton(Key(n)); len(sk) >= 4 {
			stems = append(stems, sk[:4])
		}
	}
	for _, p := range c.Places {
		known[Key(p)] = true
	}
	for _, n := range a.Names {
		k := Key(n)
		if k == "" || known[k] {
			continue
		}
		known[k] = true
		name := titleName(n, false)
		spelling := false
		for _, s := range stems {
			if strings.HasPrefix(Skeleton(k), s) {
				spelling = true
				break
			}
		}
		if spelling {
			c.Aliases = append(c.Aliases, name)
		} else {
			c.Places = append(c.Places, name)
		}
	}
}

func (b *builder) roleTitle(code string) string {
	country := ""
	rest := code
	if len(code) >= 3 {
		if n, ok := b.countryCodes[code[:3]]; ok {
			country, rest = n, code[3:]
		}
	}
	var parts []string
	for len(rest) >= 3 {
		if s, ok := sectors[rest[:3]]; ok {
			parts = append(parts, s)
		} else {
			parts = append(parts, rest[:3])
		}
		rest = rest[3:]
	}
	title := strings.Join(parts, ", ")
	switch {
	case country != "" && title != "":
		return country + ": " + title
	case country != "":
		return country
	case title != "":
		return title
	}
	return code
}

// sectors names the three-letter CAMEO role and sector codes.
var sectors = map[string]string{
	"GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition",
	"PTY": "political party", "COP": "police", "JUD": "judiciary", "SPY": "intelligence",
	"MED": "media", "EDU": "education", "BUS": "business", "CRM": "criminals",
	"CVL": "civilians", "ELI": "elites", "LEG": "legislature", "LAB": "labour",
	"AGR": "agriculture", "REF": "refugees", "HLH": "health", "HRI": "human rights",
	"ENV": "environment", "DEV": "development", "REL": "religion", "IGO": "intergovernmental organisation",
	"NGO": "non-governmental organisation", "MNC": "multinational corporation", "UAF": "unaffiliated armed forces",
	"INS": "insurgents", "SEP": "separatists", "MOD": "moderates", "RAD": "radicals",
	"UNO": "United Nations", "WST": "Western", "NAT": "NATO", "EUR": "Europe", "EEC": "European Union",
	"AFR": "Africa", "ASA": "Asia", "MEA": "Middle East", "LAM": "Latin America", "IMG": "international militarized group",
	"MUS": "Muslim", "CHR": "Christian", "JEW": "Jewish", "PPL": "people", "ATH": "athletes",
}

// isOrgName reports whether a dictionary name names an organisation rather
// than a person.
func isOrgName(name string) bool {
	for _, w := range strings.Fields(name) {
		switch strings.Trim(w, ".,()'") {
		case "MINISTRY", "MINISTER", "DEPARTMENT", "COUNCIL", "PARTY", "ARMY", "FORCES", "FORCE", "POLICE",
			"GOVERNMENT", "COMMITTEE", "ASSEMBLY", "PARLIAMENT", "COURT", "BANK", "HOUSE", "OFFICE", "AGENCY",
			"COMMISSION", "UNION", "ORGANIZATION", "ORGANISATION", "FRONT", "MOVEMENT", "CONGRESS", "SENATE",
			"INSTITUTE", "ASSOCIATION", "FEDERATION", "BRIGADE", "BRIGADES", "GROUP", "KREMLIN", "PENTAGON",
			"NATIONS", "LEAGUE", "ALLIANCE", "CORPS", "SERVICE", "SERVICES", "BUREAU", "AUTHORITY", "CABINET",
			"MILITARY", "NAVY", "GUARD", "GUARDS", "TRIBUNAL", "FUND", "CORPORATION", "COMPANY", "INC", "LTD",
			"COMMAND", "SECRETARIAT", "PROGRAMME", "PROGRAM", "MISSION", "FOUNDATION", "NETWORK", "CENTER",
			"CENTRE", "UNIVERSITY", "CHURCH", "COALITION", "REPUBLIC", "STATE", "STATES", "KINGDOM", "PRESIDENCY",
			"OFFICIALS", "OFFICIAL", "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "TROOPS", "SOLDIERS", "EMBASSY",
			"CHAMBER", "BOARD", "UNIT", "UNITS", "REGIME", "JUNTA", "LEGISLATURE", "POLITBURO", "PRESIDIUM",
			"SOVIET", "DUMA", "KNESSET", "MAJLIS", "OF", "AND", "FOR", "THE":
			return true
		}
	}
	return false
}

// titleName writes an upper-case dictionary name in title case. For
// organisations, words without vowels or with periods and short single
// words stay upper case (NATO, U.N., UNHCR).
func titleName(name string, org bool) string {
	words := strings.Fields(name)
	if org && len(words) == 1 && len(words[0]) <= 6 {
		return words[0]
	}
	for i, w := range words {
		if org && (strings.Contains(w, ".") || !strings.ContainsAny(w, "AEIOUY")) {
			continue
		}
		lw := strings.ToLower(w)
		if i > 0 && (lw == "of" || lw == "the" || lw == "and" || lw == "for" || lw == "de" || lw == "al" || lw == "bin" || lw == "von" || lw == "der" || lw == "van" || lw == "in" || lw == "on") {
			words[i] = lw
			continue
		}
		words[i] = titleWord(lw)
	}
	return strings.Join(words, " ")
}

// titleWord capitalises the letters that start a word or follow a hyphen,
// an apostrophe or a period ("ki-moon" → "Ki-Moon", "o'neill" → "O'Neill").
func titleWord(w string) string {
	rs := []rune(w)
	up := true
	for i, r := range rs {
		if up {
			rs[i] = []rune(strings.ToUpper(string(r)))[0]
		}
		up = r == '-' || r == '\'' || r == '.' || r == '('
	}
	return string(rs)
}

func sortRoles(rs []dateline.Role) {
	slices.SortStableFunc(rs, func(a, b dateline.Role) int { return a.From.Compare(b.From) })
}

// mergeInto adds src's aliases and roles to dst.
func mergeInto(dst, src *Entry) {
	seen := map[string]bool{Key(dst.Name): true}
	for _, a := range dst.Aliases {
		seen[Key(a)] = true
	}
	for _, a := range append([]string{src.Name}, src.Aliases...) {
		if k := Key(a); k != "" && !seen[k] {
			seen[k] = true
			dst.Aliases = append(dst.Aliases, a)
		}
	}
	for _, r := range src.Roles {
		if !slices.ContainsFunc(dst.Roles, func(o dateline.Role) bool {
			return o.Code == r.Code && o.From.Equal(r.From) && o.Until.Equal(r.Until)
		}) {
			dst.Roles = append(dst.Roles, r)
		}
	}
	sortRoles(dst.Roles)
	if dst.Code == "" {
		dst.Code = src.Code
	}
}

// finish merges the curated entries over the dictionary ones and gives
// every entry its ID.
func (b *builder) finish(curated []Entry) []Entry {
	byName := map[string]int{}
	for i, e := range b.entries {
		k := e.Type + "|" + Key(e.Name)
		if _, ok := byName[k]; !ok {
			byName[k] = i
		}
	}
	var out []Entry
	used := map[int]bool{}
	for _, c := range curated {
		// Every dictionary entry of the same type whose name is one of the
		// curated names merges into the curated entry.
		merged := c
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			i, ok := byName[c.Type+"|"+Key(n)]
			if !ok || used[i] || rank(b.entries[i].Source) == 0 {
				continue
			}
			d := b.entries[i]
			if c.Country != "" && d.Country != "" && c.Country != d.Country {
				continue
			}
			used[i] = true
			mergeInto(&merged, &Entry{Actor: dateline.Actor{Name: d.Name, Aliases: d.Aliases}})
			if len(merged.Roles) == 0 {
				merged.Roles = d.Roles
			}
			if merged.Code == "" {
				merged.Code = d.Code
			}
			if merged.Country == "" {
				merged.Country = d.Country
			}
			merged.Source += " " + d.Source
		}
		out = append(out, merged)
	}
	for i, e := range b.entries {
		if used[i] {
			continue
		}
		if e.Type == dateline.EntGPE && strings.HasPrefix(e.Source, "countries") {
			out = append([]Entry{e}, out...)
			continue
		}
		out = append(out, e)
	}
	// Countries first, then curated, then the dictionaries: IDs go to the
	// first of namesakes.
	slices.SortStableFunc(out, func(a, b Entry) int { return rank(a.Source) - rank(b.Source) })
	ids := map[dateline.ActorID]bool{}
	for i := range out {
		e := &out[i]
		id := e.ID
		if id == "" {
			id = NewID(e.Type, e.Name)
		}
		base := id
		for n := 2; ids[id]; n++ {
			id = dateline.ActorID(string(base) + "-" + strconv.Itoa(n))
		}
		ids[id] = true
		e.ID = id
	}
	return out
}

func rank(source string) int {
	switch {
	case strings.HasPrefix(source, "countries"):
		return 0
	case strings.HasPrefix(source, "curated"):
		return 1
	}
	return 2
}

// readCountries reads countries.tsv.
func readCountries(in Named) ([]Entry, []Problem, error) {
	var (
		out   []Entry
		probs []Problem
	)
	list := func(s string) []string {
		var out []string
		for _, p := range strings.Split(s, ";") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	err := scanLines(in.R, func(n int, line string) bool {
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			return true
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			probs = append(probs, Problem{File: in.Name, Line: n, Msg: fmt.Sprintf("%d columns, want 6", len(f))})
			return true
		}
		if len(f[0]) != 3 || len(f[1]) != 2 || f[2] == "" {
			probs = append(probs, Problem{File: in.Name, Line: n, Msg: "want a 3-letter CAMEO code, a 2-letter ISO code and a name"})
			return true
		}
		out = append(out, Entry{
			Actor: dateline.Actor{
				ID: NewID(dateline.EntGPE, f[2]), Name: f[2], Type: dateline.EntGPE, Code: f[0],
				Aliases: list(f[3]), IDs: map[string]string{"iso3166": f[1]},
			},
			Capitals: list(f[4]), Demonyms: list(f[5]),
			Source: "countries.tsv:" + strconv.Itoa(n),
		})
		return true
	})
	return out, probs, err
}

// readCurated reads curated.jsonl: one Entry a line, "#" lines are comments.
func readCurated(in Named) ([]Entry, []Problem, error) {
	var (
		out   []Entry
		probs []Problem
	)
	err := scanLines(in.R, func(n int, line string) bool {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			return true
		}
		var e Entry
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			probs = append(probs, Problem{File: in.Name, Line: n, Msg: err.Error()})
			return true
		}
		if e.Name == "" || e.Type == "" {
			probs = append(probs, Problem{File: in.Name, Line: n, Msg: "entry without a name or type"})
			return true
		}
		for _, r := range e.Roles {
			if !r.Until.IsZero() && !r.Until.After(r.From) {
				probs = append(probs, Problem{File: in.Name, Line: n, Msg: fmt.Sprintf("role %q ends before it starts", r.Title)})
			}
		}
		sortRoles(e.Roles)
		e.Source = "curated.jsonl:" + strconv.Itoa(n)
		out = append(out, e)
		return true
	})
	return out, probs, err
}
