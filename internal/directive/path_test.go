package directive

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
)

func TestIssuerOf(t *testing.T) {
	for _, tc := range []struct {
		path   string
		issuer territory.Issuer
		rest   string
		ok     bool
	}{
		{"content/national/directives/x.md", national, "x.md", true},
		{"content/regions/ile-de-france/directives/x.md", idf, "x.md", true},
		{"content/academies/paris/directives/x.md", acParis, "x.md", true},
		{"content/academies/paris/directives/old/x.md", acParis, "old/x.md", true},
		{"content/national/directives/old/x.md", national, "old/x.md", true},
		{"content/departements/x/directives/a.md", territory.Issuer{}, "", false},
		{"content/directives/a.md", territory.Issuer{}, "", false},
		{"content/academies/paris/_index.md", territory.Issuer{}, "", false},
		{"content/academies//directives/a.md", territory.Issuer{}, "", false},
		{"content/national/directives/", territory.Issuer{}, "", false},
		{"layouts/national/directives/x.md", territory.Issuer{}, "", false},
	} {
		issuer, rest, ok := IssuerOf(tc.path)
		if issuer != tc.issuer || rest != tc.rest || ok != tc.ok {
			t.Errorf("IssuerOf(%q) = %v, %q, %v; want %v, %q, %v", tc.path, issuer, rest, ok, tc.issuer, tc.rest, tc.ok)
		}
	}
}

func TestCheckPath(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"content/academies/paris/directives/x.md", ""},
		{"content/departements/x/directives/a.md", `content/departements/x/directives/a.md:1:1: unknown issuer folder "departements/x": directives go in content/national/directives/, content/regions/<région>/directives/ or content/academies/<académie>/directives/`},
		{"content/directives/a.md", `content/directives/a.md:1:1: a directive goes in the directives folder of its issuer: content/national/directives/ for the ministry, content/regions/<région>/directives/ or content/academies/<académie>/directives/`},
		{"content/academies/paris/directives/2020/x.md", `content/academies/paris/directives/2020/x.md:1:1: a directives folder holds Markdown files only, not folders: move the file up into content/academies/paris/directives/`},
		{"content/national/directives/lettre.pdf", `content/national/directives/lettre.pdf:1:1: only Markdown files (.md) go in a directives folder: a directive is written as "lettre.md"`},
	} {
		got := ""
		if e := CheckPath(tc.path); e != nil {
			got = e.Error()
		}
		if got != tc.want {
			t.Errorf("CheckPath(%q)\n got %s\nwant %s", tc.path, got, tc.want)
		}
	}
}

func TestInDirectives(t *testing.T) {
	for p, want := range map[string]bool{
		"content/national/directives/x.md":       true,
		"content/departements/x/directives/a.md": true,
		"content/directives/a.md":                true,
		"content/guides/directives.md":           false,
		"content/academies/paris/_index.md":      false,
		"layouts/directives/single.html":         false,
	} {
		if got := InDirectives(p); got != want {
			t.Errorf("InDirectives(%q) = %v", p, got)
		}
	}
}

const minimal = "---\ntitle: T\ndate: 2020-03-19 10:00\naudiences: [parents]\n---\n"

