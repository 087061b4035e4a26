package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/relais-ecoles/relais/internal/catalog/importcsv"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
)

// importKinds are what relais import reads.
var importKinds = []string{"programmes"}

// runImport runs relais import programmes FICHIER.csv.
func runImport(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			importUsage(e.stdout)
			return ExitOK
		}
		importUsage(e.stderr)
		return ExitUsage
	}
	if args[0] != "programmes" {
		fmt.Fprintf(e.stderr, "relais import: unknown kind %q%s: relais import reads programmes\n", args[0], diag.DidYouMean(args[0], importKinds))
		return ExitUsage
	}
	return runImportProgrammes(ctx, e, args[1:])
}

func importUsage(w io.Writer) {
	fmt.Fprintf(w, "Usage: relais import programmes [flags] FICHIER.csv\n\nWrite the catalog's programmes from a spreadsheet saved as CSV.\nRun 'relais import programmes --help' for the flags and the columns.\n")
}

const importSummary = `write or update one programme of the catalog (content/programmes/<slug>.md)
for each row of a spreadsheet saved as CSV (LibreOffice: "Texte CSV", UTF-8;
Excel: "CSV UTF-8"; comma or semicolon). Every row is checked first: on any
error nothing is written and each error is printed at fichier.csv:ligne:colonne,
the row and column the spreadsheet shows. A programme that the row leaves as it
is keeps its file untouched; programmes the file does not list are kept unless
--supprimer. Exit status: 0 imported, 1 errors (content/ untouched), 2 a wrong
argument.

Les colonnes (première ligne du fichier, dans n'importe quel ordre ; voir
docs/editer.md) :

` + "%s"

func runImportProgrammes(_ context.Context, e *env, args []string) int {
	fs := newFlags(e, "import programmes", "[flags] FICHIER.csv", fmt.Sprintf(importSummary, strings.TrimRight(importcsv.Help(), "\n")))
	source := fs.String("source", ".", "the site `folder` (holding content/)")
	dryRun := fs.Bool("dry-run", false, "print what would change and write nothing")
	var del bool
	fs.BoolVar(&del, "supprimer", false, "also delete the programmes of the catalog that the file does not list")
	fs.BoolVar(&del, "delete", false, "the same as --supprimer")
	// Flags may come before or after the file name.
	files, code, ok := parseMixed(e, fs, args)
	if !ok {
		return code
	}
	if len(files) != 1 {
		fmt.Fprintf(e.stderr, "relais import programmes: give one CSV file: relais import programmes programmes.csv\n")
		return ExitUsage
	}
	name := files[0]
	data, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "relais import : impossible de lire %s : %v\n", name, unwrap(err))
		return ExitFailure
	}
	if _, err := os.Stat(filepath.Join(*source, "content")); err != nil {
		fmt.Fprintf(e.stderr, "relais import programmes: %s has no content/ folder: run relais at the root of a site, or pass --source\n", *source)
		return ExitUsage
	}
	tree, errs := load.Site(os.DirFS(*source))
	if len(errs) > 0 && tree == nil {
		fmt.Fprintln(e.stderr, errs.Error())
		return ExitFailure
	}
	plan, errs := importcsv.Import(filepath.ToSlash(name), data, tree, importcsv.Options{Delete: del})
	if len(errs) > 0 {
		fmt.Fprintln(e.stderr, errs.Error())
		n := len(errs)
		fmt.Fprintf(e.stderr, "relais import : %d %s ; rien n'a été écrit, content/ n'a pas été modifié\n", n, diag.Plural(n, "erreur", "erreurs"))
		return ExitFailure
	}
	printImport(e.stdout, plan, *dryRun)
	if *dryRun {
		return ExitOK
	}
	if err := writeImport(*source, plan); err != nil {
		fmt.Fprintf(e.stderr, "relais import : %v\n", err)
		return ExitFailure
	}
	return ExitOK
}

