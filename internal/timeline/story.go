package timeline

import (
	"time"

	"github.com/dateline-news/dateline"
)

// Story is the story-level view of a set of reports: its timeline, the
// actors' positions and the expected events.
type Story struct {
	Timeline     []Entry       `json:"timeline"`
	Positions    []Position    `json:"positions"`
	Expectations []Expectation `json:"expectations"`
}

// Analyse builds the view of a story's reports. now is the clock for
// expected events (those past their date and grace with no news are
// missed); a zero now leaves them open.
func Analyse(docs []*dateline.Document, opt Options, now time.Time) Story {
	return Story{
		Timeline:     Build(docs, opt),
		Positions:    Positions(docs),
		Expectations: Follow(docs, opt.Grace, now),
	}
}
