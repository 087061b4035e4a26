package directive

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// IssuerOf reads who issued the directive file at p from its folder:
//
//	content/national/directives/<rest>            the ministry
//	content/regions/<region>/directives/<rest>    a région académique
//	content/academies/<academy>/directives/<rest> an académie
//	content/collectivites/<slug>/directives/<rest> a collectivité
//
// rest is the path inside the directives folder; for a directive it is the
// file name, "<slug>.md". ok is false for any other path, including a
// directives folder elsewhere (CheckPath says what is wrong with those).
// The région or académie is not checked against the territory (ZoneOf does).
func IssuerOf(p string) (issuer territory.Issuer, rest string, ok bool) {
	issuer, rest, ok = territory.IssuerOf(p)
	if !ok {
		return territory.Issuer{}, "", false
	}
	rest, ok = strings.CutPrefix(rest, "directives/")
	if !ok || rest == "" {
		return territory.Issuer{}, "", false
	}
	return issuer, rest, true
}

// ZoneOf returns the time-zone lookup LoadWith needs, backed by the territory:
// the ministry is in Europe/Paris, an académie in its own zone, a région in
// the zone of its académies. An unknown région or académie, or a région
// without académies, is an error naming the nearest known one.
func ZoneOf(t *territory.Territory) func(territory.Issuer) (*time.Location, error) {
	return func(iss territory.Issuer) (*time.Location, error) {
		switch iss.Kind {
		case territory.IssuerNational:
			return time.LoadLocation("Europe/Paris")
		case territory.IssuerAcademy:
			if a := t.Academy(iss.Slug); a != nil && a.Location != nil {
				return a.Location, nil
			}
			var known []string
			for _, a := range t.Academies {
				known = append(known, a.Slug)
			}
			return nil, fmt.Errorf("académie inconnue %s%s : les directives d'une académie vont dans content/academies/<académie>/directives/, à côté de son _index.md", diag.Q(iss.Slug), diag.Suggestion(iss.Slug, known))
		case territory.IssuerRegion:
			if t.Region(iss.Slug) == nil {
				var known []string
				for _, r := range t.Regions {
					known = append(known, r.Slug)
				}
				return nil, fmt.Errorf("région inconnue %s%s : les directives d'une région vont dans content/regions/<région>/directives/, à côté de son _index.md", diag.Q(iss.Slug), diag.Suggestion(iss.Slug, known))
			}
			for _, a := range t.AcademiesOf(iss.Slug) {
				if a.Location != nil {
					return a.Location, nil
				}
			}
			return nil, fmt.Errorf("la région %s n'a aucune académie, son fuseau horaire est donc inconnu : ajoutez ses académies dans content/academies/", diag.Q(iss.Slug))
		case territory.IssuerCollectivite:
			c := t.Collectivite(iss.Slug)
			if c == nil {
				var known []string
				for _, c := range t.Collectivites {
					known = append(known, c.Slug)
				}
				return nil, fmt.Errorf("collectivité inconnue %s%s : les directives d'une collectivité vont dans content/collectivites/<collectivité>/directives/, à côté de son _index.md", diag.Q(iss.Slug), diag.Suggestion(iss.Slug, known))
			}
			for _, slug := range c.Academies {
				if a := t.Academy(slug); a != nil && a.Location != nil {
					return a.Location, nil
				}
			}
			return nil, fmt.Errorf("la collectivité %s n'a aucune académie connue, son fuseau horaire est donc inconnu", diag.Q(iss.Slug))
		}
		return nil, fmt.Errorf("émetteur inconnu %s", diag.Q(iss.Dir()))
	}
}

// InDirectives reports whether p is a file under a folder named directives
// in content/: a file that is either a directive or misplaced.
func InDirectives(p string) bool {
	dir, _ := path.Split(p)
	return strings.HasPrefix(p, "content/") && strings.Contains("/"+dir, "/directives/")
}

