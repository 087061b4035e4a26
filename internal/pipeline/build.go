// Package build runs the stages of a build in order — load, check and
// resolve (site.Assemble), render, write — and times them. It is the only
// package that knows every stage; each stage's inputs are parameters and its
// outputs are values, so the dev server can run the same pipeline and keep
// the result in memory instead of writing it.
package pipeline

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/tdewolff/minify/v2"
	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/asset"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/render"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/textcache"
	"github.com/relais-ecoles/relais/internal/view"
)

// Options are the inputs of a build.
type Options struct {
	// Source is the site folder (content/, layouts/, assets/).
	Source fs.FS
	// Dest is the output folder, written only by Build.
	Dest string
	// Site holds what assembly needs: the clock, base URL and what to include.
	Site site.Options
	// NoPrecompress leaves out the .gz and .br files, for hosts that
	// compress by themselves.
	NoPrecompress bool
	// CacheDir keeps compressed bytes between builds (publish.Precompress);
	// "" compresses every file.
	CacheDir string
	// NoBudgets reports the sizes over budget without failing the build.
	NoBudgets bool
	// Levels chooses the compression levels of a file; nil means
	// publish.LevelsFor. Tests use fast levels.
	Levels func(path string) publish.Levels
	// Record keeps a build record beside Dest, and lets Build report a
	// build that would change nothing without making it (record.go).
	Record bool

	// State keeps beside Dest what lets the next Build render only the
	// pages that changed, and uses what the last one kept (state.go).
	State StateMode
	// LevelsName names Levels for the kept state: a build with Levels
	// and no LevelsName keeps none.
	LevelsName string

	// pages, when set, takes each page as it is rendered, instead of
	// the pages being kept in the result (Build: pageSink).
	pages func(render.Output) error
	// renderPages, when set, renders the pages instead (Build with a
	// kept state).
	renderPages func(*site.Site, *render.Templates) ([]render.Output, error)
}

// Timings are the durations of the stages.
type Timings struct {
	Load, Assemble, Render, Compress, Write, Total time.Duration
}

// Result describes a finished build.
type Result struct {
	Site *site.Site
	// Outputs are the files of the build, sorted by path. Build writes
	// the pages as they are rendered and keeps their paths alone (no
	// Data); Render and the dev server keep every file's bytes.
	Outputs []render.Output
	Counts  map[string]int // outputs by kind: page, feed, asset, calendar, other
	Publish publish.Result
	// Rules are the HTTP headers of the site's files, for the dev server.
	Rules   *hosting.Rules
	Timings Timings
	// Compress says what precompression did; Sizes are the compressed
	// sizes of the largest pages and of all CSS and JS.
	Compress publish.CompressStats
	// Precompressed says whether the .gz and .br variants were written.
	Precompressed bool
	Sizes         Sizes
	// OverBudget is set when Options.NoBudgets let a build over its
	// budgets through.
	OverBudget *BudgetError
	// Changes are the URLs whose bytes changed since the previous build,
	// also written to publish.ManifestPath(Dest).
	Changes publish.Manifest
	// Warnings are problems that did not stop the build.
	Warnings []string
	// Stable is the span of build times in which the site gives the same
	// bytes (site.Site.Stable).
	Stable view.Span
	// LeftOut are the documents the build did not publish or took out of
	// the lists (site.Site.LeftOut): notes, not errors.
	LeftOut []view.LeftOut
	// Reused says that Build found Dest already up to date from its
	// record: nothing was assembled, rendered or written, and Site and
	// Outputs are nil.
	Reused bool
	// State says what Build did with the kept state (Options.State); nil
	// without one.
	State *StateReport
}

// ContentErrors is the error of a build that stopped on content errors: the
// user's files need fixing, relais is fine.
type ContentErrors struct{ List diag.List }

func (e *ContentErrors) Error() string { return e.List.Error() }

// contentErrors wraps the content errors of a stage (a diag.List, such as
// template errors at a layout's line) as ContentErrors; other errors pass.
func contentErrors(err error) error {
	var list diag.List
	if errors.As(err, &list) {
		return &ContentErrors{List: list}
	}
	return err
}

// Render runs every stage but the write: the outputs are returned in memory.
func Render(opts Options) (*Result, error) {
	start := time.Now()
	tree, errs := load.Site(opts.Source)
	return renderTree(opts, tree, errs, start, nil, nil)
}

