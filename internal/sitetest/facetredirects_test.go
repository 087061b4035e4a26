package sitetest

import (
	"os"
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// removedFacetPages are facet addresses the shipped site once published
// (before the catalog took its programmes from the reference, d536cac):
// a renamed broadcaster, disciplines and cycle × discipline pages whose
// programmes went.
var removedFacetPages = []string{
	"/programmes/diffuseurs/presse-jeunesse/",
	"/programmes/diffuseurs/presse-jeunesse/flux.xml",
	"/programmes/disciplines/sciences/",
	"/programmes/disciplines/langues-vivantes/",
	"/programmes/disciplines/education-aux-medias/",
	"/programmes/niveaux/cycle-2/histoire-geographie/",
	"/programmes/niveaux/cycle-3/langues-vivantes/",
	"/programmes/niveaux/lycee/sciences/",
}

// TestFacetAddressesKeepWorking: every facet address of the shipped
// site's vocabulary (each term and the slugs it was renamed from, each
// level, cycle and cycle × subject) is a page, or a redirect to a page of
// the build, with its small page for hosts without rules and its line in
// _redirects; so are the facet pages the site once published.
func TestFacetAddressesKeepWorking(t *testing.T) {
	t.Parallel()
	res := Shipped(t)
	files := outputs(res)
	tree, errs := load.Site(os.DirFS(RepoRoot(t)))
	if errs != nil {
		t.Fatal(errs)
	}
	c, errs := catalog.Decode(tree)
	if errs != nil {
		t.Fatal(errs)
	}
	redirects := map[string]string{}
	for _, r := range res.Site.Redirects {
		redirects[r.From] = r.To
	}
	rules := string(files[hosting.RedirectsFile])
	check := func(u string) {
		t.Helper()
		if strings.HasSuffix(u, "/") && res.Site.Page(u) != nil {
			return
		}
		if _, ok := files[strings.TrimPrefix(u, "/")]; ok && !strings.HasSuffix(u, "/") {
			return
		}
		to, ok := redirects[u]
		switch {
		case !ok:
			t.Errorf("%s is neither a page nor a redirect", u)
		case strings.HasSuffix(to, "/") && res.Site.Page(to) == nil, !strings.HasSuffix(to, "/") && files[strings.TrimPrefix(to, "/")] == nil:
			t.Errorf("%s leads to %s, which the build does not have", u, to)
		case !strings.Contains(rules, u+" "+to+" 301\n"):
			t.Errorf("%s -> %s is not in %s", u, to, hosting.RedirectsFile)
		case strings.HasSuffix(u, "/") && files[hosting.AliasFile(u)] == nil:
			t.Errorf("%s has no page for hosts without rules (%s)", u, hosting.AliasFile(u))
		}
	}
	for _, u := range removedFacetPages {
		check(u)
	}
	terms := map[string][]catalog.Term{catalog.KindSubjects: c.Vocab.Subjects, catalog.KindBroadcasters: c.Vocab.Broadcasters, catalog.KindMedia: c.Vocab.Media}
	renamed := 0
	for kind, ts := range terms {
		for _, term := range ts {
			check(site.FacetURL(kind, term.Slug))
			for _, old := range term.RenamedFrom {
				renamed++
				check(site.FacetURL(kind, old))
				check(site.FacetURL(kind, old) + view.FeedAtom)
			}
		}
	}
	if renamed == 0 {
		t.Error("no term of the shipped vocabulary was renamed: the test no longer covers renamed_from")
	}
	for _, cy := range vocab.Cycles() {
		check(site.FacetURL(catalog.KindLevels, cy.Slug))
		for _, s := range c.Vocab.Subjects {
			check(site.FacetURL(catalog.KindLevels, cy.Slug+"/"+s.Slug))
		}
	}
	for _, l := range vocab.Levels() {
		check(site.FacetURL(catalog.KindLevels, l.Slug))
	}
}
