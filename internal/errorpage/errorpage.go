// Package errorpage makes the "ENT saturé" page of an académie: one
// self-contained HTML file that an ENT provider installs as its own error
// page for 502, 503 and 504 answers, so that a parent who meets an
// overloaded ENT reads, on the spot, when to come back and what is urgent.
//
// The page is made from the académie's published data, the bytes of its
// creneaux.json and bandeau.json, and the build time; it holds everything
// it shows: its only style is the inline Style, allowed by the hash in its
// own Content-Security-Policy meta tag (and in the site's policy, so that
// the page also opens on the site); it loads nothing, runs no script, and
// reads without JavaScript. Its one outside reference is a link to the
// live pages. It says "non précisé" where the data says nothing; it fits
// MaxGzip.
//
// The package reads JSON and writes bytes; it depends on no other part of
// relais but vocab.
package errorpage

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/vocab"
)

// FileName is the name of the page in an académie's folder.
const FileName = "ent-sature.html"

// MaxGzip is the most the page may weigh, gzip-compressed: one slot
// page's budget, what a phone on a weak connection gets in a few round
// trips.
const MaxGzip = 14 * 1024

// Style is the page's only CSS, inline.
const Style = `body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#fff}` +
	`main{max-width:42rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;line-height:1.2;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}` +
	`h3{font-size:1.05rem;margin:1rem 0 .25rem}.alerte{border-left:.35rem solid #c00;background:#fff2f2;padding:.5rem .75rem;margin:.75rem 0}` +
	`.alerte h3{margin:0}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid #ccc;vertical-align:top}` +
	`a{color:#00519e}.petit,.provenance{font-size:.9rem;color:#444}`

