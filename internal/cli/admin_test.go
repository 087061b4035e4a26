package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildWritesTheForm: a site whose site.yaml has a cms section gets the
// web form at /admin/ of its build — the page, the configuration made from
// its model, the script of decap-cms copied from the site's tools/cms —
// with the form's own policy in the rules for hosts, the rest of the site
// keeping the strict one. Without the script, the build says how to get it.
func TestBuildWritesTheForm(t *testing.T) {
	t.Parallel()
	decap := filepath.Join("..", "..", "tools", "cms", "node_modules", "decap-cms", "dist", "decap-cms.js")
	script, err := os.ReadFile(decap)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip("no decap-cms (make cms-tools installs it into tools/cms/node_modules)")
	}
	dir := shippedSite(t)
	cfg := filepath.Join(dir, "content", "site.yaml")
	yml, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	yml = append(yml, "\ncms:\n  backend: gitlab\n  repo: academie/relais\n  base_url: https://gitlab.ac-exemple.fr\n  app_id: abc123\n  only: [academies/paris]\n"...)
	if err := os.WriteFile(cfg, yml, 0o644); err != nil {
		t.Fatal(err)
	}
	const now = "2020-03-23T09:00:00+01:00"
	dest := filepath.Join(dir, "public")

	code, _, errs := run("build", "--source", dir, "--now", now, "--dest", dest, "--cache-dir", "", "--no-precompress", "--quiet")
	if code != ExitFailure || !strings.Contains(errs, "content/site.yaml: le formulaire de publication (section cms) a besoin du script de Decap CMS dans tools/cms/node_modules/decap-cms/dist/decap-cms.js, introuvable : lancez make cms-tools") {
		t.Fatalf("a build without decap-cms: exit %d\n%s", code, errs)
	}

	abs, err := filepath.Abs(filepath.Join("..", "..", "tools"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(abs, filepath.Join(dir, "tools")); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run("build", "--source", dir, "--now", now, "--dest", dest, "--cache-dir", "", "--no-precompress", "--quiet")
	if code != ExitOK {
		t.Fatalf("relais build: exit %d\n%s", code, errs)
	}
	read := func(p string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if got := read("admin/decap-cms.js"); !bytes.Equal([]byte(got), script) {
		t.Errorf("admin/decap-cms.js is not decap-cms's script")
	}
	if got := read("admin/index.html"); !strings.Contains(got, `<script src="decap-cms.js"></script>`) {
		t.Errorf("admin/index.html:\n%s", got)
	}
	for _, want := range []string{"name: gitlab", "repo: academie/relais", "auth_type: pkce", "app_id: abc123", "name: directives-academie-paris", "name: creneaux-paris"} {
		if got := read("admin/config.yml"); !strings.Contains(got, want) {
			t.Errorf("admin/config.yml lacks %q", want)
		}
	}
	headers := read("_headers")
	i := strings.Index(headers, "\n/admin/*")
	if i < 0 {
		t.Fatalf("no rule of /admin/* in _headers:\n%s", headers)
	}
	admin, _, _ := strings.Cut(headers[i+1:], "\n/")
	for _, want := range []string{"'unsafe-inline'", "'unsafe-eval'", "connect-src 'self' https://gitlab.ac-exemple.fr http://127.0.0.1:8081"} {
		if !strings.Contains(admin, want) {
			t.Errorf("the rule of /admin/* in _headers lacks %q:\n%s", want, admin)
		}
	}
	if i := strings.Index(headers, "\n/academies/*"); i < 0 || strings.Contains(strings.SplitN(headers[i+1:], "\n/", 2)[0], "unsafe") {
		t.Errorf("the pages of the site lost their strict policy:\n%s", headers)
	}
	if nginx := read("_nginx.conf"); !strings.Contains(nginx, "location ^~ /admin/ {") || !strings.Contains(nginx, "'unsafe-eval'") {
		t.Errorf("_nginx.conf has no rule for /admin/")
	}
	if strings.Contains(read("sitemap.xml"), "/admin/") {
		t.Errorf("the form is in the sitemap")
	}
}
