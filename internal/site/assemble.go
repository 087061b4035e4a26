package site

import (
	"fmt"
	"path"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/guide"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/timetable"
)

// assembler holds the state of one assembly.
type assembler struct {
	tree *load.Tree
	opts Options
	site *Site
	md   *markdown.Renderer
	errs diag.List

	// The domains, decoded once and shared by the parts of the assembler.
	terr *territory.Territory

	dirs *directiveSet // directives.go
	// clock records what Now is compared with (view.Clock).
	clock *clockUse

	// issuers are the name and _index.md of the issuers asked of
	// issuerOf.
	issuers map[territory.Issuer][2]string

	// forked and forkedPages are the number of calendars and pages of the
	// assembler a forked one was forked from, when it was.
	forked, forkedPages int
}

// HomeView is the view of the home page.
type HomeView struct {
	Sections []Section
	Guides   []*Guide
	// Regions are the régions académiques and their académies: the answer
	// to "Quand mon enfant peut-il se connecter ?" starts there.
	Regions []RegionEntry
	// Territory is the régions and académies as the home page shows them,
	// with the status of each académie (home.go).
	Territory []HomeRegion
	// Finder finds the académie of a département; nil without
	// content/departements.csv.
	Finder *Finder
	// Urgent is the latest urgent directives of régions and académies (the
	// ministry's are the page's banners).
	Urgent []*DirectiveView
	// National sums up the ministry's recommendation, which holds where an
	// académie has no local rule (the académies marked "recommandation
	// nationale"); "" when there is none.
	National string
}

// Section is an entry of the home page.
type Section struct {
	Title   string
	URL     string
	Summary string
	Soon    bool // announced, not published yet
}

// SitemapView is the "plan du site" page: every page, grouped.
type SitemapView struct {
	Groups []LinkGroup
}

// LinkGroup is a titled list of links.
type LinkGroup struct {
	Title string
	Links []Link
}

// Assemble builds the views of a site from its loaded files. md renders the
// Markdown of the site; it is built once per build and shared. The returned
// list holds every content error, sorted; the site is nil when it is not
// empty.
func Assemble(tree *load.Tree, md *markdown.Renderer, opts Options) (*Site, diag.List) {
	a := &assembler{tree: tree, opts: opts, md: md, site: &Site{Now: opts.Now}, clock: newClockUse(opts.Now)}
	cfg, errs := config.Decode(tree)
	a.errs.Append(errs)
	if cfg == nil {
		return nil, a.errs.Sort()
	}
	if opts.BaseURL != "" {
		u, err := config.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			a.errs.Add(diag.Pos{}, "--base-url: %v", err)
		}
		cfg.BaseURL = u
	}
	a.site.Config = cfg
	a.checkStray()

	guides := a.guides()
	articles := a.articles()
	terr, errs := territory.Decode(tree)
	a.errs.Append(errs)
	a.terr = terr
	// The timetables (their pages, calendars and data files) take nothing
	// from the catalog, the guides and the pages, and from the directives
	// only the titles of their pages: timetable.Build makes them on
	// another processor, and they are added after, in the order one
	// assembler would have added them (timetables.go).
	pages := make(chan timetable.DirectivePages, 1)
	timetables := a.startTimetables(pages)
	// The directives are decoded before the other domains add their pages,
	// so that any page may list them (directivesFor).
	a.loadDirectives()
	pages <- directivePages{a.dirs}
	// Each domain adds its pages below, one call per domain, in its own
	// file of this package (timetables.go, directives.go, catalog.go).
	a.addCatalog()
	a.opts.Decoded.end() // every file is decoded

	a.site.Nav = []Link{{URL: HomeURL, Label: "Créneaux de connexion"}, {URL: DirectivesURL, Label: "Directives"}}
	if a.hasCatalog() {
		a.site.Nav = append(a.site.Nav, Link{URL: ProgrammesURL, Label: "Programmes"})
	}
	a.site.Nav = append(a.site.Nav, Link{URL: GuidesURL, Label: "Bonnes pratiques"})
	a.addDirectives()
	a.addGuides(guides)
	a.addArticles(articles)
	tt := timetables()
	a.addTimetables(tt)
	finder, deps := a.addDepartements()
	a.addENTPages(deps)
	a.addHome(guides, tt.Regions, finder, tt.National, tt.NationalDeps)
	a.addNotFound()
	a.addSitemapPage()
	a.addManifests()
	a.site.Footer = append(a.site.Footer, Link{URL: SitemapURL, Label: "Plan du site"})

	a.checkURLs()
	urls := a.site.URLs()
	a.checkRedirects(urls)
	if len(a.errs) > 0 {
		return nil, a.errs.Sort()
	}
	a.renderTexts(urls)
	if len(a.errs) > 0 {
		return nil, a.errs.Sort()
	}
	a.site.Stable = a.clock.Span()
	sortLeftOut(a.site.LeftOut)
	return a.site, nil
}