func TestLoad(t *testing.T) {
	files := map[string]string{
		"content/national/directives/a.md":                   minimal,
		"content/national/directives/A.md":                   minimal,
		"content/academies/paris/directives/a.md":            minimal, // another issuer: no clash
		"content/academies/inconnue/directives/b.md":         minimal,
		"content/departements/75/directives/c.md":            minimal,
		"content/regions/grand-est/directives/no-front.md":   "texte\n",
		"content/regions/grand-est/directives/old-a.md":      "---\ntitle: T\ndate: 2020-03-19 10:00\naudiences: [parents]\naliases: [/directives/old/]\n---\n",
		"content/regions/grand-est/directives/old-b.md":      "---\ntitle: T\ndate: 2020-03-19 10:00\naudiences: [parents]\naliases: [/directives/old/]\n---\n",
		"content/regions/grand-est/directives/x_y.md":        minimal,
		"content/regions/grand-est/directives/x-y.md":        minimal,
		"content/guides/se-connecter.md":                     "not a directive",
		"content/regions/grand-est/directives/notes/n.md":    minimal,
		"content/academies/la-reunion/directives/reunion.md": minimal,
	}
	tree := &load.Tree{}
	for p, src := range files {
		tree.Files = append(tree.Files, &load.File{Path: p, Data: []byte(src)})
	}
	sortTree(tree)
	zone := func(i territory.Issuer) (*time.Location, error) {
		switch {
		case i.Kind == territory.IssuerAcademy && i.Slug == "inconnue":
			return nil, errors.New(`unknown académie "inconnue"`)
		case i.Slug == "la-reunion":
			return reunion, nil
		}
		return paris, nil
	}
	ds, errs := Load(tree, zone)
	want := []string{
		`content/academies/inconnue/directives/b.md:1:1: unknown académie "inconnue"`,
		`content/departements/75/directives/c.md:1:1: unknown issuer folder "departements/75": directives go in content/national/directives/, content/regions/<région>/directives/ or content/academies/<académie>/directives/`,
		`content/national/directives/A.md:1:1: the file name "A.md" gives the same slug "a" as content/national/directives/a.md, so both would have one address: give one of them another name`,
		`content/national/directives/A.md:1:1: the file name "A.md" is not a slug (lowercase letters a-z, digits and dashes): rename the file "a.md"`,
		`content/regions/grand-est/directives/no-front.md:1:1: missing front matter: the file must start with a line "---", then the fields (title: ...), then a line "---"`,
		`content/regions/grand-est/directives/notes/n.md:1:1: a directives folder holds Markdown files only, not folders: move the file up into content/regions/grand-est/directives/`,
		`content/regions/grand-est/directives/old-b.md:1:1: alias "/directives/old/" is also an alias of content/regions/grand-est/directives/old-a.md: an old URL can lead to one directive only`,
		`content/regions/grand-est/directives/x_y.md:1:1: the file name "x_y.md" gives the same slug "x-y" as content/regions/grand-est/directives/x-y.md, so both would have one address: give one of them another name`,
		`content/regions/grand-est/directives/x_y.md:1:1: the file name "x_y.md" is not a slug (lowercase letters a-z, digits and dashes): rename the file "x-y.md"`,
	}
	if diff := cmp.Diff(want, messages(errs)); diff != "" {
		t.Errorf("Load errors (-want +got):\n%s", diff)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.Path)
	}
	if diff := cmp.Diff([]string{
		"content/academies/la-reunion/directives/reunion.md",
		"content/academies/paris/directives/a.md",
		"content/national/directives/a.md",
		"content/regions/grand-est/directives/old-a.md",
		"content/regions/grand-est/directives/old-b.md",
		"content/regions/grand-est/directives/x-y.md",
	}, got); diff != "" {
		t.Errorf("Load directives (-want +got):\n%s", diff)
	}
	if ds[0].Loc != reunion {
		t.Errorf("La Réunion's directive is in %v", ds[0].Loc)
	}
}

func TestCheckDuplicates(t *testing.T) {
	a := dir("a", national, "2020-03-19 10:00")
	upperA := dir("A", national, "2020-03-19 10:00")
	accented := dir("é", national, "2020-03-19 10:00")
	plainE := dir("e", national, "2020-03-19 10:00")
	otherIssuer := dir("a", acParis, "2020-03-19 10:00")
	want := []string{
		`content/national/directives/a.md: directive "a" of national has the same slug as content/national/directives/A.md: two directives of one issuer need two different file names`,
		`content/national/directives/é.md: directive "e" of national has the same slug as content/national/directives/e.md: two directives of one issuer need two different file names`,
	}
	for _, d := range []*Directive{a, upperA, accented, plainE, otherIssuer} {
		d.Pos = diag.Pos{File: d.Path}
	}
	errs := CheckDuplicates([]*Directive{a, upperA, accented, plainE, otherIssuer})
	if diff := cmp.Diff(want, messages(errs.Sort())); diff != "" {
		t.Errorf("CheckDuplicates (-want +got):\n%s", diff)
	}
}

func sortTree(t *load.Tree) {
	slices.SortFunc(t.Files, func(a, b *load.File) int { return strings.Compare(a.Path, b.Path) })
}

