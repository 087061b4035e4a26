package sitetest

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"
)

// buildsDir holds the builds that tests share (builtOK), removed when the
// tests end.
var buildsDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "relais-sitetest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	buildsDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// okBuild is a site of testdata/ok built by relais build, as every test
// that reads it sees it: none may write to its folder.
type okBuild struct {
	once sync.Once
	done bool // the build ran to its end (a failed Extract leaves it false)
	ar   *txtar.Archive
	site string            // the site folder, built into site/public
	res  Result            // what relais build said
	tree map[string][]byte // the files of site/public, by slash path
}

var okBuilds sync.Map // archive path -> *okBuild

// builtOK extracts and builds the site of the archive file once for every
// test (TestGoodSites, TestFeedsRead, the browser tests), at Now; it fails
// the test when the archive cannot be read or relais build fails.
func builtOK(t *testing.T, file string) *okBuild {
	t.Helper()
	v, _ := okBuilds.LoadOrStore(file, &okBuild{})
	b := v.(*okBuild)
	b.once.Do(func() {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		b.ar = ar
		b.site = filepath.Join(buildsDir, filepath.Base(file), "site")
		ExtractTo(t, ar, b.site)
		b.res = Relais(t, "build", "--quiet", "--source", b.site, "--now", Now)
		if b.res.Code == 0 {
			b.tree = ReadTree(t, filepath.Join(b.site, "public"))
		}
		b.done = true
	})
	if !b.done {
		t.Fatalf("%s: the site could not be extracted (see the first test that built it)", file)
	}
	if b.res.Code != 0 {
		t.Fatalf("%s: exit status %d; stderr:\n%s", file, b.res.Code, b.res.Stderr)
	}
	return b
}
