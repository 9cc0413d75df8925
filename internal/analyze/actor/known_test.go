package actor_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/resolve"
)

// dictKB is a small knowledge base of made-up states, as the PETRARCH unit
// tests' dictionaries are: one-word entries the builder files as ORG.
func dictKB(t *testing.T) *resolve.KB {
	t.Helper()
	kb, probs := resolve.New([]resolve.Entry{
		{Actor: dateline.Actor{Name: "Arnor", Type: dateline.EntOrg, Code: "ARN"}},
		{Actor: dateline.Actor{Name: "Gondor", Type: dateline.EntOrg, Code: "GON", Aliases: []string{"Minas Tirith"}}},
		{Actor: dateline.Actor{Name: "Romendacil", Type: dateline.EntOrg, Code: "BRE"}},
		{Actor: dateline.Actor{Name: "Israel", Type: dateline.EntGPE, Code: "ISR"}},
		{Actor: dateline.Actor{Name: "Al-Qaeda", Type: dateline.EntOrg, Code: "IMGMUSALQ"}},
		{Actor: dateline.Actor{Name: "Ithilen", Type: dateline.EntGPE, Code: "ITH"}},
		{Actor: dateline.Actor{Name: "Calenardhon", Type: dateline.EntGPE, Code: "CAL", Aliases: []string{"Calimehtar"}}},
		{Actor: dateline.Actor{Name: "Barack Obama", Type: dateline.EntPerson, Code: "USAGOV", Aliases: []string{"Obama"}}},
	}, []resolve.Agent{{Name: "MINISTER", Code: "GOV"}, {Name: "PRESIDENT", Code: "GOV"}})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return kb
}

// tagged is handDoc with every token tagged: PROPN when capitalised,
// NOUN else, except the words listed with their own tag ("Arnor=NOUN").
func tagged(t *testing.T, text string, tags []string, mentions ...string) *dateline.Document {
	t.Helper()
	doc := handDoc(t, text, mentions...)
	own := map[string]string{}
	for _, tg := range tags {
		w, p, _ := strings.Cut(tg, "=")
		own[w] = p
	}
	for i := range doc.Tokens {
		w := doc.Tokens[i].In(doc.Text)
		switch {
		case own[w] != "":
			doc.Tokens[i].UPOS = own[w]
		case w != "" && w[0] >= 'A' && w[0] <= 'Z':
			doc.Tokens[i].UPOS = "PROPN"
		default:
			doc.Tokens[i].UPOS = "NOUN"
		}
	}
	return doc
}

