package timetable

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
)

// mine reports whether a site file is one this package or territory reads.
func mine(p string) bool {
	for _, pre := range []string{"content/regions/", "content/academies/", "content/national/", "content/collectivites/"} {
		if rest, ok := strings.CutPrefix(p, pre); ok {
			return !strings.Contains(rest, "/directives/")
		}
	}
	return false
}

// TestShippedContent decodes the repository's own content/ and checks the
// answers of the March 2020 rules (docs/design.md).
func TestShippedContent(t *testing.T) {
	tree, errs := load.Site(os.DirFS("../.."))
	var own diag.List
	for _, e := range errs {
		if mine(e.Pos.File) {
			own = append(own, e)
		}
	}
	terr, errs := territory.Decode(tree)
	own = append(own, errs...)
	tts, errs := Decode(tree, terr)
	own = append(own, errs...)
	own = append(own, CheckAmbiguous(tts, terr)...)
	if len(own) > 0 {
		t.Fatalf("content errors:\n%v", own.Sort())
	}
	if len(terr.Regions) != 18 || len(terr.Academies) != 30 {
		t.Errorf("got %d régions and %d académies, want 18 and 30", len(terr.Regions), len(terr.Academies))
	}

	t.Run("paris 4e", func(t *testing.T) {
		tt, err := Applicable(tts, terr, "paris", "college", "4e", date("2020-03-23"))
		if err != nil || tt == nil || tt.Issuer != territory.AcademyIssuer("paris") {
			t.Fatalf("Applicable = %v, %v; want the académie de Paris", tt, err)
		}
		slots := tt.SlotsFor("4e")
		if len(slots) != 1 || slots[0].From.String() != "13:00" || slots[0].To.String() != "17:00" {
			t.Errorf("slots of 4e = %+v, want 13:00–17:00", slots)
		}
	})
	t.Run("bordeaux seconde", func(t *testing.T) {
		tt, err := Applicable(tts, terr, "bordeaux", "lycee", "seconde", date("2020-03-19"))
		if err != nil || tt == nil || tt.Issuer != territory.CollectiviteIssuer("nouvelle-aquitaine") {
			t.Fatalf("Applicable = %v, %v; want the Région Nouvelle-Aquitaine, from 19 March", tt, err)
		}
		if !tt.Suspends("parents") {
			t.Errorf("parents are not suspended")
		}
	})
	t.Run("paris cité scolaire 6e", func(t *testing.T) {
		tt, err := Applicable(tts, terr, "paris", "cite-scolaire", "6e", date("2020-03-23"))
		if err != nil || tt == nil || tt.Issuer != territory.CollectiviteIssuer("ile-de-france") {
			t.Fatalf("Applicable = %v, %v; want the Région Île-de-France timetable", tt, err)
		}
		if s := tt.SlotsFor("6e"); len(s) != 1 || s[0].From.String() != "08:30" || s[0].To.String() != "10:30" {
			t.Errorf("slots of 6e = %+v", s)
		}
	})
	t.Run("la réunion 4e", func(t *testing.T) {
		tt, err := Applicable(tts, terr, "la-reunion", "college", "4e", date("2020-03-23"))
		if err != nil || tt == nil || tt.Issuer != territory.National() {
			t.Fatalf("Applicable = %v, %v; want the national recommendation", tt, err)
		}
	})
	t.Run("sources", func(t *testing.T) {
		for _, tt := range tts {
			if tt.Source.SaidBy == "" || tt.Tone == "" {
				t.Errorf("%s: no source or no tone", tt.Pos)
			}
		}
		exists := func(iss territory.Issuer, ref string) bool {
			return tree.Get("content/"+iss.Dir()+"/"+ref+".md") != nil
		}
		if errs := CheckSources(tts, exists); len(errs) > 0 {
			t.Errorf("sources:\n%v", errs)
		}
	})
	t.Run("sources-2020", func(t *testing.T) {
		got := map[string]reference{}
		for _, tt := range tts {
			got[tt.Issuer.Dir()] = referenceOf(tt)
		}
		if diff := cmp.Diff(sources2020, got); diff != "" {
			t.Errorf("shipped timetables differ from reference/sources-2020.md (-reference +shipped):\n%s", diff)
		}
	})
	t.Run("reference", func(t *testing.T) {
		// testdata/academies.csv is the reference list of the 30 académies
		// of 2020, their région académique, time zone and holiday zone.
		f, err := os.Open("testdata/academies.csv")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			slug, name, region, regionName, tz, zone := r[0], r[1], r[2], r[3], r[4], r[5]
			a := terr.Academy(slug)
			if a == nil {
				t.Errorf("académie %s missing", slug)
				continue
			}
			if a.Name != name || a.Region != region || a.TimeZone != tz || a.HolidayZone != zone {
				t.Errorf("académie %s = %q %q %q %q, want %q %q %q %q", slug, a.Name, a.Region, a.TimeZone, a.HolidayZone, name, region, tz, zone)
			}
			if rg := terr.Region(region); rg == nil || rg.Name != regionName {
				t.Errorf("région %s = %+v, want %q", region, rg, regionName)
			}
		}
	})
}

