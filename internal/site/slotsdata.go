package site

// slotsdata.go: /academies/<a>/creneaux.json, the académie's timetables for
// ENT providers. The format is versioned: fields are added, never renamed or
// removed, within version 1 (docs/content.md, "For ENT providers").

import (
	"encoding/json"
	"time"

	"github.com/relais-ecoles/relais/internal/timetable"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// SlotsDataVersion is the version of the format of creneaux.json.
const SlotsDataVersion = 1

// SlotsSchemaURL is the JSON Schema of creneaux.json.
const SlotsSchemaURL = "/schemas/creneaux-1.json"

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
	Kind string `json:"type"` // "academie", "region", "national"
	ID   string `json:"id,omitempty"`
	Name string `json:"nom"`
}

type horaireJSON struct {
	ID        string        `json:"id"`
	Title     string        `json:"titre"`
	Issuer    issuerJSON    `json:"emetteur"`
	Kinds     []string      `json:"etablissements"`
	From      string        `json:"du"`
	To        *string       `json:"au"`
	Days      []string      `json:"jours"`
	Slots     []creneauJSON `json:"creneaux"`
	Suspended []string      `json:"suspendus"`
	Note      string        `json:"note,omitempty"`
	Source    *sourceJSON   `json:"source"`
}

type creneauJSON struct {
	Who   []string `json:"qui"`
	Start string   `json:"debut"`
	End   string   `json:"fin"`
}

type niveauJSON struct {
	Kind     string        `json:"etablissement"`
	Level    string        `json:"niveau"`
	Label    string        `json:"libelle"`
	Page     string        `json:"page"`
	Calendar *string       `json:"agenda"`
	Periods  []periodeJSON `json:"periodes"`
}

type periodeJSON struct {
	Horaire   string          `json:"horaire"`
	From      string          `json:"du"`
	To        *string         `json:"au"`
	Days      []string        `json:"jours"`
	Suspended bool            `json:"suspendu"`
	Slots     []levelSlotJSON `json:"creneaux"`
}

type levelSlotJSON struct {
	Start string `json:"debut"`
	End   string `json:"fin"`
	Free  bool   `json:"acces_libre"`
}

// sourceJSON names a directive; its URL is known only once every page is
// added, so it is read when the file is encoded.
type sourceJSON struct {
	link *SourceLink
	abs  func(string) string
}

func (s *sourceJSON) MarshalJSON() ([]byte, error) {
	v := struct {
		Title  string  `json:"titre"`
		Issuer string  `json:"emetteur"`
		URL    *string `json:"url"`
	}{Title: s.link.Title, Issuer: s.link.Issuer}
	if s.link.URL != "" {
		u := s.abs(s.link.URL)
		v.URL = &u
	}
	return json.Marshal(v)
}

func dayWords(days []time.Weekday) []string {
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
			ID:        s.ids[t].String(),
			Title:     t.Title,
			Issuer:    issuerJSON{Kind: string(t.Issuer.Kind), ID: t.Issuer.Slug, Name: a.terr.IssuerLabel(t.Issuer)},
			Kinds:     t.AppliesTo,
			From:      t.Effective.Format(time.DateOnly),
			To:        dateOrNull(t.Until),
			Days:      dayWords(t.Days),
			Slots:     []creneauJSON{},
			Suspended: suspended(t),
			Note:      t.Note,
		}
		for _, sl := range t.Slots {
			h.Slots = append(h.Slots, creneauJSON{Who: sl.Who, Start: sl.From.String(), End: sl.To.String()})
		}
		if src := s.sources[t]; src != nil {
			h.Source = &sourceJSON{link: src, abs: a.site.Abs}
		}
		out.Horaires = append(out.Horaires, h)
	}
	cals := map[string]bool{}
	for _, c := range a.site.Calendars {
		cals[c.URL] = true
	}
	for _, k := range vocab.Kinds() {
		for _, l := range k.Levels {
			lv, _ := vocab.LevelOf(l)
			n := niveauJSON{Kind: k.Slug, Level: l, Label: lv.Label, Page: a.site.Abs(LevelURL(ac.Slug, l)), Periods: []periodeJSON{}}
			if u := LevelCalendarURL(ac.Slug, l); cals[u] {
				abs := a.site.Abs(u)
				n.Calendar = &abs
			}
			for _, p := range sc.byKind[k.Slug][l] {
				t := p.Timetable
				pj := periodeJSON{
					Horaire:   s.ids[t].String(),
					From:      p.From.Format(time.DateOnly),
					To:        dateOrNull(p.To),
					Days:      dayWords(t.Days),
					Suspended: t.Suspends(l),
					Slots:     []levelSlotJSON{},
				}
				if !pj.Suspended {
					for _, sl := range pupilSlots(t, l) {
						pj.Slots = append(pj.Slots, levelSlotJSON{Start: sl.From.String(), End: sl.To.String(), Free: isFree(sl)})
					}
				}
				n.Periods = append(n.Periods, pj)
			}
			out.Levels = append(out.Levels, n)
		}
	}
	return out
}

func isFree(sl timetable.Slot) bool {
	for _, w := range sl.Who {
		if w == "tous" {
			return true
		}
	}
	return false
}
