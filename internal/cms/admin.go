package cms

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
)

// File is one file of the admin folder.
type File struct {
	Path string // slash-separated, relative to the admin folder
	Data []byte
}

// ModelOf reads the content model of a site: its territory and the
// vocabulary of its catalog.
func ModelOf(tree *load.Tree) (Model, diag.List) {
	terr, errs := territory.Decode(tree)
	m := Model{Territory: terr}
	if f := tree.Get(catalog.VocabularyPath); f != nil {
		v, e := catalog.DecodeVocabulary(f)
		errs = append(errs, e...)
		m.Vocabulary = v
	}
	return m, errs
}

// indexHTML is the page that loads the CMS. The script is the site's own
// copy of decap-cms (no third-party request); admin.js registers the
// preview stylesheet, outside the page, so that the page has no inline
// script.
const indexHTML = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Publier sur le site</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>Le formulaire de publication a besoin de JavaScript.</noscript>
<script src="decap-cms.js"></script>
<script src="admin.js"></script>
</body>
</html>
`

const adminJS = `// Written by relais cms: the previews use the site's stylesheet.
CMS.registerPreviewStyle("preview.css");
`

// ErrNoDecap is Admin's error when the folder it is given holds no
// decap-cms.js (the npm package is not installed).
var ErrNoDecap = errors.New("le script de Decap CMS (decap-cms.js) est introuvable : lancez make cms-tools (ou npm ci --prefix tools/cms)")

// Admin returns the files of the admin folder: the page, the generated
// configuration, the preview stylesheet (the site's CSS files of
// assets/css, in name order) and the CMS script and its chunks, copied
// from decap (the dist folder of the npm package decap-cms; source maps
// and the second bundle, cms.js, are left out).
func Admin(m Model, opts Options, tree *load.Tree, decap fs.FS) ([]File, error) {
	cfg, err := Config(m, opts)
	if err != nil {
		return nil, err
	}
	var css strings.Builder
	for _, f := range tree.Under("assets/css") {
		if path.Ext(f.Path) == ".css" {
			fmt.Fprintf(&css, "/* %s */\n%s\n", f.Path, f.Data)
		}
	}
	out := []File{
		{Path: "index.html", Data: []byte(indexHTML)},
		{Path: "config.yml", Data: cfg},
		{Path: "admin.js", Data: []byte(adminJS)},
		{Path: "preview.css", Data: []byte(css.String())},
	}
	names, err := fs.Glob(decap, "*decap-cms.js")
	if err != nil {
		return nil, err
	}
	if !slices.Contains(names, "decap-cms.js") {
		return nil, ErrNoDecap
	}
	for _, n := range names {
		data, err := fs.ReadFile(decap, n)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Path: n, Data: data})
	}
	return out, nil
}

// OptionsOf returns the options of the form a site's cms section
// describes (site.yaml); siteURL is the site's base URL.
func OptionsOf(c *config.CMS, siteURL string) Options {
	o := Options{SiteURL: siteURL, Only: c.Only}
	if c.Backend == Local {
		o.Backend = Backend{Name: Local, LocalPort: c.LocalPort}
		return o
	}
	o.Backend = Backend{Name: c.Backend, Repo: c.Repo, Branch: c.Branch, BaseURL: c.BaseURL, APIRoot: c.APIRoot, AppID: c.AppID, LocalPort: c.LocalPort}
	if c.Backend == "gitlab" {
		o.Backend.AuthType = "pkce"
	}
	return o
}
