package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/relais-ecoles/relais/internal/fixture"
)

// runGenFixture writes a deterministic national-scale site for benchmarks
// (make bench) and load tests. It is hidden from the main help: editors
// never need it.
func runGenFixture(_ context.Context, e *env, args []string) int {
	fs := newFlags(e, "gen-fixture", "--out DIR [flags]", "write a generated national-scale site (all régions and académies, their timetables, directives, programmes and guides) for benchmarks; build it with --now "+fixture.Now)
	out := fs.String("out", "", "the `folder` to write the site into; it must not exist or be empty")
	n := fixture.National
	fs.IntVar(&n.Directives, "directives", n.Directives, "the `number` of directives, spread over the ministry, the régions and the académies")
	fs.IntVar(&n.Programmes, "programmes", n.Programmes, "the `number` of programmes of the catalog")
	fs.IntVar(&n.Guides, "guides", n.Guides, "the `number` of good-practice guides")
	fs.Uint64Var(&n.Seed, "seed", n.Seed, "the `seed` of the generator: the same flags give the same files")
	from := fs.String("layouts-from", ".", "the site `folder` whose layouts/ and assets/ are copied in")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintf(e.stderr, "relais gen-fixture: --out is required: name a new folder, such as --out /tmp/national\n")
		return ExitUsage
	}
	if n.Directives < 0 || n.Programmes < 0 || n.Guides < 0 {
		fmt.Fprintf(e.stderr, "relais gen-fixture: --directives, --programmes and --guides cannot be negative\n")
		return ExitUsage
	}
	start := time.Now()
	fx := fixture.Generate(n)
	if err := fixture.Write(*out, fx.Files); err != nil {
		fmt.Fprintf(e.stderr, "relais gen-fixture: %v\n", err)
		return ExitFailure
	}
	if err := fixture.CopyDirs(*out, *from); err != nil {
		fmt.Fprintf(e.stderr, "relais gen-fixture: %v\n", err)
		return ExitFailure
	}
	if !*quiet {
		fmt.Fprintf(e.stderr, "relais gen-fixture: %d files in %s in %d ms; build it with: relais build --source %s --now %s\n",
			len(fx.Files), *out, time.Since(start).Milliseconds(), *out, fixture.Now)
	}
	return ExitOK
}
