package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
)

// newSite writes a site folder with two académies (one overseas) and their
// régions.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for p, data := range map[string]string{
		"content/site.yaml":                       "title: T\nbase_url: https://x.fr\n",
		"content/regions/ile-de-france/_index.md": "---\ntitle: Île-de-France\n---\n",
		"content/regions/guyane/_index.md":        "---\ntitle: Guyane\n---\n",
		"content/academies/paris/_index.md":       "---\ntitle: Paris\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
		"content/academies/guyane/_index.md":      "---\ntitle: Guyane\nregion: guyane\ntimezone: America/Cayenne\nholiday_zone: outre-mer\n---\n",
	} {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const newNow = "2020-03-23T09:00:00+01:00"

func TestNewDirective(t *testing.T) {
	dir := newSite(t)
	for _, tc := range []struct {
		args     []string
		path     string
		issuer   territory.Issuer
		zone     string
		date     string
		titleYML string
	}{
		{[]string{"--academie", "paris", "Plages horaires : les collèges"}, "content/academies/paris/directives/2020-03-23-plages-horaires-les-colleges.md", territory.AcademyIssuer("paris"), "Europe/Paris", "2020-03-23 09:00", `"Plages horaires : les collèges"`},
		// The flags may follow the title; the time is the académie's.
		{[]string{`L'ENT "Guyane" ouvre`, "--academie", "guyane"}, "content/academies/guyane/directives/2020-03-23-l-ent-guyane-ouvre.md", territory.AcademyIssuer("guyane"), "America/Cayenne", "2020-03-23 05:00", `"L'ENT \"Guyane\" ouvre"`},
		{[]string{"--region", "ile-de-france", "Lycées", "franciliens"}, "content/regions/ile-de-france/directives/2020-03-23-lycees-franciliens.md", territory.RegionIssuer("ile-de-france"), "Europe/Paris", "2020-03-23 09:00", `"Lycées franciliens"`},
		{[]string{"--national", "Fermeture des écoles"}, "content/national/directives/2020-03-23-fermeture-des-ecoles.md", territory.National(), "Europe/Paris", "2020-03-23 09:00", `"Fermeture des écoles"`},
	} {
		code, out, errs := run(append([]string{"new", "directive", "--source", dir, "--now", newNow}, tc.args...)...)
		want := filepath.Join(dir, tc.path)
		if code != ExitOK || strings.TrimSpace(out) != want || errs != "" {
			t.Errorf("relais new directive %v: exit %d, stdout %q, stderr %q; want exit 0 and %s", tc.args, code, out, errs, want)
			continue
		}
		data, err := os.ReadFile(want)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "\ntitle: "+tc.titleYML+"\n") || !strings.Contains(string(data), "\ndate: "+tc.date+"\n") {
			t.Errorf("%s:\n%s", tc.path, data)
		}
		// The file is a well-formed directive, a draft.
		loc, _ := time.LoadLocation(tc.zone)
		doc, errl := load.Front(&load.File{Path: tc.path, Data: data})
		if len(errl) > 0 {
			t.Fatalf("%s: %v", tc.path, errl)
		}
		d, errl := directive.Decode(doc, tc.issuer, loc)
		if len(errl) > 0 {
			t.Errorf("%s does not decode:\n%v\n%s", tc.path, errl, data)
			continue
		}
		if !d.Draft || d.Title != strings.Trim(strings.ReplaceAll(tc.titleYML, `\"`, `"`), `"`) || d.Summary != "" || strings.Join(d.Audiences, ",") != "parents,eleves" {
			t.Errorf("%s decodes to %+v", tc.path, d)
		}
		if !d.Date.Equal(time.Date(2020, 3, 23, 8, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: date %v, want the instant of --now", tc.path, d.Date)
		}
	}

	// The same title again: refused, the file untouched.
	p := filepath.Join(dir, "content/academies/paris/directives/2020-03-23-plages-horaires-les-colleges.md")
	os.WriteFile(p, []byte("édité"), 0o644)
	code, _, errs := run("new", "directive", "--source", dir, "--now", newNow, "--academie", "paris", "Plages horaires : les collèges")
	if code != ExitFailure || !strings.Contains(errs, "already exists") {
		t.Errorf("existing file: exit %d, stderr %q", code, errs)
	}
	if data, _ := os.ReadFile(p); string(data) != "édité" {
		t.Errorf("the existing file was overwritten: %q", data)
	}
}

func TestNewDirectiveRefuses(t *testing.T) {
	dir := newSite(t)
	for _, tc := range []struct {
		args []string
		code int
		errs string
	}{
		{[]string{"--academie", "pariss", "Titre"}, ExitUsage, `--academie pariss: académie inconnue « pariss » (vouliez-vous dire « paris » ?)`},
		{[]string{"--academie", "académie de Paris", "Titre"}, ExitUsage, `--academie académie de Paris: académie inconnue « académie de Paris » (vouliez-vous dire « paris » ?)`},
		{[]string{"--region", "ile-de-franc", "Titre"}, ExitUsage, `--region ile-de-franc: région inconnue « ile-de-franc » (vouliez-vous dire « ile-de-france » ?)`},
		{[]string{"--academie", "paris"}, ExitUsage, "give the title of the directive"},
		{[]string{"Titre"}, ExitUsage, "one of --academie SLUG, --region SLUG or --national"},
		{[]string{"--national", "--academie", "paris", "Titre"}, ExitUsage, "one of --academie SLUG, --region SLUG or --national"},
		{[]string{"--national", "!!!"}, ExitUsage, "no letter or digit"},
		{[]string{"--national", "--now", "lundi", "Titre"}, ExitUsage, `--now "lundi" is not an RFC 3339 time`},
		{[]string{"--national", "--nope", "Titre"}, ExitUsage, "flag provided but not defined: -nope"},
	} {
		code, out, errs := run(append([]string{"new", "directive", "--source", dir}, tc.args...)...)
		if code != tc.code || out != "" || !strings.Contains(errs, tc.errs) {
			t.Errorf("relais new directive %v: exit %d, stdout %q, stderr %q; want exit %d, %q", tc.args, code, out, errs, tc.code, tc.errs)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content/national")); len(entries) > 0 {
		t.Errorf("a refused command wrote files: %v", entries)
	}
	code, _, errs := run("new", "directive", "--source", t.TempDir(), "--national", "Titre")
	if code != ExitUsage || !strings.Contains(errs, "has no content/ folder") {
		t.Errorf("no content/: exit %d, stderr %q", code, errs)
	}
	for _, tc := range []struct {
		args      []string
		code      int
		out, errs string
	}{
		{[]string{"new"}, ExitUsage, "", "Usage: relais new directive"},
		{[]string{"new", "--help"}, ExitOK, "Usage: relais new directive", ""},
		{[]string{"help", "new"}, ExitOK, "Usage: relais new directive", ""},
		{[]string{"new", "directive", "--help"}, ExitOK, "-academie slug", ""},
		{[]string{"new", "guide"}, ExitUsage, "", `unknown kind "guide"`},
		{[]string{"new", "directiv"}, ExitUsage, "", `(did you mean "directive"?)`},
	} {
		code, out, errs := run(tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.errs) {
			t.Errorf("relais %v: exit %d, stdout %q, stderr %q; want exit %d, %q, %q", tc.args, code, out, errs, tc.code, tc.out, tc.errs)
		}
	}
}

func TestDirectiveSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Plages horaires : les collèges":    "plages-horaires-les-colleges",
		"L’ENT de l’académie":               "l-ent-de-l-academie",
		strings.Repeat("mot ", 30):          "mot-mot-mot-mot-mot-mot-mot-mot-mot-mot-mot-mot-mot-mot-mot",
		"Œuvres « Nation apprenante » 2020": "oeuvres-nation-apprenante-2020",
	} {
		if got := directiveSlug(in); got != want {
			t.Errorf("directiveSlug(%q) = %q, want %q", in, got, want)
		}
	}
}
