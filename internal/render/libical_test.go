package render_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/site"
)

// libicalPython returns a Python that loads libical's introspection data
// (Debian: python3-gi, gir1.2-ical-3.0, which make test-tools installs),
// or skips t (fails it under CI=true).
func libicalPython(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if p, err := exec.LookPath(py); err == nil {
			if exec.Command(p, "testdata/libical_check.py").Run() == nil {
				return p
			}
		}
	}
	msg := "libical is not installed for Python: apt-get install -y python3-gi gir1.2-ical-3.0 (make test-tools)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// TestShippedCalendarsPassLibical builds the shipped site and reads every
// one of its calendars with libical, the library behind Evolution and many
// other clients: each must parse, with no error from its RFC 5545 and
// RFC 5546 restriction checks.
func TestShippedCalendarsPassLibical(t *testing.T) {
	py := libicalPython(t)
	dest := filepath.Join(t.TempDir(), "public")
	now, _ := time.Parse(time.RFC3339, "2020-03-23T09:00:00+01:00")
	if _, err := pipeline.Build(pipeline.Options{Source: os.DirFS(filepath.Join("..", "..")), Dest: dest, Site: site.Options{Now: now}, NoPrecompress: true}); err != nil {
		t.Fatal(err)
	}
	var calendars []string
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".ics") {
			calendars = append(calendars, p)
		}
		return err
	})
	if len(calendars) == 0 {
		t.Fatal("the shipped site has no calendar")
	}
	var out bytes.Buffer
	cmd := exec.Command(py, append([]string{"testdata/libical_check.py"}, calendars...)...)
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	report := strings.ReplaceAll(out.String(), dest+string(filepath.Separator), "")
	if err != nil {
		lines := strings.Split(strings.TrimSpace(report), "\n")
		if len(lines) > 20 {
			lines = append(lines[:10], append([]string{"…"}, lines[len(lines)-1])...)
		}
		t.Fatalf("libical: %v\n%s", err, strings.Join(lines, "\n"))
	}
	t.Log(strings.TrimSpace(report))
}
