package article

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// datelineHit is a dateline found at the start of a piece: the byte range
// of the place text within the piece, and the place normalised.
type datelineHit struct {
	piece      int
	start, end int
	place      string
}

// The dateline grammar, at the start of the lede:
//
//	PLACE [, REGION] [, DATE] [(AGENCY)] DASH
//
// PLACE is in capitals ("ANCHORAGE", "ST. PETERSBURG", "RIO DE JANEIRO"),
// or in title case when an agency or a region follows ("Kyiv, Ukraine —").
// REGION is a state, province or country in any case ("Alaska", "Calif.",
// "N.Y."); DATE a short date ("Aug 15", "15 August"); AGENCY a wire service
// in parentheses ("(Reuters)", "(AP)"); DASH a hyphen, en or em dash, or a
// double hyphen, with spaces around it.
var (
	capsWord  = `(?:[\p{Lu}][\p{Lu}\p{M}'’.\-]*[\p{Lu}.]|[\p{Lu}]\.)`
	capsPlace = capsWord + `(?:\s+(?:` + capsWord + `|de|del|da|do|dos|la|le|al|el|am|an|of|upon))*`
	titleWord = `[\p{Lu}][\p{Ll}\p{M}'’\-]+`
	titlePl   = titleWord + `(?:\s+(?:` + titleWord + `|de|del|da|do|la|le|al|el|am|an|of))*`
	region    = `(?:[\p{Lu}][\p{L}\p{M}.'’\-]*)(?:\s+[\p{Lu}][\p{L}\p{M}.'’\-]*){0,3}`
	shortDate = `(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)(?:,?\s+\d{4})?`
	agency    = `\((?:[\p{Lu}][\p{L}&.\- ]{0,30}|dpa|afp)\)`
	dash      = `(?:\s+(?:-|--)\s+|\s*(?:–|—|--)\s*)`

	// capsDateline: capitals, then anything optional, then the dash.
	rxCapsDateline = regexp.MustCompile(`^(` + capsPlace + `)((?:,\s*` + region + `)?)(?:,\s*` + shortDate + `)?(?:\s*` + agency + `)?` + dash)
	// titleDateline: title-case place needs a region or an agency.
	rxTitleDateline = regexp.MustCompile(`^(` + titlePl + `)((?:,\s*` + region + `)?)(?:,\s*` + shortDate + `)?(\s*` + agency + `)?` + dash)
)

// findDateline looks for a dateline at the start of s. It returns the byte
// range of the place (PLACE and REGION, without the dash) and the place
// normalised ("Anchorage, Alaska").
func findDateline(s string) (start, end int, place string, ok bool) {
	if m := rxCapsDateline.FindStringSubmatchIndex(s); m != nil {
		city := s[m[2]:m[3]]
		if !plausibleCapsPlace(city) {
			return 0, 0, "", false
		}
		end = m[3]
		reg := ""
		if m[4] < m[5] {
			end = m[5]
			reg = strings.TrimSpace(strings.TrimPrefix(s[m[4]:m[5]], ","))
		}
		return 0, end, normalisePlace(city, reg), true
	}
	if m := rxTitleDateline.FindStringSubmatchIndex(s); m != nil {
		hasRegion := m[4] < m[5]
		hasAgency := m[6] < m[7]
		if !hasRegion && !hasAgency {
			return 0, 0, "", false
		}
		city := s[m[2]:m[3]]
		if utf8.RuneCountInString(city) > 30 {
			return 0, 0, "", false
		}
		end = m[3]
		reg := ""
		if hasRegion {
			end = m[5]
			reg = strings.TrimSpace(strings.TrimPrefix(s[m[4]:m[5]], ","))
			if utf8.RuneCountInString(reg) > 30 {
				return 0, 0, "", false
			}
		}
		return 0, end, normalisePlace(city, reg), true
	}
	return 0, 0, "", false
}

// plausibleCapsPlace rejects capital runs that are not places: too long,
// or a single short acronym ("UN", "US") that opens a sentence in capitals.
func plausibleCapsPlace(city string) bool {
	n := utf8.RuneCountInString(city)
	if n > 40 {
		return false
	}
	letters := 0
	for _, r := range city {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if notPlaces[strings.ToUpper(strings.Trim(city, ".:"))] {
		return false
	}
	return letters >= 3 || strings.Contains(city, " ")
}

// notPlaces are capitalised labels that open a story like a dateline.
var notPlaces = map[string]bool{"BREAKING": true, "BREAKING NEWS": true, "UPDATE": true, "UPDATED": true,
	"EXCLUSIVE": true, "ANALYSIS": true, "OPINION": true, "WATCH": true, "LIVE": true, "FACTBOX": true,
	"EXPLAINER": true, "COMMENT": true, "EDITORIAL": true, "REVIEW": true, "INTERVIEW": true,
	"CORRECTION": true, "FEATURE": true, "ADVISORY": true, "URGENT": true, "FLASH": true, "NEW": true,
	"PHOTOS": true, "VIDEO": true, "EDITOR'S NOTE": true, "EDITOR’S NOTE": true, "NOTE": true,
	"FILE": true, "WARNING": true, "ALERT": true, "SPOILER": true, "PODCAST": true, "Q&A": true}

// lowerParticles stay in lower case inside a place name.
var lowerParticles = map[string]bool{"de": true, "del": true, "da": true, "do": true, "dos": true,
	"la": true, "le": true, "al": true, "el": true, "am": true, "an": true, "of": true, "upon": true}

// usStates expands AP state abbreviations.
var usStates = map[string]string{
	"Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
	"Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
	"Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
	"Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
	"Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
	"N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
	"N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
	"R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
	"Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
	"Wis.": "Wisconsin", "Wyo.": "Wyoming", "D.C.": "D.C.",
}

// apUnabbreviated are the states AP style never abbreviates in datelines.
var apUnabbreviated = []string{"Alaska", "Hawaii", "Idaho", "Iowa", "Maine", "Ohio", "Texas", "Utah"}

// isUSState reports whether name is a US state (or D.C.) written in full.
func isUSState(name string) bool {
	for _, full := range usStates {
		if full == name {
			return true
		}
	}
	for _, s := range apUnabbreviated {
		if s == name {
			return true
		}
	}
	return false
}

// normalisePlace title-cases a place in capitals, expands a state
// abbreviation and names the country of a US state:
// ("ST. PETERSBURG", "Fla.") -> "St. Petersburg, Florida, United States".
func normalisePlace(city, reg string) string {
	words := strings.Fields(city)
	for i, w := range words {
		lw := strings.ToLower(w)
		if i > 0 && lowerParticles[lw] {
			words[i] = lw
			continue
		}
		if isAllCaps(w) && !(strings.Count(w, ".") >= 2) { // keep initials like "U.S."
			words[i] = titleCase(lw)
		}
	}
	out := strings.Join(words, " ")
	if reg != "" {
		reg = strings.Join(strings.Fields(reg), " ")
		if full, ok := usStates[reg]; ok {
			reg = full
		} else if isAllCaps(reg) && utf8.RuneCountInString(reg) > 3 {
			reg = titleCase(strings.ToLower(reg))
		}
		out += ", " + reg
		if isUSState(reg) {
			out += ", United States"
		}
	}
	return out
}

func isAllCaps(s string) bool {
	has := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			has = true
		}
	}
	return has
}

// titleCase upper-cases the first letter of s and of every part after a
// hyphen, apostrophe or space: "port-au-prince" -> "Port-Au-Prince".
func titleCase(s string) string {
	var sb strings.Builder
	up := true
	for _, r := range s {
		if up && unicode.IsLetter(r) {
			sb.WriteRune(unicode.ToUpper(r))
			up = false
			continue
		}
		sb.WriteRune(r)
		if r == '-' || r == ' ' || r == '.' {
			up = true
		}
	}
	return sb.String()
}