// StyleHash is the CSP source that allows Style: 'sha256-…'.
func StyleHash() string {
	sum := sha256.Sum256([]byte(Style))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// CSP is the page's own Content-Security-Policy: nothing but its style.
func CSP() string {
	return "default-src 'none'; style-src " + StyleHash() + "; base-uri 'none'; form-action 'none'"
}

// The parts of creneaux.json and bandeau.json the page shows.
type slotsData struct {
	Academy struct {
		Label string `json:"libelle"`
		Page  string `json:"page"`
	} `json:"academie"`
	Zone   string `json:"fuseau"`
	Levels []struct {
		Kind    string `json:"etablissement"`
		Level   string `json:"niveau"`
		Label   string `json:"libelle"`
		Periods []struct {
			From      string   `json:"du"`
			To        *string  `json:"au"`
			Days      []string `json:"jours"`
			Suspended bool     `json:"suspendu"`
			Slots     []struct {
				Start string `json:"debut"`
				End   string `json:"fin"`
			} `json:"creneaux"`
		} `json:"periodes"`
	} `json:"niveaux"`
}

type bannerData struct {
	Directives []struct {
		Title   string `json:"titre"`
		Summary string `json:"resume"`
		Issuer  struct {
			Name string `json:"nom"`
		} `json:"emetteur"`
		Expires string `json:"expire_le"`
		URL     string `json:"url"`
	} `json:"directives"`
}

// View is what the page shows.
type View struct {
	Academy string // "académie de Paris"
	Live    string // the académie's page on the site
	// Made is the build's day in the académie's zone, "lundi 23 mars
	// 2020": the day, not the hour, so that the page is the same bytes
	// all day, as the rest of the site (a build's stable span ends at
	// midnight in the zones it reads).
	Made   string
	Urgent []Urgent
	Kinds  []KindView
	Style  template.CSS
	CSP    string
	Site   Site
}

// Urgent is an urgent directive in force.
type Urgent struct {
	Title, Issuer, Summary, Until, URL string
}

// KindView is one kind of school and its levels.
type KindView struct {
	Label  string // "Collège"
	Levels []LevelView
}

// LevelView is one level's slots on the build's day, or the next period.
type LevelView struct {
	Slug  string
	Label string
	Days  string // "du lundi au vendredi"; "" when not stated
	Hours string // "8h – 12h"; "non précisé"
	Note  string // "à partir du 30 mars", "suspendu"
}

// Site is what the page says of the site that publishes it.
type Site struct {
	Official  bool   // an official publication (site.yaml official)
	Publisher string // who publishes it, for an official site
}

// Make returns the view of the académie whose creneaux.json and
// bandeau.json are given, at the build time now.
func Make(creneaux, bandeau []byte, now time.Time, site Site) (*View, error) {
	var s slotsData
	if err := json.Unmarshal(creneaux, &s); err != nil {
		return nil, fmt.Errorf("creneaux.json: %v", err)
	}
	var b bannerData
	if err := json.Unmarshal(bandeau, &b); err != nil {
		return nil, fmt.Errorf("bandeau.json: %v", err)
	}
	loc, err := time.LoadLocation(s.Zone)
	if err != nil {
		loc = time.UTC
	}
	local := now.In(loc)
	v := &View{
		Academy: s.Academy.Label,
		Live:    s.Academy.Page,
		Made:    vocab.FrenchLongDate(local),
		Style:   template.CSS(Style),
		CSP:     CSP(),
		Site:    site,
	}
	for _, d := range b.Directives {
		u := Urgent{Title: d.Title, Issuer: vocab.Capitalize(d.Issuer.Name), Summary: d.Summary, URL: d.URL, Until: "non précisé"}
		if t, err := time.Parse(time.DateOnly, d.Expires); err == nil {
			u.Until = vocab.FrenchDate(t)
		}
		v.Urgent = append(v.Urgent, u)
	}
	today := local.Format(time.DateOnly)
	for _, k := range vocab.Kinds() {
		kv := KindView{Label: vocab.Capitalize(k.Label)}
		for _, l := range s.Levels {
			if l.Kind != k.Slug {
				continue
			}
			lv := LevelView{Slug: l.Level, Label: l.Label, Hours: "non précisé"}
			// The period in force today, or else the next one.
			for _, p := range l.Periods {
				if p.To != nil && *p.To < today {
					continue
				}
				if p.From > today {
					if t, err := time.Parse(time.DateOnly, p.From); err == nil {
						lv.Note = "à partir du " + vocab.FrenchDate(t)
					}
				}
				lv.Days = days(p.Days)
				switch {
				case p.Suspended:
					lv.Hours = "accès suspendu"
				case len(p.Slots) > 0:
					var hs []string
					for _, c := range p.Slots {
						hs = append(hs, clock(c.Start)+" – "+clock(c.End))
					}
					lv.Hours = strings.Join(hs, ", ")
				}
				break
			}
			kv.Levels = append(kv.Levels, lv)
		}
		if len(kv.Levels) > 0 {
			v.Kinds = append(v.Kinds, kv)
		}
	}
	return v, nil
}

// clock writes "08:00" as "8h", "13:30" as "13h30", "24:00" as "minuit".
func clock(hhmm string) string {
	c, err := vocab.ParseClock(hhmm, true)
	if err != nil {
		return hhmm
	}
	if c == 0 || c == 24*60 {
		return "minuit"
	}
	return c.French()
}

// days writes a list of day words: "du lundi au vendredi" for a run of
// consecutive days, "lundi, mardi et jeudi" otherwise.
func days(ds []string) string {
	if len(ds) == 0 {
		return ""
	}
	ws := vocab.Weekdays()
	idx := make([]int, 0, len(ds))
	for _, d := range ds {
		for i, w := range ws {
			if w.Slug == d {
				idx = append(idx, i)
			}
		}
	}
	if len(idx) == 7 {
		return "tous les jours"
	}
	run := len(idx) > 2
	for i := 1; i < len(idx); i++ {
		run = run && idx[i] == idx[i-1]+1
	}
	if run {
		return "du " + ws[idx[0]].Label + " au " + ws[idx[len(idx)-1]].Label
	}
	names := make([]string, len(idx))
	for i, j := range idx {
		names[i] = ws[j].Label
	}
	if len(names) == 1 {
		return "le " + names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " et " + names[len(names)-1]
}

var page = template.Must(template.New("ent-sature").Parse(`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="robots" content="noindex">
<title>L’ENT est très sollicité — {{.Academy}}</title>
<style>{{.Style}}</style>
</head>
<body>
<main>
{{- if .Site.Official}}
<p class=provenance>Site officiel de {{.Site.Publisher}}</p>
{{- else}}
<p class=provenance><strong>Site non officiel</strong> : chaque consigne y est donnée avec sa source.</p>
{{- end}}
<h1>L’ENT est très sollicité</h1>
<p>Trop de personnes se connectent en même temps : l’ENT ne peut pas vous répondre pour le moment. Réessayez dans quelques minutes, ou à l’heure du créneau de votre enfant ci-dessous : en dehors des heures de pointe, l’ENT répond plus vite.</p>
{{- if .Urgent}}
<h2>Consignes urgentes</h2>
{{- range .Urgent}}
<div class="alerte">
<h3>{{.Title}}</h3>
<p class="petit">{{.Issuer}}, jusqu’au {{.Until}}</p>
{{- if .Summary}}
<p>{{.Summary}}</p>
{{- end}}
<p><a href="{{.URL}}" rel="noopener">Lire la consigne</a></p>
</div>
{{- end}}
{{- end}}
<h2>Créneaux de connexion, {{.Academy}}</h2>
{{- range .Kinds}}
<h3>{{.Label}}</h3>
<table>
<tr><th scope="col">Niveau</th><th scope="col">Jours</th><th scope="col">Heures</th></tr>
{{- range .Levels}}
<tr><td>{{.Label}}</td><td>{{if .Days}}{{.Days}}{{else}}non précisé{{end}}</td><td>{{.Hours}}{{if .Note}} ({{.Note}}){{end}}</td></tr>
{{- end}}
</table>
{{- else}}
<p>Aucun créneau n’est publié pour l’{{.Academy}} : non précisé.</p>
{{- end}}
<p class="petit">Page faite le {{.Made}}, avec les horaires de ce jour. Les horaires peuvent avoir changé depuis : les créneaux à jour et toutes les consignes sont sur <a href="{{.Live}}" rel="noopener">{{.Live}}</a>.</p>
</main>
</body>
</html>
`))

// Page renders the view.
func Page(v *View) ([]byte, error) {
	var b bytes.Buffer
	if err := page.Execute(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
