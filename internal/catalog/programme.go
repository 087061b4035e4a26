package catalog

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // time zones load the same on every host

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// DefaultTimeZone is the time zone of a schedule that names none.
const DefaultTimeZone = "Europe/Paris"

// Programme is one labelled programme, one file of content/programmes/.
type Programme struct {
	Slug        string   // the file name without ".md"
	Title       string   // "Les cours du collège sur France 4"
	Broadcaster string   // a broadcaster slug of the vocabulary
	Channel     string   // free text: "France 4", "Lumni"; may be empty
	Media       []string // medium slugs, in vocabulary order
	// Levels are the level slugs the programme is for, youngest first: those
	// of "levels" and those of the cycles of "cycles".
	Levels []string
	// Cycles are the cycle slugs written in "cycles", in cycle order.
	Cycles   []string
	Subjects []string // subject slugs, in vocabulary order
	Schedule []Slot   // broadcast slots, as written; empty for on-demand offers
	// ScheduleStart and ScheduleEnd bound the broadcasts (first and last
	// day, civil dates at midnight UTC); zero when not given.
	ScheduleStart, ScheduleEnd time.Time
	TimeZone                   string         // the IANA name of the schedule's time zone
	Location                   *time.Location // TimeZone loaded
	URL                        string         // absolute http(s) URL, or empty
	// Labelled is the date of the label (civil date, midnight UTC), only
	// when a source gives it as the label's; zero otherwise.
	Labelled time.Time
	// Reported is the date of the earliest dated source that names the
	// programme; zero when none is dated.
	Reported time.Time
	// Status is what the sources say of the programme's place in "Nation
	// apprenante": StatusLabel, StatusOperation, StatusGrid, or "" when
	// they say nothing.
	Status string
	// LevelsStated is the audience in the words of the sources ("notamment
	// pour les 8-12 ans"), or "" when they are silent; Levels and Cycles
	// are then the site's own cue for the facets, and pages say so.
	LevelsStated string
	// When is the broadcast time as the sources state it when it is not a
	// fixed weekly slot ("le mardi soir, en première partie de soirée"),
	// or "".
	When string
	// Notes are said visibly on the programme's page: where sources
	// disagree, what they leave open.
	Notes []string
	// Sources name where the facts come from, one a line.
	Sources  []string
	Free     bool
	Summary  string
	Aliases  []string // old site-absolute paths that lead here
	Path     string   // "content/programmes/<slug>.md"
	Pos      diag.Pos // the start of the file
	Body     []byte   // Markdown after the front matter
	BodyLine int      // file line on which Body starts

	titleKey string // collateKey(Title), for sorting
}

// Slot is one weekly broadcast slot of a programme.
type Slot struct {
	Days     []time.Weekday // Monday first; default Monday to Friday
	From, To vocab.Clock    // wall-clock times in the programme's time zone
	Who      []string       // level, group or audience slugs; empty: the whole programme
	Pos      diag.Pos
}

// programmeKeys are the fields of a programme's front matter, in the order
// the package comment lists them.
var programmeKeys = []string{
	"title", "broadcaster", "channel", "media", "levels_stated", "levels", "cycles",
	"subjects", "schedule", "schedule_start", "schedule_end", "timezone", "url",
	"when", "status", "labelled", "reported", "notes", "sources", "free",
	"summary", "aliases",
}

// ProgrammeKeys returns the fields of a programme's front matter, in the
// order the files write them.
func ProgrammeKeys() []string { return slices.Clone(programmeKeys) }

// The values of "status": what the sources say of a programme.
const (
	StatusLabel     = "label"     // a source says it carries the label
	StatusOperation = "operation" // a source places it in the operation
	StatusGrid      = "grille"    // in the France 4 grid of the operation, label not stated
)

// Statuses returns the values "status" may take.
func Statuses() []string { return []string{StatusLabel, StatusOperation, StatusGrid} }

// Date is the date the catalog sorts and feeds a programme by: the label's
// date, else the earliest source's, else the first day of broadcast; zero
// when none is known.
func (p *Programme) Date() time.Time {
	switch {
	case !p.Labelled.IsZero():
		return p.Labelled
	case !p.Reported.IsZero():
		return p.Reported
	}
	return p.ScheduleStart
}

