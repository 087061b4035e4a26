package config

import (
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/load"
)

// tree returns a site of the one file content/site.yaml.
func tree(yaml string) *load.Tree {
	return &load.Tree{Files: []*load.File{{Path: Path, Data: []byte(yaml)}}}
}

func TestNormalizeBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://relais.example.fr":  "https://relais.example.fr/",
		"https://relais.example.fr/": "https://relais.example.fr/",
		"http://localhost:1313":      "http://localhost:1313/",
	} {
		if got, err := NormalizeBaseURL(in); err != nil || got != want {
			t.Errorf("NormalizeBaseURL(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"relais.example.fr", "ftp://x.fr/", "https://x.fr/sous/", "https://x.fr/?a=1", "/"} {
		if _, err := NormalizeBaseURL(bad); err == nil {
			t.Errorf("NormalizeBaseURL(%q) accepted", bad)
		}
	}
}

func TestConfigDefaultsAndErrors(t *testing.T) {
	c, errs := Decode(tree("title: T\nbase_url: https://x.fr\n"))
	if errs != nil {
		t.Fatal(errs)
	}
	if c.Budgets != DefaultBudgets || c.Language != "fr" || c.BaseURL != "https://x.fr/" {
		t.Errorf("config = %+v", c)
	}
	_, errs = Decode(tree("title: T\nbase_url: https://x.fr\nlanguage: en\nbudgets: {html_kb: 0}\ncontact: {email: nobody}\n"))
	got := errs.Sort().Error()
	for _, w := range []string{"content/site.yaml:3:11: la langue « en » n'est pas prise en charge", "« html_kb » doit être un nombre de kilo-octets plus grand que 0", "l'adresse de contact « nobody » n'est pas une adresse"} {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q:\n%s", w, got)
		}
	}
	if _, errs := Decode(&load.Tree{}); len(errs) != 1 || !strings.Contains(errs[0].Msg, "réglages du site manquants") {
		t.Errorf("missing site.yaml: %v", errs)
	}
}

func TestConfigOfficial(t *testing.T) {
	const head = "title: T\nbase_url: https://x.fr\n"
	for _, tc := range []struct {
		name, yaml string
		official   bool
		err        string // part of the error; "" for none
	}{
		{"absent means not official", "", false, ""},
		{"false", "official: false\n", false, ""},
		{"true with its publisher", "official: true\npublisher: Académie de Paris\n", true, ""},
		{"true without a publisher", "official: true\n", true, "content/site.yaml:3:11: un site officiel nomme qui le publie"},
		{"not a boolean", "official: peut-être\n", false, "« official » doit valoir true (oui) ou false (non)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, errs := Decode(tree(head + tc.yaml))
			if tc.err == "" {
				if errs != nil {
					t.Fatal(errs)
				}
				if c.Official != tc.official {
					t.Errorf("Official = %v, want %v", c.Official, tc.official)
				}
				return
			}
			if got := errs.Sort().Error(); !strings.Contains(got, tc.err) {
				t.Errorf("errors = %q, want one with %q", got, tc.err)
			}
		})
	}
}
