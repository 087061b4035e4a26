package site

import (
	"path"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/guide"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Guide is the view of a guide (internal/guide): the decoded guide, its URL
// and its text.
type Guide struct {
	*guide.Guide
	URL  string
	Body *Text
}

// Article is a fixed page (content/pages/*.md): about, accessibility, legal.
type Article struct {
	Slug    string
	URL     string
	Title   string
	Summary string
	Weight  int
	Footer  bool // linked from every page's footer
	Path    string
	Body    *Text
}

// GuidesView is the view of the guides list.
type GuidesView struct {
	Guides []*Guide
	// ByAudience groups the guides by audience, in vocabulary order.
	ByAudience []AudienceGuides
}

// AudienceGuides is the guides for one audience.
type AudienceGuides struct {
	Audience vocab.Audience
	Heading  string // "Pour les parents"
	Guides   []*Guide
}

// PageFields are the fields of a page's front matter. The web form made for
// editors (internal/cms) offers these.
var PageFields = []string{"title", "summary", "weight", "footer"}

func (a *assembler) guides() []*Guide {
	var out []*Guide
	for _, f := range a.tree.Under("content/guides") {
		if path.Ext(f.Path) != ".md" {
			a.errs.Add(diag.Pos{File: f.Path}, "fichier inattendu dans content/guides : un guide est un fichier Markdown dont le nom finit par .md")
			continue
		}
		g, errs := cachedDecode(a.opts.Decoded, decodeKey{kind: "guide", file: f}, func() (*guide.Guide, diag.List) { return guide.Decode(f) })
		a.errs.Append(errs)
		if g != nil && g.Draft && !a.opts.Drafts {
			a.site.LeftOut = append(a.site.LeftOut, LeftOut{Path: f.Path, Title: g.Title, Why: "brouillon (draft: true)",
				Then: "ce guide n’est pas publié ; relais build --drafts le montre pour le relire, et il paraît quand la ligne « draft: true » est retirée"})
		}
		if g == nil || g.Draft && !a.opts.Drafts {
			continue
		}
		// The decoded guide is shared with the next assembly (the decode
		// cache) and never changed.
		v := &Guide{Guide: g, URL: GuideURL(g.Slug)}
		v.Body = a.site.text(f.Path, g.Body, g.BodyLine, v.URL)
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(x, y *Guide) int { return guide.Compare(x.Guide, y.Guide) })
	return out
}

func (a *assembler) articles() []*Article {
	var out []*Article
	for _, f := range a.tree.Under("content/pages") {
		if path.Ext(f.Path) != ".md" {
			a.errs.Add(diag.Pos{File: f.Path}, "fichier inattendu dans content/pages : une page est un fichier Markdown dont le nom finit par .md")
			continue
		}
		doc, errs := load.Front(f)
		if errs != nil {
			a.errs.Append(errs)
			continue
		}
		d := load.NewDecoder(f.Path)
		m := d.Map(doc.Front, "l'en-tête d'une page", PageFields...)
		m.Require("l'en-tête d'une page", "title")
		p := &Article{
			Slug:    vocab.FileSlug(f.Path, &a.errs),
			Title:   m.String("title"),
			Summary: m.String("summary"),
			Weight:  m.Int("weight"),
			Footer:  m.Bool("footer"),
			Path:    f.Path,
		}
		a.errs.Append(d.Errs)
		p.URL = PageURL(p.Slug)
		p.Body = a.site.text(f.Path, doc.Body, doc.BodyLine, p.URL)
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(x, y *Article) int {
		if x.Weight != y.Weight {
			return x.Weight - y.Weight
		}
		return strings.Compare(x.Slug, y.Slug)
	})
	return out
}

func groupGuides(gs []*Guide) []AudienceGuides {
	var out []AudienceGuides
	for _, aud := range vocab.Audiences() {
		var list []*Guide
		for _, g := range gs {
			if g.For(aud.Slug) {
				list = append(list, g)
			}
		}
		if len(list) > 0 {
			out = append(out, AudienceGuides{Audience: aud, Heading: guide.Heading(aud.Slug), Guides: list})
		}
	}
	return out
}