// fork returns an assembler of the same site that adds its pages, feeds,
// data files, calendars, texts and errors apart, to be joined to a once
// done (joinAt). It shares what a has decoded and made, which neither may
// change while they run apart: it sees the calendars already added.
func (a *assembler) fork() *assembler {
	return &assembler{
		tree:        a.tree,
		opts:        a.opts,
		md:          a.md,
		terr:        a.terr,
		dirs:        a.dirs,
		site:        &Site{Config: a.site.Config, Now: a.site.Now, Calendars: slices.Clip(a.site.Calendars)},
		forked:      len(a.site.Calendars),
		forkedPages: len(a.site.Pages),
		clock:       a.clock.Fork(),
	}
}

// joinAt adds to a what b, forked from it, added, after what a added
// meanwhile, but puts the pages of b at index at of a's pages, such as
// b.forkedPages: where they would be had a added them when it forked b.
func (a *assembler) joinAt(b *assembler, at int) {
	a.site.Pages = slices.Insert(a.site.Pages, at, b.site.Pages...)
	a.site.Feeds = append(a.site.Feeds, b.site.Feeds...)
	a.site.Data = append(a.site.Data, b.site.Data...)
	a.site.Calendars = append(a.site.Calendars, b.site.Calendars[b.forked:]...)
	a.site.Redirects = append(a.site.Redirects, b.site.Redirects...)
	a.site.Texts = append(a.site.Texts, b.site.Texts...)
	a.errs.Append(b.errs)
	a.clock.Join(b.clock)
}

// add adds a page.
func (a *assembler) add(p *Page) { a.site.Pages = append(a.site.Pages, p) }

// known are the content paths that some part of the assembler reads.
var known = []string{
	"content/site.yaml", "content/departements.csv", "content/guides/", "content/pages/", "content/regions/",
	"content/academies/", "content/collectivites/", "content/national/", "content/programmes/",
}

// checkStray reports content files that no part of relais reads, so that a
// misplaced file is not silently ignored.
func (a *assembler) checkStray() {
	for _, f := range a.tree.Under("content") {
		// A file in a directives folder is the directive loader's: it
		// says which issuer folders exist (directive.CheckPath).
		ok := directive.InDirectives(f.Path)
		for _, k := range known {
			if f.Path == k || strings.HasSuffix(k, "/") && strings.HasPrefix(f.Path, k) {
				ok = true
				break
			}
		}
		if !ok {
			top := strings.SplitN(strings.TrimPrefix(f.Path, "content/"), "/", 2)[0]
			hint := ""
			if s := diag.Suggest(top, []string{"guides", "pages", "regions", "academies", "collectivites", "national", "programmes"}); s != "" && strings.Contains(f.Path[len("content/"):], "/") {
				hint = fmt.Sprintf(" (vouliez-vous dire content/%s/ ?)", s)
			}
			a.errs.Add(diag.Pos{File: f.Path}, "relais ne lit pas ce fichier : les guides vont dans content/guides/, les pages dans content/pages/, les académies, les régions et les collectivités dans content/academies/, content/regions/ et content/collectivites/, les directives du ministère dans content/national/directives/, les programmes dans content/programmes/%s", hint)
		}
	}
}

func (a *assembler) addArticles(articles []*Article) {
	for _, ar := range articles {
		if ar.Footer {
			a.site.Footer = append(a.site.Footer, Link{URL: ar.URL, Label: ar.Title})
		}
		a.add(&Page{
			URL:         ar.URL,
			Layout:      "page",
			Title:       ar.Title,
			Description: ar.Summary,
			Crumbs:      []Link{{URL: HomeURL, Label: "Accueil"}},
			Content:     ar.Body,
			Data:        ar,
			Source:      diag.Pos{File: ar.Path},
			Deps:        []string{ar.Path},
		})
	}
}

