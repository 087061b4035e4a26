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
			file + `:3:14: diffuseur inconnu « france-television » (vouliez-vous dire « france-televisions » ?) : écrivez un slug de content/programmes/_vocabulary.yaml, ou ajoutez-le à ce fichier`,
		}},
		{"unknown subject", edit(prog, "levels:", "subjects: [francais, mathematique]\nlevels:"), []string{
			file + `:5:22: discipline inconnue « mathematique » (vouliez-vous dire « mathematiques » ?) : écrivez un slug de content/programmes/_vocabulary.yaml, ou ajoutez-la à ce fichier`,
		}},
		{"a subject by its label", edit(prog, "levels:", "subjects: [Mathématiques]\nlevels:"), []string{
			file + `:5:12: discipline inconnue « Mathématiques » (vouliez-vous dire « mathematiques » ?) : écrivez un slug de content/programmes/_vocabulary.yaml, ou ajoutez-la à ce fichier`,
		}},
		{"unknown level", edit(prog, "[cm1]", "[cm1, 6eme]"), []string{
			file + `:5:15: niveau inconnu « 6eme » (vouliez-vous dire « 6e » ?)`,
		}},
		{"unknown cycle", edit(prog, "levels: [cm1]", "cycles: [cycle-5]"), []string{
			file + `:5:10: cycle inconnu « cycle-5 » (vouliez-vous dire « cycle-1 » ?)`,
		}},
		{"unknown medium", edit(prog, "[tv]", "[tv, television]"), []string{
			file + `:4:13: média inconnu « television » (vouliez-vous dire « tv » ?) : les médias sont « tv », « radio », « presse », « web », « podcast »`,
		}},
		{"invalid URL", edit(prog, "labelled:", "url: www.lumni.fr\nlabelled:"), []string{
			file + `:6:6: adresse invalide « www.lumni.fr » : elle doit commencer par https:// ou http:// ; écrivez l'adresse complète, comme https://www.lumni.fr/`,
		}},
		{"URL without host", edit(prog, "labelled:", "url: https:///programmes\nlabelled:"), []string{
			file + `:6:6: adresse invalide « https:///programmes » : il manque le nom du site après https:// ; écrivez l'adresse complète, comme https://www.lumni.fr/`,
		}},
		{"to before from", edit(prog, "labelled:", "schedule:\n  - from: \"15:00\"\n    to: \"14:00\"\nlabelled:"), []string{
			file + `:8:9: le créneau finit à 14:00 mais commence à 15:00 : « to » (la fin) doit venir après « from » (le début)`,
		}},
		{"bad clock", edit(prog, "labelled:", "schedule:\n  - from: 9h\n    to: \"10:00\"\nlabelled:"), []string{
			file + `:7:11: l'heure « 9h » doit s'écrire HH:MM : écrivez 09:00`,
		}},
		{"unknown day", edit(prog, "labelled:", "schedule:\n  - days: [lun, mardi, vend]\n    from: \"09:00\"\n    to: \"10:00\"\nlabelled:"), []string{
			file + `:7:24: jour inconnu « vend » (vouliez-vous dire « ven » ?)`,
		}},
		{"who outside the levels", edit(prog, "labelled:", "schedule:\n  - from: \"09:00\"\n    to: \"10:00\"\n    who: [cm1, 4e]\nlabelled:"), []string{
			file + `:9:16: « 4e » dans « who » couvre 4e, qui n'est pas parmi les niveaux du programme (cm1) : ajoutez ce niveau à « levels », ou nommez un niveau du programme`,
		}},
		{"missing title", edit(prog, "title: Cours de CM1\n", ""), []string{
			file + `:2:1: il manque « title » dans l'en-tête : ajoutez une ligne « title: ... »`,
		}},
		{"no levels", edit(prog, "levels: [cm1]\n", ""), nil},
		{"unknown status", edit(prog, "title:", "status: labelise\ntitle:"), []string{
			file + `:2:9: statut inconnu « labelise » (vouliez-vous dire « label » ?) : écrivez label (une source dit qu’il porte le label), operation (une source le place dans l’opération) ou grille (dans la grille de France 4, label non précisé)`,
		}},
		{"empty media", edit(prog, "[tv]", "[]"), []string{
			file + `:4:8: « media » est vide : donnez au moins un média parmi « tv », « radio », « presse », « web », « podcast »`,
		}},
		{"unknown field", edit(prog, "title:", "titel:"), []string{
			file + `:2:1: champ inconnu « titel » dans l'en-tête (vouliez-vous dire « title » ?)`,
			file + `:2:1: il manque « title » dans l'en-tête : ajoutez une ligne « title: ... »`,
		}},
		{"bad date", edit(prog, "2020-03-23", "23/03/2020"), []string{
			file + `:6:11: « labelled » doit être une date écrite AAAA-MM-JJ (année, mois, jour) : écrivez « labelled: 2020-03-23 »`,
		}},
		{"schedule end before start", edit(prog, "labelled:", "schedule:\n  - from: \"09:00\"\n    to: \"10:00\"\nschedule_start: 2020-03-23\nschedule_end: 2020-03-20\nlabelled:"), []string{
			file + `:10:15: schedule_end (2020-03-20) est avant schedule_start (2020-03-23) : le dernier jour de diffusion vient après le premier ; vérifiez les deux dates`,
		}},
		{"span without schedule", edit(prog, "labelled:", "schedule_end: 2020-07-03\nlabelled:"), []string{
			file + `:6:1: « schedule_end » borne les créneaux de diffusion, mais le programme n'a pas de « schedule » : ajoutez les créneaux ou retirez la ligne « schedule_end »`,
		}},
		{"unknown time zone", edit(prog, "labelled:", "timezone: Europe/Pariss\nlabelled:"), []string{
			file + `:6:11: fuseau horaire inconnu « Europe/Pariss » (vouliez-vous dire « Europe/Paris » ?) : écrivez un nom de fuseau IANA, comme Europe/Paris ou America/Cayenne`,
		}},
		{"bad aliases", edit(prog, "labelled:", "aliases: [programmes/x/, \"https://a.fr/x\", /a/../b/]\nlabelled:"), []string{
			file + `:6:11: l'alias « programmes/x/ » doit commencer par « / », comme /programmes/x/`,
			file + `:6:26: l'alias « https://a.fr/x » doit être un chemin de ce site, comme /programmes/ancien-nom/, pas une adresse complète`,
			file + `:6:44: l'alias « /a/../b/ » ne doit pas contenir « .. » : écrivez le chemin depuis la racine du site, comme /programmes/ancien-nom/`,
		}},
		{"given twice", edit(prog, "levels: [cm1]", "levels: [cm1, cm1]\ncycles: [cycle-3, c3]\nsubjects: [francais, francais]\naliases: [/a/, /a/]"), []string{
			file + `:5:15: le niveau « cm1 » est donné deux fois dans « levels » : gardez-en un`,
			file + `:6:19: le cycle « c3 » est donné deux fois dans « cycles » : gardez-en un`,
			file + `:7:22: la discipline « francais » est donnée deux fois dans « subjects » : gardez-en un`,
			file + `:8:16: l'alias « /a/ » est donné deux fois : gardez-en un`,
		}},
		{"medium twice", edit(prog, "[tv]", "[tv, tv]"), []string{
			file + `:4:13: le média « tv » est donné deux fois dans « media » : gardez-en un`,
		}},
		{"empty lists", edit(prog, "levels: [cm1]", "levels: []\ncycles: []"), []string{
			file + `:5:9: « levels » est vide : nommez au moins un niveau, ou retirez la ligne`,
			file + `:6:9: « cycles » est vide : nommez au moins un cycle, ou retirez la ligne`,
		}},
		{"empty subject", edit(prog, "levels:", "subjects: [francais, \"\"]\nlevels:"), []string{
			file + `:5:22: discipline vide dans « subjects » : retirez-la`,
		}},
		{"slot not a mapping", edit(prog, "labelled:", "schedule:\n  - 14:00-15:00\nlabelled:"), []string{
			file + `:7:5: chaque créneau de « schedule » s'écrit avec des champs, comme from: "14:00" et to: "15:00" sur deux lignes après « - »`,
		}},
		{"slot days", edit(prog, "labelled:", "schedule:\n  - days: [lun, lundi]\n    from: \"09:00\"\n    to: \"10:00\"\n    who: [cm1, cm1]\n  - days: []\n    from: \"09:00\"\n    to: \"10:00\"\nlabelled:"), []string{
			file + `:7:17: le jour « lundi » est donné deux fois : gardez-en un`,
			file + `:10:16: « cm1 » est donné deux fois dans « who » : gardez-en un`,
			file + `:11:11: « days » est vide : retirez la ligne pour du lundi au vendredi, ou nommez les jours, comme [lun, mer]`,
		}},
		{"who outside, several levels", edit(prog, "labelled:", "schedule:\n  - from: \"09:00\"\n    to: \"10:00\"\n    who: [college]\nlabelled:"), []string{
			file + `:9:11: « college » dans « who » couvre 6e, 5e, 4e, 3e, qui ne sont pas parmi les niveaux du programme (cm1) : ajoutez ces niveaux à « levels », ou nommez un niveau du programme`,
		}},
		{"URL with a space", edit(prog, "labelled:", "url: https://www.lumni.fr/une page\nlabelled:"), []string{
			file + `:6:6: adresse invalide « https://www.lumni.fr/une page » : elle contient une espace ; écrivez l'adresse complète, comme https://www.lumni.fr/`,
		}},
		{"alias not plain", edit(prog, "labelled:", "aliases: [\"/a?b\", \"\"]\nlabelled:"), []string{
			file + `:6:11: l'alias « /a?b » doit être un simple chemin, sans espace, « ? », « # » ni « \ »`,
			file + `:6:19: alias vide : retirez-le`,
		}},
		{"Local time zone", edit(prog, "labelled:", "timezone: Local\nlabelled:"), []string{
			file + `:6:11: fuseau horaire inconnu « Local » : écrivez un nom de fuseau IANA, comme Europe/Paris ou America/Cayenne`,
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
		`content/programmes/France-4.md:1:1: le nom du fichier « France-4.md » ne convient pas pour une adresse (lettres minuscules sans accents, chiffres et tirets) : renommez le fichier « france-4.md »`,
		`content/programmes/france-4.md:1:1: deux fichiers donnent le même programme « france-4 », content/programmes/France-4.md et content/programmes/france-4.md : renommez l'un des deux`,
		`content/programmes/meme-alias.md:1:1: l'alias « /ancien/ » est donné par deux programmes, content/programmes/avec-alias.md et content/programmes/meme-alias.md : gardez-le dans un seul`,
		`content/programmes/notes.txt: fichier inattendu dans content/programmes/ : un programme est un fichier .md et le vocabulaire est _vocabulary.yaml ; renommez ce fichier en .md ou déplacez-le`,
		`content/programmes/old/ancien.md: les programmes sont des fichiers placés directement dans content/programmes/, pas dans un sous-dossier : remontez ce fichier dans content/programmes/`,
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
  - slug: lcp
    label: LCP
    renamed_from: [LCP-AN, lcp, old-lcp, old-lcp]
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
		`content/programmes/_vocabulary.yaml:2:11: le slug « France-TV » doit s'écrire en lettres minuscules sans accents, chiffres et tirets, comme « france-tv »`,
		`content/programmes/_vocabulary.yaml:6:10: adresse invalide « arte.tv » : elle doit commencer par https:// ou http:// ; écrivez l'adresse complète, comme https://www.lumni.fr/`,
		`content/programmes/_vocabulary.yaml:7:11: le diffuseur « arte » est donné deux fois (déjà à la ligne 4) : gardez-en un`,
		`content/programmes/_vocabulary.yaml:11:20: ancien slug « LCP-AN » invalide : un slug s'écrit en minuscules sans accent, chiffres et tirets, par exemple « lcp-an »`,
		`content/programmes/_vocabulary.yaml:11:28: l'ancien slug « lcp » de « lcp » est donné deux fois, ou c'est son slug actuel : retirez-le`,
		`content/programmes/_vocabulary.yaml:11:42: l'ancien slug « old-lcp » de « lcp » est donné deux fois, ou c'est son slug actuel : retirez-le`,
		`content/programmes/_vocabulary.yaml:13:11: média inconnu « cinema » : les médias sont fixés (« tv », « radio », « presse », « web », « podcast ») ; le vocabulaire ne leur donne que leurs libellés`,
		`content/programmes/_vocabulary.yaml:15:5: il manque « label » dans un média : ajoutez une ligne « label: ... »`,
		`content/programmes/_vocabulary.yaml:17:5: chaque élément de « subjects » (une discipline) s'écrit {slug: ..., label: ...}`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestDecodeMissingVocabulary(t *testing.T) {
	c, errs := Decode(&load.Tree{Files: []*load.File{{Path: "content/programmes/x.md", Data: []byte(prog)}}})
	want := []string{`content/programmes/_vocabulary.yaml: vocabulaire manquant : les programmes ont besoin de content/programmes/_vocabulary.yaml, qui liste les diffuseurs, les médias et les disciplines ; créez-le (voir docs/editer.md)`}
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
