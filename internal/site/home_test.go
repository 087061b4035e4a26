package site

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestHomeRegionsShowSingleOnce: a région whose only académie has its name
// (Corse, La Réunion, Normandie) is shown once, as the académie; a région
// with one académie of another name (Bretagne: Rennes) keeps both.
func TestHomeRegionsShowSingleOnce(t *testing.T) {
	entry := func(slug, name string) AcademyEntry {
		return AcademyEntry{Link: Link{URL: AcademyURL(slug), Label: name}}
	}
	got := homeRegions([]RegionEntry{
		{Name: "Bretagne", URL: RegionURL("bretagne"), Entries: []AcademyEntry{entry("rennes", "Rennes")}},
		{Name: "Corse", URL: RegionURL("corse"), Entries: []AcademyEntry{entry("corse", "Corse")}},
		{Name: "Île-de-France", URL: RegionURL("ile-de-france"), Entries: []AcademyEntry{entry("creteil", "Créteil"), entry("paris", "Paris")}},
		{Name: "La Réunion", URL: RegionURL("la-reunion"), Entries: []AcademyEntry{entry("la-reunion", "La Réunion")}},
	})
	var shown [][]string
	for _, r := range got {
		var line []string
		if r.Single != nil {
			line = append(line, "single "+r.Single.URL)
		} else {
			line = append(line, r.Name)
			for _, a := range r.Academies {
				line = append(line, a.URL)
			}
		}
		shown = append(shown, line)
	}
	want := [][]string{
		{"Bretagne", "/academies/rennes/"},
		{"single /academies/corse/"},
		{"Île-de-France", "/academies/creteil/", "/academies/paris/"},
		{"single /academies/la-reunion/"},
	}
	if diff := cmp.Diff(want, shown); diff != "" {
		t.Error(diff)
	}
}

func TestAcademyStatusText(t *testing.T) {
	for _, tc := range []struct {
		st   AcademyStatus
		want string
	}{
		{AcademyStatus{}, "Aucun créneau publié"},
		{AcademyStatus{National: true}, "Pas de créneau local : recommandation nationale"},
		{AcademyStatus{Published: true}, "Créneaux publiés"},
		{AcademyStatus{Published: true, National: true, Kinds: []string{"lycées"}}, "Créneaux publiés : lycées"},
		{AcademyStatus{Published: true, Kinds: []string{"collèges", "lycées", "cités scolaires"}}, "Créneaux publiés : collèges, lycées et cités scolaires"},
	} {
		if got := tc.st.Text(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.st, got, tc.want)
		}
	}
}
