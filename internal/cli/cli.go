// Package cli implements the dateline subcommands. It is the composition
// root: the only package that imports every adapter and wires them together.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the command ran and failed
	exitUsage = 2 // bad command line
)

// env is what every subcommand gets: the streams, a logger, a clock.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	now    func() time.Time
}

type command struct {
	summary string
	run     func(e *env, args []string) int
}

func commands() map[string]command {
	return map[string]command{
		"analyze": {"analyse reports and print their structure", runAnalyze},
		"ingest":  {"analyse reports and store them", runIngest},
		"serve":   {"serve the JSON API and the web UI", runServe},
		"eval":    {"score a stage on gold data", runEval},
		"train":   {"train a model from the gold data", runTrain},
		"version": {"print the version", runVersion},
		"worker":  {"process the NATS queue into the store (scale-out)", runWorker},
		"export":  {"write stored events (plover, gdelt, csv, jsonl) with provenance", runExport},
		"kb":      {"build the actor knowledge base from the Phoenix dictionaries", runKB},
	}
}

// Run runs the dateline command line with args (without the program name)
// and returns the process exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{
		ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		now: time.Now,
	}
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "dateline: unknown command %q\n\n", args[0])
		usage(stderr, cmds)
		return exitUsage
	}
	return c.run(e, args[1:])
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "dateline turns news reports into a sourced, time-anchored record of who did what to whom.")
	fmt.Fprintln(w, "\nUsage: dateline <command> [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'dateline <command> -h' for the flags of a command.")
}

// flags returns a flag set that writes its usage to stderr and never exits.
func (e *env) flags(name, usageLine string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: dateline %s\n\nFlags:\n", usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; it returns the exit code to use and false when the
// command should stop (bad flags, or -h).
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(reorder(fs, args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return exitOK, true
}

// reorder moves flags after positional arguments to the front, so that
// "dateline analyze FILE --format json" works as users expect.
func reorder(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if f := fs.Lookup(name); f != nil {
				if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
					continue
				}
				if i+1 < len(args) {
					flags = append(flags, args[i+1])
					i++
				}
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

// fail prints an error and returns the failure exit code.
func (e *env) fail(format string, a ...any) int {
	fmt.Fprintf(e.stderr, "dateline: "+format+"\n", a...)
	return exitFail
}

// printJSON writes v as indented JSON on stdout.
func (e *env) printJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// isTerminal reports whether w is a terminal (for progress bars).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func runVersion(e *env, args []string) int {
	fmt.Fprintln(e.stdout, "dateline", version)
	return exitOK
}

const version = "0.1.0-dev"
