//go:build !linux

package publish

// exchange has no one-step equivalent here: Write falls back to two renames.
func exchange(a, b string) error { return errExchangeUnsupported }