// CheckPath says what is wrong with a file under a directives folder, or
// returns nil when it is a directive file of a known kind of issuer.
func CheckPath(p string) *diag.Error {
	pos := diag.Pos{File: p, Line: 1, Col: 1}
	_, rest, ok := IssuerOf(p)
	if !ok {
		where := strings.TrimPrefix(p, "content/")
		if strings.HasPrefix(where, "directives/") {
			return diag.Errorf(pos, "une directive va dans le dossier directives de son émetteur : content/national/directives/ pour le ministère, content/regions/<région>/directives/ ou content/academies/<académie>/directives/")
		}
		where, _, _ = strings.Cut(where, "/directives/")
		return diag.Errorf(pos, "dossier d'émetteur inconnu %s : les directives vont dans content/national/directives/, content/regions/<région>/directives/ ou content/academies/<académie>/directives/", diag.Q(where))
	}
	if strings.Contains(rest, "/") {
		return diag.Errorf(pos, "un dossier directives ne contient que des fichiers Markdown, pas de dossiers : remontez le fichier dans %s", strings.TrimSuffix(p, rest))
	}
	if path.Ext(rest) != ".md" {
		return diag.Errorf(pos, "un dossier directives ne contient que des fichiers Markdown (.md) : une directive s'écrit dans un fichier comme %s", diag.Q(strings.TrimSuffix(rest, path.Ext(rest))+".md"))
	}
	return nil
}

// FileDecoder decodes one directive file of a known issuer in the issuer's
// time zone, as DecodeFile does.
type FileDecoder func(f *load.File, issuer territory.Issuer, loc *time.Location) (*Directive, diag.List)

// DecodeFile splits a directive file (load.Front) and decodes it (Decode).
func DecodeFile(f *load.File, issuer territory.Issuer, loc *time.Location) (*Directive, diag.List) {
	doc, errs := load.Front(f)
	if len(errs) > 0 {
		return nil, errs
	}
	return Decode(doc, issuer, loc)
}

// LoadWith is Load with decode in place of DecodeFile: the dev server
// passes one that keeps the directives of the files that did not change
// from one assembly to the next. decode must give what DecodeFile gives;
// the directives it returns are not changed.
func LoadWith(t *load.Tree, zone func(territory.Issuer) (*time.Location, error), decode FileDecoder) ([]*Directive, diag.List) {
	return LoadChecked(t, zone, decode, nil)
}

// Checks keeps what the checks over every directive of a site (duplicate
// file names, slugs and aliases) found at one load for the next, so that
// they are not made again when what they read did not change: the paths
// of the directive files for the file names; the issuer, slug, path,
// position and aliases of each directive for the others. The zero Checks
// is ready; it is not safe for concurrent use.
type Checks struct {
	paths    []string
	fileErrs diag.List
	ds       []*Directive
	dupErrs  diag.List
}

// LoadChecked is LoadWith, with the checks over every directive made
// through c when it is not nil.
func LoadChecked(t *load.Tree, zone func(territory.Issuer) (*time.Location, error), decode FileDecoder, c *Checks) ([]*Directive, diag.List) {
	var ds []*Directive
	var errs diag.List
	var paths []string
	// zone is asked once per issuer: loading a time zone reads its file.
	type zoned struct {
		loc *time.Location
		err error
	}
	zones := map[territory.Issuer]zoned{}
	for _, f := range t.Under("content") {
		if !InDirectives(f.Path) {
			continue
		}
		if e := CheckPath(f.Path); e != nil {
			errs = append(errs, e)
			continue
		}
		paths = append(paths, f.Path)
		issuer, _, _ := IssuerOf(f.Path)
		z, ok := zones[issuer]
		if !ok {
			z.loc, z.err = zone(issuer)
			zones[issuer] = z
		}
		loc, err := z.loc, z.err
		if err != nil {
			errs.Add(diag.Pos{File: f.Path, Line: 1, Col: 1}, "%v", err)
			continue
		}
		d, es := decode(f, issuer, loc)
		if len(es) > 0 {
			errs = append(errs, es...)
			continue
		}
		ds = append(ds, d)
	}
	if c == nil {
		errs = append(errs, checkDuplicateFiles(paths)...)
		errs = append(errs, CheckDuplicates(ds)...)
		return ds, errs.Sort()
	}
	if !slices.Equal(c.paths, paths) {
		c.paths, c.fileErrs = paths, checkDuplicateFiles(paths)
	}
	if !slices.EqualFunc(c.ds, ds, sameForDuplicates) {
		c.ds, c.dupErrs = ds, CheckDuplicates(ds)
	}
	errs = append(errs, c.fileErrs...)
	errs = append(errs, c.dupErrs...)
	return ds, errs.Sort()
}