func (a *assembler) addHome(guides []*Guide, regions []RegionEntry, finder *Finder, national string, nationalDeps []string) {
	cfg := a.site.Config
	terr := homeRegions(regions)
	slots := Section{Title: "Créneaux de connexion par académie", Summary: "Les horaires d’accès à l’ENT fixés par chaque académie et chaque région, niveau par niveau.", Soon: true}
	if len(regions) > 0 {
		slots.URL, slots.Soon = AcademiesURL, false
	}
	catalogURL := ""
	if a.hasCatalog() {
		catalogURL = ProgrammesURL
	}
	deps := slices.Concat(linkDeps(guide.Links(guides)...), a.territoryPaths(), directivePaths(a.homeUrgent()), homeDeps(terr), finderDeps(finder), nationalDeps)
	banners, deps := a.withBanners(HomeURL, a.bannersAt(HomeURL), deps)
	a.add(&Page{
		URL:         HomeURL,
		Layout:      "home",
		Title:       "Quand mon enfant peut-il se connecter ?",
		HeadTitle:   cfg.Title,
		Description: cfg.Description,
		Section:     HomeURL,
		Feeds:       directiveFeedLinks(territory.National(), ""),
		Banners:     banners,
		Scripts:     finderScripts(finder),
		Data: &HomeView{
			Guides:    guides,
			Regions:   regions,
			Territory: terr,
			Finder:    finder,
			Urgent:    a.homeUrgent(),
			National:  national,
			Sections: []Section{
				slots,
				{Title: "Directives des académies", URL: DirectivesURL, Summary: "Les décisions du ministère, des régions et des académies, avec leurs flux d’abonnement."},
				{Title: "Programmes « Nation apprenante »", URL: catalogURL, Summary: "Les émissions et les titres de presse labellisés, par niveau et par discipline, et leur grille de la semaine.", Soon: catalogURL == ""},
				{Title: "Bonnes pratiques", URL: GuidesURL, Summary: "Se connecter aux heures creuses, alléger les messages, se déconnecter : ce que chacun peut faire."},
			},
		},
		Deps: deps,
	})
}

// territoryPaths are the _index.md files of every région and académie.
func (a *assembler) territoryPaths() []string {
	var out []string
	for _, r := range a.terr.Regions {
		out = append(out, r.Path)
	}
	for _, ac := range a.terr.Academies {
		out = append(out, ac.Path)
	}
	return out
}

func (a *assembler) addNotFound() {
	a.add(&Page{
		URL:     NotFoundURL,
		Layout:  "404",
		Title:   "Page introuvable",
		NoIndex: true,
	})
}

// leafLayouts are the pages of large collections: the plan du site links to
// the lists that lead to them, not to each of them, so that it stays small
// on a national site of 20,000 directives.
var leafLayouts = map[string]bool{"niveau": true, "directive": true, "programme": true}

// inPlan reports whether the plan du site lists p: every page but the
// leaves of large collections, list pages after the first, and pages more
// than three folders deep.
func inPlan(p *Page) bool {
	if leafLayouts[p.Layout] || strings.Contains(p.URL, "/page/") {
		return false
	}
	return strings.Count(strings.Trim(p.URL, "/"), "/") < 3
}

// addSitemapPage adds "plan du site", a second way to every page. It must
// run after every other page is added.
func (a *assembler) addSitemapPage() {
	groups := map[string]*LinkGroup{}
	var order []string
	for _, p := range a.site.Pages {
		if p.NoIndex || !inPlan(p) {
			continue
		}
		title := "Pages"
		if p.Section != "" {
			for _, n := range a.site.Nav {
				if n.URL == p.Section {
					title = n.Label
				}
			}
		}
		g := groups[title]
		if g == nil {
			g = &LinkGroup{Title: title}
			groups[title] = g
			order = append(order, title)
		}
		g.Links = append(g.Links, Link{URL: p.URL, Label: p.Title})
	}
	view := &SitemapView{}
	for _, n := range a.site.Nav {
		if g := groups[n.Label]; g != nil {
			view.Groups = append(view.Groups, *g)
			delete(groups, n.Label)
		}
	}
	for _, t := range order {
		if g := groups[t]; g != nil {
			slices.SortFunc(g.Links, func(x, y Link) int { return strings.Compare(x.URL, y.URL) })
			view.Groups = append(view.Groups, *g)
		}
	}
	view.Groups = append(view.Groups, LinkGroup{Title: "Plan du site", Links: []Link{{URL: SitemapURL, Label: "Plan du site"}}})
	// The plan shows its groups and links, nothing else of the pages: its
	// Deps are those (ShownDep), so that it is rendered again when a page
	// comes, goes or changes its title — pages made from no file of their
	// own included — and not when a text changes.
	var deps []string
	for _, g := range view.Groups {
		deps = append(deps, ShownDep("group", g.Title))
		deps = append(deps, linkDeps(g.Links...)...)
	}
	a.add(&Page{
		URL:         SitemapURL,
		Layout:      "plan",
		Title:       "Plan du site",
		Description: "Toutes les pages du site, classées par rubrique.",
		Crumbs:      []Link{{URL: HomeURL, Label: "Accueil"}},
		Data:        view,
		Deps:        deps,
	})
}

