package timetable

import (
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/territory"
)

// Announcement is what a directive says of the timetables it sets (its
// "timetables" field), for CheckDirectives: the announcement and the level
// pages must never disagree.
type Announcement struct {
	Issuer territory.Issuer
	Slug   string // "2020-03-19-plages-horaires"
	// Names are the titles of the timetables it sets, each where it is
	// written. Said is true when the field is there, even empty (it sets
	// none); FieldPos is where.
	Names    []Name
	Said     bool
	FieldPos diag.Pos
}

// Name is a timetable title written in a directive, and where.
type Name struct {
	Title string
	Pos   diag.Pos
}

// CheckDirectives holds every directive that says which timetables it sets
// to the timetables of its issuer, both ways:
//
//   - each title it names is a timetable of the same issuer, and that
//     timetable's source names the directive back (source.directive:
//     directives/<slug>), so that the announcement and the level pages
//     show the same hours;
//   - a timetable whose source names the directive is among the titles
//     the directive names (an empty list says it sets none).
//
// A directive without the field is linked by the timetables that cite it,
// and nothing more is asked of it.
func CheckDirectives(tts []*Timetable, ds []Announcement) diag.List {
	var errs diag.List
	for _, d := range ds {
		if !d.Said {
			continue
		}
		ref := "directives/" + d.Slug
		file := "content/" + d.Issuer.Dir() + "/" + FileName
		var own, citing []*Timetable
		var titles []string
		for _, t := range tts {
			if t.Issuer != d.Issuer {
				continue
			}
			own = append(own, t)
			titles = append(titles, t.Title)
			if t.Source.Directive == ref {
				citing = append(citing, t)
			}
		}
		named := map[string]bool{}
		for _, n := range d.Names {
			named[n.Title] = true
			var t *Timetable
			for _, o := range own {
				if o.Title == n.Title {
					t = o
					break
				}
			}
			switch {
			case t == nil && len(own) == 0:
				errs.Add(n.Pos, "la directive dit fixer la grille « %s », mais son émetteur n'a pas de grille de créneaux : écrivez-la dans %s avec « directive: %s » dans sa source, ou retirez ce titre de « timetables »", n.Title, file, ref)
			case t == nil:
				errs.Add(n.Pos, "aucune grille de %s ne s'appelle « %s »%s : écrivez dans « timetables » le titre (title) exact de la grille que la directive fixe", file, n.Title, didYouMean(n.Title, titles))
			case t.Source.Directive == "":
				errs.Add(n.Pos, "la grille « %s » (%s) ne cite pas cette directive : ajoutez « directive: %s » à sa source, pour que l'annonce et les pages des niveaux donnent les mêmes horaires", n.Title, t.Pos, ref)
			case t.Source.Directive != ref:
				errs.Add(n.Pos, "la grille « %s » (%s) cite une autre directive, %s : si c'est celle-ci qui la fixe, écrivez « directive: %s » dans sa source ; sinon retirez ce titre de « timetables »", n.Title, t.Pos, t.Source.Directive, ref)
			}
		}
		for _, t := range citing {
			if named[t.Title] {
				continue
			}
			list := "[]"
			if len(d.Names) > 0 {
				var ns []string
				for _, n := range d.Names {
					ns = append(ns, n.Title)
				}
				list = "[" + strings.Join(ns, ", ") + "]"
			}
			errs.Add(d.FieldPos, "la grille « %s » (%s) cite cette directive comme sa source, mais « timetables » ne la nomme pas (%s) : ajoutez « %s » à « timetables », ou retirez « directive: %s » de la source de la grille", t.Title, t.Pos, list, t.Title, ref)
		}
	}
	return errs.Sort()
}
