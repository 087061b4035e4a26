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
		family       Family
	}{
		{"index.html", "text/html; charset=utf-8", true, PageBudget, NotData, Short, Page},
		{"academies/paris/4e/index.html", "text/html; charset=utf-8", true, PageBudget, NotData, Short, Page},
		{"assets/css/site.0123456789.css", "text/css; charset=utf-8", true, CSSBudget, NotData, Immutable, OtherFamily},
		{"assets/js/ouvert.0123456789.js", "text/javascript; charset=utf-8", true, JSBudget, NotData, Immutable, OtherFamily},
		{"assets/img/favicon.0123456789.svg", "image/svg+xml", true, NoBudget, NotData, Immutable, OtherFamily},
		{"directives/flux.xml", "application/xml; charset=utf-8", true, NoBudget, NotData, Short, Feed},
		{"directives/atom.xml", "application/xml; charset=utf-8", true, NoBudget, NotData, Short, Feed},
		{"directives/flux.json", "application/feed+json", true, NoBudget, JSON, Short, Feed},
		{"academies/paris/creneaux.json", "application/json", true, NoBudget, JSON, Short, Data},
		{"academies/paris/directives.csv", "text/csv; charset=utf-8; header=present", true, NoBudget, CSV, Short, Data},
		{"academies/paris/4e.ics", "text/calendar; charset=utf-8", true, NoBudget, NotData, Short, Calendar},
		{"sitemap.xml", "application/xml; charset=utf-8", true, NoBudget, NotData, Short, OtherFamily},
		{"flux.xsl", "text/xsl; charset=utf-8", true, NoBudget, NotData, Short, OtherFamily},
		{"robots.txt", "text/plain; charset=utf-8", true, NoBudget, NotData, Short, OtherFamily},
		{"INDEX.HTML", "text/html; charset=utf-8", true, PageBudget, NotData, Short, Page},
		{"a.png", "image/png", false, NoBudget, NotData, Short, OtherFamily},
		{"a/b.woff2", "font/woff2", false, NoBudget, NotData, Short, OtherFamily},
		{"_headers", "application/octet-stream", false, NoBudget, NotData, Short, OtherFamily},
		{"_nginx.conf", "application/octet-stream", false, NoBudget, NotData, Short, OtherFamily},
		{"a/b.unknown", "application/octet-stream", false, NoBudget, NotData, Short, OtherFamily},
	} {
		k := KindOf(tt.path)
		if k.Type != tt.typ || k.Compressible != tt.compressible || k.Budget != tt.budget || k.Format != tt.format || k.Family != tt.family {
			t.Errorf("KindOf(%q) = %+v, want type %q, compressible %v, budget %v, format %v, family %v", tt.path, k, tt.typ, tt.compressible, tt.budget, tt.format, tt.family)
		}
		if c := CacheOf(tt.path); c != tt.cache {
			t.Errorf("CacheOf(%q) = %v, want %v", tt.path, c, tt.cache)
		}
	}
}
