package timetable

// build.go: Build, the views of every timetable of a site.

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Input is what Build takes besides the timetables' files: the site's
// territory, the build's time and clock, and where the views link to.
type Input struct {
	Tree      *load.Tree
	Territory *territory.Territory
	// Now is the build time; Clock records what it is compared with
	// (a fork of the build's, joined by site).
	Now   time.Time
	Clock *view.Clock
	// URLs are the site's addresses (site makes them, in one place).
	URLs URLs
	// Host is the host of the base URL, for the UIDs of calendar events.
	Host string
	// SiteTitle ends the <title> of the level pages.
	SiteTitle string
	// Directives says which directive pages the site has, for the links
	// of the timetables to the directives that announce them. Build calls
	// it once, after the timetables are decoded and their periods
	// resolved and before it makes any view: it may wait until the
	// directives are decoded, so that the rest of the site is made
	// meanwhile. Nil: the site has no directive page.
	Directives func() DirectivePages
}

// URLs are the addresses the timetable views link to and are found at.
type URLs interface {
	Home() string
	Academies() string // the list of every académie
	Regions() string   // the list of the régions académiques
	Region(slug string) string
	Academy(slug string) string
	Level(academy, level string) string
	// LevelCalendar is the iCalendar file named name ("4e",
	// "4e-parents") in an académie's folder.
	LevelCalendar(academy, name string) string
	SlotsData(academy string) string // creneaux.json
	SlotsSchema() string             // its JSON Schema
	// Issuer is the page of an issuer, for the links of its notes.
	Issuer(iss territory.Issuer) string
	// Abs makes a site address absolute on the base URL.
	Abs(u string) string
}

// DirectivePages are the pages of the published directives.
type DirectivePages interface {
	// Page returns the address and title of the page of the directive
	// in the content file path; false when the site has no page for it
	// (no such file, or a draft or future directive left out).
	Page(path string) (url, title string, ok bool)
}

// noPages are the directive pages of a site that has none.
type noPages struct{}

func (noPages) Page(string) (string, string, bool) { return "", "", false }

// Views are the outputs of the timetables, complete: nothing changes
// them once Build returns.
type Views struct {
	// Pages are the page of each région, of each académie followed by
	// its levels, then the lists of académies and régions (none for a
	// site without territory). Their Data is a *RegionView, *AcademyView,
	// *LevelView or *AcademiesView.
	Pages     []*view.Page
	Calendars []*view.Calendar
	Data      []*view.DataFile // each académie's creneaux.json
	// Texts are the Markdown texts the views show, in the order they were
	// made, for the site's link pass.
	Texts []*view.Text
	Errs  diag.List
	// Regions are the régions and their académies with their status, for
	// the home page; nil without territory.
	Regions []RegionEntry
	// National is the home page's sentence on the ministry's
	// recommendation, and NationalDeps the file it comes from.
	National     string
	NationalDeps []string
	// Timetables are every timetable decoded, for the checks that read
	// them beside the directives (CheckDirectives).
	Timetables []*Timetable
	// Read are the directive files the timetables name, which Build
	// looked for in the tree (whether they exist, and their titles):
	// with Input.Directives' answers, the files of directive folders that
	// the views depend on. The others Build reads are the territory's and
	// the timetables' own.
	Read []string
}

// builder holds the state of one Build.
type builder struct {
	in   Input
	terr *territory.Territory
	u    URLs
	out  *Views
}

// Build decodes and checks the timetables of a site and makes their
// views: a page per région académique and per académie, a page and
// calendars per académie and level, and each académie's creneaux.json.
func Build(in Input) *Views {
	b := &builder{in: in, terr: in.Territory, u: in.URLs, out: &Views{}}
	s := b.timetables()
	b.out.Timetables = s.tts
	var scheds []*schedules
	for _, ac := range b.terr.Academies {
		b.in.Clock.Zone(ac.Location)
		scheds = append(scheds, s.schedulesOf(b.terr, ac, b.in.Now))
	}
	if len(s.refs) > 0 {
		var pages DirectivePages = noPages{}
		if in.Directives != nil {
			pages = in.Directives()
		}
		s.linkSources(pages)
	}
	b.out.Regions = b.addTimetables(s, scheds)
	b.out.National, b.out.NationalDeps = s.nationalSummary(b.terr, b.in.Now)
	return b.out
}

// add adds a page.
func (b *builder) add(p *view.Page) { b.out.Pages = append(b.out.Pages, p) }

// text makes a Markdown text of the views, for the link pass.
func (b *builder) text(path string, src []byte, line int, url string) *view.Text {
	t := &view.Text{Path: path, Line: line, Src: src, URL: url}
	b.out.Texts = append(b.out.Texts, t)
	return t
}

