// Package directive holds the directives of the ministry, the régions
// académiques and the académies, and the rules that decide which of them a
// build publishes and where.
//
// A directive is a Markdown file with YAML front matter in the directives/
// folder of its issuer:
//
//	content/national/directives/<slug>.md
//	content/regions/<region>/directives/<slug>.md
//	content/academies/<academy>/directives/<slug>.md
//
// The file name without ".md" is the directive's slug: a lowercase ASCII slug
// (a-z, 0-9 and dashes). The front matter is decoded strictly; its fields are
//
//	title      required; text
//	date       required; publication, "YYYY-MM-DD" when only the day is
//	           known, "YYYY-MM-DD HH:MM" in the issuer's time zone when the
//	           hour is known too, or RFC 3339 with an offset; a day alone
//	           stands for the start of that day and is shown without a time
//	updated    optional; last update, same forms as date, not before it
//	audiences  required; parents, enseignants, eleves, tous
//	levels     optional; levels (6e, cm1, seconde, ...) or groups and cycles
//	           (college, cycle-3, ...) that are expanded to their levels;
//	           no levels means every level
//	effective  optional; first day in force, YYYY-MM-DD
//	expires    optional; last day in force, YYYY-MM-DD, not before effective
//	urgent     optional; true shows the directive as a banner on its
//	           issuer's pages until it expires, so an urgent directive
//	           needs expires
//	draft      optional; true keeps it out of the site unless drafts are asked for
//	summary    optional; one or two sentences for lists and feeds
//	aliases    optional; old site-absolute URLs of the directive after a
//	           rename, such as /directives/old-slug/
//	author     optional; who wrote the text: "site" (the site wrote it, from
//	           the issuer's decision: it is signed as the site's, never as
//	           the issuer's) or "emetteur" (the issuer's own words,
//	           reproduced: needs source). Absent, the site decides: on a
//	           site that is not official (site.yaml) the text is the site's
//	timetables optional; the titles of the timetables of the same issuer
//	           that this directive sets: each must name it back in its
//	           source, and each that does must be listed
//	           (timetable.CheckDirectives); an empty list says it sets none
//	source     optional; where the decision was first published, a map of
//	           said_by   required; who said it, by its right name
//	           on        optional; the day it was said, YYYY-MM-DD, not after date
//	           where     optional; how: "message sur Twitter", "lettre aux enseignants"
//	           quote     optional; the words, a short quotation
//	           url       optional; an http(s) address
//	           via       optional; the report the site knows it from
//
// The publishing rules are pure functions of the directives and a pinned
// clock: a draft or a future-dated directive is left out unless asked for
// (Published); a directive whose expires date is before today in its issuer's
// time zone is expired and moves to the archive (Current, Archive), keeping
// its URL: nothing is ever dropped. Urgent directives that are not expired
// are banners on the pages of their issuer and of the more specific issuers
// below it (Banner). A level's page lists the directives that concern the
// level and are meant for families (Concerns, ForFamilies).
//
// The views of the directives — their pages, lists, archive, feeds,
// banners, bandeau.json and CSV, and the block other pages show — are made
// here as plain data (Set, view.go, pages.go, data.go), from the inputs
// the site gives (Inputs): the URLs they link to (URLs, which the site
// makes), the clock, the names of the issuers.
//
// directive is a domain package: it knows nothing of HTML, output files,
// the site's URL scheme or the system clock.
package directive

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Directive is one directive of the ministry, a région académique or an
// académie.
type Directive struct {
	Slug   string           // file name without ".md"
	Issuer territory.Issuer // who published it
	Path   string           // site file, such as content/national/directives/x.md
	Pos    diag.Pos         // start of the file, for errors about the whole directive
	// Loc is the issuer's time zone: Date and Updated are in it, and the
	// expires date is compared with today's date there.
	Loc *time.Location

	Title string
	Date  time.Time // publication instant, in Loc
	// DateOnly says that date gave a day and no time: Date is the start of
	// that day, and a page writes the day alone.
	DateOnly bool
	Updated  time.Time // last update, in Loc; zero if never updated
	// UpdatedDateOnly is DateOnly for updated.
	UpdatedDateOnly bool
	Audiences       []string  // audience slugs, in the order given, without repeats
	Levels          []string  // level slugs from the youngest; empty means every level
	Effective       time.Time // first day in force, midnight UTC; zero if not given
	Expires         time.Time // last day in force, midnight UTC; zero if it does not expire
	Urgent          bool
	Draft           bool
	Summary         string
	Aliases         []string   // old site-absolute URLs, such as /directives/old-slug/
	AliasPos        []diag.Pos // where each alias is written, parallel to Aliases
	// Author is who wrote the text: AuthorSite, AuthorIssuer, or "" when
	// the front matter does not say (BySite decides).
	Author string
	Source *Source // nil when not given
	// Timetables are the titles of the timetables it sets, where each is
	// written; TimetablesSaid is true when the field is there, even empty.
	Timetables     []Named
	TimetablesSaid bool
	TimetablesPos  diag.Pos

	Body     []byte // Markdown after the front matter
	BodyLine int    // file line on which Body starts
}

