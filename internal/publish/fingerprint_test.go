package publish

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFingerprint(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if fp, err := Fingerprint(dest); fp != "" || err != nil {
		t.Fatalf("missing folder: %q, %v", fp, err)
	}
	if _, err := Write(dest, []File{{Path: "index.html", Data: []byte("a")}, {Path: "d/index.html", Data: []byte("b")}}); err != nil {
		t.Fatal(err)
	}
	fp := func() string {
		t.Helper()
		s, err := Fingerprint(dest)
		if err != nil || s == "" {
			t.Fatalf("%q, %v", s, err)
		}
		return s
	}
	last := fp()
	if fp() != last {
		t.Fatal("the same folder gives two fingerprints")
	}
	page := filepath.Join(dest, "d", "index.html")
	for _, c := range []struct {
		name   string
		change func() error
	}{
		{"content", func() error { return os.WriteFile(page, []byte("bb"), 0o644) }},
		{"mtime", func() error { return os.Chtimes(page, time.Now(), time.Unix(1e9, 0)) }},
		{"new", func() error { return os.WriteFile(filepath.Join(dest, "x.txt"), nil, 0o644) }},
		{"removed", func() error { return os.Remove(filepath.Join(dest, "x.txt")) }},
		{"folder", func() error { return os.Mkdir(filepath.Join(dest, "e"), 0o755) }},
	} {
		name, change := c.name, c.change
		if err := change(); err != nil {
			t.Fatal(err)
		}
		if now := fp(); now == last {
			t.Errorf("%s: same fingerprint", name)
		} else {
			last = now
		}
	}
}
