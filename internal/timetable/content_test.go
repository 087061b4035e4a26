package timetable

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
)

// mine reports whether a site file is one this package or territory reads.
func mine(p string) bool {
	for _, pre := range []string{"content/regions/", "content/academies/", "content/national/"} {
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
		if err != nil || tt == nil {
			t.Fatalf("Applicable = %v, %v", tt, err)
		}
		slots := tt.SlotsFor("4e")
		if len(slots) != 1 || slots[0].From.String() != "13:00" || slots[0].To.String() != "17:00" {
			t.Errorf("slots of 4e = %+v, want 13:00–17:00", slots)
		}
		if tt.Issuer != territory.AcademyIssuer("paris") {
			t.Errorf("issuer = %v", tt.Issuer)
		}
	})
	t.Run("bordeaux seconde", func(t *testing.T) {
		tt, err := Applicable(tts, terr, "bordeaux", "lycee", "seconde", date("2020-03-23"))
		if err != nil || tt == nil || tt.Issuer != territory.RegionIssuer("nouvelle-aquitaine") {
			t.Fatalf("Applicable = %v, %v; want the Nouvelle-Aquitaine timetable", tt, err)
		}
		if !tt.Suspends("parents") {
			t.Errorf("parents are not suspended")
		}
	})
	t.Run("paris cité scolaire 6e", func(t *testing.T) {
		tt, err := Applicable(tts, terr, "paris", "cite-scolaire", "6e", date("2020-03-23"))
		if err != nil || tt == nil || tt.Issuer != territory.RegionIssuer("ile-de-france") {
			t.Fatalf("Applicable = %v, %v; want the Île-de-France timetable", tt, err)
		}
		if s := tt.SlotsFor("6e"); len(s) != 1 || s[0].From.String() != "08:30" || s[0].To.String() != "10:30" {
			t.Errorf("slots of 6e = %+v", s)
		}
	})
	t.Run("sources", func(t *testing.T) {
		for _, tt := range tts {
			if tt.Source == "" {
				t.Errorf("%s: no source", tt.Pos)
			}
		}
		// The directives may be written by another package's content; check
		// them only where the issuer has any.
		exists := func(iss territory.Issuer, ref string) bool {
			if len(tree.Under("content/"+iss.Dir()+"/directives")) == 0 {
				return true
			}
			return tree.Get("content/"+iss.Dir()+"/"+ref+".md") != nil
		}
		if errs := CheckSources(tts, exists); len(errs) > 0 {
			t.Errorf("sources:\n%v", errs)
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
