package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/build"
	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/site"
)

// siteFlags are the flags that build, check and serve share.
type siteFlags struct {
	source  string
	baseURL string
	now     string
	drafts  bool
	future  bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the site `folder` (holding content/, layouts/, assets/)")
	fs.StringVar(&f.baseURL, "base-url", "", "the public `URL` of the site, overriding base_url in content/site.yaml")
	fs.StringVar(&f.now, "now", "", "build as if it were this `time` (RFC 3339, such as 2020-03-23T09:00:00+01:00); default: now")
	fs.BoolVar(&f.drafts, "drafts", false, "include draft documents")
	fs.BoolVar(&f.future, "future", false, "include documents dated in the future")
}

// options turns the flags into build options; it prints usage errors.
func (f *siteFlags) options(e *env, cmd string) (build.Options, bool) {
	now := time.Now()
	if f.now != "" {
		t, err := time.Parse(time.RFC3339, f.now)
		if err != nil {
			fmt.Fprintf(e.stderr, "relais %s: --now %q is not an RFC 3339 time such as 2020-03-23T09:00:00+01:00\n", cmd, f.now)
			return build.Options{}, false
		}
		now = t
	}
	if st, err := os.Stat(f.source); err != nil || !st.IsDir() {
		fmt.Fprintf(e.stderr, "relais %s: --source %s is not a folder\n", cmd, f.source)
		return build.Options{}, false
	}
	if _, err := os.Stat(filepath.Join(f.source, "content")); err != nil {
		fmt.Fprintf(e.stderr, "relais %s: %s has no content/ folder: run relais at the root of a site, or pass --source\n", cmd, f.source)
		return build.Options{}, false
	}
	return build.Options{
		Source: os.DirFS(f.source),
		Site: site.Options{
			Now:     now,
			BaseURL: f.baseURL,
			Drafts:  f.drafts,
			Future:  f.future,
		},
	}, true
}

func runBuild(_ context.Context, e *env, args []string) int {
	fs := newFlags(e, "build", "[flags]", "build the site into the output folder, replacing it whole only when the build succeeds")
	var sf siteFlags
	sf.register(fs)
	dest := fs.String("dest", "", "the output `folder` (default: public/ in the site folder)")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	noPrecompress := fs.Bool("no-precompress", false, "do not write the .gz and .br files beside each text file (for hosts that compress by themselves)")
	noBudgets := fs.Bool("no-budgets", false, "report pages, CSS and JS over their size budgets (content/site.yaml) without failing the build")
	force := fs.Bool("force", false, "build even when the build record shows that nothing changed since the last build")
	cacheDir := fs.String("cache-dir", publish.DefaultCacheDir(), "the `folder` that keeps compressed bytes between builds, so a rebuild compresses only what changed (\"\" for none)")
	var prof profileFlags
	prof.register(fs)
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	opts, ok := sf.options(e, "build")
	if !ok {
		return ExitUsage
	}
	opts.Dest = *dest
	opts.NoPrecompress, opts.NoBudgets, opts.CacheDir = *noPrecompress, *noBudgets, *cacheDir
	opts.Record = !*force
	if opts.Dest == "" {
		opts.Dest = filepath.Join(sf.source, "public")
	}
	stop, err := prof.start()
	if err != nil {
		fmt.Fprintf(e.stderr, "relais build: %v\n", err)
		return ExitFailure
	}
	res, err := build.Build(opts)
	if perr := stop(); perr != nil {
		fmt.Fprintf(e.stderr, "relais build: %v\n", perr)
	}
	if err != nil {
		return reportError(e, "build", err, opts.Dest)
	}
	if !*quiet {
		summary(e.stderr, res, opts.Dest)
	} else {
		warnings(e.stderr, res)
	}
	return ExitOK
}

func runCheck(_ context.Context, e *env, args []string) int {
	fs := newFlags(e, "check", "[flags]", "check the site and report every error with its file, line and column; nothing is written")
	var sf siteFlags
	sf.register(fs)
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	opts, ok := sf.options(e, "check")
	if !ok {
		return ExitUsage
	}
	res, err := build.Render(opts)
	if err != nil {
		return reportError(e, "check", err, "")
	}
	if !*quiet {
		fmt.Fprintf(e.stderr, "relais check: no errors (%d pages, %d files) in %d ms\n", res.Counts["page"], len(res.Outputs), res.Timings.Total.Milliseconds())
		leftOut(e.stderr, "check", res.LeftOut)
	}
	return ExitOK
}

