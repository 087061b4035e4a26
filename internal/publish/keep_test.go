package publish

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestStreamKeep: a file that dest holds with the given sum is kept without
// its bytes, twice in a row (through the spare too); a file whose sum is
// another, that is missing or that changed on disk is not, and none of a
// group is kept when one is not.
func TestStreamKeep(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	files := []File{{"a/index.html", []byte("page a")}, {"b/index.html", []byte("page b")}, {"b/index.html.gz", []byte("gz b")}}
	if _, err := Write(dest, files); err != nil {
		t.Fatal(err)
	}
	held := func(f File) Held { return Held{Path: f.Path, Sum: sha256.Sum256(f.Data)} }
	for round := range 2 {
		s, err := Open(dest)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := s.Keep([]Held{held(files[1]), held(files[2])}); !ok || err != nil {
			t.Fatalf("round %d: keep b = %v, %v; want true", round, ok, err)
		}
		if ok, _ := s.Keep([]Held{{Path: "a/index.html", Sum: sha256.Sum256([]byte("other"))}}); ok {
			t.Fatalf("round %d: kept a with another sum", round)
		}
		if ok, _ := s.Keep([]Held{held(File{"c/index.html", []byte("c")})}); ok {
			t.Fatalf("round %d: kept a file that dest does not hold", round)
		}
		changed := fmt.Sprintf("page a, changed %d", round)
		if err := s.Put("a/index.html", []byte(changed)); err != nil {
			t.Fatal(err)
		}
		res, err := s.Commit()
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"a/index.html": changed, "b/index.html": "page b", "b/index.html.gz": "gz b"}
		if got := read(t, dest); !equal(got, want) {
			t.Fatalf("round %d: public = %v, want %v", round, got, want)
		}
		if res.Unchanged != 2 {
			t.Errorf("round %d: %+v, want the two kept files unchanged", round, res)
		}
	}

	// A file changed behind the index's back is not kept, nor its group.
	if err := os.WriteFile(filepath.Join(dest, "b", "index.html"), []byte("page B"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if ok, _ := s.Keep([]Held{held(files[2]), held(files[1])}); ok {
		t.Fatal("kept a file changed on disk")
	}
	if ok, err := s.Keep([]Held{held(files[2])}); !ok || err != nil {
		t.Fatalf("the group's other file was taken: keep = %v, %v", ok, err)
	}
}
