package ecbplus

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Selected is the set of validated sentences: document name ("1_10ecb.xml")
// to the sentence numbers whose mentions were fully annotated.
type Selected map[string]map[int]bool

// Has reports whether sentence s of document doc is validated.
func (s Selected) Has(doc string, sent int) bool { return s[doc][sent] }

// ReadSelected reads ECBplus_coreference_sentences.csv: a header
// "Topic,File,Sentence Number" and rows like "1,10ecbplus,1" naming the
// document 1_10ecbplus.xml.
func ReadSelected(r io.Reader) (Selected, []Problem, error) {
	out := Selected{}
	var probs []Problem
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || (line == 1 && strings.HasPrefix(text, "Topic")) {
			continue
		}
		f := strings.Split(text, ",")
		if len(f) != 3 {
			probs = append(probs, Problem{Line: line, Col: 1, Message: fmt.Sprintf("want 3 fields, got %d", len(f))})
			continue
		}
		topic, file := strings.TrimSpace(f[0]), strings.TrimSpace(f[1])
		n, err := strconv.Atoi(strings.TrimSpace(f[2]))
		if topic == "" || file == "" || err != nil || n < 0 {
			probs = append(probs, Problem{Line: line, Col: 1, Message: fmt.Sprintf("bad row %q", text)})
			continue
		}
		doc := topic + "_" + file + ".xml"
		if out[doc] == nil {
			out[doc] = map[int]bool{}
		}
		out[doc][n] = true
	}
	return out, probs, sc.Err()
}

// StoryDoc is one row of doc_story_clusters.tsv.
type StoryDoc struct {
	Doc      string // 1_10ecb.xml
	Topic    string // 1
	Subtopic string // ecb or ecbplus
	Cluster  string // the seminal event: topic_subtopic
	Split    string // train, dev or test
}

// ReadStoryClusters reads doc_story_clusters.tsv (a header line, then
// doc, topic, subtopic, story_cluster, split separated by tabs).
func ReadStoryClusters(r io.Reader) ([]StoryDoc, []Problem, error) {
	var out []StoryDoc
	var probs []Problem
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || (line == 1 && strings.HasPrefix(text, "doc\t")) {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 5 || f[0] == "" || f[3] == "" {
			probs = append(probs, Problem{Line: line, Col: 1, Message: fmt.Sprintf("want 5 non-empty fields: %q", text)})
			continue
		}
		out = append(out, StoryDoc{Doc: f[0], Topic: f[1], Subtopic: f[2], Cluster: f[3], Split: f[4]})
	}
	return out, probs, sc.Err()
}
