package diag

import (
	"strings"
	"testing"
)

func TestPosString(t *testing.T) {
	for _, tc := range []struct {
		p    Pos
		want string
	}{
		{Pos{"a.md", 3, 7}, "a.md:3:7"},
		{Pos{"a.md", 3, 0}, "a.md:3"},
		{Pos{"a.md", 0, 0}, "a.md"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestListSortsAndDedupes(t *testing.T) {
	var l List
	l.Add(Pos{"b.md", 1, 1}, "second file")
	l.Add(Pos{"a.md", 10, 2}, "later line")
	l.Add(Pos{"a.md", 2, 5}, "early line")
	l.Add(Pos{"a.md", 2, 5}, "early line")
	got := l.Err().Error()
	want := "a.md:2:5: early line\na.md:10:2: later line\nb.md:1:1: second file"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if (List{}).Err() != nil {
		t.Error("empty list must give a nil error")
	}
}

func TestListCapsOutput(t *testing.T) {
	var l List
	for i := range MaxShown + 5 {
		l.Add(Pos{"a.md", i + 1, 1}, "bad")
	}
	out := l.Error()
	if !strings.HasSuffix(out, "… et 5 autres erreurs") {
		t.Errorf("want a summary line, got %q", out[len(out)-40:])
	}
}

func TestSuggest(t *testing.T) {
	levels := []string{"ps", "ms", "gs", "cp", "ce1", "ce2", "cm1", "cm2", "6e", "5e", "4e", "3e", "seconde", "premiere", "terminale"}
	for _, tc := range []struct{ word, want string }{
		{"6eme", "6e"},
		{"sixieme", ""},
		{"secondes", "seconde"},
		{"première", "premiere"},
		{"termnale", "terminale"},
		{"CM1", "cm1"},
		{"zzzzzz", ""},
	} {
		if got := Suggest(tc.word, levels); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	academies := []string{"paris", "creteil", "versailles", "la-reunion", "aix-marseille", "grand-est"}
	for _, tc := range []struct{ word, want string }{
		{"académie de Paris", "paris"},
		{"Académie de la Réunion", "la-reunion"},
		{"académie d'Aix-Marseille", "aix-marseille"},
		{"Académie d’Aix-Marseille", "aix-marseille"},
		{"région académique Grand Est", "grand-est"},
		{"Créteil", "creteil"},
		{"académie", ""},
	} {
		if got := Suggest(tc.word, academies); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	if got := DidYouMean("titel", []string{"title", "date"}); got != ` (did you mean "title"?)` {
		t.Errorf("got %q", got)
	}
	if got := DidYouMean("zzz", []string{"a", "b"}); got != ` (expected one of "a", "b")` {
		t.Errorf("got %q", got)
	}
}

func TestSuggestion(t *testing.T) {
	for _, tc := range []struct {
		word  string
		known []string
		want  string
	}{
		{"titel", []string{"title", "date"}, " (vouliez-vous dire « title » ?)"},
		{"zzz", []string{"a", "b"}, " (valeurs possibles : « a », « b »)"},
		{"zzz", []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}, ""},
		{"académie de Paris", []string{"paris", "lyon"}, " (vouliez-vous dire « paris » ?)"},
	} {
		if got := Suggestion(tc.word, tc.known); got != tc.want {
			t.Errorf("Suggestion(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestQ(t *testing.T) {
	for in, want := range map[string]string{"6e": "« 6e »", "a\nb": "« a\\nb »", "": "«  »"} {
		if got := Q(in); got != want {
			t.Errorf("Q(%q) = %q, want %q", in, got, want)
		}
	}
	if Plural(0, "erreur", "erreurs") != "erreur" || Plural(1, "erreur", "erreurs") != "erreur" || Plural(2, "erreur", "erreurs") != "erreurs" {
		t.Error("Plural")
	}
}
