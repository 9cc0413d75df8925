package dateline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"
	"unicode"
)

// IndexStore makes the actors, quotes and events of the stored documents
// queryable across documents. A store that implements it fills its index
// inside PutDocuments, in the same transaction as the documents, from each
// new document's DocIndex (so every store indexes alike); a document that
// is already stored is left unchanged, and so are its index rows.
// Implementations: internal/sqlite; internal/postgres.
//
// Listings are newest first: by the report's publication date (undated
// reports last), then latest stored first, then in document order.
type IndexStore interface {
	// Actors lists the actors seen in the stored documents, those seen in
	// the most documents first (ties by name).
	Actors(ctx context.Context, q ActorQuery) ([]ActorSummary, error)
	// Actor returns one actor with its aliases, roles, and recent
	// documents, events and quotes, or ErrNotFound.
	Actor(ctx context.Context, id ActorID) (*ActorRecord, error)
	// Quotes lists attributions.
	Quotes(ctx context.Context, q QuoteQuery) ([]QuoteHit, error)
	// Events lists coded events.
	Events(ctx context.Context, q EventQuery) ([]EventHit, error)
}

// Index listing limits: Limit 0 means DefaultIndexLimit; larger limits
// than MaxIndexLimit are cut to it; a negative limit or offset is
// ErrInvalid.
const (
	DefaultIndexLimit = 50
	MaxIndexLimit     = 1000
	// ActorRecentLimit is how many documents, events and quotes an
	// ActorRecord carries.
	ActorRecentLimit = 50
)

// ActorQuery selects actors.
type ActorQuery struct {
	// Name matches actors one of whose names or aliases has a word that
	// starts with it, compared as NameKey does (case and Latin diacritics
	// folded): "zel" finds "Volodymyr Zelenskyy" and "Zelensky". Empty:
	// all actors.
	Name   string
	Type   string // PERSON, ORG, GPE, ...; empty: any
	Limit  int
	Offset int
}

// ActorSummary is the listing form of an actor across the stored documents.
type ActorSummary struct {
	ID        ActorID   `json:"id"`
	Name      string    `json:"name"` // as the latest report names it
	Type      string    `json:"type"`
	Code      string    `json:"code,omitempty"`     // CAMEO code in the latest report
	Documents int       `json:"documents"`          // reports that mention it
	Quotes    int       `json:"quotes"`             // attributions it is the speaker or a co-speaker of
	Events    int       `json:"events"`             // events it is a source or target of
	LastSeen  time.Time `json:"last_seen,omitzero"` // latest publication date of those reports
}

// RoleSeen is a role (or actor code) that reports give an actor at their
// publication dates, with the first and last of those dates.
type RoleSeen struct {
	Title     string    `json:"title,omitempty"`
	Code      string    `json:"code,omitempty"`
	First     time.Time `json:"first,omitzero"`
	Last      time.Time `json:"last,omitzero"`
	Documents int       `json:"documents"`
}

// ActorRecord is an actor with what the stored documents say about it.
type ActorRecord struct {
	ActorSummary
	Aliases []string   `json:"aliases"` // distinct names it was mentioned by, the commonest first
	Roles   []RoleSeen `json:"roles"`   // latest first
	// Up to ActorRecentLimit of its reports, the events it is a party to
	// and its quotes, newest first.
	RecentDocuments []DocSummary `json:"recent_documents"`
	RecentEvents    []EventHit   `json:"recent_events"`
	RecentQuotes    []QuoteHit   `json:"recent_quotes"`
}

// QuoteQuery selects attributions. The fields combine (AND).
type QuoteQuery struct {
	Speaker ActorID // the speaker's actor
	// SpeakerName matches speakers by name or alias, as ActorQuery.Name
	// does. Both match the speaker and the co-speakers of a joint
	// statement. Quotes whose speaker is unknown (no resolved mention)
	// match neither Speaker nor SpeakerName.
	SpeakerName  string
	Doc          DocID
	Since, Until time.Time // publication date in [Since, Until); zero: open
	Limit        int
	Offset       int
}

