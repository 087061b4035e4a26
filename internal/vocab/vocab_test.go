package vocab

import (
	"strings"
	"testing"
	"time"
)

func TestParseLevel(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"6e", "6e", ""},
		{"CM1", "cm1", ""},
		{"2nde", "seconde", ""},
		{"1re", "premiere", ""},
		{"Tle", "terminale", ""},
		{"6eme", "", `niveau inconnu « 6eme » (vouliez-vous dire « 6e » ?)`},
		{"cm3", "", `niveau inconnu « cm3 » (vouliez-vous dire « cm1 » ?)`},
		{"sixième", "", `niveau inconnu « sixième » (vouliez-vous dire « 6e » ?)`},
		{"Troisième", "", `niveau inconnu « Troisième » (vouliez-vous dire « 3e » ?)`},
		{"cours préparatoire", "", `niveau inconnu « cours préparatoire » (vouliez-vous dire « cp » ?)`},
		{"zzzz", "", `niveau inconnu « zzzz »`},
	} {
		got, err := ParseLevel(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseLevel(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseLevel(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestParseWho(t *testing.T) {
	for _, in := range []string{"parents", "eleves", "tous", "post-bac", "4e", "bac-pro"} {
		if _, err := ParseWho(in); err != nil {
			t.Errorf("ParseWho(%q): %v", in, err)
		}
	}
	_, err := ParseWho("parent")
	if err == nil || err.Error() != (`niveau ou public inconnu « parent » (vouliez-vous dire « parents » ?)`) {
		t.Errorf("ParseWho(parent) = %v", err)
	}
}

func TestCyclesCoverLevels(t *testing.T) {
	for _, c := range Cycles() {
		for _, l := range c.Levels {
			lv, ok := LevelOf(l)
			if !ok {
				t.Errorf("cycle %s names unknown level %s", c.Slug, l)
			} else if lv.Cycle != c.Slug {
				t.Errorf("level %s says cycle %q, cycle %s lists it", l, lv.Cycle, c.Slug)
			}
		}
	}
	if got := Expand("cycle-3"); strings.Join(got, ",") != "cm1,cm2,6e" {
		t.Errorf("Expand(cycle-3) = %v", got)
	}
}

func TestParseWeekdayAndKind(t *testing.T) {
	if d, err := ParseWeekday("lundi"); err != nil || d != time.Monday {
		t.Errorf("ParseWeekday(lundi) = %v, %v", d, err)
	}
	if _, err := ParseWeekday("lnu"); err == nil || err.Error() != `jour inconnu « lnu » (vouliez-vous dire « lun » ?)` {
		t.Errorf("ParseWeekday(lnu) = %v", err)
	}
	if _, err := ParseKind("colege"); err == nil || err.Error() != `type d'établissement inconnu « colege » (vouliez-vous dire « college » ?)` {
		t.Errorf("ParseKind(colege) = %v", err)
	}
	if !KindHasLevel("cite-scolaire", "4e") || KindHasLevel("college", "seconde") {
		t.Error("KindHasLevel is wrong")
	}
}

func TestParseCycle(t *testing.T) {
	for in, want := range map[string]string{"cycle-3": "cycle-3", "cycle3": "cycle-3", "c2": "cycle-2", "lycee": "lycee"} {
		if got, err := ParseCycle(in); err != nil || got != want {
			t.Errorf("ParseCycle(%q) = %q, %v", in, got, err)
		}
	}
}

func TestFrenchDates(t *testing.T) {
	d := time.Date(2020, 4, 1, 18, 30, 0, 0, time.UTC)
	if got := FrenchDate(d); got != "1er avril 2020" {
		t.Errorf("FrenchDate = %q", got)
	}
	if got := FrenchLongDate(d); got != "mercredi 1er avril 2020" {
		t.Errorf("FrenchLongDate = %q", got)
	}
	if got := FrenchDateTime(d.AddDate(0, 0, 1)); got != "2 avril 2020 à 18h30" {
		t.Errorf("FrenchDateTime = %q", got)
	}
}

func TestAudienceAndCycleMessages(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{second(ParseAudience("familles")), "public inconnu « familles » (vouliez-vous dire « parents » ?)"},
		{second(ParseAudience("elves")), "public inconnu « elves » (vouliez-vous dire « eleves » ?)"},
		{second(ParseAudience("xyz")), "public inconnu « xyz » (valeurs possibles : « parents », « enseignants », « eleves », « tous »)"},
		{second(ParseCycle("cycle-5")), "cycle inconnu « cycle-5 » (vouliez-vous dire « cycle-1 » ?)"},
		{second(ParseWeekday("lundy")), "jour inconnu « lundy » (vouliez-vous dire « lun » ?)"},
	} {
		if tc.err == nil || tc.err.Error() != tc.want {
			t.Errorf("error = %v, want %q", tc.err, tc.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }
