// Package cli is the relais command: its subcommands as a table, their
// flags and help, and the exit codes (0 success, 1 content or build errors,
// 2 usage errors; `relais due` exits 3 when no rebuild is due). It parses arguments and prints; the work is done by the
// build, serve and deploy packages.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Version is the version of relais, set at link time with
// -ldflags "-X github.com/relais-ecoles/relais/internal/cli.Version=...".
var Version = "0.1.0-dev"

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // arguments after the name
	hidden  bool
	run     func(ctx context.Context, env *env, args []string) int
}

// env is what a command prints to.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() []command {
	return []command{
		{name: "build", summary: "build the site into public/", usage: "[flags]", run: runBuild},
		{name: "check", summary: "check the site and report every error, without writing anything", usage: "[flags]", run: runCheck},
		{name: "deploy", summary: "push the build to an S3 bucket behind a CDN: changed files only, then a purge", usage: "--target NAME [flags]", run: runDeploy},
		{name: "cms", summary: "write the web form editors publish with (Decap CMS, made from the content model)", usage: "--out DIR [flags]", run: runCMS},
		{name: "init", summary: "write the CI pipeline of the site's repository: relais init ci gitlab|github", usage: "ci (gitlab | github) [flags]", run: runInit},
		{name: "due", summary: "tell a scheduler whether the output of the last build may have changed (exit 0: rebuild; 3: not yet)", usage: "[flags]", run: runDue},
		{name: "serve", summary: "serve the site on this computer, rebuilt and reloaded on every change", usage: "[flags]", run: runServe},
		{name: "import", summary: "write the catalog's programmes from a spreadsheet: relais import programmes FICHIER.csv", usage: "programmes [flags] FICHIER.csv", run: runImport},
		{name: "new", summary: "create a directive file: relais new directive --academie paris \"Titre\"", usage: "directive [flags] \"Titre\"", run: runNew},
		{name: "version", summary: "print the version of relais", run: runVersion},
		{name: "gen-fixture", summary: "write a generated national-scale site for benchmarks", usage: "--out DIR [flags]", hidden: true, run: runGenFixture},
	}
}

// Run runs relais with args (without the program name) and returns the exit
// code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, getenv: os.Getenv}
	setMemoryLimit(e.getenv)
	if len(args) == 0 {
		usage(e.stderr)
		return ExitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			return Run(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		usage(e.stdout)
		return ExitOK
	case "-version", "--version":
		return runVersion(ctx, e, nil)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	var names []string
	for _, c := range commands() {
		if !c.hidden {
			names = append(names, c.name)
		}
	}
	fmt.Fprintf(e.stderr, "relais: unknown command %q%s\nRun 'relais --help' for usage.\n", args[0], diag.DidYouMean(args[0], names))
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "relais publishes ENT connection slots, directives, guidance and the\n\"Nation apprenante\" catalog as a static site.\n\nUsage:\n\n\trelais <command> [flags]\n\nCommands:\n\n")
	for _, c := range commands() {
		if !c.hidden {
			fmt.Fprintf(w, "\t%-9s %s\n", c.name, c.summary)
		}
	}
	fmt.Fprintf(w, "\nRun 'relais <command> --help' for the flags of a command.\n")
}

// newFlags returns a flag set whose usage names the command.
func newFlags(e *env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet("relais "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: relais %s %s\n\n%s.\n", name, args, vocab.Capitalize(summary))
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintf(w, "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags; it returns an exit code and false when the command
// must stop (help asked, or a usage error).
func parse(e *env, fs *flag.FlagSet, args []string) (int, bool) {
	if helped(e, fs, args) {
		return ExitOK, false
	}
	if err := fs.Parse(args); err != nil {
		return ExitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "relais %s: unexpected argument %q\n", strings.TrimPrefix(fs.Name(), "relais "), fs.Arg(0))
		return ExitUsage, false
	}
	return ExitOK, true
}

// helped prints the command's help on stdout when args ask for it (before
// any "--") and reports whether they did.
func helped(e *env, fs *flag.FlagSet, args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return true
		}
	}
	return false
}

// parseMixed parses flags written before, between or after the command's
// words, and returns the words; like parse, it returns false when the
// command must stop.
func parseMixed(e *env, fs *flag.FlagSet, args []string) ([]string, int, bool) {
	if helped(e, fs, args) {
		return nil, ExitOK, false
	}
	var words []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return nil, ExitUsage, false
		}
		if fs.NArg() == 0 {
			return words, ExitOK, true
		}
		words = append(words, fs.Arg(0))
		rest = fs.Args()[1:]
	}
}

func runVersion(_ context.Context, e *env, args []string) int {
	fs := newFlags(e, "version", "", "print the version of relais")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	fmt.Fprintf(e.stdout, "relais %s\n", Version)
	return ExitOK
}