// checkURLs sorts the pages and refuses two pages at one URL.
func (a *assembler) checkURLs() {
	a.site.Pages = a.opts.Decoded.sortPages(a.site.Pages)
	for i := 1; i < len(a.site.Pages); i++ {
		p, q := a.site.Pages[i-1], a.site.Pages[i]
		if p.URL != q.URL {
			continue
		}
		first, second := p, q
		if !second.Source.IsValid() || first.Source.IsValid() && diag.Compare(second.Source, first.Source) < 0 {
			first, second = second, first
		}
		pos := second.Source
		if !pos.IsValid() {
			pos = first.Source
		}
		by := "une page que relais fait lui-même"
		if first.Source.IsValid() && first.Source != pos {
			by = first.Source.File
		}
		a.errs.Add(pos, "deux pages à l'adresse %s : ce fichier et %s ; renommez l'un des deux", p.URL, by)
	}
}

// checkRedirects refuses an alias (a redirect from an old address) that is
// the address of a page, with or without its final slash, or of a file the
// site outputs (a feed, a data file): the host would serve one and hide the
// other. Two redirects from one address are refused too. It runs after
// checkURLs, which sorts the pages; urls are the URLs of the site, sorted.
func (a *assembler) checkRedirects(urls []string) {
	isFile := func(u string) bool { _, ok := slices.BinarySearch(urls, u); return ok }
	from := map[string]Redirect{}
	for _, r := range a.site.Redirects {
		if msg := aliasProblem(r.From); msg != "" {
			a.errs.Add(r.Pos, "l'ancienne adresse %s %s", diag.Q(r.From), msg)
			continue
		}
		p := a.site.Page(r.From)
		if p == nil && !strings.HasSuffix(r.From, "/") {
			p = a.site.Page(r.From + "/")
		}
		if p == nil && strings.HasSuffix(r.From, "/") {
			p = a.site.Page(strings.TrimSuffix(r.From, "/"))
		}
		switch {
		case p != nil && p.URL == r.To:
			a.errs.Add(r.Pos, "l'ancienne adresse %s est l'adresse de la page elle-même : retirez-la", r.From)
		case p != nil:
			by := "d'une page que relais fait lui-même"
			if p.Source.IsValid() {
				by = "de " + p.Source.File
			}
			a.errs.Add(r.Pos, "l'ancienne adresse %s mène à %s, mais c'est l'adresse %s : retirez-la", r.From, r.To, by)
		case isFile(r.From):
			a.errs.Add(r.Pos, "l'ancienne adresse %s mène à %s, mais c'est l'adresse d'un fichier du site : retirez-la", r.From, r.To)
		case from[r.From].From != "" && from[r.From].To != r.To:
			a.errs.Add(r.Pos, "l'ancienne adresse %s mène aussi à %s : une ancienne adresse ne peut mener qu'à une seule page", r.From, from[r.From].To)
		default:
			from[r.From] = r
		}
	}
	slices.SortStableFunc(a.site.Redirects, func(x, y Redirect) int { return strings.Compare(x.From, y.From) })
}

