package timetable

import (
	"slices"
	"testing"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/territory"
)

func TestCheckDirectives(t *testing.T) {
	// Paris: one timetable citing directives/2020-03-19-plages-horaires
	// (parisYAML), one citing nothing, one citing another directive.
	tts, _, errs := site(t, "academies/paris/timetables.yaml", parisYAML+
		tt("Cités scolaires de Paris", "cite-scolaire", "2020-03-25", "", slot("4e", "14:00", "16:00"))+
		"- title: Écoles de Paris\n  applies_to: [ecole]\n  effective: 2020-03-25\n  tone: conseil\n  source:\n    directive: directives/2020-03-25-ecoles\n    said_by: x\n  slots:\n"+slot("cp", "09:00", "10:00"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	paris := territory.AcademyIssuer("paris")
	at := func(line int) diag.Pos {
		return diag.Pos{File: "content/academies/paris/directives/d.md", Line: line, Col: 14}
	}
	names := func(titles ...string) []Name {
		var out []Name
		for i, s := range titles {
			out = append(out, Name{Title: s, Pos: at(10 + i)})
		}
		return out
	}
	for _, tc := range []struct {
		name string
		an   Announcement
		want []string
	}{
		{"no field: the timetables that cite it link it", Announcement{Issuer: paris, Slug: "2020-03-19-plages-horaires"}, nil},
		{"names the timetable that cites it", Announcement{Issuer: paris, Slug: "2020-03-19-plages-horaires", Said: true, Names: names("Collèges de l'académie de Paris")}, nil},
		{"names a timetable that does not cite it back",
			Announcement{Issuer: paris, Slug: "2020-03-19-plages-horaires", Said: true, Names: names("Collèges de l'académie de Paris", "Cités scolaires de Paris")},
			[]string{"content/academies/paris/directives/d.md:11:14: la grille « Cités scolaires de Paris » (content/academies/paris/timetables.yaml:28:3) ne cite pas cette directive : ajoutez « directive: directives/2020-03-19-plages-horaires » à sa source, pour que l'annonce et les pages des niveaux donnent les mêmes horaires"}},
		{"names a timetable that cites another directive",
			Announcement{Issuer: paris, Slug: "2020-03-19-plages-horaires", Said: true, Names: names("Collèges de l'académie de Paris", "Écoles de Paris")},
			[]string{"content/academies/paris/directives/d.md:11:14: la grille « Écoles de Paris » (content/academies/paris/timetables.yaml:38:3) cite une autre directive, directives/2020-03-25-ecoles : si c'est celle-ci qui la fixe, écrivez « directive: directives/2020-03-19-plages-horaires » dans sa source ; sinon retirez ce titre de « timetables »"}},
		{"a misspelt title",
			Announcement{Issuer: paris, Slug: "2020-03-19-plages-horaires", Said: true, Names: names("Collèges de l'academie de Paris")},
			[]string{
				"content/academies/paris/directives/d.md:9:1: la grille « Collèges de l'académie de Paris » (content/academies/paris/timetables.yaml:1:3) cite cette directive comme sa source, mais « timetables » ne la nomme pas ([Collèges de l'academie de Paris]) : ajoutez « Collèges de l'académie de Paris » à « timetables », ou retirez « directive: directives/2020-03-19-plages-horaires » de la source de la grille",
				"content/academies/paris/directives/d.md:10:14: aucune grille de content/academies/paris/timetables.yaml ne s'appelle « Collèges de l'academie de Paris » (vouliez-vous dire \"Collèges de l'académie de Paris\" ?) : écrivez dans « timetables » le titre (title) exact de la grille que la directive fixe",
			}},
		{"says it sets none, but a timetable cites it",
			Announcement{Issuer: paris, Slug: "2020-03-19-plages-horaires", Said: true},
			[]string{"content/academies/paris/directives/d.md:9:1: la grille « Collèges de l'académie de Paris » (content/academies/paris/timetables.yaml:1:3) cite cette directive comme sa source, mais « timetables » ne la nomme pas ([]) : ajoutez « Collèges de l'académie de Paris » à « timetables », ou retirez « directive: directives/2020-03-19-plages-horaires » de la source de la grille"}},
		{"an issuer without timetables",
			Announcement{Issuer: territory.AcademyIssuer("creteil"), Slug: "2020-03-19-horaires", Said: true, Names: names("Collèges de Créteil")},
			[]string{"content/academies/paris/directives/d.md:10:14: la directive dit fixer la grille « Collèges de Créteil », mais son émetteur n'a pas de grille de créneaux : écrivez-la dans content/academies/creteil/timetables.yaml avec « directive: directives/2020-03-19-horaires » dans sa source, ou retirez ce titre de « timetables »"}},
		{"a timetable of another issuer with the same title is not it",
			Announcement{Issuer: territory.National(), Slug: "2020-03-19-plages-horaires", Said: true, Names: names("Collèges de l'académie de Paris")},
			[]string{"content/academies/paris/directives/d.md:10:14: la directive dit fixer la grille « Collèges de l'académie de Paris », mais son émetteur n'a pas de grille de créneaux : écrivez-la dans content/national/timetables.yaml avec « directive: directives/2020-03-19-plages-horaires » dans sa source, ou retirez ce titre de « timetables »"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.an.FieldPos = diag.Pos{File: "content/academies/paris/directives/d.md", Line: 9, Col: 1}
			if got := strs(CheckDirectives(tts, []Announcement{tc.an})); !slices.Equal(got, tc.want) {
				t.Errorf("errors:\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}
