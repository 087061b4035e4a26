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

const parisYAML = `- title: Collèges de l'académie de Paris
  applies_to: [college]
  effective: 2020-03-19
  source: directives/2020-03-19-plages-horaires
  slots:
    - who: [6e, 5e]
      from: "08:00"
      to: "12:00"
    - who: [4e]
      from: "13:00"
      to: "17:00"
    - who: [parents]
      from: "17:00"
      to: "24:00"
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
	tt := tts[0]
	const p = "content/academies/paris/timetables.yaml"
	want := Timetable{
		Issuer:    territory.AcademyIssuer("paris"),
		Title:     "Collèges de l'académie de Paris",
		AppliesTo: []string{"college"},
		Effective: date("2020-03-19"),
		Days:      DefaultDays,
		Source:    "directives/2020-03-19-plages-horaires",
		SourcePos: diag.Pos{File: p, Line: 4, Col: 11},
		Slots: []Slot{
			{Who: []string{"6e", "5e"}, From: 8 * 60, To: 12 * 60, Pos: diag.Pos{File: p, Line: 6, Col: 7}},
			{Who: []string{"4e"}, From: 13 * 60, To: 17 * 60, Pos: diag.Pos{File: p, Line: 9, Col: 7}},
			{Who: []string{"parents"}, From: 17 * 60, To: vocab.EndOfDay, Pos: diag.Pos{File: p, Line: 12, Col: 7}},
		},
		Note:     "Après **17h**.",
		NoteLine: 15,
		Pos:      diag.Pos{File: p, Line: 1, Col: 3},
		Path:     p,
	}
	if diff := cmp.Diff(want, *tt); diff != "" {
		t.Errorf("timetable (-want +got):\n%s", diff)
	}
}

func TestDecodeErrors(t *testing.T) {
	const p = "content/academies/paris/timetables.yaml:"
	head := "- title: T\n  applies_to: [college]\n  effective: 2020-03-19\n"
	slot := func(who, from, to string) string {
		return fmt.Sprintf("    - who: [%s]\n      from: %q\n      to: %q\n", who, from, to)
	}
	for _, tc := range []struct {
		name string
		yaml string
		want []string
	}{
		{"bad clock", head + "  slots:\n" + slot("6e", "8h", "12:00"),
			[]string{p + `6:13: l'heure « 8h » doit s'écrire HH:MM : écrivez 08:00`}},
		{"24:00 as start", head + "  slots:\n" + slot("6e", "24:00", "24:00"),
			[]string{p + `6:13: l'heure « 24:00 » ne peut que finir un créneau : un créneau qui commence à minuit commence à « 00:00 »`}},
		{"to before from", head + "  slots:\n" + slot("6e", "12:00", "08:00"),
			[]string{p + `7:11: slot ends at 08:00, not after it starts at 12:00: "to" must be later than "from" (24:00 ends the day)`}},
		{"overlap same who", head + "  slots:\n" + slot("6e, 5e", "08:00", "12:00") + slot("4e, 5e", "11:00", "13:00"),
			[]string{p + `8:7: slot 11:00–13:00 overlaps the slot 08:00–12:00 at ` + p + `5:7 for "5e": give each level one slot at a time`}},
		{"overlap through a group", head + "  slots:\n" + slot("college", "08:00", "12:00") + slot("3e", "11:00", "13:00"),
			[]string{p + `8:7: slot 11:00–13:00 overlaps the slot 08:00–12:00 at ` + p + `5:7 for "3e": give each level one slot at a time`}},
		{"touching slots are fine", head + "  slots:\n" + slot("eleves", "08:00", "12:00") + slot("eleves", "12:00", "13:00") + slot("parents", "08:00", "24:00"),
			nil},
		{"until before effective", head + "  until: 2020-03-18\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{p + `4:10: until 2020-03-18 is before effective 2020-03-19: until is the last day in force`}},
		{"unknown words", "- title: T\n  applies_to: [colege]\n  effective: 2020-03-19\n  days: [lun, mard]\n  suspended: [parent]\n  slots:\n" + slot("6eme", "08:00", "12:00"),
			[]string{
				p + `2:16: type d'établissement inconnu « colege » (vouliez-vous dire « college » ?)`,
				p + `4:15: jour inconnu « mard » (vouliez-vous dire « mar » ?)`,
				p + `5:15: niveau ou public inconnu « parent » (vouliez-vous dire « parents » ?)`,
				p + `7:13: niveau ou public inconnu « 6eme » (vouliez-vous dire « 6e » ?)`,
			}},
		{"unknown field", head + "  slot:\n" + slot("6e", "08:00", "12:00"),
			[]string{
				p + `1:3: il manque « slots » dans un emploi du temps : ajoutez une ligne « slots: ... »`,
				p + `4:3: champ inconnu « slot » dans un emploi du temps (vouliez-vous dire « slots » ?)`,
			}},
		{"unknown slot field", head + "  slots:\n    - who: [6e]\n      from: \"08:00\"\n      till: \"09:00\"\n",
			[]string{
				p + `5:7: il manque « to » dans un créneau : ajoutez une ligne « to: 09:00 »`,
				p + `7:7: champ inconnu « till » dans un créneau (valeurs possibles : « who », « from », « to »)`,
			}},
		{"level not taught", head + "  slots:\n" + slot("seconde", "08:00", "12:00"),
			[]string{p + `5:7: slot names "seconde", but no establishment this timetable applies to (college) teaches it: add its kind to applies_to or remove the word`}},
		{"suspended with a slot", head + "  suspended: [parents]\n  slots:\n" + slot("parents", "08:00", "12:00"),
			[]string{p + `6:7: "parents" has a slot but is also in suspended: remove one of the two`}},
		{"source with .md", head + "  source: directives/x-y.md\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{p + `4:11: source "directives/x-y.md": leave out the .md, write "directives/x-y"`}},
		{"source elsewhere", head + "  source: https://example.fr/x.pdf\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{p + `4:11: source "https://example.fr/x.pdf" must name a directive of the issuer as "directives/<slug>", such as "directives/2020-03-19-plages-horaires"`}},
		{"not a list", "title: T\n",
			[]string{p + `1:1: a timetables file is a list of timetables, each starting with "- title: ..."`}},
		{"bad date", "- title: T\n  applies_to: college\n  effective: 19/03/2020\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{p + `3:14: « effective » doit être une date écrite AAAA-MM-JJ (année, mois, jour) : écrivez « effective: 2020-03-19 »`}},
		{"empty days after another error", "- title: T\n  applies_to: [colege]\n  effective: 2020-03-19\n  days: []\n  slots:\n" + slot("6e", "08:00", "12:00"),
			[]string{
				p + `2:16: type d'établissement inconnu « colege » (vouliez-vous dire « college » ?)`,
				p + `4:9: days is empty: leave it out for Monday to Friday, or list days such as [lun, mer]`,
			}},
		{"empty lists", "- title: T\n  applies_to: []\n  effective: 2020-03-19\n  slots: []\n",
			[]string{
				p + `2:15: applies_to is empty: name the establishment kinds, such as [college]`,
				p + `4:10: slots is empty: give at least one slot (who, from, to)`,
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, errs := site(t, "academies/paris/timetables.yaml", tc.yaml)
			if diff := cmp.Diff(tc.want, strs(errs)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeIssuers(t *testing.T) {
	const ok = "- title: T\n  applies_to: [college]\n  effective: 2020-03-19\n  slots:\n    - who: [eleves]\n      from: \"08:00\"\n      to: \"17:00\"\n"
	tts, _, errs := site(t,
		"academies/pari/timetables.yaml", ok,
		"academies/lyon/timetables.yaml", ok,
		"regions/ile-de-france/timetable.yaml", ok,
		"regions/ile-de-france/timetables.yaml", ok,
		"national/timetables.yaml", ok,
	)
	want := []string{
		`content/academies/lyon/timetables.yaml:1:1: unknown académie "lyon": the folder content/academies/lyon has no _index.md`,
		`content/academies/pari/timetables.yaml:1:1: unknown académie "pari" in the folder name (did you mean "paris"?)`,
		`content/regions/ile-de-france/timetable.yaml: "timetable.yaml" is not read: timetables go in a file named "timetables.yaml"`,
	}
	if diff := cmp.Diff(want, strs(errs)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	var issuers []string
	for _, tt := range tts {
		issuers = append(issuers, tt.Issuer.String())
	}
	if want := []string{"national", "regions/ile-de-france"}; !slices.Equal(issuers, want) {
		t.Errorf("issuers = %q, want %q", issuers, want)
	}
}

// fixture is a site with every case of the rule (docs/design.md).
var fixture = []string{
	// The ministry: écoles, élémentaire only.
	"national/timetables.yaml", `- title: Écoles
  applies_to: [ecole]
  effective: 2020-03-16
  slots:
    - who: [elementaire]
      from: "09:00"
      to: "16:00"
`,
	// The région: collèges (all pupils) from the 16th; lycées from the 19th.
	"regions/ile-de-france/timetables.yaml", `- title: Collèges d'Île-de-France
  applies_to: [college]
  effective: 2020-03-16
  slots:
    - who: [eleves]
      from: "09:00"
      to: "17:00"
- title: Lycées d'Île-de-France
  applies_to: [lycee, cite-scolaire]
  effective: 2020-03-19
  suspended: [parents]
  slots:
    - who: [seconde]
      from: "08:00"
      to: "11:00"
    - who: [premiere]
      from: "11:00"
      to: "14:00"
    - who: [tous]
      from: "20:00"
      to: "24:00"
`,
	// Paris: 6e–4e from the 19th (not 3e); a short change in April.
	"academies/paris/timetables.yaml", `- title: Collèges de Paris
  applies_to: [college]
  effective: 2020-03-19
  slots:
    - who: [6e, 5e]
      from: "08:00"
      to: "12:00"
    - who: [4e]
      from: "13:00"
      to: "17:00"
    - who: [parents]
      from: "17:00"
      to: "24:00"
- title: Collèges de Paris, avril
  applies_to: [college]
  effective: 2020-04-01
  until: 2020-04-10
  slots:
    - who: [4e]
      from: "14:00"
      to: "16:00"
`,
	// Créteil: two collège timetables of the same day both name 6e.
	"academies/creteil/timetables.yaml", `- title: Collèges A
  applies_to: [college]
  effective: 2020-03-19
  slots:
    - who: [6e]
      from: "08:00"
      to: "10:00"
- title: Collèges B
  applies_to: [college]
  effective: 2020-03-19
  slots:
    - who: [college]
      from: "10:00"
      to: "12:00"
`,
}

func TestApplicable(t *testing.T) {
	tts, terr, errs := site(t, fixture...)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	const (
		idf   = "content/regions/ile-de-france/timetables.yaml"
		paris = "content/academies/paris/timetables.yaml"
	)
	for _, tc := range []struct {
		name                       string
		academy, kind, level, date string
		want                       string // "file:line" of the timetable, "" for none
		err                        string
	}{
		{"académie overrides région", "paris", "college", "4e", "2020-03-23", paris + ":1", ""},
		{"région before the académie's start", "paris", "college", "4e", "2020-03-18", idf + ":1", ""},
		{"région reaches a level the académie did not set", "paris", "college", "3e", "2020-03-23", idf + ":1", ""},
		{"later effective overrides earlier", "paris", "college", "4e", "2020-04-01", paris + ":14", ""},
		{"until is the last day in force", "paris", "college", "4e", "2020-04-10", paris + ":14", ""},
		{"until ends a timetable", "paris", "college", "4e", "2020-04-11", paris + ":1", ""},
		{"a later timetable for other levels does not hide", "paris", "college", "6e", "2020-04-02", paris + ":1", ""},
		{"région lycées", "creteil", "cite-scolaire", "seconde", "2020-03-19", idf + ":8", ""},
		{"national", "bordeaux", "ecole", "cm1", "2020-03-20", "content/national/timetables.yaml:1", ""},
		{"before any timetable", "bordeaux", "ecole", "cm1", "2020-03-13", "", ""},
		{"level not covered at all", "paris", "lycee", "terminale", "2020-03-23", "", ""},
		{"maternelle not named", "paris", "ecole", "ps", "2020-03-23", "", ""},
		{"kind without the level", "paris", "lycee", "6e", "2020-03-23", "", ""},
		{"no timetable in the région", "bordeaux", "college", "6e", "2020-03-23", "", ""},
		{"ambiguous", "creteil", "college", "6e", "2020-03-23", "",
			"timetables at content/academies/creteil/timetables.yaml:1:3 and content/academies/creteil/timetables.yaml:8:3 both apply to 6e in collèges of académie de Créteil on 2020-03-23: both are issued by academies/creteil and take effect on 2020-03-19; give one a later effective date or an until, or merge them"},
		{"not ambiguous for a level one of them names", "creteil", "college", "5e", "2020-03-23", "content/academies/creteil/timetables.yaml:8", ""},
		{"unknown académie", "lyon", "college", "6e", "2020-03-23", "", `unknown académie "lyon"`},
		{"unknown level", "paris", "college", "6eme", "2020-03-23", "", `unknown level "6eme"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Applicable(tts, terr, tc.academy, tc.kind, tc.level, date(tc.date))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
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
		t.Errorf("Applicable at %v = %v, %v; want the région's", at, where(got), err)
	}
}

func TestSchedule(t *testing.T) {
	tts, terr, _ := site(t, fixture...)
	got, err := Schedule(tts, terr, "paris", "college", "4e", date("2020-03-17"))
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, p := range got {
		to := "…"
		if !p.To.IsZero() {
			to = p.To.Format(time.DateOnly)
		}
		s = append(s, fmt.Sprintf("%s %s %s", p.From.Format(time.DateOnly), to, p.Timetable.Title))
	}
	want := []string{
		"2020-03-17 2020-03-18 Collèges d'Île-de-France",
		"2020-03-19 2020-03-31 Collèges de Paris",
		"2020-04-01 2020-04-10 Collèges de Paris, avril",
		"2020-04-11 … Collèges de Paris",
	}
	if !slices.Equal(s, want) {
		t.Errorf("schedule:\n%s\nwant:\n%s", strings.Join(s, "\n"), strings.Join(want, "\n"))
	}

	got, err = Schedule(tts, terr, "bordeaux", "ecole", "cm1", date("2020-03-13"))
	if err != nil || len(got) != 1 || !got[0].From.Equal(date("2020-03-16")) || !got[0].To.IsZero() {
		t.Errorf("future only: %+v, %v", got, err)
	}
	got, err = Schedule(tts, terr, "paris", "lycee", "terminale", date("2020-03-13"))
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
	want := []string{
		c + ":8:3: this timetable and the one at " + c + ":1:3 both apply to 6e in collèges of académie de Créteil from 2020-03-19: both are issued by académie de Créteil and take effect on 2020-03-19; give one a later effective date or an until, or merge them",
	}
	if diff := cmp.Diff(want, strs(CheckAmbiguous(tts, terr))); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}

	// Two tied région timetables hidden by an académie's, until it ends.
	tts, terr, _ = site(t,
		"regions/nouvelle-aquitaine/timetables.yaml", `- title: A
  applies_to: [lycee]
  effective: 2020-03-19
  slots:
    - {who: [seconde], from: "08:00", to: "11:00"}
- title: B
  applies_to: [lycee]
  effective: 2020-03-19
  slots:
    - {who: [lycee], from: "12:00", to: "13:00"}
`,
		"academies/bordeaux/timetables.yaml", `- title: C
  applies_to: [lycee]
  effective: 2020-03-01
  until: 2020-04-30
  slots:
    - {who: [seconde], from: "08:00", to: "11:00"}
`)
	got := strs(CheckAmbiguous(tts, terr))
	if len(got) != 1 || !strings.Contains(got[0], "content/regions/nouvelle-aquitaine/timetables.yaml:6:3: ") ||
		!strings.Contains(got[0], "seconde in lycées of académie de Bordeaux from 2020-05-01") {
		t.Errorf("hidden tie: %q", got)
	}
}

func TestLevelHelpers(t *testing.T) {
	tts, _, _ := site(t, fixture...)
	var lycees, paris *Timetable
	for _, tt := range tts {
		switch tt.Title {
		case "Lycées d'Île-de-France":
			lycees = tt
		case "Collèges de Paris":
			paris = tt
		}
	}
	who := func(slots []Slot) string {
		var s []string
		for _, sl := range slots {
			s = append(s, fmt.Sprintf("%s %s-%s", strings.Join(sl.Who, "+"), sl.From, sl.To))
		}
		return strings.Join(s, ", ")
	}
	if got := who(paris.SlotsFor("5e")); got != "6e+5e 08:00-12:00" {
		t.Errorf("SlotsFor(5e) = %s", got)
	}
	if got := who(paris.SlotsFor("3e")); got != "" {
		t.Errorf("SlotsFor(3e) = %s", got)
	}
	if got := who(paris.AudienceSlots()); got != "parents 17:00-24:00" {
		t.Errorf("AudienceSlots = %s", got)
	}
	if got := who(lycees.AudienceSlots()); got != "tous 20:00-24:00" {
		t.Errorf("AudienceSlots = %s", got)
	}
	if !lycees.Suspends("parents") || lycees.Suspends("seconde") || lycees.Suspends("enseignants") || paris.Suspends("parents") {
		t.Errorf("Suspends is wrong")
	}
	if !paris.Names("4e") || paris.Names("3e") || !paris.OnDay(time.Friday) || paris.OnDay(time.Sunday) {
		t.Errorf("Names/OnDay is wrong")
	}
	if !paris.InForce(date("2020-03-19")) || paris.InForce(date("2020-03-18")) {
		t.Errorf("InForce is wrong")
	}
	tt := &Timetable{Suspended: []string{"eleves"}}
	if !tt.Suspends("cm1") || !tt.Names("cm1") || tt.Suspends("parents") {
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
	want := []string{`content/academies/paris/timetables.yaml:4:11: source "directives/2020-03-19-plages-horaires" names no directive: there is no content/academies/paris/directives/2020-03-19-plages-horaires.md`}
	if got := strs(CheckSources(tts, func(territory.Issuer, string) bool { return false })); !slices.Equal(got, want) {
		t.Errorf("errors = %q", got)
	}
}

func TestWindowsOn(t *testing.T) {
	tts, terr, _ := site(t, fixture...)
	var paris *Timetable
	for _, tt := range tts {
		if tt.Title == "Collèges de Paris" {
			paris = tt
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
	tt := &Timetable{Effective: date("2020-03-19"), Days: DefaultDays, Slots: []Slot{{Who: []string{"eleves"}, From: 20 * 60, To: vocab.EndOfDay}}}
	w = tt.WindowsOn("cm1", date("2020-03-20"), loc)
	if len(w) != 1 || w[0].End.In(loc).Format("2006-01-02 15:04") != "2020-03-21 00:00" {
		t.Errorf("24:00 window = %+v", w)
	}
}

// TestDecodeUnderKey: the file the web form writes, the list under the key
// timetables, decodes as the list itself.
func TestDecodeUnderKey(t *testing.T) {
	list := "- title: Collèges\n  applies_to: [college]\n  effective: 2020-03-19\n  slots:\n    - who: [6e]\n      from: \"08:00\"\n      to: \"12:00\"\n"
	iss := territory.AcademyIssuer("paris")
	a, errsA := DecodeFile(&load.File{Path: "content/academies/paris/timetables.yaml", Data: []byte(list)}, iss)
	under := "timetables:\n" + strings.ReplaceAll("  "+strings.TrimSuffix(list, "\n"), "\n", "\n  ") + "\n"
	b, errsB := DecodeFile(&load.File{Path: "content/academies/paris/timetables.yaml", Data: []byte(under)}, iss)
	if len(errsA) > 0 || len(errsB) > 0 || len(a) != 1 || len(b) != 1 || a[0].Title != b[0].Title || len(b[0].Slots) != 1 {
		t.Errorf("list: %v %v; under timetables: %v %v", a, errsA, b, errsB)
	}
}
