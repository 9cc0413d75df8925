// Package cli implements the dateline subcommands. It is the composition
// root: the only package that imports every adapter and wires them together.
package cli

import (
	"context"
	"fmt"
	"io"
)

// Run runs the dateline command line with args (without the program name)
// and returns the process exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "dateline: not built yet")
	return 2
}
