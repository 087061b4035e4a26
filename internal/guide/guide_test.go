package guide

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/load"
)

func file(p, data string) *load.File { return &load.File{Path: p, Data: []byte(data)} }

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, path, data string
		want             *Guide // Body and BodyLine not compared
		err              string // part of the errors; "" for none
	}{
		{"everything", "content/guides/se-deconnecter.md",
			"---\ntitle: Se déconnecter\nsummary: Pourquoi.\naudiences: [parents, eleves]\nweight: 3\ndraft: true\n---\nTexte.\n",
			&Guide{Slug: "se-deconnecter", Title: "Se déconnecter", Summary: "Pourquoi.", Audiences: []string{"parents", "eleves"}, Weight: 3, Draft: true, Path: "content/guides/se-deconnecter.md"}, ""},
		{"no audience is for everyone", "content/guides/a.md", "---\ntitle: A\n---\n",
			&Guide{Slug: "a", Title: "A", Audiences: []string{"tous"}, Path: "content/guides/a.md"}, ""},
		{"no title", "content/guides/a.md", "---\nsummary: S\n---\n", nil, "content/guides/a.md:2:1: il manque « title »"},
		{"unknown audience", "content/guides/a.md", "---\ntitle: A\naudiences: [martiens]\n---\n", nil, "content/guides/a.md:3:13:"},
		{"unknown field", "content/guides/a.md", "---\ntitle: A\nsumary: S\n---\n", nil, "« summary »"},
		{"file name", "content/guides/Mon Guide.md", "---\ntitle: A\n---\n", nil, "le nom du fichier « Mon Guide » ne convient pas pour une adresse"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, errs := Decode(file(tc.path, tc.data))
			if tc.err != "" {
				if got := errs.Sort().Error(); !strings.Contains(got, tc.err) {
					t.Fatalf("errors = %q, want one with %q", got, tc.err)
				}
				return
			}
			if errs != nil {
				t.Fatal(errs)
			}
			g.Body, g.BodyLine = nil, 0
			if diff := cmp.Diff(tc.want, g); diff != "" {
				t.Errorf("guide (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeKeepsTheBody(t *testing.T) {
	g, errs := Decode(file("content/guides/a.md", "---\ntitle: A\n---\n\nLe texte.\n"))
	if errs != nil {
		t.Fatal(errs)
	}
	if string(g.Body) != "\nLe texte.\n" || g.BodyLine != 4 {
		t.Errorf("body %q at line %d", g.Body, g.BodyLine)
	}
}

func TestCompareForHeading(t *testing.T) {
	gs := []*Guide{{Slug: "c", Weight: 2}, {Slug: "b", Weight: 1}, {Slug: "a", Weight: 2}}
	slices.SortFunc(gs, Compare)
	var got []string
	for _, g := range gs {
		got = append(got, g.Slug)
	}
	if !slices.Equal(got, []string{"b", "a", "c"}) {
		t.Errorf("order %v", got)
	}
	g := &Guide{Audiences: []string{"parents", "eleves"}}
	if !g.For("eleves") || g.For("enseignants") {
		t.Errorf("For: %v", g.Audiences)
	}
	if Heading("parents") != "Pour les parents" || Heading("tous") != "Pour tout le monde" {
		t.Errorf("headings %q, %q", Heading("parents"), Heading("tous"))
	}
}