// TestKnownNames: every name the knowledge base knows is tried, whatever the
// recogniser made of it: untagged proper nouns get mentions, a PERSON or
// MISC mention of a state is the state, a titled name is a person of the
// country the knowledge base files it under, a lower-case name after a title
// and a name in odd case are found.
func TestKnownNames(t *testing.T) {
	k := dictKB(t)
	for _, tc := range []struct {
		text     string
		tags     []string
		mentions []string
		want     []string // "text=CODE TYPE"; CODE "-" for none
	}{
		{"Arnor restored ties with Gondor.", nil, []string{"PERSON:Gondor"},
			[]string{"Arnor=ARN ORG", "Gondor=GON ORG"}},
		{"An MSF Arnor diplomat met envoys from Minas Tirith.", []string{"MSF=NOUN", "Arnor=NOUN"}, nil,
			[]string{"Arnor=ARN ORG", "Minas Tirith=GON ORG"}},
		{"Talks with Arnor resumed.", nil, []string{"MISC:Arnor"}, []string{"Arnor=ARN ORG"}},
		{"Prime Minister Romendacil flew to Gondor.", nil, []string{"PERSON:Romendacil", "GPE:Gondor"},
			[]string{"Romendacil=BREGOV PERSON", "Gondor=GON ORG"}},
		{"Then President obama praised iSrael’s “restraint”.", []string{"iSrael=PUNCT"}, nil,
			[]string{"obama=USAGOV PERSON", "iSrael=ISR GPE"}},
		// A title makes a person of a name filed under a country; the
		// possessor across adjectives is the person's country.
		{"Ithilen’s awful and evil minister Calimehtar warned them.", []string{"awful=ADJ", "and=CCONJ", "evil=ADJ"},
			[]string{"GPE:Ithilen", "ORG:Calimehtar"}, []string{"Ithilen=ITH GPE", "Calimehtar=ITHGOV PERSON"}},
		{"Calenardhon leader Calimehtar warned them.", nil,
			[]string{"GPE:Calenardhon", "LOC:Calimehtar"}, []string{"Calenardhon=CAL GPE", "Calimehtar=CAL PERSON"}},
		// A name split at its hyphen is joined when the whole is known.
		{"Fighters linked to Al-Qaeda fled to Gondor-Arnor roads.", nil, []string{"LOC:Al", "PERSON:Qaeda", "GPE:Gondor"},
			[]string{"Al-Qaeda=IMGMUSALQ ORG", "Gondor=GON ORG", "Arnor=ARN ORG"}},
		// A capitalised noun is looked up, even first in its sentence; a
		// lower-case noun without a title is not.
		{"Gondor troops met obama supporters.", []string{"Gondor=NOUN"}, nil, []string{"Gondor=GON ORG"}},
		// A surname the report gives in full stays the person's.
		{"Ana Gondor, a farmer, said Gondor had fled.", nil, []string{"PERSON:Ana Gondor", "PERSON:Gondor"},
			[]string{"Ana Gondor=- PERSON", "Gondor=- PERSON"}},
	} {
		doc := tagged(t, tc.text, tc.tags, tc.mentions...)
		doc.Published = time.Date(2014, 5, 1, 0, 0, 0, 0, time.UTC)
		if err := actor.New(k).Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkLayers(t, doc)
		var got []string
		for _, m := range doc.Mentions {
			if m.Type == dateline.EntPron || m.Type == dateline.EntNom {
				continue
			}
			code := "-"
			if m.Actor >= 0 && doc.Actors[m.Actor].Code != "" {
				code = doc.Actors[m.Actor].Code
			}
			typ := m.Type
			if m.Actor >= 0 {
				typ = doc.Actors[m.Actor].Type
			}
			got = append(got, m.In(doc.Text)+"="+code+" "+typ)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// TestInstitutions: a generic institution is the country's that owns it,
// and an unknown organisation with a country and an agent word is coded
// from them, as PETRARCH's agent rules would.
func TestInstitutions(t *testing.T) {
	k := kb(t)
	for _, tc := range []struct {
		text     string
		mentions []string
		want     string // "mention=CODE"
	}{
		{"Opponents of Rwanda’s Senate protested.", []string{"GPE:Rwanda", "ORG:Senate"}, "Senate=RWALEG"},
		{"The Rwandan Senate voted.", []string{"ORG:Rwandan Senate"}, "Rwandan Senate=RWALEG"},
		{"The Senate voted.", []string{"ORG:Senate"}, "Senate=USAGOVLEG"},
		{"America’s Senate voted.", []string{"GPE:America", "ORG:Senate"}, "Senate=USAGOVLEG"},
		{"A Malaysia Airlines jet landed.", []string{"ORG:Malaysia Airlines"}, "Malaysia Airlines=MYSBUS"},
		{"Ruritania Holdings said “no”.", []string{"ORG:Ruritania Holdings"}, "Ruritania Holdings=-"},
	} {
		doc := handDoc(t, tc.text, tc.mentions...)
		if err := actor.New(k).Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkLayers(t, doc)
		name, want, _ := strings.Cut(tc.want, "=")
		for _, m := range doc.Mentions {
			if m.In(doc.Text) != name {
				continue
			}
			code := "-"
			if m.Actor >= 0 && doc.Actors[m.Actor].Code != "" {
				code = doc.Actors[m.Actor].Code
			}
			if code != want {
				t.Errorf("%q: %s = %s, want %s\n%s", tc.text, name, code, want, dump(doc))
			}
		}
	}
}

// TestDefiniteMention: the article before a mention counts for the names
// the knowledge base knows only with it.
func TestDefiniteMention(t *testing.T) {
	k := kb(t)
	for _, tc := range []struct {
		text, want string
	}{
		{"Jets struck the Islamic State near the border.", "IMGMUSISI"},
		{"He called for an Islamic State in the region.", "-"},
	} {
		doc := handDoc(t, tc.text, "ORG:Islamic State")
		if err := actor.New(k).Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkLayers(t, doc)
		code := "-"
		if m := doc.Mentions[0]; m.Actor >= 0 && doc.Actors[m.Actor].Code != "" {
			code = doc.Actors[m.Actor].Code
		}
		if code != tc.want {
			t.Errorf("%q: %s, want %s\n%s", tc.text, code, tc.want, dump(doc))
		}
	}
}
