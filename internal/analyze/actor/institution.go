package actor

import (
	"strings"

	"github.com/dateline-news/dateline"
)

// institution links an organisation mention that a country qualifies: a
// generic institution the knowledge base files under one country
// ("Senate": the US Congress) is the qualifying country's when another
// country owns it ("Rwanda’s Senate", "the Rwandan Senate": RWALEG), and an
// organisation the knowledge base does not know is coded as PETRARCH's
// agent rules would code it, from its country words and its agent words
// ("Malaysia Airlines": MYSBUS). It reports whether it linked the mention.
func (r *run) institution(mi int, known *dateline.Actor) bool {
	m := &r.ms[mi]
	if m.Type != dateline.EntOrg && m.Type != dateline.EntMisc || m.tok0 < 0 {
		return false
	}
	country, words := r.qualifier(m)
	if country == "" || len(words) == 0 {
		return false
	}
	rest := strings.Join(words, " ")
	var code string
	if known != nil {
		// Only a generic institution changes hands: its name is an agent
		// noun and nothing more.
		ag, _, prefix := r.kb.Agent(rest)
		if ag == "" || prefix || homeCode(known) == country {
			return false
		}
		code = country + ag
	} else {
		code = r.agentCode(country, words)
		if code == "" {
			return false
		}
	}
	name := r.text[m.Start:m.End]
	key := "inst:" + code + ":" + nameKey(rest)
	ci, ok := r.byKey[key]
	if !ok {
		ci = r.add(&cluster{name: name, typ: dateline.EntOrg, key: key, code: code, country: country, last: -1})
	}
	r.link(mi, ci)
	return true
}

// homeCode is the country part of a known actor's code ("USA" for
// USAGOVLEG), "" for transnational codes.
func homeCode(a *dateline.Actor) string {
	if len(a.Code) < 3 || orgPrefix(a.Code) {
		return ""
	}
	return a.Code[:3]
}

func orgPrefix(code string) bool {
	switch code[:min(3, len(code))] {
	case "IGO", "NGO", "IMG", "MNC":
		return true
	}
	return false
}

// qualifier returns the country that qualifies mention m — a country name
// or demonym leading it ("Rwandan Senate"), or a country mention right
// before it, possessive or not ("Rwanda’s Senate", "Syrian | Senate") — and
// the mention's words after the leading country words.
func (r *run) qualifier(m *ment) (country string, words []string) {
	i := m.tok0
	for ; i < m.tok1; i++ {
		w := r.word(i)
		if w == "’s" || w == "'s" {
			continue
		}
		c, kind := r.kb.Country(w)
		if c == nil || kind != AsName && kind != AsDemonym {
			break
		}
		if country == "" {
			country = c.Code
		}
	}
	for t := i; t < m.tok1; t++ {
		if w := r.word(t); w != "’s" && w != "'s" {
			words = append(words, w)
		}
	}
	if country != "" {
		return country, words
	}
	t := m.tok0 - 1
	if t >= 0 && r.sameSent(t, m.tok0) && (r.word(t) == "’s" || r.word(t) == "'s") {
		t--
	}
	if t < 0 || !r.sameSent(t, m.tok0) {
		return "", words
	}
	pm := r.tokMent[t]
	if pm < 0 || r.ms[pm].tok1 != t+1 || r.ms[pm].Actor < 0 {
		return "", words
	}
	c := r.cls[r.ms[pm].Actor]
	if c.typ != dateline.EntGPE || c.place || c.kb == nil {
		return "", words
	}
	return c.country, words
}

// agentCode composes a country's code with the agents named in words, the
// longest agent phrase first at each word ("Airlines" → BUS), each agent
// once; prefix agents go before the country. "" when words name no agent.
func (r *run) agentCode(country string, words []string) string {
	var pre, post string
	for i := 0; i < len(words); {
		n := 0
		for j := min(len(words), i+4); j > i; j-- {
			if ag, _, prefix := r.kb.Agent(strings.Join(words[i:j], " ")); ag != "" {
				if prefix {
					pre += ag
				} else if !strings.Contains(post, ag) {
					post += ag
				}
				n = j - i
				break
			}
		}
		if n == 0 {
			n = 1
		}
		i += n
	}
	if pre == "" && post == "" {
		return ""
	}
	return pre + country + post
}
