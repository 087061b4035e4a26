package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/pipeline"
)

func TestDue(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	code, out, _ := run("due", "--source", dir)
	if code != ExitOK || !strings.Contains(out, "aucune construction notée") {
		t.Errorf("no build yet: exit %d, %q", code, out)
	}
	next := time.Date(2020, 3, 23, 14, 0, 0, 0, time.UTC)
	if err := pipeline.WriteNextChange(dest, next); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		now  string
		code int
		out  string
	}{
		{"2020-03-23T14:59:59+01:00", ExitNotDue, "relais due : rien ne change avant le lundi 23 mars 2020 à 15h, heure de Paris (2020-03-23T14:00:00Z)\n"},
		{"2020-03-23T15:00:00+01:00", ExitOK, "relais due : le site a pu changer depuis le lundi 23 mars 2020 à 15h, heure de Paris (2020-03-23T14:00:00Z) : construisez\n"},
		{"2020-03-24T08:00:00+01:00", ExitOK, "construisez"},
	} {
		code, out, _ := run("due", "--source", dir, "--now", tc.now)
		if code != tc.code || !strings.Contains(out, tc.out) {
			t.Errorf("at %s: exit %d, %q; want exit %d, %q", tc.now, code, out, tc.code, tc.out)
		}
	}
	code, out, _ = run("due", "--source", dir, "--now", "2020-03-23T14:40:00+01:00", "--wait", "30m")
	if code != ExitOK || !strings.Contains(out, "attente de 20m0s") || !strings.Contains(out, "c'est le moment") {
		t.Errorf("--wait 30m, 20 minutes before: exit %d, %q", code, out)
	}
	code, _, _ = run("due", "--source", dir, "--now", "2020-03-23T14:20:00+01:00", "--wait", "30m")
	if code != ExitNotDue {
		t.Errorf("--wait 30m, 40 minutes before: exit %d, want %d", code, ExitNotDue)
	}
	if code, _, errs := run("due", "--now", "demain"); code != ExitUsage || !strings.Contains(errs, "RFC 3339") {
		t.Errorf("--now demain: exit %d, %q", code, errs)
	}
}

// TestDueWaits waits, on the real clock, for a moment a second away.
func TestDueWaits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	next := time.Now().Add(time.Second)
	if err := pipeline.WriteNextChange(filepath.Join(dir, "public"), next); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run("due", "--source", dir, "--wait", "1m")
	if code != ExitOK || time.Now().Before(next.Truncate(time.Second)) {
		t.Errorf("exit %d at %s, moment %s: %q", code, time.Now(), next, out)
	}
}

func TestInitCI(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct{ host, path string }{{"gitlab", ".gitlab-ci.yml"}, {"github", ".github/workflows/relais.yml"}} {
		code, out, errs := run("init", "ci", tc.host, "--source", dir)
		p := filepath.Join(dir, tc.path)
		data, err := os.ReadFile(p)
		if code != ExitOK || strings.TrimSpace(out) != p || err != nil || !strings.Contains(string(data), "relais due --wait 30m") {
			t.Errorf("init ci %s: exit %d, %q %q, %v", tc.host, code, out, errs, err)
		}
		if code, _, errs := run("init", "ci", tc.host, "--source", dir); code != ExitFailure || !strings.Contains(errs, "existe déjà") {
			t.Errorf("init ci %s again: exit %d, %q", tc.host, code, errs)
		}
		if code, _, _ := run("init", "ci", tc.host, "--source", dir, "--force"); code != ExitOK {
			t.Errorf("init ci %s --force: exit %d", tc.host, code)
		}
	}
	if code, _, errs := run("init", "ci", "gitlba"); code != ExitUsage || !strings.Contains(errs, `(did you mean "gitlab"?)`) {
		t.Errorf("init ci gitlba: exit %d, %q", code, errs)
	}
}

func TestCMS(t *testing.T) {
	t.Parallel()
	decap := t.TempDir()
	if err := os.WriteFile(filepath.Join(decap, "decap-cms.js"), []byte("/* decap */"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "admin")
	code, _, errs := run("cms", "--source", "../..", "--out", out, "--decap", decap, "--repo", "academie/relais", "--only", "academies/paris")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	cfg, err := os.ReadFile(filepath.Join(out, "config.yml"))
	if err != nil || !strings.Contains(string(cfg), "folder: content/academies/paris/directives") || strings.Contains(string(cfg), "content/academies/creteil") {
		t.Errorf("config.yml: %v\n%s", err, cfg)
	}
	for _, f := range []string{"index.html", "admin.js", "preview.css", "decap-cms.js"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if code, _, errs := run("cms", "--source", "../..", "--out", out, "--decap", t.TempDir()); code != ExitFailure || !strings.Contains(errs, "make cms-tools") {
		t.Errorf("without decap-cms.js: exit %d, %s", code, errs)
	}
}
