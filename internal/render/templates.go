package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/asset"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// BaseLayout is the layout every page is drawn in; it calls the block
// "main" that each page layout defines.
const BaseLayout = "layouts/_base.html"

// Templates is the parsed layouts of a site: one template set per page
// layout, each the base layout, the partials and the page layout.
type Templates struct {
	sets map[string]*template.Template
}

// File is the source file of a layout.
func (t *Templates) File(layout string) string { return "layouts/" + layout + ".html" }

// PageData is what a layout receives as ".".
type PageData struct {
	Site      *site.Site
	Page      *site.Page
	Canonical string
	Data      any
}

// ParseTemplates parses the layouts of tree. Template errors name the layout
// file and line.
func ParseTemplates(tree *load.Tree, assets *asset.Set) (*Templates, diag.List) {
	var errs diag.List
	base := tree.Get(BaseLayout)
	if base == nil {
		errs.Add(diag.Pos{File: BaseLayout}, "missing base layout: every page is drawn in layouts/_base.html")
		return nil, errs
	}
	root := template.New(BaseLayout).Funcs(Funcs(assets))
	if _, err := root.Parse(string(base.Data)); err != nil {
		errs = append(errs, templateError(err))
		return nil, errs
	}
	var pages []*load.File
	for _, f := range tree.Under("layouts") {
		switch {
		case f.Path == BaseLayout:
		case path.Ext(f.Path) != ".html":
			errs.Add(diag.Pos{File: f.Path}, "unexpected file in layouts/: layouts are .html templates")
		case strings.HasPrefix(f.Path, "layouts/partials/"):
			if _, err := root.New(f.Path).Parse(string(f.Data)); err != nil {
				errs = append(errs, templateError(err))
			}
		case strings.Count(f.Path, "/") == 1:
			pages = append(pages, f)
		default:
			errs.Add(diag.Pos{File: f.Path}, "unexpected folder in layouts/: page layouts sit in layouts/, partials in layouts/partials/")
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	t := &Templates{sets: map[string]*template.Template{}}
	for _, f := range pages {
		set, err := root.Clone()
		if err == nil {
			_, err = set.New(f.Path).Parse(string(f.Data))
		}
		if err != nil {
			errs = append(errs, templateError(err))
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(f.Path, "layouts/"), ".html")
		t.sets[name] = set
	}
	return t, errs
}

// Has reports whether a page layout exists.
func (t *Templates) Has(layout string) bool { _, ok := t.sets[layout]; return ok }

// Execute draws page p of s into w.
func (t *Templates) Execute(w io.Writer, s *site.Site, p *site.Page) error {
	set, ok := t.sets[p.Layout]
	if !ok {
		return diag.Errorf(diag.Pos{File: t.File(p.Layout)}, "missing layout for %s: create %s", p.URL, t.File(p.Layout))
	}
	data := &PageData{Site: s, Page: p, Canonical: s.Abs(p.URL), Data: p.Data}
	if err := set.ExecuteTemplate(w, BaseLayout, data); err != nil {
		return templateError(err)
	}
	return nil
}

var templateErrRE = regexp.MustCompile(`^template: (layouts/[^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError turns an html/template error into a positioned error.
func templateError(err error) *diag.Error {
	msg := err.Error()
	var te *template.Error
	if errors.As(err, &te) && te.Name != "" && te.Line > 0 {
		return diag.Errorf(diag.Pos{File: te.Name, Line: te.Line, Col: 1}, "%s", te.Description)
	}
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return diag.Errorf(diag.Pos{File: m[1], Line: line, Col: col}, "%s", m[4])
	}
	return &diag.Error{Msg: msg}
}

// Funcs are the functions the layouts may call.
func Funcs(assets *asset.Set) template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) (string, error) {
			if assets == nil {
				return "", fmt.Errorf("no assets")
			}
			return assets.URL(name)
		},
		"integrity": func(name string) (string, error) {
			if a, ok := assets.Get(name); ok {
				return a.Integrity, nil
			}
			return "", fmt.Errorf("no asset %q", name)
		},
		"frdate":     vocab.FrenchDate,
		"frlongdate": vocab.FrenchLongDate,
		"frdatetime": vocab.FrenchDateTime,
		"isodate":    func(t time.Time) string { return t.Format(time.DateOnly) },
		"isotime":    func(t time.Time) string { return t.Format(time.RFC3339) },
		"label":      vocab.LevelLabel,
		"clock":      func(m int) string { return vocab.Clock(m).French() },
		"typo":       markdown.Plain,
		"plural": func(n int, one, many string) string {
			if n == 1 || n == 0 {
				return one
			}
			return many
		},
		"join": strings.Join,
		"add":  func(a, b int) int { return a + b },
		"json": func(v any) (template.JS, error) { return jsonJS(v) },
		"current": func(p *site.Page, section string) bool {
			return p.Section == section
		},
		"lower": strings.ToLower,
	}
}

// jsonJS encodes v for a <script type="application/json"> element.
func jsonJS(v any) (template.JS, error) {
	var buf bytes.Buffer
	if err := encodeJSON(&buf, v); err != nil {
		return "", err
	}
	return template.JS(bytes.TrimSpace(buf.Bytes())), nil //nolint:gosec // encoding/json output, HTML-escaped
}