var weekdaysDefault = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// DecodeProgramme decodes one programme file. v is the vocabulary its
// broadcaster, media and subjects are checked against; with a nil v those
// are not checked. The programme is returned whenever the front matter could
// be read, even with errors, so that later checks can still name it.
func DecodeProgramme(f *load.File, v *Vocabulary) (*Programme, diag.List) {
	doc, errs := load.Front(f)
	if doc == nil {
		return nil, errs
	}
	slug := strings.TrimSuffix(path.Base(f.Path), path.Ext(f.Path))
	p := &Programme{
		Slug:     strings.ToLower(slug),
		Path:     f.Path,
		Pos:      diag.Pos{File: f.Path, Line: 1, Col: 1},
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
	if !vocab.IsSlug(slug) {
		errs.Add(p.Pos, "le nom du fichier %s ne convient pas pour une adresse (lettres minuscules sans accents, chiffres et tirets) : renommez le fichier %s", diag.Q(path.Base(f.Path)), diag.Q(slugify(slug)+".md"))
	}
	d := load.NewDecoder(f.Path)
	m := d.Map(doc.Front, "the front matter", programmeKeys...)
	m.Require("the front matter", "title", "broadcaster", "media")
	p.Title = m.String("title")
	p.titleKey = collateKey(p.Title)
	p.Channel = m.String("channel")
	p.Summary = m.String("summary")
	p.Free = m.Bool("free")

	if b := m.Word("broadcaster"); b.Text != "" {
		p.Broadcaster = b.Text
		if v != nil {
			if _, ok := v.Broadcaster(b.Text); !ok {
				d.Errs.Add(b.Pos, "diffuseur inconnu %s%s : écrivez un slug de %s, ou ajoutez-le à ce fichier", diag.Q(b.Text), termHint(b.Text, v.Broadcasters, true), VocabularyPath)
			}
		}
	}
	p.Media = terms(d, m, "media", mediumNoun, vocabList(v, func(v *Vocabulary) []Term { return v.Media }))
	p.Subjects = terms(d, m, "subjects", subjectNoun, vocabList(v, func(v *Vocabulary) []Term { return v.Subjects }))
	if emptyList(m, "media") {
		d.Errs.Add(m.ValuePos("media"), "« media » est vide : donnez au moins un média parmi %s", diag.QList(fixedMedia))
	}

	decodeLevels(d, m, p)

	p.TimeZone = DefaultTimeZone
	if tz := m.Word("timezone"); tz.Text != "" {
		p.TimeZone = tz.Text
	}
	if loc, err := loadLocation(p.TimeZone); err != "" {
		d.Errs.Add(m.ValuePos("timezone"), "%s", err)
		p.Location = time.UTC
	} else {
		p.Location = loc
	}

	for _, it := range m.Items("schedule") {
		if s, ok := decodeSlot(d, it, p); ok {
			p.Schedule = append(p.Schedule, s)
		}
	}
	p.ScheduleStart, _ = m.Date("schedule_start")
	p.ScheduleEnd, _ = m.Date("schedule_end")
	if !p.ScheduleStart.IsZero() && !p.ScheduleEnd.IsZero() && p.ScheduleEnd.Before(p.ScheduleStart) {
		d.Errs.Add(m.ValuePos("schedule_end"), "schedule_end (%s) est avant schedule_start (%s) : le dernier jour de diffusion vient après le premier ; vérifiez les deux dates", p.ScheduleEnd.Format(time.DateOnly), p.ScheduleStart.Format(time.DateOnly))
	}
	if !m.Has("schedule") {
		for _, k := range []string{"schedule_start", "schedule_end"} {
			if m.Has(k) {
				d.Errs.Add(m.KeyPos(k), "%s borne les créneaux de diffusion, mais le programme n'a pas de « schedule » : ajoutez les créneaux ou retirez la ligne %s", diag.Q(k), diag.Q(k))
			}
		}
	}

	if u := m.Word("url"); u.Text != "" {
		p.URL = u.Text
		if msg := checkURL(u.Text); msg != "" {
			d.Errs.Add(u.Pos, "%s", msg)
		}
	}
	p.Labelled, _ = m.Date("labelled")
	p.Reported, _ = m.Date("reported")
	p.LevelsStated = m.String("levels_stated")
	p.When = m.String("when")
	if st := m.Word("status"); st.Text != "" {
		if !slices.Contains(Statuses(), st.Text) {
			d.Errs.Add(st.Pos, "statut inconnu %s%s : écrivez label (une source dit qu’il porte le label), operation (une source le place dans l’opération) ou grille (dans la grille de France 4, label non précisé)", diag.Q(st.Text), diag.Suggestion(st.Text, Statuses()))
		} else {
			p.Status = st.Text
		}
	}
	for _, w := range m.Words("notes") {
		if w.Text != "" {
			p.Notes = append(p.Notes, w.Text)
		}
	}
	for _, w := range m.Words("sources") {
		if w.Text != "" {
			p.Sources = append(p.Sources, w.Text)
		}
	}

	seenAlias := map[string]bool{}
	for _, a := range m.Words("aliases") {
		if msg := checkAlias(a.Text); msg != "" {
			d.Errs.Add(a.Pos, "%s", msg)
			continue
		}
		if seenAlias[a.Text] {
			d.Errs.Add(a.Pos, "l'alias %s est donné deux fois : gardez-en un", diag.Q(a.Text))
			continue
		}
		seenAlias[a.Text] = true
		p.Aliases = append(p.Aliases, a.Text)
	}
	errs = append(errs, d.Errs...)
	return p, errs
}

func vocabList(v *Vocabulary, get func(*Vocabulary) []Term) []Term {
	if v == nil {
		return nil
	}
	return get(v)
}

// nearest is " (vouliez-vous dire « x » ?)" for the known word nearest to
// w, or "" when none is near (without listing the words, as
// diag.Suggestion does when they are few: the message lists them).
func nearest(w string, known []string) string {
	if s := diag.Suggest(w, known); s != "" {
		return " (vouliez-vous dire " + diag.Q(s) + " ?)"
	}
	return ""
}

// termHint proposes the slug to write for an unknown word: the term whose
// label or alias it is (« maths » is mathematiques, « France Télévisions »
// is france-televisions), else the nearest slug; list says whether to list
// the slugs when none is near and they are few.
func termHint(w string, known []Term, list bool) string {
	f := foldKey(w)
	for _, t := range known {
		if foldKey(t.Label) == f || slices.ContainsFunc(t.Aliases, func(a string) bool { return foldKey(a) == f }) {
			return " (vouliez-vous dire " + diag.Q(t.Slug) + " ?)"
		}
	}
	if list {
		return diag.Suggestion(w, termSlugs(known))
	}
	return nearest(w, termSlugs(known))
}

// noun is a French noun with its agreements, for messages.
type noun struct {
	name    string // "média"
	unknown string // "inconnu"
	the     string // "le média"
	given   string // "donné"
	it      string // "le"
}

// a is the noun with its indefinite article: "un média", "une discipline".
func (n noun) a() string {
	if strings.HasSuffix(n.unknown, "e") {
		return "une " + n.name
	}
	return "un " + n.name
}

var (
	mediumNoun  = noun{"média", "inconnu", "le média", "donné", "le"}
	subjectNoun = noun{"discipline", "inconnue", "la discipline", "donnée", "la"}
)

// terms decodes a list of vocabulary slugs, each known (when known is not
// nil) and given once, and returns them in vocabulary order.
func terms(d *load.Decoder, m load.Map, key string, n noun, known []Term) []string {
	var out []string
	for _, w := range m.Words(key) {
		if w.Text == "" {
			d.Errs.Add(w.Pos, "%s vide dans %s : retirez-%s", n.name, diag.Q(key), n.it)
			continue
		}
		if known != nil {
			if _, ok := find(known, w.Text); !ok {
				where := "écrivez un slug de " + VocabularyPath + ", ou ajoutez-" + n.it + " à ce fichier"
				if key == "media" {
					where = "les médias sont " + diag.QList(fixedMedia)
				}
				hint := termHint(w.Text, known, key != "media") // the media are listed after
				d.Errs.Add(w.Pos, "%s %s %s%s : %s", n.name, n.unknown, diag.Q(w.Text), hint, where)
				continue
			}
		}
		if slices.Contains(out, w.Text) {
			d.Errs.Add(w.Pos, "%s %s est %s deux fois dans %s : gardez-en un", n.the, diag.Q(w.Text), n.given, diag.Q(key))
			continue
		}
		out = append(out, w.Text)
	}
	if known != nil {
		slices.SortStableFunc(out, func(a, b string) int { return index(known, a) - index(known, b) })
	}
	return out
}

// decodeLevels reads "levels" and "cycles", both optional (a programme
// whose sources name no audience has none); the programme's Levels are the
// union, youngest first.
func decodeLevels(d *load.Decoder, m load.Map, p *Programme) {
	set := map[string]bool{}
	for _, w := range m.Words("levels") {
		l, err := vocab.ParseLevel(w.Text)
		if err != nil {
			d.Errs.Add(w.Pos, "%v", err)
			continue
		}
		if set[l] {
			d.Errs.Add(w.Pos, "le niveau %s est donné deux fois dans « levels » : gardez-en un", diag.Q(w.Text))
			continue
		}
		set[l] = true
	}
	cycles := map[string]bool{}
	for _, w := range m.Words("cycles") {
		c, err := vocab.ParseCycle(w.Text)
		if err != nil {
			d.Errs.Add(w.Pos, "%v", err)
			continue
		}
		if cycles[c] {
			d.Errs.Add(w.Pos, "le cycle %s est donné deux fois dans « cycles » : gardez-en un", diag.Q(w.Text))
			continue
		}
		cycles[c] = true
		for _, l := range vocab.Expand(c) {
			set[l] = true
		}
	}
	for _, c := range vocab.Cycles() {
		if cycles[c.Slug] {
			p.Cycles = append(p.Cycles, c.Slug)
		}
	}
	for _, l := range vocab.Levels() {
		if set[l.Slug] {
			p.Levels = append(p.Levels, l.Slug)
		}
	}
	for k, what := range map[string]string{"levels": "un niveau", "cycles": "un cycle"} {
		if emptyList(m, k) {
			d.Errs.Add(m.ValuePos(k), "%s est vide : nommez au moins %s, ou retirez la ligne", diag.Q(k), what)
		}
	}
}

// emptyList reports whether key is given as an empty list ("[]").
func emptyList(m load.Map, key string) bool {
	v := m.Value(key)
	return v != nil && v.Kind == yaml.SequenceNode && len(v.Content) == 0
}

// decodeSlot decodes one item of "schedule". Its "who" levels must be
// levels of the programme.
func decodeSlot(d *load.Decoder, n *yaml.Node, p *Programme) (Slot, bool) {
	s := Slot{Pos: d.Pos(n)}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "chaque créneau de « schedule » s'écrit avec des champs, comme from: \"14:00\" et to: \"15:00\" sur deux lignes après « - »")
		return s, false
	}
	m := d.Map(n, "a slot", "days", "from", "to", "who")
	m.Require("a slot", "from", "to")
	ok := true
	if m.Has("days") {
		seen := map[time.Weekday]bool{}
		for _, w := range m.Words("days") {
			day, err := vocab.ParseWeekday(w.Text)
			if err != nil {
				d.Errs.Add(w.Pos, "%v", err)
				ok = false
				continue
			}
			if seen[day] {
				d.Errs.Add(w.Pos, "le jour %s est donné deux fois : gardez-en un", diag.Q(w.Text))
				continue
			}
			seen[day] = true
			s.Days = append(s.Days, day)
		}
		if emptyList(m, "days") {
			d.Errs.Add(m.ValuePos("days"), "« days » est vide : retirez la ligne pour du lundi au vendredi, ou nommez les jours, comme [lun, mer]")
			ok = false
		}
		slices.SortFunc(s.Days, func(a, b time.Weekday) int { return weekdayOrder(a) - weekdayOrder(b) })
	} else {
		s.Days = slices.Clone(weekdaysDefault)
	}
	from, to := m.Word("from"), m.Word("to")
	var fromOK, toOK bool
	if from.Text != "" {
		c, err := vocab.ParseClock(from.Text, false)
		if err != nil {
			d.Errs.Add(from.Pos, "%v", err)
		}
		s.From, fromOK = c, err == nil
	}
	if to.Text != "" {
		c, err := vocab.ParseClock(to.Text, true)
		if err != nil {
			d.Errs.Add(to.Pos, "%v", err)
		}
		s.To, toOK = c, err == nil
	}
	if !fromOK || !toOK {
		return s, false
	}
	if s.To <= s.From {
		d.Errs.Add(to.Pos, "le créneau finit à %s mais commence à %s : « to » (la fin) doit venir après « from » (le début)", s.To, s.From)
		ok = false
	}
	for _, w := range m.Words("who") {
		who, err := vocab.ParseWho(w.Text)
		if err != nil {
			c, cerr := vocab.ParseCycle(w.Text)
			if cerr != nil {
				d.Errs.Add(w.Pos, "%v", err)
				ok = false
				continue
			}
			who = c
		}
		if slices.Contains(s.Who, who) {
			d.Errs.Add(w.Pos, "%s est donné deux fois dans « who » : gardez-en un", diag.Q(w.Text))
			continue
		}
		var outside []string
		for _, l := range vocab.Expand(who) {
			if !slices.Contains(p.Levels, l) {
				outside = append(outside, l)
			}
		}
		if len(outside) > 0 && len(p.Levels) > 0 {
			d.Errs.Add(w.Pos, "%s dans « who » couvre %s, %s parmi les niveaux du programme (%s) : ajoutez %s à « levels », ou nommez un niveau du programme",
				diag.Q(w.Text), strings.Join(outside, ", "), diag.Plural(len(outside), "qui n'est pas", "qui ne sont pas"), strings.Join(p.Levels, ", "), diag.Plural(len(outside), "ce niveau", "ces niveaux"))
			ok = false
			continue
		}
		s.Who = append(s.Who, who)
	}
	return s, ok
}

