package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/deploy"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/notify"
)

// optInt is an int flag that may be left unset.
type optInt struct {
	v   int
	set bool
}

func (o *optInt) String() string {
	if o == nil || !o.set {
		return ""
	}
	return strconv.Itoa(o.v)
}

func (o *optInt) Set(s string) error {
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return errors.New("must be a whole number, 0 or more")
	}
	o.v, o.set = v, true
	return nil
}

func runDeploy(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "deploy", "--target NAME [flags]",
		"push the build to a deploy target of content/site.yaml: changed files only, assets first, deletes last, then a CDN purge of the changed URLs")
	source := fs.String("source", ".", "the site `folder` (holding content/site.yaml)")
	dest := fs.String("dest", "", "the build `folder` to deploy (default: public/ in the site folder)")
	target := fs.String("target", "", "the deploy target, by its `name` under deploy: in content/site.yaml")
	dryRun := fs.Bool("dry-run", false, "print the plan (uploads, deletes, purges, bytes) and change nothing")
	force := fs.Bool("force", false, "delete more objects than --max-deletes allows")
	var maxDeletes optInt
	fs.Var(&maxDeletes, "max-deletes", "delete at most `N` objects without --force (default: 5% of the files of the build, at least 10)")
	workers := fs.Int("workers", deploy.DefaultWorkers(), "the number of parallel transfers")
	quiet := fs.Bool("quiet", false, "print nothing but errors and the changed URLs")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if *target == "" {
		fmt.Fprintf(e.stderr, "relais deploy: --target is missing: name one of the deploy targets of content/site.yaml\n")
		return ExitUsage
	}
	if *workers < 1 {
		fmt.Fprintf(e.stderr, "relais deploy: --workers must be 1 or more\n")
		return ExitUsage
	}
	if st, err := os.Stat(*source); err != nil || !st.IsDir() {
		fmt.Fprintf(e.stderr, "relais deploy: --source %s is not a folder\n", *source)
		return ExitUsage
	}
	cfg, code := readConfig(e, *source)
	if cfg == nil {
		return code
	}
	t, ok := cfg.DeployTarget(*target)
	if !ok {
		names := cfg.DeployNames()
		if len(names) == 0 {
			fmt.Fprintf(e.stderr, "relais deploy: unknown target %q: %s declares no deploy targets; add a deploy: section (docs/deploy.md)\n", *target, config.Path)
		} else {
			fmt.Fprintf(e.stderr, "relais deploy: unknown target %q%s; %s declares %s\n", *target, diag.DidYouMean(*target, names), config.Path, strings.Join(names, ", "))
		}
		return ExitFailure
	}
	dir := *dest
	if dir == "" {
		dir = filepath.Join(*source, "public")
	}

	opts := deploy.Options{
		Dir:        dir,
		Target:     *t,
		BaseURL:    cfg.BaseURL,
		Headers:    hosting.New(hosting.ConfigOf(cfg)).HeadersFor,
		Getenv:     e.getenv,
		DryRun:     *dryRun,
		Force:      *force,
		MaxDeletes: -1,
		Workers:    *workers,
	}
	if maxDeletes.set {
		opts.MaxDeletes = maxDeletes.v
	}
	var pl *progressLine
	if !*quiet && !*dryRun {
		pl = &progressLine{w: e.stderr, tty: isTerminal(e.stderr), now: time.Now}
		opts.Progress = pl.update
	}
	res, err := deploy.Run(ctx, opts)
	pl.end()
	if *dryRun && res.Plan != nil {
		printPlan(e.stdout, res.Plan)
		if !*quiet && err == nil {
			p := res.Plan
			fmt.Fprintf(e.stderr, "relais deploy: dry run, nothing was changed: %d %s (%s), %d %s, %d %s to purge, %d unchanged, for target %s, %s\n",
				len(p.Uploads), diag.Plural(len(p.Uploads), "upload", "uploads"), byteSize(p.Bytes),
				len(p.Deletes), diag.Plural(len(p.Deletes), "delete", "deletes"),
				len(p.Purge), diag.Plural(len(p.Purge), "URL", "URLs"), p.Unchanged, p.Target, p.Location)
		}
	}
	if !*dryRun {
		// Also when the purge failed: the deploy is done, these changed.
		for _, u := range res.Changed {
			fmt.Fprintln(e.stdout, u)
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "relais deploy: %s\n", strings.Join(strings.Fields(err.Error()), " "))
		return ExitFailure
	}
	if *dryRun {
		return ExitOK
	}
	if !*quiet {
		deploySummary(e.stderr, res, dir, t)
	}
	if n := cfg.Notify; len(n.Hubs) > 0 || len(n.Webhooks) > 0 {
		nr := notify.Run(ctx, notify.Options{
			Dir:     dir,
			Changed: res.Changed,
			Notify:  n,
			Getenv:  e.getenv,
			State:   filepath.Join(*source, ".relais", "notify-"+t.Name+".json"),
			Now:     time.Now(),
		})
		notifySummary(e.stderr, nr, n, *quiet)
	}
	return ExitOK
}

