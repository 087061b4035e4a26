package output

import "testing"

func TestKindOf(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		path         string
		typ          string
		compressible bool
		budget       Budget
		format       Format
		cache        Cache
	}{
		{"index.html", "text/html; charset=utf-8", true, PageBudget, NotData, Short},
		{"academies/paris/4e/index.html", "text/html; charset=utf-8", true, PageBudget, NotData, Short},
		{"assets/css/site.0123456789.css", "text/css; charset=utf-8", true, CSSBudget, NotData, Immutable},
		{"assets/js/ouvert.0123456789.js", "text/javascript; charset=utf-8", true, JSBudget, NotData, Immutable},
		{"assets/img/favicon.0123456789.svg", "image/svg+xml", true, NoBudget, NotData, Immutable},
		{"directives/flux.xml", "application/xml; charset=utf-8", true, NoBudget, NotData, Short},
		{"directives/atom.xml", "application/xml; charset=utf-8", true, NoBudget, NotData, Short},
		{"directives/flux.json", "application/feed+json", true, NoBudget, JSON, Short},
		{"academies/paris/creneaux.json", "application/json", true, NoBudget, JSON, Short},
		{"academies/paris/directives.csv", "text/csv; charset=utf-8; header=present", true, NoBudget, CSV, Short},
		{"academies/paris/4e.ics", "text/calendar; charset=utf-8", true, NoBudget, NotData, Short},
		{"sitemap.xml", "application/xml; charset=utf-8", true, NoBudget, NotData, Short},
		{"flux.xsl", "text/xsl; charset=utf-8", true, NoBudget, NotData, Short},
		{"robots.txt", "text/plain; charset=utf-8", true, NoBudget, NotData, Short},
		{"INDEX.HTML", "text/html; charset=utf-8", true, PageBudget, NotData, Short},
		{"a.png", "image/png", false, NoBudget, NotData, Short},
		{"a/b.woff2", "font/woff2", false, NoBudget, NotData, Short},
		{"_headers", "application/octet-stream", false, NoBudget, NotData, Short},
		{"_nginx.conf", "application/octet-stream", false, NoBudget, NotData, Short},
		{"a/b.unknown", "application/octet-stream", false, NoBudget, NotData, Short},
	} {
		k := KindOf(tt.path)
		if k.Type != tt.typ || k.Compressible != tt.compressible || k.Budget != tt.budget || k.Format != tt.format {
			t.Errorf("KindOf(%q) = %+v, want type %q, compressible %v, budget %v, format %v", tt.path, k, tt.typ, tt.compressible, tt.budget, tt.format)
		}
		if c := CacheOf(tt.path); c != tt.cache {
			t.Errorf("CacheOf(%q) = %v, want %v", tt.path, c, tt.cache)
		}
	}
}
