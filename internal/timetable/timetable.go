package timetable

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// FileName is the name of a timetable file in an issuer's folder.
const FileName = "timetables.yaml"

// Tone is how firmly the source asks: the words of the page follow it.
type Tone string

// The tones of a timetable or a slot.
const (
	Conseil Tone = "conseil" // "privilégier", "de préférence": advice
	Demande Tone = "demande" // "nous vous demandons de respecter": a request
	Regle   Tone = "regle"   // a rule the ENT enforces
)

// Tones are the tones in the order the messages list them.
var Tones = []Tone{Conseil, Demande, Regle}

// Outside is what holds for an audience outside its windows.
type Outside string

// The values of outside. An audience absent from outside is "not stated":
// the page says the source does not say.
const (
	Libre    Outside = "libre"    // free to connect at any time
	AEviter  Outside = "a-eviter" // asked to avoid connecting
	Suspendu Outside = "suspendu" // access suspended
)

// Outsides are the values of outside.
var Outsides = []Outside{Libre, AEviter, Suspendu}

// Basis says where the effective date comes from.
type Basis string

// The bases of an effective date.
const (
	// Stated: the source gives the first day in force (the default).
	Stated Basis = "stated"
	// Published: the source gives no start; effective is the day it was
	// published (source.on).
	Published Basis = "published"
	// Reported: the source gives neither a start nor its own date;
	// effective is the day a report said it was in force.
	Reported Basis = "reported"
)

// Bases are the values of effective_basis.
var Bases = []Basis{Stated, Published, Reported}

// Timetable is one entry of a timetables.yaml list.
type Timetable struct {
	Issuer    territory.Issuer
	Title     string
	AppliesTo []string // establishment kinds, in the order written
	Effective time.Time
	Basis     Basis
	Until     time.Time // last day in force; zero when open-ended
	// Days are the days of the week the source names, Monday first; nil
	// when the source does not say (see Covers).
	Days []time.Weekday
	Tone Tone
	// IssuerStated is false when the source does not say which body issued
	// the rule (a "région" that may be the Région or the région
	// académique): the pages name it by Source.SaidBy and say so.
	IssuerStated bool
	Source       Source
	Slots        []Slot
	Outside      []OutsideRule // in file order
	Note         string        // Markdown
	NoteLine     int           // the file line the note's text starts on
	Pos          diag.Pos      // the list item
	Path         string        // "content/academies/paris/timetables.yaml"
}

// Source is who said a timetable, where, when and in which words.
type Source struct {
	// Directive names the issuer's directive that publishes the timetable,
	// "directives/<slug>", or "".
	Directive    string
	DirectivePos diag.Pos
	SaidBy       string    // "Région Nouvelle-Aquitaine, plateforme Lycée Connecté"
	On           time.Time // the day it was said; zero when not stated
	Quote        string    // the source's words, short
	URL          string    // where it can be read; "" when not known
	Pos          diag.Pos
}

// Slot is a window in which some people are asked or advised to connect.
type Slot struct {
	Who      []string // canonical who words: levels, groups, audiences
	From, To vocab.Clock
	// OpenStart is true when the source gives no start ("avant 8h30"):
	// From is 00:00. OpenEnd is true when it gives no end ("à partir de
	// 20h"): To is 24:00, the end of the day.
	OpenStart, OpenEnd bool
	// Access is "libre" for a free-access window, "" for a reserved one.
	Access string
	// Reason is the condition the source attaches to the slot ("pour une
	// autre raison que le suivi du travail scolaire"), or "".
	Reason string
	// Tone is the slot's own tone when it differs from the timetable's.
	Tone Tone
	// SaidBy names the source of this slot when it is not the timetable's.
	SaidBy string
	Pos    diag.Pos
}

// Free reports whether s is a free-access window.
func (s Slot) Free() bool { return s.Access == AccessLibre }

// AccessLibre is the value of access for a free-access window.
const AccessLibre = "libre"

