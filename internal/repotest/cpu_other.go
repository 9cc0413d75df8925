//go:build !unix

package repotest

import "time"

// CPUTime is unknown (0) where getrusage is missing.
func CPUTime() time.Duration { return 0 }

// MaxRSS is unknown (0) where getrusage is missing.
func MaxRSS() int64 { return 0 }
