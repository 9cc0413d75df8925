// Package dateline is the domain vocabulary of dateline: documents with byte
// spans into one immutable text, the annotation layers the analysis passes
// write, the cross-document objects the store keeps, and the interfaces that
// adapters implement. It imports the standard library only.
package dateline

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Schema is the version tag of the JSON form of an analysed document.
const Schema = "dateline/v1"

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int32 `json:"start"`
	End   int32 `json:"end"`
}

// Len is the number of bytes the span covers.
func (s Span) Len() int { return int(s.End - s.Start) }

// Valid reports whether 0 <= Start <= End <= n.
func (s Span) Valid(n int) bool { return s.Start >= 0 && s.Start <= s.End && int(s.End) <= n }

// In returns the text the span covers; it returns "" for a span out of bounds.
func (s Span) In(text string) string {
	if !s.Valid(len(text)) {
		return ""
	}
	return text[s.Start:s.End]
}

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// DocID identifies a document: a hash of its source and canonical text.
type DocID string

// NewDocID derives the stable ID of a document from its source key (URL,
// GUID, WARC record ID or path; may be empty) and its canonical text.
func NewDocID(sourceKey, text string) DocID {
	h := sha256.New()
	h.Write([]byte(sourceKey))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return DocID(hex.EncodeToString(h.Sum(nil))[:24])
}

// SourceRef says where a document came from.
type SourceRef struct {
	Kind    string    `json:"kind,omitempty"`   // intake format: text, html, feed, jsonl, warc, url
	URL     string    `json:"url,omitempty"`    // canonical URL when known
	GUID    string    `json:"guid,omitempty"`   // feed entry GUID
	Record  string    `json:"record,omitempty"` // WARC record ID
	Path    string    `json:"path,omitempty"`   // file name (relative, as given) when read from disk
	Line    int       `json:"line,omitempty"`   // line number in a JSONL file, item number in a feed
	Outlet  string    `json:"outlet,omitempty"` // publisher or site name
	Fetched time.Time `json:"fetched,omitzero"` // when the bytes were fetched
}

// Key is the part of the source that distinguishes documents with the same
// text: the URL, else the GUID, else the WARC record, else the path.
func (s SourceRef) Key() string {
	switch {
	case s.URL != "":
		return s.URL
	case s.GUID != "":
		return s.GUID
	case s.Record != "":
		return s.Record
	}
	return ""
}

// BlockKind classifies a block of the text.
type BlockKind string

// Block kinds. Only paragraph, title, deck, heading and caption blocks carry
// the report's own sentences; boilerplate and credit blocks are skipped by
// the analysis passes.
const (
	BlockTitle       BlockKind = "title"
	BlockDeck        BlockKind = "deck"
	BlockParagraph   BlockKind = "paragraph"
	BlockHeading     BlockKind = "heading"
	BlockCaption     BlockKind = "caption"
	BlockCredit      BlockKind = "credit"
	BlockByline      BlockKind = "byline"
	BlockBoilerplate BlockKind = "boilerplate"
)

// Analysed reports whether the passes read blocks of this kind as the
// report's own text.
func (k BlockKind) Analysed() bool {
	switch k {
	case BlockTitle, BlockDeck, BlockParagraph, BlockHeading, BlockCaption:
		return true
	}
	return false
}

// Block is a span of the text with its layout kind. Blocks are disjoint,
// sorted, and separated by newlines in Text.
type Block struct {
	Span
	Kind BlockKind `json:"kind"`
}

// Dateline is the place line that opens a wire report ("ANCHORAGE, Alaska –").
type Dateline struct {
	Span         // the place text, without the dash
	Place string `json:"place"` // normalised: "Anchorage, Alaska"
}

// Token is one token with its tags and its dependency arc.
type Token struct {
	Span
	UPOS  string `json:"upos,omitempty"`
	XPOS  string `json:"xpos,omitempty"`
	Lemma string `json:"lemma,omitempty"`
	Feats string `json:"feats,omitempty"` // UD morphological features where cheap (Tense=Past|VerbForm=Fin)
	Head  int32  `json:"head"`            // index into Tokens of the head; -1 for the root or unparsed
	Dep   string `json:"dep,omitempty"`   // UD relation
}

// Sentence is a sentence span with the range of its tokens.
type Sentence struct {
	Span
	Tokens [2]int32 `json:"tokens"` // half-open token index range [first, last)
}