// OutsideRule is what holds for who outside the windows.
type OutsideRule struct {
	Who  string // a who word
	Rule Outside
	Pos  diag.Pos
}

// Decode reads every timetable file of the tree. Timetables whose file or
// entry has errors are still returned when they could be read, so that later
// checks can report more; callers stop on a non-empty error list.
func Decode(tree *load.Tree, terr *territory.Territory) ([]*Timetable, diag.List) {
	var (
		out  []*Timetable
		errs diag.List
	)
	for _, dir := range []string{"content/national", "content/regions", "content/collectivites", "content/academies"} {
		for _, f := range tree.Under(dir) {
			iss, rest, ok := territory.IssuerOf(f.Path)
			if !ok || strings.Contains(rest, "/") {
				continue
			}
			if rest != FileName {
				if msg := misnamed(rest); msg != "" {
					errs.Add(diag.Pos{File: f.Path}, "%s", msg)
				}
				continue
			}
			if msg := unknownIssuer(tree, terr, iss); msg != "" {
				errs.Add(diag.Pos{File: f.Path, Line: 1, Col: 1}, "%s", msg)
				continue
			}
			tts, e := DecodeFile(f, iss)
			if c := terr.Collectivite(iss.Slug); iss.Kind == territory.IssuerCollectivite && c != nil {
				e = append(e, checkENTFor(tts, c)...)
			}
			out = append(out, tts...)
			errs = append(errs, e...)
		}
	}
	return out, errs.Sort()
}

// checkENTFor refuses a collectivité's timetable for a kind of school whose
// ENT it does not run.
func checkENTFor(tts []*Timetable, c *territory.Collectivite) diag.List {
	var errs diag.List
	for _, t := range tts {
		for _, k := range t.AppliesTo {
			if !slices.Contains(c.ENTFor, k) {
				errs.Add(t.Pos, "%s ne gère pas l'ENT des %s (son ent_for est [%s]) : retirez %q de applies_to, ou ajoutez-le à ent_for dans %s", c.Name, kindPlural(k), strings.Join(c.ENTFor, ", "), k, c.Path)
			}
		}
	}
	return errs
}

// misnamed explains why a YAML file beside timetables.yaml is probably a
// misnamed timetable file, or returns "".
func misnamed(name string) string {
	ext := path.Ext(name)
	if ext != ".yaml" && ext != ".yml" {
		return ""
	}
	base := strings.TrimSuffix(name, ext)
	if diag.Suggest(base, []string{"timetables"}) == "" && !strings.Contains(base, "horaire") && !strings.Contains(base, "creneau") && !strings.Contains(base, "creneaux") {
		return ""
	}
	return fmt.Sprintf("%q n'est pas lu : les créneaux s'écrivent dans un fichier nommé %q", name, FileName)
}

func unknownIssuer(tree *load.Tree, terr *territory.Territory, iss territory.Issuer) string {
	if terr.Has(iss) {
		return ""
	}
	var known []string
	what := "académie inconnue"
	switch iss.Kind {
	case territory.IssuerRegion:
		what = "région inconnue"
		for _, r := range terr.Regions {
			known = append(known, r.Slug)
		}
	case territory.IssuerCollectivite:
		what = "collectivité inconnue"
		for _, c := range terr.Collectivites {
			known = append(known, c.Slug)
		}
	default:
		for _, a := range terr.Academies {
			known = append(known, a.Slug)
		}
	}
	if tree.Get("content/"+iss.Dir()+"/_index.md") != nil {
		return fmt.Sprintf("%q n'est pas utilisable : corrigez d'abord les erreurs de content/%s/_index.md", iss.Slug, iss.Dir())
	}
	if s := diag.Suggest(iss.Slug, known); s != "" {
		return fmt.Sprintf("%s %q dans le nom du dossier (vouliez-vous dire %q ?)", what, iss.Slug, s)
	}
	return fmt.Sprintf("%s %q : le dossier content/%s n'a pas de fichier _index.md", what, iss.Slug, iss.Dir())
}

