package timetable

// data.go: /academies/<a>/creneaux.json, the académie's timetables for
// ENT providers. The format is versioned: fields are added, never renamed or
// removed, within a version (docs/creneaux.md).

import (
	"slices"
	"time"

	"github.com/relais-ecoles/relais/internal/vocab"
)

// SlotsDataVersion is the version of the format of creneaux.json.
// Version 2 (docs/creneaux.md): "jours" is null when the source names no
// day (version 1 wrote Monday to Friday), a slot's "debut" or "fin" is null
// when the source gives none, and each timetable and period carries its
// tone, what holds outside the windows, the parents' windows and the
// source's words.
const SlotsDataVersion = 2

type slotsJSON struct {
	Schema   string        `json:"$schema"`
	Version  int           `json:"version"`
	Academy  academyJSON   `json:"academie"`
	Zone     string        `json:"fuseau"`
	Horaires []horaireJSON `json:"horaires"`
	Levels   []niveauJSON  `json:"niveaux"`
}

type academyJSON struct {
	ID     string     `json:"id"`
	Name   string     `json:"nom"`
	Label  string     `json:"libelle"`
	Region regionJSON `json:"region"`
	Page   string     `json:"page"`
	ENT    *entJSON   `json:"ent,omitempty"`
}

type regionJSON struct {
	ID   string `json:"id"`
	Name string `json:"nom"`
}

type entJSON struct {
	Name string `json:"nom"`
	URL  string `json:"url,omitempty"`
}

type issuerJSON struct {
	Kind string `json:"type"` // "national", "region", "academie", "collectivite"
	ID   string `json:"id,omitempty"`
	Name string `json:"nom"`
	// Stated is false when the source does not say which body it is.
	Stated bool `json:"organisme_precise"`
}

type horaireJSON struct {
	ID      string            `json:"id"`
	Title   string            `json:"titre"`
	Issuer  issuerJSON        `json:"emetteur"`
	Kinds   []string          `json:"etablissements"`
	From    string            `json:"du"`
	Basis   string            `json:"du_selon"` // "source", "publication", "article"
	To      *string           `json:"au"`
	Days    []string          `json:"jours"` // null: not stated
	Tone    string            `json:"ton"`
	Slots   []creneauJSON     `json:"creneaux"`
	Outside map[string]string `json:"hors_creneaux"`
	Note    string            `json:"note,omitempty"`
	Source  sourceJSON        `json:"source"`
}

type creneauJSON struct {
	Who    []string `json:"qui"`
	Start  *string  `json:"debut"` // null: from the start of the day
	End    *string  `json:"fin"`   // null: to the end of the day
	Free   bool     `json:"acces_libre"`
	Tone   string   `json:"ton,omitempty"`
	Reason string   `json:"raison,omitempty"`
	SaidBy string   `json:"dit_par,omitempty"`
}

type niveauJSON struct {
	Kind        string        `json:"etablissement"`
	Level       string        `json:"niveau"`
	Departement *string       `json:"departement"` // null: anywhere in the académie
	Label       string        `json:"libelle"`
	Page        string        `json:"page"`
	Calendar    *string       `json:"agenda"`
	Periods     []periodeJSON `json:"periodes"`
}

type periodeJSON struct {
	Horaire   string          `json:"horaire"`
	From      string          `json:"du"`
	To        *string         `json:"au"`
	Days      []string        `json:"jours"`
	Tone      string          `json:"ton"`
	Suspended bool            `json:"suspendu"`
	Slots     []levelSlotJSON `json:"creneaux"`
	Outside   *string         `json:"hors_creneaux"` // for the level; null: not stated
	Parents   parentsJSON     `json:"parents"`
}

type levelSlotJSON struct {
	Start *string `json:"debut"`
	End   *string `json:"fin"`
	Free  bool    `json:"acces_libre"`
}

type parentsJSON struct {
	Slots   []creneauJSON `json:"creneaux"`
	Outside *string       `json:"hors_creneaux"`
}

// sourceJSON is who said a timetable, when and in which words, and the
// directive that announces it.
type sourceJSON struct {
	SaidBy    string         `json:"dit_par"`
	On        *string        `json:"le"`
	Quote     string         `json:"citation"`
	URL       *string        `json:"url"`
	Directive *directiveJSON `json:"directive"`
}

