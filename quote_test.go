package dateline

import "testing"

func TestSpeakerNames(t *testing.T) {
	text := "Putin and Trump both said so. A man said yes."
	d := &Document{Text: text,
		Mentions: []Mention{
			{Span: Span{Start: 0, End: 5}, Type: EntPerson, Actor: 0},
			{Span: Span{Start: 10, End: 15}, Type: EntPerson, Actor: 1},
			{Span: Span{Start: 30, End: 35}, Type: EntPerson, Actor: -1},
		},
		Actors: []DocActor{{Name: "Vladimir Putin"}, {Name: "Donald Trump"}},
	}
	for _, tc := range []struct {
		q    Quote
		want string
	}{
		{Quote{Speaker: 1, CoSpeakers: []int{0}}, "Donald Trump & Vladimir Putin"},
		{Quote{Speaker: 2}, "A man"},                           // unresolved: the mention's text
		{Quote{Speaker: 2, CoSpeakers: []int{9, -1}}, "A man"}, // co-speakers out of range left out
		{Quote{Speaker: -1, CoSpeakers: []int{0}}, ""},         // no speaker, no names
		{Quote{Speaker: 3}, ""},                                // out of range
	} {
		if got := d.SpeakerNames(tc.q); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.q, got, tc.want)
		}
	}
}
