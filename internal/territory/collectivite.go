package territory

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// The kinds of collectivité that run an ENT.
const (
	CollectiviteRegion      = "region"      // a Région: its lycées
	CollectiviteDepartement = "departement" // a Département: its collèges
)

// Collectivite is a collectivité territoriale that runs the ENT of some
// kinds of school: a Région (lycées) or a Département (collèges). It is not
// a région académique, which is the State.
type Collectivite struct {
	// Place's Name is the body's full name as it is written on the site:
	// "Région Île-de-France", "Département de la Creuse".
	Place
	Kind string // CollectiviteRegion or CollectiviteDepartement
	// Academies are the académies its territory lies in, sorted. A Région
	// covers them whole; a Département only its Departements.
	Academies []string
	// Departements are the codes of the départements of a Département
	// ("23"); empty for a Région.
	Departements []string
	// ENTFor are the kinds of school whose ENT it runs, in the order written.
	ENTFor []string
}

// Issuer is the collectivité as the issuer of timetables and directives.
func (c *Collectivite) Issuer() Issuer { return CollectiviteIssuer(c.Slug) }

// Label is the collectivité's name: it is written in full in its file.
func (c *Collectivite) Label() string { return c.Name }

// Partial reports whether the collectivité covers only a part of its
// académies: a Département.
func (c *Collectivite) Partial() bool { return c.Kind == CollectiviteDepartement }

// RunsENT reports whether it runs the ENT of schools of kind in academy.
func (c *Collectivite) RunsENT(academy, kind string) bool {
	return slices.Contains(c.Academies, academy) && slices.Contains(c.ENTFor, kind)
}

var collectiviteKeys = []string{"title", "kind", "academies", "departements", "ent_for", "ent_name", "ent_url", "summary"}

// departementRE is a département code: 01–95, 2A, 2B, 971–976.
var departementRE = regexp.MustCompile(`^(?:0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])$`)

func decodeCollectivite(f *load.File, t *Territory) (*Collectivite, diag.List) {
	doc, d, m, okSlug, errs := openHeader(f, "d'une collectivité", collectiviteKeys, "title", "kind", "academies", "ent_for")
	if doc == nil {
		return nil, errs
	}
	c := &Collectivite{Place: placeOf(f, doc, m), Kind: m.String("kind")}
	kinds := []string{CollectiviteRegion, CollectiviteDepartement}
	if c.Kind != "" && !slices.Contains(kinds, c.Kind) {
		d.Errs.Add(m.ValuePos("kind"), "type de collectivité inconnu %q%s : écrivez kind: region (une Région, qui gère l'ENT de ses lycées) ou kind: departement (un Département, pour ses collèges)", c.Kind, frDidYouMean(c.Kind, kinds))
	}
	low := strings.ToLower(c.Name)
	switch {
	case strings.Contains(low, "région académique") || strings.Contains(low, "region academique"):
		d.Errs.Add(m.ValuePos("title"), "%q : une collectivité n'est pas une région académique (l'État) ; écrivez son nom de collectivité, par exemple \"Région Île-de-France\"", c.Name)
	case c.Kind == CollectiviteRegion && c.Name != "" && !strings.HasPrefix(low, "région "):
		d.Errs.Add(m.ValuePos("title"), "le nom d'une Région s'écrit en entier, avec son article : écrivez %q", "Région "+c.Name)
	case c.Kind == CollectiviteDepartement && c.Name != "" && !strings.HasPrefix(low, "département ") && !strings.HasPrefix(low, "conseil départemental "):
		d.Errs.Add(m.ValuePos("title"), "le nom d'un Département s'écrit en entier : écrivez par exemple \"Département de la Creuse\" ou \"Conseil départemental de l'Eure\"")
	}
	var known []string
	for _, a := range t.Academies {
		known = append(known, a.Slug)
	}
	for _, w := range m.Words("academies") {
		switch {
		case t.Academy(w.Text) == nil:
			d.Errs.Add(w.Pos, "académie inconnue %q%s", w.Text, frDidYouMean(w.Text, known))
		case slices.Contains(c.Academies, w.Text):
			d.Errs.Add(w.Pos, "l'académie %q est écrite deux fois : gardez-en une", w.Text)
		default:
			c.Academies = append(c.Academies, w.Text)
		}
	}
	slices.Sort(c.Academies)
	for _, w := range m.Words("departements") {
		switch {
		case !departementRE.MatchString(w.Text):
			d.Errs.Add(w.Pos, "code de département %q invalide : écrivez le code entre guillemets, par exemple \"23\" ou \"2A\"", w.Text)
		case slices.Contains(c.Departements, w.Text):
			d.Errs.Add(w.Pos, "le département %q est écrit deux fois : gardez-en un", w.Text)
		default:
			c.Departements = append(c.Departements, w.Text)
		}
	}
	switch {
	case c.Kind == CollectiviteDepartement && !m.Has("departements"):
		d.Errs.Add(m.Pos(), "il manque \"departements\" : un Département couvre une partie de son académie ; ajoutez une ligne departements: [\"23\"]")
	case c.Kind == CollectiviteRegion && m.Has("departements"):
		d.Errs.Add(m.KeyPos("departements"), "une Région couvre ses académies entières : retirez \"departements\"")
	}
	for _, w := range m.Words("ent_for") {
		k, err := vocab.ParseKind(w.Text)
		switch {
		case err != nil:
			d.Errs.Add(w.Pos, "%v", err)
		case slices.Contains(c.ENTFor, k):
			d.Errs.Add(w.Pos, "%q est écrit deux fois dans ent_for : gardez-en un", k)
		default:
			c.ENTFor = append(c.ENTFor, k)
		}
	}
	checkENT(d, m, c.ENTName, c.ENTURL)
	errs = append(errs, d.Errs...)
	if !okSlug {
		return nil, errs
	}
	return c, errs
}

// frDidYouMean is the French "(vouliez-vous dire …?)" hint, or "".
func frDidYouMean(word string, known []string) string {
	if s := diag.Suggest(word, known); s != "" {
		return fmt.Sprintf(" (vouliez-vous dire %q ?)", s)
	}
	return ""
}

// Collectivite returns the collectivité with this slug, or nil.
func (t *Territory) Collectivite(slug string) *Collectivite {
	return find(t.Collectivites, slug, func(c *Collectivite) string { return c.Slug })
}

// CollectivitesOf returns the collectivités whose territory lies in an
// académie, sorted by slug.
func (t *Territory) CollectivitesOf(academy string) []*Collectivite {
	var out []*Collectivite
	for _, c := range t.Collectivites {
		if slices.Contains(c.Academies, academy) {
			out = append(out, c)
		}
	}
	return out
}

func sortCollectivites(cs []*Collectivite) {
	slices.SortFunc(cs, func(a, b *Collectivite) int { return cmp.Compare(a.Slug, b.Slug) })
}