// slotSet is the timetables of a site, decoded and checked, with what the
// pages need to name them.
type slotSet struct {
	tts     []*Timetable
	ids     map[*Timetable]ttID
	sources map[*Timetable]*SourceLink // made by linkSources
	notes   map[*Timetable]*view.Text
	// refs are the directives the timetables name (source.directive),
	// before linkSources.
	refs map[*Timetable]sourceRef
}

// sourceRef is a directive a timetable names: its file, its title in its
// front matter (or its slug) and its issuer.
type sourceRef struct {
	path, title, issuer string
}

// linkSources makes the link of each timetable to the directive it names:
// to its page, by its title, when the site has that page.
func (s *slotSet) linkSources(pages DirectivePages) {
	for t, r := range s.refs {
		src := &SourceLink{Title: r.title, Issuer: r.issuer, Path: r.path}
		if url, title, ok := pages.Page(r.path); ok {
			src.URL, src.Title = url, title
		}
		s.sources[t] = src
	}
}

// ttID names a timetable stably: its file and its position in the list.
type ttID struct {
	file  string // "content/academies/paris/timetables.yaml"
	index int    // 1-based
}

// String is the id of the JSON files: "academies/paris/timetables.yaml#1".
func (id ttID) String() string {
	return fmt.Sprintf("%s#%d", strings.TrimPrefix(id.file, "content/"), id.index)
}

// timetables decodes and checks every timetable of the site.
func (b *builder) timetables() *slotSet {
	tts, errs := Decode(b.in.Tree, b.terr)
	b.out.Errs.Append(errs)
	b.out.Errs.Append(CheckAmbiguous(tts, b.terr))
	b.out.Errs.Append(CheckSources(tts, func(iss territory.Issuer, ref string) bool {
		return b.directiveFile(directivePath(iss, ref)) != nil
	}))
	s := &slotSet{
		tts:     tts,
		ids:     map[*Timetable]ttID{},
		sources: map[*Timetable]*SourceLink{},
		notes:   map[*Timetable]*view.Text{},
		refs:    map[*Timetable]sourceRef{},
	}
	n := map[string]int{}
	for _, t := range tts {
		n[t.Path]++
		s.ids[t] = ttID{file: t.Path, index: n[t.Path]}
		if t.Source.Directive != "" {
			p := directivePath(t.Issuer, t.Source.Directive)
			title := strings.TrimPrefix(t.Source.Directive, "directives/")
			if f := b.directiveFile(p); f != nil {
				if tl := frontTitle(f); tl != "" {
					title = tl
				}
			}
			s.refs[t] = sourceRef{path: p, title: title, issuer: b.terr.IssuerLabel(t.Issuer)}
		}
		if strings.TrimSpace(t.Note) != "" {
			s.notes[t] = b.text(t.Path, []byte(t.Note), max(t.NoteLine, 1), b.u.Issuer(t.Issuer))
		}
	}
	return s
}

// nationalSummary is the home page's sentence on the ministry's
// recommendation in force today in Paris (else the first announced), and
// the file it comes from; "" when the ministry has none.
func (s *slotSet) nationalSummary(terr *territory.Territory, now time.Time) (string, []string) {
	if s == nil {
		return "", nil
	}
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		loc = time.UTC
	}
	today := Civil(now.In(loc))
	var next *Timetable
	for _, t := range s.tts {
		if t.Issuer.Kind != territory.IssuerNational {
			continue
		}
		if t.InForce(today) {
			return nationalSentence(terr, t, false), []string{t.Path}
		}
		if t.Effective.After(today) && (next == nil || t.Effective.Before(next.Effective)) {
			next = t
		}
	}
	if next != nil {
		return nationalSentence(terr, next, true), []string{next.Path}
	}
	return "", nil
}

// directiveFile returns the file at p, a directive file a timetable
// names, or nil, and records that Build looked for it (Views.Read).
func (b *builder) directiveFile(p string) *load.File {
	b.out.Read = append(b.out.Read, p)
	return b.in.Tree.Get(p)
}

// directivePath is the content file of a directive reference such as
// "directives/2020-03-19-plages-horaires" in an issuer's folder.
func directivePath(iss territory.Issuer, ref string) string {
	return "content/" + iss.Dir() + "/" + ref + ".md"
}

// frontTitle reads the title of a Markdown file's front matter, or "". The
// file's own errors are reported by the part of the site that reads it.
func frontTitle(f *load.File) string {
	doc, _ := load.Front(f)
	if doc == nil || doc.Front == nil || doc.Front.Kind != yaml.MappingNode {
		return ""
	}
	c := doc.Front.Content
	for i := 0; i+1 < len(c); i += 2 {
		if c[i].Value == "title" && c[i+1].Kind == yaml.ScalarNode {
			return strings.TrimSpace(c[i+1].Value)
		}
	}
	return ""
}

