package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readOutput reads every file of a build's output folder.
func readOutput(t *testing.T, dest string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dest, p)
		out[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			return false
		}
	}
	return true
}

// TestNextChangeMoment builds a site with a directive published later in
// the day, reads the moment the build wrote for a scheduler, and builds
// again a second before it (the same bytes) and at it (the directive is
// out: the bytes change, and the file names the next moment).
func TestNextChangeMoment(t *testing.T) {
	t.Parallel()
	dir := shippedSite(t)
	paris, _ := time.LoadLocation("Europe/Paris")
	due := time.Date(2020, 3, 23, 15, 0, 0, 0, paris)
	announce := filepath.Join(dir, "content/national/directives/2020-03-23-annonce.md")
	if err := os.WriteFile(announce, []byte("---\ntitle: Annonce de l'après-midi\ndate: 2020-03-23 15:00\naudiences: [parents]\n---\nTexte.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := options(dir, sharedCache)
	opts.Record = true
	// The moments and the bytes do not depend on the .gz and .br files:
	// without them each build writes a third of the files.
	opts.NoPrecompress = true
	res := mustBuild(t, opts)
	next, err := ReadNextChange(opts.Dest)
	if err != nil {
		t.Fatal(err)
	}
	if !next.Equal(due) || !next.Equal(res.Stable.Until) {
		t.Fatalf("next change %s, span until %s; want %s", next, res.Stable.Until, due)
	}
	if data, _ := os.ReadFile(NextChangePath(opts.Dest)); string(data) != "2020-03-23T14:00:00Z\n" {
		t.Errorf("%s holds %q", NextChangePath(opts.Dest), data)
	}
	first := readOutput(t, opts.Dest)

	opts.Record = false // render again, not only trust the record
	opts.Site.Now = next.Add(-time.Second)
	before := mustBuild(t, opts)
	if before.Publish.Written != 0 || !sameFiles(first, readOutput(t, opts.Dest)) {
		t.Errorf("a second before the moment: %d files written, want the same bytes", before.Publish.Written)
	}

	opts.Site.Now = next
	at := mustBuild(t, opts)
	after := readOutput(t, opts.Dest)
	if at.Publish.Written == 0 || sameFiles(first, after) {
		t.Fatal("at the moment: the output did not change")
	}
	if !strings.Contains(string(after[filepath.Join("directives", "index.html")]), "Annonce de l") {
		t.Error("at the moment: the directive is not on the list of national directives")
	}
	later, err := ReadNextChange(opts.Dest)
	if err != nil || !later.After(next) {
		t.Errorf("after the moment, the next change is %s (%v), not later than %s", later, err, next)
	}
}