// QuoteHit is one attribution with its report.
type QuoteHit struct {
	Doc        DocID     `json:"doc"`
	Title      string    `json:"title"`
	Published  time.Time `json:"published,omitzero"`
	Index      int       `json:"index"` // in Document.Quotes
	Kind       string    `json:"kind"`
	Span       Span      `json:"span"`
	Text       string    `json:"text"`          // the content
	Cue        string    `json:"cue,omitempty"` // "said", "according to"
	CueSpan    Span      `json:"cue_span"`
	Source     string    `json:"source,omitempty"` // the source as written: "he", "a Kremlin spokesman"
	SourceSpan Span      `json:"source_span"`
	Speaker    ActorID   `json:"speaker,omitempty"`
	Name       string    `json:"speaker_name,omitempty"`
	// CoSpeakers are the other speakers of a joint statement ("Putin and
	// Trump both said"), each a different actor than Speaker.
	CoSpeakers []QuoteSpeaker `json:"co_speakers,omitempty"`
}

// QuoteSpeaker is one more speaker of a joint statement.
type QuoteSpeaker struct {
	ID   ActorID `json:"id"`
	Name string  `json:"name,omitempty"`
}

// Speaks reports whether actor id is the speaker of h or one of its
// co-speakers; never for the empty ID.
func (h *QuoteHit) Speaks(id ActorID) bool {
	if id == "" {
		return false
	}
	if h.Speaker == id {
		return true
	}
	for _, c := range h.CoSpeakers {
		if c.ID == id {
			return true
		}
	}
	return false
}

// SpeaksAny reports whether the speaker of h or one of its co-speakers is
// in ids.
func (h *QuoteHit) SpeaksAny(ids map[ActorID]bool) bool {
	if h.Speaker == "" {
		return false
	}
	if ids[h.Speaker] {
		return true
	}
	for _, c := range h.CoSpeakers {
		if ids[c.ID] {
			return true
		}
	}
	return false
}

// EventQuery selects events. The fields combine (AND).
type EventQuery struct {
	Actor        ActorID // as a source or a target
	Code         string  // CAMEO code prefix: "04" finds 040-046 and their subcodes
	Status       string  // StatusHappened, ...; empty: any
	Doc          DocID
	Since, Until time.Time // publication date in [Since, Until); zero: open
	Limit        int
	Offset       int
}

// EventParty is a source or target of an indexed event.
type EventParty struct {
	ID   ActorID `json:"id,omitempty"` // empty when only the text is known
	Name string  `json:"name,omitempty"`
	Text string  `json:"text"`
	Code string  `json:"code,omitempty"`
}

// EventHit is one coded event with its report and evidence.
type EventHit struct {
	Doc       DocID        `json:"doc"`
	Title     string       `json:"title"`
	Published time.Time    `json:"published,omitzero"`
	Index     int          `json:"index"` // in Document.Events
	Code      string       `json:"code"`
	Plover    string       `json:"plover,omitempty"`
	Status    string       `json:"status"`
	Date      string       `json:"date,omitempty"` // the event's TIMEX3 value, else the report date (YYYY-MM-DD)
	Place     string       `json:"place,omitempty"`
	Source    []EventParty `json:"source,omitempty"`
	Target    []EventParty `json:"target,omitempty"`
	Sentence  string       `json:"sentence"` // the evidence text
	Evidence  Span         `json:"evidence"`
	Trigger   Span         `json:"trigger"`
}

// DocIndex is what one document adds to the index: the rows a store writes.
type DocIndex struct {
	Actors []IndexedActor // one per distinct actor ID, in order of first mention
	Quotes []QuoteHit
	Events []EventHit
}

// IndexedActor is an actor as one document knows it.
type IndexedActor struct {
	ID       ActorID
	Name     string
	Type     string
	Code     string
	Role     string   // the role at the report's date
	Aliases  []string // distinct surface forms of its naming mentions (by NameKey), in text order
	Mentions int
	Quotes   int // attributions it is the speaker or a co-speaker of
	Events   int // events it is a source or target of
}

