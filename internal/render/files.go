package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/output"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

// SitemapLimit is the number of URLs one sitemap file may hold.
const SitemapLimit = 50000

// Sitemap renders sitemap.xml with every indexable page at its absolute URL.
// Past SitemapLimit URLs it writes sitemap-N.xml files and makes sitemap.xml
// their index.
func Sitemap(s *site.Site) []Output {
	var urls []*view.Page
	for _, p := range s.Pages {
		if !p.NoIndex {
			urls = append(urls, p)
		}
	}
	if len(urls) <= SitemapLimit {
		return []Output{{Path: "sitemap.xml", Data: urlset(s, urls)}}
	}
	var out []Output
	var idx bytes.Buffer
	idx.WriteString(xml.Header)
	idx.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i, n := 0, 1; i < len(urls); i, n = i+SitemapLimit, n+1 {
		name := fmt.Sprintf("sitemap-%d.xml", n)
		out = append(out, Output{Path: name, Data: urlset(s, urls[i:min(i+SitemapLimit, len(urls))])})
		fmt.Fprintf(&idx, "<sitemap><loc>%s</loc></sitemap>\n", xmlEscape(s.Abs("/"+name)))
	}
	idx.WriteString("</sitemapindex>\n")
	return append(out, Output{Path: "sitemap.xml", Data: idx.Bytes()})
}

func urlset(s *site.Site, pages []*view.Page) []byte {
	var b bytes.Buffer
	b.Grow(len(pages) * 80)
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		b.WriteString("<url><loc>")
		b.WriteString(xmlEscape(s.Abs(p.URL)))
		b.WriteString("</loc>")
		if !p.Lastmod.IsZero() {
			b.WriteString("<lastmod>" + p.Lastmod.Format("2006-01-02") + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Robots renders robots.txt: everything may be crawled; the sitemap is named.
func Robots(s *site.Site) Output {
	return Output{Path: "robots.txt", Data: []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.Abs("/sitemap.xml") + "\n")}
}

// Data renders the data files, each in the format the table of output
// kinds gives its name: JSON, or CSV (csv.go).
func Data(s *site.Site) ([]Output, error) {
	out := make([]Output, 0, len(s.Data))
	for _, d := range s.Data {
		var buf bytes.Buffer
		var err error
		switch f := output.KindOf(d.URL).Format; f {
		case output.JSON:
			err = encodeJSON(&buf, d.Value)
		case output.CSV:
			err = encodeCSV(&buf, d.Value)
		default:
			err = fmt.Errorf("no data format for this kind of file (internal/output)")
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", d.URL, err)
		}
		out = append(out, Output{Path: hosting.FilePath(d.URL), Data: buf.Bytes()})
	}
	return out, nil
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	return enc.Encode(v)
}
