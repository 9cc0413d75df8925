package cli

import (
	"context"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/sqlite"
)

// openStore opens the store a --db flag names: a SQLite file path (the
// embedded default).
func openStore(ctx context.Context, db string) (dateline.Store, error) {
	return sqlite.Open(ctx, db)
}
