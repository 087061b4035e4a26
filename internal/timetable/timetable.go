package timetable

import (
	"fmt"
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

// Timetable is one entry of a timetables.yaml list.
type Timetable struct {
	Issuer    territory.Issuer
	Title     string
	AppliesTo []string // establishment kinds, in the order written
	Effective time.Time
	Until     time.Time // last day in force; zero when open-ended
	Days      []time.Weekday
	Source    string // directive path from the issuer's folder, or ""
	SourcePos diag.Pos
	Slots     []Slot
	Suspended []string // who words whose access is suspended
	Note      string   // Markdown
	NoteLine  int      // the file line the note's text starts on
	Pos       diag.Pos // the list item
	Path      string   // "content/academies/paris/timetables.yaml"
}

// Slot is a window in which some people may connect.
type Slot struct {
	Who      []string // canonical who words: levels, groups, audiences
	From, To vocab.Clock
	Pos      diag.Pos
}

// DefaultDays are the days of a timetable that gives none: Monday to Friday.
var DefaultDays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// Decode reads every timetable file of the tree. Timetables whose file or
// entry has errors are still returned when they could be read, so that later
// checks can report more; callers stop on a non-empty error list.
func Decode(tree *load.Tree, terr *territory.Territory) ([]*Timetable, diag.List) {
	var (
		out  []*Timetable
		errs diag.List
	)
	for _, dir := range []string{"content/national", "content/regions", "content/academies"} {
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
			out = append(out, tts...)
			errs = append(errs, e...)
		}
	}
	return out, errs.Sort()
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
	return fmt.Sprintf("%q is not read: timetables go in a file named %q", name, FileName)
}

func unknownIssuer(tree *load.Tree, terr *territory.Territory, iss territory.Issuer) string {
	if terr.Has(iss) {
		return ""
	}
	var known []string
	what := "académie"
	if iss.Kind == territory.IssuerRegion {
		what = "région"
		for _, r := range terr.Regions {
			known = append(known, r.Slug)
		}
	} else {
		for _, a := range terr.Academies {
			known = append(known, a.Slug)
		}
	}
	if tree.Get("content/"+iss.Dir()+"/_index.md") != nil {
		return fmt.Sprintf("%s %q is not usable: fix the errors of content/%s/_index.md", what, iss.Slug, iss.Dir())
	}
	if s := diag.Suggest(iss.Slug, known); s != "" {
		return fmt.Sprintf("unknown %s %q in the folder name (did you mean %q?)", what, iss.Slug, s)
	}
	return fmt.Sprintf("unknown %s %q: the folder content/%s has no _index.md", what, iss.Slug, iss.Dir())
}

var timetableKeys = []string{"title", "applies_to", "effective", "until", "days", "source", "slots", "suspended", "note"}

var slotKeys = []string{"who", "from", "to"}

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
		d.Errorf(root, "a timetables file is a list of timetables, each starting with \"- title: ...\"")
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

const ttWhat = "a timetable"

func decodeOne(d *load.Decoder, item *yaml.Node, iss territory.Issuer) *Timetable {
	m := d.Map(item, ttWhat, timetableKeys...)
	if m.Node() == nil || m.Node().Kind != yaml.MappingNode {
		return nil
	}
	m.Require(ttWhat, "title", "applies_to", "effective", "slots")
	t := &Timetable{
		Issuer: iss,
		Title:  m.String("title"),
		Note:   m.String("note"),
		Pos:    m.Pos(),
		Path:   d.File,
	}
	for _, w := range m.Words("applies_to") {
		k, err := vocab.ParseKind(w.Text)
		switch {
		case err != nil:
			d.Errs.Add(w.Pos, "%v", err)
		case slices.Contains(t.AppliesTo, k):
			d.Errs.Add(w.Pos, "%q is listed twice in applies_to", k)
		default:
			t.AppliesTo = append(t.AppliesTo, k)
		}
	}
	if m.Has("applies_to") && len(t.AppliesTo) == 0 && len(m.Value("applies_to").Content) == 0 && m.Value("applies_to").Kind == yaml.SequenceNode {
		d.Errs.Add(m.ValuePos("applies_to"), "applies_to is empty: name the establishment kinds, such as [college]")
	}
	if v := m.Value("note"); v != nil {
		t.NoteLine = v.Line
		if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			t.NoteLine++ // the text starts under the | or > indicator
		}
	}
	t.Effective, _ = m.Date("effective")
	if until, ok := m.Date("until"); ok {
		t.Until = until
		if !t.Effective.IsZero() && until.Before(t.Effective) {
			d.Errs.Add(m.ValuePos("until"), "until %s is before effective %s: until is the last day in force", until.Format(time.DateOnly), t.Effective.Format(time.DateOnly))
		}
	}
	t.Days = decodeDays(d, m)
	if m.Has("source") {
		t.Source = m.String("source")
		t.SourcePos = m.ValuePos("source")
		if msg := checkSource(t.Source); msg != "" {
			d.Errs.Add(t.SourcePos, "%s", msg)
		}
	}
	t.Suspended = decodeWho(d, m, "suspended")
	for _, n := range m.Items("slots") {
		if s, ok := decodeSlot(d, n); ok {
			t.Slots = append(t.Slots, s)
		}
	}
	if v := m.Value("slots"); v != nil && v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
		d.Errs.Add(m.ValuePos("slots"), "slots is empty: give at least one slot (who, from, to)")
	}
	checkSlots(d, t)
	return t
}

