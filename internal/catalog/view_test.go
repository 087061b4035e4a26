package catalog

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// small is a catalog of four programmes for the view tests.
func small(t *testing.T) *Catalog {
	t.Helper()
	c, errs := decode(t, map[string]string{
		"content/programmes/cp-ce1.md": `---
title: Cours CP-CE1
broadcaster: france-televisions
media: [tv]
levels: [cp, ce1]
subjects: [mathematiques, francais]
schedule:
  - from: "09:00"
    to: "10:00"
labelled: 2020-03-23
---
`,
		"content/programmes/college.md": `---
title: Cours collège
broadcaster: france-televisions
media: [tv, web]
cycles: [cycle-4]
levels: [6e]
subjects: [mathematiques]
schedule:
  - from: "14:00"
    to: "15:00"
  - days: [mer]
    from: "09:00"
    to: "09:30"
    who: [6e]
labelled: 2020-03-23
---
`,
		"content/programmes/actu.md": `---
title: Actu
broadcaster: playbac-presse
media: [presse]
levels: [3e, seconde]
subjects: [education-aux-medias]
labelled: 2020-03-18
---
`,
		"content/programmes/radio.md": `---
title: Antenne du samedi
broadcaster: rtl
media: [radio]
cycles: [cycle-3]
schedule:
  - days: [sam]
    from: "14:00"
    to: "15:00"
labelled: 2020-03-18
---
`,
	})
	if errs != nil {
		t.Fatal(errs)
	}
	return c
}

func slugsOf(f Facet) string {
	var s []string
	for _, p := range f.Programmes {
		s = append(s, p.Slug)
	}
	return strings.Join(s, " ")
}

