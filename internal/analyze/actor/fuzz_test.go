package actor_test

import (
	"context"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/analyze/segment"
)

// FuzzRun runs the pass on arbitrary text with arbitrary mention spans and
// types, its tokens tagged by their case when tags is odd (so that names the
// recogniser missed are looked up): it must not panic and must leave valid,
// sorted layers.
func FuzzRun(f *testing.F) {
	f.Add("President Trump said he and Russia’s Vladimir Putin met in Moscow.", uint16(10), uint16(15), uint8(0), uint16(36), uint16(50), uint8(1), uint8(0))
	f.Add("Then President obama met iSrael’s envoy in Moscow and the Islamic State’s Senate.", uint16(24), uint16(30), uint8(1), uint16(79), uint16(85), uint8(1), uint8(1))
	f.Add("The US and Russian presidents – “both leaders” – said they would meet.", uint16(4), uint16(6), uint8(2), uint16(11), uint16(18), uint8(3), uint8(1))
	f.Add("Kyiv’s view", uint16(0), uint16(4), uint8(2), uint16(99), uint16(3), uint8(5), uint8(3))
	types := []string{dateline.EntPerson, dateline.EntOrg, dateline.EntGPE, dateline.EntNORP, dateline.EntLoc, dateline.EntMisc}
	seg := segment.New()
	p := actor.New(kb(f))
	f.Fuzz(func(t *testing.T, text string, s1, e1 uint16, t1 uint8, s2, e2 uint16, t2 uint8, tags uint8) {
		doc := &dateline.Document{Text: text}
		if err := seg.Run(context.Background(), doc); err != nil {
			t.Skip()
		}
		if tags&1 == 1 {
			upos := []string{"PROPN", "NOUN", "PUNCT", "VERB"}
			for i := range doc.Tokens {
				w := doc.Tokens[i].In(text)
				switch {
				case w != "" && w[0] >= 'A' && w[0] <= 'Z':
					doc.Tokens[i].UPOS = upos[int(tags>>1)%2]
				default:
					doc.Tokens[i].UPOS = upos[1+int(tags>>2)%3]
				}
			}
		}
		doc.Mentions = []dateline.Mention{
			{Span: dateline.Span{Start: int32(s1), End: int32(e1)}, Type: types[int(t1)%len(types)], Actor: -1},
			{Span: dateline.Span{Start: int32(s2), End: int32(e2)}, Type: types[int(t2)%len(types)], Actor: -1},
		}
		if err := p.Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkLayers(t, doc)
	})
}
