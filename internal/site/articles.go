package site

import (
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

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

// PageFields are the fields of a page's front matter. The web form made for
// editors (internal/cms) offers these.
var PageFields = []string{"title", "summary", "weight", "footer"}

func (a *assembler) articles() []*Article {
	var out []*Article
	for _, f := range a.markdownFiles("content/pages", "une page") {
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
