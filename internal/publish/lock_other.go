//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package publish

// lock does nothing where there is no flock: two builds of one folder at
// once are then the user's to avoid.
func lock(string) (func(), error) { return func() {}, nil }
