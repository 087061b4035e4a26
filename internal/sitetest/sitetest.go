// Package sitetest runs whole sites through the relais command in tests.
// A site is a txtar archive: its files (content/..., and layouts/ or
// assets/ when a test needs its own; the repository's are used otherwise),
// and what the build must give: want/stderr (the exact error report), and
// want/public/<path> files compared byte for byte. With UPDATE_GOLDEN=1 the
// archives are rewritten with what the build gives.
package sitetest

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/relais-ecoles/relais/internal/cli"
)

// Now is the pinned clock of whole-site tests: Monday 23 March 2020, 9:00
// in Paris, the first day of France 4's school programmes.
const Now = "2020-03-23T09:00:00+01:00"

// RepoRoot returns the repository root, two folders up from this package.
func RepoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// DefaultSiteYAML is given to archives that have no content/site.yaml.
const DefaultSiteYAML = "title: Site de test\nbase_url: https://test.example.fr/\n"

// Extract writes the files of ar into a new site folder, with the
// repository's layouts/ and assets/ when the archive has none, and returns
// the folder.
func Extract(t testing.TB, ar *txtar.Archive) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	ExtractTo(t, ar, site)
	return site
}

// ExtractTo is Extract into the folder site.
func ExtractTo(t testing.TB, ar *txtar.Archive, site string) {
	t.Helper()
	has := map[string]bool{}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "want/") || strings.HasPrefix(f.Name, "old/") {
			continue
		}
		has[strings.SplitN(f.Name, "/", 2)[0]] = true
		if f.Name == "content/site.yaml" {
			has["site.yaml"] = true
		}
		write(t, filepath.Join(site, f.Name), f.Data)
	}
	for _, d := range []string{"layouts", "assets"} {
		if !has[d] {
			CopyDir(t, filepath.Join(RepoRoot(t), d), filepath.Join(site, d))
		}
	}
	if !has["site.yaml"] {
		write(t, filepath.Join(site, "content", "site.yaml"), []byte(DefaultSiteYAML))
	}
}

func write(t testing.TB, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// CopyDir copies a folder tree.
func CopyDir(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Result is what a run of relais gave.
type Result struct {
	Code           int
	Stdout, Stderr string
}

// Relais runs the relais command with args.
func Relais(t testing.TB, args ...string) Result {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), args, &out, &errb)
	return Result{Code: code, Stdout: out.String(), Stderr: errb.String()}
}

// ReadTree reads every file below dir into a map of slash paths.
func ReadTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Update reports whether golden files are to be rewritten.
func Update() bool { return os.Getenv("UPDATE_GOLDEN") != "" }
