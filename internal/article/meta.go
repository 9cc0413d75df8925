package article

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Page titles often carry the site's name ("Headline | Outlet", "Outlet -
// Headline") or come from the wrong element. chooseTitle picks the
// headline: the part of the metadata title that a top-level heading of the
// page repeats, else the title without the parts naming the site.
func chooseTitle(title string, h1s []string, sitename, pageURL string) string {
	title = clean(title)
	if title == "" {
		if len(h1s) == 1 {
			return h1s[0]
		}
		return ""
	}
	ft := foldTitle(title)
	for _, h := range h1s {
		if foldTitle(h) == ft {
			return title
		}
	}
	parts := splitTitle(title)
	if len(parts) > 1 {
		for _, p := range parts {
			for _, h := range h1s {
				if foldTitle(h) == foldTitle(p) {
					return p
				}
			}
		}
		host := hostOf(pageURL)
		var kept []string
		for _, p := range parts {
			if foldTitle(p) != "" && !namesSite(p, sitename, host) {
				kept = append(kept, p)
			}
		}
		switch {
		case len(kept) == 0:
		case len(kept) == 1:
			return kept[0]
		case len(kept) < len(parts):
			longest := kept[0]
			for _, p := range kept[1:] {
				if len(p) > len(longest) {
					longest = p
				}
			}
			return longest
		default:
			// No part names the site: a short last part usually does.
			first, last := kept[0], kept[len(kept)-1]
			if words(last) <= 4 && len(last) < len(first) && len(kept) == 2 {
				return first
			}
		}
	}
	// The title names only the site: a single top heading is the headline.
	if namesSite(title, sitename, hostOf(pageURL)) && len(h1s) == 1 {
		return h1s[0]
	}
	return title
}

// rxTitleSep splits "Headline | Outlet", "Headline - Outlet", "Outlet »
// Headline"; a colon is not a separator (it belongs to many headlines).
var rxTitleSep = regexp.MustCompile(`\s+(?:\||-|–|—|·|•|»|›|::|/|~)\s+|\s*(?:\||::)\s*`)

func splitTitle(t string) []string {
	var out []string
	for _, p := range rxTitleSep.Split(t, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// namesSite reports whether a title part is the site's name or host.
func namesSite(part, sitename, host string) bool {
	fp := foldTitle(part)
	if fp == "" {
		return false
	}
	if sitename != "" && fp == foldTitle(sitename) {
		return true
	}
	fh := foldTitle(strings.TrimPrefix(host, "www."))
	return fh != "" && len(fp) >= 4 && (strings.Contains(fh, fp) || strings.Contains(fp, fh))
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.ToLower(p.Hostname())
}

// topHeadings returns the distinct texts of the page's <h1> elements (at
// most four), outside navigation, headers and footers.
func topHeadings(root *html.Node) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if len(out) >= 4 {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "nav", "footer", "script", "style", "template", "aside":
				return
			case "h1":
				t := clean(textOf(n))
				if t != "" && len(t) < 300 && !seen[t] {
					seen[t] = true
					out = append(out, t)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// Author strings from metadata carry labels and placeholders.
var (
	rxAuthorLabel = regexp.MustCompile(`(?i)^(?:view all posts by|zum profil von|all posts by|posts by|posted by|written by|published by|article by|story by|geschrieben von|verfasst von|ein beitrag von|autor(?:in)?|author|auteur|autore|by|von|vom|par|por|di|责任编辑|编辑|作者)\s*[:：]?\s+|^(?:责任编辑|编辑|作者)\s*[:：]\s*`)
	rxAuthorTail  = regexp.MustCompile(`(?i)\s+(?:am|at|on|says|said|schreibt|stand|le|el)$`)
	placeholders  = map[string]bool{"name": true, "noauthor": true, "human": true, "anonymous": true, "unknown": true,
		"guest": true, "user": true, "author": true, "autor": true, "editor": true, "staff": true, "none": true, "null": true, "posted": true, "auteurs": true, "authors": true}
)

// cleanAuthor strips labels ("View all posts by", "Von", "责任编辑：") from an
// author string and drops placeholders ("admin", "Name", "No Author").
func cleanAuthor(a string) string {
	a = clean(a)
	for range 2 {
		a = strings.TrimSpace(rxAuthorLabel.ReplaceAllString(a, ""))
	}
	a = strings.TrimSpace(rxAuthorTail.ReplaceAllString(a, ""))
	f := foldTitle(a)
	if f == "" || placeholders[f] || strings.Contains(f, "admin") {
		return ""
	}
	return a
}
