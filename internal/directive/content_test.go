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
	ds, errs := LoadWith(tree, zone, DecodeFile)
	if len(errs) > 0 {
		t.Fatalf("shipped directives:\n%v", errs)
	}
	if len(ds) < 9 {
		t.Errorf("%d directives decoded, want at least the 9 shipped", len(ds))
	}
	// The timetables point at these files with source:.
	for _, p := range []string{
		"content/national/directives/2020-03-20-bonnes-pratiques-ent.md",
		"content/national/directives/2020-03-18-label-nation-apprenante.md",
		"content/academies/paris/directives/2020-03-19-plages-horaires-colleges.md",
		"content/collectivites/ile-de-france/directives/2020-03-18-creneaux-lycees.md",
		"content/collectivites/nouvelle-aquitaine/directives/2020-03-19-acces-lycees.md",
		"content/regions/hauts-de-france/directives/2020-03-23-acces-ent-eleves-parents.md",
		"content/regions/grand-est/directives/2020-03-23-acces-ent-eleves-parents.md",
	} {
		if !hasPath(ds, p) {
			t.Errorf("%s is missing", p)
		}
	}
	// The shipped texts are the site's, signed as such; no source states
	// an hour of publication, so none is given; a source's day is the one
	// the reference states.
	saidOn := map[string]string{
		"content/national/directives/2020-03-20-bonnes-pratiques-ent.md":                    "2020-03-20", // the letter, Friday 20 March
		"content/collectivites/nouvelle-aquitaine/directives/2020-03-19-acces-lycees.md":    "2020-03-19", // the post, Thursday 19 March
		"content/academies/paris/directives/2020-03-19-plages-horaires-colleges.md":         "2020-03-19",
		"content/collectivites/ile-de-france/directives/2020-03-18-creneaux-lycees.md":      "2020-03-18",
		"content/regions/hauts-de-france/directives/2020-03-23-acces-ent-eleves-parents.md": "", // not stated
	}
	for _, d := range ds {
		if d.Author != AuthorSite {
			t.Errorf("%s: author %q, want %q: the shipped texts are written by the site", d.Path, d.Author, AuthorSite)
		}
		if !d.DateOnly || !d.Updated.IsZero() && !d.UpdatedDateOnly {
			t.Errorf("%s: published at %v: no source states an hour", d.Path, d.Date)
		}
		if !d.Effective.IsZero() && d.Path == "content/collectivites/ile-de-france/directives/2020-03-18-creneaux-lycees.md" {
			t.Errorf("%s: effective %v: the Région does not state when its hours start", d.Path, d.Effective)
		}
		if want, ok := saidOn[d.Path]; ok {
			got := ""
			if d.Source != nil && !d.Source.On.IsZero() {
				got = d.Source.On.Format(time.DateOnly)
			}
			if d.Source == nil || got != want {
				t.Errorf("%s: source said on %q, want %q", d.Path, got, want)
			}
		}
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
