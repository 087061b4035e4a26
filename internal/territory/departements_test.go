package territory

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/load"
)

// two is a territory of two académies in one région.
func two(t *testing.T, csv string) *load.Tree {
	t.Helper()
	return tree(t,
		"regions/ile-de-france/_index.md", idf,
		"academies/paris/_index.md", paris(""),
		"academies/creteil/_index.md", "---\ntitle: Créteil\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
		"departements.csv", csv,
	)
}

func TestDecodeDepartements(t *testing.T) {
	tr := two(t, "code,nom,academie\n75,Paris,paris\n93,Seine-Saint-Denis,creteil\n94,Val-de-Marne,creteil\n")
	terr, errs := Decode(tr)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	deps, errs := DecodeDepartements(tr, terr)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, d := range deps {
		got = append(got, d.Code+" "+d.Name+" "+d.Academy+" "+d.Pos.String())
	}
	want := []string{
		"75 Paris paris content/departements.csv:2:1",
		"93 Seine-Saint-Denis creteil content/departements.csv:3:1",
		"94 Val-de-Marne creteil content/departements.csv:4:1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

func TestDecodeDepartementsErrors(t *testing.T) {
	cases := []struct {
		name, csv string
		want      []string
	}{
		{"unknown académie", "code,nom,academie\n75,Paris,paris\n93,Seine-Saint-Denis,creteill\n", []string{
			"content/departements.csv:1:1: l’académie de Créteil n’a aucun département : ajoutez ses départements (code,nom,creteil) pour qu’un parent la trouve",
			"content/departements.csv:3:22: académie inconnue « creteill » : aucun dossier content/academies/creteill/ (vouliez-vous dire « creteil » ?)",
		}},
		{"twice", "code,nom,academie\n75,Paris,paris\n93,Seine-Saint-Denis,creteil\n93,Seine St Denis,creteil\n", []string{
			"content/departements.csv:4:1: le département 93 figure deux fois : déjà à la ligne 3 ; gardez une seule ligne",
		}},
		{"same name", "code,nom,academie\n75,Paris,paris\n93,Seine-Saint-Denis,creteil\n94,Seine Saint Denis,creteil\n", []string{
			"content/departements.csv:4:4: le nom « Seine Saint Denis » figure deux fois : déjà à la ligne 3",
		}},
		{"codes", "code,nom,academie\n75,Paris,paris\n2a,Corse-du-Sud,creteil\n9,Ain,creteil\n20,Corse,creteil\n999,Nulle part,creteil\n", []string{
			"content/departements.csv:3:1: code de département « 2a » : écrivez « 2A » en majuscules",
			"content/departements.csv:4:1: code de département « 9 » : écrivez « 09 » (deux chiffres)",
			"content/departements.csv:5:1: code de département « 20 » : la Corse a deux départements, « 2A » et « 2B »",
			"content/departements.csv:6:1: code de département « 999 » invalide : deux chiffres (« 01 » à « 95 »), « 2A » ou « 2B », ou trois chiffres outre-mer (« 971 »)",
		}},
		{"fields", "code,nom,academie\n75,Paris\n93,Seine-Saint-Denis,creteil\n", []string{
			"content/departements.csv:1:1: l’académie de Paris n’a aucun département : ajoutez ses départements (code,nom,paris) pour qu’un parent la trouve",
			"content/departements.csv:2:1: 2 champ(s) au lieu de 3 : écrivez code,nom,academie, par exemple « 93,Seine-Saint-Denis,creteil »",
		}},
		{"header", "75,Paris,paris\n93,Seine-Saint-Denis,creteil\n", []string{
			"content/departements.csv:1:1: la première ligne doit être l’en-tête « code,nom,academie », pas « 75,Paris,paris »",
		}},
		{"quote", "code,nom,academie\n75,Pa\"ris,paris\n", []string{
			"content/departements.csv:2:6: ligne illisible : guillemet au milieu d’un champ ; écrivez code,nom,academie sans guillemet isolé",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := two(t, tc.csv)
			terr, errs := Decode(tr)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			_, errs = DecodeDepartements(tr, terr)
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeDepartementsAbsent(t *testing.T) {
	tr := tree(t, "regions/ile-de-france/_index.md", idf, "academies/paris/_index.md", paris(""))
	terr, _ := Decode(tr)
	deps, errs := DecodeDepartements(tr, terr)
	if deps != nil || errs != nil {
		t.Errorf("a site without the file: %v, %v", deps, errs)
	}
}

func TestFoldName(t *testing.T) {
	for in, want := range map[string]string{
		"Côte-d'Or":             "cote d or",
		"Seine-Saint-Denis":     "seine saint denis",
		"  MEUSE ":              "meuse",
		"Territoire de Belfort": "territoire de belfort",
		"La Réunion":            "la reunion",
		"Hérault":               "herault",
		"Val-d’Oise":            "val d oise",
		"2A":                    "2a",
	} {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestShippedDepartements checks the shipped content/departements.csv
// against the shipped académies: 101 départements, each once, every
// académie known and every académie with at least one département.
func TestShippedDepartements(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, DepartementsPath)); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, dir := range []string{"content/academies", "content/regions"} {
		ents, err := os.ReadDir(filepath.Join(root, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			p := dir + "/" + e.Name() + "/_index.md"
			data, err := os.ReadFile(filepath.Join(root, p))
			if err != nil {
				continue
			}
			fsys[p] = &fstest.MapFile{Data: data}
		}
	}
	data, err := os.ReadFile(filepath.Join(root, DepartementsPath))
	if err != nil {
		t.Fatal(err)
	}
	fsys[DepartementsPath] = &fstest.MapFile{Data: data}
	tr, lerrs := load.Site(fsys)
	if len(lerrs) > 0 {
		t.Fatal(lerrs)
	}
	terr, errs := Decode(tr)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	deps, errs := DecodeDepartements(tr, terr)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(deps) != 101 {
		t.Errorf("%d départements, want 101", len(deps))
	}
	if len(terr.Academies) != 30 {
		t.Errorf("%d académies, want 30", len(terr.Academies))
	}
	by := map[string]int{}
	for _, d := range deps {
		by[d.Academy]++
	}
	for _, a := range terr.Academies {
		if by[a.Slug] == 0 {
			t.Errorf("académie %s has no département", a.Slug)
		}
	}
	for code, want := range map[string]string{"93": "creteil", "2A": "corse", "2B": "corse", "55": "nancy-metz", "974": "la-reunion", "976": "mayotte", "75": "paris"} {
		found := false
		for _, d := range deps {
			if d.Code == code {
				found = true
				if d.Academy != want {
					t.Errorf("%s is in %s, want %s", code, d.Academy, want)
				}
			}
		}
		if !found {
			t.Errorf("no département %s", code)
		}
	}
}
