// Package errorpage makes the "ENT saturé" pages: one self-contained HTML
// file that an ENT provider installs as its own error page for 502, 503
// and 504 answers, so that a parent who meets an overloaded ENT reads, on
// the spot, when to come back and what is urgent. There is one for each
// académie, and one for each collectivité that runs an ENT (a Région for
// its lycées, a Département for its collèges), which shows only the kinds
// of school that ENT serves, in the académies (and départements) it
// covers.
//
// A page is made from the published data of the académies it covers, the
// bytes of their creneaux.json (version 2) and bandeau.json, a Scope that
// says whose ENT it stands in for, and the build time; it holds everything
// it shows: its only style is the inline Style, allowed by the hash in its
// own Content-Security-Policy meta tag (and in the site's policy, so that
// the page also opens on the site); it loads nothing, runs no script, and
// reads without JavaScript. Its only outside references are links to the
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
	"slices"
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

// The parts of creneaux.json (version 2) and bandeau.json the page shows.
type slotsData struct {
	Academy struct {
		Label string `json:"libelle"`
		Page  string `json:"page"`
	} `json:"academie"`
	Zone   string      `json:"fuseau"`
	Levels []levelData `json:"niveaux"`
}

type levelData struct {
	Kind string `json:"etablissement"`
	// Departement is the code of the département where a Département's
	// rule makes the level's slots differ from the académie's, or "".
	Departement *string      `json:"departement"`
	Level       string       `json:"niveau"`
	Label       string       `json:"libelle"`
	Periods     []periodData `json:"periodes"`
}

type periodData struct {
	From      string     `json:"du"`
	To        *string    `json:"au"`
	Days      []string   `json:"jours"`
	Suspended bool       `json:"suspendu"`
	Slots     []slotData `json:"creneaux"`
	Parents   *struct {
		Slots   []slotData `json:"creneaux"`
		Outside *string    `json:"hors_creneaux"`
	} `json:"parents"`
}

// slotData is a slot; a null start or end is one the source does not
// give ("avant 8h30", "à partir de 20h").
type slotData struct {
	Start *string `json:"debut"`
	End   *string `json:"fin"`
	Free  bool    `json:"acces_libre"`
}

type bannerData struct {
	Directives []struct {
		Title   string `json:"titre"`
		Summary string `json:"resume"`
		Issuer  struct {
			Name string `json:"nom"`
		} `json:"emetteur"`
		Published string `json:"publie"`
		Expires   string `json:"expire_le"`
		URL       string `json:"url"`
	} `json:"directives"`
}

// Scope is whose ENT a page stands in for and which of the académies'
// slots it shows. The zero Scope is an académie's page: every kind of
// school, its name and its page from its creneaux.json.
type Scope struct {
	// Name is who runs the ENT, as the page names it: "Région
	// Île-de-France"; "" for the académie's label.
	Name string
	// By is Name with its article: "la Région Île-de-France".
	By string
	// ENT is the name of the ENT ("monlycée.net"), or "".
	ENT string
	// Serves names the kinds of school the ENT serves, "lycées et lycées
	// professionnels"; "" for an académie's page.
	Serves string
	// Live is the address of the live pages; "" for the académie's page.
	Live string
	// Kinds are the kinds of school the ENT serves, in the order shown;
	// nil for every kind.
	Kinds []string
	// Departements are the codes of a Département's territory: the page
	// shows the slots that hold there (the département's where a
	// Département's rule makes them differ, else the académie's). Nil: the
	// académie's slots, then each département's that differ, named.
	Departements []string
	// DepartementNames names départements by code ("23": "Creuse").
	DepartementNames map[string]string
}

// Source is the published data of one académie the page covers.
type Source struct {
	Creneaux, Bandeau []byte
}

// View is what the page shows.
type View struct {
	// Title is who runs the ENT: "académie de Paris", "Région
	// Île-de-France".
	Title string
	// Collectivite says that the page is a collectivité's: its ENT and
	// the académies it covers are named.
	Collectivite bool
	By           string // "la Région Île-de-France"
	ENT          string
	Serves       string // "lycées et lycées professionnels"
	Live         string // the live pages on the site
	// Made is the build's day in the zone of the first académie, "lundi
	// 23 mars 2020": the day, not the hour, so that the page is the same
	// bytes all day, as the rest of the site (a build's stable span ends
	// at midnight in the zones it reads).
	Made     string
	Urgent   []Urgent
	Sections []Section
	Style    template.CSS
	CSP      string
	Site     Site
}

// Section is the slots of one académie, or of several whose slots are
// the same for the kinds shown.
type Section struct {
	Heading string // "Créneaux de connexion, académies de Bordeaux, de Limoges et de Poitiers"
	// Pages are the live pages of the académies of the section.
	Pages []Link
	Kinds []KindView
}

