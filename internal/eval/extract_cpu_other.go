//go:build !unix

package eval

import "time"

// extractCPUTime is unknown on this platform.
func extractCPUTime() (time.Duration, bool) { return 0, false }
