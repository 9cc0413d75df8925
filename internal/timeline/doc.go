// Package timeline builds the story-level views of a set of analysed
// reports: the timeline of events ordered by when they happened (not when
// they were reported), merged across reports, with the precision of each
// date; the actors' stated positions on the issues over time; and the
// expected events (scheduled, planned) followed until later reports settle
// them or their date passes. It also builds entity timelines in the manner
// of SemEval-2015 Task 4.
//
// It reads the annotation layers of analysed documents (events, times,
// actors, mentions, tokens) and imports the root package only. Builders are
// incremental and deterministic; nothing here reads the clock: the caller
// passes "now".
package timeline
