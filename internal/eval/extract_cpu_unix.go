//go:build unix

package eval

import (
	"syscall"
	"time"
)

// extractCPUTime returns the CPU time (user + system) the process has used
// so far, and whether it is known.
func extractCPUTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
