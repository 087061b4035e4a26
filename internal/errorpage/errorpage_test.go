package errorpage

import (
	"strings"
	"testing"
	"time"
)

func str(s string) *string { return &s }

func TestHours(t *testing.T) {
	t.Parallel()
	tests := []struct {
		slots []slotData
		want  string
	}{
		{[]slotData{{Start: str("08:00"), End: str("11:00")}}, "8h – 11h"},
		{[]slotData{{Start: str("13:30"), End: str("24:00")}}, "13h30 – minuit"},
		{[]slotData{{Start: str("20:00"), Free: true}}, "à partir de 20h (accès libre)"},
		{[]slotData{{End: str("08:30")}, {Start: str("17:00")}}, "avant 8h30, à partir de 17h"},
		{[]slotData{{Free: true}}, "toute la journée (accès libre)"},
	}
	for _, tt := range tests {
		if got := hours(tt.slots); got != tt.want {
			t.Errorf("hours(%v) = %q, want %q", tt.slots, got, tt.want)
		}
	}
}

// academy is a creneaux.json of version 2: 6e everywhere (the ministry's
// split), 6e in département 23 (a Département's own rule), seconde at the
// lycée from 30 March.
func academy(slug, name string) []byte {
	return []byte(strings.NewReplacer("SLUG", slug, "NAME", name).Replace(`{"$schema":"x","version":2,
	"academie":{"id":"SLUG","nom":"NAME","libelle":"académie de NAME","page":"https://relais.example.fr/academies/SLUG/"},"fuseau":"Europe/Paris",
	"niveaux":[
	{"etablissement":"college","niveau":"6e","departement":null,"libelle":"6e","periodes":[{"du":"2020-03-20","au":null,"jours":null,"suspendu":false,
		"creneaux":[{"debut":"08:30","fin":"17:00","acces_libre":false}],"hors_creneaux":null,
		"parents":{"creneaux":[{"qui":["parents"],"debut":null,"fin":"08:30","acces_libre":false}],"hors_creneaux":null}}]},
	{"etablissement":"lycee","niveau":"seconde","departement":null,"libelle":"seconde","periodes":[
		{"du":"2020-03-01","au":"2020-03-10","jours":["lun"],"suspendu":false,"creneaux":[{"debut":"07:00","fin":"08:00","acces_libre":false}],"parents":{"creneaux":[],"hors_creneaux":null}},
		{"du":"2020-03-30","au":null,"jours":["lun","mar","mer","jeu","ven"],"suspendu":false,"creneaux":[{"debut":"08:00","fin":"11:00","acces_libre":false}],"parents":{"creneaux":[],"hors_creneaux":"suspendu"}}]},
	{"etablissement":"college","niveau":"6e","departement":"23","libelle":"6e","periodes":[{"du":"2020-03-19","au":null,"jours":null,"suspendu":false,
		"creneaux":[{"debut":"09:00","fin":"12:00","acces_libre":false}],"parents":{"creneaux":[],"hors_creneaux":null}}]}
	]}`))
}

const noBanner = `{"version":1,"directives":[]}`

func TestMakeScopes(t *testing.T) {
	t.Parallel()
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
	names := map[string]string{"23": "Creuse"}
	limoges := Source{Creneaux: academy("limoges", "Limoges"), Bandeau: []byte(noBanner)}
	poitiers := Source{Creneaux: academy("poitiers", "Poitiers"), Bandeau: []byte(`{"version":1,"directives":[
		{"titre":"Ancienne","resume":"","emetteur":{"nom":"académie de Poitiers"},"publie":"2020-03-20T10:00:00+01:00","expire_le":"","url":"https://x/a/"},
		{"titre":"Récente","resume":"","emetteur":{"nom":"académie de Poitiers"},"publie":"2020-03-22T10:00:00+01:00","expire_le":"2020-03-25","url":"https://x/b/"}]}`)}
	// what a page shows: each section's heading, then each kind's label
	// and its rows "level|days|hours|parents|note".
	tests := []struct {
		name  string
		scope Scope
		srcs  []Source
		want  []string
	}{
		{"academie", Scope{DepartementNames: names}, []Source{limoges}, []string{
			"Créneaux de connexion, académie de Limoges",
			"Collège", "6e||8h30 – 17h|avant 8h30|",
			"Collège — Creuse (23)", "6e||9h – 12h|non précisé|",
			"Lycée", "seconde|du lundi au vendredi|8h – 11h|accès suspendu|à partir du 30 mars 2020",
		}},
		{"departement", Scope{Name: "Département de la Creuse", Kinds: []string{"college"}, Departements: []string{"23"}, DepartementNames: names}, []Source{limoges}, []string{
			"Créneaux de connexion, académie de Limoges, Creuse (23)",
			"Collège", "6e||9h – 12h|non précisé|",
		}},
		{"departement without its own rule", Scope{Name: "Département de l’Eure", Kinds: []string{"college"}, Departements: []string{"27"}}, []Source{limoges}, []string{
			"Créneaux de connexion, académie de Limoges, département 27",
			"Collège", "6e||8h30 – 17h|avant 8h30|",
		}},
		{"region, same slots in two académies", Scope{Name: "Région Nouvelle-Aquitaine", Kinds: []string{"lycee"}}, []Source{limoges, poitiers}, []string{
			"Créneaux de connexion, académies de Limoges et de Poitiers",
			"Lycée", "seconde|du lundi au vendredi|8h – 11h|accès suspendu|à partir du 30 mars 2020",
		}},
	}
	for _, tt := range tests {
		v, err := Make(tt.scope, tt.srcs, now, Site{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, sec := range v.Sections {
			got = append(got, sec.Heading)
			for _, k := range sec.Kinds {
				got = append(got, k.Label)
				for _, l := range k.Levels {
					got = append(got, strings.Join([]string{l.Label, l.Days, l.Hours, l.Parents, l.Note}, "|"))
				}
			}
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
		if tt.scope.Name == "" && (v.Title != "académie de Limoges" || v.Live != "https://relais.example.fr/academies/limoges/") {
			t.Errorf("%s: title %q, live %q: not the académie's", tt.name, v.Title, v.Live)
		}
		if tt.name == "region, same slots in two académies" {
			if len(v.Urgent) != 2 || v.Urgent[0].Title != "Récente" || v.Urgent[0].Until != "25 mars 2020" || v.Urgent[1].Until != "non précisé" {
				t.Errorf("urgent directives %+v: want the newest first, with their end or non précisé", v.Urgent)
			}
			if len(v.Sections[0].Pages) != 2 {
				t.Errorf("the merged section links %d académies' pages, want 2", len(v.Sections[0].Pages))
			}
		}
	}
}

func TestMakeErrors(t *testing.T) {
	t.Parallel()
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
	for _, srcs := range [][]Source{nil, {{Creneaux: []byte("{"), Bandeau: []byte(noBanner)}}, {{Creneaux: academy("a", "A"), Bandeau: []byte("[")}}} {
		if _, err := Make(Scope{}, srcs, now, Site{}); err == nil {
			t.Errorf("Make(%d sources) accepts broken data", len(srcs))
		}
	}
}