var timetableKeys = []string{"title", "applies_to", "effective", "effective_basis", "until", "days", "tone", "source", "issuer_stated", "slots", "outside", "note", "suspended"}

var slotKeys = []string{"who", "from", "to", "access", "reason", "tone", "said_by"}

var sourceKeys = []string{"directive", "said_by", "on", "quote", "url"}

// DecodeFile decodes one timetables.yaml published by iss. It does not check
// that the issuer exists.
func DecodeFile(f *load.File, iss territory.Issuer) ([]*Timetable, diag.List) {
	root, errs := load.YAML(f)
	if root == nil {
		return nil, errs
	}
	d := load.NewDecoder(f.Path)
	for root.Kind == yaml.AliasNode && root.Alias != nil {
		root = root.Alias
	}
	// The web form (internal/cms) cannot write a list at the root of a
	// file: it writes the list under one key, timetables.
	if root.Kind == yaml.MappingNode && len(root.Content) >= 2 && root.Content[0].Value == "timetables" {
		if m := d.Map(root, "un fichier de créneaux", "timetables"); m.Value("timetables") != nil {
			root = m.Value("timetables")
		}
	}
	if root.Kind != yaml.SequenceNode {
		d.Errorf(root, "un fichier de créneaux est une liste de grilles, chacune commençant par \"- title: ...\"")
		return nil, append(errs, d.Errs...)
	}
	var out []*Timetable
	for _, item := range root.Content {
		if tt := decodeOne(d, item, iss); tt != nil {
			out = append(out, tt)
		}
	}
	return out, append(errs, d.Errs...)
}

const ttWhat = "une grille de créneaux"

