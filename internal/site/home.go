package site

// home.go: what the home page shows of the territory — each académie with
// what its parents find there (slots published or not), grouped by région,
// and the départements: the finder's data, the list of départements by
// académie (/departements/), and a short address per département (/93/)
// that leads to its académie.

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// HomeRegion is a région on the home page. A région with a single académie
// of the same name (Corse, Normandie, La Réunion) is shown once, as its
// académie: Single is then that académie and Academies is empty.
type HomeRegion struct {
	Name      string
	URL       string
	Academies []AcademyEntry
	Single    *AcademyEntry
}

// homeRegions groups the académies of the home page by région.
func homeRegions(regions []RegionEntry) []HomeRegion {
	out := make([]HomeRegion, 0, len(regions))
	for _, r := range regions {
		h := HomeRegion{Name: r.Name, URL: r.URL, Academies: r.Entries}
		if len(r.Entries) == 1 && territory.FoldName(r.Entries[0].Label) == territory.FoldName(r.Name) {
			h.Single, h.Academies = &r.Entries[0], nil
		}
		out = append(out, h)
	}
	return out
}

// homeDeps are the Deps of what the home page shows of the régions and
// académies.
func homeDeps(rs []HomeRegion) []string {
	var deps []string
	for _, r := range rs {
		deps = append(deps, ShownDep("region", r.URL, r.Name))
		for _, e := range append(slices.Clip(r.Academies), single(r.Single)...) {
			deps = append(deps, ShownDep("academy", e.URL, e.Label, e.Status.Text()))
		}
	}
	return deps
}

func single(e *AcademyEntry) []AcademyEntry {
	if e == nil {
		return nil
	}
	return []AcademyEntry{*e}
}

// Finder is the home page's "find by département" form.
type Finder struct {
	// Data is the finder's JSON (assets/js/trouver.js): the académies,
	// {"a": [[name, label, URL], ...]} ("Créteil", "académie de Créteil"),
	// and the départements, {"d": [[code, name, index in a], ...]}.
	Data string
	// ListURL is the page of every département, for browsers without
	// JavaScript.
	ListURL string
}

// finderScripts are the scripts of the home page: the finder's, when there
// is one.
func finderScripts(f *Finder) []string {
	if f == nil {
		return nil
	}
	return []string{"js/trouver.js"}
}

// finderDeps are the Deps of the finder: its data.
func finderDeps(f *Finder) []string {
	if f == nil {
		return nil
	}
	return []string{ShownDep("finder", f.Data, f.ListURL)}
}

// DepartementsView is the list of départements grouped by académie.
type DepartementsView struct {
	Groups []DepartementGroup
}

// DepartementGroup is an académie and its départements.
type DepartementGroup struct {
	ID           string // HTML id: "a-creteil"
	Academy      Link   // "Académie de Créteil"
	Departements []Link
}

// departementLabel is "Seine-Saint-Denis (93)".
func departementLabel(d *territory.Departement) string { return d.Name + " (" + d.Code + ")" }

// addDepartements decodes the départements and adds their list page and
// short addresses; it returns the finder of the home page, nil for a site
// without départements, and the départements.
func (a *assembler) addDepartements() (*Finder, []*territory.Departement) {
	deps, errs := territory.DecodeDepartements(a.tree, a.terr)
	a.errs.Append(errs)
	if len(deps) == 0 {
		return nil, nil
	}
	byAcademy := map[string][]*territory.Departement{}
	for _, d := range deps {
		byAcademy[d.Academy] = append(byAcademy[d.Academy], d)
	}
	academies := slices.Clone(a.terr.Academies)
	slices.SortStableFunc(academies, func(x, y *territory.Academy) int {
		return strings.Compare(territory.FoldName(x.Name), territory.FoldName(y.Name))
	})
	view := &DepartementsView{}
	type finderData struct {
		A [][3]string `json:"a"`
		D [][3]any    `json:"d"`
	}
	var data finderData
	index := map[string]int{}
	for _, ac := range academies {
		ds := byAcademy[ac.Slug]
		if len(ds) == 0 {
			continue
		}
		index[ac.Slug] = len(data.A)
		data.A = append(data.A, [3]string{ac.Name, ac.Label(), AcademyURL(ac.Slug)})
		g := DepartementGroup{ID: "a-" + ac.Slug, Academy: Link{URL: AcademyURL(ac.Slug), Label: vocab.Capitalize(ac.Label())}}
		for _, d := range ds {
			g.Departements = append(g.Departements, Link{URL: AcademyURL(ac.Slug), Label: departementLabel(d)})
		}
		view.Groups = append(view.Groups, g)
	}
	for _, d := range deps {
		data.D = append(data.D, [3]any{d.Code, d.Name, index[d.Academy]})
		// The short address: /93/ leads to the académie's page, on every
		// host (a 301 from the rules files, a page that sends the browser
		// on elsewhere).
		ac := a.terr.Academy(d.Academy)
		a.site.Redirects = append(a.site.Redirects, Redirect{
			From:  DepartementURL(d.Code),
			To:    AcademyURL(d.Academy),
			Pos:   d.Pos,
			Title: departementLabel(d) + " : " + ac.Label(),
			Link:  "Les créneaux de l’" + ac.Label(),
		})
	}
	js, _ := json.Marshal(data) // strings and ints only: cannot fail
	var pageDeps []string
	for _, g := range view.Groups {
		pageDeps = append(pageDeps, ShownDep("group", g.Academy.URL, g.Academy.Label))
		pageDeps = append(pageDeps, linkDeps(g.Departements...)...)
	}
	a.add(&Page{
		URL:         DepartementsURL,
		Layout:      "departements",
		Title:       "Trouver son académie par département",
		Description: fmt.Sprintf("Les %d départements et l’académie de chacun : touchez le vôtre pour voir les créneaux de connexion à l’ENT.", len(deps)),
		Section:     HomeURL,
		Crumbs:      []Link{{URL: HomeURL, Label: "Accueil"}},
		Data:        view,
		Deps:        append(pageDeps, territory.DepartementsPath),
	})
	return &Finder{Data: string(js), ListURL: DepartementsURL}, deps
}
