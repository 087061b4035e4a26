package territory

// departements.go: the départements and the académie each belongs to, read
// from content/departements.csv, so that a parent who knows their
// département ("93", "Meuse") but not their académie finds it.
//
// The file is a CSV table with the header line "code,nom,academie" and one
// département a line:
//
//	code,nom,academie
//	93,Seine-Saint-Denis,creteil
//	2A,Corse-du-Sud,corse
//
// code is the INSEE code (two digits, 2A and 2B for Corse, three digits
// overseas), nom the name as written in French, academie the slug of an
// académie of the site (a folder of content/academies/). DecodeDepartements
// checks that every code is well formed and appears once, that every name
// appears once, that every académie is known, and that every académie of
// the site has at least one département; its errors are in French, with
// the file, line and column, since editors read them.

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
)

// DepartementsPath is the file of the départements.
const DepartementsPath = "content/departements.csv"

// Departement is one département.
type Departement struct {
	Code    string // "93", "2A", "974"
	Name    string // "Seine-Saint-Denis"
	Academy string // slug of its académie
	Pos     diag.Pos
}

// departementHeader is the first line of the file.
var departementHeader = []string{"code", "nom", "academie"}

// codeRE is an INSEE département code: 01-95 (2A, 2B for Corse), 971-989
// overseas.
var codeRE = regexp.MustCompile(`^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|9[78][0-9])$`)

// DecodeDepartements reads content/departements.csv against the académies
// of t. A site without the file has no départements (nil, no error). The
// list is in file order.
func DecodeDepartements(tree *load.Tree, t *Territory) ([]*Departement, diag.List) {
	f := tree.Get(DepartementsPath)
	if f == nil {
		return nil, nil
	}
	var errs diag.List
	at := func(line, col int) diag.Pos { return diag.Pos{File: f.Path, Line: line, Col: col} }
	lines := strings.Split(string(f.Data), "\n")
	// runeCol turns the byte column of encoding/csv into a column in
	// characters, as every position of relais counts.
	runeCol := func(line, col int) int {
		if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1])+1 {
			return col
		}
		return utf8.RuneCountInString(lines[line-1][:col-1]) + 1
	}
	r := csv.NewReader(strings.NewReader(string(f.Data)))
	r.FieldsPerRecord = -1 // counted here, with a French message
	slugs := make([]string, len(t.Academies))
	for i, a := range t.Academies {
		slugs[i] = a.Slug
	}
	var out []*Departement
	codes := map[string]diag.Pos{}
	names := map[string]diag.Pos{}
	covered := map[string]bool{}
	broken := false // a syntax error stopped the reading
	for n := 0; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				broken = true
				errs.Add(at(pe.Line, runeCol(pe.Line, max(pe.Column, 1))), "ligne illisible : %s ; écrivez code,nom,academie sans guillemet isolé", frenchCSV(pe.Err))
			} else {
				broken = true
				errs.Add(at(1, 1), "fichier illisible : %v", err)
			}
			break
		}
		line, _ := r.FieldPos(0)
		col := func(i int) diag.Pos { l, c := r.FieldPos(i); return at(l, runeCol(l, c)) }
		if n == 0 {
			if slices.Equal(trimAll(rec), departementHeader) {
				continue
			}
			errs.Add(at(line, 1), "la première ligne doit être l’en-tête « code,nom,academie », pas « %s »", strings.Join(rec, ","))
			if len(rec) != 3 || !codeRE.MatchString(strings.TrimSpace(rec[0])) {
				continue
			}
			// A data line without the header: checked as one.
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != 3 {
			errs.Add(at(line, 1), "%d champ(s) au lieu de 3 : écrivez code,nom,academie, par exemple « 93,Seine-Saint-Denis,creteil »", len(rec))
			continue
		}
		d := &Departement{Code: strings.TrimSpace(rec[0]), Name: strings.TrimSpace(rec[1]), Academy: strings.TrimSpace(rec[2]), Pos: at(line, 1)}
		ok := true
		switch {
		case d.Code == "":
			errs.Add(col(0), "code de département manquant : écrivez son numéro INSEE, par exemple « 93 »")
			ok = false
		case !codeRE.MatchString(d.Code):
			errs.Add(col(0), "code de département %s", codeHint(d.Code))
			ok = false
		case codes[d.Code].IsValid():
			errs.Add(col(0), "le département %s figure deux fois : déjà à la ligne %d ; gardez une seule ligne", d.Code, codes[d.Code].Line)
			ok = false
		default:
			codes[d.Code] = col(0)
		}
		key := FoldName(d.Name)
		switch {
		case d.Name == "":
			errs.Add(col(1), "nom du département %s manquant", d.Code)
			ok = false
		case names[key].IsValid():
			errs.Add(col(1), "le nom « %s » figure deux fois : déjà à la ligne %d", d.Name, names[key].Line)
			ok = false
		default:
			names[key] = col(1)
		}
		switch {
		case d.Academy == "":
			errs.Add(col(2), "académie du département %s manquante : écrivez le nom de son dossier dans content/academies/", d.Code)
			ok = false
		case t.Academy(d.Academy) == nil:
			errs.Add(col(2), "académie inconnue « %s » : aucun dossier content/academies/%s/%s", d.Academy, d.Academy, frenchHint(d.Academy, slugs))
			ok = false
		default:
			covered[d.Academy] = true
		}
		if ok {
			out = append(out, d)
		}
	}
	for _, a := range t.Academies {
		if !covered[a.Slug] && !broken {
			errs.Add(at(1, 1), "l’%s n’a aucun département : ajoutez ses départements (code,nom,%s) pour qu’un parent la trouve", a.Label(), a.Slug)
		}
	}
	return out, errs.Sort()
}

// FoldName is a name as the finder compares it: lowercase, without accents,
// every run of other characters than letters and digits one space:
// "Côte-d'Or" is "cote d or".
func FoldName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if f, ok := accents[r]; ok {
			r = f
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		if r == 'œ' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString("oe")
			continue
		}
		space = true
	}
	return b.String()
}

// accents maps the accented letters of French names to their base letter.
var accents = map[rune]rune{
	'à': 'a', 'â': 'a', 'ä': 'a', 'ç': 'c', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'î': 'i', 'ï': 'i', 'ô': 'o', 'ö': 'o', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ÿ': 'y',
}

func trimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, s := range rec {
		out[i] = strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

// codeHint explains a malformed code.
func codeHint(code string) string {
	up := strings.ToUpper(code)
	switch {
	case up != code && codeRE.MatchString(up):
		return fmt.Sprintf("« %s » : écrivez « %s » en majuscules", code, up)
	case len(code) == 1 && code[0] >= '1' && code[0] <= '9':
		return fmt.Sprintf("« %s » : écrivez « 0%s » (deux chiffres)", code, code)
	case code == "20":
		return "« 20 » : la Corse a deux départements, « 2A » et « 2B »"
	}
	return fmt.Sprintf("« %s » invalide : deux chiffres (« 01 » à « 95 »), « 2A » ou « 2B », ou trois chiffres outre-mer (« 971 »)", code)
}

// frenchHint is diag.Suggest in French: " (vouliez-vous dire « x » ?)".
func frenchHint(word string, known []string) string {
	if s := diag.Suggest(word, known); s != "" {
		return fmt.Sprintf(" (vouliez-vous dire « %s » ?)", s)
	}
	return ""
}

// frenchCSV names a CSV syntax error in French.
func frenchCSV(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return "guillemet au milieu d’un champ"
	case errors.Is(err, csv.ErrQuote):
		return "guillemet non refermé"
	}
	return err.Error()
}
