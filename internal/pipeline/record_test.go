package pipeline

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/site"
)

// TestBuildRecord checks when Build trusts its record to skip a build, and
// that every change that matters builds again.
func TestBuildRecord(t *testing.T) {
	t.Parallel()
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
	fsys := guidesSite(t, 12)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: fsys, Dest: dest, Site: site.Options{Now: now}, NoPrecompress: true, Record: true}
	guide := "content/guides/guide-00003.md"
	page := filepath.Join(dest, "bonnes-pratiques", "guide-00003", "index.html")

	build := func(what string, o Options, wantReused bool) *Result {
		t.Helper()
		res, err := Build(o)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if res.Reused != wantReused {
			t.Fatalf("%s: reused = %v, want %v", what, res.Reused, wantReused)
		}
		return res
	}

	first := build("first build", opts, false)
	if first.Stable.From.After(now) || !first.Stable.Until.After(now) {
		t.Fatalf("stable span [%s, %s) does not hold %s", first.Stable.From, first.Stable.Until, now)
	}
	before, err := os.Stat(page)
	if err != nil {
		t.Fatal(err)
	}

	again := build("unchanged", opts, true)
	if again.Publish.Unchanged != first.Publish.Written || again.Counts["page"] != first.Counts["page"] {
		t.Errorf("reused build reports %d files and %d pages, want %d and %d", again.Publish.Unchanged, again.Counts["page"], first.Publish.Written, first.Counts["page"])
	}
	if after, _ := os.Stat(page); !after.ModTime().Equal(before.ModTime()) {
		t.Error("a reused build touched a page")
	}
	if m, err := publish.ReadManifest(dest); err != nil || len(m.URLs) != 0 || m.Rules {
		t.Errorf("manifest after a reused build = %+v, %v; want empty", m, err)
	}

	// Later in the span: still the same; past it, built again.
	build("an hour later", withNow(opts, now.Add(time.Hour)), true)
	build("past the span", withNow(opts, first.Stable.Until), false)
	build("unchanged again", withNow(opts, first.Stable.Until), true)
	opts = withNow(opts, first.Stable.Until)

	// Another option builds again.
	drafts := opts
	drafts.Site.Drafts = true
	build("with drafts", drafts, false)
	build("back without drafts", opts, false)
	noRecord := opts
	noRecord.Record = false
	build("without the record", noRecord, false)
	build("after a build without the record", opts, false)
	build("unchanged after it", opts, true)

	// A site file changed.
	orig := fsys[guide].Data
	fsys[guide] = &fstest.MapFile{Data: append(append([]byte{}, orig...), "\nUn paragraphe de plus.\n"...)}
	res := build("an edited guide", opts, false)
	if res.Publish.Written == 0 {
		t.Error("the edited guide wrote nothing")
	}
	fsys[guide] = &fstest.MapFile{Data: orig}
	build("the guide as it was", opts, false)
	build("unchanged after the edit", opts, true)

	// The output folder changed behind relais' back: built again, and
	// repaired.
	good, _ := os.ReadFile(page)
	if err := os.WriteFile(page, []byte("<p>abîmé</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	build("a page edited in public/", opts, false)
	if got, _ := os.ReadFile(page); string(got) != string(good) {
		t.Error("the edited page was not repaired")
	}
	if err := os.Remove(page); err != nil {
		t.Fatal(err)
	}
	build("a page removed from public/", opts, false)
	if _, err := os.Stat(page); err != nil {
		t.Errorf("the removed page was not written again: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dest, "stray.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	build("a file added to public/", opts, false)
	build("unchanged after the repairs", opts, true)

	// A failed build leaves public/ and the record as they were.
	fsys["content/guides/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [\n---\n")}
	if _, err := Build(opts); err == nil {
		t.Fatal("a broken site built")
	}
	delete(fsys, "content/guides/broken.md")
	build("the site as it was before the broken build", opts, true)

	// A record that cannot be read builds again.
	if err := os.WriteFile(publish.RecordPath(dest), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	build("a damaged record", opts, false)
	build("unchanged after a damaged record", opts, true)
}

func withNow(o Options, now time.Time) Options {
	o.Site.Now = now
	return o
}

// TestOpeningTheWriteForgetsTheRecord: the pages are written into the
// spare while the build still renders, so the record goes when the write
// opens. Were it kept, a build killed while rendering (public/ untouched,
// the spare half updated) would be taken by the next build of the same
// files for a finished one, and the spare would stay half updated (the
// whole-site kill test in internal/sitetest found it).
func TestOpeningTheWriteForgetsTheRecord(t *testing.T) {
	t.Parallel()
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: guidesSite(t, 3), Dest: dest, Site: site.Options{Now: now}, NoPrecompress: true, Record: true}
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(publish.RecordPath(dest)); err != nil {
		t.Fatalf("no record after a build: %v", err)
	}
	sink := newPageSink(opts, publish.CompressOptions{})
	defer sink.close()
	if _, err := sink.writer(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(publish.RecordPath(dest)); err == nil {
		t.Error("the build record is still there once the write of public/ is open")
	}
	sink.close()
	if res, err := Build(opts); err != nil || res.Reused {
		t.Errorf("the build after an abandoned write: reused = %v, %v; want a build", res != nil && res.Reused, err)
	}
}
