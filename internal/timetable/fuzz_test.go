package timetable

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// FuzzDecode feeds arbitrary bytes as an académie's timetables.yaml through
// load and Decode, then through the rules: nothing may panic, and every
// error must name the file.
func FuzzDecode(f *testing.F) {
	for i := 1; i < len(fixture); i += 2 {
		f.Add([]byte(fixture[i]))
	}
	for _, seed := range []string{
		parisYAML,
		"",
		"- \n",
		"[]",
		"- title: x\n  slots: *a\n",
		"- &a {title: x, applies_to: [college], effective: 2020-03-19, slots: [{who: *a, from: '08:00', to: '24:00'}]}\n",
		"- title: T\n  applies_to: [college]\n  effective: 2020-02-30\n  until: 2019-01-01\n  slots:\n    - who: [6e]\n      from: 8\n      to: 25:00\n",
		"- title: T\n  applies_to: [college, college]\n  effective: 2020-03-19\n  days: []\n  slots:\n    - who: eleves\n      from: '00:00'\n      to: '24:00'\n    - who: [6e]\n      from: '00:00'\n      to: '00:01'\n",
		"- {title: [a], applies_to: {a: b}, effective: [], until: {}, days: 3, source: [x], slots: {}, suspended: 1, note: []}\n",
		"- slots: [[who]]\n",
		"\t- title: tab\n",
		"- title: x\n---\n- title: y\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{}
		for i := 0; i+1 < len(places); i += 2 {
			fsys["content/"+places[i]] = &fstest.MapFile{Data: []byte(places[i+1])}
		}
		fsys["content/academies/paris/timetables.yaml"] = &fstest.MapFile{Data: data}
		fsys["content/regions/ile-de-france/timetables.yaml"] = &fstest.MapFile{Data: []byte(fixture[3])}
		tree, _ := load.Site(fsys)
		terr, _ := territory.Decode(tree)
		tts, errs := Decode(tree, terr)
		for _, e := range errs {
			if e.Pos.File == "" || e.Msg == "" {
				t.Fatalf("error without a file or a message: %q", e.Error())
			}
		}
		CheckAmbiguous(tts, terr)
		CheckSources(tts, func(territory.Issuer, string) bool { return false })
		day := time.Date(2020, 3, 23, 0, 0, 0, 0, time.UTC)
		for _, l := range vocab.Levels() {
			Applicable(tts, terr, "paris", "college", l.Slug, day)
			Schedule(tts, terr, "paris", "cite-scolaire", l.Slug, day)
		}
		for _, tt := range tts {
			for _, s := range tt.Slots {
				if s.To <= s.From && len(errs) == 0 {
					t.Fatalf("slot %v–%v accepted", s.From, s.To)
				}
			}
		}
	})
}