// The authors of a directive's text.
const (
	AuthorSite   = "site"     // the site wrote it
	AuthorIssuer = "emetteur" // the issuer's own words, reproduced
)

// BySite reports whether d's text is the site's own: its author is the
// site, or it does not say and the site is not an official publication of
// its issuers (official is site.yaml's "official"). A page signs such a
// text as the site's and never as the issuer's.
func (d *Directive) BySite(official bool) bool {
	return d.Author == AuthorSite || d.Author == "" && !official
}

// Named is a name written in a front matter, and where.
type Named struct {
	Name string
	Pos  diag.Pos
}

// Source is where a directive's decision was first published.
type Source struct {
	SaidBy string    // who said it: "Région Nouvelle-Aquitaine, plateforme Lycée Connecté"
	On     time.Time // the day it was said, midnight UTC; zero when not stated
	Where  string    // how: "message sur Twitter"
	Quote  string    // the words, short
	URL    string    // "" when there is none
	Via    string    // the report the site knows it from: "BFM Tech, 19 mars 2020"
}

// fields are the front-matter keys of a directive.
// Fields returns the fields of a directive's front matter, for the web
// form made from the content model (internal/cms).
func Fields() []string { return slices.Clone(fields) }

var fields = []string{"title", "date", "updated", "audiences", "levels", "effective", "expires", "urgent", "draft", "summary", "aliases", "author", "source", "timetables"}

// Decode decodes a directive from its split file. issuer is read from the
// file's folder (IssuerOf) and loc is the issuer's time zone (UTC when nil).
// It returns every error it finds; the directive is nil when there is any.
func Decode(doc *load.Doc, issuer territory.Issuer, loc *time.Location) (*Directive, diag.List) {
	if loc == nil {
		loc = time.UTC
	}
	dec := load.NewDecoder(doc.Path)
	d := &Directive{
		Slug:     strings.TrimSuffix(path.Base(doc.Path), ".md"),
		Issuer:   issuer,
		Path:     doc.Path,
		Pos:      diag.Pos{File: doc.Path, Line: 1, Col: 1},
		Loc:      loc,
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
	checkSlug(dec, doc.Path, d.Slug)

	const what = "l'en-tête d'une directive"
	m := dec.Map(doc.Front, what, fields...)
	m.Require(what, "title", "date", "audiences")

	d.Title = m.String("title")
	d.Summary = m.String("summary")
	d.Urgent = m.Bool("urgent")
	d.Draft = m.Bool("draft")
	d.Date, d.DateOnly = dateTime(dec, m, "date", loc)
	d.Updated, d.UpdatedDateOnly = dateTime(dec, m, "updated", loc)
	if !d.Updated.IsZero() && !d.Date.IsZero() && d.Updated.Before(d.Date) {
		dec.Errs.Add(m.ValuePos("updated"), "« updated » (%s) est avant « date » (%s) : une mise à jour vient après la publication ; corrigez l'une des deux dates",
			d.Updated.Format("2006-01-02 15:04"), d.Date.Format("2006-01-02 15:04"))
	}

	d.Audiences = audiences(dec, m)
	d.Levels = levels(dec, m)

	d.Effective, _ = m.Date("effective")
	d.Expires, _ = m.Date("expires")
	if !d.Effective.IsZero() && !d.Expires.IsZero() && d.Expires.Before(d.Effective) {
		dec.Errs.Add(m.ValuePos("expires"), "« expires » (%s) est avant « effective » (%s) : une directive ne peut pas finir avant de commencer ; corrigez l'une des deux dates",
			d.Expires.Format(time.DateOnly), d.Effective.Format(time.DateOnly))
	}
	if d.Urgent && !m.Has("expires") {
		dec.Errs.Add(m.ValuePos("urgent"), "une directive urgente a besoin de « expires » : son bandeau reste sur les pages de l'émetteur jusqu'à cette date ; ajoutez une ligne « expires: AAAA-MM-JJ »")
	}

	d.Author, d.Source = provenance(dec, m, d.Date)

	if m.Has("timetables") {
		d.TimetablesSaid = true
		d.TimetablesPos = m.KeyPos("timetables")
		if v := m.Value("timetables"); v != nil && v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) != "" {
			// One title written without brackets: read it as a list of one.
			d.Timetables = append(d.Timetables, Named{Name: strings.TrimSpace(v.Value), Pos: m.ValuePos("timetables")})
		} else {
			for _, w := range m.Words("timetables") {
				d.Timetables = append(d.Timetables, Named{Name: w.Text, Pos: w.Pos})
			}
		}
	}

	for _, w := range m.Words("aliases") {
		if msg := checkAlias(w.Text); msg != "" {
			dec.Errs.Add(w.Pos, "l'ancienne adresse %s %s", diag.Q(w.Text), msg)
			continue
		}
		if !slices.Contains(d.Aliases, w.Text) {
			d.Aliases = append(d.Aliases, w.Text)
			d.AliasPos = append(d.AliasPos, w.Pos)
		}
	}

	if len(dec.Errs) > 0 {
		return nil, dec.Errs.Sort()
	}
	return d, nil
}

