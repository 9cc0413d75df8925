//go:build !unix

package repotest

import "time"

// CPUTime is unknown (0) where getrusage is missing.
func CPUTime() time.Duration { return 0 }
