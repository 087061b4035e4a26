package catalog

import (
	"testing"

	"github.com/relais-ecoles/relais/internal/load"
)

// FuzzDecodeProgramme feeds arbitrary files through load.Front and the
// programme decoder: it must never panic, and every error must name the
// file and a line.
func FuzzDecodeProgramme(f *testing.F) {
	f.Add([]byte(prog))
	f.Add([]byte("---\ntitle: x\nschedule:\n  - from: \"24:00\"\n    to: \"00:00\"\n    who: [cycle-3, parents, x]\n---\n"))
	f.Add([]byte("---\nlevels: &a [cm1]\ncycles: *a\nmedia: {a: b}\nurl: \"http://[::1\"\naliases: [\"/../\"]\n---\n"))
	f.Add([]byte("---\ntimezone: Local\nschedule: [1, [2], {days: []}]\nschedule_start: 2020-02-30\n---\n"))
	f.Add([]byte("---\n- a\n---\n"))
	f.Add([]byte("---\n"))
	f.Add([]byte(""))
	for p, data := range GenerateFixture(3, 1) {
		if p != VocabularyPath {
			f.Add(data)
		}
	}
	v, err := decodeVocabularyText(fixtureVocabulary)
	if err != nil {
		f.Fatal(err)
	}
	const path = "content/programmes/fuzz.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		data, e := load.Normalize(path, data)
		if e != nil {
			return
		}
		for _, voc := range []*Vocabulary{v, nil} {
			_, errs := DecodeProgramme(&load.File{Path: path, Data: data}, voc)
			for _, e := range errs {
				if e.Pos.File != path || e.Pos.Line < 1 {
					t.Errorf("error without a position: %v", e)
				}
			}
		}
	})
}