// renderTree is the one render pipeline, of relais build and check (Render,
// Build) and of relais serve (Incremental): it assembles the files of tree,
// read since start with the problems errs, renders every output
// (render.Finish is the one list of them) and adds the rules for hosts. inc
// is nil for a full build; the dev server's Incremental passes itself and
// the stats of its update, to keep what did not change since its last good
// build.
func renderTree(opts Options, tree *load.Tree, errs diag.List, start time.Time, inc *Incremental, st *Stats) (*Result, error) {
	res := &Result{Counts: map[string]int{}}
	res.Timings.Load = time.Since(start)
	md := markdown.New()
	if inc != nil {
		md = inc.md
	}
	assemble := func() (*site.Site, diag.List) {
		s, errs := site.Assemble(tree, md, opts.Site)
		if inc != nil {
			inc.markTexts()
		}
		return s, errs
	}
	if len(errs) > 0 {
		// Files that could not be read would show as missing pages; report
		// what was wrong with them first, with everything else we can check.
		_, more := assemble()
		errs.Append(more)
		return res, &ContentErrors{List: errs.Sort()}
	}

	t := time.Now()
	s, errs := assemble()
	res.Timings.Assemble = time.Since(t)
	if len(errs) > 0 {
		return res, &ContentErrors{List: errs}
	}
	res.Site = s
	res.Stable = s.Stable
	res.LeftOut = s.LeftOut
	// The web form is made from the content model, read from tree before
	// a full build lets its front matter go.
	admin, err := adminOutputs(opts.Source, tree, s.Config)
	if err != nil {
		return res, err
	}
	if inc == nil {
		// The decoded site is all the later stages need of the content:
		// let its parsed front matter go (the dev server keeps it).
		tree.Release()
	}

	t = time.Now()
	var m *minify.M
	var set *asset.Set
	var tmpl *render.Templates
	if inc != nil {
		m, set, tmpl = inc.min, inc.set, inc.tmpl
	} else {
		m = asset.NewMinifier()
	}
	if set == nil {
		set, errs = asset.Build(tree, m)
		if len(errs) > 0 {
			return res, &ContentErrors{List: errs.Sort()}
		}
		tmpl, errs = render.ParseTemplates(tree, set)
		if len(errs) > 0 {
			return res, &ContentErrors{List: errs.Sort()}
		}
		if inc != nil {
			inc.set, inc.tmpl = set, tmpl
		}
	}

	var pages []render.Output
	var reuse render.Reuse
	var kept *memo
	if inc == nil && opts.renderPages != nil {
		pages, err = opts.renderPages(s, tmpl)
	} else if inc == nil && opts.pages != nil {
		pages, err = render.PagesTo(s, tmpl, render.Every(s), opts.pages)
	} else if inc == nil {
		pages, err = render.Pages(s, tmpl)
	} else {
		pages, err = inc.pages(s, st)
		kept = inc.memo(s, st)
		reuse = render.Reuse{Views: kept, Feeds: inc.feeds, Sort: inc.sortOutputs}
	}
	if err != nil {
		return res, contentErrors(err)
	}
	outs, err := render.Finish(s, set, pages, reuse)
	if err != nil {
		return res, contentErrors(err)
	}
	outs = append(outs, admin...)
	if err := finish(res, s, outs); err != nil {
		return res, err
	}
	res.Timings.Render = time.Since(t)
	res.Timings.Total = time.Since(start)
	if inc != nil {
		inc.keep(res, s, pages, kept)
	}
	return res, nil
}

// finish completes the rendered outputs of s (the files render.Finish
// makes, and the web form) with the rules files for hosts, made from them, and fills res.
func finish(res *Result, s *site.Site, outs []render.Output) error {
	res.Rules = hosting.New(hosting.ConfigOf(s.Config))
	rulesFiles, err := HostingFiles(res.Rules, s, outs)
	if err != nil {
		return err
	}
	outs = append(outs, rulesFiles...)
	slices.SortFunc(outs, func(a, b render.Output) int { return strings.Compare(a.Path, b.Path) })
	res.Outputs = outs
	for _, o := range outs {
		res.Counts[o.Kind()]++
	}
	return nil
}

