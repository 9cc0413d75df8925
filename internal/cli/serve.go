package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/resolve"
	"github.com/dateline-news/dateline/internal/web"
)

func runServe(e *env, args []string) int {
	fs := e.flags("serve", "serve [--db PATH] [--addr 127.0.0.1:8080]")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL (default $DATELINE_DB or ./dateline.db)")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	store, err := openStore(e.ctx, *db)
	if err != nil {
		return e.fail("open store: %v", err)
	}
	defer store.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return e.fail("listen: %v", err)
	}
	opts := web.Options{Version: version}
	if ss, ok := store.(dateline.StoryStore); ok {
		opts.Stories = ss
	}
	if kb, err := resolve.Load(); err != nil {
		e.log.Warn("actor pages without the knowledge base", "err", err)
	} else {
		opts.Known = knownActor(kb)
	}
	srv := &http.Server{
		Handler:           web.New(store, e.log, opts),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 20,
	}
	fmt.Fprintf(e.stderr, "dateline: serving %s on http://%s/\n", displayDB(*db), ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return e.fail("serve: %v", err)
		}
	case <-e.ctx.Done():
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	return exitOK
}

// knownActor looks actors up in the knowledge base for the actor pages.
func knownActor(kb *resolve.KB) func(dateline.ActorID) (*dateline.Actor, bool) {
	return func(id dateline.ActorID) (*dateline.Actor, bool) {
		if en, ok := kb.Entry(id); ok {
			return &en.Actor, true
		}
		return nil, false
	}
}
