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
	if !strings.HasSuffix(out, "... and 5 more errors") {
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
}

func TestDidYouMean(t *testing.T) {
	if got := DidYouMean("titel", []string{"title", "date"}); got != ` (did you mean "title"?)` {
		t.Errorf("got %q", got)
	}
	if got := DidYouMean("zzz", []string{"a", "b"}); got != ` (expected one of "a", "b")` {
		t.Errorf("got %q", got)
	}
}