func decodeOne(d *load.Decoder, item *yaml.Node, iss territory.Issuer) *Timetable {
	m := d.Map(item, ttWhat, timetableKeys...)
	if m.Node() == nil || m.Node().Kind != yaml.MappingNode {
		return nil
	}
	m.Require(ttWhat, "title", "applies_to", "tone", "source", "slots")
	if m.Has("suspended") {
		d.Errs.Add(m.KeyPos("suspended"), "le champ \"suspended\" n'existe plus : écrivez ce qui vaut hors des créneaux, par exemple \"outside: {parents: suspendu}\"")
	}
	t := &Timetable{
		Issuer:       iss,
		Title:        m.String("title"),
		Note:         m.String("note"),
		Pos:          m.Pos(),
		Path:         d.File,
		IssuerStated: true,
		Basis:        Stated,
	}
	for _, w := range m.Words("applies_to") {
		k, err := vocab.ParseKind(w.Text)
		switch {
		case err != nil:
			d.Errs.Add(w.Pos, "%v", err)
		case slices.Contains(t.AppliesTo, k):
			d.Errs.Add(w.Pos, "%q est écrit deux fois dans applies_to : gardez-en un", k)
		default:
			t.AppliesTo = append(t.AppliesTo, k)
		}
	}
	if m.Has("applies_to") && len(t.AppliesTo) == 0 && len(m.Value("applies_to").Content) == 0 && m.Value("applies_to").Kind == yaml.SequenceNode {
		d.Errs.Add(m.ValuePos("applies_to"), "applies_to est vide : nommez les types d'établissement, par exemple [college]")
	}
	if v := m.Value("note"); v != nil {
		t.NoteLine = v.Line
		if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			t.NoteLine++ // the text starts under the | or > indicator
		}
	}
	if m.Has("tone") {
		t.Tone = decodeTone(d, m)
	}
	if m.Has("issuer_stated") {
		t.IssuerStated = m.Bool("issuer_stated")
	}
	if m.Has("source") {
		t.Source = decodeSource(d, m.Value("source"))
	}
	if m.Has("effective_basis") {
		w := m.Word("effective_basis")
		if !slices.Contains(Bases, Basis(w.Text)) {
			d.Errs.Add(w.Pos, "effective_basis %q inconnu%s : écrivez stated (la source donne la date de début), published (elle ne la donne pas : effective est le jour de publication) ou reported (ni début ni date de publication : effective est le jour où un article la dit en vigueur)", w.Text, didYouMean(w.Text, basisWords()))
		} else {
			t.Basis = Basis(w.Text)
		}
	}
	if m.Has("effective") {
		t.Effective, _ = m.Date("effective")
	} else if m.Node() != nil {
		d.Errs.Add(m.Pos(), "il manque \"effective\", le premier jour en vigueur : écrivez le jour que donne la source ; si elle n'en donne pas, le jour de sa publication avec \"effective_basis: published\"")
	}
	if t.Basis == Published && !t.Source.On.IsZero() && !t.Effective.IsZero() && !t.Source.On.Equal(t.Effective) {
		d.Errs.Add(m.ValuePos("effective"), "effective %s n'est pas le jour de publication %s alors que effective_basis est published : écrivez effective: %s", day(t.Effective), day(t.Source.On), day(t.Source.On))
	}
	if t.Basis == Published && t.Source.On.IsZero() && m.Has("source") {
		d.Errs.Add(m.ValuePos("effective_basis"), "effective_basis: published demande la date de publication : ajoutez \"on:\" dans source, ou écrivez effective_basis: reported")
	}
	if until, ok := m.Date("until"); ok {
		t.Until = until
		if !t.Effective.IsZero() && until.Before(t.Effective) {
			d.Errs.Add(m.ValuePos("until"), "until %s est avant effective %s : until est le dernier jour en vigueur, il ne peut pas précéder le premier", day(until), day(t.Effective))
		}
	}
	t.Days = decodeDays(d, m)
	t.Outside = decodeOutside(d, m)
	for _, n := range m.Items("slots") {
		if s, ok := decodeSlot(d, n); ok {
			t.Slots = append(t.Slots, s)
		}
	}
	if v := m.Value("slots"); v != nil && v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
		d.Errs.Add(m.ValuePos("slots"), "slots est vide : donnez au moins un créneau (who, from, to)")
	}
	checkSlots(d, t)
	return t
}

func unalias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

func didYouMean(word string, known []string) string {
	if s := diag.Suggest(word, known); s != "" {
		return fmt.Sprintf(" (vouliez-vous dire %q ?)", s)
	}
	return ""
}

func basisWords() []string {
	var out []string
	for _, b := range Bases {
		out = append(out, string(b))
	}
	return out
}

func toneWords() []string {
	var out []string
	for _, t := range Tones {
		out = append(out, string(t))
	}
	return out
}

func decodeTone(d *load.Decoder, m load.Map) Tone {
	w := m.Word("tone")
	if w.Text == "" {
		return ""
	}
	if w.Text == "règle" {
		return Regle
	}
	if !slices.Contains(Tones, Tone(w.Text)) {
		d.Errs.Add(w.Pos, "tone %q inconnu%s : écrivez conseil (la source conseille : « privilégier », « de préférence »), demande (elle demande : « nous vous demandons de respecter ») ou regle (l'ENT l'impose)", w.Text, didYouMean(w.Text, toneWords()))
		return ""
	}
	return Tone(w.Text)
}

