package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/relais-ecoles/relais/internal/pipeline"
)

// ExitNotDue is the exit code of `relais due` when the output of the last
// build does not change yet.
const ExitNotDue = 3

// runDue tells a scheduler whether a rebuild is due: it reads the moment
// the last build wrote (pipeline.NextChangePath) and exits 0 when it has come,
// or when there is no such moment (no build yet, an unreadable file: a
// rebuild is never wrong), and ExitNotDue before it. With --wait, a moment
// that comes within that time is waited for, so that a schedule every
// half hour rebuilds at the minute a directive comes out.
func runDue(ctx context.Context, e *env, args []string) int {
	flags := newFlags(e, "due", "[flags]", "exit 0 when the output of the last build may have changed since (a rebuild is due), 3 before that moment; for schedulers")
	source := flags.String("source", ".", "the site `folder`")
	dest := flags.String("dest", "", "the output `folder` of the last build (default: public/ in the site folder)")
	now := flags.String("now", "", "the `time` to compare with, RFC 3339 (default: now; with --now, --wait does not sleep)")
	wait := flags.Duration("wait", 0, "wait for a moment that comes within this `duration` (such as 30m), then exit 0")
	if code, ok := parse(e, flags, args); !ok {
		return code
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	at := time.Now()
	if *now != "" {
		t, err := time.Parse(time.RFC3339, *now)
		if err != nil {
			fmt.Fprintf(e.stderr, "relais due: --now %q is not an RFC 3339 time such as 2020-03-23T09:00:00+01:00\n", *now)
			return ExitUsage
		}
		at = t
	}
	next, err := pipeline.ReadNextChange(*dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(e.stdout, "relais due : aucune construction notée dans %s : construisez\n", pipeline.NextChangePath(*dest))
		return ExitOK
	case err != nil:
		fmt.Fprintf(e.stdout, "relais due : %v : construisez\n", err)
		return ExitOK
	case !at.Before(next):
		fmt.Fprintf(e.stdout, "relais due : le site a pu changer depuis le %s : construisez\n", pipeline.FrenchMoment(next))
		return ExitOK
	}
	if d := next.Sub(at); *wait > 0 && d <= *wait {
		fmt.Fprintf(e.stdout, "relais due : le site change le %s : attente de %s\n", pipeline.FrenchMoment(next), d.Round(time.Second))
		if *now == "" {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-ctx.Done():
				fmt.Fprintln(e.stderr, "relais due: interrupted")
				return ExitFailure
			case <-t.C:
			}
		}
		fmt.Fprintln(e.stdout, "relais due : c'est le moment : construisez")
		return ExitOK
	}
	fmt.Fprintf(e.stdout, "relais due : rien ne change avant le %s\n", pipeline.FrenchMoment(next))
	return ExitNotDue
}