// Link is a labelled address.
type Link struct {
	URL, Label string
}

// Urgent is an urgent directive in force.
type Urgent struct {
	Title, Issuer, Summary, Until, URL string
	published                          string
}

// KindView is one kind of school and its levels.
type KindView struct {
	Label   string // "Collège", "Collège — Creuse (23)"
	Parents bool   // some level says something of the parents' hours
	Levels  []LevelView
}

// LevelView is one level's slots on the build's day, or the next period.
type LevelView struct {
	Slug    string
	Label   string
	Days    string // "du lundi au vendredi"; "" when not stated
	Hours   string // "8h – 12h", "à partir de 20h (accès libre)"; "non précisé"
	Parents string // the parents' hours; "non précisé"
	Note    string // "à partir du 30 mars"
}

// Site is what the page says of the site that publishes it.
type Site struct {
	Official  bool   // an official publication (site.yaml official)
	Publisher string // who publishes it, for an official site
}

// Make returns the view of the page of scope over the académies whose
// data srcs are, at the build time now.
func Make(sc Scope, srcs []Source, now time.Time, site Site) (*View, error) {
	if len(srcs) == 0 {
		return nil, fmt.Errorf("no académie's data")
	}
	v := &View{Title: sc.Name, Collectivite: sc.Name != "", By: sc.By, ENT: sc.ENT, Serves: sc.Serves, Live: sc.Live, Style: template.CSS(Style), CSP: CSP(), Site: site}
	seen := map[string]bool{}
	var keys []string
	for i, src := range srcs {
		var s slotsData
		if err := json.Unmarshal(src.Creneaux, &s); err != nil {
			return nil, fmt.Errorf("creneaux.json: %v", err)
		}
		var b bannerData
		if err := json.Unmarshal(src.Bandeau, &b); err != nil {
			return nil, fmt.Errorf("bandeau.json: %v", err)
		}
		loc, err := time.LoadLocation(s.Zone)
		if err != nil {
			loc = time.UTC
		}
		local := now.In(loc)
		if i == 0 {
			v.Made = vocab.FrenchLongDate(local)
			if v.Title == "" {
				v.Title = s.Academy.Label
			}
			if v.Live == "" {
				v.Live = s.Academy.Page
			}
		}
		for _, d := range b.Directives {
			if seen[d.URL] {
				continue
			}
			seen[d.URL] = true
			u := Urgent{Title: d.Title, Issuer: vocab.Capitalize(d.Issuer.Name), Summary: d.Summary, URL: d.URL, Until: "non précisé", published: d.Published}
			if t, err := time.Parse(time.DateOnly, d.Expires); err == nil {
				u.Until = vocab.FrenchDate(t)
			}
			v.Urgent = append(v.Urgent, u)
		}
		sec := Section{Kinds: kindViews(s.Levels, sc, local.Format(time.DateOnly))}
		if v.Collectivite {
			sec.Pages = []Link{{URL: s.Academy.Page, Label: s.Academy.Label}}
		}
		// Académies whose slots are the same for the kinds shown share
		// one section.
		key := fmt.Sprint(sec.Kinds)
		if j := slices.Index(keys, key); j >= 0 {
			v.Sections[j].Pages = append(v.Sections[j].Pages, sec.Pages...)
			continue
		}
		keys = append(keys, key)
		v.Sections = append(v.Sections, sec)
	}
	// Newest first across the académies, as each bandeau.json is.
	slices.SortStableFunc(v.Urgent, func(a, b Urgent) int { return strings.Compare(b.published, a.published) })
	for i := range v.Sections {
		v.Sections[i].Heading = heading(v, v.Sections[i], sc)
	}
	return v, nil
}

// heading is the heading of section sec of v.
func heading(v *View, sec Section, sc Scope) string {
	h := "Créneaux de connexion, " + v.Title
	if !v.Collectivite {
		return h
	}
	var names []string
	for _, p := range sec.Pages {
		names = append(names, p.Label)
	}
	switch {
	case len(names) == 1:
		h = "Créneaux de connexion, " + names[0]
	case len(names) > 1:
		for i, n := range names {
			names[i] = strings.TrimPrefix(n, "académie ")
		}
		h = "Créneaux de connexion, académies " + strings.Join(names[:len(names)-1], ", ") + " et " + names[len(names)-1]
	}
	for _, d := range sc.Departements {
		h += ", " + departementName(sc, d)
	}
	return h
}

// departementName is "Creuse (23)", or "département 23" unnamed.
func departementName(sc Scope, code string) string {
	if n := sc.DepartementNames[code]; n != "" {
		return n + " (" + code + ")"
	}
	return "département " + code
}

