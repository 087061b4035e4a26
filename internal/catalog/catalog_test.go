package catalog

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// tree builds a site tree from path → text; the real vocabulary is added
// unless files give one.
func tree(t *testing.T, files map[string]string) *load.Tree {
	t.Helper()
	fsys := fstest.MapFS{}
	if _, ok := files[VocabularyPath]; !ok {
		fsys[VocabularyPath] = &fstest.MapFile{Data: []byte(fixtureVocabulary)}
	}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	tr, errs := load.Site(fsys)
	if len(errs) > 0 {
		t.Fatalf("load.Site: %v", errs)
	}
	return tr
}

func decode(t *testing.T, files map[string]string) (*Catalog, []string) {
	t.Helper()
	c, errs := Decode(tree(t, files))
	return c, messages(errs)
}

func messages(errs diag.List) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// prog is a valid programme front matter; edit replaces whole lines.
const prog = `---
title: Cours de CM1
broadcaster: france-televisions
media: [tv]
levels: [cm1]
labelled: 2020-03-23
---
Corps du texte.
`

func edit(s string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			panic("edit: no " + pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func TestDecodeErrors(t *testing.T) {
	const file = "content/programmes/cours.md"
	for _, tc := range []struct {
		name string
		text string
		want []string
	}{
		{"valid", prog, nil},
		{"unknown broadcaster", edit(prog, "france-televisions", "france-television"), []string{
			file + `:3:14: unknown broadcaster "france-television" (did you mean "france-televisions"?): use a slug of content/programmes/_vocabulary.yaml or add it there`,
		}},
		{"unknown subject", edit(prog, "levels:", "subjects: [francais, mathematique]\nlevels:"), []string{
			file + `:5:22: unknown subject "mathematique" (did you mean "mathematiques"?): use a slug of content/programmes/_vocabulary.yaml or add it there`,
		}},
		{"unknown level", edit(prog, "[cm1]", "[cm1, 6eme]"), []string{
			file + `:5:15: niveau inconnu « 6eme » (vouliez-vous dire « 6e » ?)`,
		}},
		{"unknown cycle", edit(prog, "levels: [cm1]", "cycles: [cycle-5]"), []string{
			file + `:5:10: cycle inconnu « cycle-5 » (vouliez-vous dire « cycle-1 » ?)`,
		}},
		{"unknown medium", edit(prog, "[tv]", "[tv, television]"), []string{
			file + `:4:13: unknown medium "television" (expected one of "tv", "radio", "presse", "web", "podcast"): the media are "tv", "radio", "presse", "web", "podcast"`,
		}},
		{"invalid URL", edit(prog, "labelled:", "url: www.lumni.fr\nlabelled:"), []string{
			file + `:6:6: invalid URL "www.lumni.fr": it must start with https:// or http://; write the full address, such as https://www.lumni.fr/`,
		}},
		{"URL without host", edit(prog, "labelled:", "url: https:///programmes\nlabelled:"), []string{
			file + `:6:6: invalid URL "https:///programmes": it has no host name; write the full address, such as https://www.lumni.fr/`,
		}},
		{"to before from", edit(prog, "labelled:", "schedule:\n  - from: \"15:00\"\n    to: \"14:00\"\nlabelled:"), []string{
			file + `:8:9: slot ends at 14:00, not after it starts at 15:00: "to" must be after "from"`,
		}},
		{"bad clock", edit(prog, "labelled:", "schedule:\n  - from: 9h\n    to: \"10:00\"\nlabelled:"), []string{
			file + `:7:11: l'heure « 9h » doit s'écrire HH:MM : écrivez 09:00`,
		}},
		{"unknown day", edit(prog, "labelled:", "schedule:\n  - days: [lun, mardi, vend]\n    from: \"09:00\"\n    to: \"10:00\"\nlabelled:"), []string{
			file + `:7:24: jour inconnu « vend » (vouliez-vous dire « ven » ?)`,
		}},
		{"who outside the levels", edit(prog, "labelled:", "schedule:\n  - from: \"09:00\"\n    to: \"10:00\"\n    who: [cm1, 4e]\nlabelled:"), []string{
			file + `:9:16: "4e" in "who" covers 4e, not among the levels of the programme (cm1): add it to "levels" or name a level of the programme`,
		}},
		{"missing title", edit(prog, "title: Cours de CM1\n", ""), []string{
			file + `:2:1: il manque « title » dans l'en-tête : ajoutez une ligne « title: ... »`,
		}},
		{"no levels", edit(prog, "levels: [cm1]\n", ""), nil},
		{"unknown status", edit(prog, "title:", "status: labelise\ntitle:"), []string{
			file + `:2:9: statut "labelise" inconnu (did you mean "label"?) : écrivez label (une source dit qu’il porte le label), operation (une source le place dans l’opération) ou grille (dans la grille de France 4, label non précisé)`,
		}},
		{"empty media", edit(prog, "[tv]", "[]"), []string{
			file + `:4:8: "media" is empty: give at least one of "tv", "radio", "presse", "web", "podcast"`,
		}},
		{"unknown field", edit(prog, "title:", "titel:"), []string{
			file + `:2:1: champ inconnu « titel » dans l'en-tête (vouliez-vous dire « title » ?)`,
			file + `:2:1: il manque « title » dans l'en-tête : ajoutez une ligne « title: ... »`,
		}},
		{"bad date", edit(prog, "2020-03-23", "23/03/2020"), []string{
			file + `:6:11: « labelled » doit être une date écrite AAAA-MM-JJ (année, mois, jour) : écrivez « labelled: 2020-03-23 »`,
		}},
		{"schedule end before start", edit(prog, "labelled:", "schedule:\n  - from: \"09:00\"\n    to: \"10:00\"\nschedule_start: 2020-03-23\nschedule_end: 2020-03-20\nlabelled:"), []string{
			file + `:10:15: schedule_end 2020-03-20 is before schedule_start 2020-03-23: the last day of broadcast comes after the first`,
		}},
		{"span without schedule", edit(prog, "labelled:", "schedule_end: 2020-07-03\nlabelled:"), []string{
			file + `:6:1: "schedule_end" bounds the broadcast slots, but the programme has no "schedule": add the slots or remove "schedule_end"`,
		}},
		{"unknown time zone", edit(prog, "labelled:", "timezone: Europe/Pariss\nlabelled:"), []string{
			file + `:6:11: unknown time zone "Europe/Pariss": use an IANA name such as Europe/Paris or America/Cayenne`,
		}},
		{"bad aliases", edit(prog, "labelled:", "aliases: [programmes/x/, \"https://a.fr/x\", /a/../b/]\nlabelled:"), []string{
			file + `:6:11: alias "programmes/x/" must start with "/", such as /programmes/x/`,
			file + `:6:26: alias "https://a.fr/x" must be a path on this site, such as /programmes/ancien-nom/, not an address`,
			file + `:6:44: alias "/a/../b/" must not contain "..": write the path from the site root`,
		}},
		{"no front matter", "Juste du texte.\n", []string{
			file + `:1:1: en-tête manquant : le fichier doit commencer par une ligne « --- », puis les champs (title: ...), puis une ligne « --- »`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := decode(t, map[string]string{file: tc.text})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeFileErrors(t *testing.T) {
	_, got := decode(t, map[string]string{
		"content/programmes/France-4.md":     prog,
		"content/programmes/france-4.md":     prog,
		"content/programmes/notes.txt":       "x",
		"content/programmes/old/ancien.md":   prog,
		"content/programmes/_index.md":       "---\ntitle: Catalogue\n---\n",
		"content/programmes/avec-alias.md":   edit(prog, "labelled:", "aliases: [/ancien/]\nlabelled:"),
		"content/programmes/meme-alias.md":   edit(prog, "labelled:", "aliases: [/ancien/]\nlabelled:"),
		"content/programmes/titre-absent.md": edit(prog, "title: Cours de CM1\n", ""),
	})
	want := []string{
		`content/programmes/France-4.md:1:1: file name "France-4.md" is not a lowercase slug: rename the file france-4.md (lowercase ASCII letters, digits and hyphens)`,
		`content/programmes/france-4.md:1:1: programme slug "france-4" is used by two files, content/programmes/France-4.md and content/programmes/france-4.md: rename one of them`,
		`content/programmes/meme-alias.md:1:1: alias "/ancien/" is claimed by two programmes, content/programmes/avec-alias.md and content/programmes/meme-alias.md: keep it in one`,
		`content/programmes/notes.txt: unexpected file in content/programmes/: a programme is a .md file and the vocabulary is _vocabulary.yaml`,
		`content/programmes/old/ancien.md: programmes are files directly in content/programmes/, not in a subfolder: move this file up`,
		`content/programmes/titre-absent.md:2:1: il manque « title » dans l'en-tête : ajoutez une ligne « title: ... »`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestDecodeVocabularyErrors(t *testing.T) {
	_, got := decode(t, map[string]string{
		VocabularyPath: `broadcasters:
  - slug: France-TV
    label: France Télévisions
  - slug: arte
    label: Arte
    url: arte.tv
  - slug: arte
    label: Arte bis
media:
  - slug: cinema
    label: cinéma
  - {slug: tv}
subjects:
  - mathematiques
`,
		"content/programmes/x.md": edit(prog, "france-televisions", "arte"),
	})
	want := []string{
		`content/programmes/_vocabulary.yaml:2:11: slug "France-TV" must be lowercase ASCII letters, digits and hyphens, such as "france-tv"`,
		`content/programmes/_vocabulary.yaml:6:10: invalid URL "arte.tv": it must start with https:// or http://; write the full address, such as https://www.lumni.fr/`,
		`content/programmes/_vocabulary.yaml:7:11: broadcaster "arte" is given twice (first at line 4): keep one`,
		`content/programmes/_vocabulary.yaml:10:11: unknown medium "cinema" (expected one of "tv", "radio", "presse", "web", "podcast"): the media are fixed, give labels to these only`,
		`content/programmes/_vocabulary.yaml:12:5: il manque « label » dans un média : ajoutez une ligne « label: ... »`,
		`content/programmes/_vocabulary.yaml:14:5: each item of "subjects" must be a subject written {slug: ..., label: ...}`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestDecodeMissingVocabulary(t *testing.T) {
	c, errs := Decode(&load.Tree{Files: []*load.File{{Path: "content/programmes/x.md", Data: []byte(prog)}}})
	want := []string{`content/programmes/_vocabulary.yaml: missing vocabulary: the programmes need content/programmes/_vocabulary.yaml to list the broadcasters, media and subjects`}
	if diff := cmp.Diff(want, messages(errs)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if len(c.Programmes) != 1 {
		t.Errorf("got %d programmes, want the one decoded anyway", len(c.Programmes))
	}
	for _, tr := range []*load.Tree{{}, {Files: []*load.File{{Path: IndexPath, Data: []byte("---\ntitle: Catalogue\n---\n")}}}} {
		c, errs = Decode(tr)
		if len(errs) != 0 || c == nil || len(c.Programmes) != 0 {
			t.Errorf("a site without programmes: got %v, %v", c, errs)
		}
	}
}

func TestDecodeProgramme(t *testing.T) {
	c, errs := decode(t, map[string]string{"content/programmes/france-4-college.md": `---
title: Les cours du collège
broadcaster: france-televisions
channel: France 4
media: [web, tv]
cycles: [cycle-4, c3]
levels: [2nde]
subjects: [mathematiques, francais]
schedule:
  - from: "14:00"
    to: "15:00"
  - days: [sam, mer]
    from: "10:00"
    to: "24:00"
    who: [college, 2nde, cycle-3]
schedule_start: 2020-03-23
schedule_end: 2020-07-03
url: https://www.france.tv/france-4/
labelled: 2020-03-23
free: true
summary: Une heure de cours chaque après-midi.
aliases: [/programmes/college/]
---

Le corps.
`})
	if errs != nil {
		t.Fatal(errs)
	}
	p := c.Programmes[0]
	paris, _ := time.LoadLocation("Europe/Paris")
	want := &Programme{
		Slug:          "france-4-college",
		Title:         "Les cours du collège",
		Broadcaster:   "france-televisions",
		Channel:       "France 4",
		Media:         []string{"tv", "web"},
		Levels:        []string{"cm1", "cm2", "6e", "5e", "4e", "3e", "seconde"},
		Cycles:        []string{"cycle-3", "cycle-4"},
		Subjects:      []string{"francais", "mathematiques"},
		ScheduleStart: date(2020, 3, 23),
		ScheduleEnd:   date(2020, 7, 3),
		TimeZone:      "Europe/Paris",
		Location:      paris,
		Schedule: []Slot{
			{Days: []time.Weekday{1, 2, 3, 4, 5}, From: 14 * 60, To: 15 * 60, Pos: diag.Pos{File: p.Path, Line: 10, Col: 5}},
			{Days: []time.Weekday{3, 6}, From: 10 * 60, To: vocab.EndOfDay, Who: []string{"college", "seconde", "cycle-3"}, Pos: diag.Pos{File: p.Path, Line: 12, Col: 5}},
		},
		URL:      "https://www.france.tv/france-4/",
		Labelled: date(2020, 3, 23),
		Free:     true,
		Summary:  "Une heure de cours chaque après-midi.",
		Aliases:  []string{"/programmes/college/"},
		Path:     "content/programmes/france-4-college.md",
		Pos:      diag.Pos{File: "content/programmes/france-4-college.md", Line: 1, Col: 1},
		Body:     []byte("\nLe corps.\n"),
		BodyLine: 24,
		titleKey: "les cours du college",
	}
	opt := cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() })
	if diff := cmp.Diff(want, p, opt, cmp.AllowUnexported(Programme{})); diff != "" {
		t.Errorf("programme (-want +got):\n%s", diff)
	}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestOrder(t *testing.T) {
	mk := func(title, labelled string) string {
		return edit(prog, "Cours de CM1", title, "2020-03-23", labelled)
	}
	c, errs := decode(t, map[string]string{
		"content/programmes/a.md": mk("Zoologie", "2020-03-18"),
		"content/programmes/b.md": mk("Éducation aux médias", "2020-03-23"),
		"content/programmes/c.md": mk("école à la maison", "2020-03-23"),
		"content/programmes/d.md": mk("L'Actu", "2020-03-18"),
		"content/programmes/e.md": mk("La maison Lumni", "2020-03-18"),
		"content/programmes/f.md": mk("Emission", "2020-04-01"),
	})
	if errs != nil {
		t.Fatal(errs)
	}
	var got []string
	for _, p := range c.Programmes {
		got = append(got, p.Title)
	}
	want := []string{"Emission", "école à la maison", "Éducation aux médias", "L'Actu", "La maison Lumni", "Zoologie"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if p := c.Programme("d"); p == nil || p.Title != "L'Actu" {
		t.Errorf("Programme(d) = %v", p)
	}
}

// shippedTree loads the repository's own site: content/programmes/ of the
// working tree.
func shippedTree(t *testing.T) *load.Tree {
	t.Helper()
	tr, errs := load.Site(os.DirFS("../.."))
	for _, e := range errs {
		if strings.HasPrefix(e.Pos.File, Dir+"/") {
			t.Errorf("loading the shipped catalog: %v", e)
		}
	}
	return tr
}