func decodeSource(d *load.Decoder, n *yaml.Node) Source {
	if n.Kind == yaml.ScalarNode {
		d.Errorf(n, "source est un bloc qui dit qui a publié la règle, quand et en quels mots : écrivez\n  source:\n    directive: %s\n    said_by: ...\n    on: 2020-03-19\n    quote: \"...\"", n.Value)
		return Source{}
	}
	const what = "la source d'une grille"
	m := d.Map(n, what, sourceKeys...)
	if m.Node() == nil || m.Node().Kind != yaml.MappingNode {
		return Source{}
	}
	m.Require(what, "said_by")
	s := Source{
		SaidBy: m.String("said_by"),
		Quote:  m.String("quote"),
		URL:    m.String("url"),
		Pos:    m.Pos(),
	}
	if m.Has("directive") {
		s.Directive = m.String("directive")
		s.DirectivePos = m.ValuePos("directive")
		if msg := checkSource(s.Directive); msg != "" {
			d.Errs.Add(s.DirectivePos, "%s", msg)
		}
	}
	if m.Has("on") {
		s.On, _ = m.Date("on")
	}
	if s.URL != "" {
		if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			d.Errs.Add(m.ValuePos("url"), "url %q invalide : écrivez l'adresse complète de la source, comme https://www.exemple.fr/page, ou retirez la ligne si la source n'en donne pas", s.URL)
		}
	}
	return s
}

func decodeDays(d *load.Decoder, m load.Map) []time.Weekday {
	if !m.Has("days") {
		return nil
	}
	var days []time.Weekday
	before := len(d.Errs)
	for _, w := range m.Words("days") {
		dd, err := vocab.ParseWeekday(w.Text)
		switch {
		case err != nil:
			d.Errs.Add(w.Pos, "%v", err)
		case slices.Contains(days, dd):
			d.Errs.Add(w.Pos, "le jour %q est écrit deux fois : gardez-en un", w.Text)
		default:
			days = append(days, dd)
		}
	}
	if len(days) == 0 && len(d.Errs) == before {
		d.Errs.Add(m.ValuePos("days"), "days est vide : retirez la ligne si la source ne nomme pas de jours, ou écrivez les jours, par exemple [lun, mer]")
	}
	// Keep the week order, Monday first.
	slices.SortFunc(days, func(a, b time.Weekday) int { return weekIndex(a) - weekIndex(b) })
	return days
}

func weekIndex(d time.Weekday) int { return (int(d) + 6) % 7 }

func outsideWords() []string {
	var out []string
	for _, o := range Outsides {
		out = append(out, string(o))
	}
	return out
}

// decodeOutside reads outside: a mapping of who words to libre, a-eviter
// or suspendu.
func decodeOutside(d *load.Decoder, m load.Map) []OutsideRule {
	v := m.Value("outside")
	if v == nil {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		d.Errorf(v, "outside dit, par public, ce qui vaut hors des créneaux : écrivez par exemple\n  outside:\n    parents: suspendu")
		return nil
	}
	var out []OutsideRule
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], unalias(v.Content[i+1])
		who, err := vocab.ParseWho(k.Value)
		if err != nil {
			d.Errs.Add(d.Pos(k), "%v", err)
			continue
		}
		if slices.ContainsFunc(out, func(r OutsideRule) bool { return r.Who == who }) {
			d.Errs.Add(d.Pos(k), "%q est écrit deux fois dans outside : gardez-en un", k.Value)
			continue
		}
		text := ""
		if val != nil && val.Kind == yaml.ScalarNode {
			text = strings.TrimSpace(val.Value)
		}
		if text == "à-éviter" || text == "a_eviter" || text == "à éviter" {
			text = string(AEviter)
		}
		if !slices.Contains(Outsides, Outside(text)) {
			pos := d.Pos(k)
			if val != nil {
				pos = d.Pos(val)
			}
			d.Errs.Add(pos, "valeur %q inconnue pour %s hors des créneaux%s : écrivez libre (connexion libre), a-eviter (la source demande d'éviter) ou suspendu (accès suspendu) ; si la source ne dit rien, retirez la ligne", text, k.Value, didYouMean(text, outsideWords()))
			continue
		}
		out = append(out, OutsideRule{Who: who, Rule: Outside(text), Pos: d.Pos(k)})
	}
	return out
}

