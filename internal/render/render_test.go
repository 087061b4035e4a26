package render

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

func testSite(pages int) *site.Site {
	s := &site.Site{Config: &config.Config{BaseURL: "https://relais.example.fr/"}}
	for i := range pages {
		s.Pages = append(s.Pages, &view.Page{URL: fmt.Sprintf("/p/%06d/", i)})
	}
	s.Pages = append(s.Pages, &view.Page{URL: "/404.html", NoIndex: true})
	return s
}

func TestSitemapSmall(t *testing.T) {
	out := Sitemap(testSite(3))
	if len(out) != 1 || out[0].Path != "sitemap.xml" {
		t.Fatalf("outputs = %v", out)
	}
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(out[0].Data, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.URLs) != 3 || set.URLs[0].Loc != "https://relais.example.fr/p/000000/" {
		t.Errorf("urls = %v", set.URLs)
	}
	if strings.Contains(string(out[0].Data), "404") {
		t.Error("404 page in the sitemap")
	}
}

func TestSitemapIndexPast50000(t *testing.T) {
	out := Sitemap(testSite(SitemapLimit + 10))
	var names []string
	for _, o := range out {
		names = append(names, o.Path)
	}
	if strings.Join(names, ",") != "sitemap-1.xml,sitemap-2.xml,sitemap.xml" {
		t.Fatalf("files = %v", names)
	}
	idx := string(out[2].Data)
	if !strings.Contains(idx, "<sitemapindex") || !strings.Contains(idx, "https://relais.example.fr/sitemap-2.xml") {
		t.Errorf("index = %s", idx)
	}
	if n := strings.Count(string(out[1].Data), "<url>"); n != 10 {
		t.Errorf("second sitemap has %d URLs, want 10", n)
	}
}

func TestRobots(t *testing.T) {
	got := string(Robots(testSite(0)).Data)
	if !strings.Contains(got, "Sitemap: https://relais.example.fr/sitemap.xml\n") {
		t.Errorf("robots.txt = %q", got)
	}
}
