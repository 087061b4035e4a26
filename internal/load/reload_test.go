package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// snapshot is a tree as path -> text, for comparing.
func snapshot(t *Tree) map[string]string {
	m := map[string]string{}
	for _, f := range t.Files {
		m[f.Path] = string(f.Data)
	}
	return m
}

func write(t *testing.T, root, p, data string) {
	t.Helper()
	full := filepath.Join(root, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReloadMatchesSite changes a site folder step by step and checks that
// reloading the changed paths gives the tree a fresh Site gives.
func TestReloadMatchesSite(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	fsys := os.DirFS(root)
	write(t, root, "content/site.yaml", "title: T\n")
	write(t, root, "content/guides/a.md", "---\ntitle: A\n---\n")
	write(t, root, "content/guides/b.md", "---\ntitle: B\n---\n")
	write(t, root, "layouts/_base.html", "<html>")
	tree, errs := Site(fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	steps := []struct {
		name    string
		do      func()
		paths   []string
		wantErr bool
	}{
		{"edit a file", func() { write(t, root, "content/guides/a.md", "---\ntitle: A2\n---\n") }, []string{"content/guides/a.md"}, false},
		{"add a file", func() { write(t, root, "content/guides/c.md", "---\ntitle: C\n---\n") }, []string{"content/guides/c.md"}, false},
		{"remove a file", func() { os.Remove(filepath.Join(root, "content/guides/b.md")) }, []string{"content/guides/b.md"}, false},
		{"add a folder with files", func() {
			write(t, root, "content/academies/paris/_index.md", "---\nname: Paris\n---\n")
			write(t, root, "content/academies/paris/directives/x.md", "---\ntitle: X\n---\n")
		}, []string{"content/academies"}, false},
		{"a dotfile and a path outside the roots", func() {
			write(t, root, "content/guides/.a.md.swp", "x")
			write(t, root, "public/index.html", "x")
		}, []string{"content/guides/.a.md.swp", "public/index.html", "content/.git/config"}, false},
		{"remove a folder", func() { os.RemoveAll(filepath.Join(root, "content/academies/paris")) }, []string{"content/academies/paris"}, false},
		{"a file with invalid UTF-8", func() { write(t, root, "content/guides/a.md", "---\ntitle: \xff\n---\n") }, []string{"content/guides/a.md"}, true},
		{"fix it, and name a folder and a file inside it", func() { write(t, root, "content/guides/a.md", "---\ntitle: A3\n---\n") }, []string{"content/guides/a.md", "content/guides", "content"}, false},
		{"remove a root", func() { os.RemoveAll(filepath.Join(root, "layouts")) }, []string{"layouts"}, false},
		{"a path that never existed", func() {}, []string{"assets/css/none.css"}, false},
	}
	for _, st := range steps {
		st.do()
		got, errs := Reload(fsys, tree, st.paths)
		if (len(errs) > 0) != st.wantErr {
			t.Fatalf("%s: errors %v, want errors: %v", st.name, errs, st.wantErr)
		}
		want, _ := Site(fsys)
		if diff := cmp.Diff(snapshot(want), snapshot(got)); diff != "" {
			t.Fatalf("%s: Reload differs from Site (-want +got):\n%s", st.name, diff)
		}
		tree = got
	}
}

// TestReloadKeepsFiles checks that unchanged files keep their *File, and
// with it their parsed front matter.
func TestReloadKeepsFiles(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	fsys := os.DirFS(root)
	write(t, root, "content/guides/a.md", "---\ntitle: A\n---\nbody\n")
	write(t, root, "content/guides/b.md", "---\ntitle: B\n---\n")
	tree, _ := Site(fsys)
	a := tree.Get("content/guides/a.md")
	d1, _ := Front(a)
	write(t, root, "content/guides/b.md", "---\ntitle: B2\n---\n")
	next, _ := Reload(fsys, tree, []string{"content/guides/b.md"})
	if next.Get("content/guides/a.md") != a {
		t.Fatal("an unchanged file was read again")
	}
	if tree.Get("content/guides/b.md") == next.Get("content/guides/b.md") {
		t.Fatal("the old tree was changed")
	}
	d2, _ := Front(a)
	if d1 == d2 || d1.Front != d2.Front {
		t.Fatal("Front should return a fresh Doc sharing the parsed node")
	}
	d2.Body = nil
	if d3, _ := Front(a); string(d3.Body) != "body\n" {
		t.Fatalf("changing a returned Doc changed the memo: body %q", d3.Body)
	}
}

func TestFrontMemoErrors(t *testing.T) {
	t.Parallel()
	f := &File{Path: "content/guides/x.md", Data: []byte("---\ntitle: [\n---\n")}
	_, e1 := Front(f)
	_, e2 := Front(f)
	if len(e1) != 1 || len(e2) != 1 || e1[0] != e2[0] {
		t.Fatalf("errors %v then %v, want the same one error", e1, e2)
	}
	e1[0] = nil
	if _, e3 := Front(f); e3[0] == nil {
		t.Fatal("changing a returned error list changed the memo")
	}
}

// TestRelease: a released file is parsed again, to the same document.
func TestRelease(t *testing.T) {
	t.Parallel()
	f := &File{Path: "content/guides/a.md", Data: []byte("---\ntitle: A\n---\nx\n")}
	tree := &Tree{Files: []*File{f}}
	before, _ := Front(f)
	tree.Release()
	if f.memo.front.Load() != nil {
		t.Fatal("the parsed front matter is still kept")
	}
	after, errs := Front(f)
	if len(errs) > 0 || after.Front.Content[1].Value != before.Front.Content[1].Value || string(after.Body) != string(before.Body) {
		t.Errorf("after Release: %+v %v", after, errs)
	}
}
