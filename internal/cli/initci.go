package cli

import (
	"context"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/relais-ecoles/relais/internal/citemplate"
	"github.com/relais-ecoles/relais/internal/diag"
)

// initUsage is the help of relais init.
const initUsage = "Usage: relais init ci (gitlab | github) [--source DIR] [--force]\n\n" +
	"Write the pipeline of the site's repository: relais check on every merge or pull\n" +
	"request, relais build and relais deploy on the main branch, and a schedule every\n" +
	"30 minutes that rebuilds once the moment the last build wrote has come (relais due).\n" +
	"gitlab writes .gitlab-ci.yml, github .github/workflows/relais.yml. An existing file\n" +
	"is kept unless --force. See docs/deploy.md.\n"

// runInit writes a site's files for a host: relais init ci gitlab|github.
func runInit(_ context.Context, e *env, args []string) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Fprint(e.stdout, initUsage)
		return ExitOK
	}
	if len(args) < 2 || args[0] != "ci" {
		fmt.Fprint(e.stderr, initUsage)
		return ExitUsage
	}
	host, ok := citemplate.Lookup(args[1])
	if !ok {
		fmt.Fprintf(e.stderr, "relais init ci: unknown host %q%s: relais writes pipelines for %s\n", args[1], diag.DidYouMean(args[1], citemplate.Names()), strings.Join(citemplate.Names(), " and "))
		return ExitUsage
	}
	fs := newFlags(e, "init ci "+host.Name, "[flags]", "write "+host.Path+" for the site's repository")
	source := fs.String("source", ".", "the site `folder` (the root of its repository)")
	force := fs.Bool("force", false, "replace an existing "+host.Path)
	if code, ok := parse(e, fs, args[2:]); !ok {
		return code
	}
	p := filepath.Join(*source, filepath.FromSlash(host.Path))
	if _, err := os.Stat(p); err == nil && !*force {
		fmt.Fprintf(e.stderr, "relais init ci : %s existe déjà : il est gardé tel quel (--force le remplace)\n", p)
		return ExitFailure
	} else if err != nil && !errors.Is(err, iofs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "relais init ci : %v\n", err)
		return ExitFailure
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		fmt.Fprintf(e.stderr, "relais init ci : %v\n", err)
		return ExitFailure
	}
	if err := os.WriteFile(p, host.File(), 0o644); err != nil {
		fmt.Fprintf(e.stderr, "relais init ci : %v\n", err)
		return ExitFailure
	}
	fmt.Fprintln(e.stdout, p)
	return ExitOK
}
