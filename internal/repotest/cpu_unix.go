//go:build unix

package repotest

import (
	"runtime"
	"syscall"
	"time"
)

// CPUTime returns the CPU time (user + system) the process has used so
// far, or 0 where it is unknown: on a shared machine it measures the work
// of a benchmark better than the wall clock does. Only differences mean
// anything.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// MaxRSS returns the peak resident set size of the process so far, in
// bytes, or 0 where it is unknown.
func MaxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) // bytes there
	}
	return int64(ru.Maxrss) * 1024 // kilobytes elsewhere
}
