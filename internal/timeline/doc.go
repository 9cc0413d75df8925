// Package timeline builds the story-level views of a set of analysed reports.
package timeline
