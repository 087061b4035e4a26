package config

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
)

// CMS is the web form of site.yaml's cms section: when a site has one, the
// build writes the form (Decap CMS, internal/cms) under AdminDir of the
// site, and the hosting rules give that folder its own policy.
//
//	cms:
//	  backend: gitlab                          # gitlab, github, gitea, forgejo or local
//	  repo: academie-paris/relais              # the site's repository (not for local)
//	  branch: main                             # default main
//	  base_url: https://gitlab.ac-paris.fr     # a self-hosted forge
//	  api_root: https://gitlab.ac-paris.fr/api/v4
//	  app_id: 0123abcd                         # the OAuth application (GitLab, Gitea, Forgejo)
//	  only: [academies/paris]                  # the issuer folders of the form; default all
//	  local_port: 8081                         # decap-server on loopback (relais serve)
//	  decap: tools/cms/node_modules/decap-cms/dist  # the npm package's dist, from the site root
type CMS struct {
	Backend, Repo, Branch   string
	BaseURL, APIRoot, AppID string
	Only                    []string
	LocalPort               int
	Decap                   string
}

// AdminDir is the folder of the web form in a build.
const AdminDir = "/admin/"

// DefaultDecap is where make cms-tools installs decap-cms's script, from
// the site root.
const DefaultDecap = "tools/cms/node_modules/decap-cms/dist"

// CMSBackends are the values of cms.backend.
var CMSBackends = []string{"gitlab", "github", "gitea", "forgejo", "local"}

// Origins are the other origins the form talks to: the forge's API and
// site (login, avatars), and decap-server on loopback, which the form
// tries when it is opened from this computer.
func (c *CMS) Origins() []string {
	var out []string
	add := func(u string) {
		pu, err := url.Parse(u)
		if err != nil || pu.Host == "" {
			return
		}
		o := pu.Scheme + "://" + pu.Host
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	switch c.Backend {
	case "github":
		add("https://api.github.com")
		add("https://github.com")
		add("https://avatars.githubusercontent.com")
	case "gitlab":
		if c.BaseURL == "" {
			add("https://gitlab.com")
		}
	}
	add(c.BaseURL)
	add(c.APIRoot)
	port := c.LocalPort
	if port == 0 {
		port = 8081
	}
	add("http://127.0.0.1:" + strconv.Itoa(port))
	add("http://localhost:" + strconv.Itoa(port))
	return out
}

// decodeCMS decodes the cms section of site.yaml.
func decodeCMS(d *load.Decoder, m load.Map) *CMS {
	c := &CMS{Backend: m.String("backend"), Repo: m.String("repo"), Branch: m.String("branch"),
		BaseURL: m.String("base_url"), APIRoot: m.String("api_root"), AppID: m.String("app_id"),
		LocalPort: m.Int("local_port"), Decap: m.String("decap")}
	m.Require("la section cms de site.yaml", "backend")
	if c.Backend != "" && !slices.Contains(CMSBackends, c.Backend) {
		d.Errs.Add(m.ValuePos("backend"), "forge inconnue %s%s : écrivez gitlab, github, gitea, forgejo, ou local pour essayer le formulaire sur son ordinateur", diag.Q(c.Backend), diag.Suggestion(c.Backend, CMSBackends))
	}
	if c.Backend != "local" && c.Backend != "" && c.Repo == "" {
		d.Errs.Add(m.KeyPos("backend"), "le formulaire enregistre dans le dépôt du site : ajoutez « repo: groupe/projet », le chemin du dépôt sur la forge")
	}
	for _, k := range []string{"base_url", "api_root"} {
		if v := m.String(k); v != "" && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
			d.Errs.Add(m.ValuePos(k), "%s doit être une adresse complète, comme https://gitlab.ac-exemple.fr, pas %s", diag.Q(k), diag.Q(v))
		}
	}
	if m.Has("local_port") && (c.LocalPort <= 0 || c.LocalPort > 65535) {
		d.Errs.Add(m.ValuePos("local_port"), "« local_port » doit être un port, de 1 à 65535 ; par défaut 8081")
	}
	for _, w := range m.Words("only") {
		if w.Text != "national" && !strings.HasPrefix(w.Text, "academies/") && !strings.HasPrefix(w.Text, "regions/") {
			d.Errs.Add(w.Pos, "%s n'est pas un dossier d'émetteur : écrivez national, academies/<académie> ou regions/<région>, comme academies/paris", diag.Q(w.Text))
			continue
		}
		c.Only = append(c.Only, w.Text)
	}
	if c.Branch == "" {
		c.Branch = "main"
	}
	if c.LocalPort == 0 {
		c.LocalPort = 8081
	}
	if c.Decap == "" {
		c.Decap = DefaultDecap
	}
	return c
}
