package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/build"
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
	if err := build.WriteNextChange(dest, next); err != nil {
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
	if code, _, errs := run("due", "--now", "demain"); code != ExitUsage || !strings.Contains(errs, "RFC 3339") {
		t.Errorf("--now demain: exit %d, %q", code, errs)
	}
}
