package sqlite

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFTSQuery(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "", false},
		{"   \t\n", "", false},
		{"summit", `"summit"`, true},
		{"Putin Trump", `"Putin" "Trump"`, true},
		{`"peace talks" Alaska`, `"peace talks" "Alaska"`, true},
		{`“peace talks” Alaska`, `"peace talks" "Alaska"`, true},
		{`„Friedensgespräche“ Ärger`, `"Friedensgespräche" "Ärger"`, true},
		{`«paix» juste`, `"paix" "juste"`, true},
		{`"unclosed phrase`, `"unclosed phrase"`, true},
		{`a"b c"d`, `"a" "b c" "d"`, true},
		{`""`, "", false},
		{`" "`, "", false},
		{"AND", `"AND"`, true},
		{"NOT gate", `"NOT" "gate"`, true},
		{"a OR b", `"a" "OR" "b"`, true},
		{"NEAR(a b)", `"NEAR(a" "b)"`, true},
		{"title:port", `"title:port"`, true},
		{"-port", `"-port"`, true},
		{"port*", `"port*"`, true},
		{"*", "", false},
		{"( ) - + ^ * :", "", false},
		{`it's`, `"it's"`, true},
		{`say "it""s"`, `"say" "it" "s"`, true},
		{"’ – …", "", false},
		{"port\x00grain", `"port" "grain"`, true},
		{"a\x1fb", `"a" "b"`, true},
		{"\xff\xfeport", `"` + "\uFFFD\uFFFDport" + `"`, true},
		{"日本 東京", `"日本" "東京"`, true},
		{"💥", "", false},
		{"2025", `"2025"`, true},
	}
	for _, tc := range tests {
		got, ok := ftsQuery(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ftsQuery(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFTSQueryLimits(t *testing.T) {
	got, ok := ftsQuery(strings.Repeat("word ", 100))
	if !ok || strings.Count(got, `"word"`) != maxQueryTerms {
		t.Errorf("100 terms: %d kept, want %d", strings.Count(got, `"word"`), maxQueryTerms)
	}
	long := strings.Repeat("é", maxQueryBytes) // 2 bytes each: the cut falls inside the input
	got, ok = ftsQuery(long)
	if !ok || !utf8.ValidString(got) || len(got) > maxQueryBytes+2 {
		t.Errorf("long query: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
	got, _ = ftsQuery("x" + long)
	if !utf8.ValidString(got) {
		t.Errorf("query cut inside a rune: %q", got[len(got)-4:])
	}
}

// FuzzSearch checks that no query string makes FTS5 fail.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"summit", `"peace talks"`, `"`, "AND OR", "NEAR(a b, 2)", "title:x", "*", "-x", "(", "\x00", "“x”", "a\"b"} {
		f.Add(s)
	}
	ctx := context.Background()
	s, err := Open(ctx, ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	if _, err := s.PutDocuments(ctx, newCorpus(9).docs(0, 3)); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		expr, ok := ftsQuery(q)
		if !ok {
			return
		}
		rows, err := s.read.QueryContext(ctx, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", expr)
		if err == nil {
			for rows.Next() {
			}
			err = rows.Err()
			rows.Close()
		}
		if err != nil {
			t.Fatalf("query %q as %q: %v", q, expr, err)
		}
	})
}
