package cms

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/guide"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/timetable"
)

// model is a small territory and vocabulary, decoded from files as a
// site's are.
func model(t *testing.T) Model {
	t.Helper()
	tree := &load.Tree{Files: []*load.File{
		{Path: "content/academies/creteil/_index.md", Data: []byte("---\ntitle: Créteil\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n")},
		{Path: "content/academies/la-reunion/_index.md", Data: []byte("---\ntitle: La Réunion\nregion: la-reunion\ntimezone: Indian/Reunion\nholiday_zone: outre-mer\n---\n")},
		{Path: "content/regions/ile-de-france/_index.md", Data: []byte("---\ntitle: Île-de-France\n---\n")},
		{Path: "content/regions/la-reunion/_index.md", Data: []byte("---\ntitle: La Réunion\n---\n")},
	}}
	terr, errs := territory.Decode(tree)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	v, errs := catalog.DecodeVocabulary(&load.File{Path: "content/programmes/_vocabulary.yaml", Data: []byte(
		"broadcasters:\n  - slug: arte\n    label: Arte\n    url: https://www.arte.tv/\nmedia:\n  - slug: tv\n    label: télévision\nsubjects:\n  - slug: histoire\n    label: histoire\n")})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return Model{Territory: terr, Vocabulary: v}
}

var gitlab = Options{
	Backend: Backend{Name: "gitlab", Repo: "academie/relais", Branch: "main", BaseURL: "https://gitlab.ac-creteil.fr", APIRoot: "https://gitlab.ac-creteil.fr/api/v4", AuthType: "pkce", AppID: "APP-ID"},
	SiteURL: "https://relais.ac-creteil.fr/",
}

func TestConfigGolden(t *testing.T) {
	got, err := Config(model(t), gitlab)
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/config.yml"
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the configuration differs from %s (UPDATE_GOLDEN=1 writes it; read the diff)", golden)
	}
	var parsed map[string]any
	if err := yaml.Unmarshal(got, &parsed); err != nil {
		t.Fatal(err)
	}
	if parsed["publish_mode"] != "editorial_workflow" || parsed["locale"] != "fr" {
		t.Errorf("publish_mode %v, locale %v", parsed["publish_mode"], parsed["locale"])
	}
}

