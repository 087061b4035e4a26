package sitetest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/site"
)

// pageSeeds are hostile and ordinary Markdown bodies, with a title.
var pageSeeds = []struct{ body, title string }{
	{"## Se connecter\n\nEntre 8h et 10h : **peu** de monde.\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "Conseil"},
	{"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>", "<script>alert(1)</script>"},
	{"[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z]( javascript:alert(1))", "\"><svg onload=alert(1)>"},
	{"[x](java\tscript:alert(1)) [y](&#106;avascript:alert(1)) [z](&#x6A;avascript&colon;alert(1))", "' onmouseover='alert(1)"},
	{"![i](javascript:alert(1)) ![d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "a & b < c"},
	{"<https://example.org/> www.example.org javascript:alert(1) vbscript:msgbox(1)", "{{.Site}}"},
	{"[a]: javascript:alert(1)\n\n[link][a]", "{{template \"main\" .}}"},
	{"```html\n<script>alert(1)</script>\n```\n\n`<script>`", "</title><script>alert(1)</script>"},
	{"<!-- comment --><style>body{}</style><iframe src=x></iframe>", "x"},
	{strings.Repeat("- ", 70) + "deep\n", "deep"},
	{strings.Repeat("> ", 70) + "deep\n", "quotes"},
	{"[a](../../../../etc/passwd) [b](/../../x) [c](x.md)", "paths"},
	{"\u202e\u0000\ufeff\xff", "\u202e"},
}

// siteFiles returns the repository's layouts and assets, and a site.yaml.
func siteFiles(tb testing.TB) fstest.MapFS {
	tb.Helper()
	root := RepoRoot(tb)
	fsys := fstest.MapFS{"content/site.yaml": {Data: []byte(DefaultSiteYAML)}}
	for _, d := range []string{"layouts", "assets"} {
		err := fs.WalkDir(os.DirFS(root), d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
			fsys[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return fsys
}

// guideFile is a guide with the given title (also its summary) and body.
func guideFile(tb testing.TB, title string, body []byte) []byte {
	front, err := yaml.Marshal(map[string]any{"title": title, "summary": title, "audiences": []string{"parents"}})
	if err != nil {
		tb.Skip("title that YAML cannot write")
	}
	return append(append(append([]byte("---\n"), front...), "---\n"...), body...)
}

// FuzzPage builds a one-page site — a guide with a fuzzed title, summary
// and Markdown body, drawn with the repository's layouts — through the
// whole pipeline of pipeline.Render. Nothing may panic; the build either
// stops on content errors or gives pages in which the content added no
// element that runs or loads anything: no <script> but the layouts' own,
// no event handler, no style, no javascript:, vbscript: or data: URL
// (as a browser reads it: entities decoded, tabs and newlines removed).
func FuzzPage(f *testing.F) {
	for _, s := range pageSeeds {
		f.Add([]byte(s.body), s.title)
	}
	base := siteFiles(f)
	now, _ := time.Parse(time.RFC3339, Now)
	f.Fuzz(func(t *testing.T, body []byte, title string) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys["content/guides/fuzz.md"] = &fstest.MapFile{Data: guideFile(t, title, body)}
		res, err := pipeline.Render(pipeline.Options{Source: fsys, Site: site.Options{Now: now}})
		if err != nil {
			var ce *pipeline.ContentErrors
			if !errors.As(err, &ce) {
				t.Fatalf("not a content error: %v", err)
			}
			for _, e := range ce.List {
				if e.Msg == "" {
					t.Fatalf("error without a message: %q", e.Error())
				}
			}
			return
		}
		for _, o := range res.Outputs {
			if !strings.HasSuffix(o.Path, ".html") {
				continue
			}
			if v := CheckPage(o.Data); len(v) > 0 {
				t.Fatalf("%s: %s\n%s", o.Path, strings.Join(v, "; "), o.Data)
			}
			if v := hostileElements(o.Data); len(v) > 0 {
				t.Fatalf("%s: %s\n%s", o.Path, strings.Join(v, "; "), o.Data)
			}
		}
	})
}

// allowed are the elements the layouts and the Markdown renderer write.
var allowed = setOf(strings.Fields(`html head body meta title link script header nav main footer
	article section aside div span p a ul ol li h1 h2 h3 h4 h5 h6 blockquote pre code em strong
	del table caption thead tbody tr th td hr br img time small abbr dl dt dd figure figcaption
	label input form button noscript svg path details summary select option optgroup
	fieldset legend output search`))

func setOf(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// hostileElements reports elements outside the allowed set, scripts that
// are not the site's own assets or data blocks, and dangerous URLs as a
// browser reads them.
func hostileElements(data []byte) []string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return []string{err.Error()}
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if !allowed[n.Data] {
				out = append(out, fmt.Sprintf("element <%s>", n.Data))
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if n.Data == "script" && key == "src" && !strings.HasPrefix(a.Val, "/assets/") {
					out = append(out, fmt.Sprintf("script from %q", a.Val))
				}
				if (key == "href" || key == "src" || key == "action" || key == "formaction" || key == "xlink:href" || key == "srcset" || key == "poster") && dangerousURL(a.Val) {
					out = append(out, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// dangerousURL reports a URL a browser would run as script or open as a
// document: the WHATWG URL parser strips leading and trailing spaces and
// control characters and removes tabs and newlines anywhere. The value is
// already entity-decoded by the HTML parser.
func dangerousURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.ToLower(u)
	for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(u, scheme) {
			return true
		}
	}
	return false
}
