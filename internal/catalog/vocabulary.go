package catalog

import (
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Dir is the folder of the catalog in a site.
const Dir = "content/programmes"

// VocabularyPath is the path of the vocabulary file in a site.
const VocabularyPath = Dir + "/_vocabulary.yaml"

// Term is one word of the vocabulary: a broadcaster, a medium or a subject.
type Term struct {
	Slug  string // "france-televisions", used in URLs and front matter
	Label string // "France Télévisions", shown to readers
	URL   string // the broadcaster's site; empty for media and subjects
	// Aliases are other words readers type for the term, for the search:
	// "maths", "math" for mathématiques; "télé" for télévision.
	Aliases []string
	// RenamedFrom are the slugs the term had before (renamed_from): the
	// addresses of their facet pages and feeds lead to the term's.
	RenamedFrom []string
	Pos         diag.Pos
}

// Vocabulary is the content of _vocabulary.yaml, in file order.
type Vocabulary struct {
	Broadcasters []Term
	Media        []Term
	Subjects     []Term
}

// fixedMedia are the media slugs the content model fixes
// (docs/design.md, « The content model »), in its order.
var fixedMedia = []string{"tv", "radio", "presse", "web", "podcast"}

// FixedMedia returns the media slugs a vocabulary may label: tv, radio,
// presse, web, podcast.
func FixedMedia() []string { return slices.Clone(fixedMedia) }

// Broadcaster returns the broadcaster with this slug.
func (v *Vocabulary) Broadcaster(slug string) (Term, bool) { return find(v.Broadcasters, slug) }

// Subject returns the subject with this slug.
func (v *Vocabulary) Subject(slug string) (Term, bool) { return find(v.Subjects, slug) }

func find(ts []Term, slug string) (Term, bool) {
	for _, t := range ts {
		if t.Slug == slug {
			return t, true
		}
	}
	return Term{}, false
}

// label returns the label of slug in ts, or the slug itself.
func label(ts []Term, slug string) string {
	if t, ok := find(ts, slug); ok {
		return t.Label
	}
	return slug
}

// index returns the position of slug in ts, or len(ts).
func index(ts []Term, slug string) int {
	for i, t := range ts {
		if t.Slug == slug {
			return i
		}
	}
	return len(ts)
}

func termSlugs(ts []Term) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Slug
	}
	return out
}

// DecodeVocabulary decodes _vocabulary.yaml. Every slug must be a lowercase
// ASCII slug given once in its list, every term needs a label, a
// broadcaster's url must be absolute http(s), and media are limited to the
// FixedMedia.
func DecodeVocabulary(f *load.File) (*Vocabulary, diag.List) {
	root, errs := load.YAML(f)
	if root == nil {
		return nil, errs
	}
	d := load.NewDecoder(f.Path)
	m := d.Map(root, "the vocabulary", "broadcasters", "media", "subjects")
	m.Require("the vocabulary", "broadcasters", "media", "subjects")
	v := &Vocabulary{
		Broadcasters: decodeTerms(d, m, "broadcasters", broadcasterNoun, true),
		Media:        decodeTerms(d, m, "media", mediumNoun, false),
		Subjects:     decodeTerms(d, m, "subjects", subjectNoun, false),
	}
	for _, t := range v.Media {
		if !slices.Contains(fixedMedia, t.Slug) {
			d.Errs.Add(t.Pos, "média inconnu %s%s : les médias sont fixés (%s) ; le vocabulaire ne leur donne que leurs libellés", diag.Q(t.Slug), nearest(t.Slug, fixedMedia), diag.QList(fixedMedia))
		}
	}
	errs = append(errs, d.Errs...)
	return v, errs
}

var broadcasterNoun = noun{"diffuseur", "inconnu", "le diffuseur", "donné", "le"}

// decodeTerms decodes the list key of the vocabulary; n names one item.
func decodeTerms(d *load.Decoder, m load.Map, key string, n noun, withURL bool) []Term {
	what := n.a()
	known := []string{"slug", "label", "aliases", "renamed_from"}
	if withURL {
		known = append(known, "url")
	}
	var out []Term
	seen := map[string]diag.Pos{}
	for _, it := range m.Items(key) {
		if it.Kind != yaml.MappingNode {
			d.Errorf(it, "chaque élément de %s (%s) s'écrit {slug: ..., label: ...}", diag.Q(key), what)
			continue
		}
		tm := d.Map(it, what, known...)
		tm.Require(what, "slug", "label")
		t := Term{Slug: tm.String("slug"), Label: tm.String("label"), Pos: tm.ValuePos("slug")}
		if withURL && tm.Has("url") {
			t.URL = tm.String("url")
			if msg := checkURL(t.URL); msg != "" {
				d.Errs.Add(tm.ValuePos("url"), "%s", msg)
			}
		}
		for _, a := range tm.Words("aliases") {
			switch {
			case a.Text == "":
				d.Errs.Add(a.Pos, "alias vide pour %s : retirez-le", diag.Q(t.Slug))
			case slices.Contains(t.Aliases, a.Text):
				d.Errs.Add(a.Pos, "l’alias %s est donné deux fois pour %s : gardez-en un", diag.Q(a.Text), diag.Q(t.Slug))
			default:
				t.Aliases = append(t.Aliases, a.Text)
			}
		}
		for _, w := range tm.Words("renamed_from") {
			switch {
			case !vocab.IsSlug(w.Text):
				d.Errs.Add(w.Pos, "ancien slug %s invalide : un slug s'écrit en minuscules sans accent, chiffres et tirets, par exemple %s", diag.Q(w.Text), diag.Q(slugify(w.Text)))
			case w.Text == t.Slug || slices.Contains(t.RenamedFrom, w.Text):
				d.Errs.Add(w.Pos, "l'ancien slug %s de %s est donné deux fois, ou c'est son slug actuel : retirez-le", diag.Q(w.Text), diag.Q(t.Slug))
			default:
				t.RenamedFrom = append(t.RenamedFrom, w.Text)
			}
		}
		if t.Slug == "" {
			continue
		}
		if !vocab.IsSlug(t.Slug) {
			d.Errs.Add(t.Pos, "le slug %s doit s'écrire en lettres minuscules sans accents, chiffres et tirets, comme %s", diag.Q(t.Slug), diag.Q(slugify(t.Slug)))
			continue
		}
		if prev, dup := seen[t.Slug]; dup {
			d.Errs.Add(t.Pos, "%s %s est %s deux fois (déjà à la ligne %d) : gardez-en un", n.the, diag.Q(t.Slug), n.given, prev.Line)
			continue
		}
		seen[t.Slug] = t.Pos
		out = append(out, t)
	}
	return out
}

// slugify suggests a slug for s: accents folded, lowercase, runs of other
// characters turned into one hyphen.
func slugify(s string) string {
	f := foldKey(s)
	b := make([]byte, 0, len(f))
	dash := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			b = append(b, c)
			dash = false
			continue
		}
		dash = true
	}
	if len(b) == 0 {
		return "nom-du-fichier"
	}
	return string(b)
}
