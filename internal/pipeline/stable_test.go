package pipeline

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/fixture"
	"github.com/relais-ecoles/relais/internal/site"
)

// renderAt renders fsys as if it were now, and fails the test on error.
func renderAt(t *testing.T, fsys fstest.MapFS, now time.Time) *Result {
	t.Helper()
	res, err := Render(Options{Source: fsys, Site: site.Options{Now: now}})
	if err != nil {
		t.Fatalf("at %s: %v", now, err)
	}
	return res
}

// sameOutputs reports the first output that differs between two builds.
func sameOutputs(t *testing.T, a, b *Result, what string) {
	t.Helper()
	if len(a.Outputs) != len(b.Outputs) {
		t.Errorf("%s: %d outputs, then %d", what, len(a.Outputs), len(b.Outputs))
		return
	}
	for i := range a.Outputs {
		if a.Outputs[i].Path != b.Outputs[i].Path || !bytes.Equal(a.Outputs[i].Data, b.Outputs[i].Data) {
			t.Errorf("%s: %s differs", what, a.Outputs[i].Path)
			return
		}
	}
}

// TestStableSpan checks Site.Stable, on which the build record relies to
// skip a rebuild: the site gives the same bytes at any time in the span
// (its ends, and random times in it). It fails when the assembler
// compares the clock with something it does not record (view/clock.go).
func TestStableSpan(t *testing.T) {
	t.Parallel()
	fix := fixture.Generate(fixture.Options{Directives: 120, Programmes: 20, Guides: 3, Seed: 7})
	root, _ := filepath.Abs("../..")
	generated, err := fix.MapFS(root)
	if err != nil {
		t.Fatal(err)
	}
	paris := time.FixedZone("CET", 3600)
	sites := []struct {
		name string
		fsys fstest.MapFS
		nows []time.Time
	}{
		{"shipped", editableSite(t, 0), []time.Time{
			time.Date(2020, 3, 18, 11, 30, 0, 0, paris),
			time.Date(2020, 3, 23, 9, 0, 0, 0, paris),
		}},
		{"generated", generated, []time.Time{ // at or after the fixture's clock: its links lead to directives published then
			time.Date(2020, 3, 24, 23, 50, 0, 0, paris),
			time.Date(2020, 4, 2, 14, 0, 0, 0, paris),
		}},
	}
	short := testing.Short() || raceEnabled
	if short {
		// One build time a site, checked at the ends of its span.
		sites[0].nows = sites[0].nows[1:]
		sites[1].nows = sites[1].nows[:1]
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var generatedBase *Result // at the generated site's first build time
	for _, tc := range sites {
		t.Run(tc.name, func(t *testing.T) {
			for _, now := range tc.nows {
				base := renderAt(t, tc.fsys, now)
				if tc.name == "generated" && generatedBase == nil {
					generatedBase = base
				}
				sp := base.Site.Stable
				if !sp.Contains(now) {
					t.Fatalf("at %s: the span [%s, %s) does not hold the build time", now, sp.From, sp.Until)
				}
				if d := sp.Until.Sub(now); d > 24*time.Hour {
					t.Errorf("at %s: stable for %s, more than a day", now, d)
				}
				samples := []time.Time{sp.From, sp.Until.Add(-time.Nanosecond)}
				if !short {
					samples = append(samples, sp.From.Add(time.Duration(rng.Int64N(int64(sp.Until.Sub(sp.From))))))
				}
				for _, at := range samples {
					sameOutputs(t, base, renderAt(t, tc.fsys, at), "built at "+now.String()+" and at "+at.String())
				}
			}
		})
	}

	// The comparison can fail: a month later, the generated site's future
	// directives are published and some have expired.
	if generatedBase == nil {
		t.Fatal("the generated site was not built")
	}
	base := generatedBase
	later := renderAt(t, generated, base.Site.Now.AddDate(0, 1, 0))
	changed := len(base.Outputs) != len(later.Outputs)
	for i := 0; !changed && i < len(base.Outputs); i++ {
		changed = !bytes.Equal(base.Outputs[i].Data, later.Outputs[i].Data)
	}
	if !changed {
		t.Error("the generated site is the same a month later: the test above cannot see a change")
	}
}
