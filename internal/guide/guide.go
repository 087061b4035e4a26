// Package guide owns the good-practice guides (content/guides/*.md): what a
// guide's front matter holds and how it is checked, the order of the guides
// list (weight, then file name) and for whom a guide is (its audiences; a
// guide that names none is for everyone).
//
//	---
//	title: Se déconnecter après la classe      required
//	summary: Pourquoi et comment.             optional; one sentence
//	audiences: [parents, eleves]              optional; default tous
//	weight: 10                                optional; smaller comes first
//	draft: true                               optional; left out unless --drafts
//	---
//	The guide, in Markdown.
//
// From the decoded guides, Pages builds the guides list (grouped by
// audience, ByAudience) and each guide's page, which suggests the nearest
// guides in reading order (Neighbours), as plain data (package view).
//
// guide is a domain package: it knows nothing of HTML, output files or the
// clock, and makes no address: the site gives each guide its URL and the
// list's (URLs). Every error is at its file, line and column, in French.
package guide

import (
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Guide is a decoded guide.
type Guide struct {
	Slug      string // the file name without .md
	Title     string
	Summary   string
	Audiences []string // audience slugs, at least one ("tous" when none is named)
	Weight    int
	Draft     bool
	Path      string // content/guides/<slug>.md
	Body      []byte // Markdown after the front matter
	BodyLine  int    // file line on which Body starts
}

// Fields are the fields of a guide's front matter. The web form made for
// editors (internal/cms) offers these.
var Fields = []string{"title", "summary", "audiences", "weight", "draft"}

// Decode decodes a guide's file. The guide is nil when the file cannot be
// split into front matter and body; otherwise it is returned with the
// errors of its fields.
func Decode(f *load.File) (*Guide, diag.List) {
	doc, errs := load.Front(f)
	if errs != nil {
		return nil, errs
	}
	d := load.NewDecoder(f.Path)
	m := d.Map(doc.Front, "l'en-tête d'un guide", Fields...)
	m.Require("l'en-tête d'un guide", "title")
	var all diag.List
	g := &Guide{
		Slug:     vocab.FileSlug(f.Path, &all),
		Title:    m.String("title"),
		Summary:  m.String("summary"),
		Weight:   m.Int("weight"),
		Path:     f.Path,
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
	for _, w := range m.Words("audiences") {
		aud, err := vocab.ParseAudience(w.Text)
		if err != nil {
			d.Errs.Add(w.Pos, "%v", err)
			continue
		}
		g.Audiences = append(g.Audiences, aud)
	}
	if len(g.Audiences) == 0 {
		g.Audiences = []string{"tous"}
	}
	g.Draft = m.Bool("draft")
	all.Append(d.Errs)
	return g, all
}

// Compare orders guides as their list shows them: by weight, then by slug.
func Compare(a, b *Guide) int {
	if a.Weight != b.Weight {
		return a.Weight - b.Weight
	}
	return strings.Compare(a.Slug, b.Slug)
}

// For reports whether g is for the audience slug.
func (g *Guide) For(audience string) bool { return slices.Contains(g.Audiences, audience) }

// Heading is the heading of the guides for an audience: "Pour les parents".
func Heading(audience string) string { return headings[audience] }

var headings = map[string]string{
	"parents":     "Pour les parents",
	"enseignants": "Pour les enseignants",
	"eleves":      "Pour les élèves",
	"tous":        "Pour tout le monde",
}
