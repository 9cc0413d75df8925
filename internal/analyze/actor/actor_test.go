package actor_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/analyze/segment"
)

// handDoc segments text and adds the mentions given as "TYPE:text", found
// in order in the text (so a tagger-free, model-free test).
func handDoc(t *testing.T, text string, mentions ...string) *dateline.Document {
	t.Helper()
	doc := &dateline.Document{Text: text, Published: time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)}
	doc.Blocks = []dateline.Block{{Span: dateline.Span{Start: 0, End: int32(len(text))}, Kind: dateline.BlockParagraph}}
	if err := segment.New().Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	from := 0
	for _, m := range mentions {
		typ, s, _ := strings.Cut(m, ":")
		i := strings.Index(text[from:], s)
		if i < 0 {
			t.Fatalf("mention %q not found after %d", s, from)
		}
		start := from + i
		doc.Mentions = append(doc.Mentions, dateline.Mention{Span: dateline.Span{Start: int32(start), End: int32(start + len(s))}, Type: typ, Actor: -1})
		from = start + len(s)
	}
	return doc
}

// TestOwnSentences runs the pass with the real knowledge base on our own
// sentences. Each want is "text#n=actor-id[role]": the n-th mention (1-based)
// with that text belongs to the actor (and has the role); "=-" means
// unresolved.
func TestOwnSentences(t *testing.T) {
	k := kb(t)
	for _, tc := range []struct {
		text     string
		mentions []string
		want     []string
	}{
		{
			"Ukrainian President Volodymyr Zelensky met Olaf Scholz. Zelenskiy said he wanted “more air defence”.",
			[]string{"NORP:Ukrainian", "PERSON:Volodymyr Zelensky", "PERSON:Olaf Scholz", "PERSON:Zelenskiy"},
			[]string{"Ukrainian#1=gpe/ukraine[attribute]", "Volodymyr Zelensky#1=person/volodymyr-zelenskyy", "Zelenskiy#1=person/volodymyr-zelenskyy", "he#1=person/volodymyr-zelenskyy"},
		},
		{
			"Moscow’s envoy flew to Kyiv. Moscow said talks with Kyiv would resume, and Washington welcomed it.",
			[]string{"GPE:Moscow", "GPE:Kyiv", "GPE:Moscow", "GPE:Kyiv", "GPE:Washington"},
			[]string{"Moscow#1=gpe/russia[capital-for-government]", "Kyiv#1=gpe/kyiv[place]", "Moscow#2=gpe/russia[capital-for-government]", "Washington#1=gpe/united-states[capital-for-government]"},
		},
		{
			"Trump spoke to reporters in Trump Tower. The Trump administration later denied it.",
			[]string{"PERSON:Trump", "LOC:Trump Tower", "GPE:Trump"},
			[]string{"Trump#1=person/donald-trump", "Trump#2=person/donald-trump[attribute]", "The Trump administration#1=gpe/united-states[government]"},
		},
		{
			"Prime Minister Keir Starmer met the French president in London on Tuesday, and the two leaders signed a pact.",
			[]string{"PERSON:Keir Starmer", "NORP:French", "GPE:London"},
			[]string{"Keir Starmer#1=person/keir-starmer", "the French president#1=nominal/french-president", "London#1=gpe/london[place]", "the two leaders#1=person/keir-starmer[member]", "the two leaders#2=nominal/french-president[member]"},
		},
		{
			"Angela Merkel met Emmanuel Macron. She praised him, and they agreed on a fund.",
			[]string{"PERSON:Angela Merkel", "PERSON:Emmanuel Macron"},
			[]string{"She#1=person/emmanuel-macron", "him#1=person/emmanuel-macron"},
		},
		{
			"Ivan Petrenko, a farmer near Odesa, said his harvest was lost. Petrenko blamed the shelling.",
			[]string{"PERSON:Ivan Petrenko", "GPE:Odesa", "PERSON:Petrenko"},
			[]string{"Ivan Petrenko#1=person/ivan-petrenko", "Petrenko#1=person/ivan-petrenko", "his#1=person/ivan-petrenko", "Odesa#1=gpe/odesa[place]"},
		},
		{
			// ð and æ fold as the knowledge base and the store fold them
			// (dateline.NameKey), so the English spelling is the same actor.
			"Sigurður Ingi Jóhannsson met Lars Løkke Ræsmussen. Later Sigurdur Ingi Johannsson and Raesmussen spoke.",
			[]string{"PERSON:Sigurður Ingi Jóhannsson", "PERSON:Lars Løkke Ræsmussen", "PERSON:Sigurdur Ingi Johannsson", "PERSON:Raesmussen"},
			[]string{"Sigurður Ingi Jóhannsson#1=person/sigurdur-ingi-johannsson", "Sigurdur Ingi Johannsson#1=person/sigurdur-ingi-johannsson", "Lars Løkke Ræsmussen#1=person/lars-lokke-raesmussen", "Raesmussen#1=person/lars-lokke-raesmussen"},
		},
		{
			"NATO said its members would meet. The alliance’s chief, Mark Rutte, agreed.",
			[]string{"ORG:NATO", "PERSON:Mark Rutte"},
			[]string{"NATO#1=org/nato", "its#1=org/nato", "Mark Rutte#1=person/mark-rutte"},
		},
	} {
		doc := handDoc(t, tc.text, tc.mentions...)
		if err := actor.New(k).Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkLayers(t, doc)
		for _, w := range tc.want {
			lhs, rhs, _ := strings.Cut(w, "=")
			text, nth, _ := strings.Cut(lhs, "#")
			wantID, wantRole, _ := strings.Cut(strings.TrimSuffix(rhs, "]"), "[")
			n := int(nth[0] - '0')
			found := false
			for _, m := range doc.Mentions {
				if m.In(doc.Text) != text {
					continue
				}
				if n--; n > 0 {
					continue
				}
				found = true
				id := "-"
				if m.Actor >= 0 {
					id = string(doc.Actors[m.Actor].ID)
				}
				if id != wantID || m.Role != wantRole {
					t.Errorf("%q: %s: %s [%s], want %s [%s]\n%s", tc.text, lhs, id, m.Role, wantID, wantRole, dump(doc))
				}
				break
			}
			if !found {
				t.Errorf("%q: no mention %s\n%s", tc.text, lhs, dump(doc))
			}
		}
	}
}

