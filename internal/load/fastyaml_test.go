package load_test

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/fixture"
	"github.com/relais-ecoles/relais/internal/load"
)

// libraryFront parses a front matter with the YAML library, as the slow
// path of load.Front does.
func libraryFront(front []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// checkFast compares the fast path with the library on one front matter:
// when the fast path takes it, the nodes must be the same, field for field.
func checkFast(t *testing.T, name string, front []byte) bool {
	t.Helper()
	got, ok := load.FastFront(front)
	if !ok {
		return false
	}
	want, err := libraryFront(front)
	if err != nil {
		t.Errorf("%s: the fast path took a front matter the library refuses (%v):\n%s", name, err, front)
		return true
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: fast path differs from the library (-library +fast):\n%s\nfront matter:\n%s", name, diff, front)
	}
	return true
}

var fastCases = []string{
	"\ntitle: Fermeture des écoles\ndate: 2020-03-16 12:00\naudiences: [parents, eleves]\n",
	"\ntitle: \"Messagerie de l'ENT : limiter les pièces jointes\"\nlevels: [6e, 5e, cp, ce1]\n",
	"\ntitle:   espaces  au milieu   \nurgent: true\ndraft: False\n",
	"\nlabelled: 2020-06-21\nschedule_start: 2020-02-30\nfrom: \"14:00\"\n",
	"\nn: 12\nm: 012\nbig: 1234567890123456789012\nf: 1e5\ng: 6e\nh: 0x1f\ni: 1_000\n",
	"\na: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: ~\nh: null\ni: NULL\n",
	"\na: .inf\nb: -1\nc: +1\nd: .5\ne: <<\nf: <x\n",
	"\ntitle: a # comment\n",
	"\ntitle: a: b\n",
	"\ntitle: a [b] {c}, d\n",
	"\ntitle: 'single'\n",
	"\ntitle: \"esc \\\" aped\"\n",
	"\ntitle: \"a\" b\n",
	"\ntitle:\n  nested: x\n",
	"\ntitle: x\n  suite\n",
	"\nlist: []\n",
	"\nlist: [a,b ,  c]\n",
	"\nlist: [a, , b]\n",
	"\nlist: [a, [b]]\n",
	"\nlist: [true, 1, 2020-03-01]\n",
	"\nurl: https://www.lumni.fr/programme\n",
	"\ntitle: &a x\n",
	"\ntitle: *a\n",
	"\ntitle: !!str x\n",
	"\ntitle: x\n\n\nsummary: y\n",
	"\ntitle: x\n   \n",
	"\nTitle: x\n",
	"\ntrue: x\n",
	"\ntitle: x \t\n",
	"\ntitle: x\r\n",
	"\ntitle: 2020-03-18T10:00:00+01:00\n",
	"\ntitle: 2020-03-18 10:00:00\n",
	"\ntitle: -\n",
	"\ntitle: x:\n",
	"\ntitle: é à ü\nsummary: « guillemets » et ’apostrophes’\n",
	"\ntitle: \"\"\n",
	"\ntitle: \"é\" \n",
	"\nlist: [é, a]\n",
	"\naliases: [/directives/ancien/, /a/b]\n",
	"\naliases: [//x, /a:b/]\n",
}

func TestFastFrontMatchesYAML(t *testing.T) {
	t.Parallel()
	for i, c := range fastCases {
		checkFast(t, "case "+string(rune('A'+i)), []byte(c))
	}

	// The generated national site, at a smaller size: the fast path must
	// take most front matters (not the programmes with a schedule, a list
	// of groups of fields) and agree with the library on each.
	fx := fixture.Generate(fixture.Options{Directives: 2000, Programmes: 500, Guides: 30, Seed: 7})
	total, fast := 0, 0
	for p, data := range fx.Files {
		if path.Ext(p) != ".md" {
			continue
		}
		front, _, _, _, closed := load.SplitFront(data)
		if !closed {
			continue
		}
		total++
		if checkFast(t, p, front) {
			fast++
		}
	}
	if total == 0 || fast*10 < total*8 {
		t.Errorf("the fast path took %d of %d front matters of the fixture, want 80%% or more", fast, total)
	}

	// The shipped site.
	root := os.DirFS("../..")
	_ = fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			t.Fatal(err)
		}
		if front, _, _, _, closed := load.SplitFront(data); closed {
			checkFast(t, p, front)
		}
		return nil
	})
}

// FuzzFastFront: on any front matter the fast path takes, it gives what
// the library gives.
func FuzzFastFront(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, front []byte) {
		checkFast(t, "fuzzed", front)
	})
}
