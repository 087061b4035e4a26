package site

import (
	"html/template"

	"github.com/relais-ecoles/relais/internal/markdown"
)

// safeHTML marks the output of the Markdown renderer as safe HTML: raw HTML
// is disabled in it and dangerous URLs are removed by goldmark.
func safeHTML(b []byte) template.HTML {
	return template.HTML(b) //nolint:gosec // produced by goldmark with raw HTML off
}

// renderText renders one text, through Options.Texts when it is set.
func (a *assembler) renderText(t *Text, resolve markdown.Resolver) (template.HTML, []markdown.LinkError, error) {
	if a.opts.Texts == nil {
		html, linkErrs, err := a.md.Render(t.Src, resolve)
		return safeHTML(html), linkErrs, err
	}
	return a.opts.Texts.Render(a.md, t, resolve)
}
