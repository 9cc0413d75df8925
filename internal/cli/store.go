package cli

import (
	"context"
	"net/url"
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/postgres"
	"github.com/dateline-news/dateline/internal/sqlite"
)

// openStore opens the store a --db flag names: a postgres:// or
// postgresql:// URL opens PostgreSQL (several workers and servers on one
// database); anything else is a SQLite file path (the embedded default).
func openStore(ctx context.Context, db string) (dateline.Store, error) {
	if postgres.IsURL(db) {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db)
}

// displayDB is a --db (or --nats) value fit to print: a URL loses its
// password.
func displayDB(db string) string {
	if !strings.Contains(db, "://") {
		return db
	}
	var out []string
	for _, part := range strings.Split(db, ",") { // nats://a,nats://b
		u, err := url.Parse(part)
		if err != nil {
			out = append(out, "(a URL that does not parse)")
			continue
		}
		out = append(out, u.Redacted())
	}
	return strings.Join(out, ",")
}
