// Package cluster groups reports: republished copies (MinHash with LSH
// banding over word shingles), stories (incremental clustering of analysed
// documents as they arrive) and events (cross-document event coreference:
// one event told by many reports becomes one record with all its sources).
//
// Every index here is incremental, deterministic given the input order, and
// keeps compact state whose cost per document does not grow with the size
// of the collection. The package reads the root dateline types only; the
// store persists the state through the export and import methods.
package cluster