// decodeWho reads a list of who words (levels, groups, audiences).
func decodeWho(d *load.Decoder, m load.Map, key string) []string {
	var out []string
	for _, w := range m.Words(key) {
		s, err := vocab.ParseWho(w.Text)
		switch {
		case err != nil:
			d.Errs.Add(w.Pos, "%v", err)
		case slices.Contains(out, s):
			d.Errs.Add(w.Pos, "%q est écrit deux fois dans %s : gardez-en un", w.Text, key)
		default:
			out = append(out, s)
		}
	}
	return out
}

func decodeSlot(d *load.Decoder, n *yaml.Node) (Slot, bool) {
	const what = "un créneau"
	m := d.Map(n, what, slotKeys...)
	if m.Node() == nil || m.Node().Kind != yaml.MappingNode {
		return Slot{}, false
	}
	m.Require(what, "who")
	s := Slot{Pos: m.Pos(), Who: decodeWho(d, m, "who"), Reason: m.String("reason"), SaidBy: m.String("said_by")}
	ok := len(s.Who) > 0
	if m.Has("who") && !ok && m.Value("who").Kind == yaml.SequenceNode && len(m.Value("who").Content) == 0 {
		d.Errs.Add(m.ValuePos("who"), "who est vide : nommez des niveaux ou des publics, par exemple [6e, 5e] ou [parents]")
	}
	if m.Has("tone") {
		s.Tone = decodeTone(d, m)
	}
	if m.Has("access") {
		w := m.Word("access")
		if w.Text != AccessLibre {
			d.Errs.Add(w.Pos, "access %q inconnu : écrivez access: libre pour un accès libre, ou retirez la ligne pour un créneau réservé", w.Text)
		} else {
			s.Access = AccessLibre
		}
	}
	var err error
	switch {
	case !m.Has("from") && !m.Has("to"):
		d.Errs.Add(m.Pos(), "un créneau a un début (from), une fin (to) ou les deux : écrivez from: \"20:00\" pour « à partir de 20h », to: \"08:30\" pour « avant 8h30 »")
		return s, false
	case m.Has("from"):
		if s.From, err = vocab.ParseClock(clockText(m, "from"), false); err != nil {
			d.Errs.Add(m.ValuePos("from"), "%v", err)
			ok = false
		}
	default:
		s.OpenStart = true
	}
	if m.Has("to") {
		if s.To, err = vocab.ParseClock(clockText(m, "to"), true); err != nil {
			d.Errs.Add(m.ValuePos("to"), "%v", err)
			ok = false
		}
	} else {
		s.To, s.OpenEnd = vocab.EndOfDay, true
	}
	if ok && s.To <= s.From {
		d.Errs.Add(m.ValuePos("to"), "le créneau finit à %s, pas après son début à %s : \"to\" doit être plus tard que \"from\" (24:00 finit la journée ; sans \"to\", le créneau dure jusqu'à la fin de la journée)", s.To, s.From)
		ok = false
	}
	return s, ok
}

// clockText returns the text of a time field. An unquoted 08:30 is a plain
// string for YAML 1.2 decoders, but a number such as 8 stays a number: both
// are read as text and checked by vocab.ParseClock.
func clockText(m load.Map, key string) string {
	v := m.Value(key)
	if v == nil || v.Kind != yaml.ScalarNode {
		return m.String(key) // reports the wrong shape
	}
	return strings.TrimSpace(v.Value)
}