// reportError prints a failed build and returns its exit code.
func reportError(e *env, cmd string, err error, dest string) int {
	var ce *build.ContentErrors
	if errors.As(err, &ce) {
		fmt.Fprintln(e.stderr, ce.List.Error())
		n := len(ce.List)
		fmt.Fprintf(e.stderr, "relais %s: %d %s", cmd, n, plural(n, "error", "errors"))
		if dest != "" {
			fmt.Fprintf(e.stderr, "; %s was left as it was", dest)
		}
		fmt.Fprintln(e.stderr)
		return ExitFailure
	}
	fmt.Fprintf(e.stderr, "relais %s: %v\n", cmd, err)
	if dest != "" {
		fmt.Fprintf(e.stderr, "relais %s: %s was left as it was\n", cmd, dest)
	}
	return ExitFailure
}

func summary(w io.Writer, res *build.Result, dest string) {
	t := res.Timings
	var kinds []string
	for _, k := range []string{"page", "feed", "calendar", "asset", "other"} {
		if n := res.Counts[k]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%d %s", n, plural(n, k, k+"s")))
		}
	}
	if res.Reused {
		fmt.Fprintf(w, "relais build: %s is up to date (checked in %d ms)\n", dest, t.Total.Milliseconds())
		fmt.Fprintf(w, "  the site's files, relais and the options are those of the last build, whose output stays the same until %s: nothing to do (--force builds anyway)\n",
			res.Stable.Until.UTC().Format("2006-01-02 15:04 MST"))
		fmt.Fprintf(w, "  %s\n", strings.Join(kinds, ", "))
		fmt.Fprintf(w, "  files: 0 written, %d unchanged, 0 removed\n", res.Publish.Unchanged)
		fmt.Fprintf(w, "  changed URLs: 0 (listed in %s)\n", publish.ManifestPath(dest))
		leftOut(w, "build", res.LeftOut)
		warnings(w, res)
		return
	}
	fmt.Fprintf(w, "relais build: %s in %d ms\n", dest, t.Total.Milliseconds())
	fmt.Fprintf(w, "  %s\n", strings.Join(kinds, ", "))
	p := res.Publish
	fmt.Fprintf(w, "  files: %d written, %d unchanged, %d removed\n", p.Written, p.Unchanged, p.Removed)
	if c := res.Compress; c.Files > 0 && res.Precompressed {
		fmt.Fprintf(w, "  compressed: %d files (%d now, %d from the cache), %d .gz and .br variants\n", c.Files, c.Compressed, c.Cached, c.Variants)
	}
	fmt.Fprintf(w, "  changed URLs: %d (listed in %s)\n", len(res.Changes.URLs), publish.ManifestPath(dest))
	s := res.Sizes
	fmt.Fprintf(w, "  gzip-compressed: CSS %s, JS %s; largest pages:\n", build.KB(s.CSS), build.KB(s.JS))
	for _, p := range s.Largest {
		fmt.Fprintf(w, "    %8s  %s\n", build.KB(p.Gzip), p.URL)
	}
	fmt.Fprintf(w, "  load %d ms, assemble %d ms, render %d ms, compress %d ms, write %d ms\n",
		t.Load.Milliseconds(), t.Assemble.Milliseconds(), t.Render.Milliseconds(), t.Compress.Milliseconds(), t.Write.Milliseconds())
	leftOut(w, "build", res.LeftOut)
	warnings(w, res)
}

// leftOut prints, in French, the documents a build did not publish or
// took out of the lists, with why and when: notes, not errors, so that
// nothing leaves the site silently.
func leftOut(w io.Writer, cmd string, notes []site.LeftOut) {
	if len(notes) == 0 {
		return
	}
	fmt.Fprintf(w, "relais %s: %d %s de côté (des notes, pas des erreurs) :\n", cmd, len(notes), plural(len(notes), "document laissé", "documents laissés"))
	for _, n := range notes {
		fmt.Fprintf(w, "  %s (« %s ») : %s ; %s\n", n.Path, n.Title, n.Why, n.Then)
	}
}

// warnings prints what did not stop a build but should be known.
func warnings(w io.Writer, res *build.Result) {
	if res.OverBudget != nil {
		fmt.Fprintf(w, "relais build: warning: %v\n", res.OverBudget)
	}
	for _, m := range res.Warnings {
		fmt.Fprintf(w, "relais build: warning: %s\n", m)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