func TestFacets(t *testing.T) {
	c := small(t)
	var got []string
	for _, f := range c.Facets() {
		got = append(got, fmt.Sprintf("%s/%s %s|%s: %s", f.Kind, f.Value, f.KindLabel, f.Label, slugsOf(f)))
	}
	want := []string{
		"niveaux/cycle-2 niveau|cycle 2: cp-ce1",
		"niveaux/cp niveau|CP: cp-ce1",
		"niveaux/ce1 niveau|CE1: cp-ce1",
		"niveaux/cycle-3 niveau|cycle 3: college radio",
		"niveaux/cm1 niveau|CM1: radio",
		"niveaux/cm2 niveau|CM2: radio",
		"niveaux/6e niveau|6e: college radio",
		"niveaux/cycle-4 niveau|cycle 4: college actu",
		"niveaux/5e niveau|5e: college",
		"niveaux/4e niveau|4e: college",
		"niveaux/3e niveau|3e: college actu",
		"niveaux/lycee niveau|lycée: actu",
		"niveaux/seconde niveau|seconde: actu",
		"disciplines/francais discipline|français: cp-ce1",
		"disciplines/mathematiques discipline|mathématiques: college cp-ce1",
		"disciplines/education-aux-medias discipline|éducation aux médias: actu",
		"diffuseurs/france-televisions diffuseur|France Télévisions: college cp-ce1",
		"diffuseurs/rtl diffuseur|RTL: radio",
		"diffuseurs/playbac-presse diffuseur|Playbac Presse: actu",
		"medias/tv média|télévision: college cp-ce1",
		"medias/radio média|radio: radio",
		"medias/presse média|presse: actu",
		"medias/web média|web: college",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
}

func TestCombos(t *testing.T) {
	c := small(t)
	var got []string
	for _, f := range c.Combos() {
		got = append(got, fmt.Sprintf("%s/%s %s: %s", f.Kind, f.Value, f.Label, slugsOf(f)))
	}
	want := []string{
		"niveaux/cycle-2/francais cycle 2 · français: cp-ce1",
		"niveaux/cycle-2/mathematiques cycle 2 · mathématiques: cp-ce1",
		"niveaux/cycle-3/mathematiques cycle 3 · mathématiques: college",
		"niveaux/cycle-4/mathematiques cycle 4 · mathématiques: college",
		"niveaux/cycle-4/education-aux-medias cycle 4 · éducation aux médias: actu",
		"niveaux/lycee/education-aux-medias lycée · éducation aux médias: actu",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("combos (-want +got):\n%s", diff)
	}
}

func TestWeek(t *testing.T) {
	c := small(t)
	var got []string
	for _, e := range Week(c) {
		got = append(got, fmt.Sprintf("%s-%s %s [%s] %d days", e.Slot.From, e.Slot.To, e.Programme.Title, strings.Join(e.Levels, " "), len(e.Slot.Days)))
	}
	// By start, then title (folded), end, first day and slug: one line a
	// slot, however many days it has.
	want := []string{
		"09:00-09:30 Cours collège [6e] 1 days",
		"09:00-10:00 Cours CP-CE1 [cp ce1] 5 days",
		"14:00-15:00 Antenne du samedi [cm1 cm2 6e] 1 days",
		"14:00-15:00 Cours collège [6e 5e 4e 3e] 5 days",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("week (-want +got):\n%s", diff)
	}
}

func TestIndex(t *testing.T) {
	c := small(t)
	x := Index(c)
	if len(x.Programmes) != len(c.Programmes) {
		t.Fatalf("got %d entries", len(x.Programmes))
	}
	term := func(i int) string { return x.Terms[i].Kind + ":" + x.Terms[i].Label }
	e := x.Programmes[0]
	var media, subjects, levels []string
	for _, m := range e.Media {
		media = append(media, term(m))
	}
	for _, s := range e.Subjects {
		subjects = append(subjects, term(s))
	}
	for i, l := range x.Levels {
		if e.Levels&(1<<i) != 0 {
			levels = append(levels, l)
		}
	}
	got := []any{e.Slug, e.Title, term(e.Broadcaster), media, subjects, levels}
	want := []any{"college", "Cours collège", "b:France Télévisions", []string{"m:télévision", "m:web"}, []string{"s:mathématiques"}, []string{"6e", "5e", "4e", "3e"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("first entry (-want +got):\n%s", diff)
	}
	// The words readers type reach their terms, folded.
	find := func(w string) []string {
		var out []string
		for _, t := range x.Terms {
			for _, tw := range t.Words {
				if tw == w {
					out = append(out, t.Kind+":"+t.Label)
				}
			}
		}
		return out
	}
	for w, want := range map[string][]string{
		"maths": {"s:mathématiques"}, "cycle 3": {"l:cycle 3"}, "6e": {"l:6e"}, "sixieme": {"l:6e"},
		"lycee": {"l:lycée"}, "cm1": {"l:CM1"}, "tele": {"m:télévision"},
	} {
		if diff := cmp.Diff(want, find(w)); diff != "" {
			t.Errorf("word %q (-want +got):\n%s", w, diff)
		}
	}
	b, err := json.Marshal(e)
	if err != nil || !strings.HasPrefix(string(b), `["college","Cours collège",`) {
		t.Errorf("entry as JSON: %s %v", b, err)
	}
}

func TestIndexChannel(t *testing.T) {
	c, errs := decode(t, map[string]string{
		"content/programmes/a.md": "---\ntitle: Les cours sur France 4\nbroadcaster: france-televisions\nchannel: France 4\nmedia: [tv]\nlevels: [cp]\nlabelled: 2020-03-23\n---\n",
		"content/programmes/b.md": "---\ntitle: La maison Lumni\nbroadcaster: france-televisions\nchannel: France 4\nmedia: [tv]\nlevels: [cp]\nlabelled: 2020-03-22\n---\n",
		"content/programmes/c.md": "---\ntitle: RFI\nbroadcaster: rfi\nchannel: RFI\nmedia: [radio]\nlevels: [cp]\nlabelled: 2020-03-21\n---\n",
	})
	if errs != nil {
		t.Fatal(errs)
	}
	var got []string
	for _, e := range Index(c).Programmes {
		got = append(got, e.Slug+":"+e.Channel)
	}
	// The channel is kept only where it adds a word to search.
	if diff := cmp.Diff([]string{"a:", "b:France 4", "c:"}, got); diff != "" {
		t.Errorf("channels (-want +got):\n%s", diff)
	}
}
