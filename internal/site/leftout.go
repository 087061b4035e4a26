package site

import (
	"cmp"
	"slices"
	"time"

	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// LeftOut is a document that a build did not publish, or that it took out
// of the lists: nothing leaves the site silently. relais check and relais
// build print these as notes, in French, not as errors.
type LeftOut struct {
	Path  string `json:"path"` // the content file
	Title string `json:"title"`
	// Why is the French reason, with the date the document appears or
	// went away: "brouillon", "publication prévue le 30 mars 2020 à 10h",
	// "expirée le 20 mars 2020".
	Why string `json:"why"`
	// Then says what follows, in French: when or how it will be seen, or
	// where it still is.
	Then string `json:"then"`
}

// leftOutDirectives returns the notes of the directives of ds that a build
// with opts leaves out (drafts, future) or has moved to the archive
// (expired), given published, the directives it publishes.
func leftOutDirectives(ds, published []*directive.Directive, opts directive.Options) []LeftOut {
	var out []LeftOut
	for _, d := range ds {
		switch d.Status(opts.Now) {
		case directive.StatusDraft:
			if !opts.Drafts {
				out = append(out, LeftOut{Path: d.Path, Title: d.Title, Why: "brouillon (draft: true)",
					Then: "elle n’est pas publiée ; relais build --drafts la montre pour la relire, et elle paraît quand la ligne « draft: true » est retirée"})
			}
		case directive.StatusFuture:
			if !opts.Future {
				out = append(out, LeftOut{Path: d.Path, Title: d.Title, Why: "publication prévue le " + dayOrInstant(d.Date, d.DateOnly),
					Then: "elle paraîtra au premier build fait à partir de ce moment ; relais build --future la montre dès maintenant"})
			}
		case directive.StatusExpired:
			if slices.Contains(published, d) {
				out = append(out, LeftOut{Path: d.Path, Title: d.Title, Why: "expirée le " + vocab.FrenchDate(d.Expires),
					Then: "retirée des listes et des bannières depuis le " + vocab.FrenchDate(d.Expires.AddDate(0, 0, 1)) + " ; sa page reste, dans les archives (" + DirectivesArchiveURL + ")"})
			}
		}
	}
	return out
}

// dayOrInstant writes a publication date in French: the day alone when no
// time is given.
func dayOrInstant(t time.Time, dateOnly bool) string {
	if dateOnly {
		return vocab.FrenchDate(t)
	}
	return vocab.FrenchDateTime(t)
}

// sortLeftOut orders the notes by file, then reason, so that every build
// prints them in the same order.
func sortLeftOut(l []LeftOut) {
	slices.SortFunc(l, func(a, b LeftOut) int {
		if c := cmp.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return cmp.Compare(a.Why, b.Why)
	})
}
