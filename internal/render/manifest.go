package render

import (
	"bytes"
	"encoding/json"

	"github.com/relais-ecoles/relais/internal/asset"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/site"
)

// ManifestIcons are the icons every web app manifest names, by asset name:
// two sizes for the launchers, one "maskable" (the mark inside the safe
// zone, for the round and squircle masks of Android), and the SVG.
var ManifestIcons = []struct{ Name, Sizes, Type, Purpose string }{
	{"img/icone-192.png", "192x192", "image/png", "any"},
	{"img/icone-512.png", "512x512", "image/png", "any"},
	{"img/icone-masquable-512.png", "512x512", "image/png", "maskable"},
	{"img/favicon.svg", "any", "image/svg+xml", "any"},
}

// manifestJSON is the shape of a web app manifest.
type manifestJSON struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Description     string         `json:"description,omitempty"`
	Lang            string         `json:"lang"`
	Dir             string         `json:"dir"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	ThemeColor      string         `json:"theme_color"`
	BackgroundColor string         `json:"background_color"`
	Icons           []manifestIcon `json:"icons"`
}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
}

// Manifests renders the web app manifests of s, their icons taken from
// set. An icon missing from assets/ is left out.
func Manifests(s *site.Site, set *asset.Set) ([]Output, error) {
	var icons []manifestIcon
	for _, ic := range ManifestIcons {
		if a, ok := set.Get(ic.Name); ok {
			icons = append(icons, manifestIcon{Src: a.URL, Sizes: ic.Sizes, Type: ic.Type, Purpose: ic.Purpose})
		}
	}
	out := make([]Output, 0, len(s.Manifests))
	for _, m := range s.Manifests {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		err := enc.Encode(manifestJSON{
			ID:              m.StartURL,
			Name:            m.Name,
			ShortName:       m.ShortName,
			Description:     m.Description,
			Lang:            "fr",
			Dir:             "ltr",
			StartURL:        m.StartURL,
			Scope:           site.HomeURL,
			Display:         "minimal-ui",
			ThemeColor:      "#0a4f8f",
			BackgroundColor: "#ffffff",
			Icons:           icons,
		})
		if err != nil {
			return nil, err
		}
		out = append(out, Output{Path: hosting.FilePath(m.URL), Data: buf.Bytes()})
	}
	return out, nil
}
