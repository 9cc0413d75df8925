package segment

import (
	"strings"
	"testing"
)

// sentences returns the sentences of one block joined by " ‖ ".
func sentences(s *Segmenter, text string) string {
	toks, sents := s.Segment(text, 0, nil, nil)
	parts := make([]string, len(sents))
	for i, se := range sents {
		parts[i] = text[se.Start:se.End]
		if se.Start != toks[se.Tokens[0]].Start || se.End != toks[se.Tokens[1]-1].End {
			parts[i] = "BAD TOKEN RANGE"
		}
	}
	return strings.Join(parts, " ‖ ")
}

func TestSentences(t *testing.T) {
	s := New()
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"One.", "One."},
		{"No final punctuation", "No final punctuation"},
		{"One. Two.", "One. ‖ Two."},
		{"One! Two? Three.", "One! ‖ Two? ‖ Three."},
		{"Really?! Yes.", "Really?! ‖ Yes."},
		{"One.Two.", "One. ‖ Two."},
		{"He left. 2025 was hard.", "He left. ‖ 2025 was hard."},
		{"He left. then he came back.", "He left. ‖ then he came back."},
		// abbreviations
		{"Mr. Smith went home.", "Mr. Smith went home."},
		{"Gen. Milley spoke. He left.", "Gen. Milley spoke. ‖ He left."},
		{"She met Dr. Who and Sen. Murkowski.", "She met Dr. Who and Sen. Murkowski."},
		{"He lives in the U.S. He said so.", "He lives in the U.S. ‖ He said so."},
		{"The U.S. Army said so.", "The U.S. Army said so."},
		{"The U.S. and Russia met.", "The U.S. and Russia met."},
		{"Troops left the U.S. But not all.", "Troops left the U.S. ‖ But not all."},
		{"It opened at 10 a.m. The crowd cheered.", "It opened at 10 a.m. ‖ The crowd cheered."},
		{"It opened at 10 a.m. Eastern time.", "It opened at 10 a.m. Eastern time."},
		{"He works for Acme Inc. The firm grew.", "He works for Acme Inc. ‖ The firm grew."},
		{"Acme Inc. shares rose.", "Acme Inc. shares rose."},
		{"Cats, dogs, etc. They all came.", "Cats, dogs, etc. ‖ They all came."},
		{"Cats, dogs, etc. and birds.", "Cats, dogs, etc. and birds."},
		{"Some fruit, e.g. Apples, are red.", "Some fruit, e.g. Apples, are red."},
		{"Roe v. Wade was overturned.", "Roe v. Wade was overturned."},
		{"On Sept. 11 they struck.", "On Sept. 11 they struck."},
		{"It was Jan. 6. He was there.", "It was Jan. 6. ‖ He was there."},
		{"He lives at No. 10 Downing St. It is old.", "He lives at No. 10 Downing St. ‖ It is old."},
		{"Seattle, Wash. The rain fell.", "Seattle, Wash. ‖ The rain fell."},
		{"Maj. Gen. Igor Konashenkov said so.", "Maj. Gen. Igor Konashenkov said so."},
		// initials
		{"J. K. Rowling wrote it.", "J. K. Rowling wrote it."},
		{"J.K. Rowling wrote it.", "J.K. Rowling wrote it."},
		{"George W. Bush spoke.", "George W. Bush spoke."},
		{"It was Plan B. The rest failed.", "It was Plan B. ‖ The rest failed."},
		{"Malcolm X. Shabazz", "Malcolm X. Shabazz"},
		// quotes and brackets
		{"“We won,” he said. “Now we rest.”", "“We won,” he said. ‖ “Now we rest.”"},
		{"He said: “We won.” Then he left.", "He said: “We won.” ‖ Then he left."},
		{"“Why?” he asked.", "“Why?” he asked."},
		{"“Stop!” she shouted. He stopped.", "“Stop!” she shouted. ‖ He stopped."},
		{`"We won." He smiled.`, `"We won." ‖ He smiled.`},
		{`He said "no." She agreed.`, `He said "no." ‖ She agreed.`},
		{"He left (finally.) She stayed.", "He left (finally.) ‖ She stayed."},
		{"(He left.) She stayed.", "(He left.) ‖ She stayed."},
		{"It ended.’ He paused.", "It ended.’ ‖ He paused."},
		{"The end. [12] Next part.", "The end. [12] ‖ Next part."},
		{"Great food. :) Will come back.", "Great food. :) ‖ Will come back."},
		{"Why? he asked", "Why? ‖ he asked"},
		// ellipses
		{"Well... I don't know.", "Well... ‖ I don't know."},
		{"Well... maybe not.", "Well... maybe not."},
		{"He paused… Then spoke.", "He paused… ‖ Then spoke."},
		{"He paused… and spoke.", "He paused… and spoke."},
		// numbers and lists
		{"It cost $2.5m. Few paid.", "It cost $2.5m. ‖ Few paid."},
		{"Rates rose 2.5%. Markets fell.", "Rates rose 2.5%. ‖ Markets fell."},
		{"Version 1.5 is out.", "Version 1.5 is out."},
		{"1. Buy milk\n2. Sell eggs", "1. Buy milk ‖ 2. Sell eggs"},
		{"Steps:\n- Buy milk\n- Sell eggs", "Steps: ‖ - Buy milk ‖ - Sell eggs"},
		{"Items\n• One\n• Two", "Items ‖ • One ‖ • Two"},
		// line breaks
		{"High Stakes, Limited Results\nFor the first time, he spoke.", "High Stakes, Limited Results ‖ For the first time, he spoke."},
		{"A line that was wrapped by the sender at about seventy columns, and\nthen continued on the next line.", "A line that was wrapped by the sender at about seventy columns, and\nthen continued on the next line."},
		{"A wrapped line of prose that goes on long enough to be wrapped there\nBy Jane Smith and others in the same paragraph.", "A wrapped line of prose that goes on long enough to be wrapped there\nBy Jane Smith and others in the same paragraph."},
		{"First paragraph.\n\nSecond paragraph", "First paragraph. ‖ Second paragraph"},
		// one paragraph per line: a line longer than hard-wrapped text has
		{"A photo caption that runs on for longer than any hard-wrapped line of text would ever run in print/Reuters\nPutin arrived.", "A photo caption that runs on for longer than any hard-wrapped line of text would ever run in print/Reuters ‖ Putin arrived."},
		{"Heading\n\nbody text", "Heading ‖ body text"},
		{"Short heading\nThe body of the article follows on the next line of the same block, long enough.", "Short heading ‖ The body of the article follows on the next line of the same block, long enough."},
		// multi-byte
		{"Zelenskyy’s aide spoke. Putin’s didn’t.", "Zelenskyy’s aide spoke. ‖ Putin’s didn’t."},
		{"Київ мовчить. Москва теж.", "Київ мовчить. ‖ Москва теж."},
		{"Talks – again – failed. “Sad,” he said.", "Talks – again – failed. ‖ “Sad,” he said."},
	} {
		if got := sentences(s, tc.in); got != tc.want {
			t.Errorf("Sentences(%q)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}
