package site

import "testing"

func TestAliasProblem(t *testing.T) {
	for _, ok := range []string{"/directives/ancien-nom/", "/programmes/x", "/a/b.html", "/x_y/"} {
		if msg := aliasProblem(ok); msg != "" {
			t.Errorf("aliasProblem(%q) = %q", ok, msg)
		}
	}
	for _, bad := range []string{
		"directives/x/", "/directives/../x/", "/directives/./x/", "/..", "/directives/%2e%2e/",
		"/%62onnes-pratiques/", "/Directives/x/", "/a//b/", "/a b/", "/é/", "/a?b", "/a#b", "/a\\b",
	} {
		if aliasProblem(bad) == "" {
			t.Errorf("aliasProblem(%q) accepts it", bad)
		}
	}
}
