package quote

import (
	"strings"
	"testing"
)

func TestScanMarks(t *testing.T) {
	for _, tc := range []struct {
		text  string
		want  []string // region texts; a trailing "+" marks unclosed, "~" continued
		diags int
	}{
		{"He said “yes” and “no” today.", []string{"“yes”", "“no”"}, 0},
		{"“She told me ‘never’ twice,” he said.", []string{"“She told me ‘never’ twice,”", "‘never’"}, 0},
		{`"Go home," he said. "Now."`, []string{`"Go home,"`, `"Now."`}, 0},
		{"«Nous verrons», a-t-il dit.", []string{"«Nous verrons»"}, 0},
		{"‘Madness,’ she said.", []string{"‘Madness,’"}, 0},
		{"The leaders’ talks didn’t end in Kyiv’s favour.", nil, 0},
		{"“An opening mark that never closes.", []string{"“An opening mark that never closes.+"}, 1},
		{"A closing mark” from nowhere.", nil, 1},
		{"“First paragraph of a long quote.\n“Second paragraph,” she said.", []string{"“First paragraph of a long quote.~", "“Second paragraph,”"}, 0},
		{"“Outer ‘inner” closes the outer.", []string{"“Outer ‘inner”"}, 1},
		{"“A” “B” “C”", []string{"“A”", "“B”", "“C”"}, 0},
		{"He called it “a ‘so-called’ deal” – twice.", []string{"“a ‘so-called’ deal”", "‘so-called’"}, 0},
	} {
		doc := segmented(t, tc.text, false)
		v := newView(doc, parseLexicon(cueData), nil, nil)
		var got []string
		for _, r := range v.regions {
			s := v.span(r.open, r.close).In(doc.Text)
			if !r.closed {
				if r.continued {
					s += "~"
				} else {
					s += "+"
				}
			}
			got = append(got, s)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
		if len(doc.Diags) != tc.diags {
			t.Errorf("%q: %d diagnostics, want %d: %+v", tc.text, len(doc.Diags), tc.diags, doc.Diags)
		}
	}
}