// reference is what sources-2020.md says of one rule, in a form to compare.
type reference struct {
	Kinds     string // applies_to
	Tone      Tone
	Effective string // and how it is known
	SaidOn    string // "" when the source gives no date
	Days      string // "" when not stated
	Slots     []string
	Outside   []string
}

func referenceOf(t *Timetable) reference {
	r := reference{Kinds: strings.Join(t.AppliesTo, ","), Tone: t.Tone, Effective: day(t.Effective) + " " + string(t.Basis)}
	if !t.Source.On.IsZero() {
		r.SaidOn = day(t.Source.On)
	}
	for _, d := range t.Days {
		r.Days += d.String()[:3]
	}
	for _, s := range t.Slots {
		from, to := s.From.String(), s.To.String()
		if s.OpenStart {
			from = ""
		}
		if s.OpenEnd {
			to = ""
		}
		line := strings.Join(s.Who, ",") + " " + from + "-" + to
		if s.Free() {
			line += " libre"
		}
		if s.Tone != "" {
			line += " " + string(s.Tone)
		}
		r.Slots = append(r.Slots, line)
	}
	for _, o := range t.Outside {
		r.Outside = append(r.Outside, o.Who+"="+string(o.Rule))
	}
	return r
}

// sources2020 is transcribed from reference/sources-2020.md, rule by rule:
// the hours, the tone of the words, the dates the sources give and nothing
// else (no days, no end hours where the source gives none).
var sources2020 = map[string]reference{
	// Ministry letter of Friday 20 March 2020 (Stenay example): pupils
	// preferably 8h30–17h, parents preferably before 8h30 and after 17h.
	"national": {Kinds: "college,lycee,lycee-pro,cite-scolaire", Tone: Conseil, Effective: "2020-03-20 published", SaidOn: "2020-03-20",
		Slots: []string{"eleves 08:30-17:00", "parents -08:30", "parents 17:00-"}},
	// Paris, Thursday 19 March, "nous vous demandons de respecter": 6e & 5e
	// 8h–12h, 4e & 3e 13h–17h; PCN: parents for other reasons, preferably
	// after 17h, no end hour.
	"academies/paris": {Kinds: "college", Tone: Demande, Effective: "2020-03-19 published", SaidOn: "2020-03-19",
		Slots: []string{"6e,5e 08:00-12:00", "4e,3e 13:00-17:00", "parents 17:00- conseil"}},
	// Région Île-de-France, Wednesday 18 March, start not stated, pupils
	// "invités": CAP–seconde 8–11, première 11–14, terminale and bac pro
	// 14–17, post-bac 17–20; cités scolaires 6e 8h30–10h30, 5e
	// 10h30–12h30, 4e 13–15, 3e 15–17.
	"collectivites/ile-de-france": {Kinds: "lycee,lycee-pro,cite-scolaire", Tone: Conseil, Effective: "2020-03-18 published", SaidOn: "2020-03-18",
		Slots: []string{"cap,seconde 08:00-11:00", "premiere 11:00-14:00", "terminale,bac-pro 14:00-17:00", "post-bac 17:00-20:00",
			"6e 08:30-10:30", "5e 10:30-12:30", "4e 13:00-15:00", "3e 15:00-17:00"}},
	// Région Nouvelle-Aquitaine, Thursday 19 March, "privilégier": lycées
	// including agricultural ones; from 20h free access, no end; parents
	// suspended.
	"collectivites/nouvelle-aquitaine": {Kinds: "lycee,lycee-pro,lycee-agricole", Tone: Conseil, Effective: "2020-03-19 published", SaidOn: "2020-03-19",
		Slots:   []string{"cap,seconde 08:00-11:00", "premiere 11:00-14:00", "terminale,bac-pro 14:00-17:00", "bts,cpge,cfa 17:00-20:00", "tous 20:00- libre"},
		Outside: []string{"parents=suspendu"}},
	// Hauts-de-France and Grand Est: pupils 8h30–17h, parents outside that
	// period; any kind of school; date not stated (reported about 23 March).
	"regions/hauts-de-france": {Kinds: "ecole,college,lycee,lycee-pro,cite-scolaire", Tone: Conseil, Effective: "2020-03-23 reported",
		Slots: []string{"eleves 08:30-17:00", "parents -08:30", "parents 17:00-"}},
	"regions/grand-est": {Kinds: "ecole,college,lycee,lycee-pro,cite-scolaire", Tone: Conseil, Effective: "2020-03-23 reported",
		Slots: []string{"eleves 08:30-17:00", "parents -08:30", "parents 17:00-"}},
	// Département de la Creuse, 19 March, "conseille": parents before 8h30
	// and after 17h, pupils 8h30–17h; its collèges and primary schools.
	"collectivites/creuse": {Kinds: "college,ecole", Tone: Conseil, Effective: "2020-03-19 published", SaidOn: "2020-03-19",
		Slots: []string{"eleves 08:30-17:00", "parents -08:30", "parents 17:00-"}},
	// Eure, 18 March: from Monday 23 March, "accessible de 8h30 à 18h00 pour
	// tous".
	"collectivites/eure": {Kinds: "college", Tone: Regle, Effective: "2020-03-23 stated", SaidOn: "2020-03-18",
		Slots: []string{"tous 08:30-18:00 libre"}},
}
