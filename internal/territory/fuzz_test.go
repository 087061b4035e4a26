package territory

import (
	"testing"
	"testing/fstest"

	"github.com/relais-ecoles/relais/internal/load"
)

// FuzzDecode feeds arbitrary bytes as an académie's _index.md through load
// and Decode: nothing may panic, every error names the file, and a decoded
// académie has a location and a known holiday zone.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		paris(""),
		paris("ent_name: ENT\nent_url: https://ent.example.fr\n"),
		"---\ntitle: Guyane\nregion: guyane\ntimezone: America/Cayenne\nholiday_zone: outre-mer\n---\n",
		"---\ntitle: x\nregion: ile-de-france\ntimezone: ../../etc/passwd\nholiday_zone: C\n---\n",
		"---\ntitle: x\ntimezone: Local\nent_url: ::\n---\n",
		"---\n[a, b]\n---\n",
		"---\ntitle: &a [*a]\n---\n",
		"",
		"---\n",
		"no front matter",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"content/regions/ile-de-france/_index.md": {Data: []byte(idf)},
			"content/academies/paris/_index.md":       {Data: data},
		}
		tree, _ := load.Site(fsys)
		terr, errs := Decode(tree)
		for _, e := range errs {
			if e.Pos.File == "" || e.Msg == "" {
				t.Fatalf("error without a file or a message: %q", e.Error())
			}
		}
		if len(errs) == 0 {
			for _, a := range terr.Academies {
				if a.Location == nil || terr.Region(a.Region) == nil {
					t.Fatalf("académie accepted without a location or région: %+v", a)
				}
			}
		}
	})
}
