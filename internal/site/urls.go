package site

import "github.com/relais-ecoles/relais/internal/territory"

// The URLs of the site. Every URL relais writes is made here, so that a
// change of scheme is one edit and links never disagree with files.

// HomeURL is the home page.
const HomeURL = "/"

// Fixed list pages.
const (
	GuidesURL     = "/bonnes-pratiques/"
	DirectivesURL = "/directives/"
	ProgrammesURL = "/programmes/"
	SitemapURL    = "/plan-du-site/"
	NotFoundURL   = "/404.html"
	RegionsURL    = "/regions/"
	AcademiesURL  = "/academies/"
)

// GuideURL is the page of a guide.
func GuideURL(slug string) string { return GuidesURL + slug + "/" }

// PageURL is the page of a content/pages file.
func PageURL(slug string) string { return "/" + slug + "/" }

// RegionURL is the page of a région académique.
func RegionURL(slug string) string { return RegionsURL + slug + "/" }

// AcademyURL is the page of an académie.
func AcademyURL(slug string) string { return AcademiesURL + slug + "/" }

// LevelURL is the page of one level in one académie.
func LevelURL(academy, level string) string { return AcademiesURL + academy + "/" + level + "/" }

// LevelCalendarURL is the iCalendar file of one level in one académie.
func LevelCalendarURL(academy, level string) string {
	return AcademiesURL + academy + "/" + level + ".ics"
}

// SlotsDataURL is the JSON file of an académie's timetables.
func SlotsDataURL(academy string) string { return AcademiesURL + academy + "/creneaux.json" }

// IssuerDirectivesURL is the folder URL of an issuer's directives:
// "/academies/paris/directives/", "/regions/grand-est/directives/",
// "/directives/" for the ministry.
func IssuerDirectivesURL(iss territory.Issuer) string {
	switch iss.Kind {
	case territory.IssuerAcademy:
		return AcademyURL(iss.Slug) + "directives/"
	case territory.IssuerRegion:
		return RegionURL(iss.Slug) + "directives/"
	}
	return DirectivesURL
}

// IssuerDirectiveURL is the page of one directive under its issuer's
// folder URL: "/academies/paris/directives/<slug>/".
func IssuerDirectiveURL(iss territory.Issuer, slug string) string {
	return IssuerDirectivesURL(iss) + slug + "/"
}

// The catalog of labelled programmes, under ProgrammesURL.
const (
	// ProgrammeGridURL is the weekly broadcast grid.
	ProgrammeGridURL = ProgrammesURL + "grille/"
	// ProgrammeIndexURL is the search index of the catalog page.
	ProgrammeIndexURL = ProgrammesURL + "index.json"
)

// ProgrammeURL is the page of one programme.
func ProgrammeURL(slug string) string { return ProgrammesURL + slug + "/" }

// ProgrammeCalendarURL is the iCalendar file of a programme's broadcasts.
func ProgrammeCalendarURL(slug string) string { return ProgrammesURL + slug + ".ics" }

// FacetsURL is the list of the values of one facet kind (niveaux,
// disciplines, diffuseurs, medias).
func FacetsURL(kind string) string { return ProgrammesURL + kind + "/" }

// FacetURL is the page of one facet value; value may hold a slash for the
// combined entry points ("cycle-3/mathematiques").
func FacetURL(kind, value string) string { return ProgrammesURL + kind + "/" + value + "/" }

// ProgrammeGridLevelURL is the broadcast grid narrowed to a cycle.
func ProgrammeGridLevelURL(cycle string) string { return ProgrammeGridURL + cycle + "/" }
