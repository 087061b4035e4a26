package catalog

import (
	"strings"
	"testing"
	"time"
)

func TestFrenchPeriod(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		start, end time.Time
		want       string
	}{
		{d(2020, 3, 23), d(2020, 7, 3), "du 23 mars au 3 juillet 2020"},
		{d(2020, 12, 1), d(2021, 1, 8), "du 1er décembre 2020 au 8 janvier 2021"},
		{d(2020, 3, 23), time.Time{}, "à partir du 23 mars 2020"},
		{time.Time{}, d(2020, 7, 3), "jusqu’au 3 juillet 2020"},
		{time.Time{}, time.Time{}, ""},
	} {
		if got := frenchPeriod(tc.start, tc.end); got != tc.want {
			t.Errorf("frenchPeriod(%v, %v) = %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
}

func TestLevelsInShort(t *testing.T) {
	for _, tc := range []struct {
		levels string
		want   string
	}{
		{"cp ce1", "CP, CE1"},
		{"6e 5e 4e 3e", "collège"},
		{"5e 4e 3e", "cycle 4"},
		{"cm1 cm2 6e", "cycle 3"},
		{"cm2 6e 5e 4e", "CM2, 6e, 5e, 4e"},
		{"cp ce1 ce2 cm1 cm2", "élémentaire"},
		{"5e 4e 3e seconde premiere terminale cap bac-pro", "cycle 4, lycée, voie professionnelle"},
		{"terminale", "terminale"},
		{"bts cpge cfa", "post-bac"},
		{"", ""},
	} {
		if got := levelsInShort(strings.Fields(tc.levels)); got != tc.want {
			t.Errorf("levelsInShort(%s) = %q, want %q", tc.levels, got, tc.want)
		}
	}
}

func TestFacetTitles(t *testing.T) {
	for _, tc := range []struct {
		f    Facet
		want string
	}{
		{Facet{Kind: KindLevels, Value: "cycle-3", Label: "cycle 3"}, "Programmes pour le cycle 3"},
		{Facet{Kind: KindLevels, Value: "lycee", Label: "lycée"}, "Programmes pour le lycée"},
		{Facet{Kind: KindLevels, Value: "cm1", Label: "CM1"}, "Programmes pour les élèves de CM1"},
		{Facet{Kind: KindSubjects, Value: "anglais", Label: "anglais"}, "Programmes d’anglais"},
		{Facet{Kind: KindSubjects, Value: "education-musicale", Label: "éducation musicale"}, "Programmes d’éducation musicale"},
		{Facet{Kind: KindSubjects, Value: "mathematiques", Label: "mathématiques"}, "Programmes de mathématiques"},
		{Facet{Kind: KindBroadcasters, Value: "arte", Label: "Arte"}, "Programmes d’Arte"},
		{Facet{Kind: KindBroadcasters, Value: "rfi", Label: "RFI"}, "Programmes de RFI"},
		{Facet{Kind: KindMedia, Value: "tv", Label: "télévision"}, "Programmes à la télévision"},
	} {
		if got := facetTitle(tc.f); got != tc.want {
			t.Errorf("facetTitle(%s/%s) = %q, want %q", tc.f.Kind, tc.f.Value, got, tc.want)
		}
	}
}
