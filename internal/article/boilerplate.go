package article

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// Boilerplate lines: links to other stories, calls to read more, sign up,
// share or follow, advertising labels, copyright and time-stamp lines. Each
// rule is about the page furniture of news sites in general, in English and
// a few other languages of the gold data (German, French, Spanish).
var (
	// A label alone on its line.
	rxBoilerAlone = regexp.MustCompile(`(?i)^(?:advertisement|advertising|advert|ad|sponsored|sponsored content|paid content|paid post|partner content|anzeige|werbung|publicité|publicidad|story continues below(?: advertisement)?|article continues below(?: advertisement)?|continue reading(?: below)?|scroll to continue(?: with content)?|read more|read the full (?:story|article)|more|show more|load more|see more|keep reading|read next|up next|next article|previous article|related|related articles|related stories|related content|related coverage|more on this story|more stories|most read|most popular|trending|recommended|recommended for you|top stories|share|share this|share this (?:article|story|page|post)|share on \w+|tweet|email|print|copy link|link copied|follow us|comments|leave a comment|leave a reply|\d+ comments?|weiterlesen|mehr lesen|mehr zum thema|lesen sie auch|auch interessant|das könnte sie auch interessieren|teilen|artikel teilen|drucken|lire aussi|lire la suite|à lire aussi|partager|leer más|compartir|skip to (?:main )?content|back to top|you may also like|you might also like|more from this author|related posts|popular posts|recent posts|previous post|next post|latest news|latest stories|join the conversation|be part of the conversation|share your thoughts|comments are closed|weitere themen|weitere artikel|weitere beiträge|weitere nachrichten|ähnliche artikel|ähnliche beiträge|empfohlene beiträge|empfohlene artikel|schon gelesen\?|das könnte (?:dich|sie) auch interessieren|meistgelesen|meist gelesen|meistgelesene artikel|meist diskutiert|meist-diskutiert|vorheriger artikel|nächster artikel|zum nächsten artikel|vorschau auf den nächsten artikel|externer inhalt|pour lire la suite|à lire également|sur le même sujet|articles similaires|también te puede interesar|noticias relacionadas|artículos relacionados|listen to (?:this|the) (?:article|story)|\d+ min(?:ute)?s? read|image|photo|video|gallery|enlarge|toggle caption|hide caption|expand)\s*[.:!»›>→]*$`)

	// A label followed by a link text: "Related: ...", "Read more: ...".
	rxBoilerLead = regexp.MustCompile(`(?i)^(?:related|related articles?|related stories|related coverage|related content|read more|read also|also read|read next|see also|more on this(?: story)?|more from [\p{L} ]{1,30}|recommended|recommended reading|watch|watch now|watch live|listen|listen now|most read|most popular|trending(?: now)?|further reading|don['’]t miss|editor['’]s picks?|explore more|up next|continue reading|keep reading|mehr zum thema|lesen sie auch|lesen sie mehr|auch interessant|siehe auch|weitere informationen|lire aussi|à lire aussi|voir aussi|lea también|vea también|te puede interesar)\s*(?::|\||›|»|>|→|–|—|-)\s*\S`)

	// Newsletter, subscription, app and social calls to action.
	rxBoilerCall = regexp.MustCompile(`(?i)^(?:sign up|subscribe|register|join|get|download|follow|like|click|tap|listen|watch|read|don['’]t miss|never miss|want|for more|to get|stay (?:informed|updated|up to date)|jetzt|abonnieren|melden sie sich|folgen sie|inscrivez-vous|abonnez-vous|suscríbete)\b.{0,160}\b(?:newsletters?|subscri\w+|sign up|inbox|our app|the app|app store|google play|podcast|follow us|on (?:twitter|x|facebook|instagram|linkedin|tiktok|youtube|telegram|whatsapp|threads|bluesky)|click here|tap here|here to (?:read|watch|subscribe|sign)|rss|e-?mail alerts?|breaking news alerts?)\b.{0,80}$`)

	// Lines made only of network names and separators.
	rxBoilerSocial = regexp.MustCompile(`(?i)^(?:(?:share|teilen|partager|compartir)(?: (?:on|via|auf|sur|en))?\s*[:|]?\s*)?(?:(?:facebook|twitter|x|whatsapp|e-?mail|linkedin|pinterest|reddit|telegram|messenger|print|copy link|flipboard|xing|tumblr|mastodon|bluesky|threads|sms)(?:\s*[|•·,/]\s*|\s+|$))+$`)

	rxBoilerClick     = regexp.MustCompile(`(?i)^(?:click|tap) here\b`)
	rxBoilerCopyright = regexp.MustCompile(`(?i)^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b`)
	rxBoilerNote      = regexp.MustCompile(`(?i)^(?:this (?:article|story|piece) (?:was|has been|is) (?:originally |first )?(?:published|republished|syndicated|produced|adapted)|(?:image|photo) source,|(?:our standards|the thomson reuters trust principles)\b)`)

	// Time stamps: "Published 15 August 2025", "Updated: Aug. 15, 2025 3:04 p.m. ET".
	rxStamp = regexp.MustCompile(`(?i)^(?:published|updated|posted|last updated|last modified|first published|veröffentlicht|aktualisiert|stand|publié|mis à jour|publicado|actualizado)\b\s*(?:on|at|am|le|el)?\s*:?\s*\S`)

	// Reporting credits at the foot of wire copy.
	rxReportCredit = regexp.MustCompile(`^(?:\(?(?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Ff]act-checking|[Rr]esearch) by\b|\(?[Ww]ith (?:additional )?reporting by\b|(?:[A-Z][\w.’'-]* ){0,3}(?:[Ww]riters?|[Cc]orrespondents?|[Rr]eporters?|[Jj]ournalists?) .{0,120}\bcontributed(?: to)? (?:this|the) (?:report|story|article)\b)`)
)

// rxSectionLabel names a section of links to other pages: the short lines
// and list items right after it are links too.
var rxSectionLabel = regexp.MustCompile(`(?i)^(?:related|related articles|related stories|related content|related coverage|related posts|more on this story|more stories|more from [\p{L} ]{1,30}|most read|most popular|trending|recommended|recommended for you|top stories|you may also like|you might also like|popular posts|recent posts|latest news|latest stories|read next|up next|further reading|mehr zum thema|weitere themen|weitere artikel|weitere beiträge|weitere nachrichten|ähnliche artikel|ähnliche beiträge|empfohlene beiträge|empfohlene artikel|das könnte (?:dich|sie) auch interessieren|meistgelesen|meist gelesen|meistgelesene artikel|lesen sie auch|auch interessant|sur le même sujet|articles similaires|à lire aussi|lire aussi|noticias relacionadas|artículos relacionados)\s*[.:!?»›>→]*$`)

// classifyLine returns the kind of a line that is page furniture as a
// whole (boilerplate or credit), or "" for anything else.
func classifyLine(s string) dateline.BlockKind {
	n := words(s)
	if n > 40 {
		return ""
	}
	l := strings.ToLower(s)
	switch {
	case n <= 8 && rxBoilerAlone.MatchString(s):
		return dateline.BlockBoilerplate
	case n <= 25 && hasAnyByte(s, ":|›»>→–—-") && rxBoilerLead.MatchString(s):
		return dateline.BlockBoilerplate
	case n <= 12 && rxBoilerSocial.MatchString(s):
		return dateline.BlockBoilerplate
	case containsAny(l, callWords) && rxBoilerCall.MatchString(s):
		return dateline.BlockBoilerplate
	case n <= 30 && rxBoilerClick.MatchString(s):
		return dateline.BlockBoilerplate
	case n <= 30 && containsAny(l, copyrightWords) && rxBoilerCopyright.MatchString(s):
		return dateline.BlockBoilerplate
	case rxBoilerNote.MatchString(s):
		return dateline.BlockBoilerplate
	case n <= 16 && rxStamp.MatchString(s) && hasDate(s):
		return dateline.BlockBoilerplate
	case containsAny(l, reportWords) && rxReportCredit.MatchString(s):
		return dateline.BlockCredit
	case n <= 12 && isCredit(s):
		return dateline.BlockCredit
	}
	return ""
}

// Cheap filters run before the costlier expressions.
var (
	callWords      = []string{"newsletter", "subscri", "sign up", "inbox", "app", "podcast", "follow", "click", "tap here", "rss", "alert", "here to"}
	copyrightWords = []string{"©", "(c)", "copyright", "rights reserved"}
	reportWords    = []string{" by ", "contributed"}
)

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func hasAnyByte(s, chars string) bool { return strings.ContainsAny(s, chars) }

// Photo credits.
var (
	// "Photo: AP", "Photograph: Jane Doe/Reuters", "Image credit: NASA",
	// "Foto: dpa", "Picture by X", "(Photo by X/Getty Images)".
	rxCreditLabel = regexp.MustCompile(`(?i)^\(?(?:photo|photos|photograph|photography|image|images|picture|pictures|pic|foto|fotos|bild|bilder|illustration|video|graphic|credit|source|quelle|crédit|crédits)(?:\s+(?:credit|source|courtesy))?(?:\s*:\s*|\s+by\s+|\s*/\s*)\S.{0,100}$`)
	// "(Getty Images)", "(AP Photo/Evan Vucci)", "(Reuters)" at the end of a line.
	rxCreditParen = regexp.MustCompile(`\s*\(([^()]{2,80})\)\s*$`)
	// "text/Reuters", "text / AFP via Getty Images".
	rxCreditSlash = regexp.MustCompile(`^(.*[\p{L}\p{N}.!?”’"')])\s*/\s*([\p{Lu}][\p{L}\p{M}.&'’ \-]{1,60}(?:/[\p{Lu}][\p{L}\p{M}.&'’ \-]{1,40})?)$`)
	// "text. Photo: AP", "text Photograph: X/Y".
	rxCreditTail = regexp.MustCompile(`^(.*\S)\s+((?:Photo|Photograph|Image|Picture|Foto|Bild|Credit|Illustration)(?:\s+credit)?\s*:\s*\S.{0,80})$`)
)

// agencies are wire services and picture agencies that appear in credits.
var agencies = []string{"reuters", "ap", "ap photo", "associated press", "afp", "agence france-presse",
	"getty", "getty images", "epa", "epa-efe", "efe", "bloomberg", "shutterstock", "alamy", "pa", "pa images",
	"pa wire", "pa media", "ansa", "dpa", "picture alliance", "picture-alliance", "xinhua", "tass", "sputnik",
	"anadolu", "anadolu agency", "nurphoto", "sopa images", "pool", "aap", "kyodo", "yonhap", "upi", "zuma",
	"zuma press", "sipa", "sipa usa", "istock", "istockphoto", "wikimedia commons", "nasa", "imago", "keystone",
	"rex", "rex features", "abaca", "lightrocket", "the washington post", "the new york times", "handout",
	"courtesy", "file", "file photo", "ria novosti", "unsplash", "pexels", "flickr", "ddp", "action press",
	"sz photo", "ullstein bild", "kna", "epd", "belga", "anp", "tt", "ntb", "lusa", "europa press"}

// isAgency reports whether s names a wire service or picture agency, or
// credits a photographer through one ("Jane Doe/Reuters", "AFP via Getty
// Images").
func isAgency(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	l = strings.Trim(l, "()[] .")
	for _, part := range strings.FieldsFunc(l, func(r rune) bool { return r == '/' || r == ',' || r == ';' }) {
		part = strings.TrimSpace(part)
		for _, via := range strings.Split(part, " via ") {
			via = strings.TrimSuffix(strings.TrimSpace(via), " photo")
			for _, a := range agencies {
				if via == a {
					return true
				}
			}
		}
	}
	return false
}

