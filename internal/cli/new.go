package cli

import (
	"context"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// newKinds are what relais new creates.
var newKinds = []string{"directive"}

// runNew creates a content file: relais new directive --academie paris "Titre".
func runNew(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			newUsage(e.stdout)
			return ExitOK
		}
		newUsage(e.stderr)
		return ExitUsage
	}
	switch args[0] {
	case "directive":
		return runNewDirective(ctx, e, args[1:])
	}
	fmt.Fprintf(e.stderr, "relais new: unknown kind %q%s: relais new creates a directive\n", args[0], diag.DidYouMean(args[0], newKinds))
	return ExitUsage
}

func newUsage(w interface{ Write([]byte) (int, error) }) {
	fmt.Fprintf(w, "Usage: relais new directive (--academie SLUG | --region SLUG | --national) [flags] \"Titre\"\n\nCreate a content file with a well-formed front matter, print its path, and open nothing.\nRun 'relais new directive --help' for the flags.\n")
}

// newDirectiveSummary is the help of relais new directive.
const newDirectiveSummary = `create a directive of an académie, a région académique or the ministry: the file
content/<issuer>/directives/<date>-<slug>.md, with the title, the date and time
of now in the issuer's time zone, the audiences parents and eleves, and
draft: true (remove that line to publish it; relais build --drafts and relais
serve --drafts show it before). The optional fields are written as comments to
uncomment. The path of the new file is printed; nothing is opened. Exit status:
0 created, 1 the file exists or cannot be written, 2 a wrong argument (such as
an unknown académie)`

func runNewDirective(_ context.Context, e *env, args []string) int {
	fs := newFlags(e, "new directive", "(--academie SLUG | --region SLUG | --national) [flags] \"Titre\"", newDirectiveSummary)
	academy := fs.String("academie", "", "the `slug` of the académie that issues the directive, such as paris")
	region := fs.String("region", "", "the `slug` of the région académique that issues it, such as ile-de-france")
	national := fs.Bool("national", false, "a directive of the ministry")
	source := fs.String("source", ".", "the site `folder` (holding content/)")
	nowFlag := fs.String("now", "", "create it as if it were this `time` (RFC 3339); default: now")

	// Flags may come before or after the title.
	words, code, ok := parseMixed(e, fs, args)
	if !ok {
		return code
	}
	title := strings.Join(strings.Fields(strings.Join(words, " ")), " ")
	if title == "" {
		fmt.Fprintf(e.stderr, "relais new directive: give the title of the directive, in quotes: relais new directive --academie paris \"Plages horaires des collèges\"\n")
		return ExitUsage
	}
	n := 0
	for _, set := range []bool{*academy != "", *region != "", *national} {
		if set {
			n++
		}
	}
	if n != 1 {
		fmt.Fprintf(e.stderr, "relais new directive: say who issues the directive with one of --academie SLUG, --region SLUG or --national\n")
		return ExitUsage
	}
	slug := directiveSlug(title)
	if slug == "" {
		fmt.Fprintf(e.stderr, "relais new directive: the title %q has no letter or digit to make a file name from\n", title)
		return ExitUsage
	}
	now := time.Now()
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			fmt.Fprintf(e.stderr, "relais new directive: --now %q is not an RFC 3339 time such as 2020-03-23T09:00:00+01:00\n", *nowFlag)
			return ExitUsage
		}
		now = t
	}
	if _, err := os.Stat(filepath.Join(*source, "content")); err != nil {
		fmt.Fprintf(e.stderr, "relais new directive: %s has no content/ folder: run relais at the root of a site, or pass --source\n", *source)
		return ExitUsage
	}

	iss := territory.National()
	switch {
	case *academy != "":
		iss = territory.AcademyIssuer(*academy)
	case *region != "":
		iss = territory.RegionIssuer(*region)
	}
	loc := mustParis()
	if iss.Kind != territory.IssuerNational {
		tree, errs := load.Site(os.DirFS(*source))
		if len(errs) > 0 && tree == nil {
			fmt.Fprintf(e.stderr, "relais new directive: %v\n", errs)
			return ExitFailure
		}
		terr, _ := territory.Decode(tree) // the territory's own errors are relais check's business
		l, err := directive.ZoneOf(terr)(iss)
		if err != nil {
			msg := err.Error()
			if i := strings.Index(msg, ": an académie's directives"); i > 0 {
				msg = msg[:i]
			} else if i := strings.Index(msg, ": a région's directives"); i > 0 {
				msg = msg[:i]
			}
			flag := "--academie"
			if iss.Kind == territory.IssuerRegion {
				flag = "--region"
			}
			fmt.Fprintf(e.stderr, "relais new directive: %s %s: %s\n", flag, iss.Slug, msg)
			return ExitUsage
		}
		loc = l
	}
	local := now.In(loc)
	rel := filepath.Join("content", filepath.FromSlash(iss.Dir()), "directives", local.Format("2006-01-02")+"-"+slug+".md")
	p := filepath.Join(*source, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		fmt.Fprintf(e.stderr, "relais new directive: %v\n", err)
		return ExitFailure
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, iofs.ErrExist) {
			fmt.Fprintf(e.stderr, "relais new directive: %s already exists: edit it, or give the new directive another title\n", p)
		} else {
			fmt.Fprintf(e.stderr, "relais new directive: %v\n", err)
		}
		return ExitFailure
	}
	_, err = f.WriteString(DirectiveTemplate(title, local))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "relais new directive: %v\n", err)
		return ExitFailure
	}
	fmt.Fprintln(e.stdout, p)
	return ExitOK
}

func mustParis() *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err) // time/tzdata is embedded by territory
	}
	return l
}

// maxSlugLen bounds the slug part of a new directive's file name, which
// becomes its address.
const maxSlugLen = 60

// directiveSlug makes the slug of a title, cut at a dash to at most
// maxSlugLen characters.
func directiveSlug(title string) string { return vocab.CutSlug(vocab.Slugify(title), maxSlugLen) }

// DirectiveTemplate is the file relais new directive writes: a directive
// that decodes without error, kept as a draft until its editor removes the
// line, with the optional fields as comments (in French, for the editors).
func DirectiveTemplate(title string, date time.Time) string {
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("title: " + strconv.Quote(title) + "\n")
	b.WriteString("date: " + date.Format("2006-01-02 15:04") + "\n")
	b.WriteString("audiences: [parents, eleves]\n")
	b.WriteString("# summary: une ou deux phrases, reprises dans les listes et les flux\n")
	b.WriteString("# levels: [6e, 5e]           # les niveaux concernés ; sans levels, tous les niveaux\n")
	b.WriteString("# effective: " + date.Format("2006-01-02") + "      # premier jour d'application\n")
	b.WriteString("# expires: " + date.AddDate(0, 0, 14).Format("2006-01-02") + "        # dernier jour d'application\n")
	b.WriteString("# urgent: true               # bandeau sur les pages de l'émetteur jusqu'à expires (obligatoire alors)\n")
	b.WriteString("# Brouillon : la directive n'est publiée qu'une fois cette ligne supprimée.\n")
	b.WriteString("draft: true\n")
	b.WriteString("---\n")
	return b.String()
}
