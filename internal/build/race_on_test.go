//go:build race

package build

// raceEnabled: the race detector slows the property test tenfold.
const raceEnabled = true
