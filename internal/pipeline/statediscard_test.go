package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/site"
)

// TestKeptStateThrownAway checks each way the kept state is not used — a
// first build, another relais, other options, a build time outside the
// last build's span, a damaged or foreign file — and that the build is
// then a full one with a clean build's bytes; that a failed build leaves
// the state as it was; and that a page whose file in public/ changed is
// rendered again, whatever the state says.
func TestKeptStateThrownAway(t *testing.T) {
	t.Parallel()
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
	fsys := guidesSite(t, 12)
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "kept", "public")
	opts := Options{Source: fsys, Dest: dest, Site: site.Options{Now: now}, NoPrecompress: true, State: StateUse}
	guide := "content/guides/guide-00003.md"
	statePath := StatePath(dest)
	n := 0
	edit := func() {
		n++
		fsys[guide].Data = append(bytes.Clone(fsys[guide].Data), []byte("\nParagraphe "+strings.Repeat("ajouté ", n)+".\n")...)
	}

	// build builds with o and checks what it did with the state: used or
	// not, and why (a part of the French note); then that public/ is a
	// clean build's.
	build := func(what string, o Options, used bool, why string) *Result {
		t.Helper()
		res, err := Build(o)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		st := res.State
		if st == nil {
			t.Fatalf("%s: no state report", what)
		}
		if st.Used != used || !strings.Contains(st.Why, why) || (why == "") != (st.Why == "") {
			t.Fatalf("%s: state used %v (%q), want %v (%q)", what, st.Used, st.Why, used, why)
		}
		pages := res.Counts["page"] - len(res.Site.Redirects)
		if !used && st.Rendered != pages {
			t.Errorf("%s: %d pages rendered without a state, want all %d", what, st.Rendered, pages)
		}
		clean := o
		clean.Dest, clean.State = filepath.Join(tmp, "clean", "public"), StateOff
		if _, err := Build(clean); err != nil {
			t.Fatalf("%s: clean build: %v", what, err)
		}
		sameFolder(t, what, folderFiles(t, dest), folderFiles(t, clean.Dest))
		return res
	}

	build("first build", opts, false, "aucun état")
	edit()
	res := build("one guide edited", opts, true, "")
	if res.State.Rendered == 0 || res.State.Kept == 0 || res.State.Rendered > 4 {
		t.Errorf("one guide edited: %d pages rendered, %d kept; want a few rendered, the others kept", res.State.Rendered, res.State.Kept)
	}

	// Other options: every page, and the state is then the new options'.
	other := opts
	other.Site.BaseURL = "https://autre.example.fr/"
	edit()
	build("another base URL", other, false, "options")
	edit()
	build("the same base URL again", other, true, "")
	edit()
	build("back to the first options", opts, false, "options")

	// Another relais: the state's key names another executable.
	rewriteHead(t, statePath, func(h *stateHead) { h.Key.Relais = strings.Repeat("0", 64) })
	edit()
	build("another relais", opts, false, "relais a changé")

	// Outside the span of the last build: past its end.
	edit()
	last := build("state kept again", opts, true, "")
	edit()
	opts = withNow(opts, last.Stable.Until.Add(time.Minute))
	build("past the span", opts, false, "heure de construction")

	// Damaged and foreign files: a note, and a full build.
	for _, c := range []struct {
		what   string
		damage func([]byte) []byte
		why    string
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }, "tronqué"},
		{"a byte changed", func(b []byte) []byte { b[len(b)/2] ^= 0xff; return b }, "somme de contrôle"},
		{"empty", func([]byte) []byte { return nil }, "pas un état"},
		{"foreign", func([]byte) []byte { return []byte("{\"pages\": []}\n") }, "pas un état"},
		{"another format", func(b []byte) []byte { return append([]byte("relais kept state 0\n"), b[len(stateMagic):]...) }, "autre version"},
	} {
		edit()
		build(c.what+": state written", opts, true, "")
		data, err := os.ReadFile(statePath)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(statePath, c.damage(data), 0o644); err != nil {
			t.Fatal(err)
		}
		edit()
		res := build(c.what, opts, false, c.why)
		if !res.State.Damaged {
			t.Errorf("%s: not reported as damaged", c.what)
		}
	}

	// Damaged kept texts: a note, every text rendered, the pages kept.
	for _, damage := range []func([]byte) []byte{
		func(b []byte) []byte { return b[:len(b)-1] },
		func([]byte) []byte { return []byte("pas un cache") },
	} {
		data, err := os.ReadFile(TextsPath(dest))
		if err != nil {
			t.Fatalf("no kept texts: %v", err)
		}
		if err := os.WriteFile(TextsPath(dest), damage(data), 0o644); err != nil {
			t.Fatal(err)
		}
		edit()
		res := build("damaged kept texts", opts, true, "")
		if len(res.State.Notes) != 1 || !strings.Contains(res.State.Notes[0], "cache du Markdown") || !res.State.Damaged {
			t.Errorf("damaged kept texts: notes %q, damaged %v", res.State.Notes, res.State.Damaged)
		}
	}

	// A failed build leaves the state of the last good build.
	edit()
	build("before a failed build", opts, true, "")
	before, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	textsBefore, err := os.ReadFile(TextsPath(dest))
	if err != nil {
		t.Fatal(err)
	}
	good := fsys[guide].Data
	fsys[guide].Data = []byte("---\ntitle: [cassé\n---\n")
	if _, err := Build(opts); err == nil {
		t.Fatal("a broken front matter built")
	}
	if after, err := os.ReadFile(statePath); err != nil || !bytes.Equal(after, before) {
		t.Fatalf("a failed build changed the kept state (%v)", err)
	}
	if after, err := os.ReadFile(TextsPath(dest)); err != nil || !bytes.Equal(after, textsBefore) {
		t.Fatalf("a failed build changed the kept texts (%v)", err)
	}
	fsys[guide].Data = good
	edit()
	build("after a failed build", opts, true, "")

	// A page changed in public/ behind relais' back is rendered again.
	page := filepath.Join(dest, "bonnes-pratiques", "guide-00005", "index.html")
	if err := os.WriteFile(page, []byte("<p>changé à la main</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	edit()
	build("a page changed in public/", opts, true, "")
}

// rewriteHead changes the head of the state file at p, keeping it valid.
func rewriteHead(t *testing.T, p string, change func(*stateHead)) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	sf, why := decodeState(data)
	if sf == nil {
		t.Fatalf("the state does not read: %s", why)
	}
	change(&sf.head)
	data, err = encodeState(sf.head, sf.pages)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
