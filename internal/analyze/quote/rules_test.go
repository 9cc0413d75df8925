package quote

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// describe renders the quotes of doc as "kind|content|cue|source|speaker".
func describe(doc *dateline.Document) []string {
	var out []string
	for _, q := range doc.Quotes {
		sp := ""
		if q.Speaker >= 0 {
			sp = doc.Mentions[q.Speaker].In(doc.Text)
		}
		out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s", q.Kind, q.In(doc.Text), q.Cue.In(doc.Text), q.Source.In(doc.Text), sp))
	}
	return out
}

// TestPatterns checks the pass without a model: quotation marks, cue
// patterns and speakers.
func TestPatterns(t *testing.T) {
	for _, tc := range []struct {
		text     string
		mentions []string
		want     []string
	}{
		{"“We will win,” said Smith.", []string{"Smith=PERSON"},
			[]string{"direct|“We will win,”|said|Smith|Smith"}},
		{"“We will win,” Smith said.", []string{"Smith=PERSON"},
			[]string{"direct|“We will win,”|said|Smith|Smith"}},
		{"Maria Lopez told reporters: “The plan is dead.”", []string{"Maria Lopez=PERSON"},
			[]string{"direct|“The plan is dead.”|told|Maria Lopez|Maria Lopez"}},
		{"Hugh Hill, a doctor, said: “It is very bad here.”", []string{"Hugh Hill=PERSON"},
			[]string{"direct|“It is very bad here.”|said|Hugh Hill|Hugh Hill"}},
		{"The minister said that the talks had failed.", nil,
			[]string{"indirect|the talks had failed|said|The minister|"}},
		{"The talks failed, according to Reuters.", []string{"Reuters=ORG"},
			[]string{"indirect|The talks failed|according to|Reuters|Reuters"}},
		{"According to the ministry, 40 people died.", nil,
			[]string{"indirect|40 people died|According to|the ministry|"}},
		{"Ruth Adams arrived late.\nShe warned the deal would collapse.", []string{"Ruth Adams=PERSON"},
			[]string{"indirect|the deal would collapse|warned|She|Ruth Adams"}},
		{"He had called Zelenskyy a “dictator”.", []string{"Zelenskyy=PERSON"},
			[]string{"word|“dictator”|called|He|"}},
		{"The so-called “peace plan” collapsed.", nil,
			[]string{"word|“peace plan”|||"}},
		{"Tom Reed spoke first.\n“This is the end of an era and we all know it.", []string{"Tom Reed=PERSON"},
			[]string{"direct|“This is the end of an era and we all know it.|||"}},
		{"“He represents our greatest shame.” ― Sonya Herridge", []string{"Sonya Herridge=PERSON"},
			[]string{"direct|“He represents our greatest shame.”|―|Sonya Herridge|Sonya Herridge"}},
		{"WALLACE: Will she be there?\nPENCE: She will not.", []string{"WALLACE=PERSON", "PENCE=PERSON"},
			[]string{"indirect|Will she be there?|:|WALLACE|WALLACE", "indirect|She will not.|:|PENCE|PENCE"}},
		{"And from Senator Ana Ruiz:\n“We will vote no.”", []string{"Ana Ruiz=PERSON"},
			[]string{"direct|“We will vote no.”|:|Senator Ana Ruiz|Ana Ruiz"}},
		{"“Prices will rise,” said Ana Ruiz. “Nobody can stop that now.”", []string{"Ana Ruiz=PERSON"},
			[]string{"direct|“Prices will rise,”|said|Ana Ruiz|Ana Ruiz", "direct|“Nobody can stop that now.”|||Ana Ruiz"}},
	} {
		for _, tagged := range []bool{false, true} {
			if tagged && !haveTagger() {
				continue
			}
			doc := segmented(t, tc.text, tagged, tc.mentions...)
			if err := New(nil).Run(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			checkQuotes(t, doc)
			if got := describe(doc); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("%q (tagged %v):\n got %q\nwant %q", tc.text, tagged, got, tc.want)
			}
		}
	}
}
