package render

import (
	"embed"
	"path"
	"strings"

	"github.com/relais-ecoles/relais/internal/site"
)

// SchemasDir is the folder of the JSON Schemas of the site's JSON formats.
// Each data file names its schema in "$schema"; a schema's name carries
// the major version of its format (bandeau-1.json), so a new version is a
// new file and the old one stays.
const SchemasDir = "/schemas/"

//go:embed schemas/*.json
var schemaFS embed.FS

// Schemas renders the JSON Schemas (draft 2020-12) under /schemas/, each
// with its absolute $id on the site.
func Schemas(s *site.Site) []Output {
	entries, _ := schemaFS.ReadDir("schemas")
	out := make([]Output, 0, len(entries))
	for _, e := range entries {
		data, _ := schemaFS.ReadFile(path.Join("schemas", e.Name()))
		data = []byte(strings.ReplaceAll(string(data), "@BASE@", s.Config.BaseURL))
		out = append(out, Output{Path: strings.TrimPrefix(SchemasDir, "/") + e.Name(), Data: data})
	}
	return out
}