// provenance decodes author and source. A text given as the issuer's own
// words needs the source it reproduces; a source is not said after the
// directive's date.
func provenance(dec *load.Decoder, m load.Map, date time.Time) (string, *Source) {
	var author string
	if m.Has("author") {
		w := m.Word("author")
		switch w.Text {
		case AuthorSite, AuthorIssuer:
			author = w.Text
		default:
			dec.Errs.Add(w.Pos, "« author » vaut « site » (le site a rédigé ce texte) ou « emetteur » (le texte reproduit les mots de l’émetteur), pas %q", w.Text)
		}
	}
	n := m.Value("source")
	if n == nil {
		if author == AuthorIssuer {
			dec.Errs.Add(m.ValuePos("author"), "un texte donné comme celui de l’émetteur (« author: emetteur ») cite sa source : ajoutez « source: » avec au moins « said_by: » (qui l’a publié) ; sinon écrivez « author: site »")
		}
		return author, nil
	}
	const what = "la source de la directive"
	sm := dec.Map(n, what, "said_by", "on", "where", "quote", "url", "via")
	sm.Require(what, "said_by")
	src := &Source{
		SaidBy: sm.String("said_by"),
		Where:  sm.String("where"),
		Quote:  sm.String("quote"),
		URL:    sm.String("url"),
		Via:    sm.String("via"),
	}
	src.On, _ = sm.Date("on")
	if !src.On.IsZero() && !date.IsZero() {
		y, mo, day := date.Date()
		if src.On.After(time.Date(y, mo, day, 0, 0, 0, 0, time.UTC)) {
			dec.Errs.Add(sm.ValuePos("on"), "la source est datée du %s, après la publication de la directive (%s) : une directive rapporte ce qui a déjà été dit ; corrigez « on » ou « date »",
				src.On.Format(time.DateOnly), date.Format(time.DateOnly))
		}
	}
	if src.URL != "" && !strings.HasPrefix(src.URL, "https://") && !strings.HasPrefix(src.URL, "http://") {
		dec.Errs.Add(sm.ValuePos("url"), "l’adresse de la source %q n’est pas une adresse web complète : écrivez-la avec https://, par exemple https://www.education.gouv.fr/", src.URL)
	}
	return author, src
}

// dateTime decodes a date-and-time field and places a local one in loc;
// dateOnly reports a day written without a time, placed at the start of
// that day. A local time that does not exist in loc (the hour skipped when
// summer time begins) is an error.
func dateTime(dec *load.Decoder, m load.Map, key string, loc *time.Location) (t time.Time, dateOnly bool) {
	t, zoned, ok := m.DateTime(key)
	if !ok {
		return time.Time{}, false
	}
	if zoned {
		return t.In(loc), false
	}
	if v := m.Value(key); v != nil && len(strings.TrimSpace(v.Value)) == len(time.DateOnly) {
		// The first instant of the day: midnight, or the hour after it
		// when the clocks change at midnight.
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc), true
	}
	local := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
	if local.Hour() != t.Hour() || local.Minute() != t.Minute() || local.Day() != t.Day() {
		dec.Errs.Add(m.ValuePos(key), "%s : le %s n'existe pas dans le fuseau %s, les horloges sautent cette heure au passage à l'heure d'été ; écrivez une heure après le changement, comme %s",
			diag.Q(key), t.Format("2006-01-02 15:04"), loc, local.Format("2006-01-02 15:04"))
		return time.Time{}, false
	}
	return local, false
}

