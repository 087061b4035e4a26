package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/view"
)

// TestCheckAndBuildListWhatIsLeftOut: a draft, a future directive, an
// expired one and a draft guide are named, in French, with their reason
// and date, as notes of a check and of a build that succeed — and again
// by a build that finds the output up to date.
func TestCheckAndBuildListWhatIsLeftOut(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, d := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"content/site.yaml": "title: Test\nbase_url: https://test.example.fr/\n",
		"content/national/directives/2020-03-22-brouillon.md":  "---\ntitle: Un brouillon\ndate: 2020-03-22\naudiences: [parents]\ndraft: true\n---\nx\n",
		"content/national/directives/2020-03-30-a-venir.md":    "---\ntitle: À venir\ndate: 2020-03-30 10:00\naudiences: [parents]\n---\nx\n",
		"content/national/directives/2020-03-31-demain.md":     "---\ntitle: Un autre jour\ndate: 2020-03-31\naudiences: [parents]\n---\nx\n",
		"content/national/directives/2020-03-10-ancienne.md":   "---\ntitle: Ancienne\ndate: 2020-03-10\naudiences: [parents]\nexpires: 2020-03-20\n---\nx\n",
		"content/national/directives/2020-03-16-en-vigueur.md": "---\ntitle: En vigueur\ndate: 2020-03-16\naudiences: [parents]\n---\nx\n",
		"content/guides/a-relire.md":                           "---\ntitle: À relire\ndraft: true\n---\nx\n",
	}
	for p, data := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const now = "2020-03-23T09:00:00+01:00"
	notes := func(cmd string) string {
		return "relais " + cmd + " : 5 documents laissés de côté (des notes, pas des erreurs) :\n" +
			"  content/guides/a-relire.md (« À relire ») : brouillon (draft: true) ; ce guide n’est pas publié ; relais build --drafts le montre pour le relire, et il paraît quand la ligne « draft: true » est retirée\n" +
			"  content/national/directives/2020-03-10-ancienne.md (« Ancienne ») : expirée le 20 mars 2020 ; retirée des listes et des bannières depuis le 21 mars 2020 ; sa page reste, dans les archives (/directives/archives/)\n" +
			"  content/national/directives/2020-03-22-brouillon.md (« Un brouillon ») : brouillon (draft: true) ; elle n’est pas publiée ; relais build --drafts la montre pour la relire, et elle paraît quand la ligne « draft: true » est retirée\n" +
			"  content/national/directives/2020-03-30-a-venir.md (« À venir ») : publication prévue le 30 mars 2020 à 10h ; elle paraîtra au premier build fait à partir de ce moment ; relais build --future la montre dès maintenant\n" +
			"  content/national/directives/2020-03-31-demain.md (« Un autre jour ») : publication prévue le 31 mars 2020 ; elle paraîtra au premier build fait à partir de ce moment ; relais build --future la montre dès maintenant\n"
	}
	code, _, errs := run("check", "--source", dir, "--now", now)
	if code != ExitOK || !strings.Contains(errs, notes("check")) {
		t.Errorf("relais check: exit %d, stderr:\n%s\nwant the notes:\n%s", code, errs, notes("check"))
	}
	dest := filepath.Join(dir, "public")
	for _, what := range []string{"a build", "a build that finds the output up to date"} {
		code, _, errs = run("build", "--source", dir, "--now", now, "--dest", dest, "--cache-dir", "")
		if code != ExitOK || !strings.Contains(errs, notes("build")) {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant the notes:\n%s", what, code, errs, notes("build"))
		}
	}
	if !strings.Contains(errs, "est à jour") {
		t.Errorf("the second build was not reused:\n%s", errs)
	}
	// With --drafts and --future, only the expired one is left in the
	// archive.
	code, _, errs = run("check", "--source", dir, "--now", now, "--drafts", "--future")
	if code != ExitOK || !strings.Contains(errs, "relais check : 1 document laissé de côté") || !strings.Contains(errs, "2020-03-10-ancienne.md") {
		t.Errorf("relais check --drafts --future: exit %d, stderr:\n%s", code, errs)
	}
}

// TestLeftOutNotesAreCapped: past notesShown notes, a build names the
// first ones and says how many more there are and which flag lists them;
// with --notes it lists them all.
func TestLeftOutNotesAreCapped(t *testing.T) {
	t.Parallel()
	var notes []view.LeftOut
	for i := range notesShown + 3 {
		notes = append(notes, view.LeftOut{Path: fmt.Sprintf("content/national/directives/d%02d.md", i), Title: "T", Why: "brouillon (draft: true)", Then: "x"})
	}
	var b strings.Builder
	leftOut(&b, "build", notes, false)
	got := b.String()
	if n := strings.Count(got, "\n  content/"); n != notesShown {
		t.Errorf("%d notes printed without --notes, want %d:\n%s", n, notesShown, got)
	}
	if !strings.Contains(got, "23 documents laissés de côté") || !strings.HasSuffix(got, "  … et 3 autres : relais build --notes les liste tous\n") {
		t.Errorf("the summary does not count the notes or say how to list the rest:\n%s", got)
	}
	b.Reset()
	leftOut(&b, "check", notes, true)
	if n := strings.Count(b.String(), "\n  content/"); n != len(notes) || strings.Contains(b.String(), "autres") {
		t.Errorf("--notes printed %d notes, want all %d:\n%s", n, len(notes), b.String())
	}
}
