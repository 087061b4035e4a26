package vocab

import "testing"

func TestSlugify(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2020-03-19-plages-horaires", "2020-03-19-plages-horaires"},
		{"Fermeture des écoles", "fermeture-des-ecoles"},
		{"L’ENT est indisponible !", "l-ent-est-indisponible"},
		{"l'école à la maison", "l-ecole-a-la-maison"},
		{"Œuvres et cœur", "oeuvres-et-coeur"},
		{"Ça marche, Noël", "ca-marche-noel"},
		{"  --a__b--  ", "a-b"},
		{"e\u0301cole", "ecole"}, // decomposed é, as macOS writes file names
		{"Straße", "strasse"},
		{"日本", ""},
		{"", ""},
	} {
		if got := Slugify(tc.in); got != tc.want {
			t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Fermeture des écoles", "L’ENT", "œ", "e\u0301", "--", "ǅ", "İ", "\xff", "a-b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		if got != "" && !IsSlug(got) {
			t.Fatalf("Slugify(%q) = %q, not a slug", s, got)
		}
		if again := Slugify(got); again != got {
			t.Fatalf("Slugify not idempotent: %q -> %q -> %q", s, got, again)
		}
		if IsSlug(s) && got != s {
			t.Fatalf("Slugify changed the slug %q into %q", s, got)
		}
	})
}

func TestIsSlug(t *testing.T) {
	for _, bad := range []string{"a--b", "-a", "a-", "Paris", "", "é", "a b"} {
		if IsSlug(bad) {
			t.Errorf("IsSlug(%q) = true", bad)
		}
	}
	if !IsSlug("2020-03-19-plages") {
		t.Error("IsSlug refuses a good slug")
	}
}