func decodeDays(d *load.Decoder, m load.Map) []time.Weekday {
	if !m.Has("days") {
		return slices.Clone(DefaultDays)
	}
	var days []time.Weekday
	before := len(d.Errs)
	for _, w := range m.Words("days") {
		day, err := vocab.ParseWeekday(w.Text)
		switch {
		case err != nil:
			d.Errs.Add(w.Pos, "%v", err)
		case slices.Contains(days, day):
			d.Errs.Add(w.Pos, "day %q is listed twice", w.Text)
		default:
			days = append(days, day)
		}
	}
	if len(days) == 0 && len(d.Errs) == before {
		d.Errs.Add(m.ValuePos("days"), "days is empty: leave it out for Monday to Friday, or list days such as [lun, mer]")
	}
	// Keep the week order, Monday first.
	slices.SortFunc(days, func(a, b time.Weekday) int { return weekIndex(a) - weekIndex(b) })
	return days
}

func weekIndex(d time.Weekday) int { return (int(d) + 6) % 7 }

// decodeWho reads a list of who words (levels, groups, audiences).
func decodeWho(d *load.Decoder, m load.Map, key string) []string {
	var out []string
	for _, w := range m.Words(key) {
		s, err := vocab.ParseWho(w.Text)
		switch {
		case err != nil:
			d.Errs.Add(w.Pos, "%v", err)
		case slices.Contains(out, s):
			d.Errs.Add(w.Pos, "%q is listed twice in %s", w.Text, key)
		default:
			out = append(out, s)
		}
	}
	return out
}

func decodeSlot(d *load.Decoder, n *yaml.Node) (Slot, bool) {
	const what = "a slot"
	m := d.Map(n, what, slotKeys...)
	if m.Node() == nil || m.Node().Kind != yaml.MappingNode {
		return Slot{}, false
	}
	m.Require(what, "who", "from", "to")
	s := Slot{Pos: m.Pos(), Who: decodeWho(d, m, "who")}
	ok := len(s.Who) > 0
	if m.Has("who") && !ok && m.Value("who").Kind == yaml.SequenceNode && len(m.Value("who").Content) == 0 {
		d.Errs.Add(m.ValuePos("who"), "who is empty: name levels or audiences, such as [6e, 5e] or [parents]")
	}
	var err error
	if m.Has("from") {
		if s.From, err = vocab.ParseClock(clockText(m, "from"), false); err != nil {
			d.Errs.Add(m.ValuePos("from"), "%v", err)
			ok = false
		}
	} else {
		ok = false
	}
	if m.Has("to") {
		if s.To, err = vocab.ParseClock(clockText(m, "to"), true); err != nil {
			d.Errs.Add(m.ValuePos("to"), "%v", err)
			ok = false
		}
	} else {
		ok = false
	}
	if ok && s.To <= s.From {
		d.Errs.Add(m.ValuePos("to"), "slot ends at %s, not after it starts at %s: \"to\" must be later than \"from\" (24:00 ends the day)", s.To, s.From)
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

// checkSlots refuses overlapping slots for the same people and slots for
// levels no establishment of applies_to teaches.
func checkSlots(d *load.Decoder, t *Timetable) {
	for j, b := range t.Slots {
		for _, a := range t.Slots[:j] {
			if a.From >= b.To || b.From >= a.To {
				continue
			}
			if w := sharedWho(a.Who, b.Who); w != "" {
				d.Errs.Add(b.Pos, "slot %s–%s overlaps the slot %s–%s at %s for %q: give each %s one slot at a time", b.From, b.To, a.From, a.To, a.Pos, w, whoNoun(w))
			}
		}
	}
	if len(t.AppliesTo) == 0 {
		return
	}
	for _, s := range t.Slots {
		for _, w := range s.Who {
			if levels := vocab.Expand(w); len(levels) > 0 && !slices.ContainsFunc(levels, func(l string) bool { return taught(t.AppliesTo, l) }) {
				d.Errs.Add(s.Pos, "slot names %q, but no establishment this timetable applies to (%s) teaches it: add its kind to applies_to or remove the word", w, strings.Join(t.AppliesTo, ", "))
			}
		}
	}
	for _, sus := range t.Suspended {
		for _, s := range t.Slots {
			if slices.Contains(s.Who, sus) {
				d.Errs.Add(s.Pos, "%q has a slot but is also in suspended: remove one of the two", sus)
			}
		}
	}
}

func whoNoun(w string) string {
	if _, ok := vocab.AudienceOf(w); ok {
		return "audience"
	}
	return "level"
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

// checkSource explains what is wrong with a source reference, or returns "".
func checkSource(s string) string {
	switch {
	case sourceRE.MatchString(s):
		return ""
	case strings.HasSuffix(s, ".md") && sourceRE.MatchString(strings.TrimSuffix(s, ".md")):
		return fmt.Sprintf("source %q: leave out the .md, write %q", s, strings.TrimSuffix(s, ".md"))
	case strings.HasPrefix(s, "/"), strings.Contains(s, "content/"):
		return fmt.Sprintf("source %q must be written from the issuer's folder, such as \"directives/2020-03-19-plages-horaires\"", s)
	}
	return fmt.Sprintf("source %q must name a directive of the issuer as \"directives/<slug>\", such as \"directives/2020-03-19-plages-horaires\"", s)
}

// CheckSources checks that every source names an existing directive of the
// timetable's issuer. exists answers for a reference such as
// "directives/2020-03-19-plages-horaires" in the issuer's folder.
func CheckSources(tts []*Timetable, exists func(issuer territory.Issuer, ref string) bool) diag.List {
	var errs diag.List
	for _, t := range tts {
		if t.Source == "" || checkSource(t.Source) != "" {
			continue
		}
		if !exists(t.Issuer, t.Source) {
			errs.Add(t.SourcePos, "source %q names no directive: there is no content/%s/%s.md", t.Source, t.Issuer.Dir(), t.Source)
		}
	}
	return errs.Sort()
}