func TestZoneOf(t *testing.T) {
	tree := &load.Tree{Files: []*load.File{
		{Path: "content/academies/la-reunion/_index.md", Data: []byte("---\ntitle: La Réunion\nregion: la-reunion\ntimezone: Indian/Reunion\nholiday_zone: outre-mer\n---\n")},
		{Path: "content/academies/paris/_index.md", Data: []byte("---\ntitle: Paris\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n")},
		{Path: "content/regions/corse/_index.md", Data: []byte("---\ntitle: Corse\n---\n")},
		{Path: "content/regions/ile-de-france/_index.md", Data: []byte("---\ntitle: Île-de-France\n---\n")},
		{Path: "content/regions/la-reunion/_index.md", Data: []byte("---\ntitle: La Réunion\n---\n")},
	}}
	terr, errs := territory.Decode(tree)
	if len(errs) > 0 {
		t.Fatalf("territory.Decode: %v", errs)
	}
	zone := ZoneOf(terr)
	for _, tc := range []struct {
		issuer territory.Issuer
		want   string
	}{
		{national, "Europe/Paris"},
		{acParis, "Europe/Paris"},
		{territory.AcademyIssuer("la-reunion"), "Indian/Reunion"},
		{territory.RegionIssuer("la-reunion"), "Indian/Reunion"},
		{idf, "Europe/Paris"},
		{territory.AcademyIssuer("pariss"), `unknown académie "pariss" (did you mean "paris"?): an académie's directives go in content/academies/<académie>/directives/, beside its _index.md`},
		{territory.RegionIssuer("grand-est"), `unknown région "grand-est" (expected one of "corse", "ile-de-france", "la-reunion"): a région's directives go in content/regions/<région>/directives/, beside its _index.md`},
		{territory.RegionIssuer("corse"), `région "corse" has no académie, so its time zone is unknown: add its académies under content/academies/`},
	} {
		loc, err := zone(tc.issuer)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = loc.String()
		}
		if got != tc.want {
			t.Errorf("zone(%v) = %s, want %s", tc.issuer, got, tc.want)
		}
	}
}

// TestLoadChecked loads a site again and again with one Checks, changing
// what the checks read (file names, slugs, aliases) and what they do not (a
// title), and compares each outcome with Load's.
func TestLoadChecked(t *testing.T) {
	files := map[string]string{
		"content/national/directives/a.md":              minimal,
		"content/regions/grand-est/directives/old-a.md": "---\ntitle: T\ndate: 2020-03-19 10:00\naudiences: [parents]\naliases: [/directives/old/]\n---\n",
		"content/regions/grand-est/directives/old-b.md": "---\ntitle: T\ndate: 2020-03-19 10:00\naudiences: [parents]\naliases: [/directives/autre/]\n---\n",
	}
	zone := func(territory.Issuer) (*time.Location, error) { return paris, nil }
	var c Checks
	for _, step := range []struct {
		name string
		edit func()
	}{
		{"first load", func() {}},
		{"nothing changed", func() {}},
		{"an alias taken twice", func() {
			files["content/regions/grand-est/directives/old-b.md"] = strings.Replace(files["content/regions/grand-est/directives/old-b.md"], "/directives/autre/", "/directives/old/", 1)
		}},
		{"a title changed", func() {
			files["content/regions/grand-est/directives/old-b.md"] = strings.Replace(files["content/regions/grand-est/directives/old-b.md"], "title: T", "title: U", 1)
		}},
		{"a file name that clashes", func() { files["content/national/directives/A.md"] = minimal }},
		{"the alias given up", func() {
			files["content/regions/grand-est/directives/old-b.md"] = strings.Replace(files["content/regions/grand-est/directives/old-b.md"], "/directives/old/", "/directives/autre/", 1)
		}},
		{"the clash removed", func() { delete(files, "content/national/directives/A.md") }},
	} {
		step.edit()
		tree := &load.Tree{}
		for p, src := range files {
			tree.Files = append(tree.Files, &load.File{Path: p, Data: []byte(src)})
		}
		sortTree(tree)
		wantDs, wantErrs := Load(tree, zone)
		ds, errs := LoadChecked(tree, zone, DecodeFile, &c)
		if diff := cmp.Diff(messages(wantErrs), messages(errs)); diff != "" {
			t.Errorf("%s: errors (-Load +LoadChecked):\n%s", step.name, diff)
		}
		if len(ds) != len(wantDs) {
			t.Errorf("%s: %d directives, Load gives %d", step.name, len(ds), len(wantDs))
		}
	}
}