func unwrap(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// maxKeptShown is how many kept programmes an import names one by one.
const maxKeptShown = 5

// printImport prints one line a change and a summary, in French.
func printImport(w io.Writer, p *importcsv.Plan, dry bool) {
	verbs := map[importcsv.Action][2]string{
		importcsv.Create: {"créé", "à créer"},
		importcsv.Update: {"modifié", "à modifier"},
		importcsv.Delete: {"supprimé", "à supprimer"},
	}
	counts := map[importcsv.Action]int{}
	pick := 0
	if dry {
		pick = 1
	}
	for _, c := range p.Changes {
		counts[c.Action]++
		v := verbs[c.Action][pick]
		switch c.Action {
		case importcsv.Delete:
			fmt.Fprintf(w, "%-12s %s (absent du fichier)\n", v, c.Path)
		case importcsv.Update:
			fmt.Fprintf(w, "%-12s %s (ligne %d : %s)\n", v, c.Path, c.Row, strings.Join(c.Columns, ", "))
		default:
			fmt.Fprintf(w, "%-12s %s (ligne %d)\n", v, c.Path, c.Row)
		}
	}
	if len(p.Kept) > 0 && len(p.Kept) <= maxKeptShown {
		for _, k := range p.Kept {
			fmt.Fprintf(w, "%-12s %s (absent du fichier ; --supprimer pour le retirer)\n", "gardé", k)
		}
	} else if len(p.Kept) > 0 {
		fmt.Fprintf(w, "%-12s %d programmes absents du fichier, de %s à %s (--supprimer pour les retirer)\n", "gardés", len(p.Kept), p.Kept[0], p.Kept[len(p.Kept)-1])
	}
	n := func(k int, one, many string) string { return fmt.Sprintf("%d %s", k, diag.Plural(k, one, many)) }
	parts := []string{
		n(counts[importcsv.Create], "créé", "créés"),
		n(counts[importcsv.Update], "modifié", "modifiés"),
		n(len(p.Unchanged), "inchangé", "inchangés"),
	}
	if counts[importcsv.Delete] > 0 {
		parts = append(parts, n(counts[importcsv.Delete], "supprimé", "supprimés"))
	}
	if len(p.Kept) > 0 {
		parts = append(parts, n(len(p.Kept), "gardé", "gardés"))
	}
	if dry {
		fmt.Fprintf(w, "relais import (essai, rien n'a été écrit) : %s\n", strings.Join(parts, ", "))
		return
	}
	fmt.Fprintf(w, "relais import : %s\n", strings.Join(parts, ", "))
}

// writeImport writes every new file beside its place first, then moves them
// into place and removes the deleted ones: a failure while writing leaves
// content/ as it was, and no file is ever half written.
func writeImport(root string, p *importcsv.Plan) error {
	type move struct{ tmp, dest string }
	var moves []move
	cleanup := func() {
		for _, m := range moves {
			os.Remove(m.tmp)
		}
	}
	for _, c := range p.Changes {
		if c.Action == importcsv.Delete {
			continue
		}
		dest := filepath.Join(root, filepath.FromSlash(c.Path))
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			cleanup()
			return err
		}
		f, err := os.CreateTemp(filepath.Dir(dest), ".import-*.tmp")
		if err != nil {
			cleanup()
			return err
		}
		moves = append(moves, move{f.Name(), dest})
		_, err = f.Write(c.Data)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(f.Name(), 0o644)
		}
		if err != nil {
			cleanup()
			return fmt.Errorf("%v ; rien n'a été écrit", err)
		}
	}
	for i, m := range moves {
		if err := os.Rename(m.tmp, m.dest); err != nil {
			for _, rest := range moves[i:] {
				os.Remove(rest.tmp)
			}
			return err
		}
	}
	for _, c := range p.Changes {
		if c.Action == importcsv.Delete {
			if err := os.Remove(filepath.Join(root, filepath.FromSlash(c.Path))); err != nil {
				return err
			}
		}
	}
	return nil
}
