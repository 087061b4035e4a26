package site

// bannerdata.go: /academies/<a>/bandeau.json, the urgent directives in
// force on an académie's pages (the ministry's, its région académique's
// and its own), for ENT login pages, the embeddable banner (encart.js) and
// the push after a deploy. The format is versioned like creneaux.json:
// fields are added, never renamed or removed, within a version; its JSON
// Schema is published at /schemas/bandeau-1.json (docs/ent.md).

import (
	"time"

	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/territory"
)

// BannerDataVersion is the version of the format of bandeau.json.
const BannerDataVersion = 1

// BannerDataURL is the bandeau.json of an académie.
func BannerDataURL(academy string) string { return AcademiesURL + academy + "/bandeau.json" }

// BannerSchemaURL is the JSON Schema of bandeau.json.
const BannerSchemaURL = "/schemas/bandeau-1.json"

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

// bannerData is the bandeau.json of the académie ac, whose pages show the
// urgent directives of issuers.
func (a *assembler) bannerData(ac *territory.Academy, issuers []territory.Issuer) *BannerData {
	out := &BannerData{
		Schema:  a.site.Abs(BannerSchemaURL),
		Version: BannerDataVersion,
		Academy: BannerAcademy{
			ID:    ac.Slug,
			Name:  ac.Name,
			Label: ac.Label(),
			Page:  a.site.Abs(AcademyURL(ac.Slug)),
		},
		Directives: []BannerDirective{},
	}
	for _, d := range a.dirs.currentOf(issuers...) {
		if !d.Urgent {
			continue
		}
		out.Directives = append(out.Directives, a.bannerDirective(d))
	}
	return out
}

func (a *assembler) bannerDirective(d *directive.Directive) BannerDirective {
	v := a.dirs.views[d]
	b := BannerDirective{
		ID:        a.directiveID(d),
		Title:     markdown.Plain(d.Title),
		Summary:   markdown.Plain(d.Summary),
		Issuer:    BannerIssuer{Kind: string(d.Issuer.Kind), ID: d.Issuer.Slug, Name: markdown.Plain(v.IssuerName)},
		Published: d.Date.Format(time.RFC3339),
		URL:       a.site.Abs(v.URL),
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
