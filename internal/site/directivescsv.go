package site

import (
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// DirectivesCSVURL is the directives.csv of an académie: the directives in
// force that its list page shows (the académie's, its région's and the
// ministry's), one a row, for its staff to open in a spreadsheet.
func DirectivesCSVURL(academy string) string { return AcademiesURL + academy + "/directives.csv" }

// CSV is a table: a header row, then the data rows. render writes it
// (render/csv.go).
type CSV [][]string

// directivesCSV is the table of the directives in force of issuers, newest
// first, as the list page orders them. Dates are the issuer's local dates,
// YYYY-MM-DD, which spreadsheets read as dates; an empty date is one the
// directive does not give (no end: in force until further notice).
func (a *assembler) directivesCSV(issuers []territory.Issuer) CSV {
	out := CSV{{"publiée le", "émetteur", "titre", "résumé", "publics", "niveaux", "en vigueur du", "jusqu’au", "urgente", "adresse"}}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	for _, d := range a.dirs.currentOf(issuers...) {
		v := a.dirs.views[d]
		var audiences, levels []string
		for _, s := range d.Audiences {
			if au, ok := vocab.AudienceOf(s); ok {
				audiences = append(audiences, au.Label)
			}
		}
		for _, s := range d.Levels {
			levels = append(levels, vocab.LevelLabel(s))
		}
		if len(levels) == 0 {
			levels = []string{"tous les niveaux"}
		}
		urgent := "non"
		if d.Urgent {
			urgent = "oui"
		}
		out = append(out, []string{
			d.Date.Format(time.DateOnly),
			vocab.Capitalize(markdown.Plain(v.IssuerName)),
			markdown.Plain(d.Title),
			markdown.Plain(d.Summary),
			strings.Join(audiences, ", "),
			strings.Join(levels, ", "),
			day(d.Effective),
			day(d.Expires),
			urgent,
			a.site.Abs(v.URL),
		})
	}
	return out
}