// TestNoKB: without a knowledge base the pass still clusters names and
// keeps every named actor.
func TestNoKB(t *testing.T) {
	doc := handDoc(t, "Maria Ortega won. Ortega thanked voters in Oaxaca, and Ortega’s rival conceded.",
		"PERSON:Maria Ortega", "PERSON:Ortega", "GPE:Oaxaca", "PERSON:Ortega")
	if err := actor.New(nil).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkLayers(t, doc)
	if len(doc.Actors) != 2 || doc.Actors[0].ID != "person/maria-ortega" || len(doc.Actors[0].Mentions) != 3 || doc.Actors[1].ID != "gpe/oaxaca" {
		t.Errorf("actors:\n%s", dump(doc))
	}
}

// TestBadInput: mentions out of bounds are dropped with a diagnostic,
// empty documents are fine, multi-byte text keeps its offsets.
func TestBadInput(t *testing.T) {
	doc := &dateline.Document{Text: "“Zelensky” – in Kyiv’s view"}
	doc.Mentions = []dateline.Mention{
		{Span: dateline.Span{Start: 3, End: 11}, Type: dateline.EntPerson, Actor: -1},
		{Span: dateline.Span{Start: 20, End: 99}, Type: dateline.EntGPE, Actor: -1},
		{Span: dateline.Span{Start: -1, End: 2}, Type: dateline.EntGPE, Actor: -1},
	}
	if err := actor.New(kb(t)).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkLayers(t, doc)
	if len(doc.Mentions) != 1 || len(doc.Diags) != 2 || doc.Actors[0].ID != "person/volodymyr-zelenskyy" {
		t.Errorf("mentions %+v diags %+v actors %+v", doc.Mentions, doc.Diags, doc.Actors)
	}
	empty := &dateline.Document{}
	if err := actor.New(nil).Run(context.Background(), empty); err != nil || len(empty.Actors) != 0 {
		t.Errorf("empty: %v %+v", err, empty.Actors)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := actor.New(nil).Run(ctx, empty); err == nil {
		t.Error("no error after cancel")
	}
}

// TestSurnameAtDate: a surname alone, not named in full in the report, is
// the person of that name in office at the report's date.
func TestSurnameAtDate(t *testing.T) {
	k := kb(t)
	for _, tc := range []struct {
		pub  time.Time
		want string
	}{
		{time.Date(2008, 8, 6, 0, 0, 0, 0, time.UTC), "person/george-w-bush"},
		{time.Date(1991, 3, 1, 0, 0, 0, 0, time.UTC), "person/george-bush"},
	} {
		doc := handDoc(t, "Before leaving for the summit, President Bush met exiled dissidents.", "PERSON:Bush")
		doc.Published = tc.pub
		if err := actor.New(k).Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkLayers(t, doc)
		if m := doc.Mentions[0]; m.Actor < 0 || string(doc.Actors[m.Actor].ID) != tc.want || !strings.HasSuffix(doc.Actors[m.Actor].Code, "GOV") {
			t.Errorf("%s: Bush: %s", tc.pub.Format("2006"), dump(doc))
		}
	}
}
