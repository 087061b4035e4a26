package territory

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // overseas zones must load on any host

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Place is what the file of a région, an académie and a collectivité each
// give: its folder's slug, its name, summary and text, and the ENT it runs.
type Place struct {
	Slug     string
	Name     string // "Île-de-France", "Aix-Marseille", "Région Île-de-France"
	Summary  string
	ENTName  string // the ENT it runs (a région's often for its lycées); may be empty
	ENTURL   string
	Path     string // "content/regions/<slug>/_index.md", …
	Pos      diag.Pos
	Body     []byte // Markdown
	BodyLine int    // file line on which Body starts
}

// placeOf is the Place of the file f of a folder, from its front matter m.
func placeOf(f *load.File, doc *load.Doc, m load.Map) Place {
	return Place{
		Slug:     folderSlug(f.Path),
		Name:     m.String("title"),
		Summary:  m.String("summary"),
		ENTName:  m.String("ent_name"),
		ENTURL:   m.String("ent_url"),
		Path:     f.Path,
		Pos:      m.Pos(),
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
}

// Region is a région académique.
type Region struct {
	Place
}

// Label is the région's French name: "région académique Île-de-France".
func (r *Region) Label() string { return RegionLabel(r.Name) }

// Issuer is the région as the issuer of timetables and directives.
func (r *Region) Issuer() Issuer { return RegionIssuer(r.Slug) }

// Academy is an académie.
type Academy struct {
	Place
	Region      string         // slug of its région académique
	TimeZone    string         // IANA name, "Europe/Paris"
	Location    *time.Location // nil only when Decode reported the time zone
	HolidayZone string         // one of HolidayZones
}

// Label is the académie's French name: "académie d'Aix-Marseille".
func (a *Academy) Label() string { return AcademyLabel(a.Name) }

// Issuer is the académie as the issuer of timetables and directives.
func (a *Academy) Issuer() Issuer { return AcademyIssuer(a.Slug) }

// HolidayZones are the school-holiday zones: the three metropolitan zones,
// and Corse and the overseas académies, which set their own calendars.
var HolidayZones = []string{"A", "B", "C", "corse", "outre-mer"}

// Territory is every région and académie of a site, each list sorted by slug.
type Territory struct {
	Regions       []*Region
	Academies     []*Academy
	Collectivites []*Collectivite
}

// Region returns the région with this slug, or nil.
func (t *Territory) Region(slug string) *Region {
	return find(t.Regions, slug, func(r *Region) string { return r.Slug })
}

// Academy returns the académie with this slug, or nil.
func (t *Territory) Academy(slug string) *Academy {
	return find(t.Academies, slug, func(a *Academy) string { return a.Slug })
}

// find returns the item of list (sorted by slug) with this slug, or nil.
func find[T any](list []*T, slug string, slugOf func(*T) string) *T {
	i, ok := slices.BinarySearchFunc(list, slug, func(x *T, s string) int { return strings.Compare(slugOf(x), s) })
	if !ok {
		return nil
	}
	return list[i]
}

// AcademiesOf returns the académies of a région, sorted by slug.
func (t *Territory) AcademiesOf(region string) []*Academy {
	var out []*Academy
	for _, a := range t.Academies {
		if a.Region == region {
			out = append(out, a)
		}
	}
	return out
}

// Has reports whether the issuer exists: the ministry always does, a
// région, an académie or a collectivité when it has an _index.md.
func (t *Territory) Has(iss Issuer) bool {
	switch iss.Kind {
	case IssuerNational:
		return iss.Slug == ""
	case IssuerRegion:
		return t.Region(iss.Slug) != nil
	case IssuerAcademy:
		return t.Academy(iss.Slug) != nil
	case IssuerCollectivite:
		return t.Collectivite(iss.Slug) != nil
	}
	return false
}

// IssuersOf returns who may set rules for an académie, from the most
// specific: the académie, the collectivités whose territory lies in it (by
// slug), its région académique, the ministry. It returns nil for an unknown
// académie.
func (t *Territory) IssuersOf(academy string) []Issuer {
	a := t.Academy(academy)
	if a == nil {
		return nil
	}
	out := []Issuer{a.Issuer()}
	for _, c := range t.CollectivitesOf(academy) {
		out = append(out, c.Issuer())
	}
	return append(out, RegionIssuer(a.Region), National())
}

// IssuerLabel returns the French name of an issuer: "académie de Paris",
// "région académique Grand Est", "Région Île-de-France", "ministère de
// l'Éducation nationale". An unknown issuer is named by its folder.
func (t *Territory) IssuerLabel(iss Issuer) string {
	switch iss.Kind {
	case IssuerNational:
		return "ministère de l'Éducation nationale"
	case IssuerRegion:
		if r := t.Region(iss.Slug); r != nil {
			return r.Label()
		}
	case IssuerAcademy:
		if a := t.Academy(iss.Slug); a != nil {
			return a.Label()
		}
	case IssuerCollectivite:
		if c := t.Collectivite(iss.Slug); c != nil {
			return c.Label()
		}
	}
	return iss.Dir()
}

// Zones are the IANA time zones of the French académies and overseas
// collectivities, used to suggest a correction for a misspelt zone.
var Zones = []string{
	"Europe/Paris", "America/Guadeloupe", "America/Martinique", "America/Cayenne",
	"Indian/Reunion", "Indian/Mayotte", "America/Miquelon", "Pacific/Noumea",
	"Pacific/Tahiti", "Pacific/Wallis", "America/St_Barthelemy", "America/Marigot",
}

// IsSlug, SlugHint and Slugify are those of vocab, for the callers of
// this package.
var (
	IsSlug   = vocab.IsSlug
	SlugHint = vocab.SlugHint
	Slugify  = vocab.Slugify
)

// Decode reads the régions and académies of a site tree. Folders without an
// _index.md are not places; the timetable and directive decoders report
// files in such folders. Every error is returned, sorted by position.
func Decode(tree *load.Tree) (*Territory, diag.List) {
	var errs diag.List
	t := &Territory{}
	for _, f := range indexFiles(tree, "content/regions") {
		r, e := decodeRegion(f)
		errs = append(errs, e...)
		if r != nil {
			t.Regions = append(t.Regions, r)
		}
	}
	slices.SortFunc(t.Regions, func(a, b *Region) int { return cmp.Compare(a.Slug, b.Slug) })
	regionSlugs := make([]string, len(t.Regions))
	for i, r := range t.Regions {
		regionSlugs[i] = r.Slug
	}
	for _, f := range indexFiles(tree, "content/academies") {
		a, e := decodeAcademy(f, tree, t, regionSlugs)
		errs = append(errs, e...)
		if a != nil {
			t.Academies = append(t.Academies, a)
		}
	}
	slices.SortFunc(t.Academies, func(a, b *Academy) int { return cmp.Compare(a.Slug, b.Slug) })
	for _, f := range indexFiles(tree, "content/collectivites") {
		c, e := decodeCollectivite(f, t)
		errs = append(errs, e...)
		if c != nil {
			t.Collectivites = append(t.Collectivites, c)
		}
	}
	sortCollectivites(t.Collectivites)
	return t, errs.Sort()
}

// indexFiles returns the files dir/<slug>/_index.md.
func indexFiles(tree *load.Tree, dir string) []*load.File {
	var out []*load.File
	for _, f := range tree.Under(dir) {
		rest := strings.TrimPrefix(f.Path, dir+"/")
		if slug, name, ok := strings.Cut(rest, "/"); ok && name == "_index.md" && slug != "" {
			out = append(out, f)
		}
	}
	return out
}

func folderSlug(p string) string { return path.Base(path.Dir(p)) }

func checkSlug(errs *diag.List, p, what string) bool {
	slug := folderSlug(p)
	if IsSlug(slug) {
		return true
	}
	errs.Add(diag.Pos{File: p, Line: 1, Col: 1}, "nom de dossier %s invalide : %s ; renommez le dossier", what, SlugHint(slug))
	return false
}

// openHeader opens the front matter of a territory file (the _index.md
// of a région, an académie or a collectivité) for decoding: it splits f,
// checks the name of its folder (okSlug) and maps its front matter to keys,
// of which required must be there; of names the kind of file ("d'une
// académie"). doc is nil when f cannot be split into front matter and body.
func openHeader(f *load.File, of string, keys []string, required ...string) (doc *load.Doc, d *load.Decoder, m load.Map, okSlug bool, errs diag.List) {
	doc, errs = load.Front(f)
	if doc == nil {
		return nil, nil, m, false, errs
	}
	okSlug = checkSlug(&errs, f.Path, of)
	d = load.NewDecoder(f.Path)
	what := "l'en-tête " + of
	m = d.Map(doc.Front, what, keys...)
	m.Require(what, required...)
	return doc, d, m, okSlug, errs
}

var regionKeys = []string{"title", "summary", "ent_name", "ent_url"}

func decodeRegion(f *load.File) (*Region, diag.List) {
	doc, d, m, okSlug, errs := openHeader(f, "d'une région", regionKeys, "title")
	if doc == nil {
		return nil, errs
	}
	r := &Region{Place: placeOf(f, doc, m)}
	checkName(d, m, r.Name, "région académique ", "le nom de la région")
	checkENT(d, m, r.ENTName, r.ENTURL)
	errs = append(errs, d.Errs...)
	if !okSlug {
		return nil, errs
	}
	return r, errs
}

var academyKeys = []string{"title", "region", "timezone", "holiday_zone", "ent_name", "ent_url", "summary"}

func decodeAcademy(f *load.File, tree *load.Tree, t *Territory, regions []string) (*Academy, diag.List) {
	doc, d, m, okSlug, errs := openHeader(f, "d'une académie", academyKeys, "title", "region", "timezone", "holiday_zone")
	if doc == nil {
		return nil, errs
	}
	a := &Academy{
		Place:       placeOf(f, doc, m),
		Region:      m.String("region"),
		TimeZone:    m.String("timezone"),
		HolidayZone: m.String("holiday_zone"),
	}
	checkName(d, m, a.Name, "académie ", "le nom de l'académie")
	checkENT(d, m, a.ENTName, a.ENTURL)
	if a.Region != "" && t.Region(a.Region) == nil {
		pos := m.ValuePos("region")
		switch {
		case len(tree.Under("content/regions/"+a.Region)) > 0:
			d.Errs.Add(pos, "la région %q n'a pas de fichier content/regions/%s/_index.md : créez-le avec le nom de la région (title)", a.Region, a.Region)
		default:
			d.Errs.Add(pos, "région inconnue %q%s", a.Region, frDidYouMean(a.Region, regions))
		}
	}
	if a.TimeZone != "" {
		loc, msg := loadZone(a.TimeZone)
		if msg != "" {
			d.Errs.Add(m.ValuePos("timezone"), "%s", msg)
		}
		a.Location = loc
	}
	if a.HolidayZone != "" && !slices.Contains(HolidayZones, a.HolidayZone) {
		d.Errs.Add(m.ValuePos("holiday_zone"), "zone de vacances inconnue %q%s", a.HolidayZone, holidayHint(a.HolidayZone))
	}
	errs = append(errs, d.Errs...)
	if !okSlug {
		return nil, errs
	}
	return a, errs
}

// holidayHint suggests the zone written with other capitals, or lists them
// all: a one-letter zone is too short to guess from.
func holidayHint(z string) string {
	for _, h := range HolidayZones {
		if strings.EqualFold(h, z) {
			return fmt.Sprintf(" (vouliez-vous dire %q ?)", h)
		}
	}
	return ` (écrivez l'une des zones "A", "B", "C", "corse" ou "outre-mer")`
}

// checkName refuses a name that repeats the prefix the labels add.
func checkName(d *load.Decoder, m load.Map, name, prefix, what string) {
	low := strings.ToLower(name)
	p := strings.ToLower(strings.TrimSpace(prefix))
	if strings.HasPrefix(low, p+" ") || strings.HasPrefix(low, p+"'") {
		d.Errs.Add(m.ValuePos("title"), "%s s'écrit sans %q (le site l'ajoute) : écrivez %q", what, strings.TrimSpace(prefix), bareName(name, len(p)))
	}
}

func bareName(name string, n int) string {
	rest := strings.TrimLeft(name[n:], " ")
	for _, art := range []string{"de la ", "de l'", "d'", "de ", "du "} {
		if strings.HasPrefix(strings.ToLower(rest), art) {
			return rest[len(art):]
		}
	}
	return rest
}

func checkENT(d *load.Decoder, m load.Map, name, u string) {
	if u == "" {
		return
	}
	if name == "" {
		d.Errs.Add(m.KeyPos("ent_url"), "ent_url est donnée sans ent_name : ajoutez le nom de l'ENT")
	}
	if msg := checkURL(u); msg != "" {
		d.Errs.Add(m.ValuePos("ent_url"), "%s", msg)
	}
}

// checkURL returns why u is not an absolute web address, or "".
func checkURL(u string) string {
	p, err := url.Parse(u)
	switch {
	case err != nil || strings.ContainsAny(u, " \t"):
		return fmt.Sprintf("ent_url %q invalide : écrivez une adresse web complète, comme https://www.exemple.fr", u)
	case p.Scheme == "" && !strings.Contains(u, "://"):
		return fmt.Sprintf("ent_url %q invalide : une adresse web commence par https:// (écrivez %q)", u, "https://"+u)
	case p.Scheme != "https" && p.Scheme != "http":
		return fmt.Sprintf("ent_url %q invalide : une adresse web commence par https://, pas par %s:", u, p.Scheme)
	case p.Host == "" || !strings.Contains(p.Hostname(), ".") || p.User != nil:
		return fmt.Sprintf("ent_url %q invalide : écrivez une adresse web complète, comme https://www.exemple.fr", u)
	}
	return ""
}

// loadZone loads an IANA time zone; msg explains a refusal.
func loadZone(name string) (loc *time.Location, msg string) {
	if name != "Local" && !strings.HasPrefix(name, "/") && !strings.Contains(name, "..") {
		if l, err := time.LoadLocation(name); err == nil {
			return l, ""
		}
	}
	return nil, fmt.Sprintf("fuseau horaire inconnu %q%s", name, zoneHint(name))
}

func zoneHint(name string) string {
	if s := diag.Suggest(name, Zones); s != "" {
		return fmt.Sprintf(" (vouliez-vous dire %q ?)", s)
	}
	return " : écrivez un nom IANA, comme \"Europe/Paris\" ou \"America/Cayenne\""
}

// AcademyLabel is the French name of an académie from its bare name:
// "académie de Paris", "académie d'Amiens", "académie de la Guadeloupe",
// "académie de La Réunion".
func AcademyLabel(name string) string { return "académie " + Of(name) }

// RegionLabel is the French name of a région académique from its bare name:
// "région académique Île-de-France".
func RegionLabel(name string) string { return "région académique " + name }

// feminine holds the names that take "la" after "de", such as "la Guadeloupe".
var feminine = []string{"Guadeloupe", "Martinique", "Guyane"}

// Of puts the French "de" before a place name, as after "académie":
// "de Paris", "d'Orléans-Tours", "de la Martinique", "de La Réunion",
// "du Mans" for "Le Mans".
func Of(name string) string {
	switch {
	case slices.Contains(feminine, name):
		return "de la " + name
	case strings.HasPrefix(name, "Le "):
		return "du " + name[len("Le "):]
	case strings.HasPrefix(name, "Les "):
		return "des " + name[len("Les "):]
	case startsWithVowel(name):
		return "d'" + name
	}
	return "de " + name
}

func startsWithVowel(s string) bool {
	for _, r := range s {
		return strings.ContainsRune("AEIOUYÉÈÊÎÏÔÂÀaeiouyéèêîïôâà", r)
	}
	return false
}

// WithArticle puts the article before an issuer's name: "l’académie de
// Paris", "la région académique Grand Est", "le ministère de l’Éducation
// nationale", "la Région Île-de-France", "le Département de la Creuse", "le
// Conseil départemental de l’Eure".
func WithArticle(label string) string {
	switch {
	case strings.HasPrefix(label, "académie"):
		return "l’" + label
	case strings.HasPrefix(label, "région"), strings.HasPrefix(label, "Région"):
		return "la " + label
	case strings.HasPrefix(label, "ministère"), strings.HasPrefix(label, "Département"), strings.HasPrefix(label, "Conseil"):
		return "le " + label
	}
	return label
}