type directiveJSON struct {
	Title string  `json:"titre"`
	URL   *string `json:"url"` // null: the site has no page for it
}

// sourceOf is the source of t in creneaux.json; link is the directive it
// names, if any.
func (b *builder) sourceOf(t *Timetable, link *SourceLink) sourceJSON {
	v := sourceJSON{SaidBy: t.Source.SaidBy, On: dateOrNull(t.Source.On), Quote: t.Source.Quote}
	if t.Source.URL != "" {
		u := t.Source.URL
		v.URL = &u
	}
	if link != nil {
		v.Directive = &directiveJSON{Title: link.Title}
		if link.URL != "" {
			u := b.u.Abs(link.URL)
			v.Directive.URL = &u
		}
	}
	return v
}

// clockOrNull writes a slot's start or end, null when the source gives none.
func clockOrNull(c vocab.Clock, open bool) *string {
	if open {
		return nil
	}
	s := c.String()
	return &s
}

func slotJSON(sl Slot) creneauJSON {
	return creneauJSON{Who: sl.Who, Start: clockOrNull(sl.From, sl.OpenStart), End: clockOrNull(sl.To, sl.OpenEnd), Free: sl.Free(), Tone: string(sl.Tone), Reason: sl.Reason, SaidBy: sl.SaidBy}
}

var basisJSON = map[Basis]string{Stated: "source", Published: "publication", Reported: "article"}

func outsideOrNull(t *Timetable, who string) *string {
	if r, ok := t.OutsideFor(who); ok {
		s := string(r)
		return &s
	}
	return nil
}

// dayWords writes the days a source names, or null when it names none.
func dayWords(days []time.Weekday) []string {
	if days == nil {
		return nil
	}
	out := []string{}
	for _, d := range week {
		for _, x := range days {
			if x == d {
				for _, w := range vocab.Weekdays() {
					if w.Day == d {
						out = append(out, w.Slug)
					}
				}
			}
		}
	}
	return out
}

func dateOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// slotsData is the creneaux.json of one académie: the timetables its
// levels follow (in force at build time and announced), and for every
// establishment kind and level it teaches, the periods from the build date
// on, with the slots already resolved by the rule of docs/design.md
// (« Which timetable applies »).
func (b *builder) slotsData(s *slotSet, sc *schedules) *slotsJSON {
	ac := sc.academy
	out := &slotsJSON{
		Schema:  b.u.Abs(b.u.SlotsSchema()),
		Version: SlotsDataVersion,
		Academy: academyJSON{
			ID:     ac.Slug,
			Name:   ac.Name,
			Label:  ac.Label(),
			Region: regionJSON{ID: ac.Region},
			Page:   b.u.Abs(b.u.Academy(ac.Slug)),
		},
		Zone:     ac.TimeZone,
		Horaires: []horaireJSON{},
		Levels:   []niveauJSON{},
	}
	if r := b.terr.Region(ac.Region); r != nil {
		out.Academy.Region.Name = r.Name
	}
	if ac.ENTName != "" {
		out.Academy.ENT = &entJSON{Name: ac.ENTName, URL: ac.ENTURL}
	}
	current, future := sc.used()
	for _, t := range append(current, future...) {
		h := horaireJSON{
			ID:      s.ids[t].String(),
			Title:   t.Title,
			Issuer:  issuerJSON{Kind: string(t.Issuer.Kind), ID: t.Issuer.Slug, Name: b.terr.IssuerLabel(t.Issuer), Stated: t.IssuerStated},
			Kinds:   t.AppliesTo,
			From:    t.Effective.Format(time.DateOnly),
			Basis:   basisJSON[t.Basis],
			To:      dateOrNull(t.Until),
			Days:    dayWords(t.Days),
			Tone:    string(t.Tone),
			Slots:   []creneauJSON{},
			Outside: map[string]string{},
			Note:    t.Note,
			Source:  b.sourceOf(t, s.sources[t]),
		}
		for _, sl := range t.Slots {
			h.Slots = append(h.Slots, slotJSON(sl))
		}
		for _, o := range t.Outside {
			h.Outside[o.Who] = string(o.Rule)
		}
		out.Horaires = append(out.Horaires, h)
	}
	cals := map[string]bool{}
	for _, c := range b.out.Calendars {
		cals[c.URL] = true
	}
	for _, place := range sc.places {
		for _, k := range vocab.Kinds() {
			for _, l := range k.Levels {
				ps := sc.periods(place, k.Slug, l)
				if place.Departement != "" && samePeriods(ps, sc.periods(Place{Academy: ac.Slug}, k.Slug, l)) {
					continue // the same as anywhere in the académie
				}
				lv, _ := vocab.LevelOf(l)
				n := niveauJSON{Kind: k.Slug, Level: l, Label: lv.Label, Page: b.u.Abs(b.u.Level(ac.Slug, l)), Periods: []periodeJSON{}}
				if place.Departement != "" {
					d := place.Departement
					n.Departement = &d
				}
				if u := b.u.LevelCalendar(ac.Slug, l); cals[u] {
					abs := b.u.Abs(u)
					n.Calendar = &abs
				}
				for _, p := range ps {
					t := p.Timetable
					pj := periodeJSON{
						Horaire:   s.ids[t].String(),
						From:      p.From.Format(time.DateOnly),
						To:        dateOrNull(p.To),
						Days:      dayWords(t.Days),
						Tone:      string(t.Tone),
						Suspended: t.Suspends(l),
						Slots:     []levelSlotJSON{},
						Outside:   outsideOrNull(t, l),
						Parents:   parentsJSON{Slots: []creneauJSON{}, Outside: outsideOrNull(t, "parents")},
					}
					if !pj.Suspended {
						for _, sl := range t.PupilSlots(l) {
							pj.Slots = append(pj.Slots, levelSlotJSON{Start: clockOrNull(sl.From, sl.OpenStart), End: clockOrNull(sl.To, sl.OpenEnd), Free: sl.Free()})
						}
					}
					for _, sl := range t.AudienceSlots("parents") {
						pj.Parents.Slots = append(pj.Parents.Slots, slotJSON(sl))
					}
					n.Periods = append(n.Periods, pj)
				}
				out.Levels = append(out.Levels, n)
			}
		}
	}
	return out
}

