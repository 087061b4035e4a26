package catalog

import (
	"encoding/json"
	"strings"

	"github.com/relais-ecoles/relais/internal/vocab"
)

// SearchIndex is the data of the catalog's in-page search
// (/programmes/index.json). It is kept compact, because index and script
// must stay under 30 KB gzipped at 1,000 programmes: the vocabulary once,
// as Terms with the words readers type for each, and each programme as a
// short array that points into the Terms.
//
// The script folds what is typed as SearchKey does (case, accents and
// punctuation), reads it word by word, takes each run of words that is a
// term's word ("maths", "cycle 3", "histoire geo") as that term, and keeps
// the programmes that have every term and, for each other word, a word of
// their title, channel or broadcaster that starts with it.
type SearchIndex struct {
	// Levels are the level slugs, youngest first: bit i of an entry's
	// Levels mask is Levels[i].
	Levels []string `json:"levels"`
	// Terms are the broadcasters, media, subjects and levels (each level,
	// cycle and stage of schooling) of the vocabulary.
	Terms []SearchTerm `json:"terms"`
	// Programmes are in catalog order.
	Programmes []IndexEntry `json:"programmes"`
}

// The kinds of a SearchTerm.
const (
	TermBroadcaster = "b"
	TermMedium      = "m"
	TermSubject     = "s"
	TermLevel       = "l"
)

// SearchTerm is one word of the vocabulary as the search knows it.
type SearchTerm struct {
	Kind  string `json:"k"` // TermBroadcaster, TermMedium, TermSubject, TermLevel
	Label string `json:"l"` // what the results say: "mathématiques", "cycle 3"
	// Words are the folded forms readers type: label, slug and aliases
	// ("mathematiques", "maths", "math").
	Words []string `json:"w"`
	// Mask is, for a level term, the levels it covers (bits of
	// SearchIndex.Levels).
	Mask uint32 `json:"b,omitempty"`
}

// IndexEntry is one programme of the search index. It is written as a JSON
// array: [slug, title, broadcaster, channel, media, subjects, levels], the
// broadcaster, media and subjects as indexes of SearchIndex.Terms, the
// levels as a mask of SearchIndex.Levels; the channel is "" when it adds no
// word to the title and the broadcaster.
type IndexEntry struct {
	Slug        string
	Title       string
	Broadcaster int
	Channel     string
	Media       []int
	Subjects    []int
	Levels      uint32
}

// MarshalJSON writes the entry as its array.
func (e IndexEntry) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{e.Slug, e.Title, e.Broadcaster, e.Channel, nonNil(e.Media), nonNil(e.Subjects), e.Levels})
}

func nonNil(xs []int) []int {
	if xs == nil {
		return []int{}
	}
	return xs
}

// SummaryRunes is the longest summary a list shows in short, in runes,
// ellipsis included.
const SummaryRunes = 140

// SearchKey folds s the way the search compares words: lowercase, accents
// and ligatures folded, every run of characters other than letters and
// digits turned into one space ("Histoire-Géo" → "histoire geo").
func SearchKey(s string) string { return collateKey(s) }

// levelWords are the forms readers type for levels, cycles and stages
// beyond their labels and slugs.
var levelWords = map[string][]string{
	"ps": {"petite section"}, "ms": {"moyenne section"}, "gs": {"grande section"},
	"6e": {"sixieme", "6eme"}, "5e": {"cinquieme", "5eme"}, "4e": {"quatrieme", "4eme"}, "3e": {"troisieme", "3eme"},
	"seconde": {"2nde", "2de"}, "premiere": {"1re", "1ere"}, "terminale": {"tle", "term"},
	"cycle-1": {"c1"}, "cycle-2": {"c2"}, "cycle-3": {"c3"}, "cycle-4": {"c4"},
	"maternelle": {"prescolaire", "pre scolaire"}, "elementaire": {"primaire", "ecole"},
	"college": {"collegien", "collegiens"}, "lycee": {"lyceen", "lyceens"},
}

// Index returns the search index of the catalog.
func Index(c *Catalog) SearchIndex {
	var x SearchIndex
	bit := map[string]uint32{}
	for i, l := range vocab.Levels() {
		x.Levels = append(x.Levels, l.Slug)
		bit[l.Slug] = 1 << i
	}
	at := map[string]int{}
	add := func(kind string, t Term) {
		at[kind+":"+t.Slug] = len(x.Terms)
		x.Terms = append(x.Terms, SearchTerm{Kind: kind, Label: t.Label, Words: words(t.Label, t.Slug, t.Aliases...)})
	}
	for _, t := range c.Vocab.Broadcasters {
		add(TermBroadcaster, t)
	}
	for _, t := range c.Vocab.Media {
		add(TermMedium, t)
	}
	for _, t := range c.Vocab.Subjects {
		add(TermSubject, t)
	}
	level := func(slug, label string, levels []string) {
		var m uint32
		for _, l := range levels {
			m |= bit[l]
		}
		x.Terms = append(x.Terms, SearchTerm{Kind: TermLevel, Label: label, Words: words(label, slug, levelWords[slug]...), Mask: m})
	}
	for _, l := range vocab.Levels() {
		level(l.Slug, l.Label, []string{l.Slug})
	}
	for _, cy := range vocab.Cycles() {
		level(cy.Slug, cy.Label, cy.Levels)
	}
	for _, g := range vocab.Groups() {
		if g.Slug != "lycee" { // the cycle of the same name, voie pro included
			level(g.Slug, g.Label, g.Levels)
		}
	}
	x.Programmes = make([]IndexEntry, len(c.Programmes))
	for i, p := range c.Programmes {
		b := c.BroadcasterLabel(p)
		ch := p.Channel
		if ch == b || strings.Contains(collateKey(p.Title), collateKey(ch)) {
			ch = ""
		}
		e := IndexEntry{Slug: p.Slug, Title: p.Title, Broadcaster: at[TermBroadcaster+":"+p.Broadcaster], Channel: ch}
		for _, m := range p.Media {
			e.Media = append(e.Media, at[TermMedium+":"+m])
		}
		for _, s := range p.Subjects {
			e.Subjects = append(e.Subjects, at[TermSubject+":"+s])
		}
		for _, l := range p.Levels {
			e.Levels |= bit[l]
		}
		x.Programmes[i] = e
	}
	return x
}

// words returns the folded forms of a term, each once, label first.
func words(label, slug string, aliases ...string) []string {
	var out []string
	for _, w := range append([]string{label, slug}, aliases...) {
		k := SearchKey(w)
		if k == "" {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == k
		}
		if !dup {
			out = append(out, k)
		}
	}
	return out
}
