package site

import (
	"path"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Guide is a piece of good-practice guidance (content/guides/*.md).
type Guide struct {
	Slug      string
	URL       string
	Title     string
	Summary   string
	Audiences []string
	Weight    int
	Path      string
	Body      *Text
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

var audienceHeadings = map[string]string{
	"parents":     "Pour les parents",
	"enseignants": "Pour les enseignants",
	"eleves":      "Pour les élèves",
	"tous":        "Pour tout le monde",
}

// slugOf returns the slug of a content file: its name without extension,
// which must be a lowercase ASCII slug.
func slugOf(p string, errs *diag.List) string {
	slug := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if !vocab.IsSlug(slug) {
		errs.Add(diag.Pos{File: p}, "le nom du fichier %s ne convient pas pour une adresse : utilisez des lettres minuscules sans accents, des chiffres et des tirets, comme %s", diag.Q(slug), diag.Q(vocab.Slugify(slug)))
	}
	return slug
}

// GuideFields are the fields of a guide's front matter; PageFields those of
// a page's. The web form made for editors (internal/cms) offers these.
var (
	GuideFields = []string{"title", "summary", "audiences", "weight", "draft"}
	PageFields  = []string{"title", "summary", "weight", "footer"}
)

func (a *assembler) guides() []*Guide {
	var out []*Guide
	for _, f := range a.tree.Under("content/guides") {
		if path.Ext(f.Path) != ".md" {
			a.errs.Add(diag.Pos{File: f.Path}, "fichier inattendu dans content/guides : un guide est un fichier Markdown dont le nom finit par .md")
			continue
		}
		dg, errs := cachedDecode(a.opts.Decoded, decodeKey{kind: "guide", file: f}, func() (*decodedGuide, diag.List) { return decodeGuide(f) })
		a.errs.Append(errs)
		if dg != nil && dg.draft && !a.opts.Drafts {
			a.site.LeftOut = append(a.site.LeftOut, LeftOut{Path: f.Path, Title: dg.guide.Title, Why: "brouillon (draft: true)",
				Then: "ce guide n’est pas publié ; relais build --drafts le montre pour le relire, et il paraît quand la ligne « draft: true » est retirée"})
		}
		if dg == nil || dg.draft && !a.opts.Drafts {
			continue
		}
		g := dg.guide // a copy: the cached guide is shared
		g.URL = GuideURL(g.Slug)
		g.Body = a.site.text(f.Path, dg.body, dg.bodyLine, g.URL)
		out = append(out, &g)
	}
	slices.SortStableFunc(out, func(x, y *Guide) int {
		if x.Weight != y.Weight {
			return x.Weight - y.Weight
		}
		return strings.Compare(x.Slug, y.Slug)
	})
	return out
}

// decodedGuide is what a guide's file decodes to, before assembly.
type decodedGuide struct {
	guide    Guide // without URL and Body
	draft    bool
	body     []byte
	bodyLine int
}

// decodeGuide decodes a guide's file; it is nil when the file cannot be
// split into front matter and body.
func decodeGuide(f *load.File) (*decodedGuide, diag.List) {
	doc, errs := load.Front(f)
	if errs != nil {
		return nil, errs
	}
	d := load.NewDecoder(f.Path)
	m := d.Map(doc.Front, "l'en-tête d'un guide", GuideFields...)
	m.Require("l'en-tête d'un guide", "title")
	var all diag.List
	g := Guide{
		Slug:    slugOf(f.Path, &all),
		Title:   m.String("title"),
		Summary: m.String("summary"),
		Weight:  m.Int("weight"),
		Path:    f.Path,
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
	draft := m.Bool("draft")
	all.Append(d.Errs)
	return &decodedGuide{guide: g, draft: draft, body: doc.Body, bodyLine: doc.BodyLine}, all
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
			Slug:    slugOf(f.Path, &a.errs),
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
			if slices.Contains(g.Audiences, aud.Slug) {
				list = append(list, g)
			}
		}
		if len(list) > 0 {
			out = append(out, AudienceGuides{Audience: aud, Heading: audienceHeadings[aud.Slug], Guides: list})
		}
	}
	return out
}