// kindViews are the kinds of school of scope in levels, each with its
// levels' slots on the civil day today.
func kindViews(levels []levelData, sc Scope, today string) []KindView {
	kinds := vocab.Kinds()
	if sc.Kinds != nil {
		kinds = nil
		for _, s := range sc.Kinds {
			if k, ok := vocab.KindOf(s); ok {
				kinds = append(kinds, k)
			}
		}
	}
	var out []KindView
	for _, k := range kinds {
		// The places the data gives for the kind: "" for the whole
		// académie, then each département where the slots differ.
		var places []string
		for _, l := range levels {
			if l.Kind == k.Slug && !slices.Contains(places, place(l)) {
				places = append(places, place(l))
			}
		}
		slices.Sort(places)
		if sc.Departements != nil {
			// A Département's territory: its own rows, else the
			// académie's.
			var own []string
			for _, p := range places {
				if slices.Contains(sc.Departements, p) {
					own = append(own, p)
				}
			}
			places = own
			if len(places) == 0 {
				places = []string{""}
			}
		}
		for _, p := range places {
			kv := KindView{Label: vocab.Capitalize(k.Label)}
			if p != "" && sc.Departements == nil {
				kv.Label += " — " + departementName(sc, p)
			}
			for _, l := range levels {
				if l.Kind != k.Slug || place(l) != p {
					continue
				}
				lv := levelView(l, today)
				kv.Parents = kv.Parents || lv.Parents != "non précisé"
				kv.Levels = append(kv.Levels, lv)
			}
			if len(kv.Levels) > 0 {
				out = append(out, kv)
			}
		}
	}
	return out
}

func place(l levelData) string {
	if l.Departement == nil {
		return ""
	}
	return *l.Departement
}

// levelView is the level's slots in the period in force on today, or
// else the next one.
func levelView(l levelData, today string) LevelView {
	lv := LevelView{Slug: l.Level, Label: l.Label, Hours: "non précisé", Parents: "non précisé"}
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
			lv.Hours = hours(p.Slots)
		}
		if pa := p.Parents; pa != nil {
			switch {
			case len(pa.Slots) > 0:
				lv.Parents = hours(pa.Slots)
			case pa.Outside != nil && *pa.Outside == "suspendu":
				lv.Parents = "accès suspendu"
			case pa.Outside != nil && *pa.Outside == "libre":
				lv.Parents = "accès libre"
			case pa.Outside != nil && *pa.Outside == "a-eviter":
				lv.Parents = "à éviter"
			}
		}
		break
	}
	return lv
}

// hours writes slots: "8h – 11h, à partir de 20h (accès libre)".
func hours(slots []slotData) string {
	hs := make([]string, len(slots))
	for i, c := range slots {
		var h string
		switch {
		case c.Start != nil && c.End != nil:
			h = clock(*c.Start) + " – " + clock(*c.End)
		case c.Start != nil:
			h = "à partir de " + clock(*c.Start)
		case c.End != nil:
			h = "avant " + clock(*c.End)
		default:
			h = "toute la journée"
		}
		if c.Free {
			h += " (accès libre)"
		}
		hs[i] = h
	}
	return strings.Join(hs, ", ")
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
<title>L’ENT est très sollicité — {{.Title}}</title>
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
{{- if .Collectivite}}
<p class="petit">{{if .ENT}}{{.ENT}}, l’ENT{{else}}L’ENT{{end}}{{with .Serves}} des {{.}}{{end}} géré par {{.By}}.</p>
{{- end}}
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
{{- range .Sections}}
<h2>{{.Heading}}</h2>
{{- range .Kinds}}
<h3>{{.Label}}</h3>
<table>
<tr><th scope="col">Niveau</th><th scope="col">Jours</th><th scope="col">Élèves</th>{{if .Parents}}<th scope="col">Parents</th>{{end}}</tr>
{{- $parents := .Parents}}
{{- range .Levels}}
<tr><td>{{.Label}}</td><td>{{if .Days}}{{.Days}}{{else}}non précisé{{end}}</td><td>{{.Hours}}{{if .Note}} ({{.Note}}){{end}}</td>{{if $parents}}<td>{{.Parents}}</td>{{end}}</tr>
{{- end}}
</table>
{{- else}}
<p>Aucun créneau n’est publié : non précisé.</p>
{{- end}}
{{- with .Pages}}
<p class="petit">Pages à jour : {{range $i, $p := .}}{{if $i}}, {{end}}<a href="{{$p.URL}}" rel="noopener">{{$p.Label}}</a>{{end}}.</p>
{{- end}}
{{- end}}
<p class="petit">Page faite le {{.Made}}, avec les horaires de ce jour. Les horaires peuvent avoir changé depuis : les créneaux à jour et toutes les consignes sont sur <a href="{{.Live}}" rel="noopener">{{.Live}}</a>.</p>
</main>
</body>
</html>
`))

// Page renders the view.
func Page(v *View) ([]byte, error) { return execute(page, v) }

// execute runs a template of the package with data into a new buffer.
func execute(t *template.Template, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
