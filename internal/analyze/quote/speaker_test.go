package quote

import (
	"slices"
	"testing"

	"github.com/dateline-news/dateline"
)

// TestResolve checks speaker resolution on sources given by hand.
func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		text     string
		mentions []string
		source   string // the last occurrence is the source span
		want     string // the speaker mention's text; "" for none
	}{
		{"Donald Trump met Angela Merkel. He said so.", []string{"Donald Trump=PERSON", "Angela Merkel=PERSON"}, "He", "Donald Trump"},
		{"Mrs. Ruth Park met Tom Lee. Later she said so.", []string{"Ruth Park=PERSON", "Tom Lee=PERSON"}, "she", "Ruth Park"},
		{"Ukrainian President Volodymyr Zelenskyy met Donald Trump. The Ukrainian president said no.", []string{"Ukrainian=NORP", "Volodymyr Zelenskyy=PERSON", "Donald Trump=PERSON"}, "The Ukrainian president", "Volodymyr Zelenskyy"},
		{"A Kremlin spokesman said no.", []string{"Kremlin=ORG"}, "A Kremlin spokesman", "Kremlin"},
		{"Russia’s Vladimir Putin said no.", []string{"Russia=GPE", "Vladimir Putin=PERSON"}, "Russia’s Vladimir Putin", "Vladimir Putin"},
		{"They met Tom Reed, who said no.", []string{"Tom Reed=PERSON"}, "who", "Tom Reed"},
		{"Tom Reed met the ministers, who said no.", []string{"Tom Reed=PERSON"}, "who", ""},
		{"NATO met. It said no.", []string{"NATO=ORG"}, "It", "NATO"},
		{"Officials said no.", nil, "Officials", ""},
		{"’s said", nil, "’s", ""},
		{"Jane Doe spoke. Its members said no.", []string{"Jane Doe=PERSON"}, "Its", ""},
	} {
		doc := segmented(t, tc.text, false, tc.mentions...)
		v := newView(doc, parseLexicon(cueData), nil, nil)
		r := newResolver(v)
		at := lastIndex(tc.text, tc.source)
		got := ""
		if m := r.resolve(dateline.Span{Start: int32(at), End: int32(at + len(tc.source))}); m >= 0 {
			got = doc.Mentions[m].In(doc.Text)
		}
		if got != tc.want {
			t.Errorf("%q, source %q: speaker %q, want %q", tc.text, tc.source, got, tc.want)
		}
	}
}

func lastIndex(s, sub string) int {
	at := -1
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			at = i
		}
	}
	return at
}

// TestCoSpeakers checks the other speakers of joint sources given by hand.
func TestCoSpeakers(t *testing.T) {
	for _, tc := range []struct {
		text     string
		mentions []string
		source   string   // the last occurrence is the source span
		want     []string // speaker, then co-speakers, by mention text
		members  bool     // the mentions of the source are one group's members
	}{
		{"Putin and Trump both said the meeting was productive.", []string{"Putin=PERSON", "Trump=PERSON"}, "Putin and Trump", []string{"Trump", "Putin"}, false},
		{"Russia, China and Iran said no.", []string{"Russia=GPE", "China=GPE", "Iran=GPE"}, "Russia, China and Iran", []string{"Iran", "Russia", "China"}, false},
		{"Putin’s spokesman and adviser Dmitry Peskov said no.", []string{"Putin=PERSON", "Dmitry Peskov=PERSON"}, "Putin’s spokesman and adviser Dmitry Peskov", []string{"Dmitry Peskov"}, false},
		{"Ukrainian President Volodymyr Zelenskyy said no.", []string{"Ukrainian=NORP", "Volodymyr Zelenskyy=PERSON"}, "Ukrainian President Volodymyr Zelenskyy", []string{"Volodymyr Zelenskyy"}, false},
		{"Tom Lee and his wife said no.", []string{"Tom Lee=PERSON"}, "Tom Lee and his wife", []string{"Tom Lee"}, false},
		{"Ruth Park met Tom Lee. The two leaders said yes.", []string{"Ruth Park=PERSON", "Tom Lee=PERSON"}, "The two leaders", []string{"The two leaders", "The two leaders"}, true},
	} {
		doc := segmented(t, tc.text, false, tc.mentions...)
		if tc.members { // as the actor pass splits a group mention: one member mention per actor
			at := lastIndex(tc.text, tc.source)
			sp := dateline.Span{Start: int32(at), End: int32(at + len(tc.source))}
			doc.Mentions = append(doc.Mentions,
				dateline.Mention{Span: sp, Type: dateline.EntPerson, Actor: 0, Role: dateline.RoleMember},
				dateline.Mention{Span: sp, Type: dateline.EntPerson, Actor: 1, Role: dateline.RoleMember})
			doc.Mentions[0].Actor, doc.Mentions[1].Actor = 0, 1
			sortMentions(doc)
		}
		v := newView(doc, parseLexicon(cueData), nil, nil)
		r := newResolver(v)
		at := lastIndex(tc.text, tc.source)
		src := dateline.Span{Start: int32(at), End: int32(at + len(tc.source))}
		m := r.resolve(src)
		var got []string
		if m >= 0 {
			got = append(got, doc.Mentions[m].In(doc.Text))
			for _, c := range r.coSpeakers(src, m) {
				got = append(got, doc.Mentions[c].In(doc.Text))
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q, source %q: speakers %q, want %q", tc.text, tc.source, got, tc.want)
		}
	}
}
