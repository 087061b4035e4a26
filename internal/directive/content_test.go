package directive

import (
	"os"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
)

// TestShippedDirectives decodes every directive of the site in this
// repository: the shipped content must have no error.
func TestShippedDirectives(t *testing.T) {
	tree, errs := load.Site(os.DirFS("../.."))
	if len(errs) > 0 {
		t.Fatalf("load.Site: %v", errs)
	}
	terr, _ := territory.Decode(tree) // territory's own errors are its tests' business
	zone := ZoneOf(terr)
	if len(terr.Academies) == 0 {
		// The territory content has not landed yet: check the directives
		// alone, in the metropolitan zone of every shipped issuer.
		t.Log("no académie in content/: issuers not checked against the territory")
		zone = func(territory.Issuer) (*time.Location, error) { return paris, nil }
	}
	ds, errs := Load(tree, zone)
	if len(errs) > 0 {
		t.Fatalf("shipped directives:\n%v", errs)
	}
	if len(ds) < 9 {
		t.Errorf("%d directives decoded, want at least the 9 shipped", len(ds))
	}
	// The timetables point at these files with source:.
	for _, p := range []string{
		"content/national/directives/2020-03-17-bonnes-pratiques-ent.md",
		"content/national/directives/2020-03-18-label-nation-apprenante.md",
		"content/academies/paris/directives/2020-03-19-plages-horaires-colleges.md",
		"content/regions/ile-de-france/directives/2020-03-18-creneaux-lycees.md",
		"content/regions/nouvelle-aquitaine/directives/2020-03-20-acces-lycees.md",
		"content/regions/hauts-de-france/directives/2020-03-19-acces-ent-eleves-parents.md",
		"content/regions/grand-est/directives/2020-03-19-acces-ent-eleves-parents.md",
	} {
		if !hasPath(ds, p) {
			t.Errorf("%s is missing", p)
		}
	}
	// An urgent directive of March 2020 shows a banner then, and none today.
	march := time.Date(2020, 3, 20, 12, 0, 0, 0, paris)
	if got := Banners(ds, []territory.Issuer{acParis, idf, national}, march); len(got) == 0 {
		t.Errorf("no banner on 20 March 2020")
	}
	if got := Banners(ds, []territory.Issuer{acParis, idf, national}, time.Date(2021, 1, 1, 0, 0, 0, 0, paris)); len(got) != 0 {
		t.Errorf("banners still shown in 2021: %v", slugsOf(got))
	}
}

func hasPath(ds []*Directive, p string) bool {
	for _, d := range ds {
		if d.Path == p {
			return true
		}
	}
	return false
}
