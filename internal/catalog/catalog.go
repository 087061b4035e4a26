package catalog

import (
	"path"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
)

// Catalog is the decoded catalog.
type Catalog struct {
	Vocab Vocabulary
	// Programmes are sorted newest label first, then by title (accents,
	// case and punctuation folded), then by slug.
	Programmes []*Programme

	bySlug map[string]*Programme
}

// IndexPath is the catalog's own page, which the site reads and Decode
// leaves alone.
const IndexPath = Dir + "/_index.md"

// Decode reads content/programmes/ from the tree: the vocabulary and every
// programme. It returns every content error it meets, sorted; the catalog is
// complete only when the list is empty. A site without a content/programmes
// folder has an empty catalog and no error.
func Decode(tree *load.Tree) (*Catalog, diag.List) { return DecodeWith(tree, nil) }

// ProgrammeDecoder decodes the programme of file f with the vocabulary v
// decoded from the file vf (nil when there is none): DecodeProgramme, or
// a cache of it keyed by the two files, which gives the programme it
// decoded before while neither changed (the dev server's). Nothing changes
// a decoded programme.
type ProgrammeDecoder func(f, vf *load.File, v *Vocabulary) (*Programme, diag.List)

// DecodeWith is Decode with the programmes decoded by decode (nil:
// DecodeProgramme).
func DecodeWith(tree *load.Tree, decode ProgrammeDecoder) (*Catalog, diag.List) {
	if decode == nil {
		decode = func(f, _ *load.File, v *Vocabulary) (*Programme, diag.List) { return DecodeProgramme(f, v) }
	}
	var errs diag.List
	c := &Catalog{bySlug: map[string]*Programme{}}
	files := tree.Under(Dir)
	if len(files) == 0 {
		return c, nil
	}
	var vocab *Vocabulary
	vf := tree.Get(VocabularyPath)
	if f := vf; f != nil {
		v, e := DecodeVocabulary(f)
		errs = append(errs, e...)
		vocab = v
	} else if slices.ContainsFunc(files, func(f *load.File) bool { return f.Path != IndexPath }) {
		errs.Add(diag.Pos{File: VocabularyPath}, "vocabulaire manquant : les programmes ont besoin de %s, qui liste les diffuseurs, les médias et les disciplines ; créez-le (voir docs/editer.md)", VocabularyPath)
	}
	if vocab != nil {
		c.Vocab = *vocab
	}
	aliases := map[string]*Programme{}
	for _, f := range files {
		switch {
		case f.Path == VocabularyPath || f.Path == IndexPath:
			continue
		case path.Dir(f.Path) != Dir:
			errs.Add(diag.Pos{File: f.Path}, "les programmes sont des fichiers placés directement dans %s/, pas dans un sous-dossier : remontez ce fichier dans %s/", Dir, Dir)
			continue
		case path.Ext(f.Path) != ".md":
			errs.Add(diag.Pos{File: f.Path}, "fichier inattendu dans %s/ : un programme est un fichier .md et le vocabulaire est _vocabulary.yaml ; renommez ce fichier en .md ou déplacez-le", Dir)
			continue
		}
		p, e := decode(f, vf, vocab)
		errs = append(errs, e...)
		if p == nil {
			continue
		}
		if prev, dup := c.bySlug[p.Slug]; dup {
			errs.Add(p.Pos, "deux fichiers donnent le même programme %s, %s et %s : renommez l'un des deux", diag.Q(p.Slug), prev.Path, p.Path)
			continue
		}
		for _, a := range p.Aliases {
			if other, dup := aliases[a]; dup {
				errs.Add(p.Pos, "l'alias %s est donné par deux programmes, %s et %s : gardez-le dans un seul", diag.Q(a), other.Path, p.Path)
				continue
			}
			aliases[a] = p
		}
		c.bySlug[p.Slug] = p
		c.Programmes = append(c.Programmes, p)
	}
	slices.SortFunc(c.Programmes, compareProgrammes)
	return c, errs.Sort()
}

// compareProgrammes orders programmes newest date first (Programme.Date), then by title,
// then by slug.
func compareProgrammes(a, b *Programme) int {
	if c := b.Date().Compare(a.Date()); c != 0 {
		return c
	}
	if c := strings.Compare(a.key(), b.key()); c != 0 {
		return c
	}
	if c := strings.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

// Programme returns the programme with this slug, or nil.
func (c *Catalog) Programme(slug string) *Programme {
	if c.bySlug != nil {
		return c.bySlug[slug]
	}
	for _, p := range c.Programmes {
		if p.Slug == slug {
			return p
		}
	}
	return nil
}

// BroadcasterLabel returns the label of the programme's broadcaster.
func (c *Catalog) BroadcasterLabel(p *Programme) string {
	return label(c.Vocab.Broadcasters, p.Broadcaster)
}

// MediaLabels returns the labels of the programme's media.
func (c *Catalog) MediaLabels(p *Programme) []string { return labels(c.Vocab.Media, p.Media) }

// SubjectLabels returns the labels of the programme's subjects.
func (c *Catalog) SubjectLabels(p *Programme) []string {
	return labels(c.Vocab.Subjects, p.Subjects)
}

func labels(ts []Term, slugs []string) []string {
	if len(slugs) == 0 {
		return nil
	}
	out := make([]string, len(slugs))
	for i, s := range slugs {
		out[i] = label(ts, s)
	}
	return out
}

// key is the collation key of the title.
func (p *Programme) key() string {
	if p.titleKey == "" && p.Title != "" {
		return collateKey(p.Title)
	}
	return p.titleKey
}