// ---- The open-now script's schedule (data-creneaux) ----

// scriptData is the schedule assets/js/ouvert.js reads from data-creneaux.
type scriptData struct {
	Zone string `json:"fuseau"`
	// Place names the kind of school at the start of the line: "En cité
	// scolaire".
	Place   string         `json:"lieu"`
	Periods []scriptPeriod `json:"periodes"`
	// Holidays are the school holidays of the académie's zone (calendar.go):
	// on their days the page says that no instruction is published.
	Holidays []scriptHoliday `json:"vacances,omitempty"`
}

// scriptHoliday is a holiday for assets/js/ouvert.js: its first and last
// days, and its zone.
type scriptHoliday struct {
	From string `json:"du"`
	To   string `json:"au"`
	Zone string `json:"zone"`
}

type scriptPeriod struct {
	From string `json:"du"`
	To   string `json:"au,omitempty"`
	// Days are the days the source names, 0 = Sunday as JavaScript's
	// getDay; null when it names none (then reserved windows hold on
	// weekdays, free-access ones every day, and a weekend day has no
	// published rule).
	Days []int `json:"jours"`
	// Slots are [from, to, flags], minutes after midnight; flags: 1 free
	// access, 2 no end stated ("à partir de"), 4 no start stated
	// ("avant").
	Slots [][3]int `json:"creneaux"`
	// In says what a reserved window is, in the rule's tone: "créneau
	// demandé pour se connecter".
	In string `json:"dans"`
	// Out says what holds outside the windows: "en dehors des créneaux, la
	// consigne ne dit rien de ce moment".
	Out string `json:"hors"`
	// OutLook is the class of the line outside the windows: "ouvert",
	// "ferme", or "" when the source is silent (outsideClass).
	OutLook string `json:"hc,omitempty"`
	// Closed is the whole line when the pupils' access is suspended.
	Closed string `json:"ferme,omitempty"`
}

// slotFlags are the flags of a slot in scriptPeriod.Slots.
func slotFlags(s Slot) int {
	f := 0
	if s.Free() || slices.Contains(s.Who, "tous") {
		f |= 1
	}
	if s.OpenEnd {
		f |= 2
	}
	if s.OpenStart {
		f |= 4
	}
	return f
}