// aliasProblem says what is wrong with an alias as an old address of this
// site, or returns "". The addresses relais makes are slugs, so an alias
// is written with lowercase letters, digits, dashes, dots and slashes: a
// percent-encoded or uppercase alias ("/directives/%2e%2e/") is refused,
// because a host that decodes or folds addresses before it matches its
// redirects would read it as another page's address, such as the home
// page's.
func aliasProblem(u string) string {
	const example = "comme /directives/ancien-nom/"
	if !strings.HasPrefix(u, "/") {
		return "doit commencer par « / », " + example
	}
	for _, c := range u {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/') {
			return fmt.Sprintf("doit s'écrire en lettres minuscules sans accents, chiffres, tirets, points et barres obliques, %s : un hébergeur pourrait lire %s comme une autre adresse", example, diag.Q(string(c)))
		}
	}
	segs := strings.Split(u[1:], "/")
	for i, seg := range segs {
		switch {
		case seg == "." || seg == "..":
			return fmt.Sprintf("ne doit pas contenir %s : écrivez le chemin depuis la racine du site, %s", diag.Q(seg), example)
		case seg == "" && i < len(segs)-1:
			return "ne doit pas contenir « // » : " + example
		}
	}
	return ""
}

// renderTexts renders every registered Markdown text in parallel and checks
// its internal links against urls, the sorted URLs the site outputs. With a
// textcache.Cache, the texts it can give as they are come first, in one pass.
func (a *assembler) renderTexts(urls []string) {
	bySource := map[string]string{}
	for _, p := range a.site.Pages {
		if p.Source.IsValid() && p.Source.Line == 0 {
			if _, dup := bySource[p.Source.File]; !dup {
				bySource[p.Source.File] = p.URL
			}
		}
	}
	texts := a.site.Texts
	todo := make([]int, len(texts))
	for i := range todo {
		todo[i] = i
	}
	var set map[string]bool
	if c := a.opts.Texts; c != nil {
		var same bool
		set, same = c.Begin(urls, bySource)
		defer c.End(urls, set, bySource)
		todo = c.Reuse(texts, same)
	} else {
		set = make(map[string]bool, len(urls))
		for _, u := range urls {
			set[u] = true
		}
	}
	results := make([]diag.List, len(todo))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for k, i := range todo {
		t := texts[i]
		g.Go(func() error {
			html, linkErrs, err := a.renderText(t, a.resolver(t, set, bySource))
			if err != nil {
				results[k].Add(diag.Pos{File: t.Path, Line: t.Line, Col: 1}, "%v", err)
				return nil
			}
			if t.HTML != html { // a text may be shared with the last assembly (directiveView)
				t.HTML = html
			}
			for _, le := range linkErrs {
				line, col := markdown.LineCol(t.Src, le.Offset, t.Line)
				results[k].Add(diag.Pos{File: t.Path, Line: line, Col: col}, "%v", le.Err)
			}
			return nil
		})
	}
	_ = g.Wait()
	for _, r := range results {
		a.errs.Append(r)
	}
}

// resolver returns the link resolver of one text.
func (a *assembler) resolver(t *Text, urls map[string]bool, bySource map[string]string) markdown.Resolver {
	return func(dest string) (string, error) {
		if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") || hasScheme(dest) {
			return dest, nil
		}
		p, frag := dest, ""
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p, frag = p[:i], p[i:]
		}
		if strings.HasSuffix(p, ".md") {
			var src string
			if strings.HasPrefix(p, "/") {
				src = path.Join("content", p)
			} else {
				src = path.Join(path.Dir(t.Path), p)
			}
			if u, ok := bySource[src]; ok {
				return u + frag, nil
			}
			files := make([]string, 0, len(bySource))
			for k := range bySource {
				files = append(files, k)
			}
			return "", fmt.Errorf("le lien vers %s ne mène à aucune page : il n'y a pas de fichier %s%s", diag.Q(dest), src, diag.Suggestion(src, files))
		}
		u := p
		if !strings.HasPrefix(u, "/") {
			u = path.Join(path.Dir(t.URL+"x"), u)
			if strings.HasSuffix(p, "/") {
				u += "/"
			}
		}
		if urls[u] {
			return u + frag, nil
		}
		if urls[u+"/"] {
			return u + "/" + frag, nil
		}
		list := make([]string, 0, len(urls))
		for k := range urls {
			list = append(list, k)
		}
		return "", fmt.Errorf("le lien vers %s ne mène à aucune page du site%s", diag.Q(dest), diag.Suggestion(u, list))
	}
}

// hasScheme reports whether a link starts with a URL scheme (https:, mailto:).
func hasScheme(s string) bool {
	for i, c := range s {
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}