// sameForDuplicates reports whether CheckDuplicates reads the same of two
// directives.
func sameForDuplicates(a, b *Directive) bool {
	return a == b || a.Issuer == b.Issuer && a.Slug == b.Slug && a.Path == b.Path && a.Pos == b.Pos && slices.Equal(a.Aliases, b.Aliases)
}

// checkDuplicateFiles reports two files of one directives folder whose
// names give the same slug ("Fermeture.md" and "fermeture.md", or
// "écoles.md" and "ecoles.md"), before any is decoded: the one whose name is
// not a slug would otherwise only be told to take the name of the other.
// The error is at the file whose name is not a slug (or the later one),
// and names the other.
func checkDuplicateFiles(paths []string) diag.List {
	type key struct {
		issuer territory.Issuer
		slug   string
	}
	groups := map[key][]string{}
	var order []key
	for _, p := range paths {
		issuer, rest, _ := IssuerOf(p)
		k := key{issuer, vocab.Slugify(strings.TrimSuffix(rest, ".md"))}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], p)
	}
	var errs diag.List
	for _, k := range order {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		slices.Sort(g)
		owner := g[0]
		for _, p := range g {
			if vocab.IsSlug(strings.TrimSuffix(path.Base(p), ".md")) {
				owner = p
				break
			}
		}
		for _, p := range g {
			if p != owner {
				errs.Add(diag.Pos{File: p, Line: 1, Col: 1}, "le nom du fichier %s donne la même adresse (%s) que %s : donnez un autre nom à l'un des deux", diag.Q(path.Base(p)), diag.Q(k.slug), owner)
			}
		}
	}
	return errs
}

// CheckDuplicates reports two directives of one issuer whose slugs are the
// same once slugified (x.md and X.md), and an alias claimed by two
// directives. Each error is at the later file, in path order, and names the
// earlier one.
func CheckDuplicates(ds []*Directive) diag.List {
	var errs diag.List
	type key struct {
		issuer territory.Issuer
		slug   string
	}
	sorted := sortedByPath(ds)
	slugs := map[key]*Directive{}
	for _, d := range sorted {
		k := key{d.Issuer, vocab.Slugify(d.Slug)}
		if prev := slugs[k]; prev != nil {
			errs.Add(d.Pos, "la directive %s de %s a le même nom que %s : deux directives d'un même émetteur ont besoin de deux noms de fichier différents", diag.Q(k.slug), d.Issuer, prev.Path)
			continue
		}
		slugs[k] = d
	}
	aliases := map[string]*Directive{}
	for _, d := range sorted {
		for _, a := range d.Aliases {
			if prev := aliases[a]; prev != nil && prev != d {
				errs.Add(d.Pos, "l'ancienne adresse %s est aussi une ancienne adresse de %s : une ancienne adresse ne peut mener qu'à une seule directive", diag.Q(a), prev.Path)
				continue
			}
			aliases[a] = d
		}
	}
	return errs
}

func sortedByPath(ds []*Directive) []*Directive {
	out := make([]*Directive, len(ds))
	copy(out, ds)
	slices.SortFunc(out, func(a, b *Directive) int { return strings.Compare(a.Path, b.Path) })
	return out
}
