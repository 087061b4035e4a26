package deploy

// TEMPORARY until internal/hosting lands on main: which files of a build a
// host serves and at which URL. These are path rules, not header rules;
// they will be replaced by hosting.Private, hosting.Variant and
// hosting.URLOf.

import (
	"path"
	"strings"
)

func private(p string) bool {
	switch p {
	case "_headers", "_redirects", "_nginx.conf":
		return true
	}
	return false
}

func variant(p string) (orig, encoding string, ok bool) {
	for _, e := range [...]struct{ suffix, enc string }{{".br", "br"}, {".gz", "gzip"}} {
		if o, found := strings.CutSuffix(p, e.suffix); found {
			switch path.Ext(o) {
			case ".html", ".css", ".js", ".json", ".xml", ".ics", ".svg", ".txt", ".webmanifest":
				return o, e.enc, true
			}
		}
	}
	return p, "", false
}

func urlOf(p string) string {
	switch {
	case p == "index.html":
		return "/"
	case strings.HasSuffix(p, "/index.html"):
		return "/" + strings.TrimSuffix(p, "index.html")
	}
	return "/" + p
}
