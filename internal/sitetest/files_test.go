package sitetest

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// buildOver builds site over an existing public/ and returns the result,
// after checking that public/ is unchanged when the build fails.
func buildOver(t *testing.T, site string) Result {
	t.Helper()
	public := filepath.Join(site, "public")
	write(t, filepath.Join(public, "index.html"), []byte("previous build"))
	res := Relais(t, "build", "--quiet", "--source", site, "--now", Now)
	if res.Code != 0 {
		if got, _ := os.ReadFile(filepath.Join(public, "index.html")); string(got) != "previous build" {
			t.Errorf("failed build changed public/index.html to %.40q", got)
		}
	}
	res.Stderr = strings.ReplaceAll(res.Stderr, site+string(filepath.Separator), "")
	return res
}

func TestInvalidUTF8(t *testing.T) {
	t.Parallel()
	site := Extract(t, &txtar.Archive{})
	write(t, filepath.Join(site, "content/guides/a.md"), []byte("---\ntitle: ok\n---\nune ligne\nune \xe9cole\n"))
	res := buildOver(t, site)
	want := "content/guides/a.md:5:5: le texte n'est pas en UTF-8 : enregistrez le fichier en UTF-8 (dans l'éditeur : « Enregistrer sous », codage UTF-8)\n"
	if res.Code != 1 || !strings.HasPrefix(res.Stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to start with\n%s", res.Code, res.Stderr, want)
	}
}

func TestBOMAndCRLFAreAccepted(t *testing.T) {
	t.Parallel()
	site := Extract(t, &txtar.Archive{})
	write(t, filepath.Join(site, "content/guides/a.md"), []byte("\xef\xbb\xbf---\r\ntitle: Windows\r\nsummary: Écrit sous Windows\r\n---\r\nUn texte [lien](b.md).\r\n"))
	write(t, filepath.Join(site, "content/guides/b.md"), []byte("---\ntitle: B\n---\nTexte.\n"))
	res := buildOver(t, site)
	if res.Code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	page, err := os.ReadFile(filepath.Join(site, "public/bonnes-pratiques/a/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Windows") || strings.Contains(string(page), "\r") || !strings.Contains(string(page), `href="/bonnes-pratiques/b/"`) {
		t.Errorf("page = %s", page)
	}
}

func TestBOMAndCRLFKeepPositions(t *testing.T) {
	t.Parallel()
	site := Extract(t, &txtar.Archive{})
	write(t, filepath.Join(site, "content/guides/a.md"), []byte("\xef\xbb\xbf---\r\ntitle: Windows\r\nresume: x\r\n---\r\n"))
	res := buildOver(t, site)
	want := `content/guides/a.md:3:1: champ inconnu « resume » dans l'en-tête`
	if res.Code != 1 || !strings.HasPrefix(res.Stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to start with\n%s", res.Code, res.Stderr, want)
	}
}

func TestSymlinkOutsideSiteIsRefused(t *testing.T) {
	t.Parallel()
	site := Extract(t, &txtar.Archive{})
	secret := filepath.Join(t.TempDir(), "secret.md")
	write(t, secret, []byte("---\ntitle: secret\n---\nmot de passe\n"))
	if err := os.MkdirAll(filepath.Join(site, "content/guides"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(site, "content/guides/lien.md")); err != nil {
		skipWithoutSymlinks(t, err)
	}
	if err := os.Symlink("../../../etc", filepath.Join(site, "content/guides/etc")); err != nil {
		t.Fatal(err)
	}
	res := buildOver(t, site)
	if res.Code != 1 {
		t.Fatalf("exit %d, want 1", res.Code)
	}
	for _, want := range []string{
		"content/guides/etc: le lien symbolique vers « ../../../etc » mène hors du dossier du site",
		"content/guides/lien.md: le lien symbolique vers « " + secret + " » mène hors du dossier du site",
	} {
		if !strings.Contains(res.Stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.Stderr)
		}
	}
	if strings.Contains(res.Stderr, "mot de passe") {
		t.Error("the linked file was read")
	}
}

func TestSymlinkInsideSiteIsFollowed(t *testing.T) {
	t.Parallel()
	site := Extract(t, &txtar.Archive{})
	write(t, filepath.Join(site, "content/guides/a.md"), []byte("---\ntitle: A\n---\nTexte.\n"))
	if err := os.Symlink("a.md", filepath.Join(site, "content/guides/b.md")); err != nil {
		skipWithoutSymlinks(t, err)
	}
	if res := buildOver(t, site); res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
}

// skipWithoutSymlinks skips a test on systems without symbolic links
// (Windows without the privilege); anywhere else the error is a failure.
func skipWithoutSymlinks(t *testing.T, err error) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no symbolic links here:", err)
	}
	t.Fatal(err)
}
