package asset

import (
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/load"
)

func TestBuildMinifiesAndFingerprints(t *testing.T) {
	tree := &load.Tree{Files: []*load.File{
		{Path: "assets/css/site.css", Data: []byte("body {\n  color : #000000;\n}\n")},
		{Path: "assets/js/ouvert.js", Data: []byte("// comment\nconst x = 1 + 2;\nconsole.log( x );\n")},
	}}
	s, errs := Build(tree, NewMinifier())
	if errs != nil {
		t.Fatal(errs)
	}
	css, ok := s.Get("css/site.css")
	if !ok {
		t.Fatal("css/site.css missing")
	}
	if string(css.Data) != "body{color:#000}" {
		t.Errorf("css = %q", css.Data)
	}
	if !strings.HasPrefix(css.URL, "/assets/css/site.") || !strings.HasSuffix(css.URL, ".css") || len(css.URL) != len("/assets/css/site.0123456789.css") {
		t.Errorf("css URL = %q", css.URL)
	}
	js, _ := s.Get("js/ouvert.js")
	if strings.Contains(string(js.Data), "comment") {
		t.Errorf("js not minified: %q", js.Data)
	}
	if _, err := s.URL("css/sit.css"); err == nil || !strings.Contains(err.Error(), `did you mean "css/site.css"`) {
		t.Errorf("URL(unknown) = %v", err)
	}
	// The hash follows the bytes.
	tree.Files[0].Data = []byte("body{color:red}")
	s2, _ := Build(tree, NewMinifier())
	css2, _ := s2.Get("css/site.css")
	if css2.URL == css.URL {
		t.Error("changed CSS kept its URL")
	}
}

// TestBuildLeavesFilesAlone builds twice from the same files: the JS
// minifier renames variables in place in its input, which once corrupted
// the second build (a dev server rebuild) with undefined names.
func TestBuildLeavesFilesAlone(t *testing.T) {
	src := "(function () {\n  var JOURS = [\"lundi\"];\n  function hm(m) { var mm = m % 60; return JOURS[0] + mm; }\n  window.x = hm(61);\n})();\n"
	tree := &load.Tree{Files: []*load.File{{Path: "assets/js/a.js", Data: []byte(src)}}}
	s1, errs := Build(tree, NewMinifier())
	if errs != nil {
		t.Fatal(errs)
	}
	if got := string(tree.Files[0].Data); got != src {
		t.Fatalf("Build changed the file:\n%s", got)
	}
	s2, _ := Build(tree, NewMinifier())
	a1, _ := s1.Get("js/a.js")
	a2, _ := s2.Get("js/a.js")
	if string(a1.Data) != string(a2.Data) {
		t.Errorf("two builds of the same file differ:\n%s\n%s", a1.Data, a2.Data)
	}
}
