package dateline

import (
	"context"
	"encoding/json"
	"time"
)

// StoryID identifies a story: the reports that tell one event. Stories are
// numbered by the story clusterer in order of creation, from 0.
type StoryID int64

// StoryMark places one stored document in a story and says whether it is a
// republished copy of an earlier document.
type StoryMark struct {
	Doc         DocID   `json:"doc"`
	Story       StoryID `json:"story"`
	Original    DocID   `json:"original,omitempty"`    // the document this one copies; empty for an original
	Resemblance float64 `json:"resemblance,omitempty"` // estimated shingle resemblance with Original
	// Sketch is the storyteller's opaque near-duplicate sketch of the
	// document, kept so that a later run finds copies of it. Stores keep it
	// as given; it is not part of the JSON form.
	Sketch []byte `json:"-"`
}

// StorySummary is the listing form of a story.
type StorySummary struct {
	ID        StoryID   `json:"id"`
	Label     string    `json:"label"`
	Documents int       `json:"documents"`        // reports in the story, copies included
	Copies    int       `json:"copies"`           // of which republished copies
	First     time.Time `json:"first,omitzero"`   // earliest publication date of its reports
	Last      time.Time `json:"last,omitzero"`    // latest publication date of its reports
	Updated   time.Time `json:"updated,omitzero"` // when the view was last rebuilt
}

// StoryRecord is a stored story: its summary, its documents and its view
// (timeline, positions, expectations, events, claims, flags) as JSON, whose
// shape belongs to the storyteller that wrote it.
type StoryRecord struct {
	StorySummary
	Marks []StoryMark     `json:"marks,omitempty"` // filled by StoryStore.Story; ignored by SaveStories
	View  json.RawMessage `json:"view,omitempty"`
}

// StoryUpdate is one batch of story changes, written in one transaction.
type StoryUpdate struct {
	Marks   []StoryMark   // documents placed or moved; a mark replaces the document's earlier one
	Stories []StoryRecord // stories rebuilt; a record replaces the story's earlier one
	Dropped []StoryID     // stories left without documents, removed
	State   []byte        // the clusterer's state after the batch; nil keeps the stored state
	// Version is the state version the batch was computed from (as
	// StoryState returned it, then one more for each batch saved since).
	// SaveStories refuses the update with ErrConflict when the stored
	// version differs: another process grouped documents meanwhile.
	Version int64
}

// StoryQuery selects stories. Stories are listed latest first.
type StoryQuery struct {
	Limit  int // 0: a default of 50
	Offset int
}

// StoryStore keeps stories beside the documents of a Store. A store that
// implements it is grouped into stories by the storyteller after each
// ingest (internal/worker). Implementations: internal/sqlite.
type StoryStore interface {
	// Unstoried returns up to limit stored documents that have no story
	// mark yet, in the order they were stored.
	Unstoried(ctx context.Context, limit int) ([]DocID, error)
	// StoryState returns the clusterer's state saved by the last
	// SaveStories (nil when none was saved) and its version (0 when none).
	StoryState(ctx context.Context) (state []byte, version int64, err error)
	// RecentSketches returns the marks (with their sketches) of the n
	// documents marked last, oldest first.
	RecentSketches(ctx context.Context, n int) ([]StoryMark, error)
	// StoryMarks returns the marks of a story's documents, in the order the
	// documents were stored.
	StoryMarks(ctx context.Context, id StoryID) ([]StoryMark, error)
	// SaveStories applies one batch of changes in one transaction and
	// advances the state version by one; it fails with ErrConflict, and
	// writes nothing, when the stored version is not u.Version.
	SaveStories(ctx context.Context, u StoryUpdate) error
	// Stories lists stories, latest first.
	Stories(ctx context.Context, q StoryQuery) ([]StorySummary, error)
	// CountStories returns the number of stored stories.
	CountStories(ctx context.Context) (int, error)
	// Story returns one story with its marks and view, or ErrNotFound.
	Story(ctx context.Context, id StoryID) (*StoryRecord, error)
	// StoryOf returns the mark of a document, or ErrNotFound when the
	// document has none.
	StoryOf(ctx context.Context, doc DocID) (StoryMark, error)
}
