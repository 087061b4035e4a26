//go:build race

package pipeline

// raceEnabled: the race detector slows the property test tenfold.
const raceEnabled = true
