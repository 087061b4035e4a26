package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestUnchangedRebuild runs `relais build` twice on the same site: the
// second finds public/ up to date from its record and says so; --force
// builds anyway; an edit builds again.
func TestUnchangedRebuild(t *testing.T) {
	t.Parallel()
	site := Extract(t, &txtar.Archive{Files: []txtar.File{{Name: "content/guides/a.md", Data: []byte("---\ntitle: Un conseil\n---\nUn texte.\n")}}})
	args := []string{"build", "--source", site, "--now", Now, "--no-precompress"}
	if res := Relais(t, args...); res.Code != 0 || strings.Contains(res.Stderr, "est à jour") {
		t.Fatalf("first build: exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	res := Relais(t, args...)
	if res.Code != 0 || !strings.Contains(res.Stderr, "est à jour") || !strings.Contains(res.Stderr, "--force construit quand même") || !strings.Contains(res.Stderr, "prochain changement : ") {
		t.Errorf("unchanged rebuild: exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	res = Relais(t, append(args, "--force")...)
	if res.Code != 0 || strings.Contains(res.Stderr, "est à jour") || !strings.Contains(res.Stderr, "fichiers : 0 écrit,") {
		t.Errorf("--force: exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	write(t, filepath.Join(site, "content/guides/a.md"), []byte("---\ntitle: Un conseil\n---\nUn autre texte.\n"))
	res = Relais(t, args...)
	if res.Code != 0 || strings.Contains(res.Stderr, "est à jour") {
		t.Errorf("after an edit: exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	if page, _ := os.ReadFile(filepath.Join(site, "public/bonnes-pratiques/a/index.html")); !strings.Contains(string(page), "Un autre texte") {
		t.Error("the edited guide was not built")
	}
}
