package site

// The good-practice guides: site decodes them (through its decode cache),
// leaves the drafts out, gives each its address and text, and adds the
// pages internal/guide builds of them.

import (
	"path"
	"slices"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/guide"
	"github.com/relais-ecoles/relais/internal/load"
)

// Guide is guide's view of a guide, for the code that still names it here.
type Guide = guide.View

// guides are the published guides, in the order of their list.
func (a *assembler) guides() []*Guide {
	var out []*Guide
	for _, f := range a.markdownFiles("content/guides", "un guide") {
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
		// cache) and never changed; so is its view, kept while the guide
		// is the same, whose text is registered again for the link pass.
		u := GuideURL(g.Slug)
		v, kept := a.opts.Decoded.guides().View(g, u, func() *Text { return a.site.text(f.Path, g.Body, g.BodyLine, u) })
		if kept {
			a.site.Texts = append(a.site.Texts, v.Body)
		}
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(x, y *Guide) int { return guide.Compare(x.Guide, y.Guide) })
	return out
}

// markdownFiles are the Markdown files under dir, whose every file is
// what ("un guide"): any other is an error.
func (a *assembler) markdownFiles(dir, what string) []*load.File {
	var out []*load.File
	for _, f := range a.tree.Under(dir) {
		if path.Ext(f.Path) != ".md" {
			a.errs.Add(diag.Pos{File: f.Path}, "fichier inattendu dans %s : %s est un fichier Markdown dont le nom finit par .md", dir, what)
			continue
		}
		out = append(out, f)
	}
	return out
}

// addGuides adds the guides list and the page of each guide.
func (a *assembler) addGuides(guides []*Guide) {
	a.site.Pages = append(a.site.Pages, a.opts.Decoded.guides().Pages(guides, guide.URLs{Home: HomeURL, List: GuidesURL})...)
}
