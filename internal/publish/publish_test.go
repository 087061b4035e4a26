package publish

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func read(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return out
}

func TestWriteSwapsWholeBuilds(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Write(dest, []File{{"index.html", []byte("a")}, {"x/index.html", []byte("x")}, {"gone.txt", []byte("g")}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 3 || res.Unchanged != 0 {
		t.Errorf("first write: %+v", res)
	}
	old, _ := os.Stat(filepath.Join(dest, "x/index.html"))
	past := time.Date(2020, 3, 16, 8, 0, 0, 0, time.UTC)
	os.Chtimes(filepath.Join(dest, "x/index.html"), past, past)

	res, err = Write(dest, []File{{"index.html", []byte("b")}, {"x/index.html", []byte("x")}, {"new/a.txt", []byte("n")}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "b", "x/index.html": "x", "new/a.txt": "n"}
	if got := read(t, dest); !equal(got, want) {
		t.Errorf("public = %v, want %v", got, want)
	}
	if !slices.Equal(res.Changed, []string{"gone.txt", "index.html", "new/a.txt"}) {
		t.Errorf("changed = %v", res.Changed)
	}
	if res.Written != 2 || res.Unchanged != 1 || res.Removed != 1 {
		t.Errorf("second write: %+v", res)
	}
	st, _ := os.Stat(filepath.Join(dest, "x/index.html"))
	if !st.ModTime().Equal(past) {
		t.Errorf("unchanged file mtime %v, want %v (was %v)", st.ModTime(), past, old.ModTime())
	}
	if got := names(t, filepath.Dir(dest)); !slices.Equal(got, []string{".public.previous", ".relais", "public"}) {
		t.Errorf("beside public: %v", got)
	}
	// The spare is the first build.
	if got, want := read(t, SparePath(dest)), map[string]string{"index.html": "a", "x/index.html": "x", "gone.txt": "g"}; !equal(got, want) {
		t.Errorf("spare = %v, want %v", got, want)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteRefusesEscapingPaths(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	Write(dest, []File{{"index.html", []byte("keep")}})
	for _, p := range []string{"../x", "/etc/passwd", "a/../../x", "a/./b", ""} {
		if _, err := Write(dest, []File{{p, []byte("bad")}}); err == nil {
			t.Errorf("Write(%q) succeeded", p)
		}
	}
	if got := read(t, dest); got["index.html"] != "keep" || len(got) != 1 {
		t.Errorf("public changed: %v", got)
	}
}

func TestWriteRefusesSourceFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "content"), 0o755)
	if _, err := Write(dir, []File{{"index.html", []byte("x")}}); err == nil {
		t.Fatal("publishing over a site folder succeeded")
	}
}

func TestCleanupRemovesLeftovers(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	os.MkdirAll(filepath.Join(parent, ".public.staging-1-abc", "x"), 0o755)
	if _, err := Write(dest, []File{{"index.html", []byte("a")}}); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(parent, ".public.old-1-abc", "x"), 0o755)
	if _, err := Write(dest, []File{{"index.html", []byte("b")}}); err != nil {
		t.Fatal(err)
	}
	if got := names(t, parent); !slices.Equal(got, []string{".public.previous", ".relais", "public"}) {
		t.Errorf("beside public: %v", got)
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