// Build renders the site and publishes it to opts.Dest atomically. On any
// error, opts.Dest is left as it was. With opts.Record, a build that the
// record of opts.Dest shows to change nothing returns at once (Reused).
func Build(opts Options) (*Result, error) {
	start := time.Now()
	var key recordKey
	var last *prior
	recorded := false
	if opts.Record {
		if key, recorded = keyOf(opts); recorded {
			last = lookup(key, opts.Site.Now)
		}
	}
	tree, errs := load.Read(opts.Source)
	if recorded {
		sum := tree.Digest()
		key.Inputs = hex.EncodeToString(sum[:])
		if last != nil && len(errs) == 0 {
			if res, ok := last.reuse(key, key.Inputs, start); ok {
				return res, nil
			}
		}
		if last != nil {
			last.cancel()
		}
		if len(errs) > 0 {
			recorded = false
		}
	}
	ks := openState(opts, tree)
	var readTexts []textcache.Text
	if ks != nil {
		opts.Site.Texts, readTexts = openTexts(opts.Dest, ks)
	}
	tree.Parse()

	// The pages are compressed and written as they are rendered (the
	// write of opts.Dest is opened at the first one), so that the build
	// never holds them all; the other outputs, fewer and some made from
	// all the pages, follow once the render is done.
	copts := publish.CompressOptions{CacheDir: opts.CacheDir, Levels: opts.Levels}
	if opts.NoPrecompress {
		// Still measure what the budgets need, with gzip alone: the level
		// pages, the CSS and JS, and for the summary the largest pages
		// (the largest compressed are among the largest: four times as
		// many are measured). Nothing goes to the cache: compressing and
		// caching the 28,000 pages of a national site only to measure
		// them took a third of a build without precompression.
		copts.GzipOnly = true
		copts.CacheDir = ""
	}
	sink := newPageSink(opts, copts)
	sink.record = ks != nil
	defer sink.close()
	opts.pages = sink.page
	if ks != nil {
		opts.renderPages = func(s *site.Site, tmpl *render.Templates) ([]render.Output, error) {
			return ks.render(s, tmpl, sink)
		}
	}
	res, err := renderTree(opts, tree, errs, start, nil, nil)
	if err != nil {
		return res, err
	}
	w, err := sink.writer()
	if err != nil {
		return res, err
	}
	var files []publish.File
	for _, o := range res.Outputs {
		if !sink.put[o.Path] {
			files = append(files, publish.File{Path: o.Path, Data: o.Data})
		}
	}

	// Compress before writing: the budgets are checked on compressed sizes,
	// and a build over budget must leave opts.Dest as it was.
	t := time.Now()
	toCompress := files
	if opts.NoPrecompress {
		toCompress = append(append(slices.Clip(files), sink.kept...), sink.largest...)
		copts.Only = measured(toCompress)
	}
	compressed, stats, err := publish.Precompress(toCompress, copts)
	if err != nil {
		return res, err
	}
	stats.Files += sink.stats.Files
	stats.Compressed += sink.stats.Compressed
	stats.Cached += sink.stats.Cached
	stats.Variants += sink.stats.Variants
	stats.Time += sink.stats.Time
	res.Compress = stats
	res.Timings.Compress = time.Since(t)
	sizes, err := CheckBudgets(res.Site.Config.Budgets, append(slices.Clip(compressed), sink.compressed...))
	res.Sizes = sizes
	if err != nil {
		if !opts.NoBudgets {
			return res, err
		}
		res.OverBudget, _ = err.(*BudgetError)
	}
	if !opts.NoPrecompress {
		files = append(files, publish.Variants(compressed)...)
		res.Precompressed = true
	}

	t = time.Now()
	// Whatever the write does, the record of the previous build no
	// longer tells what opts.Dest holds.
	if err := forget(opts.Dest); err != nil {
		return res, fmt.Errorf("removing the build record: %w", err)
	}
	var g errgroup.Group
	g.SetLimit(2 * runtime.GOMAXPROCS(0)) // files wait on the disk as much as on the processor
	for _, f := range files {
		g.Go(func() error { return w.Put(f.Path, f.Data) })
	}
	if err := g.Wait(); err != nil {
		return res, fmt.Errorf("writing %s: %w", opts.Dest, err)
	}
	pub, err := w.Commit()
	if err != nil {
		return res, fmt.Errorf("writing %s: %w", opts.Dest, err)
	}
	res.Publish = pub
	res.Changes = ChangedURLs(pub.Changed)
	if err := publish.WriteManifest(opts.Dest, res.Changes); err != nil {
		res.Warnings = append(res.Warnings, fmt.Sprintf("la liste des adresses changées n'a pas pu être écrite : %v", err))
	}
	if err := WriteNextChange(opts.Dest, res.Stable.Until); err != nil {
		res.Warnings = append(res.Warnings, fmt.Sprintf("le moment du prochain changement n'a pas pu être écrit : %v", err))
	}
	if ks != nil {
		res.State = &ks.rep
		if err := ks.write(opts.Dest, res.Stable); err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("l'état conservé n'a pas pu être écrit (la prochaine construction rendra toutes les pages) : %v", err))
		}
		if err := writeTexts(opts.Dest, ks, opts.Site.Texts, readTexts); err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("le cache du Markdown n'a pas pu être écrit (la prochaine construction rendra tous les textes) : %v", err))
		}
	}
	if recorded {
		if err := keep(key, res); err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("le relevé de la construction n'a pas pu être écrit (la prochaine construction sera complète) : %v", err))
		}
	}
	if opts.CacheDir != "" && !opts.NoPrecompress {
		// Only a build that used the cache ages it: walking it costs a
		// build without precompression half a second at national scale.
		publish.PruneCache(opts.CacheDir, CacheKeep, time.Now())
	}
	res.Timings.Write = time.Since(t)
	res.Timings.Total = time.Since(start)
	return res, nil
}

