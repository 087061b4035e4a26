package directive

import (
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
)

var (
	paris    = mustZone("Europe/Paris")
	reunion  = mustZone("Indian/Reunion")
	national = territory.Issuer{Kind: territory.IssuerNational}
	idf      = territory.Issuer{Kind: territory.IssuerRegion, Slug: "ile-de-france"}
	acParis  = territory.Issuer{Kind: territory.IssuerAcademy, Slug: "paris"}
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// decode splits and decodes src as the file p of issuer, in loc.
func decode(p string, issuer territory.Issuer, loc *time.Location, src string) (*Directive, diag.List) {
	doc, errs := load.Front(&load.File{Path: p, Data: []byte(src)})
	if len(errs) > 0 {
		return nil, errs
	}
	return Decode(doc, issuer, loc)
}

func messages(errs diag.List) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestDecode(t *testing.T) {
	const p = "content/academies/paris/directives/2020-03-19-plages.md"
	src := `---
title: Plages horaires des collèges
date: 2020-03-19 18:30
updated: 2020-03-20 09:00
audiences: [parents, eleves, parents]
levels: [6e, 5e, 4e, 3e, 6e]
effective: 2020-03-19
expires: 2020-04-03
urgent: true
summary: Chaque niveau a sa plage.
aliases: [/directives/plages/]
---
# Plages

Texte.
`
	d, errs := decode(p, acParis, paris, src)
	if len(errs) > 0 {
		t.Fatalf("Decode: %v", errs)
	}
	want := &Directive{
		Slug:      "2020-03-19-plages",
		Issuer:    acParis,
		Path:      p,
		Pos:       diag.Pos{File: p, Line: 1, Col: 1},
		Loc:       paris,
		Title:     "Plages horaires des collèges",
		Date:      time.Date(2020, 3, 19, 18, 30, 0, 0, paris),
		Updated:   time.Date(2020, 3, 20, 9, 0, 0, 0, paris),
		Audiences: []string{"parents", "eleves"},
		Levels:    []string{"6e", "5e", "4e", "3e"},
		Effective: time.Date(2020, 3, 19, 0, 0, 0, 0, time.UTC),
		Expires:   time.Date(2020, 4, 3, 0, 0, 0, 0, time.UTC),
		Urgent:    true,
		Summary:   "Chaque niveau a sa plage.",
		Aliases:   []string{"/directives/plages/"},
		AliasPos:  []diag.Pos{{File: p, Line: 11, Col: 11}},
		Body:      []byte("# Plages\n\nTexte.\n"),
		BodyLine:  13,
	}
	if diff := cmp.Diff(want, d, cmp.Comparer(func(a, b *time.Location) bool { return a == b })); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
	if got := d.Date.UTC(); !got.Equal(time.Date(2020, 3, 19, 17, 30, 0, 0, time.UTC)) {
		t.Errorf("Date in UTC = %v, want 17:30 (Paris is UTC+1 in March before the 29th)", got)
	}
}

func TestDecodeValues(t *testing.T) {
	for _, tc := range []struct {
		name, front string
		loc         *time.Location
		check       func(*Directive) string
	}{
		{"offset kept as an instant", "date: 2020-03-19T10:00:00+01:00", reunion, func(d *Directive) string {
			if !d.Date.Equal(time.Date(2020, 3, 19, 9, 0, 0, 0, time.UTC)) || d.Date.Location() != reunion {
				return d.Date.String()
			}
			return ""
		}},
		{"local time in an overseas zone", "date: 2020-03-19 10:00", reunion, func(d *Directive) string {
			if !d.Date.Equal(time.Date(2020, 3, 19, 6, 0, 0, 0, time.UTC)) {
				return d.Date.String()
			}
			return ""
		}},
		{"date alone is midnight", "date: 2020-03-19", paris, func(d *Directive) string {
			if !d.Date.Equal(time.Date(2020, 3, 19, 0, 0, 0, 0, paris)) || !d.DateOnly {
				return d.Date.String()
			}
			return ""
		}},
		{"a date with a time is not a day alone", "date: 2020-03-19 00:00\nupdated: 2020-03-20", paris, func(d *Directive) string {
			if d.DateOnly || !d.UpdatedDateOnly {
				return fmt.Sprintf("DateOnly %v, UpdatedDateOnly %v", d.DateOnly, d.UpdatedDateOnly)
			}
			return ""
		}},
		{"timetables: titles with their positions", "date: 2020-03-19\ntimetables: [\"Lycées de Nouvelle-Aquitaine, lycées agricoles compris\", Collèges]", paris, func(d *Directive) string {
			want := []Named{{"Lycées de Nouvelle-Aquitaine, lycées agricoles compris", diag.Pos{File: "content/national/directives/x.md", Line: 5, Col: 14}}, {"Collèges", diag.Pos{File: "content/national/directives/x.md", Line: 5, Col: 72}}}
			return cmp.Diff(want, d.Timetables) + map[bool]string{false: "not said"}[d.TimetablesSaid]
		}},
		{"timetables: one title without brackets, commas kept", "date: 2020-03-19\ntimetables: Lycées de Nouvelle-Aquitaine, lycées agricoles compris", paris, func(d *Directive) string {
			if len(d.Timetables) != 1 || d.Timetables[0].Name != "Lycées de Nouvelle-Aquitaine, lycées agricoles compris" {
				return fmt.Sprint(d.Timetables)
			}
			return ""
		}},
		{"timetables: [] says it sets none", "date: 2020-03-19\ntimetables: []", paris, func(d *Directive) string {
			if !d.TimetablesSaid || len(d.Timetables) != 0 || d.TimetablesPos.Line != 5 {
				return fmt.Sprint(d.TimetablesSaid, d.Timetables, d.TimetablesPos)
			}
			return ""
		}},
		{"no timetables field", "date: 2020-03-19", paris, func(d *Directive) string {
			if d.TimetablesSaid {
				return "said"
			}
			return ""
		}},
		{"no author: the site decides", "date: 2020-03-19", paris, func(d *Directive) string {
			if d.Author != "" || d.Source != nil || !d.BySite(false) || d.BySite(true) {
				return fmt.Sprintf("Author %q, Source %v", d.Author, d.Source)
			}
			return ""
		}},
		{"the site's text, on an official site too", "date: 2020-03-19\nauthor: site", paris, func(d *Directive) string {
			if !d.BySite(true) || !d.BySite(false) {
				return "not by the site"
			}
			return ""
		}},
		{"the issuer's words with their source", "date: 2020-03-20\nauthor: emetteur\nsource:\n  said_by: Région Nouvelle-Aquitaine\n  on: 2020-03-19\n  where: message sur Lycée Connecté\n  quote: privilégier les périodes\n  url: https://example.fr/a\n  via: un article de presse", paris, func(d *Directive) string {
			if d.BySite(false) {
				return "by the site"
			}
			return cmp.Diff(&Source{SaidBy: "Région Nouvelle-Aquitaine", On: time.Date(2020, 3, 19, 0, 0, 0, 0, time.UTC), Where: "message sur Lycée Connecté", Quote: "privilégier les périodes", URL: "https://example.fr/a", Via: "un article de presse"}, d.Source)
		}},
		{"groups and cycles expand to levels", "date: 2020-03-19 10:00\nlevels: [cycle-3, Tle, lycee]", paris, func(d *Directive) string {
			return cmp.Diff([]string{"cm1", "cm2", "6e", "seconde", "premiere", "terminale"}, d.Levels)
		}},
		{"a single audience word", "date: 2020-03-19 10:00\naudiences: tous", paris, func(d *Directive) string {
			return cmp.Diff([]string{"tous"}, d.Audiences)
		}},
		{"nil zone is UTC", "date: 2020-03-19 10:00", nil, func(d *Directive) string {
			if d.Loc != time.UTC || d.Date.Hour() != 10 {
				return d.Date.String()
			}
			return ""
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "---\ntitle: T\n"
			if !strings.Contains(tc.front, "audiences") {
				src += "audiences: [parents]\n"
			}
			d, errs := decode("content/national/directives/x.md", national, tc.loc, src+tc.front+"\n---\n")
			if len(errs) > 0 {
				t.Fatalf("Decode: %v", errs)
			}
			if msg := tc.check(d); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	const ok = "title: T\ndate: 2020-03-19 10:00\naudiences: [parents]\n"
	for _, tc := range []struct {
		name, file, front string
		want              []string
	}{
		{"missing required fields", "x.md", "summary: S\n", []string{
			`x.md:2:1: il manque « audiences » dans l'en-tête d'une directive : ajoutez une ligne « audiences: [parents, eleves] »`,
			`x.md:2:1: il manque « date » dans l'en-tête d'une directive : ajoutez une ligne « date: 2020-03-16 »`,
			`x.md:2:1: il manque « title » dans l'en-tête d'une directive : ajoutez une ligne « title: ... »`,
		}},
		{"unknown field", "x.md", ok + "expiry: 2020-04-01\n", []string{
			`x.md:5:1: champ inconnu « expiry » dans l'en-tête d'une directive (vouliez-vous dire « expires » ?)`,
		}},
		{"a French field name", "x.md", ok + "résumé: Les écoles ferment.\nexpire: 2020-04-01\n", []string{
			`x.md:5:1: champ inconnu « résumé » dans l'en-tête d'une directive : les noms des champs s'écrivent en anglais, écrivez « summary: »`,
			`x.md:6:1: champ inconnu « expire » dans l'en-tête d'une directive : les noms des champs s'écrivent en anglais, écrivez « expires: »`,
		}},
		{"unknown audience", "x.md", "title: T\ndate: 2020-03-19 10:00\naudiences: [parent, profs, xyz]\n", []string{
			`x.md:4:13: public inconnu « parent » (vouliez-vous dire « parents » ?)`,
			`x.md:4:21: public inconnu « profs » (vouliez-vous dire « enseignants » ?)`,
			`x.md:4:28: public inconnu « xyz » (valeurs possibles : « parents », « enseignants », « eleves », « tous »)`,
		}},
		{"empty audiences", "x.md", "title: T\ndate: 2020-03-19 10:00\naudiences: []\n", []string{
			`x.md:4:12: « audiences » est vide : nommez au moins un public parmi parents, enseignants, eleves, tous, comme « audiences: [parents, eleves] »`,
		}},
		{"unknown level", "x.md", ok + "levels: [6eme, colege, sixième]\n", []string{
			`x.md:5:10: niveau inconnu « 6eme » (vouliez-vous dire « 6e » ?)`,
			`x.md:5:16: niveau inconnu « colege » (vouliez-vous dire « college » ?)`,
			`x.md:5:24: niveau inconnu « sixième » (vouliez-vous dire « 6e » ?)`,
		}},
		{"levels without brackets", "x.md", ok + "levels: 6e, 5e\n", []string{
			`x.md:5:9: « levels » donne plusieurs valeurs séparées par des virgules sans crochets, que YAML lit comme un seul texte : écrivez la liste entre crochets, « levels: [6e, 5e] »`,
		}},
		{"bad date", "x.md", "title: T\ndate: 19/03/2020\naudiences: [parents]\n", []string{
			`x.md:3:7: « date » doit être une date écrite AAAA-MM-JJ, suivie si besoin de l'heure HH:MM : écrivez « date: 2020-03-19 »`,
		}},
		{"hour skipped by summer time", "x.md", "title: T\ndate: 2020-03-29 02:30\naudiences: [parents]\n", []string{
			`x.md:3:7: « date » : le 2020-03-29 02:30 n'existe pas dans le fuseau Europe/Paris, les horloges sautent cette heure au passage à l'heure d'été ; écrivez une heure après le changement, comme 2020-03-29 03:30`,
		}},
		{"updated before date", "x.md", ok + "updated: 2020-03-18 10:00\n", []string{
			`x.md:5:10: « updated » (2020-03-18 10:00) est avant « date » (2020-03-19 10:00) : une mise à jour vient après la publication ; corrigez l'une des deux dates`,
		}},
		{"expires before effective", "x.md", ok + "effective: 2020-03-20\nexpires: 2020-03-19\n", []string{
			`x.md:6:10: « expires » (2020-03-19) est avant « effective » (2020-03-20) : une directive ne peut pas finir avant de commencer ; corrigez l'une des deux dates`,
		}},
		{"invalid expires", "x.md", ok + "expires: 2020-02-30\n", []string{
			`x.md:5:10: « expires » n'est pas une date valide : le 2020-02-30 n'existe pas dans le calendrier`,
		}},
		{"urgent without expires", "x.md", ok + "urgent: true\n", []string{
			`x.md:5:9: une directive urgente a besoin de « expires » : son bandeau reste sur les pages de l'émetteur jusqu'à cette date ; ajoutez une ligne « expires: AAAA-MM-JJ »`,
		}},
		{"bad booleans", "x.md", ok + "urgent: peut-être\ndraft: [true]\n", []string{
			`x.md:5:9: « urgent » doit valoir true (oui) ou false (non), pas « peut-être »`,
			`x.md:6:8: « draft » doit être true ou false, pas une liste`,
		}},
		{"bad aliases", "x.md", ok + "aliases: [directives/a/, 'https://example.org/a', /a/../b/, /, '/a?b', /a b/, '//cdn/x']\n", []string{
			`x.md:5:11: l'ancienne adresse « directives/a/ » doit commencer par « / » : une ancienne adresse est un chemin depuis la racine du site, comme « /directives/a/ »`,
			`x.md:5:26: l'ancienne adresse « https://example.org/a » n'est pas un chemin de ce site : une ancienne adresse est une adresse que la directive avait sur ce site, comme /directives/ancien-nom/`,
			`x.md:5:51: l'ancienne adresse « /a/../b/ » ne doit pas contenir « .. » : écrivez le chemin depuis la racine du site, comme /directives/ancien-nom/`,
			`x.md:5:61: l'ancienne adresse « / » remplacerait la page d'accueil : une ancienne adresse est une adresse que la directive avait, comme /directives/ancien-nom/`,
			`x.md:5:64: l'ancienne adresse « /a?b » doit être un chemin sans « ? » ni « # » : ce qui les suit ne peut pas être redirigé`,
			`x.md:5:72: l'ancienne adresse « /a b/ » ne doit contenir ni espace ni caractère de contrôle : écrivez - à la place d'une espace`,
			`x.md:5:79: l'ancienne adresse « //cdn/x » n'est pas un chemin de ce site : une ancienne adresse est une adresse que la directive avait sur ce site, comme /directives/ancien-nom/`,
		}},
		{"unknown author", "x.md", ok + "author: ministere\n", []string{
			`x.md:5:9: « author » vaut « site » (le site a rédigé ce texte) ou « emetteur » (le texte reproduit les mots de l’émetteur), pas "ministere"`,
		}},
		{"issuer's words without a source", "x.md", ok + "author: emetteur\n", []string{
			`x.md:5:9: un texte donné comme celui de l’émetteur (« author: emetteur ») cite sa source : ajoutez « source: » avec au moins « said_by: » (qui l’a publié) ; sinon écrivez « author: site »`,
		}},
		{"source said after the directive, without who, with a bad address", "x.md", ok + "source:\n  on: 2020-03-20\n  url: www.example.fr\n", []string{
			`x.md:6:3: il manque « said_by » dans la source de la directive : ajoutez une ligne « said_by: ... »`,
			`x.md:6:7: la source est datée du 2020-03-20, après la publication de la directive (2020-03-19) : une directive rapporte ce qui a déjà été dit ; corrigez « on » ou « date »`,
			`x.md:7:8: l’adresse de la source "www.example.fr" n’est pas une adresse web complète : écrivez-la avec https://, par exemple https://www.education.gouv.fr/`,
		}},
		{"file name with accents and capitals", "Fermeture des Écoles.md", ok, []string{
			`Fermeture des Écoles.md:1:1: le nom du fichier « Fermeture des Écoles.md » ne convient pas pour une adresse (lettres minuscules sans accents, chiffres et tirets) : renommez le fichier « fermeture-des-ecoles.md »`,
		}},
		{"file name with no letter", "__.md", ok, []string{
			`__.md:1:1: le nom du fichier « __.md » ne convient pas pour une adresse (lettres minuscules sans accents, chiffres et tirets) : donnez au fichier un nom fait de lettres minuscules sans accents, de chiffres et de tirets, comme « 2020-03-16-fermeture-des-ecoles.md »`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, errs := decode(tc.file, national, paris, "---\n"+tc.front+"---\nbody\n")
			if diff := cmp.Diff(tc.want, messages(errs)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if d != nil {
				t.Errorf("Decode returned a directive along with errors")
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\ndate: 2020-03-19 10:00\naudiences: [parents]\n---\n",
		"---\ntitle: T\ndate: 2020-03-29 02:30\naudiences: tous\nlevels: [college, cycle-3]\nurgent: true\nexpires: 2020-04-01\neffective: 2020-03-16\n---\n# x\n",
		"---\ntitle: [a]\ndate: {a: b}\naudiences: [[x]]\nlevels: {}\naliases: [/a/, '//b', '/../']\nupdated: 2020-03-18T10:00:00+04:00\n---\n",
		"---\n&a title: *a\n---\n",
		"---\n- a\n---\n",
		"---\n---\n",
		"no front matter",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, errs := decode("content/national/directives/x.md", national, paris, src)
		if d == nil && len(errs) == 0 {
			t.Fatal("no directive and no error")
		}
		if d != nil {
			if d.Title == "" || d.Date.IsZero() || len(d.Audiences) == 0 {
				t.Fatalf("a decoded directive lacks a required field: %+v", d)
			}
			if !d.Expires.IsZero() && !d.Effective.IsZero() && d.Expires.Before(d.Effective) {
				t.Fatalf("expires before effective passed: %+v", d)
			}
		}
		for _, e := range errs {
			if e.Pos.File == "" || e.Msg == "" {
				t.Fatalf("error without a position or a message: %#v", e)
			}
		}
	})
}
