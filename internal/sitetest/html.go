package sitetest

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"

	"github.com/relais-ecoles/relais/internal/errorpage"
	"github.com/relais-ecoles/relais/internal/hosting"
)

// CheckPage parses an HTML page and reports, one line each, what the
// site's Content-Security-Policy (hosting.CSP: no 'unsafe-inline' for
// scripts or styles) would block, and external links without
// rel="noopener":
//
//   - a <script> without src, unless it is a data block
//     (type="application/json" or "application/ld+json"), which browsers
//     do not run;
//   - an inline event handler (an attribute starting with "on");
//   - a javascript: URL in href, src, action or formaction;
//   - a <style> element or a style attribute;
//   - a link to another site (http, https, //) without rel="noopener".
func CheckPage(data []byte) []string {
	return checkPage(data)
}

// CheckOutput is CheckPage for the file at output path p: the "ENT
// saturé" pages and the framed banners (internal/errorpage) may hold their
// one style, which the
// site's policy allows by its hash; any other is reported.
func CheckOutput(p string, data []byte) []string {
	if (strings.HasSuffix(p, "/"+errorpage.FileName) || strings.HasPrefix("/"+p, errorpage.EmbedDir)) && strings.Contains(hosting.CSP, errorpage.StyleHash()) {
		data = bytes.Replace(data, []byte("<style>"+errorpage.Style+"</style>"), nil, 1)
	}
	return checkPage(data)
}

func checkPage(data []byte) []string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return []string{fmt.Sprintf("cannot parse the page: %v", err)}
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			out = append(out, checkElement(n)...)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func checkElement(n *html.Node) []string {
	var out []string
	attr := func(name string) (string, bool) {
		for _, a := range n.Attr {
			if a.Namespace == "" && strings.EqualFold(a.Key, name) {
				return a.Val, true
			}
		}
		return "", false
	}
	switch n.Data {
	case "script":
		if _, ok := attr("src"); !ok {
			typ, _ := attr("type")
			if t := strings.ToLower(strings.TrimSpace(typ)); t != "application/json" && t != "application/ld+json" {
				out = append(out, fmt.Sprintf("inline <script>: %.60q", text(n)))
			}
		}
	case "style":
		out = append(out, fmt.Sprintf("inline <style>: %.60q", text(n)))
	case "a":
		href, _ := attr("href")
		if external(href) {
			rel, _ := attr("rel")
			if !hasWord(rel, "noopener") {
				out = append(out, fmt.Sprintf("external link to %s without rel=\"noopener\"", href))
			}
		}
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case strings.HasPrefix(key, "on"):
			out = append(out, fmt.Sprintf("inline event handler <%s %s=%.40q>", n.Data, a.Key, a.Val))
		case key == "style":
			out = append(out, fmt.Sprintf("style attribute <%s style=%.40q>", n.Data, a.Val))
		case key == "href" || key == "src" || key == "action" || key == "formaction":
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				out = append(out, fmt.Sprintf("javascript: URL <%s %s=%.40q>", n.Data, a.Key, a.Val))
			}
		}
	}
	return out
}

func external(href string) bool {
	h := strings.ToLower(href)
	return strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "https://") || strings.HasPrefix(h, "//")
}

func hasWord(list, word string) bool {
	for _, w := range strings.Fields(strings.ToLower(list)) {
		if w == word {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