// Index computes d's index rows. Actor identity: a document actor with an
// ID (from the knowledge base, or derived by the actor pass) keeps it; one
// without gets DocActorID's. Actors of one document with the same ID are
// one. A quote's speaker is the actor of its speaker mention (pronouns and
// descriptions resolved by the actor pass), else unknown. Spans out of
// bounds give empty texts, never a panic.
func Index(d *Document) DocIndex {
	ix := DocIndex{Actors: make([]IndexedActor, 0, len(d.Actors))}
	slot := make([]int, len(d.Actors)) // doc actor -> index in ix.Actors
	pos := make(map[ActorID]int, len(d.Actors))
	type alias struct {
		actor int
		key   string
	}
	seenAlias := make(map[alias]bool)
	keys := make(map[string]string) // surface form -> NameKey: names repeat
	for i := range d.Actors {
		a := &d.Actors[i]
		id := DocActorID(a)
		k, ok := pos[id]
		if !ok {
			k = len(ix.Actors)
			pos[id] = k
			ix.Actors = append(ix.Actors, IndexedActor{ID: id, Name: a.Name, Type: a.Type, Code: a.Code, Role: a.Role})
		}
		slot[i] = k
		x := &ix.Actors[k]
		if x.Role == "" {
			x.Role = a.Role
		}
		for _, mi := range a.Mentions {
			if mi < 0 || mi >= len(d.Mentions) {
				continue
			}
			x.Mentions++
			m := &d.Mentions[mi]
			if !naming(m) {
				continue
			}
			s := m.In(d.Text)
			key, ok := keys[s]
			if !ok {
				key = NameKey(s)
				keys[s] = key
			}
			if key != "" && !seenAlias[alias{k, key}] {
				seenAlias[alias{k, key}] = true
				x.Aliases = append(x.Aliases, strings.TrimSpace(s))
			}
		}
	}
	// actorOf returns the index in ix.Actors of a doc actor, or -1.
	actorOf := func(ai int) int {
		if ai < 0 || ai >= len(d.Actors) {
			return -1
		}
		return slot[ai]
	}
	published := d.Published
	var reportDate string
	if !published.IsZero() {
		reportDate = published.Format(time.DateOnly)
	}
	ix.Quotes = make([]QuoteHit, len(d.Quotes))
	for qi, q := range d.Quotes {
		h := &ix.Quotes[qi]
		*h = QuoteHit{Doc: d.ID, Title: d.Title, Published: published, Index: qi, Kind: q.Kind, Span: q.Span,
			Text: q.In(d.Text), Cue: q.Cue.In(d.Text), CueSpan: q.Cue, Source: q.Source.In(d.Text), SourceSpan: q.Source}
		if q.Speaker >= 0 && q.Speaker < len(d.Mentions) {
			if k := actorOf(d.Mentions[q.Speaker].Actor); k >= 0 {
				h.Speaker, h.Name = ix.Actors[k].ID, d.Actors[d.Mentions[q.Speaker].Actor].Name
				ix.Actors[k].Quotes++
			}
		}
		if h.Speaker == "" {
			continue // co-speakers of an unknown speaker are not indexed
		}
		for _, c := range q.CoSpeakers {
			if c < 0 || c >= len(d.Mentions) {
				continue
			}
			k := actorOf(d.Mentions[c].Actor)
			if k < 0 || h.Speaks(ix.Actors[k].ID) {
				continue
			}
			h.CoSpeakers = append(h.CoSpeakers, QuoteSpeaker{ID: ix.Actors[k].ID, Name: d.Actors[d.Mentions[c].Actor].Name})
			ix.Actors[k].Quotes++
		}
	}
	n := 0
	for _, e := range d.Events {
		n += len(e.Source) + len(e.Target)
	}
	parties := make([]EventParty, 0, n) // one backing array for every event's parties
	ix.Events = make([]EventHit, len(d.Events))
	var seen []int // the parties of an event counted
	for ei, e := range d.Events {
		h := &ix.Events[ei]
		*h = EventHit{Doc: d.ID, Title: d.Title, Published: published, Index: ei, Code: e.Code, Plover: e.Plover,
			Status: e.Status, Date: e.TimeValue, Place: e.Place, Sentence: e.Evidence.In(d.Text),
			Evidence: e.Evidence, Trigger: e.Trigger}
		if h.Date == "" {
			h.Date = reportDate
		}
		seen = seen[:0]
		side := func(ps []EventActor) []EventParty {
			if len(ps) == 0 {
				return nil
			}
			start := len(parties)
			for _, p := range ps {
				ep := EventParty{Text: p.Text, Code: p.Code}
				if k := actorOf(p.Actor); k >= 0 {
					ep.ID, ep.Name = ix.Actors[k].ID, d.Actors[p.Actor].Name
					if !slices.Contains(seen, k) {
						seen = append(seen, k)
						ix.Actors[k].Events++
					}
				}
				parties = append(parties, ep)
			}
			return parties[start:len(parties):len(parties)]
		}
		h.Source, h.Target = side(e.Source), side(e.Target)
	}
	return ix
}