// Entity types of mentions.
const (
	EntPerson = "PERSON"
	EntOrg    = "ORG"
	EntGPE    = "GPE"
	EntLoc    = "LOC"
	EntNORP   = "NORP"
	EntEvent  = "EVENT"
	EntMisc   = "MISC"
	EntPron   = "PRON"    // a pronoun resolved by the actor pass
	EntNom    = "NOMINAL" // a description: "the Russian president"
)

// Mention is a span that names or refers to an actor.
type Mention struct {
	Span
	Type  string `json:"type"`           // PERSON, ORG, GPE, LOC, NORP, EVENT, MISC, PRON, NOMINAL
	Actor int    `json:"actor"`          // index into Document.Actors; -1 when unresolved
	Role  string `json:"role,omitempty"` // one of the Role constants; "" for the actor itself
}

// Mention roles: how a mention stands for its actor, when not simply by
// naming it. The actor pass writes them; the quote pass, the index and the
// resolver read them.
const (
	RoleCapital    = "capital-for-government" // "Moscow" acting for Russia's government
	RoleGovernment = "government"             // "the Trump administration": the country's government
	RoleAttribute  = "attribute"              // "Russian" in "Russian President Vladimir Putin"; "Trump" in "the Trump administration"
	RoleMember     = "member"                 // one member of a group mention ("the two leaders")
	RolePlace      = "place"                  // a place, not an actor ("travel to Washington")
)

// DocActor is an actor as one document knows it: its mentions clustered.
type DocActor struct {
	ID       ActorID `json:"id,omitempty"`   // knowledge-base identity once resolved
	Name     string  `json:"name"`           // canonical name
	Type     string  `json:"type"`           // PERSON, ORG, GPE, ...
	Code     string  `json:"code,omitempty"` // CAMEO actor code (USA, RUSGOV, ...)
	Role     string  `json:"role,omitempty"` // the role at publication time
	Mentions []int   `json:"mentions"`       // indexes into Document.Mentions
}

// Time expression types (TIMEX3).
const (
	TimeDate     = "DATE"
	TimeTime     = "TIME"
	TimeDuration = "DURATION"
	TimeSet      = "SET"
)

// TimeExpr is a normalised time expression.
type TimeExpr struct {
	Span
	Type   string `json:"type"`          // DATE, TIME, DURATION, SET
	Value  string `json:"value"`         // TIMEX3 value: 2025-08-15, P3Y, PRESENT_REF, XXXX-WXX-5
	Mod    string `json:"mod,omitempty"` // APPROX, LESS_THAN, MORE_THAN, START, MID, END, ...
	Anchor int    `json:"anchor"`        // -1: the publication date; else index into Times
}

// Quote kinds.
const (
	QuoteDirect   = "direct"
	QuoteIndirect = "indirect"
	QuoteMixed    = "mixed"
	QuoteWord     = "word" // a quoted word or scare quote
)

// Quote is one attribution: content, cue and source.
type Quote struct {
	Span           // the content
	Kind    string `json:"kind"`
	Cue     Span   `json:"cue"`
	Source  Span   `json:"source"`  // the source text; zero when none found
	Speaker int    `json:"speaker"` // index into Mentions; -1 unknown
	// CoSpeakers are the other speakers of a joint statement ("Putin and
	// Trump both said", "the two leaders said"): indexes into Mentions, each
	// of a different actor than Speaker and than one another.
	CoSpeakers []int `json:"co_speakers,omitempty"`
}

// MentionName is the name of the actor of mention mi, else the mention's
// text; "" when mi is no mention of d.
func (d *Document) MentionName(mi int) string {
	if mi < 0 || mi >= len(d.Mentions) {
		return ""
	}
	m := d.Mentions[mi]
	if m.Actor >= 0 && m.Actor < len(d.Actors) {
		return d.Actors[m.Actor].Name
	}
	return m.In(d.Text)
}

// SpeakerNames names the speakers of q, a quote of d: its speaker, then the
// other speakers of a joint statement, joined by " & " ("Donald Trump &
// Vladimir Putin"); "" when its speaker is unknown.
func (d *Document) SpeakerNames(q Quote) string {
	s := d.MentionName(q.Speaker)
	if s == "" {
		return ""
	}
	for _, c := range q.CoSpeakers {
		if n := d.MentionName(c); n != "" {
			s += " & " + n
		}
	}
	return s
}

