package actor

import (
	"strings"

	"github.com/dateline-news/dateline"
)

// nameKey normalises a name for comparison inside a document. It is
// dateline.NameKey, the key the knowledge base and the store's actor index
// use, so a name matches here exactly when it matches there.
func nameKey(name string) string { return dateline.NameKey(name) }

// skeleton reduces a key to a transliteration-insensitive form (y and j
// after a vowel as i, kh as h, ph as f, w as v, ck as k, ou as u, doubled
// letters as one): Zelenskyy, Zelensky and Zelenskiy meet.
func skeleton(key string) string {
	b := []byte(key)
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		var next byte
		if i+1 < len(b) {
			next = b[i+1]
		}
		switch {
		case c == 'y':
			c = 'i'
		case c == 'k' && next == 'h':
			c = 'h'
			i++
		case c == 'p' && next == 'h':
			c = 'f'
			i++
		case c == 'c' && next == 'k':
			c = 'k'
			i++
		case c == 'w':
			c = 'v'
		case c == 'o' && next == 'u':
			c = 'u'
			i++
		case c == 'j' && i > 0 && strings.IndexByte("aeiou", b[i-1]) >= 0:
			c = 'i'
		}
		if len(out) > 0 && out[len(out)-1] == c && c != ' ' {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// sameName reports whether two name keys are spelling variants: equal
// skeletons, or skeletons of at least six letters one edit apart.
func sameName(a, b string) bool {
	if a == b {
		return true
	}
	sa, sb := skeleton(a), skeleton(b)
	if sa == sb {
		return true
	}
	return len(sa) >= 6 && len(sb) >= 6 && within1(sa, sb)
}

// within1 reports whether a and b are at most one edit apart.
func within1(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

// slug is the ID part of a name: "Volodymyr Zelenskyy" → "volodymyr-zelenskyy".
func slug(name string) string {
	k := nameKey(name)
	var b strings.Builder
	for i := 0; i < len(k); i++ {
		switch c := k[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('-')
		}
	}
	if s := strings.Trim(b.String(), "-"); s != "" {
		return s
	}
	return "x"
}

// titles are the words that may precede a person's name in a mention or
// just before it ("President", "Russian leader", "Mr"), lower case.
var titles = map[string]bool{
	"president": true, "prime": true, "minister": true, "chancellor": true, "premier": true, "king": true,
	"queen": true, "prince": true, "princess": true, "pope": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "sen": true, "senator": true, "rep": true, "representative": true, "gov": true,
	"governor": true, "gen": true, "general": true, "col": true, "lt": true, "adm": true, "admiral": true,
	"secretary": true, "foreign": true, "defence": true, "defense": true, "leader": true, "ambassador": true,
	"envoy": true, "spokesman": true, "spokeswoman": true, "vice": true, "deputy": true, "sir": true,
	"dame": true, "lord": true, "lady": true, "sheikh": true, "ayatollah": true, "crown": true,
	"supreme": true, "former": true, "mayor": true, "judge": true, "justice": true, "chief": true,
	"commander": true, "state": true, "interior": true, "finance": true, "opposition": true, "speaker": true,
}

// offices are the nouns of a person's office that make a description of
// one person ("the Russian president"), singular → true, plural → false.
var offices = map[string]bool{
	"president": true, "presidents": false, "leader": true, "leaders": false, "premier": true,
	"premiers": false, "chancellor": true, "chancellors": false, "king": true, "queen": true,
	"monarch": true, "ruler": true, "rulers": false, "dictator": true, "counterpart": true,
	"counterparts": false, "minister": true, "ministers": false, "head": true, "heads": false,
}

// govNouns after a person or country name designate its government ("the
// Trump administration", "the Russian government").
var govNouns = map[string]bool{"administration": true, "government": true, "regime": true, "cabinet": true}

// groupNouns are plural nouns that, with a number or "both", designate a
// group of persons already named ("the two leaders", "both men").
var groupNouns = map[string]bool{
	"leaders": true, "presidents": true, "men": true, "women": true, "sides": true, "heads": true,
	"premiers": true, "counterparts": true, "rivals": true, "allies": false,
}

var numbers = map[string]int{"two": 2, "three": 3, "four": 4, "both": 2, "2": 2, "3": 3}

// pronouns maps the personal pronouns the pass resolves to their
// agreement class.
type pronClass uint8

const (
	pronMasc pronClass = iota + 1
	pronFem
	pronPlural
	pronThing
)

var pronouns = map[string]pronClass{
	"he": pronMasc, "him": pronMasc, "his": pronMasc, "himself": pronMasc,
	"she": pronFem, "her": pronFem, "hers": pronFem, "herself": pronFem,
	"they": pronPlural, "them": pronPlural, "their": pronPlural, "themselves": pronPlural, "theirs": pronPlural,
	"its": pronThing,
}

// objectPronouns cannot corefer with the subject of their own clause
// (binding condition B): "Trump praised him".
var objectPronouns = map[string]bool{"him": true, "her": true, "them": true}

// placePreps before a capital make it a place ("travel to Washington").
var placePreps = map[string]bool{
	"in": true, "to": true, "at": true, "into": true, "near": true, "toward": true, "towards": true,
	"outside": true, "across": true, "through": true, "via": true, "around": true, "inside": true,
	"visit": true, "visited": true, "visiting": true, "over": true, "across from": true, "within": true,
}
