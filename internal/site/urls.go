package site

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
)

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

// DepartementsURL is the list of départements by académie.
const DepartementsURL = "/departements/"

// DepartementURL is the short address of a département, which leads to its
// académie: /93/, /2a/ (lowercase, as every address of the site).
func DepartementURL(code string) string { return "/" + strings.ToLower(code) + "/" }

// GuideURL is the page of a guide.
func GuideURL(slug string) string { return GuidesURL + slug + "/" }

// PageURL is the page of a content/pages file.
func PageURL(slug string) string { return "/" + slug + "/" }

// RegionURL is the page of a région académique.
func RegionURL(slug string) string { return RegionsURL + slug + "/" }

// AcademyURL is the page of an académie.
func AcademyURL(slug string) string { return AcademiesURL + slug + "/" }

// CollectivitesURL is the list of the collectivités.
const CollectivitesURL = "/collectivites/"

// CollectiviteURL is the page of a collectivité (a Région or a Département).
func CollectiviteURL(slug string) string { return CollectivitesURL + slug + "/" }

// LevelURL is the page of one level in one académie.
func LevelURL(academy, level string) string { return AcademiesURL + academy + "/" + level + "/" }

// LevelCalendarURL is the iCalendar file of one level in one académie.
func LevelCalendarURL(academy, level string) string {
	return AcademiesURL + academy + "/" + level + ".ics"
}

// SlotsDataURL is the JSON file of an académie's timetables.
func SlotsDataURL(academy string) string { return AcademiesURL + academy + "/creneaux.json" }

// SlotsSchemaURL is the JSON Schema of creneaux.json.
const SlotsSchemaURL = "/schemas/creneaux-2.json"

// issuerURL is the page of an issuer: its région's, académie's or
// collectivité's page, the home page for the ministry.
func issuerURL(iss territory.Issuer) string {
	switch iss.Kind {
	case territory.IssuerAcademy:
		return AcademyURL(iss.Slug)
	case territory.IssuerRegion:
		return RegionURL(iss.Slug)
	case territory.IssuerCollectivite:
		return CollectiviteURL(iss.Slug)
	}
	return HomeURL
}

// absURL makes the site address u absolute on the base URL.
func absURL(base, u string) string { return strings.TrimSuffix(base, "/") + u }

// timetableURLs are the URLs above as the timetable views ask them
// (timetable.URLs), on the base URL base.
type timetableURLs struct{ base string }

func (timetableURLs) Home() string                       { return HomeURL }
func (timetableURLs) Academies() string                  { return AcademiesURL }
func (timetableURLs) Regions() string                    { return RegionsURL }
func (timetableURLs) Region(slug string) string          { return RegionURL(slug) }
func (timetableURLs) Academy(slug string) string         { return AcademyURL(slug) }
func (timetableURLs) Level(academy, level string) string { return LevelURL(academy, level) }
func (timetableURLs) LevelCalendar(academy, name string) string {
	return LevelCalendarURL(academy, name)
}
func (timetableURLs) SlotsData(academy string) string    { return SlotsDataURL(academy) }
func (timetableURLs) SlotsSchema() string                { return SlotsSchemaURL }
func (timetableURLs) Issuer(iss territory.Issuer) string { return issuerURL(iss) }
func (u timetableURLs) Abs(p string) string              { return absURL(u.base, p) }

// DirectivesArchiveURL is the archive of expired directives.
const DirectivesArchiveURL = DirectivesURL + "archives/"

// IssuerDirectivesPageURL is page n of the list of an issuer's directives:
// IssuerDirectivesURL for the first, <that>page/<n>/ after.
func IssuerDirectivesPageURL(iss territory.Issuer, n int) string {
	if n <= 1 {
		return IssuerDirectivesURL(iss)
	}
	return IssuerDirectivesURL(iss) + "page/" + strconv.Itoa(n) + "/"
}

// DirectivesArchiveMonthURL is page n of the expired directives published
// in a month: /directives/archives/2020-03/, then .../2020-03/page/2/.
func DirectivesArchiveMonthURL(year int, month time.Month, n int) string {
	u := fmt.Sprintf("%s%04d-%02d/", DirectivesArchiveURL, year, int(month))
	if n > 1 {
		u += "page/" + strconv.Itoa(n) + "/"
	}
	return u
}

// IssuerDirectivesURL is the folder URL of an issuer's directives, and the
// list of the directives that concern it: /directives/ for the ministry,
// /regions/<r>/directives/, /academies/<a>/directives/.
func IssuerDirectivesURL(iss territory.Issuer) string {
	switch iss.Kind {
	case territory.IssuerRegion:
		return RegionURL(iss.Slug) + "directives/"
	case territory.IssuerAcademy:
		return AcademyURL(iss.Slug) + "directives/"
	case territory.IssuerCollectivite:
		return CollectiviteURL(iss.Slug) + "directives/"
	}
	return DirectivesURL
}

// DirectiveURL is the page of a directive, in the folder URL of its issuer:
// /directives/<slug>/ for the ministry, /regions/<r>/directives/<slug>/,
// /academies/<a>/directives/<slug>/. Two issuers may use one slug (the
// régions that took the same decision on the same day).
func DirectiveURL(iss territory.Issuer, slug string) string {
	return IssuerDirectivesURL(iss) + slug + "/"
}

// The catalog of labelled programmes, under ProgrammesURL.
const (
	// ProgrammeGridURL is the weekly broadcast grid.
	ProgrammeGridURL = ProgrammesURL + "grille/"
	// ProgrammeIndexURL is the search index of the catalog page.
	ProgrammeIndexURL = ProgrammesURL + "index.json"
)

// ProgrammesPageURL is page n of a list of programmes whose first page is
// first: first itself for n = 1, first + "page/<n>/" after.
func ProgrammesPageURL(first string, n int) string {
	if n <= 1 {
		return first
	}
	return first + "page/" + strconv.Itoa(n) + "/"
}

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

// BannerDataURL is the bandeau.json of an académie: its urgent directives
// in force (directive.BannerData).
func BannerDataURL(academy string) string { return AcademiesURL + academy + "/bandeau.json" }

// BannerSchemaURL is the JSON Schema of bandeau.json.
const BannerSchemaURL = "/schemas/bandeau-1.json"

// DirectivesCSVURL is the directives.csv of an académie: the directives in
// force that its list page shows (the académie's, its région's and the
// ministry's), one a row, for its staff to open in a spreadsheet.
func DirectivesCSVURL(academy string) string { return AcademiesURL + academy + "/directives.csv" }

// directiveURLs are the URLs above as the views of the directives ask
// them (directive.URLs), on the base URL of its timetableURLs (which give
// Home and Abs).
type directiveURLs struct{ timetableURLs }

func (directiveURLs) Directive(iss territory.Issuer, slug string) string {
	return DirectiveURL(iss, slug)
}
func (directiveURLs) IssuerDirectives(iss territory.Issuer) string { return IssuerDirectivesURL(iss) }
func (directiveURLs) IssuerDirectivesPage(iss territory.Issuer, n int) string {
	return IssuerDirectivesPageURL(iss, n)
}
func (directiveURLs) Archive() string { return DirectivesArchiveURL }
func (directiveURLs) ArchiveMonth(year int, month time.Month, n int) string {
	return DirectivesArchiveMonthURL(year, month, n)
}
func (directiveURLs) BannerData(academy string) string { return BannerDataURL(academy) }
func (directiveURLs) CSV(academy string) string        { return DirectivesCSVURL(academy) }
func (directiveURLs) BannerSchema() string             { return BannerSchemaURL }
