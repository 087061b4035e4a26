package sitetest

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// TestBrokenSites builds each site of testdata/broken over an existing
// public/ and checks the exact error report, exit status 1, and that
// public/ is left byte for byte as it was.
func TestBrokenSites(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/broken/*.txtar")
	if len(files) == 0 {
		t.Fatal("no broken sites in testdata/broken")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			site := Extract(t, ar)
			public := filepath.Join(site, "public")
			write(t, filepath.Join(public, "index.html"), []byte("previous build"))
			write(t, filepath.Join(public, "deep/page/index.html"), []byte("previous page"))
			before := ReadTree(t, public)

			res := Relais(t, "build", "--source", site, "--now", Now)
			stderr := strings.ReplaceAll(res.Stderr, site+string(filepath.Separator), "")
			stderr = strings.ReplaceAll(stderr, site, "SITE")
			if res.Code != 1 {
				t.Errorf("exit status %d, want 1; stderr:\n%s", res.Code, stderr)
			}
			if diff := cmp.Diff(before, ReadTree(t, public)); diff != "" {
				t.Errorf("public/ changed (-before +after):\n%s", diff)
			}
			entries, _ := os.ReadDir(site)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".public") {
					t.Errorf("leftover %s beside public/", e.Name())
				}
			}
			checkGolden(t, file, ar, "want/stderr", []byte(stderr))
		})
	}
}

// TestGoodSites builds each site of testdata/ok and compares the files the
// archive names under want/public/ byte for byte.
func TestGoodSites(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/ok/*.txtar")
	if len(files) == 0 {
		t.Fatal("no sites in testdata/ok")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			b := builtOK(t, file)
			ar, got := b.ar, b.tree
			for p, data := range got {
				if strings.HasSuffix(p, ".html") {
					if v := CheckOutput(p, data); len(v) > 0 {
						t.Errorf("public/%s breaks the CSP or the link rules:\n  %s", p, strings.Join(v, "\n  "))
					}
				}
			}
			n := 0
			for _, f := range ar.Files {
				if p, ok := strings.CutPrefix(f.Name, "want/public/"); ok {
					n++
					data, exists := got[p]
					if !exists {
						t.Errorf("public/%s was not written", p)
						continue
					}
					for _, ref := range assetRefRE.FindAll(data, -1) {
						if _, ok := got[string(ref)]; !ok {
							t.Errorf("public/%s refers to %s, which the build did not write", p, ref)
						}
					}
					checkGolden(t, file, ar, f.Name, normaliseAssets(data))
				}
			}
			if n == 0 {
				t.Error("the archive names no want/public/ file to compare")
			}
		})
	}
}

// assetRefRE matches the content-hashed name of an asset as pages refer to
// it: assets/css/site.ec96e4c747.css.
var assetRefRE = regexp.MustCompile(`assets/[a-z0-9/_-]+\.[0-9a-f]{10}\.[a-z0-9]+`)

// normaliseAssets writes every asset's hash as HASH, so that the golden
// pages of testdata/ok do not all change with each edit of the CSS or a
// script: the hash is the asset package's business (and its tests'), and
// TestGoodSites checks apart that each name a page refers to was written.
func normaliseAssets(data []byte) []byte {
	return assetRefRE.ReplaceAllFunc(data, func(ref []byte) []byte {
		i := bytes.LastIndexByte(ref, '.')
		j := bytes.LastIndexByte(ref[:i], '.')
		return slices.Concat(ref[:j+1], []byte("HASH"), ref[i:])
	})
}

// checkGolden compares got with the archive file name; with UPDATE_GOLDEN
// set it rewrites the archive instead.
func checkGolden(t *testing.T, file string, ar *txtar.Archive, name string, got []byte) {
	t.Helper()
	for i, f := range ar.Files {
		if f.Name != name {
			continue
		}
		if Update() {
			ar.Files[i].Data = withNewline(got)
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if diff := cmp.Diff(string(f.Data), string(withNewline(got))); diff != "" {
			t.Errorf("%s differs (-want +got):\n%s", name, diff)
		}
		return
	}
	if Update() {
		ar.Files = append(ar.Files, txtar.File{Name: name, Data: withNewline(got)})
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: no %s in the archive (run with UPDATE_GOLDEN=1 to add it); got:\n%s", file, name, got)
}

func withNewline(b []byte) []byte {
	if len(b) > 0 && !bytes.HasSuffix(b, []byte("\n")) {
		return append(b, '\n')
	}
	return b
}
