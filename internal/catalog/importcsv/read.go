package importcsv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/relais-ecoles/relais/internal/diag"
)

// table is a CSV file read: its header and rows, each cell with the row
// and column a spreadsheet shows it at.
type table struct {
	name   string
	sep    rune
	header []string // as written, trimmed
	rows   []row
}

// row is one line of data.
type row struct {
	n     int      // the row number in the spreadsheet (the header is 1)
	cells []string // as written; missing trailing cells are ""
}

// pos is the position of a cell: the file, the spreadsheet row, the column
// number (A = 1).
func (t *table) pos(r, col int) diag.Pos { return diag.Pos{File: t.name, Line: r, Col: col} }

var bomUTF8 = []byte{0xEF, 0xBB, 0xBF}

// readTable decodes data as a spreadsheet's CSV export: UTF-8 with or
// without a byte-order mark, comma, semicolon or tab separated (found on the
// first line), CRLF or LF line endings, quoted cells that may hold line
// breaks and separators, an optional first line "sep=;" (Excel writes it).
func readTable(name string, data []byte) (*table, diag.List) {
	var errs diag.List
	t := &table{name: name}
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		errs.Add(diag.Pos{File: name, Line: 1, Col: 1}, "le fichier est en UTF-16 (« Texte Unicode ») : enregistrez-le au format CSV UTF-8 (Excel : « CSV UTF-8 (délimité par des virgules) » ; LibreOffice : « Texte CSV », jeu de caractères « Unicode (UTF-8) »)")
		return nil, errs
	}
	data = bytes.TrimPrefix(data, bomUTF8)
	if !utf8.Valid(data) {
		line, col := invalidUTF8(data)
		errs.Add(diag.Pos{File: name, Line: line, Col: col}, "le fichier n'est pas en UTF-8 (sans doute en Windows-1252, l'ancien format d'Excel) : enregistrez-le au format CSV UTF-8 (Excel : « CSV UTF-8 (délimité par des virgules) » ; LibreOffice : « Texte CSV », jeu de caractères « Unicode (UTF-8) »)")
		return nil, errs
	}
	rowBase := 0 // rows before the header that a spreadsheet does not show
	if first, rest, ok := bytes.Cut(data, []byte("\n")); ok || len(first) > 0 {
		f := strings.TrimSpace(string(first))
		if sep, found := strings.CutPrefix(strings.ToLower(f), "sep="); found && utf8.RuneCountInString(sep) == 1 {
			t.sep, _ = utf8.DecodeRuneInString(sep)
			data = rest
			rowBase = 1
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		errs.Add(diag.Pos{File: name, Line: 1, Col: 1}, "fichier vide : la première ligne nomme les colonnes (titre, diffuseur, médias…), puis un programme par ligne")
		return nil, errs
	}
	if t.sep == 0 {
		t.sep = separator(data)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = t.sep
	r.FieldsPerRecord = -1
	prevEnd, prevRow := 0, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, parseError(name, err, rowBase))
			return nil, errs
		}
		start, _ := r.FieldPos(0)
		last, _ := r.FieldPos(len(rec) - 1)
		// encoding/csv skips blank lines, which a spreadsheet shows as
		// empty rows: count them so that row numbers are the spreadsheet's.
		n := prevRow + 1 + max(0, start-prevEnd-1)
		prevRow = n
		prevEnd = last + strings.Count(rec[len(rec)-1], "\n")
		if t.header == nil {
			t.header = make([]string, len(rec))
			for i, h := range rec {
				t.header[i] = strings.TrimSpace(h)
			}
			continue
		}
		if blank(rec) {
			continue
		}
		cells := make([]string, max(len(rec), len(t.header)))
		copy(cells, rec)
		t.rows = append(t.rows, row{n: n, cells: cells})
	}
	return t, errs
}

// separator finds the separator of the first line: the most frequent of
// ";", "," and tab outside quotes; "," when the line has none.
func separator(data []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range data {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' {
			break
		}
		counts[c]++
	}
	best, n := byte(','), 0
	for _, c := range []byte{';', ',', '\t'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return rune(best)
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// invalidUTF8 returns the line and column of the first byte that is not
// UTF-8.
func invalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

// parseError says in French what encoding/csv found wrong.
func parseError(name string, err error, rowBase int) *diag.Error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return diag.Errorf(diag.Pos{File: name}, "lecture impossible : %v", err)
	}
	pos := diag.Pos{File: name, Line: pe.Line + rowBase, Col: pe.Column}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return diag.Errorf(pos, "guillemet « \" » au milieu d'une cellule qui ne commence pas par un guillemet : entourez la cellule de guillemets et doublez celui du texte (\"Le \"\"Petit\"\" Quotidien\"), ou laissez le tableur enregistrer le fichier")
	case errors.Is(pe.Err, csv.ErrQuote):
		if pe.StartLine != pe.Line {
			pos.Line = pe.StartLine + rowBase
			pos.Col = 0
			return diag.Errorf(pos, "une cellule ouverte par un guillemet « \" » à cette ligne n'est jamais fermée : ajoutez le guillemet qui la ferme (un guillemet du texte s'écrit doublé, \"\")")
		}
		return diag.Errorf(pos, "guillemet « \" » mal placé : une cellule entre guillemets doit finir par un guillemet suivi du séparateur ou de la fin de ligne (un guillemet du texte s'écrit doublé, \"\")")
	}
	return diag.Errorf(pos, "ligne illisible : %v", pe.Err)
}

// letter names a column the way spreadsheets do: 1 is A, 27 is AA.
func letter(col int) string {
	s := ""
	for col > 0 {
		col--
		s = string(rune('A'+col%26)) + s
		col /= 26
	}
	return s
}

// cellPrefix introduces a message about a cell: "colonne C (niveaux) : ".
func cellPrefix(col int, header string) string {
	return fmt.Sprintf("colonne %s (%s) : ", letter(col), header)
}
