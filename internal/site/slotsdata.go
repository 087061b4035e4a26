package site

// slotsdata.go: /academies/<a>/creneaux.json, the académie's timetables for
// ENT providers. The format is versioned: fields are added, never renamed or
// removed, within a version (docs/creneaux.md).

import (
	"encoding/json"
	"time"

	"github.com/relais-ecoles/relais/internal/timetable"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// SlotsDataVersion is the version of the format of creneaux.json.
// Version 2 (docs/creneaux.md): "jours" is null when the source names no
// day (version 1 wrote Monday to Friday), a slot's "debut" or "fin" is null
// when the source gives none, and each timetable and period carries its
// tone, what holds outside the windows, the parents' windows and the
// source's words.
const SlotsDataVersion = 2

// SlotsSchemaURL is the JSON Schema of creneaux.json.
const SlotsSchemaURL = "/schemas/creneaux-2.json"

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
// directive that announces it, whose URL is known only once every page is
// added, so it is read when the file is encoded.
type sourceJSON struct {
	saidBy, quote, url string
	on                 time.Time
	link               *SourceLink
	abs                func(string) string
}

func (s sourceJSON) MarshalJSON() ([]byte, error) {
	type directiveJSON struct {
		Title string  `json:"titre"`
		URL   *string `json:"url"`
	}
	v := struct {
		SaidBy    string         `json:"dit_par"`
		On        *string        `json:"le"`
		Quote     string         `json:"citation"`
		URL       *string        `json:"url"`
		Directive *directiveJSON `json:"directive"`
	}{SaidBy: s.saidBy, On: dateOrNull(s.on), Quote: s.quote}
	if s.url != "" {
		v.URL = &s.url
	}
	if s.link != nil {
		v.Directive = &directiveJSON{Title: s.link.Title}
		if s.link.URL != "" {
			u := s.abs(s.link.URL)
			v.Directive.URL = &u
		}
	}
	return json.Marshal(v)
}

// clockOrNull writes a slot's start or end, null when the source gives none.
func clockOrNull(c vocab.Clock, open bool) *string {
	if open {
		return nil
	}
	s := c.String()
	return &s
}

func slotJSON(sl timetable.Slot) creneauJSON {
	return creneauJSON{Who: sl.Who, Start: clockOrNull(sl.From, sl.OpenStart), End: clockOrNull(sl.To, sl.OpenEnd), Free: sl.Free(), Tone: string(sl.Tone), Reason: sl.Reason, SaidBy: sl.SaidBy}
}

var basisWords = map[timetable.Basis]string{timetable.Stated: "source", timetable.Published: "publication", timetable.Reported: "article"}

func outsideOrNull(t *timetable.Timetable, who string) *string {
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
func (a *assembler) slotsData(s *slotSet, sc *schedules) *slotsJSON {
	ac := sc.academy
	out := &slotsJSON{
		Schema:  a.site.Abs(SlotsSchemaURL),
		Version: SlotsDataVersion,
		Academy: academyJSON{
			ID:     ac.Slug,
			Name:   ac.Name,
			Label:  ac.Label(),
			Region: regionJSON{ID: ac.Region},
			Page:   a.site.Abs(AcademyURL(ac.Slug)),
		},
		Zone:     ac.TimeZone,
		Horaires: []horaireJSON{},
		Levels:   []niveauJSON{},
	}
	if r := a.terr.Region(ac.Region); r != nil {
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
			Issuer:  issuerJSON{Kind: string(t.Issuer.Kind), ID: t.Issuer.Slug, Name: a.terr.IssuerLabel(t.Issuer), Stated: t.IssuerStated},
			Kinds:   t.AppliesTo,
			From:    t.Effective.Format(time.DateOnly),
			Basis:   basisWords[t.Basis],
			To:      dateOrNull(t.Until),
			Days:    dayWords(t.Days),
			Tone:    string(t.Tone),
			Slots:   []creneauJSON{},
			Outside: map[string]string{},
			Note:    t.Note,
			Source:  sourceJSON{saidBy: t.Source.SaidBy, on: t.Source.On, quote: t.Source.Quote, url: t.Source.URL, link: s.sources[t], abs: a.site.Abs},
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
	for _, c := range a.site.Calendars {
		cals[c.URL] = true
	}
	for _, place := range sc.places {
		for _, k := range vocab.Kinds() {
			for _, l := range k.Levels {
				ps := sc.periods(place, k.Slug, l)
				if place.Departement != "" && samePeriods(ps, sc.periods(timetable.Place{Academy: ac.Slug}, k.Slug, l)) {
					continue // the same as anywhere in the académie
				}
				lv, _ := vocab.LevelOf(l)
				n := niveauJSON{Kind: k.Slug, Level: l, Label: lv.Label, Page: a.site.Abs(LevelURL(ac.Slug, l)), Periods: []periodeJSON{}}
				if place.Departement != "" {
					d := place.Departement
					n.Departement = &d
				}
				if u := LevelCalendarURL(ac.Slug, l); cals[u] {
					abs := a.site.Abs(u)
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
