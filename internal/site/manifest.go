package site

import "github.com/relais-ecoles/relais/internal/view"

// manifest.go: the web app manifests, so that a parent can put the site,
// or the page of their child's level, on the home screen of a phone: one
// for the site (start_url "/"), one in the folder of each level page
// (start_url the level page), which that page links to.

// ManifestURL is the site's web app manifest.
const ManifestURL = view.SiteManifestURL

// LevelManifestURL is the manifest of a level page, in its folder.
func LevelManifestURL(academy, level string) string {
	return LevelURL(academy, level) + "manifest.webmanifest"
}

// Manifest is a web app manifest; render adds the icons, which are assets.
type Manifest struct {
	URL         string
	Name        string // "Créneaux de 4e – académie de Paris"
	ShortName   string // "4e Paris", under the icon
	Description string
	StartURL    string
}

// addManifests adds the site's manifest and one per level page (whose
// page links to it, timetables.go). It runs once every page is added.
func (a *assembler) addManifests() {
	cfg := a.site.Config
	a.site.Manifests = append(a.site.Manifests, &Manifest{
		URL:         ManifestURL,
		Name:        cfg.Title,
		ShortName:   cfg.Title,
		Description: cfg.Description,
		StartURL:    HomeURL,
	})
	for _, p := range a.site.Pages {
		v, ok := p.Data.(*LevelPage)
		if !ok || p.Manifest == "" {
			continue
		}
		a.site.Manifests = append(a.site.Manifests, &Manifest{
			URL:         p.Manifest,
			Name:        p.Title,
			ShortName:   v.Level.Label + " " + v.Academy.Name,
			Description: p.Description,
			StartURL:    p.URL,
		})
	}
}
