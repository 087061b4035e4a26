package site

// entpages.go: which "ENT saturé" pages the site has (internal/errorpage
// makes them from the académies' creneaux.json and bandeau.json): one for
// each académie, in its folder, and one for each collectivité that runs an
// ENT, in its folder, for the kinds of school that ENT serves in the
// académies and départements it covers.

import (
	"github.com/relais-ecoles/relais/internal/errorpage"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// ENTPage is one "ENT saturé" page.
type ENTPage struct {
	URL string // /academies/paris/ent-sature.html
	// Academy is the académie of an académie's page, whose levels also get
	// the framed banners (errorpage.EmbedDir); "" for a collectivité's.
	Academy string
	// Academies are the académies whose data the page shows, in order.
	Academies []string
	Scope     errorpage.Scope
}

// AcademyENTPageURL is the "ENT saturé" page of an académie.
func AcademyENTPageURL(academy string) string { return AcademyURL(academy) + errorpage.FileName }

// CollectiviteENTPageURL is the "ENT saturé" page of a collectivité.
func CollectiviteENTPageURL(slug string) string { return CollectiviteURL(slug) + errorpage.FileName }

// addENTPages lists the "ENT saturé" pages of the territory; deps are the
// départements of content/departements.csv, which name a Département's.
func (a *assembler) addENTPages(deps []*territory.Departement) {
	if a.terr == nil {
		return
	}
	names := map[string]string{}
	for _, d := range deps {
		names[d.Code] = d.Name
	}
	for _, ac := range a.terr.Academies {
		a.site.ENTPages = append(a.site.ENTPages, &ENTPage{URL: AcademyENTPageURL(ac.Slug), Academy: ac.Slug, Academies: []string{ac.Slug}, Scope: errorpage.Scope{DepartementNames: names}})
	}
	for _, c := range a.terr.Collectivites {
		sc := errorpage.Scope{
			Name:             c.Name,
			By:               territory.WithArticle(c.Name),
			ENT:              c.ENTName,
			Serves:           vocab.KindsPlural(c.ENTFor),
			Live:             a.site.Abs(HomeURL),
			Kinds:            c.ENTFor,
			DepartementNames: names,
		}
		if c.Partial() {
			sc.Departements = c.Departements
		}
		a.site.ENTPages = append(a.site.ENTPages, &ENTPage{URL: CollectiviteENTPageURL(c.Slug), Academies: c.Academies, Scope: sc})
	}
}
