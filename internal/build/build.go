// Package build runs the stages of a build in order — load, check and
// resolve (site.Assemble), render, write — and times them. It is the only
// package that knows every stage; each stage's inputs are parameters and its
// outputs are values, so the dev server can run the same pipeline and keep
// the result in memory instead of writing it.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/asset"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/render"
	"github.com/relais-ecoles/relais/internal/site"
)

// Options are the inputs of a build.
type Options struct {
	// Source is the site folder (content/, layouts/, assets/).
	Source fs.FS
	// Dest is the output folder, written only by Build.
	Dest string
	// Site holds what assembly needs: the clock, base URL and what to include.
	Site site.Options
}

// Timings are the durations of the stages.
type Timings struct {
	Load, Assemble, Render, Write, Total time.Duration
}

// Result describes a finished build.
type Result struct {
	Site    *site.Site
	Outputs []render.Output
	Counts  map[string]int // outputs by kind: page, feed, asset, calendar, other
	Publish publish.Result
	// Rules are the HTTP headers of the site's files, for the dev server.
	Rules   *hosting.Rules
	Timings Timings
}

// ContentErrors is the error of a build that stopped on content errors: the
// user's files need fixing, relais is fine.
type ContentErrors struct{ List diag.List }

func (e *ContentErrors) Error() string { return e.List.Error() }

// Render runs every stage but the write: the outputs are returned in memory.
func Render(opts Options) (*Result, error) {
	start := time.Now()
	res := &Result{Counts: map[string]int{}}

	tree, errs := load.Site(opts.Source)
	res.Timings.Load = time.Since(start)
	if len(errs) > 0 {
		// Files that could not be read would show as missing pages; report
		// what was wrong with them first, with everything else we can check.
		_, more := site.Assemble(tree, markdown.New(), opts.Site)
		errs.Append(more)
		return res, &ContentErrors{List: errs.Sort()}
	}

	t := time.Now()
	s, errs := site.Assemble(tree, markdown.New(), opts.Site)
	res.Timings.Assemble = time.Since(t)
	if len(errs) > 0 {
		return res, &ContentErrors{List: errs}
	}
	res.Site = s

	t = time.Now()
	m := render.NewHTMLMinifier()
	set, errs := asset.Build(tree, m)
	if len(errs) > 0 {
		return res, &ContentErrors{List: errs.Sort()}
	}
	tmpl, errs := render.ParseTemplates(tree, set)
	if len(errs) > 0 {
		return res, &ContentErrors{List: errs.Sort()}
	}
	outs, err := render.All(s, tmpl, set, m)
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			return res, &ContentErrors{List: list}
		}
		return res, err
	}
	res.Rules = hosting.New(hosting.ConfigOf(s.Config))
	rulesFiles, err := HostingFiles(res.Rules, s, outs)
	if err != nil {
		return res, err
	}
	outs = append(outs, rulesFiles...)
	slices.SortFunc(outs, func(a, b render.Output) int { return strings.Compare(a.Path, b.Path) })
	res.Timings.Render = time.Since(t)
	res.Outputs = outs
	for _, o := range outs {
		res.Counts[o.Kind()]++
	}
	res.Timings.Total = time.Since(start)
	return res, nil
}

// Build renders the site and publishes it to opts.Dest atomically. On any
// error, opts.Dest is left as it was.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	res, err := Render(opts)
	if err != nil {
		return res, err
	}
	t := time.Now()
	files := make([]publish.File, len(res.Outputs))
	for i, o := range res.Outputs {
		files[i] = publish.File{Path: o.Path, Data: o.Data}
	}
	pub, err := publish.Write(opts.Dest, files)
	if err != nil {
		return res, fmt.Errorf("writing %s: %w", opts.Dest, err)
	}
	res.Publish = pub
	res.Timings.Write = time.Since(t)
	res.Timings.Total = time.Since(start)
	return res, nil
}

// HostingFiles returns the rules files for hosts (_headers, _redirects,
// _nginx.conf), made by hosting from the outputs of a build. They sit at
// the root of the output folder; hosting.Private says a host must not serve
// them.
func HostingFiles(rules *hosting.Rules, s *site.Site, outs []render.Output) ([]render.Output, error) {
	paths := make([]string, len(outs))
	for i, o := range outs {
		paths[i] = o.Path
	}
	headers, err := rules.Headers(paths)
	if err != nil {
		return nil, err
	}
	redirects, err := hosting.Redirects(s.Redirects)
	if err != nil {
		return nil, err
	}
	nginx, err := rules.Nginx(s.Redirects)
	if err != nil {
		return nil, err
	}
	return []render.Output{
		{Path: hosting.HeadersFile, Data: headers},
		{Path: hosting.RedirectsFile, Data: redirects},
		{Path: hosting.NginxFile, Data: nginx},
	}, nil
}
