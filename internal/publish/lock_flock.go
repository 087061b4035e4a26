//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// lock takes the lock file p, waiting for another build of the same
// folder to finish; the lock goes with the process if it is killed.
func lock(p string) (unlock func(), err error) {
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot take the lock %s: %w", p, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot take the lock %s: %w", p, err)
	}
	return func() {
		_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}, nil
}