// isCredit reports whether a whole line is a photo credit.
func isCredit(s string) bool {
	if rxCreditLabel.MatchString(s) && !endsSentence(strings.TrimRight(s, ")")) {
		return true
	}
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && isAgency(t) {
		return true
	}
	if isAgency(t) && words(t) <= 6 && !endsSentence(t) {
		return true
	}
	// "Jane Doe/Reuters": a name over an agency.
	if !strings.Contains(t, "/") {
		return false
	}
	if m := rxCreditSlash.FindStringSubmatch(t); m != nil && words(m[1]) <= 3 && isAgency(m[2]) && capitalised(m[1]) {
		return true
	}
	return false
}

func capitalised(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// captionPieces splits a caption that ends with its credit into a caption
// piece and a credit piece: "Leaders meet in Anchorage/Reuters",
// "Leaders meet. Photo: AP", "Leaders meet (Getty Images)". A figcaption
// without a credit is one caption piece.
func captionPieces(b rawBlock) ([]piece, bool) {
	s := b.text
	if words(s) > 80 {
		return nil, false
	}
	split := func(cap, credit string) ([]piece, bool) {
		cap = strings.TrimSpace(cap)
		credit = strings.TrimSpace(credit)
		if cap == "" {
			return []piece{{text: credit, kind: dateline.BlockCredit}}, true
		}
		return []piece{{text: cap, kind: dateline.BlockCaption}, {text: credit, kind: dateline.BlockCredit}}, true
	}
	if !strings.ContainsAny(s, ":/)") {
		return nil, false
	}
	if m := rxCreditTail.FindStringSubmatch(s); m != nil && words(m[1]) >= 3 {
		return split(m[1], m[2])
	}
	if m := rxCreditSlash.FindStringSubmatch(s); m != nil && words(m[1]) >= 3 && !strings.Contains(m[1], "://") {
		credit := m[2]
		if isAgency(credit) || (b.hint == hintCaption && words(credit) <= 5) {
			// "... ceremony. Jane Doe/Reuters": the photographer goes with the credit.
			capText := m[1]
			if i := strings.LastIndexAny(capText, ".!?"); i > 0 && i < len(capText)-1 {
				tail := strings.TrimSpace(capText[i+1:])
				if tail != "" && words(tail) <= 3 && capitalised(tail) {
					return split(capText[:i+1], tail+"/"+credit)
				}
			}
			return split(capText, credit)
		}
	}
	if loc := rxCreditParen.FindStringSubmatchIndex(s); loc != nil && words(s[:loc[0]]) >= 3 {
		inner := s[loc[2]:loc[3]]
		if isAgency(inner) || rxCreditLabel.MatchString(inner) {
			return split(s[:loc[0]], s[loc[0]:])
		}
	}
	return nil, false
}

// Dates in time-stamp lines.
var (
	rxISODate  = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	rxMonthDay = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	rxDayMonth = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	rxDotDate  = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
)

var monthNum = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

func hasDate(s string) bool { _, ok := parseDate(s); return ok }

// parseDate finds a calendar date in s.
func parseDate(s string) (time.Time, bool) {
	mk := func(y, m, d int) (time.Time, bool) {
		if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
			return time.Time{}, false
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			return time.Time{}, false
		}
		return t, true
	}
	if m := rxISODate.FindStringSubmatch(s); m != nil {
		return mk(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := rxMonthDay.FindStringSubmatch(s); m != nil {
		return mk(atoi(m[3]), int(monthNum[strings.ToLower(m[1])]), atoi(m[2]))
	}
	if m := rxDayMonth.FindStringSubmatch(s); m != nil {
		return mk(atoi(m[3]), int(monthNum[strings.ToLower(m[2])]), atoi(m[1]))
	}
	if m := rxDotDate.FindStringSubmatch(s); m != nil {
		return mk(atoi(m[3]), atoi(m[2]), atoi(m[1]))
	}
	return time.Time{}, false
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1e6 {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// dateInText returns the date of the first time-stamp line among the
// leading pieces, for plain text without metadata.
func dateInText(ps []piece) (time.Time, bool) {
	for i, p := range ps {
		if i >= 12 {
			break
		}
		if p.kind == dateline.BlockBoilerplate && rxStamp.MatchString(p.text) {
			if t, ok := parseDate(p.text); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}
