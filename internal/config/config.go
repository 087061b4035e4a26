// Package config decodes and checks content/site.yaml: the site's title,
// address, publisher and whether it is official, contact, size budgets,
// cache lifetimes, the deploy targets (deploy.go) and who is told after a
// deploy (notify.go). Every error is at its file, line and column, and a
// field that looks like a credential is refused with where credentials go
// instead: site.yaml is published with the site's sources.
//
// config reads one file of a load.Tree and returns values; it knows
// nothing of pages, output files, the network or the environment (a
// deploy target names the environment variables relais deploy reads).
package config

import (
	"net/url"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
)

// Path is where the site's settings live.
const Path = "content/site.yaml"

// Config is content/site.yaml.
type Config struct {
	Title       string
	Tagline     string
	Description string
	BaseURL     string // absolute, ends with "/"
	Language    string
	Publisher   string
	// Official says whether the site is an official publication of the
	// issuers whose rules it shows (site.yaml "official"). Absent means
	// false: a site is official only when it says so, and then names its
	// publisher. A site that is not official says so on every page, and
	// the directives it did not reproduce word for word are signed as its
	// own texts (directive "author").
	Official bool
	Contact  Contact
	Budgets  Budgets
	Cache    Cache
	Deploy   []DeployTarget // sorted by name (deploy.go)
	Notify   Notify         // hubs and webhooks told after a deploy (notify.go)
	CMS      *CMS           // the web form at /admin/ (cms.go); nil: none
}

// Contact is who readers write to about the site.
type Contact struct {
	Name, Email, URL string
}

// Budgets are the gzip-compressed size limits of docs/design.md
// (« What a host receives »), in bytes.
type Budgets struct {
	HTML int // per slot page
	CSS  int // all stylesheets
	JS   int // all scripts
}

// Cache holds the max-age values (seconds) written into the host rules.
type Cache struct {
	HTML                 int // pages, feeds, data
	StaleWhileRevalidate int
}

// DefaultBudgets are those of docs/design.md.
var DefaultBudgets = Budgets{HTML: 14 * 1024, CSS: 10 * 1024, JS: 7 * 1024}

// Decode reads content/site.yaml.
func Decode(tree *load.Tree) (*Config, diag.List) {
	f := tree.Get(Path)
	if f == nil {
		var errs diag.List
		errs.Add(diag.Pos{File: Path}, "réglages du site manquants : créez content/site.yaml avec au moins title (le nom du site) et base_url (son adresse)")
		return nil, errs
	}
	n, errs := load.YAML(f)
	if errs != nil {
		return nil, errs
	}
	d := load.NewDecoder(f.Path)
	n = withoutSecrets(d, n, credentialsHelp)
	m := d.Map(n, "site.yaml", Fields...)
	m.Require("site.yaml", "title", "base_url")
	c := &Config{
		Title:       m.String("title"),
		Tagline:     m.String("tagline"),
		Description: m.String("description"),
		Language:    m.String("language"),
		Publisher:   m.String("publisher"),
		Official:    m.Bool("official"),
		Budgets:     DefaultBudgets,
		Cache:       Cache{HTML: 300, StaleWhileRevalidate: 86400},
	}
	if c.Language == "" {
		c.Language = "fr"
	} else if c.Language != "fr" {
		d.Errs.Add(m.ValuePos("language"), "la langue %s n'est pas prise en charge : relais écrit ses pages en français (language: fr)", diag.Q(c.Language))
	}
	if c.Official && strings.TrimSpace(c.Publisher) == "" {
		d.Errs.Add(m.ValuePos("official"), "un site officiel nomme qui le publie : ajoutez une ligne « publisher: … » avec le nom de l’organisme, par exemple « publisher: Académie de Paris », ou écrivez « official: false »")
	}
	if m.Has("base_url") {
		u, err := NormalizeBaseURL(m.String("base_url"))
		if err != nil {
			d.Errs.Add(m.ValuePos("base_url"), "%v", err)
		}
		c.BaseURL = u
	}
	if n := m.Value("contact"); n != nil {
		cm := d.Map(n, "contact (dans site.yaml)", "name", "email", "url")
		c.Contact = Contact{Name: cm.String("name"), Email: cm.String("email"), URL: cm.String("url")}
		if c.Contact.Email != "" && !strings.Contains(c.Contact.Email, "@") {
			d.Errs.Add(cm.ValuePos("email"), "l'adresse de contact %s n'est pas une adresse électronique comme contact@exemple.fr", diag.Q(c.Contact.Email))
		}
	}
	if n := m.Value("budgets"); n != nil {
		bm := d.Map(n, "budgets (dans site.yaml)", "html_kb", "css_kb", "js_kb")
		for key, dst := range map[string]*int{"html_kb": &c.Budgets.HTML, "css_kb": &c.Budgets.CSS, "js_kb": &c.Budgets.JS} {
			if bm.Has(key) {
				kb := bm.Int(key)
				if kb <= 0 {
					d.Errs.Add(bm.ValuePos(key), "%s doit être un nombre de kilo-octets plus grand que 0", diag.Q(key))
				}
				*dst = kb * 1024
			}
		}
	}
	if n := m.Value("cache"); n != nil {
		cm := d.Map(n, "cache (dans site.yaml)", "html_max_age", "stale_while_revalidate")
		if cm.Has("html_max_age") {
			c.Cache.HTML = cm.Int("html_max_age")
		}
		if cm.Has("stale_while_revalidate") {
			c.Cache.StaleWhileRevalidate = cm.Int("stale_while_revalidate")
		}
	}
	if n := m.Value("deploy"); n != nil {
		c.Deploy = decodeDeploy(d, n)
	}
	if n := m.Value("notify"); n != nil {
		c.Notify = decodeNotify(d, d.Map(n, "la section notify de site.yaml", "hubs", "webhooks"))
	}
	if n := m.Value("cms"); n != nil {
		c.CMS = decodeCMS(d, d.Map(n, "la section cms de site.yaml", "backend", "repo", "branch", "base_url", "api_root", "app_id", "only", "local_port", "decap"))
	}
	return c, d.Errs
}

// Fields are the fields of site.yaml.
var Fields = []string{"title", "tagline", "description", "base_url", "language", "publisher", "official", "contact", "budgets", "cache", "deploy", "notify", "cms"}

// NormalizeBaseURL checks an absolute http(s) URL and makes it end with "/".
func NormalizeBaseURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", &baseURLError{s: s}
	}
	if u.Path != "" && u.Path != "/" {
		return "", &baseURLError{s: s, why: "un site relais est servi à la racine d'un nom de domaine (ses liens s'écrivent /academies/...), base_url n'a donc pas de chemin : donnez-lui un nom de domaine à lui, comme https://relais.academie.fr/"}
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", &baseURLError{s: s}
	}
	u.Path = "/"
	return u.String(), nil
}

type baseURLError struct{ s, why string }

func (e *baseURLError) Error() string {
	if e.why != "" {
		return "base_url " + diag.Q(e.s) + " : " + e.why
	}
	return "base_url " + diag.Q(e.s) + " doit être une adresse complète, comme https://relais.exemple.fr/"
}
