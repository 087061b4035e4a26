package pipeline

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time (user and system) the process has
// used, so that a benchmark on a busy machine can say what a rebuild costs
// besides how long it waited.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