// schedules are the periods of every (kind, level) of one académie, at
// each of its places: the whole académie, then each département where a
// Département's rules reach (Places).
type schedules struct {
	academy *territory.Academy
	loc     *time.Location
	today   time.Time // the build date in the académie's zone, civil
	places  []Place
	byPlace map[string]map[string]map[string][]Period // département ("" for all), kind, level
}

// periods are the periods of (kind, level) at place.
func (sc *schedules) periods(place Place, kind, level string) []Period {
	return sc.byPlace[place.Departement][kind][level]
}

// schedulesOf resolves which timetable applies (docs/design.md) for every
// place, kind and level of an académie, from the build date on. Ambiguities
// are reported by CheckAmbiguous; here they leave the level without periods.
func (s *slotSet) schedulesOf(terr *territory.Territory, a *territory.Academy, now time.Time) *schedules {
	loc := a.Location
	if loc == nil {
		loc = time.UTC // the zone is reported as wrong; the build stops anyway
	}
	local := now.In(loc)
	sc := &schedules{academy: a, loc: loc, today: Civil(local), places: Places(terr, a.Slug), byPlace: map[string]map[string]map[string][]Period{}}
	for _, place := range sc.places {
		byKind := map[string]map[string][]Period{}
		for _, k := range vocab.Kinds() {
			m := map[string][]Period{}
			for _, l := range k.Levels {
				// From the beginning, so that the period in force today keeps
				// its true first day; then the periods that are over go.
				ps, err := ScheduleAt(s.tts, terr, place, k.Slug, l, time.Time{})
				if err != nil {
					continue
				}
				m[l] = slices.DeleteFunc(ps, func(p Period) bool { return !p.To.IsZero() && p.To.Before(sc.today) })
			}
			byKind[k.Slug] = m
		}
		sc.byPlace[place.Departement] = byKind
	}
	return sc
}

// used returns the timetables some kind and level of the académie follow,
// in force today first (the most specific issuer first), then the announced
// ones by date.
func (sc *schedules) used() (current, future []*Timetable) {
	seen := map[*Timetable]bool{}
	for _, place := range sc.places {
		for _, k := range vocab.Kinds() {
			for _, l := range k.Levels {
				for _, p := range sc.periods(place, k.Slug, l) {
					if seen[p.Timetable] {
						continue
					}
					seen[p.Timetable] = true
					if !p.From.After(sc.today) {
						current = append(current, p.Timetable)
					}
				}
			}
		}
	}
	for _, place := range sc.places {
		for _, k := range vocab.Kinds() {
			for _, l := range k.Levels {
				for _, p := range sc.periods(place, k.Slug, l) {
					if p.From.After(sc.today) && !slices.Contains(current, p.Timetable) && !slices.Contains(future, p.Timetable) {
						future = append(future, p.Timetable)
					}
				}
			}
		}
	}
	slices.SortStableFunc(current, compareTimetables)
	slices.SortStableFunc(future, func(x, y *Timetable) int {
		if c := x.Effective.Compare(y.Effective); c != 0 {
			return c
		}
		return compareTimetables(x, y)
	})
	return current, future
}

// compareTimetables orders timetables by issuer (the most specific first),
// then file position.
func compareTimetables(x, y *Timetable) int {
	if c := cmp.Compare(y.Issuer.Specificity(), x.Issuer.Specificity()); c != 0 {
		return c
	}
	return diag.Compare(x.Pos, y.Pos)
}

// timetableFiles are the timetable files whose rules reach an académie.
func timetableFiles(terr *territory.Territory, academy string) []string {
	var out []string
	for _, iss := range terr.IssuersOf(academy) {
		out = append(out, "content/"+iss.Dir()+"/"+FileName)
	}
	return out
}

func (s *slotSet) sourcePath(t *Timetable) []string {
	if src := s.sources[t]; src != nil {
		return []string{src.Path}
	}
	return nil
}

// sortedDeps sorts a list of files and drops repeats.
func sortedDeps(deps []string) []string {
	slices.Sort(deps)
	return slices.Compact(deps)
}

// statusOf sums up the schedules of an académie.
func statusOf(sc *schedules) AcademyStatus {
	var st AcademyStatus
	local := map[string]bool{}
	for _, k := range vocab.Kinds() {
		for _, l := range k.Levels {
			for _, p := range sc.periods(Place{Academy: sc.academy.Slug}, k.Slug, l) {
				if p.Timetable.Issuer.Kind == territory.IssuerNational {
					st.National = true
				} else {
					local[k.Slug] = true
				}
			}
		}
	}
	if len(local) == 0 {
		return st
	}
	st.Published = true
	if len(local) < len(vocab.Kinds()) {
		for _, k := range vocab.Kinds() {
			if local[k.Slug] {
				st.Kinds = append(st.Kinds, k.Plural)
			}
		}
	}
	return st
}