// notifySummary writes, in French, what the push after the deploy did;
// its problems are written even with --quiet: they never fail the deploy.
func notifySummary(w io.Writer, r notify.Result, n config.Notify, quiet bool) {
	if !quiet && len(n.Hubs) > 0 {
		switch {
		case len(r.Feeds) == 0:
			fmt.Fprintf(w, "  WebSub : aucun flux modifié, aucun hub prévenu\n")
		default:
			fmt.Fprintf(w, "  WebSub : %d %s signalé%s à %d %s (%d envoi%s réussi%s)\n", len(r.Feeds), diag.Plural(len(r.Feeds), "flux", "flux"), diag.Plural(len(r.Feeds), "", "s"),
				r.Hubs, diag.Plural(r.Hubs, "hub", "hubs"), r.Pings, diag.Plural(r.Pings, "", "s"), diag.Plural(r.Pings, "", "s"))
		}
	}
	if !quiet && len(n.Webhooks) > 0 {
		if r.Sent == 0 {
			fmt.Fprintf(w, "  webhooks : aucune directive urgente nouvelle ou modifiée, aucun message\n")
		} else {
			fmt.Fprintf(w, "  webhooks : %d %s (%d %s urgente%s nouvelle%s ou modifiée%s)\n", r.Sent, diag.Plural(r.Sent, "message envoyé", "messages envoyés"),
				len(r.Directives), diag.Plural(len(r.Directives), "directive", "directives"), diag.Plural(len(r.Directives), "", "s"), diag.Plural(len(r.Directives), "", "s"), diag.Plural(len(r.Directives), "", "s"))
		}
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "relais deploy: attention, %s (la publication, elle, est faite)\n", p)
	}
}

// readConfig reads content/site.yaml of the site folder; it prints what is
// wrong and returns nil with an exit code.
func readConfig(e *env, source string) (*config.Config, int) {
	data, err := fs.ReadFile(os.DirFS(source), config.Path)
	if err != nil {
		fmt.Fprintf(e.stderr, "relais deploy: %s has no %s: run relais at the root of a site, or pass --source\n", source, config.Path)
		return nil, ExitUsage
	}
	data, derr := load.Normalize(config.Path, data)
	if derr != nil {
		fmt.Fprintln(e.stderr, derr.Error())
		return nil, ExitFailure
	}
	cfg, errs := config.Decode(&load.Tree{Files: []*load.File{{Path: config.Path, Data: data}}})
	if len(errs) > 0 {
		fmt.Fprintln(e.stderr, errs.Sort().Error())
		fmt.Fprintf(e.stderr, "relais deploy: %d %s in %s; nothing was deployed\n", len(errs), diag.Plural(len(errs), "error", "errors"), config.Path)
		return nil, ExitFailure
	}
	return cfg, ExitOK
}

// printPlan writes a dry run's plan, one transfer a line, in order.
func printPlan(w io.Writer, p *deploy.Plan) {
	for _, u := range p.Uploads {
		fmt.Fprintf(w, "upload  %-8s %-8s %9s  %s\n", u.Phase, u.Reason, byteSize(u.Size), u.Path)
	}
	for _, d := range p.Deletes {
		fmt.Fprintf(w, "delete  %-8s %-8s %9s  %s\n", d.Phase, "", byteSize(d.Size), d.Path)
	}
	for _, u := range p.Purge {
		fmt.Fprintf(w, "purge   %s\n", u)
	}
}

func deploySummary(w io.Writer, res *deploy.Result, dir string, t *config.DeployTarget) {
	p := res.Plan
	fmt.Fprintf(w, "relais deploy: %s to %s, target %s, in %d ms\n", dir, p.Location, t.Name, res.Duration.Milliseconds())
	fmt.Fprintf(w, "  files: %d uploaded (%s), %d unchanged, %d deleted\n", res.Uploaded, byteSize(res.Bytes), p.Unchanged, res.Deleted)
	switch {
	case len(res.Changed) == 0:
		fmt.Fprintf(w, "  changed URLs: none\n")
	case res.Purged:
		fmt.Fprintf(w, "  changed URLs: %d (listed above), purged at the CDN\n", len(res.Changed))
	default:
		fmt.Fprintf(w, "  changed URLs: %d (listed above); the target has no purge url: the CDN keeps its copies until they expire\n", len(res.Changed))
	}
}

// progressLine prints the progress of a deploy: on a terminal one line
// rewritten in place, otherwise a plain line at each phase and every few
// seconds.
type progressLine struct {
	w       io.Writer
	tty     bool
	now     func() time.Time
	last    time.Time
	phase   string
	width   int
	printed bool
}

func (p *progressLine) update(pr deploy.Progress) {
	t := p.now()
	every := 5 * time.Second
	if p.tty {
		every = 100 * time.Millisecond
	}
	if pr.Phase == p.phase && pr.Done < pr.Total && t.Sub(p.last) < every {
		return
	}
	p.last, p.phase = t, pr.Phase
	line := fmt.Sprintf("relais deploy: %s, %d/%d files, %s/%s, %s/s", pr.Phase, pr.Done, pr.Total, byteSize(pr.Bytes), byteSize(pr.TotalBytes), byteSize(rate(pr.Bytes, pr.Elapsed)))
	if !p.tty {
		fmt.Fprintln(p.w, line)
		return
	}
	pad := max(0, p.width-len(line))
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
	p.width, p.printed = len(line), true
}

// end leaves the line a terminal was rewriting.
func (p *progressLine) end() {
	if p != nil && p.tty && p.printed {
		fmt.Fprintln(p.w)
	}
}

func rate(n int64, d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64(float64(n) / d.Seconds())
}

// byteSize writes a size for people: 512 B, 14.2 kB, 3.1 MB.
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
