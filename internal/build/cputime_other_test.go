//go:build !linux

package build

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