// Parties returns the distinct actor IDs of an event's sources and targets.
func (h *EventHit) Parties() []ActorID {
	var out []ActorID
	for _, side := range [2][]EventParty{h.Source, h.Target} {
		for _, p := range side {
			if p.ID != "" && !containsID(out, p.ID) {
				out = append(out, p.ID)
			}
		}
	}
	return out
}

func containsID(ids []ActorID, id ActorID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// naming reports whether a mention names its actor (not a pronoun, a
// description, a group member, a demonym or a capital standing for it).
func naming(m *Mention) bool {
	return m.Type != EntPron && m.Type != EntNom && (m.Role == "" || m.Role == RolePlace)
}

// DocActorID is the identity of a document actor across documents: its ID
// when it has one, else one derived from its type and normalised name in
// the form the actor pass gives unknown actors ("person/hugh-hill"), so
// that the same unknown actor in two reports is one actor.
func DocActorID(a *DocActor) ActorID {
	if a.ID != "" {
		return a.ID
	}
	kind := strings.ToLower(a.Type)
	if kind == "" {
		kind = "x"
	}
	var b strings.Builder
	for _, c := range []byte(NameKey(a.Name)) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		h := sha256.Sum256([]byte(a.Name))
		s = "x" + hex.EncodeToString(h[:4])
	}
	return ActorID(kind + "/" + s)
}

// NameKey normalises a name for matching: lower case, Latin diacritics
// folded, curly apostrophes straightened, periods and apostrophes dropped,
// other punctuation read as space, a leading "the" and a trailing
// possessive dropped, white space collapsed. "Zelenskyy’s" and
// "ZELENSKYY" have the key "zelenskyy"; "U.S." and "US" have one key.
func NameKey(name string) string {
	for _, poss := range []string{"'s", "’s", "'S", "’S"} {
		name = strings.TrimSuffix(name, poss)
	}
	var b strings.Builder
	b.Grow(len(name))
	space := true
	for _, r := range name {
		switch {
		case r == '.' || r == '\'' || r == '’' || r == '‘' || r == 'ʼ':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if f, ok := latinFold(r); ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	k := strings.TrimSuffix(b.String(), " ")
	return strings.TrimPrefix(k, "the ")
}

// NameKeys returns the keys a name is found under by a prefix search: the
// key of every word-initial suffix of its NameKey ("vladimir putin",
// "putin").
func NameKeys(name string) []string {
	k := NameKey(name)
	if k == "" {
		return nil
	}
	out := []string{k}
	for i := 0; i < len(k); i++ {
		if k[i] == ' ' {
			out = append(out, k[i+1:])
		}
	}
	return out
}

// latinFold folds a lower-case Latin letter with a diacritic to its base
// letters, as resolve.Key does.
func latinFold(r rune) (string, bool) {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return "a", true
	case 'æ':
		return "ae", true
	case 'ç', 'ć', 'ĉ', 'ċ', 'č':
		return "c", true
	case 'ď', 'đ', 'ð':
		return "d", true
	case 'è', 'é', 'ê', 'ë', 'ē', 'ĕ', 'ė', 'ę', 'ě':
		return "e", true
	case 'ĝ', 'ğ', 'ġ', 'ģ':
		return "g", true
	case 'ĥ', 'ħ':
		return "h", true
	case 'ì', 'í', 'î', 'ï', 'ĩ', 'ī', 'ĭ', 'į', 'ı':
		return "i", true
	case 'ĵ':
		return "j", true
	case 'ķ':
		return "k", true
	case 'ĺ', 'ļ', 'ľ', 'ŀ', 'ł':
		return "l", true
	case 'ñ', 'ń', 'ņ', 'ň':
		return "n", true
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ŏ', 'ő':
		return "o", true
	case 'œ':
		return "oe", true
	case 'ŕ', 'ŗ', 'ř':
		return "r", true
	case 'ś', 'ŝ', 'ş', 'š', 'ș':
		return "s", true
	case 'ß':
		return "ss", true
	case 'ţ', 'ť', 'ŧ', 'ț':
		return "t", true
	case 'þ':
		return "th", true
	case 'ù', 'ú', 'û', 'ü', 'ũ', 'ū', 'ŭ', 'ů', 'ű', 'ų':
		return "u", true
	case 'ŵ':
		return "w", true
	case 'ý', 'ÿ', 'ŷ':
		return "y", true
	case 'ź', 'ż', 'ž':
		return "z", true
	}
	return "", false
}