// CacheKeep is how long compressed bytes no build used stay in the cache.
const CacheKeep = 30 * 24 * time.Hour

// budgeted reports whether an output counts in the budgets.
func budgeted(p string) bool {
	return strings.HasSuffix(p, ".html") || strings.HasPrefix(p, "assets/") && strings.HasSuffix(p, ".css") || isScript(p)
}

// measured returns which files a build without precompression compresses
// to check its budgets and show its largest pages: the level pages, the
// stylesheets and scripts, and the 4×LargestShown largest pages.
func measured(files []publish.File) func(string) bool {
	set := map[string]bool{}
	var pages []int
	for i, f := range files {
		switch {
		case !budgeted(f.Path):
		case strings.HasSuffix(f.Path, ".html"):
			if Painted(hosting.URLOf(f.Path)) {
				set[f.Path] = true
			}
			pages = append(pages, i)
		default:
			set[f.Path] = true // CSS and JS
		}
	}
	slices.SortFunc(pages, func(a, b int) int {
		if d := len(files[b].Data) - len(files[a].Data); d != 0 {
			return d
		}
		return strings.Compare(files[a].Path, files[b].Path)
	})
	for _, i := range pages[:min(len(pages), 4*LargestShown)] {
		set[files[i].Path] = true
	}
	return func(p string) bool { return set[p] }
}

// ChangedURLs turns the output paths a write changed into the URLs a CDN
// must purge: a page's index.html is its folder URL, a precompressed
// variant is the URL of its file, and the rules files set Rules.
func ChangedURLs(paths []string) publish.Manifest {
	var m publish.Manifest
	seen := map[string]bool{}
	for _, p := range paths {
		if hosting.Private(p) {
			m.Rules = true
			continue
		}
		orig, _, _ := hosting.Variant(p)
		u := hosting.URLOf(orig)
		if !seen[u] {
			seen[u] = true
			m.URLs = append(m.URLs, u)
		}
	}
	slices.Sort(m.URLs)
	return m
}

// HostingFiles returns the rules files for hosts (_headers, _redirects,
// _nginx.conf), made by hosting from the outputs of a build. They sit at
// the root of the output folder; hosting.Private says a host must not serve
// them.
//
// The pages at old and short addresses (/93/) are left out of _headers:
// the hosts that read it answer those addresses with the 301 of
// _redirects, and a rule a folder for a hundred short addresses would break
// the hosts' limit on rules.
func HostingFiles(rules *hosting.Rules, s *site.Site, outs []render.Output) ([]render.Output, error) {
	aliases := make(map[string]bool, len(s.Redirects))
	for _, r := range s.Redirects {
		aliases[hosting.AliasFile(r.From)] = true
	}
	paths := make([]string, 0, len(outs))
	for _, o := range outs {
		if !aliases[o.Path] {
			paths = append(paths, o.Path)
		}
	}
	headers, err := rules.Headers(paths)
	if err != nil {
		return nil, err
	}
	redirects, err := hosting.Redirects(s.Redirects)
	if err != nil {
		return nil, err
	}
	nginx, err := rules.Nginx(s.Redirects)
	if err != nil {
		return nil, err
	}
	return []render.Output{
		{Path: hosting.HeadersFile, Data: headers},
		{Path: hosting.RedirectsFile, Data: redirects},
		{Path: hosting.NginxFile, Data: nginx},
	}, nil
}
