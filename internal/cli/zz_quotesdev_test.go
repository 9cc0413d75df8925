//go:build quotesdev

package cli

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"
)

// Not committed: runs the quote commands before the lead wires them.
func TestQuotesDev(t *testing.T) {
	args := strings.Fields(os.Getenv("QARGS"))
	var code int
	if args[0] == "train" {
		code = Run(context.Background(), []string{"version"}, nil, os.Stdout, os.Stderr)
		e := &env{ctx: context.Background(), stdout: os.Stdout, stderr: os.Stderr, log: newTestLog()}
		code = trainQuotes(e, args[1:])
	} else {
		e := &env{ctx: context.Background(), stdout: os.Stdout, stderr: os.Stderr, log: newTestLog()}
		code = evalQuotes(e, args[1:])
	}
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
}

func newTestLog() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
