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
		{"content/departements/x/directives/a.md", `content/departements/x/directives/a.md:1:1: dossier d'émetteur inconnu « departements/x » : les directives vont dans content/national/directives/, content/regions/<région>/directives/ ou content/academies/<académie>/directives/`},
		{"content/directives/a.md", `content/directives/a.md:1:1: une directive va dans le dossier directives de son émetteur : content/national/directives/ pour le ministère, content/regions/<région>/directives/ ou content/academies/<académie>/directives/`},
		{"content/academies/paris/directives/2020/x.md", `content/academies/paris/directives/2020/x.md:1:1: un dossier directives ne contient que des fichiers Markdown, pas de dossiers : remontez le fichier dans content/academies/paris/directives/`},
		{"content/national/directives/lettre.pdf", `content/national/directives/lettre.pdf:1:1: un dossier directives ne contient que des fichiers Markdown (.md) : une directive s'écrit dans un fichier comme « lettre.md »`},
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
	ds, errs := LoadWith(tree, zone, DecodeFile)
	want := []string{
		`content/academies/inconnue/directives/b.md:1:1: unknown académie "inconnue"`,
		`content/departements/75/directives/c.md:1:1: dossier d'émetteur inconnu « departements/75 » : les directives vont dans content/national/directives/, content/regions/<région>/directives/ ou content/academies/<académie>/directives/`,
		`content/national/directives/A.md:1:1: le nom du fichier « A.md » donne la même adresse (« a ») que content/national/directives/a.md : donnez un autre nom à l'un des deux`,
		`content/national/directives/A.md:1:1: le nom du fichier « A.md » ne convient pas pour une adresse (lettres minuscules sans accents, chiffres et tirets) : renommez le fichier « a.md »`,
		`content/regions/grand-est/directives/no-front.md:1:1: en-tête manquant : le fichier doit commencer par une ligne « --- », puis les champs (title: ...), puis une ligne « --- »`,
		`content/regions/grand-est/directives/notes/n.md:1:1: un dossier directives ne contient que des fichiers Markdown, pas de dossiers : remontez le fichier dans content/regions/grand-est/directives/`,
		`content/regions/grand-est/directives/old-b.md:1:1: l'ancienne adresse « /directives/old/ » est aussi une ancienne adresse de content/regions/grand-est/directives/old-a.md : une ancienne adresse ne peut mener qu'à une seule directive`,
		`content/regions/grand-est/directives/x_y.md:1:1: le nom du fichier « x_y.md » donne la même adresse (« x-y ») que content/regions/grand-est/directives/x-y.md : donnez un autre nom à l'un des deux`,
		`content/regions/grand-est/directives/x_y.md:1:1: le nom du fichier « x_y.md » ne convient pas pour une adresse (lettres minuscules sans accents, chiffres et tirets) : renommez le fichier « x-y.md »`,
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
		`content/national/directives/a.md: la directive « a » de national a le même nom que content/national/directives/A.md : deux directives d'un même émetteur ont besoin de deux noms de fichier différents`,
		`content/national/directives/é.md: la directive « e » de national a le même nom que content/national/directives/e.md : deux directives d'un même émetteur ont besoin de deux noms de fichier différents`,
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
		{territory.AcademyIssuer("pariss"), `académie inconnue « pariss » (vouliez-vous dire « paris » ?) : les directives d'une académie vont dans content/academies/<académie>/directives/, à côté de son _index.md`},
		{territory.AcademyIssuer("academie-de-paris"), `académie inconnue « academie-de-paris » (vouliez-vous dire « paris » ?) : les directives d'une académie vont dans content/academies/<académie>/directives/, à côté de son _index.md`},
		{territory.RegionIssuer("grand-est"), `région inconnue « grand-est » (valeurs possibles : « corse », « ile-de-france », « la-reunion ») : les directives d'une région vont dans content/regions/<région>/directives/, à côté de son _index.md`},
		{territory.RegionIssuer("corse"), `la région « corse » n'a aucune académie, son fuseau horaire est donc inconnu : ajoutez ses académies dans content/academies/`},
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
		wantDs, wantErrs := LoadWith(tree, zone, DecodeFile)
		ds, errs := LoadChecked(tree, zone, DecodeFile, &c)
		if diff := cmp.Diff(messages(wantErrs), messages(errs)); diff != "" {
			t.Errorf("%s: errors (-Load +LoadChecked):\n%s", step.name, diff)
		}
		if len(ds) != len(wantDs) {
			t.Errorf("%s: %d directives, Load gives %d", step.name, len(ds), len(wantDs))
		}
	}
}
