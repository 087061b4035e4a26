// Package asset turns the CSS and JavaScript sources of assets/ into
// minified files with content-hashed names, and gives the layouts the map
// from a source name ("css/site.css") to its published URL
// ("/assets/css/site.3f9a0c2e1b.css"). A hashed name never changes meaning,
// so hosts serve it as immutable.
//
// One asset keeps its name: the service worker, assets/sw.js, published as
// /sw.js. A service worker controls the pages of its own folder and below,
// so it must sit at the root, and the browser looks for a new version at
// the address it registered: that address must not change (hosting serves
// it with Cache-Control: no-cache).
package asset

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
)

// Dir is the URL folder assets are published in.
const Dir = "/assets/"

// ServiceWorker is the source name of the service worker, published
// minified at ServiceWorkerURL, without a hash.
const ServiceWorker = "sw.js"

// ServiceWorkerURL is the address of the service worker.
const ServiceWorkerURL = "/sw.js"

// Asset is one published asset.
type Asset struct {
	Name string // source path under assets/, such as "css/site.css"
	URL  string // published URL with the content hash
	Data []byte // minified bytes
	// Integrity is the SHA-384 subresource-integrity value of Data.
	Integrity string
}

// Set is the assets of a build.
type Set struct {
	byName map[string]*Asset
	list   []*Asset
}

// Get returns the asset built from assets/<name>.
func (s *Set) Get(name string) (*Asset, bool) {
	a, ok := s.byName[name]
	return a, ok
}

// URL returns the published URL of an asset, or an error naming the known
// ones; the layouts call it as {{asset "css/site.css"}}.
func (s *Set) URL(name string) (string, error) {
	a, ok := s.byName[name]
	if !ok {
		names := make([]string, 0, len(s.list))
		for _, a := range s.list {
			names = append(names, a.Name)
		}
		return "", fmt.Errorf("no asset %q in assets/%s", name, diag.DidYouMean(name, names))
	}
	return a.URL, nil
}

// All returns every asset, sorted by name.
func (s *Set) All() []*Asset { return s.list }

// NewMinifier returns the minifier of a build for CSS, JS and SVG.
func NewMinifier() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return m
}

var mediaTypes = map[string]string{
	".css": "text/css",
	".js":  "text/javascript",
	".svg": "image/svg+xml",
}

// Build minifies and fingerprints every file under assets/. Files of other
// kinds (images, icons) are published as they are, fingerprinted too.
func Build(tree *load.Tree, m *minify.M) (*Set, diag.List) {
	var errs diag.List
	s := &Set{byName: map[string]*Asset{}}
	for _, f := range tree.Under("assets") {
		name := strings.TrimPrefix(f.Path, "assets/")
		ext := path.Ext(name)
		data := f.Data
		if mt, ok := mediaTypes[ext]; ok {
			// The JS minifier renames variables in the buffer it is given:
			// give it a copy, so that the site file stays as it was read
			// (the dev server builds the assets again from the same file).
			out, err := m.Bytes(mt, bytes.Clone(f.Data))
			if err != nil {
				errs.Add(diag.Pos{File: f.Path}, "cannot minify: %v", err)
				continue
			}
			data = out
		}
		sum := sha256.Sum256(data)
		hash := hex.EncodeToString(sum[:])[:10]
		a := &Asset{
			Name: name,
			URL:  Dir + strings.TrimSuffix(name, ext) + "." + hash + ext,
			Data: data,
		}
		if name == ServiceWorker {
			a.URL = ServiceWorkerURL
		}
		a.Integrity = integrity(data)
		s.byName[name] = a
		s.list = append(s.list, a)
	}
	slices.SortFunc(s.list, func(x, y *Asset) int { return strings.Compare(x.Name, y.Name) })
	return s, errs
}

func integrity(data []byte) string {
	h := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(h[:])
}
