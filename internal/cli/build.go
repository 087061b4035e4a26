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

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
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
func (f *siteFlags) options(e *env, cmd string) (pipeline.Options, bool) {
	now := time.Now()
	if f.now != "" {
		t, err := time.Parse(time.RFC3339, f.now)
		if err != nil {
			fmt.Fprintf(e.stderr, "relais %s: --now %q is not an RFC 3339 time such as 2020-03-23T09:00:00+01:00\n", cmd, f.now)
			return pipeline.Options{}, false
		}
		now = t
	}
	if st, err := os.Stat(f.source); err != nil || !st.IsDir() {
		fmt.Fprintf(e.stderr, "relais %s: --source %s is not a folder\n", cmd, f.source)
		return pipeline.Options{}, false
	}
	if _, err := os.Stat(filepath.Join(f.source, "content")); err != nil {
		fmt.Fprintf(e.stderr, "relais %s: %s has no content/ folder: run relais at the root of a site, or pass --source\n", cmd, f.source)
		return pipeline.Options{}, false
	}
	return pipeline.Options{
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
	allNotes := fs.Bool("notes", false, "list every document left out (drafts, future, expired); by default the first 20")
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
	opts.State = pipeline.StateUse
	if *force {
		opts.State = pipeline.StateWrite
	}
	if opts.Dest == "" {
		opts.Dest = filepath.Join(sf.source, "public")
	}
	stop, err := prof.start()
	if err != nil {
		fmt.Fprintf(e.stderr, "relais build: %v\n", err)
		return ExitFailure
	}
	res, err := pipeline.Build(opts)
	if perr := stop(); perr != nil {
		fmt.Fprintf(e.stderr, "relais build: %v\n", perr)
	}
	if err != nil {
		return reportError(e, "build", err, opts.Dest)
	}
	if !*quiet {
		summary(e.stderr, res, opts.Dest, *allNotes)
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
	allNotes := fs.Bool("notes", false, "list every document left out (drafts, future, expired); by default the first 20")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	opts, ok := sf.options(e, "check")
	if !ok {
		return ExitUsage
	}
	res, err := pipeline.Render(opts)
	if err != nil {
		return reportError(e, "check", err, "")
	}
	if !*quiet {
		fmt.Fprintf(e.stderr, "relais check : aucune erreur (%d pages, %d fichiers) en %d ms\n", res.Counts["page"], len(res.Outputs), res.Timings.Total.Milliseconds())
		leftOut(e.stderr, "check", res.LeftOut, *allNotes)
	}
	return ExitOK
}

// reportError prints a failed build and returns its exit code. Content
// errors and the lines about them are in French: editors read them.
func reportError(e *env, cmd string, err error, dest string) int {
	var ce *pipeline.ContentErrors
	if errors.As(err, &ce) {
		fmt.Fprintln(e.stderr, ce.List.Error())
		n := len(ce.List)
		fmt.Fprintf(e.stderr, "relais %s : %d %s", cmd, n, diag.Plural(n, "erreur", "erreurs"))
		if dest != "" {
			fmt.Fprintf(e.stderr, " ; %s n'a pas été modifié", dest)
		}
		fmt.Fprintln(e.stderr)
		return ExitFailure
	}
	fmt.Fprintf(e.stderr, "relais %s : %v\n", cmd, err)
	if dest != "" {
		fmt.Fprintf(e.stderr, "relais %s : %s n'a pas été modifié\n", cmd, dest)
	}
	return ExitFailure
}

// kindNames are the French names of the kinds of output, one and many.
var kindNames = map[string][2]string{
	"page":     {"page", "pages"},
	"feed":     {"flux", "flux"},
	"calendar": {"calendrier", "calendriers"},
	"asset":    {"ressource (style, script, image)", "ressources (styles, scripts, images)"},
	"other":    {"autre fichier", "autres fichiers"},
}

// kinds counts the outputs by kind, in French.
func kinds(res *pipeline.Result) string {
	var out []string
	for _, k := range []string{"page", "feed", "calendar", "asset", "other"} {
		if n := res.Counts[k]; n > 0 {
			out = append(out, fmt.Sprintf("%d %s", n, diag.Plural(n, kindNames[k][0], kindNames[k][1])))
		}
	}
	return strings.Join(out, ", ")
}

// summary prints a build in French: what it wrote, what it weighs, how
// long it took, and when its output next changes.
func summary(w io.Writer, res *pipeline.Result, dest string, allNotes bool) {
	t := res.Timings
	if res.Reused {
		fmt.Fprintf(w, "relais build : %s est à jour (vérifié en %d ms)\n", dest, t.Total.Milliseconds())
		fmt.Fprintf(w, "  les fichiers du site, relais et les options sont ceux de la dernière construction : rien à faire (--force construit quand même)\n")
		fmt.Fprintf(w, "  %s\n", kinds(res))
		fmt.Fprintf(w, "  fichiers : 0 écrit, %d %s, 0 supprimé\n", res.Publish.Unchanged, diag.Plural(res.Publish.Unchanged, "inchangé", "inchangés"))
		fmt.Fprintf(w, "  adresses changées : 0 (liste dans %s)\n", publish.ManifestPath(dest))
		nextChange(w, res, dest)
		leftOut(w, "build", res.LeftOut, allNotes)
		warnings(w, res)
		return
	}
	fmt.Fprintf(w, "relais build : %s construit en %d ms\n", dest, t.Total.Milliseconds())
	fmt.Fprintf(w, "  %s\n", kinds(res))
	p := res.Publish
	fmt.Fprintf(w, "  fichiers : %d %s, %d %s, %d %s\n", p.Written, diag.Plural(p.Written, "écrit", "écrits"),
		p.Unchanged, diag.Plural(p.Unchanged, "inchangé", "inchangés"), p.Removed, diag.Plural(p.Removed, "supprimé", "supprimés"))
	keptState(w, res, dest)
	if c := res.Compress; c.Files > 0 && res.Precompressed {
		fmt.Fprintf(w, "  compression : %d fichiers (%d maintenant, %d depuis le cache), %d variantes .gz et .br\n", c.Files, c.Compressed, c.Cached, c.Variants)
	}
	fmt.Fprintf(w, "  adresses changées : %d (liste dans %s)\n", len(res.Changes.URLs), publish.ManifestPath(dest))
	s := res.Sizes
	fmt.Fprintf(w, "  poids compressé (gzip) : CSS %s, JS %s ; pages les plus lourdes :\n", pipeline.KB(s.CSS), pipeline.KB(s.JS))
	for _, p := range s.Largest {
		fmt.Fprintf(w, "    %8s  %s\n", pipeline.KB(p.Gzip), p.URL)
	}
	fmt.Fprintf(w, "  lecture %d ms, assemblage %d ms, rendu %d ms, compression %d ms, écriture %d ms\n",
		t.Load.Milliseconds(), t.Assemble.Milliseconds(), t.Render.Milliseconds(), t.Compress.Milliseconds(), t.Write.Milliseconds())
	nextChange(w, res, dest)
	leftOut(w, "build", res.LeftOut, allNotes)
	warnings(w, res)
}

// keptState prints, in French, which pages the build rendered and which it
// took from the last build through the kept state, or why it rendered them
// all.
func keptState(w io.Writer, res *pipeline.Result, dest string) {
	st := res.State
	if st == nil {
		return
	}
	n := res.Counts["page"]
	switch {
	case st.Used && st.Why == "":
		fmt.Fprintf(w, "  pages : %d %s, %d %s de la construction précédente (état conservé dans %s)\n",
			st.Rendered, diag.Plural(st.Rendered, "rendue", "rendues"), st.Kept, diag.Plural(st.Kept, "reprise", "reprises"), pipeline.StatePath(dest))
	case st.Why != "":
		fmt.Fprintf(w, "  pages : toutes rendues (%d), car %s\n", n, st.Why)
	}
	for _, note := range st.Notes {
		fmt.Fprintf(w, "  note : %s\n", note)
	}
}

// nextChange prints when the output next changes.
func nextChange(w io.Writer, res *pipeline.Result, dest string) {
	if res.Stable.Until.IsZero() {
		return
	}
	fmt.Fprintf(w, "  prochain changement : %s ; reconstruisez à ce moment (noté dans %s)\n", pipeline.FrenchMoment(res.Stable.Until), pipeline.NextChangePath(dest))
}

// notesShown is how many notes of documents left out a build prints
// without --notes: a national site has thousands of expired directives,
// whose list would hide the rest of the summary.
const notesShown = 20

// leftOut prints, in French, the documents a build did not publish or
// took out of the lists, with why and when: notes, not errors, so that
// nothing leaves the site silently. Past notesShown, unless all is set,
// it says how many more there are and how to see them.
func leftOut(w io.Writer, cmd string, notes []view.LeftOut, all bool) {
	if len(notes) == 0 {
		return
	}
	fmt.Fprintf(w, "relais %s : %d %s de côté (des notes, pas des erreurs) :\n", cmd, len(notes), diag.Plural(len(notes), "document laissé", "documents laissés"))
	shown := notes
	if !all && len(notes) > notesShown {
		shown = notes[:notesShown]
	}
	for _, n := range shown {
		fmt.Fprintf(w, "  %s (« %s ») : %s ; %s\n", n.Path, n.Title, n.Why, n.Then)
	}
	if more := len(notes) - len(shown); more > 0 {
		fmt.Fprintf(w, "  … et %d %s : relais %s --notes les liste tous\n", more, diag.Plural(more, "autre", "autres"), cmd)
	}
}

// warnings prints what did not stop a build but should be known.
func warnings(w io.Writer, res *pipeline.Result) {
	if res.OverBudget != nil {
		fmt.Fprintf(w, "relais build : attention : %v\n", res.OverBudget)
	}
	for _, m := range res.Warnings {
		fmt.Fprintf(w, "relais build : attention : %s\n", m)
	}
}
