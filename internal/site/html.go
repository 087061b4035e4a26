package site

import "html/template"

// safeHTML marks the output of the Markdown renderer as safe HTML: raw HTML
// is disabled in it and dangerous URLs are removed by goldmark.
func safeHTML(b []byte) template.HTML {
	return template.HTML(b) //nolint:gosec // produced by goldmark with raw HTML off
}