// TestOnly: an académie's deployment offers its own folders only.
func TestOnly(t *testing.T) {
	opts := gitlab
	opts.Only = []string{"academies/creteil"}
	got, err := Config(model(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Collections []struct {
			Name   string
			Folder string
		}
	}
	if err := yaml.Unmarshal(got, &cfg); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cfg.Collections {
		names = append(names, c.Name)
	}
	if want := []string{"directives-academie-creteil", "creneaux-creteil"}; !slices.Equal(names, want) {
		t.Errorf("collections %v, want %v", names, want)
	}
}

// sample is a value of the right kind for a field of the form.
func sample(f map[string]any) any {
	name, _ := f["name"].(string)
	switch f["widget"] {
	case "string":
		switch name {
		case "url":
			return "https://exemple.fr/page"
		case "timezone":
			return "Europe/Paris"
		case "source", "directive":
			return "directives/2020-03-19-plages"
		}
		return "Un texte"
	case "text", "markdown":
		return "Un texte."
	case "boolean":
		return true
	case "number":
		return 1
	case "datetime":
		switch f["format"] {
		case "YYYY-MM-DD":
			return "2020-03-19"
		case "YYYY-MM-DD HH:mm":
			return "2020-03-19 10:00"
		case "HH:mm":
			if name == "to" {
				return "12:00"
			}
			return "08:00"
		}
	case "select":
		opts := f["options"].([]any)
		v := opts[0].(map[string]any)["value"]
		if name == "suspended" { // not a word a slot is for
			v = opts[1].(map[string]any)["value"]
		}
		if f["multiple"] == true {
			return []any{v}
		}
		return v
	case "list":
		if one, ok := f["field"].(map[string]any); ok {
			return []any{sample(one)}
		}
		sub, ok := f["fields"].([]any)
		if !ok {
			return []any{"/ancienne-adresse/"}
		}
		return []any{object(sub)}
	case "object":
		return object(f["fields"].([]any))
	}
	panic(fmt.Sprintf("no sample for %v", f))
}

func object(fields []any) map[string]any {
	out := map[string]any{}
	for _, f := range fields {
		m := f.(map[string]any)
		out[m["name"].(string)] = sample(m)
	}
	return out
}

// frontMatter writes a document the way the form saves one: every field
// but the body in the front matter.
func frontMatter(t *testing.T, fields []any) []byte {
	t.Helper()
	obj := object(fields)
	delete(obj, "body")
	data, err := yaml.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	return []byte("---\n" + string(data) + "---\nUn texte.\n")
}

func names(fields []any) []string {
	var out []string
	for _, f := range fields {
		if n := f.(map[string]any)["name"].(string); n != "body" {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// TestFieldsAreDecoded fills every field of every collection and decodes
// the document with the build's own decoders.
func TestFieldsAreDecoded(t *testing.T) {
	m := model(t)
	data, err := Config(m, gitlab)
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Collections []map[string]any
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range cfg.Collections {
		name := c["name"].(string)
		switch {
		case strings.HasPrefix(name, "directives-"):
			seen["directives"] = true
			fields := c["fields"].([]any)
			if got, want := names(fields), sorted(directive.Fields()); !slices.Equal(got, want) {
				t.Errorf("%s: fields %v, the decoder's %v", name, got, want)
			}
			p := c["folder"].(string) + "/2020-03-19-essai.md"
			issuer, _, _ := directive.IssuerOf(p)
			_, errs := directive.DecodeFile(&load.File{Path: p, Data: frontMatter(t, fields)}, issuer, time.UTC)
			if len(errs) > 0 {
				t.Errorf("%s: a directive filled in by the form: %v", name, errs)
			}
		case strings.HasPrefix(name, "creneaux-"):
			seen["timetables"] = true
			file := c["files"].([]any)[0].(map[string]any)
			out, err := yaml.Marshal(object(file["fields"].([]any)))
			if err != nil {
				t.Fatal(err)
			}
			p := file["file"].(string)
			tts, errs := timetable.DecodeFile(&load.File{Path: p, Data: out}, territory.AcademyIssuer(strings.Split(p, "/")[2]))
			if len(errs) > 0 || len(tts) != 1 {
				t.Errorf("%s: timetables filled in by the form: %d, %v\n%s", name, len(tts), errs, out)
			}
		case name == "programmes":
			seen[name] = true
			if got, want := names(c["fields"].([]any)), sorted(catalog.ProgrammeKeys()); !slices.Equal(got, want) {
				t.Errorf("programmes: fields %v, the decoder's %v", got, want)
			}
			_, errs := catalog.DecodeProgramme(&load.File{Path: "content/programmes/essai.md", Data: frontMatter(t, c["fields"].([]any))}, m.Vocabulary)
			if len(errs) > 0 {
				t.Errorf("programmes: a programme filled in by the form: %v", errs)
			}
		case name == "guides":
			seen[name] = true
			if got, want := names(c["fields"].([]any)), sorted(guide.Fields); !slices.Equal(got, want) {
				t.Errorf("guides: fields %v, the decoder's %v", got, want)
			}
		case name == "pages":
			seen[name] = true
			if got, want := names(c["fields"].([]any)), sorted(site.PageFields); !slices.Equal(got, want) {
				t.Errorf("pages: fields %v, the decoder's %v", got, want)
			}
		}
	}
	for _, k := range []string{"directives", "timetables", "programmes", "guides", "pages"} {
		if !seen[k] {
			t.Errorf("no collection of %s", k)
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