// checkSlots refuses overlapping slots for the same people, slots for
// levels no establishment of applies_to teaches, and an audience both given
// a slot and suspended.
func checkSlots(d *load.Decoder, t *Timetable) {
	for j, b := range t.Slots {
		for _, a := range t.Slots[:j] {
			if a.From >= b.To || b.From >= a.To {
				continue
			}
			if w := sharedWho(a.Who, b.Who); w != "" {
				d.Errs.Add(b.Pos, "le créneau %s chevauche celui de %s (%s) pour %q : donnez à chaque %s un seul créneau à la fois", clockRange(b), a.Pos, clockRange(a), w, whoNoun(w))
			}
		}
	}
	if len(t.AppliesTo) > 0 {
		for _, s := range t.Slots {
			for _, w := range s.Who {
				if levels := vocab.Expand(w); len(levels) > 0 && !slices.ContainsFunc(levels, func(l string) bool { return taught(t.AppliesTo, l) }) {
					d.Errs.Add(s.Pos, "le créneau nomme %q, mais aucun des établissements de cette grille (%s) n'enseigne ce niveau : ajoutez son type à applies_to ou retirez le mot", w, strings.Join(t.AppliesTo, ", "))
				}
			}
		}
	}
	for _, o := range t.Outside {
		if o.Rule != Suspendu {
			continue
		}
		for _, s := range t.Slots {
			if slices.Contains(s.Who, o.Who) {
				d.Errs.Add(s.Pos, "%q a un créneau mais son accès est suspendu dans outside : gardez l'un des deux", o.Who)
			}
		}
	}
}

func clockRange(s Slot) string {
	switch {
	case s.OpenStart:
		return "avant " + s.To.String()
	case s.OpenEnd:
		return "à partir de " + s.From.String()
	}
	return s.From.String() + "–" + s.To.String()
}

func whoNoun(w string) string {
	if _, ok := vocab.AudienceOf(w); ok {
		return "public"
	}
	return "niveau"
}

func taught(kinds []string, level string) bool {
	return slices.ContainsFunc(kinds, func(k string) bool { return vocab.KindHasLevel(k, level) })
}

// sharedWho returns a word both who lists concern, or "": the same word, a
// level both cover (through a group or "eleves"), else "".
func sharedWho(a, b []string) string {
	for _, w := range a {
		if slices.Contains(b, w) {
			return w
		}
	}
	for _, l := range vocab.Levels() {
		if coversLevel(a, l.Slug) && coversLevel(b, l.Slug) {
			return l.Slug
		}
	}
	return ""
}

// coversLevel reports whether a who list reaches a level: by naming it, its
// group, or "eleves".
func coversLevel(who []string, level string) bool {
	lv, ok := vocab.LevelOf(level)
	if !ok {
		return false
	}
	return slices.Contains(who, level) || slices.Contains(who, lv.Group) || slices.Contains(who, "eleves")
}

var sourceRE = regexp.MustCompile(`^directives/[a-z0-9]+(?:-[a-z0-9]+)*$`)

// checkSource explains what is wrong with a directive reference, or "".
func checkSource(s string) string {
	switch {
	case sourceRE.MatchString(s):
		return ""
	case strings.HasSuffix(s, ".md") && sourceRE.MatchString(strings.TrimSuffix(s, ".md")):
		return fmt.Sprintf("directive %q : retirez le .md, écrivez %q", s, strings.TrimSuffix(s, ".md"))
	case strings.HasPrefix(s, "/"), strings.Contains(s, "content/"):
		return fmt.Sprintf("directive %q : écrivez le chemin depuis le dossier de l'émetteur, par exemple \"directives/2020-03-19-plages-horaires\"", s)
	}
	return fmt.Sprintf("directive %q : nommez une directive du même émetteur sous la forme \"directives/<nom du fichier sans .md>\", par exemple \"directives/2020-03-19-plages-horaires\"", s)
}

// CheckSources checks that every source.directive names an existing
// directive of the timetable's issuer. exists answers for a reference such
// as "directives/2020-03-19-plages-horaires" in the issuer's folder.
func CheckSources(tts []*Timetable, exists func(issuer territory.Issuer, ref string) bool) diag.List {
	var errs diag.List
	for _, t := range tts {
		ref := t.Source.Directive
		if ref == "" || checkSource(ref) != "" {
			continue
		}
		if !exists(t.Issuer, ref) {
			errs.Add(t.Source.DirectivePos, "la directive %q n'existe pas : il n'y a pas de fichier content/%s/%s.md (la directive d'une grille est publiée par le même émetteur)", ref, t.Issuer.Dir(), ref)
		}
	}
	return errs.Sort()
}
