package catalog

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// reference is the table of the "Nation apprenante" programmes of spring
// 2020 as our sources give them (the project's reference notes,
// programmes-2020), transcribed by hand: the shipped catalog holds exactly
// these programmes, each with these hours and nothing the sources do not
// say. slots are "days from-to" with days "lun-ven", "lun,jeu,ven" or
// "lun-dim"; period is "first..last" with "" for a bound not stated; when
// is the free-text time where there is no fixed slot.
var reference = []struct {
	slug, title    string
	status         string
	stated         string // levels_stated; "" where the sources are silent
	slots          []string
	period         string
	when           string
	labelled       string // only where the date is the label's
	notesMentioned []string
}{
	{"france-4-cp-ce1", "Les cours CP-CE1 sur France 4", StatusOperation, "CP, CE1", []string{"lun-ven 09:00-10:00"}, "2020-03-23..2020-07-03", "", "", nil},
	{"france-4-prescolaire", "Les programmes pré-scolaires de France 4", StatusGrid, "pré-scolaire", []string{"lun-ven 10:00-11:00"}, "", "", "", []string{"10h–11h30"}},
	{"c-est-toujours-pas-sorcier", "C'est toujours pas sorcier", StatusGrid, "« notamment pour les 8-12 ans »", []string{"lun-ven 13:30-14:00"}, "", "", "", nil},
	{"france-4-college", "Les cours du collège sur France 4", StatusOperation, "collégiens", []string{"lun-ven 14:00-15:00"}, "2020-03-23..2020-07-03", "", "", nil},
	{"france-4-lycee", "Les cours du lycée sur France 4", StatusOperation, "lycéens, « notamment les premières et les terminales »", []string{"lun-ven 15:00-16:00"}, "2020-03-23..2020-07-03", "", "", []string{"15h–15h45"}},
	{"la-maison-lumni", "La Maison Lumni", StatusOperation, "« 8-12 ans », « plus spécifiquement CM1–CM2 »", []string{"lun-ven 16:00-16:50"}, "2020-03-23..2020-07-03", "", "", []string{"11h–12h"}},
	{"entree-en-matiere", "Entrée en matière", StatusGrid, "collégiens et lycéens", nil, "", "le mardi soir, en première partie de soirée (heure non précisée)", "", nil},
	{"lumni", "Lumni", StatusLabel, "", nil, "", "", "2020-03-18", nil},
	{"educarte", "Educ'Arte", StatusOperation, "« à destination des enseignants »", nil, "", "", "", nil},
	{"arte", "Les programmes d'Arte", StatusLabel, "", nil, "", "", "2020-03-18", nil},
	{"radio-france", "Les programmes de Radio France", StatusLabel, "", nil, "", "", "2020-03-18", nil},
	{"france-culture", "Une sélection de France Culture", StatusLabel, "", nil, "", "en réécoute", "", nil},
	{"rtl-la-curiosite-retourne-a-l-ecole", "La curiosité retourne à l'école", StatusLabel, "", []string{"lun-dim 14:00-15:00"}, "", "", "", nil},
	{"rfi-7-milliards-de-voisins", "7 milliards de voisins (L'école à la radio)", StatusLabel, "", nil, "", "tous les jours, en direct (heure non précisée)", "", nil},
	{"lcp", "Les programmes de LCP", StatusLabel, "« professeurs, lycéens et leurs familles »", []string{"lun-ven 09:00-11:00", "lun,jeu,ven 14:00-16:00"}, "2020-03-30..", "", "", nil},
	{"tv5monde", "Les programmes de TV5 Monde", StatusLabel, "", nil, "", "", "", nil},
	{"le-petit-quotidien", "Le Petit Quotidien", StatusLabel, "", nil, "", "chaque jour", "2020-03-18", nil},
	{"l-actu", "L'Actu", StatusLabel, "", nil, "", "chaque jour", "2020-03-18", nil},
	{"mon-quotidien", "Mon Quotidien", StatusLabel, "", nil, "", "chaque jour", "", nil},
}

func TestShippedCatalog(t *testing.T) {
	c, errs := Decode(shippedTree(t))
	for _, e := range errs {
		t.Error(e)
	}
	var slugs, want []string
	for _, p := range c.Programmes {
		slugs = append(slugs, p.Slug)
		if p.Summary == "" || len(strings.TrimSpace(string(p.Body))) == 0 {
			t.Errorf("%s: a shipped programme needs a summary and a body", p.Path)
		}
		if len(p.Sources) == 0 {
			t.Errorf("%s: a shipped programme names its sources", p.Path)
		}
	}
	for _, r := range reference {
		want = append(want, r.slug)
	}
	slices.Sort(slugs)
	slices.Sort(want)
	if diff := cmp.Diff(want, slugs); diff != "" {
		t.Fatalf("the shipped programmes are not those of the reference (-want +got):\n%s", diff)
	}
	for _, r := range reference {
		p := c.Programme(r.slug)
		var slots []string
		for _, s := range p.Schedule {
			slots = append(slots, days(s.Days)+" "+s.From.String()+"-"+s.To.String())
		}
		got := []string{p.Title, p.Status, p.LevelsStated, period(p.ScheduleStart, p.ScheduleEnd), p.When, isoDate(p.Labelled)}
		exp := []string{r.title, r.status, r.stated, r.period, r.when, r.labelled}
		if diff := cmp.Diff(exp, got); diff != "" {
			t.Errorf("%s: title, status, levels as stated, period, when, label date (-reference +shipped):\n%s", r.slug, diff)
		}
		if diff := cmp.Diff(r.slots, slots); diff != "" {
			t.Errorf("%s: hours (-reference +shipped):\n%s", r.slug, diff)
		}
		for _, n := range r.notesMentioned {
			if !strings.Contains(strings.Join(p.Notes, " "), n) {
				t.Errorf("%s: no note says the other source's hours %s", r.slug, n)
			}
		}
		if len(p.Levels) > 0 && r.stated != "" && len(p.Notes) == 0 && !slices.Contains([]string{"france-4-cp-ce1", "france-4-college", "france-4-lycee", "la-maison-lumni", "entree-en-matiere"}, r.slug) {
			t.Errorf("%s: facet levels derived from %q need a note saying so", r.slug, r.stated)
		}
		if r.stated == "" && len(p.Levels) > 0 {
			t.Errorf("%s: the sources state no level, the programme has %v", r.slug, p.Levels)
		}
	}
}

func days(ds []time.Weekday) string {
	var s []string
	for _, d := range ds {
		s = append(s, [...]string{"dim", "lun", "mar", "mer", "jeu", "ven", "sam"}[d])
	}
	switch j := strings.Join(s, ","); j {
	case "lun,mar,mer,jeu,ven":
		return "lun-ven"
	case "lun,mar,mer,jeu,ven,sam,dim":
		return "lun-dim"
	default:
		return j
	}
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func period(a, b time.Time) string {
	if a.IsZero() && b.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s..%s", isoDate(a), isoDate(b))
}
