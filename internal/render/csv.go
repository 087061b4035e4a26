package render

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/relais-ecoles/relais/internal/view"
)

// encodeCSV writes a table (view.CSV) for French spreadsheets: UTF-8 with a
// byte-order mark, without which Excel reads the accents as Windows-1252;
// fields separated by ';', which Excel and LibreOffice expect in a French
// locale, where ',' is the decimal separator; lines ended by CRLF (RFC
// 4180); a field quoted when it holds ';', '"' or a line break.
func encodeCSV(w io.Writer, v any) error {
	rows, ok := v.(view.CSV)
	if !ok {
		return fmt.Errorf("a CSV file needs a view.CSV, not %T", v)
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}