func audiences(dec *load.Decoder, m load.Map) []string {
	if v := m.Value("audiences"); v != nil && v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
		dec.Errs.Add(m.ValuePos("audiences"), "« audiences » est vide : nommez au moins un public parmi parents, enseignants, eleves, tous, comme « audiences: [parents, eleves] »")
	}
	words := m.Words("audiences")
	var out []string
	for _, w := range words {
		a, err := vocab.ParseAudience(w.Text)
		if err != nil {
			dec.Errs.Add(w.Pos, "%v", err)
			continue
		}
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// levels reads the levels field: level words and aliases, and group and
// cycle words expanded to their levels. The result is ordered from the
// youngest level, without repeats.
func levels(dec *load.Decoder, m load.Map) []string {
	seen := map[string]bool{}
	for _, w := range m.Words("levels") {
		ls := levelWord(w.Text)
		if ls == nil {
			dec.Errs.Add(w.Pos, "%v", levelError(w.Text))
			continue
		}
		for _, l := range ls {
			seen[l] = true
		}
	}
	var out []string
	for _, l := range vocab.Levels() {
		if seen[l.Slug] {
			out = append(out, l.Slug)
		}
	}
	return out
}

// levelWord returns the levels a word of the levels field stands for, or nil.
func levelWord(word string) []string {
	if l, err := vocab.ParseLevel(word); err == nil {
		return []string{l}
	}
	w := strings.ToLower(strings.TrimSpace(word))
	if g, ok := vocab.GroupOf(w); ok {
		return g.Levels
	}
	if c, err := vocab.ParseCycle(w); err == nil {
		return vocab.Expand(c)
	}
	return nil
}

// levelError says a word of the levels field is unknown, with the nearest
// level, group or cycle word.
func levelError(word string) error {
	return fmt.Errorf("niveau inconnu %s%s", diag.Q(word), vocab.LevelSuggestion(word, levelWords()))
}

// levelWords are the words of the levels field, for suggestions.
func levelWords() []string {
	var out []string
	for _, l := range vocab.Levels() {
		out = append(out, l.Slug)
	}
	for _, g := range vocab.Groups() {
		out = append(out, g.Slug)
	}
	for _, c := range vocab.Cycles() {
		if !slices.Contains(out, c.Slug) {
			out = append(out, c.Slug)
		}
	}
	return out
}

// checkSlug reports a file name that is not a lowercase ASCII slug, with the
// name it should have.
func checkSlug(dec *load.Decoder, p, slug string) {
	if territory.IsSlug(slug) {
		return
	}
	hint := " : renommez le fichier " + diag.Q(vocab.Slugify(slug)+".md")
	if vocab.Slugify(slug) == "" {
		hint = " : donnez au fichier un nom fait de lettres minuscules sans accents, de chiffres et de tirets, comme « 2020-03-16-fermeture-des-ecoles.md »"
	}
	dec.Errs.Add(diag.Pos{File: p, Line: 1, Col: 1}, "le nom du fichier %s ne convient pas pour une adresse (lettres minuscules sans accents, chiffres et tirets)%s", diag.Q(path.Base(p)), hint)
}

// checkAlias returns what is wrong with an alias, or "" when it is a
// site-absolute path.
func checkAlias(a string) string {
	switch {
	case a == "":
		return "est vide : retirez-la"
	case strings.Contains(a, "://") || strings.HasPrefix(strings.ToLower(a), "mailto:") || strings.HasPrefix(a, "//"):
		return "n'est pas un chemin de ce site : une ancienne adresse est une adresse que la directive avait sur ce site, comme /directives/ancien-nom/"
	case !strings.HasPrefix(a, "/"):
		return "doit commencer par « / » : une ancienne adresse est un chemin depuis la racine du site, comme " + diag.Q("/"+a)
	case a == "/":
		return "remplacerait la page d'accueil : une ancienne adresse est une adresse que la directive avait, comme /directives/ancien-nom/"
	case slices.Contains(strings.Split(a, "/"), ".."):
		return "ne doit pas contenir « .. » : écrivez le chemin depuis la racine du site, comme /directives/ancien-nom/"
	}
	for _, r := range a {
		switch {
		case r == '?' || r == '#':
			return "doit être un chemin sans « ? » ni « # » : ce qui les suit ne peut pas être redirigé"
		case r == '\\':
			return "doit séparer les dossiers par « / », pas par « \\ »"
		case r <= ' ' || r == 0x7f:
			return "ne doit contenir ni espace ni caractère de contrôle : écrivez - à la place d'une espace"
		}
	}
	return ""
}
