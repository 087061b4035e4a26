package timetable

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// places is a small territory: two régions, three académies.
var places = []string{
	"regions/ile-de-france/_index.md", "---\ntitle: Île-de-France\n---\n",
	"regions/nouvelle-aquitaine/_index.md", "---\ntitle: Nouvelle-Aquitaine\n---\n",
	"academies/paris/_index.md", "---\ntitle: Paris\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
	"academies/creteil/_index.md", "---\ntitle: Créteil\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
	"academies/bordeaux/_index.md", "---\ntitle: Bordeaux\nregion: nouvelle-aquitaine\ntimezone: Europe/Paris\nholiday_zone: A\n---\n",
	"academies/limoges/_index.md", "---\ntitle: Limoges\nregion: nouvelle-aquitaine\ntimezone: Europe/Paris\nholiday_zone: A\n---\n",
	"academies/la-reunion/_index.md", "---\ntitle: La Réunion\nregion: la-reunion\ntimezone: Indian/Reunion\nholiday_zone: outre-mer\n---\n",
	"regions/la-reunion/_index.md", "---\ntitle: La Réunion\n---\n",
	"collectivites/idf/_index.md", "---\ntitle: Région Île-de-France\nkind: region\nacademies: [paris, creteil]\nent_for: [lycee, cite-scolaire]\n---\n",
	"collectivites/na/_index.md", "---\ntitle: Région Nouvelle-Aquitaine\nkind: region\nacademies: [bordeaux, limoges]\nent_for: [lycee, lycee-pro]\n---\n",
	"collectivites/creuse/_index.md", "---\ntitle: Département de la Creuse\nkind: departement\nacademies: [limoges]\ndepartements: [\"23\"]\nent_for: [college]\n---\n",
}

