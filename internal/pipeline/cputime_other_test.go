//go:build !linux

package pipeline

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
