package directive

// data.go: the data files of an académie's directives.
//
// /academies/<a>/bandeau.json is the urgent directives in force on an
// académie's pages (the ministry's, its région académique's and its own),
// for ENT login pages, the embeddable banner (encart.js) and the push
// after a deploy. The format is versioned like creneaux.json: fields are
// added, never renamed or removed, within a version; its JSON Schema is
// published at /schemas/bandeau-1.json (docs/ent.md).
//
// /academies/<a>/directives.csv is the directives in force that its list
// page shows, one a row, for its staff to open in a spreadsheet.

import (
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// BannerDataVersion is the version of the format of bandeau.json.
const BannerDataVersion = 1

// BannerData is the value of a bandeau.json.
type BannerData struct {
	Schema     string            `json:"$schema"`
	Version    int               `json:"version"`
	Academy    BannerAcademy     `json:"academie"`
	Directives []BannerDirective `json:"directives"`
}

// BannerAcademy names the académie of a bandeau.json.
type BannerAcademy struct {
	ID    string `json:"id"`
	Name  string `json:"nom"`
	Label string `json:"libelle"`
	Page  string `json:"page"`
}

// BannerDirective is one urgent directive in force, newest first.
type BannerDirective struct {
	// ID is the directive's id in the feeds (a tag: URI): it does not
	// change when the directive is edited.
	ID        string       `json:"id"`
	Title     string       `json:"titre"`
	Summary   string       `json:"resume"`
	Issuer    BannerIssuer `json:"emetteur"`
	Published string       `json:"publie"`     // RFC 3339, in the issuer's zone
	Updated   *string      `json:"mis_a_jour"` // RFC 3339; null if never updated
	// Expires is the last day the directive is in force (YYYY-MM-DD, in
	// the issuer's zone): the banner is to be shown until the end of it.
	Expires string `json:"expire_le"`
	URL     string `json:"url"`
}

// BannerIssuer is who published a directive.
type BannerIssuer struct {
	Kind string `json:"type"` // "national", "region", "academie"
	ID   string `json:"id,omitempty"`
	Name string `json:"nom"`
}

// Data returns the data files of the académie ac, whose pages show the
// directives of issuers and whose page is at page: its bandeau.json and
// its directives.csv.
func (s *Set) Data(ac *territory.Academy, issuers []territory.Issuer, page string) []*view.DataFile {
	urls := s.in.URLs
	return []*view.DataFile{
		{URL: urls.BannerData(ac.Slug), Value: s.bannerData(ac, issuers, page)},
		s.keptCSV(urls.CSV(ac.Slug), s.CurrentOf(issuers...)),
	}
}

// keptCSV returns the data file at u of the table of ds (csv): with the
// cache, the last assembly's when its rows are of the same views and the
// site has the same address (the rows end with the directives' absolute
// URLs). A row is a function of its directive and of its view's issuer
// name and URL, which a kept view holds the same.
func (s *Set) keptCSV(u string, ds []*Directive) *view.DataFile {
	c := s.in.Cache
	if c == nil {
		return &view.DataFile{URL: u, Value: s.csv(ds)}
	}
	views, base := s.ViewsOf(ds), s.in.URLs.Abs("/")
	c.mu.Lock()
	m := c.csvs[u]
	c.mu.Unlock()
	if m == nil || m.base != base || !slices.Equal(m.views, views) {
		m = &csvMemo{base: base, views: views, file: &view.DataFile{URL: u, Value: s.csv(ds)}}
	}
	c.mu.Lock()
	c.nextCSVs[u] = m
	c.mu.Unlock()
	return m.file
}

func (s *Set) bannerData(ac *territory.Academy, issuers []territory.Issuer, page string) *BannerData {
	urls := s.in.URLs
	out := &BannerData{
		Schema:  urls.Abs(urls.BannerSchema()),
		Version: BannerDataVersion,
		Academy: BannerAcademy{
			ID:    ac.Slug,
			Name:  ac.Name,
			Label: ac.Label(),
			Page:  urls.Abs(page),
		},
		Directives: []BannerDirective{},
	}
	for _, d := range s.CurrentOf(issuers...) {
		if !d.Urgent {
			continue
		}
		out.Directives = append(out.Directives, s.bannerDirective(d))
	}
	return out
}

func (s *Set) bannerDirective(d *Directive) BannerDirective {
	v := s.views[d]
	b := BannerDirective{
		ID:        s.ID(d),
		Title:     markdown.Plain(d.Title),
		Summary:   markdown.Plain(d.Summary),
		Issuer:    BannerIssuer{Kind: string(d.Issuer.Kind), ID: d.Issuer.Slug, Name: markdown.Plain(v.IssuerName)},
		Published: d.Date.Format(time.RFC3339),
		URL:       s.in.URLs.Abs(v.URL),
	}
	if !d.Updated.IsZero() {
		u := d.Updated.Format(time.RFC3339)
		b.Updated = &u
	}
	if !d.Expires.IsZero() {
		b.Expires = d.Expires.Format(time.DateOnly)
	}
	return b
}

// csv is the table of ds, the directives in force of some issuers, newest
// first, as the list page orders them. Dates are the issuer's local dates,
// YYYY-MM-DD, which spreadsheets read as dates; an empty date is one the
// directive does not give (no end: in force until further notice).
func (s *Set) csv(ds []*Directive) view.CSV {
	out := view.CSV{{"publiée le", "émetteur", "titre", "résumé", "publics", "niveaux", "en vigueur du", "jusqu’au", "urgente", "adresse"}}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	for _, d := range ds {
		v := s.views[d]
		var audiences, levels []string
		for _, a := range d.Audiences {
			if au, ok := vocab.AudienceOf(a); ok {
				audiences = append(audiences, au.Label)
			}
		}
		for _, l := range d.Levels {
			levels = append(levels, vocab.LevelLabel(l))
		}
		if len(levels) == 0 {
			levels = []string{"tous les niveaux"}
		}
		urgent := "non"
		if d.Urgent {
			urgent = "oui"
		}
		out = append(out, []string{
			d.Date.Format(time.DateOnly),
			vocab.Capitalize(markdown.Plain(v.IssuerName)),
			markdown.Plain(d.Title),
			markdown.Plain(d.Summary),
			strings.Join(audiences, ", "),
			strings.Join(levels, ", "),
			day(d.Effective),
			day(d.Expires),
			urgent,
			s.in.URLs.Abs(v.URL),
		})
	}
	return out
}