// site loads a tree of places plus files (paths under content/) and decodes
// it; it fails the test on territory errors.
func site(t testing.TB, files ...string) ([]*Timetable, *territory.Territory, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	all := append(slices.Clone(places), files...)
	for i := 0; i+1 < len(all); i += 2 {
		fsys["content/"+all[i]] = &fstest.MapFile{Data: []byte(all[i+1])}
	}
	tree, errs := load.Site(fsys)
	if len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	terr, errs := territory.Decode(tree)
	if len(errs) > 0 {
		t.Fatalf("territory: %v", errs)
	}
	tts, errs := Decode(tree, terr)
	return tts, terr, errs
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func strs(errs diag.List) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// the is the head of a valid timetable, to which a case adds fields.
const the = "- title: T\n  applies_to: [college]\n  effective: 2020-03-19\n  tone: demande\n  source:\n    said_by: le recteur\n"

func slot(who, from, to string) string {
	s := "    - who: [" + who + "]\n"
	if from != "" {
		s += fmt.Sprintf("      from: %q\n", from)
	}
	if to != "" {
		s += fmt.Sprintf("      to: %q\n", to)
	}
	return s
}

const parisYAML = `- title: Collèges de l'académie de Paris
  applies_to: [college]
  effective: 2020-03-19
  effective_basis: published
  tone: demande
  source:
    directive: directives/2020-03-19-plages-horaires
    said_by: le conseiller du recteur, sur Twitter
    on: 2020-03-19
    quote: Nous vous demandons de respecter ces plages horaires.
  slots:
    - who: [6e, 5e]
      from: "08:00"
      to: "12:00"
    - who: [parents]
      from: "17:00"
      tone: conseil
      reason: pour une autre raison que le travail scolaire
    - who: [parents]
      to: "08:30"
    - who: [tous]
      from: "20:00"
      to: "24:00"
      access: libre
  outside:
    eleves: a-eviter
  note: Après **17h**.
`

func TestDecodeOne(t *testing.T) {
	tts, _, errs := site(t, "academies/paris/timetables.yaml", parisYAML)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(tts) != 1 {
		t.Fatalf("got %d timetables", len(tts))
	}
	const p = "content/academies/paris/timetables.yaml"
	pos := func(l, c int) diag.Pos { return diag.Pos{File: p, Line: l, Col: c} }
	want := Timetable{
		Issuer:       territory.AcademyIssuer("paris"),
		Title:        "Collèges de l'académie de Paris",
		AppliesTo:    []string{"college"},
		Effective:    date("2020-03-19"),
		Basis:        Published,
		Tone:         Demande,
		IssuerStated: true,
		Source: Source{
			Directive: "directives/2020-03-19-plages-horaires", DirectivePos: pos(7, 16),
			SaidBy: "le conseiller du recteur, sur Twitter", On: date("2020-03-19"),
			Quote: "Nous vous demandons de respecter ces plages horaires.", Pos: pos(7, 5),
		},
		Slots: []Slot{
			{Who: []string{"6e", "5e"}, From: 8 * 60, To: 12 * 60, Pos: pos(12, 7)},
			{Who: []string{"parents"}, From: 17 * 60, To: vocab.EndOfDay, OpenEnd: true, Tone: Conseil, Reason: "pour une autre raison que le travail scolaire", Pos: pos(15, 7)},
			{Who: []string{"parents"}, To: 8*60 + 30, OpenStart: true, Pos: pos(19, 7)},
			{Who: []string{"tous"}, From: 20 * 60, To: vocab.EndOfDay, Access: AccessLibre, Pos: pos(21, 7)},
		},
		Outside:  []OutsideRule{{Who: "eleves", Rule: AEviter, Pos: pos(26, 5)}},
		Note:     "Après **17h**.",
		NoteLine: 27,
		Pos:      pos(1, 3),
		Path:     p,
	}
	if diff := cmp.Diff(want, *tts[0]); diff != "" {
		t.Errorf("timetable (-want +got):\n%s", diff)
	}
	if tts[0].Days != nil || tts[0].DaysStated() {
		t.Errorf("days are not stated, got %v", tts[0].Days)
	}
}

// TestDecodeErrors holds each content error to its position and to the
// words that say what to write. Messages of the generic layers (load,
// vocab) are matched by their position and the word they quote only, so
// that their wording may change.
func TestDecodeErrors(t *testing.T) {
	const p = "content/academies/paris/timetables.yaml:"
	for _, tc := range []struct {
		name string
		yaml string
		want []string // "line:col: fragment"
	}{
		{"bad clock", the + "  slots:\n" + slot("6e", "8h", "12:00"), []string{`9:13: « 8h »`}},
		{"24:00 as start", the + "  slots:\n" + slot("6e", "24:00", "24:00"), []string{`9:13: « 24:00 »`}},
		{"to before from", the + "  slots:\n" + slot("6e", "12:00", "08:00"),
			[]string{`10:11: le créneau finit à 08:00, pas après son début à 12:00 : "to" doit être plus tard que "from"`}},
		{"neither from nor to", the + "  slots:\n" + slot("6e", "", ""),
			[]string{`8:7: un créneau a un début (from), une fin (to) ou les deux : écrivez from: "20:00" pour « à partir de 20h », to: "08:30" pour « avant 8h30 »`}},
		{"overlap same who", the + "  slots:\n" + slot("6e, 5e", "08:00", "12:00") + slot("4e, 5e", "11:00", "13:00"),
			[]string{`11:7: le créneau 11:00–13:00 chevauche celui de ` + p + `8:7 (08:00–12:00) pour "5e" : donnez à chaque niveau un seul créneau à la fois`}},
		{"overlap through a group", the + "  slots:\n" + slot("college", "08:00", "12:00") + slot("3e", "11:00", "13:00"),
			[]string{`11:7: le créneau 11:00–13:00 chevauche celui de ` + p + `8:7 (08:00–12:00) pour "3e"`}},
		{"open end overlaps", the + "  slots:\n" + slot("parents", "17:00", "") + slot("parents", "20:00", "22:00"),
			[]string{`10:7: le créneau 20:00–22:00 chevauche celui de ` + p + `8:7 (à partir de 17:00) pour "parents" : donnez à chaque public un seul créneau à la fois`}},
		{"open start and open end are fine", the + "  slots:\n" + slot("parents", "", "08:30") + slot("parents", "17:00", "") + slot("eleves", "08:30", "17:00"), nil},
		{"until before effective", the + "  until: 2020-03-18\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`7:10: until 2020-03-18 est avant effective 2020-03-19 : until est le dernier jour en vigueur`}},
		{"unknown words", "- title: T\n  applies_to: [colege]\n  effective: 2020-03-19\n  tone: conseille\n  days: [lun, mard]\n  source:\n    said_by: x\n  outside:\n    parent: suspendue\n  slots:\n" + slot("6eme", "08:00", "12:00"),
			[]string{
				`2:16: « colege »`,
				`4:9: tone "conseille" inconnu (vouliez-vous dire "conseil" ?) : écrivez conseil`,
				`5:15: « mard »`,
				`9:5: « parent »`,
				`11:13: « 6eme »`,
			}},
		{"unknown outside value", the + "  outside:\n    parents: interdit\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`8:14: valeur "interdit" inconnue pour parents hors des créneaux : écrivez libre (connexion libre), a-eviter (la source demande d'éviter) ou suspendu (accès suspendu) ; si la source ne dit rien, retirez la ligne`}},
		{"misspelt outside value", the + "  outside:\n    parents: suspendue\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`8:14: valeur "suspendue" inconnue pour parents hors des créneaux (vouliez-vous dire "suspendu" ?)`}},
		{"unknown access", the + "  slots:\n    - who: [tous]\n      from: \"20:00\"\n      access: free\n",
			[]string{`10:15: access "free" inconnu : écrivez access: libre`}},
		{"unknown basis", the + "  effective_basis: publie\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`7:20: effective_basis "publie" inconnu (vouliez-vous dire "published" ?)`}},
		{"published needs on", the + "  effective_basis: published\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`7:20: effective_basis: published demande la date de publication : ajoutez "on:" dans source`}},
		{"published is the day of on", "- title: T\n  applies_to: [college]\n  effective: 2020-03-20\n  effective_basis: published\n  tone: conseil\n  source:\n    said_by: x\n    on: 2020-03-19\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`3:14: effective 2020-03-20 n'est pas le jour de publication 2020-03-19 alors que effective_basis est published : écrivez effective: 2020-03-19`}},
		{"suspended is gone", the + "  suspended: [parents]\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`7:3: le champ "suspended" n'existe plus : écrivez ce qui vaut hors des créneaux, par exemple "outside: {parents: suspendu}"`}},
		{"suspended with a slot", the + "  outside:\n    parents: suspendu\n  slots:\n" + slot("parents", "08:00", "12:00"),
			[]string{`10:7: "parents" a un créneau mais son accès est suspendu dans outside : gardez l'un des deux`}},
		{"source as a line", "- title: T\n  applies_to: [college]\n  effective: 2020-03-19\n  tone: demande\n  source: directives/x\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`5:11: source est un bloc qui dit qui a publié la règle, quand et en quels mots : écrivez`}},
		{"directive with .md", the + "    directive: directives/x-y.md\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`7:16: directive "directives/x-y.md" : retirez le .md, écrivez "directives/x-y"`}},
		{"directive elsewhere", the + "    directive: https://example.fr/x.pdf\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`7:16: directive "https://example.fr/x.pdf" : nommez une directive du même émetteur`}},
		{"bad url", the + "    url: www.example.fr\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`7:10: url "www.example.fr" invalide : écrivez l'adresse complète de la source`}},
		{"missing tone and source", "- title: T\n  applies_to: [college]\n  effective: 2020-03-19\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`1:3: « source »`, `1:3: « tone »`}},
		{"missing effective", "- title: T\n  applies_to: [college]\n  tone: demande\n  source:\n    said_by: x\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`1:3: il manque "effective", le premier jour en vigueur`}},
		{"level not taught", the + "  slots:\n" + slot("seconde", "08:00", "12:00"),
			[]string{`8:7: le créneau nomme "seconde", mais aucun des établissements de cette grille (college) n'enseigne ce niveau`}},
		{"not a list", "title: T\n",
			[]string{`1:1: un fichier de créneaux est une liste de grilles, chacune commençant par "- title: ..."`}},
		{"empty days", the + "  days: []\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{`7:9: days est vide : retirez la ligne si la source ne nomme pas de jours`}},
		{"empty lists", "- title: T\n  applies_to: []\n  effective: 2020-03-19\n  tone: regle\n  source:\n    said_by: x\n  slots: []\n",
			[]string{
				`2:15: applies_to est vide : nommez les types d'établissement, par exemple [college]`,
				`7:10: slots est vide : donnez au moins un créneau (who, from, to)`,
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, errs := site(t, "academies/paris/timetables.yaml", tc.yaml)
			got := strs(errs)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(tc.want), strings.Join(got, "\n"))
			}
			for i, w := range tc.want {
				at, frag, _ := strings.Cut(w, " ")
				if !strings.HasPrefix(got[i], p+at+" ") || !strings.Contains(got[i], frag) {
					t.Errorf("error %d = %s\nwant at %s%s: …%s…", i, got[i], p, at, frag)
				}
			}
		})
	}
}

func TestDecodeIssuers(t *testing.T) {
	ok := the + "  slots:\n" + slot("eleves", "08:00", "17:00")
	tts, _, errs := site(t,
		"academies/pari/timetables.yaml", ok,
		"academies/lyon/timetables.yaml", ok,
		"regions/ile-de-france/timetable.yaml", ok,
		"regions/ile-de-france/timetables.yaml", ok,
		"collectivites/idf/timetables.yaml", ok,
		"collectivites/creuse/timetables.yaml", ok,
		"collectivites/idff/timetables.yaml", ok,
		"national/timetables.yaml", ok,
	)
	want := []string{
		`content/academies/lyon/timetables.yaml:1:1: académie inconnue "lyon" : le dossier content/academies/lyon n'a pas de fichier _index.md`,
		`content/academies/pari/timetables.yaml:1:1: académie inconnue "pari" dans le nom du dossier (vouliez-vous dire "paris" ?)`,
		`content/collectivites/idf/timetables.yaml:1:3: Région Île-de-France ne gère pas l'ENT des collèges (son ent_for est [lycee, cite-scolaire]) : retirez "college" de applies_to, ou ajoutez-le à ent_for dans content/collectivites/idf/_index.md`,
		`content/collectivites/idff/timetables.yaml:1:1: collectivité inconnue "idff" dans le nom du dossier (vouliez-vous dire "idf" ?)`,
		`content/regions/ile-de-france/timetable.yaml: "timetable.yaml" n'est pas lu : les créneaux s'écrivent dans un fichier nommé "timetables.yaml"`,
	}
	if diff := cmp.Diff(want, strs(errs)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	var issuers []string
	for _, tt := range tts {
		issuers = append(issuers, tt.Issuer.String())
	}
	if want := []string{"national", "regions/ile-de-france", "collectivites/creuse", "collectivites/idf"}; !slices.Equal(issuers, want) {
		t.Errorf("issuers = %q, want %q", issuers, want)
	}
}

func tt(title, kinds, effective, extra string, slots ...string) string {
	s := "- title: " + title + "\n  applies_to: [" + kinds + "]\n  effective: " + effective + "\n  tone: conseil\n  source:\n    said_by: x\n" + extra + "  slots:\n"
	for _, sl := range slots {
		s += sl
	}
	return s
}

// fixture is a site with every case of the rule: the ministry, a région
// académique, académies, a Région and a Département.
var fixture = []string{
	// The ministry: collèges and lycées, as the letter of 20 March.
	"national/timetables.yaml", tt("National", "college, lycee, cite-scolaire", "2020-03-20", "", slot("eleves", "08:30", "17:00"), slot("parents", "", "08:30"), slot("parents", "17:00", "")),
	// The région académique Île-de-France: collèges from the 16th.
	"regions/ile-de-france/timetables.yaml", tt("Collèges d'Île-de-France", "college", "2020-03-16", "", slot("eleves", "09:00", "17:00")),
	// The Région Île-de-France: lycées and cités scolaires from the 18th.
	"collectivites/idf/timetables.yaml", tt("Lycées IdF", "lycee, cite-scolaire", "2020-03-18", "", slot("seconde", "08:00", "11:00"), slot("4e", "13:00", "15:00")),
	// Paris: 6e–4e from the 19th (not 3e); a short change in April; its
	// cités scolaires from the 25th, after the Région's.
	"academies/paris/timetables.yaml", tt("Collèges de Paris", "college", "2020-03-19", "", slot("6e, 5e", "08:00", "12:00"), slot("4e", "13:00", "17:00")) +
		tt("Collèges de Paris, avril", "college", "2020-04-01", "  until: 2020-04-10\n", slot("4e", "14:00", "16:00")) +
		tt("Cités scolaires de Paris", "cite-scolaire", "2020-03-25", "", slot("4e", "14:00", "16:00")),
	// Créteil: two collège timetables of the same day both name 6e; its
	// cités scolaires a rule of the same day as the Région's.
	"academies/creteil/timetables.yaml", tt("Collèges A", "college", "2020-03-19", "", slot("6e", "08:00", "10:00")) +
		tt("Collèges B", "college", "2020-03-19", "", slot("college", "10:00", "12:00")) +
		tt("Cités de Créteil", "cite-scolaire", "2020-03-18", "", slot("seconde", "09:00", "10:00")),
	// The Région Nouvelle-Aquitaine: free access from 20h for everyone,
	// parents suspended.
	"collectivites/na/timetables.yaml", tt("Lycées NA", "lycee, lycee-pro", "2020-03-19", "  outside:\n    parents: suspendu\n", slot("premiere", "11:00", "14:00"), "    - who: [tous]\n      from: \"20:00\"\n      access: libre\n"),
	// The Département de la Creuse: its collèges only, from the 19th.
	"collectivites/creuse/timetables.yaml", tt("Collèges de la Creuse", "college", "2020-03-19", "", slot("eleves", "08:30", "17:00")),
}

func TestApplicable(t *testing.T) {
	tts, terr, errs := site(t, fixture...)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	const (
		nat    = "content/national/timetables.yaml:1"
		ra     = "content/regions/ile-de-france/timetables.yaml:1"
		idf    = "content/collectivites/idf/timetables.yaml:1"
		paris  = "content/academies/paris/timetables.yaml"
		na     = "content/collectivites/na/timetables.yaml:1"
		creuse = "content/collectivites/creuse/timetables.yaml:1"
	)
	for _, tc := range []struct {
		name              string
		academy, dep      string
		kind, level, date string
		want              string // "file:line" of the timetable, "" for none
		err               string
	}{
		{"académie before its région académique", "paris", "", "college", "4e", "2020-03-23", paris + ":1", ""},
		{"région académique before the académie's start", "paris", "", "college", "4e", "2020-03-18", ra, ""},
		{"région académique for a level the académie did not set", "paris", "", "college", "3e", "2020-03-23", ra, ""},
		{"later effective overrides earlier", "paris", "", "college", "4e", "2020-04-01", paris + ":14", ""},
		{"until is the last day in force", "paris", "", "college", "4e", "2020-04-10", paris + ":14", ""},
		{"until ends a timetable", "paris", "", "college", "4e", "2020-04-11", paris + ":1", ""},
		{"a later timetable for other levels does not hide", "paris", "", "college", "6e", "2020-04-02", paris + ":1", ""},
		{"collectivité running the ENT is local", "paris", "", "cite-scolaire", "4e", "2020-03-23", idf, ""},
		{"later local rule of the académie wins over the Région's", "paris", "", "cite-scolaire", "4e", "2020-03-25", paris + ":25", ""},
		{"collectivité for a kind whose ENT it does not run", "paris", "", "college", "6e", "2020-03-18", ra, ""},
		{"collectivité outside its territory", "bordeaux", "", "cite-scolaire", "4e", "2020-03-23", nat, ""},
		{"national recommendation as the last resort", "la-reunion", "", "college", "4e", "2020-03-23", nat, ""},
		{"national recommendation not for écoles", "la-reunion", "", "ecole", "cm1", "2020-03-23", "", ""},
		{"nothing before the national recommendation", "la-reunion", "", "college", "4e", "2020-03-19", "", ""},
		{"free access for tous names every level", "bordeaux", "", "lycee", "terminale", "2020-03-20", na, ""},
		{"Région for lycée pro", "limoges", "", "lycee-pro", "cap", "2020-03-20", na, ""},
		{"Département in its département", "limoges", "23", "college", "4e", "2020-03-20", creuse, ""},
		{"Département not elsewhere in the académie", "limoges", "87", "college", "4e", "2020-03-20", nat, ""},
		{"Département not for the whole académie", "limoges", "", "college", "4e", "2020-03-20", nat, ""},
		{"kind without the level", "paris", "", "lycee", "6e", "2020-03-23", "", ""},
		{"two local rules of the same day", "creteil", "", "college", "6e", "2020-03-23", "",
			"les grilles de content/academies/creteil/timetables.yaml:1:3 et de content/academies/creteil/timetables.yaml:11:3 s'appliquent toutes deux en 6e dans les collèges de l'académie de Créteil le 2020-03-23 : elles prennent effet le même jour (2020-03-19) ; le site ne choisit pas entre deux consignes : donnez à l'une une date effective plus tardive ou un until, ou réunissez-les"},
		{"académie and Région on the same day", "creteil", "", "cite-scolaire", "seconde", "2020-03-23", "", "content/academies/creteil/timetables.yaml:21:3 et de content/collectivites/idf/timetables.yaml:1:3"},
		{"not ambiguous for a level one of them names", "creteil", "", "college", "5e", "2020-03-23", "content/academies/creteil/timetables.yaml:11", ""},
		{"unknown académie", "lyon", "", "college", "6e", "2020-03-23", "", `académie inconnue "lyon"`},
		{"unknown level", "paris", "", "college", "6eme", "2020-03-23", "", `niveau inconnu "6eme"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ApplicableAt(tts, terr, Place{Academy: tc.academy, Departement: tc.dep}, tc.kind, tc.level, date(tc.date))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error = %v\nwant %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if s := where(got); s != tc.want {
				t.Errorf("got %q, want %q", s, tc.want)
			}
		})
	}
	_, err := Applicable(tts, terr, "creteil", "college", "6e", date("2020-03-23"))
	var amb *AmbiguousError
	if !errors.As(err, &amb) || amb.A.Title != "Collèges A" || amb.B.Title != "Collèges B" {
		t.Errorf("ambiguous error = %#v", err)
	}
}

func where(t *Timetable) string {
	if t == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d", t.Path, t.Pos.Line)
}

func TestApplicableTimeZone(t *testing.T) {
	tts, terr, _ := site(t, fixture...)
	// 23:30 on the 18th in Paris is the 18th, though it is the 19th in Réunion.
	at := time.Date(2020, 3, 18, 23, 30, 0, 0, terr.Academy("paris").Location)
	got, err := Applicable(tts, terr, "paris", "college", "4e", at)
	if err != nil || got == nil || got.Issuer.Kind != territory.IssuerRegion {
		t.Errorf("Applicable at %v = %v, %v; want the région académique's", at, where(got), err)
	}
}

func TestSchedule(t *testing.T) {
	tts, terr, _ := site(t, fixture...)
	show := func(ps []Period) []string {
		var s []string
		for _, p := range ps {
			to := "…"
			if !p.To.IsZero() {
				to = day(p.To)
			}
			s = append(s, fmt.Sprintf("%s %s %s", day(p.From), to, p.Timetable.Title))
		}
		return s
	}
	got, err := Schedule(tts, terr, "paris", "college", "4e", date("2020-03-17"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2020-03-17 2020-03-18 Collèges d'Île-de-France",
		"2020-03-19 2020-03-31 Collèges de Paris",
		"2020-04-01 2020-04-10 Collèges de Paris, avril",
		"2020-04-11 … Collèges de Paris",
	}
	if diff := cmp.Diff(want, show(got)); diff != "" {
		t.Errorf("schedule (-want +got):\n%s", diff)
	}
	// Every announced one is shown: the national recommendation, then the
	// Creuse's... in the Creuse, the Département's from the 19th only.
	got, err = ScheduleAt(tts, terr, Place{Academy: "limoges", Departement: "23"}, "college", "6e", date("2020-03-13"))
	if diff := cmp.Diff([]string{"2020-03-19 … Collèges de la Creuse"}, show(got)); err != nil || diff != "" {
		t.Errorf("Creuse (-want +got):\n%s %v", diff, err)
	}
	got, err = Schedule(tts, terr, "la-reunion", "college", "4e", date("2020-03-13"))
	if diff := cmp.Diff([]string{"2020-03-20 … National"}, show(got)); err != nil || diff != "" {
		t.Errorf("future national (-want +got):\n%s %v", diff, err)
	}
	got, err = Schedule(tts, terr, "paris", "lycee", "6e", date("2020-03-13"))
	if err != nil || len(got) != 0 {
		t.Errorf("uncovered: %+v, %v", got, err)
	}
	if _, err := Schedule(tts, terr, "creteil", "college", "6e", date("2020-03-01")); err == nil {
		t.Errorf("ambiguous future: no error")
	}
}

func TestCheckAmbiguous(t *testing.T) {
	tts, terr, _ := site(t, fixture...)
	const c = "content/academies/creteil/timetables.yaml"
	got := strs(CheckAmbiguous(tts, terr))
	want := []string{
		c + ":11:3: cette grille et celle de " + c + ":1:3 (académie de Créteil) s'appliquent toutes deux en 6e dans les collèges de l'académie de Créteil à partir du 2020-03-19 : elles prennent effet le même jour (2020-03-19) ; le site ne choisit pas entre deux consignes : donnez à l'une une date effective plus tardive ou un until, ou réunissez-les",
		"content/collectivites/idf/timetables.yaml:1:3: cette grille et celle de " + c + ":21:3 (académie de Créteil) s'appliquent toutes deux en seconde dans les cités scolaires de l'académie de Créteil à partir du 2020-03-18 : elles prennent effet le même jour (2020-03-18) ; le site ne choisit pas entre deux consignes : donnez à l'une une date effective plus tardive ou un until, ou réunissez-les",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}

	// Two tied Département rules in one département only.
	tts, terr, _ = site(t, "collectivites/creuse/timetables.yaml",
		tt("A", "college", "2020-03-19", "", slot("6e", "08:00", "11:00"))+tt("B", "college", "2020-03-19", "", slot("eleves", "12:00", "13:00")))
	got = strs(CheckAmbiguous(tts, terr))
	if len(got) != 1 || !strings.Contains(got[0], "content/collectivites/creuse/timetables.yaml:11:3: ") || !strings.Contains(got[0], "en 6e dans les collèges de l'académie de Limoges") {
		t.Errorf("Département tie: %q", got)
	}
}

func TestLevelHelpers(t *testing.T) {
	tts, _, _ := site(t, fixture...)
	var na, paris, nat *Timetable
	for _, tt := range tts {
		switch tt.Title {
		case "Lycées NA":
			na = tt
		case "Collèges de Paris":
			paris = tt
		case "National":
			nat = tt
		}
	}
	who := func(slots []Slot) string {
		var s []string
		for _, sl := range slots {
			s = append(s, fmt.Sprintf("%s %s", strings.Join(sl.Who, "+"), clockRange(sl)))
		}
		return strings.Join(s, ", ")
	}
	if got := who(paris.SlotsFor("5e")); got != "6e+5e 08:00–12:00" {
		t.Errorf("SlotsFor(5e) = %s", got)
	}
	if got := who(paris.SlotsFor("3e")); got != "" {
		t.Errorf("SlotsFor(3e) = %s", got)
	}
	if got := who(nat.AudienceSlots("parents")); got != "parents avant 08:30, parents à partir de 17:00" {
		t.Errorf("AudienceSlots = %s", got)
	}
	if got := who(na.PupilSlots("premiere")); got != "premiere 11:00–14:00, tous à partir de 20:00" {
		t.Errorf("PupilSlots = %s", got)
	}
	if !na.Suspends("parents") || na.Suspends("premiere") || na.Suspends("enseignants") || nat.Suspends("parents") {
		t.Errorf("Suspends is wrong")
	}
	if r, ok := na.OutsideFor("parents"); !ok || r != Suspendu {
		t.Errorf("OutsideFor(parents) = %q, %v", r, ok)
	}
	if _, ok := na.OutsideFor("premiere"); ok {
		t.Errorf("OutsideFor(premiere) is stated")
	}
	if !paris.Names("4e") || paris.Names("3e") || !na.Names("terminale") {
		t.Errorf("Names is wrong")
	}
	// Days not stated: reserved slots hold on weekdays only, free access on
	// every day.
	if !paris.OnDay(time.Friday) || paris.OnDay(time.Sunday) || paris.DaysStated() {
		t.Errorf("OnDay is wrong")
	}
	free := na.PupilSlots("premiere")[1]
	if !na.SlotOnDay(free, time.Saturday) || na.SlotOnDay(na.PupilSlots("premiere")[0], time.Saturday) {
		t.Errorf("SlotOnDay is wrong")
	}
	if !paris.InForce(date("2020-03-19")) || paris.InForce(date("2020-03-18")) {
		t.Errorf("InForce is wrong")
	}
	t2 := &Timetable{Outside: []OutsideRule{{Who: "eleves", Rule: Suspendu}}}
	if !t2.Suspends("cm1") || !t2.Names("cm1") || t2.Suspends("parents") {
		t.Errorf("eleves suspension is wrong")
	}
}

func TestCheckSources(t *testing.T) {
	tts, _, _ := site(t, "academies/paris/timetables.yaml", parisYAML)
	exists := func(iss territory.Issuer, ref string) bool {
		return iss == territory.AcademyIssuer("paris") && ref == "directives/2020-03-19-plages-horaires"
	}
	if errs := CheckSources(tts, exists); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
	want := []string{`content/academies/paris/timetables.yaml:7:16: la directive "directives/2020-03-19-plages-horaires" n'existe pas : il n'y a pas de fichier content/academies/paris/directives/2020-03-19-plages-horaires.md (la directive d'une grille est publiée par le même émetteur)`}
	if got := strs(CheckSources(tts, func(territory.Issuer, string) bool { return false })); !slices.Equal(got, want) {
		t.Errorf("errors = %q", got)
	}
}

func TestWindowsOn(t *testing.T) {
	tts, terr, _ := site(t, fixture...)
	var paris, na *Timetable
	for _, tt := range tts {
		switch tt.Title {
		case "Collèges de Paris":
			paris = tt
		case "Lycées NA":
			na = tt
		}
	}
	loc := terr.Academy("paris").Location
	// Monday 30 March 2020, the day after the change to summer time.
	w := paris.WindowsOn("6e", date("2020-03-30"), loc)
	if len(w) != 1 || w[0].Start.UTC().Format(time.RFC3339) != "2020-03-30T06:00:00Z" || w[0].End.Sub(w[0].Start) != 4*time.Hour {
		t.Errorf("windows = %+v", w)
	}
	if w := paris.WindowsOn("6e", date("2020-03-28"), loc); w != nil {
		t.Errorf("saturday windows = %+v", w)
	}
	if w := paris.WindowsOn("6e", date("2020-03-18"), loc); w != nil {
		t.Errorf("windows before effective = %+v", w)
	}
	// Saturday 28 March: the free access from 20h, to the end of the day.
	w = na.WindowsOn("premiere", date("2020-03-28"), loc)
	if len(w) != 1 || !w[0].Slot.Free() || w[0].Start.In(loc).Format("2006-01-02 15:04") != "2020-03-28 20:00" || w[0].End.In(loc).Format("2006-01-02 15:04") != "2020-03-29 00:00" {
		t.Errorf("saturday free access = %+v", w)
	}
}

// TestDecodeUnderKey: the file the web form writes, the list under the key
// timetables, decodes as the list itself.
func TestDecodeUnderKey(t *testing.T) {
	list := "- title: Collèges\n  applies_to: [college]\n  effective: 2020-03-19\n  tone: demande\n  source:\n    said_by: le rectorat\n  slots:\n    - who: [6e]\n      from: \"08:00\"\n      to: \"12:00\"\n"
	iss := territory.AcademyIssuer("paris")
	a, errsA := DecodeFile(&load.File{Path: "content/academies/paris/timetables.yaml", Data: []byte(list)}, iss)
	under := "timetables:\n" + strings.ReplaceAll("  "+strings.TrimSuffix(list, "\n"), "\n", "\n  ") + "\n"
	b, errsB := DecodeFile(&load.File{Path: "content/academies/paris/timetables.yaml", Data: []byte(under)}, iss)
	if len(errsA) > 0 || len(errsB) > 0 || len(a) != 1 || len(b) != 1 || a[0].Title != b[0].Title || len(b[0].Slots) != 1 {
		t.Errorf("list: %v %v; under timetables: %v %v", a, errsA, b, errsB)
	}
}
