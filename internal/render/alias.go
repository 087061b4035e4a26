package render

import (
	"html/template"
	"path"
	"strings"

	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

// Aliases renders a small page at the old address of each renamed page
// (view.Redirect): it sends the browser on at once (meta refresh) and names
// the new address as canonical, so that an old link works on every host,
// also one that cannot read _redirects or nginx rules (a bucket, a plain
// static server). Hosts that can answer 301 from the rules files do so
// before the file is read (Cloudflare Pages, nginx); Netlify serves the
// file unless the rule is forced, which the page makes harmless.
//
// An old address without an extension is a folder: /ancien-nom and
// /ancien-nom/ are both served by ancien-nom/index.html, made once.
func Aliases(s *site.Site) []Output {
	out := make([]Output, 0, len(s.Redirects))
	seen := map[string]bool{}
	for _, r := range s.Redirects {
		p := hosting.AliasFile(r.From)
		if seen[p] || path.Ext(p) != ".html" {
			continue
		}
		seen[p] = true
		out = append(out, Output{Path: p, Data: aliasPage(s.Config.Title, r, s.Abs(r.To))})
	}
	return out
}

// aliasPage is the page at an old address or a short address (r.Title);
// r.To is site-absolute, abs the same with the site's base URL.
func aliasPage(title string, r view.Redirect, abs string) []byte {
	esc := template.HTMLEscapeString
	to := r.To
	heading, text := "Page déplacée", `<p>Cette page a changé d’adresse : <a href="`+esc(to)+`">`+esc(abs)+`</a>.</p>`
	if r.Title != "" {
		heading, text = r.Title, `<p><a href="`+esc(to)+`">`+esc(r.Link)+`</a></p>`
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">`)
	b.WriteString(`<meta name="viewport" content="width=device-width,initial-scale=1">`)
	b.WriteString(`<title>` + esc(heading) + ` – ` + esc(title) + `</title>`)
	b.WriteString(`<meta name="robots" content="noindex">`)
	b.WriteString(`<link rel="canonical" href="` + esc(abs) + `">`)
	b.WriteString(`<meta http-equiv="refresh" content="0; url=` + esc(to) + `">`)
	b.WriteString(`</head><body><main><h1>` + esc(heading) + `</h1>`)
	b.WriteString(text)
	b.WriteString("</main></body></html>\n")
	return []byte(b.String())
}
