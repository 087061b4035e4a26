package errorpage

import (
	"html/template"
)

// EmbedDir is the folder of the pages ENT login pages frame (docs/ent.md):
// /encart/<académie>/<niveau>/, the banner without JavaScript. They are
// the only pages of the site another site may frame (hosting).
const EmbedDir = "/encart/"

// EmbedView is the framed page of one level of an académie: its urgent
// directives and its slots, as of the build's day.
type EmbedView struct {
	*View
	Level string // the level's label
	Rows  []EmbedRow
}

// EmbedRow is the level's slots in one kind of school.
type EmbedRow struct {
	Kind string
	LevelView
}

// Embeds returns the framed page of each level of the view, by level slug,
// in the order of the page.
func (v *View) Embeds() ([]string, map[string]*EmbedView) {
	var order []string
	out := map[string]*EmbedView{}
	for _, sec := range v.Sections {
		for _, k := range sec.Kinds {
			for _, l := range k.Levels {
				e := out[l.Slug]
				if e == nil {
					e = &EmbedView{View: v, Level: l.Label}
					out[l.Slug] = e
					order = append(order, l.Slug)
				}
				e.Rows = append(e.Rows, EmbedRow{Kind: k.Label, LevelView: l})
			}
		}
	}
	return order, out
}

var embedPage = template.Must(template.New("encart").Parse(`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Connexion à l’ENT : {{.Level}}, {{.Title}}</title>
<style>{{.Style}}</style>
</head>
<body>
<main>
{{- range .Urgent}}
<p class="alerte"><strong>Urgent :</strong> <a href="{{.URL}}" target="_blank" rel="noopener">{{.Title}}</a> <span class="petit">({{.Issuer}}, jusqu’au {{.Until}})</span></p>
{{- end}}
{{- range .Rows}}
<p><strong>{{$.Level}}{{if gt (len $.Rows) 1}} ({{.Kind}}){{end}} :</strong> {{if .Days}}{{.Days}}{{else}}jours non précisés{{end}}, {{.Hours}}{{if .Note}} ({{.Note}}){{end}}.</p>
{{- end}}
<p class="petit">Horaires du {{.Made}}. <a href="{{.Live}}" target="_blank" rel="noopener">Horaires à jour et consignes</a></p>
{{- if .Site.Official}}
<p class=provenance>Site officiel de {{.Site.Publisher}}</p>
{{- else}}
<p class=provenance><strong>Site non officiel</strong> : chaque consigne y est donnée avec sa source.</p>
{{- end}}
</main>
</body>
</html>
`))

// EmbedPage renders a framed page.
func EmbedPage(e *EmbedView) ([]byte, error) { return execute(embedPage, e) }
