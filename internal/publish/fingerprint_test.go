package publish

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFingerprint(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	if fp, err := Fingerprint(context.Background(), dest); fp != "" || err != nil {
		t.Fatalf("missing folder: %q, %v", fp, err)
	}
	if _, err := Write(dest, []File{{Path: "index.html", Data: []byte("a")}, {Path: "d/index.html", Data: []byte("b")}}); err != nil {
		t.Fatal(err)
	}
	fp := func() string {
		t.Helper()
		s, err := Fingerprint(context.Background(), dest)
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

// TestWriteFingerprint checks that the fingerprint a Write returns is the
// one a scan of the folder gives, whatever the write did.
func TestWriteFingerprint(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	v1 := []File{{Path: "index.html", Data: []byte("a")}, {Path: "d/index.html", Data: []byte("b")}, {Path: "d/e/f.txt", Data: []byte("c")}}
	v2 := []File{{Path: "index.html", Data: []byte("a2")}, {Path: "d/index.html", Data: []byte("b")}, {Path: "g/h.txt", Data: []byte("d")}}
	for i, files := range [][]File{v1, v1, v2, v2, v1, v2, nil} {
		if files == nil {
			// A file added by hand is removed by the next write.
			if err := os.WriteFile(filepath.Join(dest, "stray.txt"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			files = v2
		}
		res, err := Write(dest, files)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Fingerprint(context.Background(), dest)
		if err != nil {
			t.Fatal(err)
		}
		if res.Fingerprint != want {
			t.Errorf("write %d (%d written, %d removed): fingerprint %.12s, a scan gives %.12s", i, res.Written, res.Removed, res.Fingerprint, want)
		}
	}
}
