//go:build !unix

package parse

import "time"

// cpuTime stands in for the CPU time of the process where getrusage is
// missing: the wall clock (only differences are used).
func cpuTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