// weekdayOrder numbers days from Monday (0) to Sunday (6).
func weekdayOrder(d time.Weekday) int { return (int(d) + 6) % 7 }

// checkURL returns why u is not an absolute http(s) URL, or "".
func checkURL(u string) string {
	const want = "écrivez l'adresse complète, comme https://www.lumni.fr/"
	if strings.ContainsAny(u, " \t\n") {
		return fmt.Sprintf("adresse invalide %s : elle contient une espace ; %s", diag.Q(u), want)
	}
	pu, err := url.Parse(u)
	if err != nil {
		return fmt.Sprintf("adresse invalide %s : %s", diag.Q(u), want)
	}
	if pu.Scheme != "http" && pu.Scheme != "https" {
		return fmt.Sprintf("adresse invalide %s : elle doit commencer par https:// ou http:// ; %s", diag.Q(u), want)
	}
	if pu.Host == "" || pu.Hostname() == "" {
		return fmt.Sprintf("adresse invalide %s : il manque le nom du site après https:// ; %s", diag.Q(u), want)
	}
	return ""
}

// checkAlias returns why a is not a site-absolute path, or "".
func checkAlias(a string) string {
	switch {
	case a == "":
		return "alias vide : retirez-le"
	case strings.Contains(a, "://") || strings.HasPrefix(a, "//"):
		return fmt.Sprintf("l'alias %s doit être un chemin de ce site, comme /programmes/ancien-nom/, pas une adresse complète", diag.Q(a))
	case !strings.HasPrefix(a, "/"):
		return fmt.Sprintf("l'alias %s doit commencer par « / », comme /%s", diag.Q(a), strings.TrimPrefix(a, "./"))
	case strings.ContainsAny(a, " \t\n?#\\"):
		return fmt.Sprintf("l'alias %s doit être un simple chemin, sans espace, « ? », « # » ni « \\ »", diag.Q(a))
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == ".." || seg == "." {
			return fmt.Sprintf("l'alias %s ne doit pas contenir %s : écrivez le chemin depuis la racine du site, comme /programmes/ancien-nom/", diag.Q(a), diag.Q(seg))
		}
	}
	return ""
}

// loadLocation loads an IANA time zone from the embedded database; it
// refuses "Local", whose meaning depends on the host.
func loadLocation(name string) (*time.Location, string) {
	if name == "" || name == "Local" || strings.HasPrefix(name, "/") {
		return nil, unknownZone(name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, unknownZone(name)
	}
	return loc, ""
}

// frenchZones are the time zones of France and its overseas territories,
// for the nearest one to an unknown name.
var frenchZones = []string{
	"Europe/Paris", "America/Cayenne", "America/Martinique", "America/Guadeloupe",
	"Indian/Reunion", "Indian/Mayotte", "Pacific/Noumea", "Pacific/Tahiti",
	"America/Miquelon", "Pacific/Wallis",
}

func unknownZone(name string) string {
	return fmt.Sprintf("fuseau horaire inconnu %s%s : écrivez un nom de fuseau IANA, comme Europe/Paris ou America/Cayenne", diag.Q(name), diag.Suggestion(name, frenchZones))
}