// Event statuses.
const (
	StatusHappened    = "happened"
	StatusNotHappened = "not_happened"
	StatusPlanned     = "planned"
	StatusRefused     = "refused"
	StatusConditional = "conditional"
	StatusHedged      = "hedged"
	StatusRetracted   = "retracted"
	StatusOngoing     = "ongoing"
)

// EventActor is a participant of an event.
type EventActor struct {
	Actor int    `json:"actor"` // index into Document.Actors; -1 when only text is known
	Text  string `json:"text"`
	Code  string `json:"code,omitempty"`
}

// Event is one coded event: who did what to whom, when and where.
type Event struct {
	Code      string       `json:"code"`             // CAMEO code
	Plover    string       `json:"plover,omitempty"` // PLOVER event type
	Source    []EventActor `json:"source,omitempty"`
	Target    []EventActor `json:"target,omitempty"`
	Time      int          `json:"time"` // index into Times; -1: the report date
	TimeValue string       `json:"time_value,omitempty"`
	Place     string       `json:"place,omitempty"`
	Status    string       `json:"status"`
	Trigger   Span         `json:"trigger"`
	Evidence  Span         `json:"evidence"` // the sentence
	Asserter  int          `json:"asserter"` // index into Quotes when a quoted speaker asserts it; -1: the outlet
}

// Severity of a diagnostic.
type Severity string

const (
	SevInfo    Severity = "info"
	SevWarning Severity = "warning"
	SevError   Severity = "error"
)

// Diagnostic is a problem found in the input: data, not a failure.
type Diagnostic struct {
	Span     Span     `json:"span"`
	Pass     string   `json:"pass"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// Document is one report: its metadata, its immutable text, and the
// annotation layers the passes write. Each layer is written by exactly one
// pass, sorted by span start, and cross-referenced by index.
type Document struct {
	ID        DocID     `json:"id"`
	Source    SourceRef `json:"source"`
	Published time.Time `json:"published,omitzero"` // the anchor for relative time; zero when unknown
	Title     string    `json:"title,omitempty"`
	Deck      string    `json:"deck,omitempty"`
	Byline    string    `json:"byline,omitempty"`
	Lang      string    `json:"lang,omitempty"`
	Dateline  *Dateline `json:"dateline,omitempty"`
	Text      string    `json:"text"`
	Blocks    []Block   `json:"blocks"`

	Sentences []Sentence   `json:"sentences,omitempty"`
	Tokens    []Token      `json:"tokens,omitempty"`
	Mentions  []Mention    `json:"mentions,omitempty"`
	Actors    []DocActor   `json:"actors,omitempty"`
	Times     []TimeExpr   `json:"times,omitempty"`
	Quotes    []Quote      `json:"quotes,omitempty"`
	Events    []Event      `json:"events,omitempty"`
	Diags     []Diagnostic `json:"diagnostics,omitempty"`
}

// Diag records a diagnostic on the document.
func (d *Document) Diag(pass string, sev Severity, span Span, msg string) {
	d.Diags = append(d.Diags, Diagnostic{Span: span, Pass: pass, Severity: sev, Message: msg})
}

// Asides returns the spans of the blocks that are not the report's own
// text (credits, bylines, boilerplate: the kinds for which Analysed is
// false), adjacent ones merged. Stores keep them out of the full-text
// index. When the blocks are malformed (out of bounds, unsorted or
// overlapping) it returns nil: nothing is set aside.
func (d *Document) Asides() []Span {
	var out []Span
	var prev int32
	for _, b := range d.Blocks {
		if !b.Span.Valid(len(d.Text)) || b.Start < prev {
			return nil
		}
		prev = b.End
		if b.Kind.Analysed() || b.Start == b.End {
			continue
		}
		if n := len(out); n > 0 && out[n-1].End == b.Start {
			out[n-1].End = b.End
			continue
		}
		out = append(out, b.Span)
	}
	return out
}

// AnalysedBlocks returns the blocks whose text the passes analyse.
func (d *Document) AnalysedBlocks() []Block {
	out := make([]Block, 0, len(d.Blocks))
	for _, b := range d.Blocks {
		if b.Kind.Analysed() {
			out = append(out, b)
		}
	}
	return out
}
