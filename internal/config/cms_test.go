package config

import (
	"slices"
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/load"
)

func decodeCMSConfig(t *testing.T, section string) (*Config, string) {
	t.Helper()
	tree := &load.Tree{Files: []*load.File{{Path: Path, Data: []byte("title: T\nbase_url: https://t.example.fr/\ncms:\n" + section)}}}
	c, errs := Decode(tree)
	return c, errs.Error()
}

func TestCMSSection(t *testing.T) {
	c, errs := decodeCMSConfig(t, "  backend: gitlab\n  repo: a/b\n  base_url: https://gitlab.ac-x.fr\n  api_root: https://gitlab.ac-x.fr/api/v4\n")
	if errs != "" {
		t.Fatal(errs)
	}
	want := CMS{Backend: "gitlab", Repo: "a/b", Branch: "main", BaseURL: "https://gitlab.ac-x.fr", APIRoot: "https://gitlab.ac-x.fr/api/v4", LocalPort: 8081, Decap: DefaultDecap}
	if c.CMS == nil || c.CMS.Backend != want.Backend || c.CMS.Branch != want.Branch || c.CMS.LocalPort != want.LocalPort || c.CMS.Decap != want.Decap {
		t.Errorf("got %+v, want %+v", c.CMS, want)
	}
	if got := c.CMS.Origins(); !slices.Equal(got, []string{"https://gitlab.ac-x.fr", "http://127.0.0.1:8081", "http://localhost:8081"}) {
		t.Errorf("origins %v", got)
	}
	gh := CMS{Backend: "github", LocalPort: 9000}
	if got := gh.Origins(); !slices.Equal(got, []string{"https://api.github.com", "https://github.com", "https://avatars.githubusercontent.com", "http://127.0.0.1:9000", "http://localhost:9000"}) {
		t.Errorf("github origins %v", got)
	}
	for _, tc := range []struct{ section, want string }{
		{"  backend: gitlba\n  repo: a/b\n", "content/site.yaml:4:12: forge inconnue « gitlba » (vouliez-vous dire « gitlab » ?)"},
		{"  backend: github\n", "content/site.yaml:4:3: le formulaire enregistre dans le dépôt du site : ajoutez « repo: groupe/projet »"},
		{"  backend: local\n  base_url: gitlab.ac-x.fr\n", "content/site.yaml:5:13: « base_url » doit être une adresse complète, comme https://gitlab.ac-exemple.fr, pas « gitlab.ac-x.fr »"},
		{"  backend: local\n  only: [paris]\n", "content/site.yaml:5:10: « paris » n'est pas un dossier d'émetteur : écrivez national, academies/<académie> ou regions/<région>"},
		{"  backend: local\n  local_port: 70000\n", "content/site.yaml:5:15: « local_port » doit être un port"},
		{"  repo: a/b\n", "il manque « backend »"},
	} {
		if _, errs := decodeCMSConfig(t, tc.section); !strings.Contains(errs, tc.want) {
			t.Errorf("%q: errors\n%s\nwant %q", tc.section, errs, tc.want)
		}
	}
}
