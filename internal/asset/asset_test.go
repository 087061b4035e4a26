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
