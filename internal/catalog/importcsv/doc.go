// Package importcsv turns a spreadsheet of programmes into the catalog's
// files: `relais import programmes FICHIER.csv`.
//
// # The file
//
// A CSV file as LibreOffice and Excel export it: UTF-8 with or without a
// byte-order mark (a file in Windows-1252 or UTF-16 is refused with the
// format to choose), separated by commas, semicolons or tabs (the first
// line's own separator is taken; Excel's "sep=;" first line is honoured),
// CRLF or LF line endings, cells in double quotes that may hold separators
// and line breaks. Blank rows are skipped.
//
// The first row names the columns, in French, in any order (accents and case
// do not matter; the front-matter field's own name is accepted too). The
// columns and what each cell holds are in columns.go (Help prints them):
// titre, diffuseur and médias are required; a column left out of the file
// leaves that field of an existing programme as its file has it, while an
// empty cell in a column that is there removes the field.
//
// Cells are read the way people type them: vocabulary words by slug, label
// or alias (France Télévisions, maths, télé), levels as levels, cycles or
// stages (6e, CM1, cycle 3, collège), dates 2020-03-23 or 23/03/2020, slots
// "lun-ven 14:00-15:00" or "mer 9h-10h (cp, ce1)", one a line of the cell.
//
// # Errors
//
// Every error is at file:row:column, the row and column a spreadsheet
// shows (the header is row 1, column A is 1), in French, with the column's
// letter and header, and the fix: the nearest valid word, the format to
// write. The rendered programmes are then decoded by the catalog itself, and
// the whole catalog as it would be is decoded again, so that the import
// accepts exactly what `relais check` accepts; those errors are placed on the
// cells their fields come from.
//
// # Files
//
// One file a row, content/programmes/<slug>.md, the slug from the slug
// column or from the title (vocab.Slugify, at most 60 characters): the same
// title gives the same file at every import. A programme whose decoded
// content is what the row gives is left alone, its bytes untouched, however
// its file is written; a changed one is rewritten with its fields in
// catalog.ProgrammeKeys order, keeping the comments above kept fields and its
// text when the file has no texte column. Programmes the file does not list
// are kept unless Options.Delete.
//
// Import is pure: it reads the spreadsheet's bytes and the site's tree, and
// returns a Plan (or every error, and no plan); the command writes the plan.
package importcsv
