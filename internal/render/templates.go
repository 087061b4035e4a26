package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	texttemplate "text/template"
	"time"

	"github.com/relais-ecoles/relais/internal/asset"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// BaseLayout is the layout every page is drawn in; it calls the block
// "main" that each page layout defines.
const BaseLayout = "layouts/_base.html"

// Templates is the parsed layouts of a site: one template set per page
// layout, each the base layout, the partials and the page layout.
//
// The sets parsed are never executed: each site rendered gets clones of
// them (an instance) whose function "cached" keeps the HTML it renders for
// that site only, so that a template drawn the same way on many pages (a
// directive's entry in every list that shows it, the menu of every page of
// a section) is executed once. A new site (the dev server assembles one at
// every edit) gets new clones and an empty cache.
type Templates struct {
	sets map[string]*template.Template

	mu  sync.Mutex // held while an instance is made
	cur atomic.Pointer[instance]
}

// instance is the template sets of Templates for one site, and the HTML
// their "cached" calls rendered for it.
type instance struct {
	site *site.Site
	sets map[string]*template.Template
	memo sync.Map // memoKey -> template.HTML
}

// memoKey names one rendering of a "cached" call: the set it runs in (a
// page layout may define a partial again), the template and the key.
type memoKey struct {
	set  *template.Template
	name string
	key  any
}

// File is the source file of a layout.
func (t *Templates) File(layout string) string { return "layouts/" + layout + ".html" }

// PageData is what a layout receives as ".".
type PageData struct {
	Site      *site.Site
	Page      *view.Page
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
	if len(errs) == 0 {
		compactLayouts(t.sets)
	}
	return t, errs
}

// Has reports whether a page layout exists.
func (t *Templates) Has(layout string) bool { _, ok := t.sets[layout]; return ok }

// Execute draws page p of s into w.
func (t *Templates) Execute(w io.Writer, s *site.Site, p *view.Page) error {
	if _, ok := t.sets[p.Layout]; !ok {
		return diag.Errorf(diag.Pos{File: t.File(p.Layout)}, "missing layout for %s: create %s", p.URL, t.File(p.Layout))
	}
	in, err := t.instance(s)
	if err != nil {
		return err
	}
	set := in.sets[p.Layout]
	data := &PageData{Site: s, Page: p, Canonical: s.Abs(p.URL), Data: p.Data}
	if err := set.ExecuteTemplate(w, BaseLayout, data); err != nil {
		return templateError(err)
	}
	return nil
}

// instance returns the template sets that render s, made at the first
// page of s.
func (t *Templates) instance(s *site.Site) (*instance, error) {
	if in := t.cur.Load(); in != nil && in.site == s {
		return in, nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if in := t.cur.Load(); in != nil && in.site == s {
		return in, nil
	}
	in := &instance{site: s, sets: make(map[string]*template.Template, len(t.sets))}
	for name, master := range t.sets {
		set, err := master.Clone()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", t.File(name), err)
		}
		set.Funcs(template.FuncMap{"cached": in.cached(set)})
		in.sets[name] = set
	}
	t.cur.Store(in)
	return in, nil
}

// cached is the layouts' function "cached NAME DATA [KEY]": the HTML of
// the template NAME executed with DATA, executed once for a site and a key
// and given again to every later call with the same name and key. The key
// is DATA itself when left out — a view such as a *site.DirectiveView,
// made anew for each site — or a value that tells apart all the ways the
// template can look (the menu depends only on the page's section:
// {{cached "header" . .Page.Section}}). Rendering is pure, so a call
// rendered twice at the same time by two pages gives the same HTML.
func (in *instance) cached(set *template.Template) func(name string, data any, key ...any) (template.HTML, error) {
	return func(name string, data any, key ...any) (template.HTML, error) {
		var k any
		switch len(key) {
		case 0:
			k = data
		case 1:
			k = key[0]
		default:
			return "", fmt.Errorf("cached %q: one key at most, got %d", name, len(key))
		}
		k, err := memoKeyOf(k)
		if err != nil {
			return "", fmt.Errorf("cached %q: %v", name, err)
		}
		mk := memoKey{set: set, name: name, key: k}
		if h, ok := in.memo.Load(mk); ok {
			return h.(template.HTML), nil
		}
		var buf strings.Builder
		if err := set.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		h := template.HTML(buf.String()) //nolint:gosec // the output of an html/template template
		in.memo.Store(mk, h)
		return h, nil
	}
}

// memoKeyOf returns k as a map key: k itself when it can be compared, and
// a slice as an array of its elements, so that two pages whose lists hold
// the same values (the same banners, the same feeds) share their HTML.
func memoKeyOf(k any) (any, error) {
	switch k.(type) {
	case nil, string, int, bool:
		return k, nil
	}
	v := reflect.ValueOf(k)
	if v.Kind() == reflect.Pointer {
		return k, nil
	}
	if v.Kind() == reflect.Slice && v.Type().Elem().Comparable() {
		a := reflect.New(reflect.ArrayOf(v.Len(), v.Type().Elem())).Elem()
		reflect.Copy(a, v)
		return memoSlice{v.Type(), a.Interface()}, nil
	}
	if !v.Comparable() {
		return nil, fmt.Errorf("the key is a %T, which cannot be compared: give a string, a number, a pointer or a slice of them", k)
	}
	return k, nil
}

// memoSlice is the key of a slice: its type (so that a []T and a [n]T do
// not meet) and an array of its elements.
type memoSlice struct {
	typ   reflect.Type
	elems any
}

var templateErrRE = regexp.MustCompile(`^template: (layouts/[^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError turns an html/template error into a positioned error.
func templateError(err error) *diag.Error {
	// An error in a template that "cached" executes is wrapped in the
	// error of the template that called it: report the innermost.
	inner := err
	for e := err; e != nil; e = errors.Unwrap(e) {
		if _, ok := e.(texttemplate.ExecError); ok {
			inner = e
		}
	}
	msg := inner.Error()
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
		"current": func(p *view.Page, section string) bool {
			return p.Section == section
		},
		"lower": strings.ToLower,
		// cached is bound to a site's instance (Templates.instance); this
		// one declares it to the parser.
		"cached": func(name string, data any, key ...any) (template.HTML, error) {
			return "", fmt.Errorf("cached %q: called outside a page", name)
		},
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
