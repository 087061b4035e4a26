package territory

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
)

// tree builds a site tree from path/content pairs (paths under content/).
func tree(t testing.TB, files ...string) *load.Tree {
	t.Helper()
	fsys := fstest.MapFS{}
	for i := 0; i+1 < len(files); i += 2 {
		fsys["content/"+files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	tr, errs := load.Site(fsys)
	if len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	return tr
}

const idf = "---\ntitle: Île-de-France\nsummary: Trois académies.\n---\nCorps.\n"

func paris(extra string) string {
	return "---\ntitle: Paris\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n" + extra + "---\nL'académie.\n"
}

func TestDecode(t *testing.T) {
	terr, errs := Decode(tree(t,
		"regions/ile-de-france/_index.md", idf,
		"regions/guyane/_index.md", "---\ntitle: Guyane\n---\n",
		"academies/paris/_index.md", paris("ent_name: ENT\nent_url: https://ent.example.fr\n"),
		"academies/guyane/_index.md", "---\ntitle: Guyane\nregion: guyane\ntimezone: America/Cayenne\nholiday_zone: outre-mer\n---\n",
		"academies/creteil/_index.md", "---\ntitle: Créteil\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
	))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	var slugs []string
	for _, a := range terr.Academies {
		slugs = append(slugs, a.Slug)
	}
	if want := []string{"creteil", "guyane", "paris"}; !slices.Equal(slugs, want) {
		t.Errorf("academies = %q, want %q", slugs, want)
	}
	p := terr.Academy("paris")
	if p == nil || p.Name != "Paris" || p.Region != "ile-de-france" || p.HolidayZone != "C" || p.ENTURL != "https://ent.example.fr" {
		t.Fatalf("paris = %+v", p)
	}
	if p.Location == nil || p.Location.String() != "Europe/Paris" {
		t.Errorf("paris location = %v", p.Location)
	}
	if string(p.Body) != "L'académie.\n" || p.BodyLine != 9 {
		t.Errorf("paris body = %q at line %d", p.Body, p.BodyLine)
	}
	if p.Pos != (diag.Pos{File: "content/academies/paris/_index.md", Line: 2, Col: 1}) {
		t.Errorf("paris pos = %v", p.Pos)
	}
	r := terr.Region("ile-de-france")
	if r == nil || r.Name != "Île-de-France" || r.Summary != "Trois académies." || r.Label() != "région académique Île-de-France" {
		t.Fatalf("region = %+v", r)
	}
	var of []string
	for _, a := range terr.AcademiesOf("ile-de-france") {
		of = append(of, a.Slug)
	}
	if want := []string{"creteil", "paris"}; !slices.Equal(of, want) {
		t.Errorf("AcademiesOf = %q, want %q", of, want)
	}
	if terr.Academy("lyon") != nil || terr.Region("bretagne") != nil {
		t.Errorf("unknown slugs found")
	}
	if got := terr.IssuersOf("paris"); !slices.Equal(got, []Issuer{AcademyIssuer("paris"), RegionIssuer("ile-de-france"), National()}) {
		t.Errorf("IssuersOf(paris) = %v", got)
	}
	if !terr.Has(National()) || !terr.Has(RegionIssuer("guyane")) || terr.Has(AcademyIssuer("nice")) {
		t.Errorf("Has is wrong")
	}
	if got := terr.IssuerLabel(AcademyIssuer("guyane")); got != "académie de la Guyane" {
		t.Errorf("IssuerLabel = %q", got)
	}
}

func TestOverseasZones(t *testing.T) {
	for _, z := range []string{"America/Guadeloupe", "America/Martinique", "America/Cayenne", "Indian/Reunion", "Indian/Mayotte", "Europe/Paris"} {
		if loc, msg := loadZone(z); loc == nil {
			t.Errorf("loadZone(%q): %s", z, msg)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string
		want  []string
	}{
		{"unknown region", []string{
			"regions/ile-de-france/_index.md", idf,
			"academies/paris/_index.md", "---\ntitle: Paris\nregion: ile-de-franc\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
		}, []string{`content/academies/paris/_index.md:3:9: région inconnue "ile-de-franc" (vouliez-vous dire "ile-de-france" ?)`}},
		{"region without index", []string{
			"regions/ile-de-france/timetables.yaml", "- title: x\n",
			"academies/paris/_index.md", paris(""),
		}, []string{`content/academies/paris/_index.md:3:9: la région "ile-de-france" n'a pas de fichier content/regions/ile-de-france/_index.md : créez-le avec le nom de la région (title)`}},
		{"time zone", []string{
			"regions/ile-de-france/_index.md", idf,
			"academies/paris/_index.md", "---\ntitle: Paris\nregion: ile-de-france\ntimezone: Europe/Pari\nholiday_zone: C\n---\n",
		}, []string{`content/academies/paris/_index.md:4:11: fuseau horaire inconnu "Europe/Pari" (vouliez-vous dire "Europe/Paris" ?)`}},
		{"local time zone", []string{
			"regions/ile-de-france/_index.md", idf,
			"academies/paris/_index.md", "---\ntitle: Paris\nregion: ile-de-france\ntimezone: Local\nholiday_zone: C\n---\n",
		}, []string{`content/academies/paris/_index.md:4:11: fuseau horaire inconnu "Local" : écrivez un nom IANA, comme "Europe/Paris" ou "America/Cayenne"`}},
		{"holiday zone", []string{
			"regions/ile-de-france/_index.md", idf,
			"academies/paris/_index.md", "---\ntitle: Paris\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: D\n---\n",
		}, []string{`content/academies/paris/_index.md:5:15: zone de vacances inconnue "D" (écrivez l'une des zones "A", "B", "C", "corse" ou "outre-mer")`}},
		{"holiday zone case", []string{
			"regions/ile-de-france/_index.md", idf,
			"academies/paris/_index.md", "---\ntitle: Paris\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: Outre-Mer\n---\n",
		}, []string{`content/academies/paris/_index.md:5:15: zone de vacances inconnue "Outre-Mer" (vouliez-vous dire "outre-mer" ?)`}},
		{"slug", []string{
			"regions/ile-de-france/_index.md", idf,
			"academies/Créteil/_index.md", "---\ntitle: Créteil\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
		}, []string{`content/academies/Créteil/_index.md:1:1: nom de dossier d'une académie invalide : "Créteil" is not a slug: use lowercase letters without accents, digits and hyphens, such as "creteil" ; renommez le dossier`}},
		{"ent url", []string{
			"regions/ile-de-france/_index.md", idf,
			"academies/paris/_index.md", paris("ent_name: ENT\nent_url: www.ent.fr\n"),
		}, []string{`content/academies/paris/_index.md:7:10: ent_url "www.ent.fr" invalide : une adresse web commence par https:// (écrivez "https://www.ent.fr")`}},
		{"ent url scheme", []string{
			"regions/ile-de-france/_index.md", idf,
			"academies/paris/_index.md", paris("ent_name: ENT\nent_url: ftp://ent.fr\n"),
		}, []string{`content/academies/paris/_index.md:7:10: ent_url "ftp://ent.fr" invalide : une adresse web commence par https://, pas par ftp:`}},
		{"ent url without name", []string{
			"regions/ile-de-france/_index.md", idf,
			"academies/paris/_index.md", paris("ent_url: https://ent.fr\n"),
		}, []string{`content/academies/paris/_index.md:6:1: ent_url est donnée sans ent_name : ajoutez le nom de l'ENT`}},
		{"unknown key and missing fields", []string{
			"regions/ile-de-france/_index.md", "---\ntitel: Île-de-France\n---\n",
		}, []string{
			`content/regions/ile-de-france/_index.md:2:1: champ inconnu « titel » dans l'en-tête d'une région (vouliez-vous dire « title » ?)`,
			`content/regions/ile-de-france/_index.md:2:1: il manque « title » dans l'en-tête d'une région : ajoutez une ligne « title: ... »`,
		}},
		{"prefixed name", []string{
			"regions/ile-de-france/_index.md", idf,
			"academies/paris/_index.md", "---\ntitle: Académie de Paris\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
		}, []string{`content/academies/paris/_index.md:2:8: le nom de l'académie s'écrit sans "académie" (le site l'ajoute) : écrivez "Paris"`}},
		{"missing academy fields", []string{
			"academies/paris/_index.md", "---\ntitle: Paris\n---\n",
		}, []string{
			`content/academies/paris/_index.md:2:1: il manque « holiday_zone » dans l'en-tête d'une académie : ajoutez une ligne « holiday_zone: ... »`,
			`content/academies/paris/_index.md:2:1: il manque « region » dans l'en-tête d'une académie : ajoutez une ligne « region: ... »`,
			`content/academies/paris/_index.md:2:1: il manque « timezone » dans l'en-tête d'une académie : ajoutez une ligne « timezone: ... »`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Decode(tree(t, tc.files...))
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLabels(t *testing.T) {
	for name, want := range map[string]string{
		"Paris":         "académie de Paris",
		"Aix-Marseille": "académie d'Aix-Marseille",
		"Amiens":        "académie d'Amiens",
		"Orléans-Tours": "académie d'Orléans-Tours",
		"Guadeloupe":    "académie de la Guadeloupe",
		"Martinique":    "académie de la Martinique",
		"Guyane":        "académie de la Guyane",
		"La Réunion":    "académie de La Réunion",
		"Mayotte":       "académie de Mayotte",
		"Corse":         "académie de Corse",
		"Nancy-Metz":    "académie de Nancy-Metz",
	} {
		if got := AcademyLabel(name); got != want {
			t.Errorf("AcademyLabel(%q) = %q, want %q", name, got, want)
		}
	}
	if got := RegionLabel("Hauts-de-France"); got != "région académique Hauts-de-France" {
		t.Errorf("RegionLabel = %q", got)
	}
}

func TestWithArticle(t *testing.T) {
	for label, want := range map[string]string{
		"académie de Paris":                   "l’académie de Paris",
		"région académique Grand Est":         "la région académique Grand Est",
		"Région Île-de-France":                "la Région Île-de-France",
		"Département de la Creuse":            "le Département de la Creuse",
		"Conseil départemental de l’Eure":     "le Conseil départemental de l’Eure",
		"ministère de l’Éducation nationale":  "le ministère de l’Éducation nationale",
		"Collectivité territoriale de Guyane": "Collectivité territoriale de Guyane",
	} {
		if got := WithArticle(label); got != want {
			t.Errorf("WithArticle(%q) = %q, want %q", label, got, want)
		}
	}
}

func TestIssuerOf(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Issuer
		rest string
		ok   bool
	}{
		{"content/academies/paris/timetables.yaml", AcademyIssuer("paris"), "timetables.yaml", true},
		{"content/regions/grand-est/directives/x.md", RegionIssuer("grand-est"), "directives/x.md", true},
		{"content/national/timetables.yaml", National(), "timetables.yaml", true},
		{"content/guides/x.md", Issuer{}, "", false},
		{"content/academies/x", Issuer{}, "", false},
	} {
		iss, rest, ok := IssuerOf(tc.in)
		if iss != tc.want || rest != tc.rest || ok != tc.ok {
			t.Errorf("IssuerOf(%q) = %v, %q, %v", tc.in, iss, rest, ok)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{"Île-de-France": "ile-de-france", "Provence-Alpes-Côte d'Azur": "provence-alpes-cote-d-azur", "La Réunion": "la-reunion"} {
		if got := Slugify(in); got != want || !IsSlug(got) {
			t.Errorf("Slugify(%q) = %q", in, got)
		}
	}
	if IsSlug("a--b") || IsSlug("-a") || IsSlug("Paris") || IsSlug("") {
		t.Errorf("IsSlug accepts a bad slug")
	}
	if !strings.Contains(SlugHint("Créteil"), `"creteil"`) {
		t.Errorf("SlugHint")
	}
}
