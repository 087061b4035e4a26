package sitetest

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var directivePageRE = regexp.MustCompile(`(?:^|/)directives/([^/]+)/index\.html$`)

var publishedAtRE = regexp.MustCompile(`publiée le <time datetime="?([^">]+)"?>([^<]+)</time>`)

// TestShippedProvenance: the shipped site is not an official publication
// and says so on every page; its directives are texts the site wrote,
// signed as such, never as their issuer's, each with its source, and
// dated by their day alone (no source states an hour).
func TestShippedProvenance(t *testing.T) {
	res := Shipped(t)
	if res.Site.Config.Official {
		t.Fatal("the shipped site.yaml says the site is official")
	}
	pages, directives := 0, 0
	for _, o := range res.Outputs {
		if !strings.HasSuffix(o.Path, ".html") || strings.Contains(string(o.Data), `http-equiv="refresh"`) {
			continue // the pages at old addresses only send the browser on
		}
		pages++
		page := string(o.Data)
		if !strings.Contains(page, "<p class=provenance><strong>Site non officiel</strong>") {
			t.Errorf("%s does not say that the site is not official", o.Path)
		}
		if strings.Contains(page, "<p class=alerte><strong>Urgent</strong> Ministère") {
			t.Errorf("%s shows a banner signed by the ministry", o.Path)
		}
		if m := directivePageRE.FindStringSubmatch(o.Path); m == nil || m[1] == "archives" || m[1] == "page" {
			continue
		}
		directives++
		m := publishedAtRE.FindStringSubmatch(page)
		switch {
		case m == nil:
			t.Errorf("%s: no publication date", o.Path)
		case len(m[1]) != len("2020-03-19") || strings.Contains(m[2], " à "):
			t.Errorf("%s: published %q (%s): no source states an hour", o.Path, m[2], m[1])
		}
		if !strings.Contains(page, "<p class=meta>Texte rédigé par le site, non officiel · publiée le") {
			t.Errorf("%s is not signed as a text of the site", o.Path)
		}
		if !strings.Contains(page, "<dt>Source</dt>") {
			t.Errorf("%s names no source", o.Path)
		}
	}
	if pages < 100 || directives < 9 {
		t.Errorf("%d pages and %d directive pages checked, want the whole site", pages, directives)
	}
}

// TestOfficialSite: a site that says it is official names its publisher
// on every page, and its directives are signed by their issuers.
func TestOfficialSite(t *testing.T) {
	t.Parallel()
	ar := txtar.Parse([]byte(`-- content/site.yaml --
title: Site de test
base_url: https://test.example.fr/
publisher: Académie de Paris
official: true
-- content/national/directives/2020-03-16-fermeture.md --
---
title: Fermeture
date: 2020-03-16
audiences: [parents]
---
Texte.
`))
	res := renderSite(t, Extract(t, ar))
	out := outputs(res)
	for _, p := range []string{"index.html", "directives/2020-03-16-fermeture/index.html"} {
		if !strings.Contains(string(out[p]), "<p class=provenance>Site officiel de Académie de Paris</p>") {
			t.Errorf("%s does not name the official publisher", p)
		}
	}
	if page := string(out["directives/2020-03-16-fermeture/index.html"]); !strings.Contains(page, "<p class=meta>Ministère de l’Éducation nationale · publiée le <time datetime=\"2020-03-16\">16 mars 2020</time>") {
		t.Errorf("the directive of an official site is not signed by its issuer:\n%s", page)
	}
}
