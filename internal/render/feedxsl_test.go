package render

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// TestFeedsNameStylesheetAndHubs checks that RSS and Atom name the feed
// stylesheet right after the XML declaration and the site's WebSub hubs,
// that readers still read them, and that JSON Feed is left as it was.
func TestFeedsNameStylesheetAndHubs(t *testing.T) {
	s := feedSite()
	s.Config.Notify.Hubs = []string{"https://hub.example.fr/", "https://websub.example.org/hub"}
	outs, err := Feeds(s)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, o := range outs {
		files[o.Path] = string(o.Data)
	}
	for _, name := range []string{"directives/flux.xml", "directives/atom.xml"} {
		doc := files[name]
		if want := xml.Header + `<?xml-stylesheet type="text/xsl" href="/flux.xsl"?>` + "\n"; !strings.HasPrefix(doc, want) {
			t.Errorf("%s does not start with the declaration and the stylesheet:\n%.200s", name, doc)
		}
		if _, err := gofeed.NewParser().ParseString(doc); err != nil {
			t.Errorf("%s: gofeed: %v", name, err)
		}
		var hubs []string
		dec := xml.NewDecoder(strings.NewReader(doc))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "link" && el.Name.Space == nsAtom {
				var rel, href string
				for _, a := range el.Attr {
					switch a.Name.Local {
					case "rel":
						rel = a.Value
					case "href":
						href = a.Value
					}
				}
				if rel == "hub" {
					hubs = append(hubs, href)
				}
			}
		}
		if strings.Join(hubs, " ") != "https://hub.example.fr/ https://websub.example.org/hub" {
			t.Errorf("%s: hubs %q, want the two of the settings, in the Atom namespace", name, hubs)
		}
	}
	if js := files["directives/flux.json"]; strings.Contains(js, "xsl") || strings.Contains(js, "hub") {
		t.Errorf("the JSON Feed names the stylesheet or a hub:\n%s", js)
	}
}

// TestFeedStylesheetIsXSLT checks that /flux.xsl is well-formed XSLT and
// links the site's stylesheet only when there is one.
func TestFeedStylesheetIsXSLT(t *testing.T) {
	o := FeedStylesheet(nil)
	if o.Path != "flux.xsl" {
		t.Errorf("path %q", o.Path)
	}
	dec := xml.NewDecoder(strings.NewReader(string(o.Data)))
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("flux.xsl is not well-formed: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok && root == "" {
			root = el.Name.Space + " " + el.Name.Local
		}
	}
	if root != "http://www.w3.org/1999/XSL/Transform stylesheet" {
		t.Errorf("root element %q", root)
	}
	if strings.Contains(string(o.Data), "@CSS@") || strings.Contains(string(o.Data), "rel=\"stylesheet\"") {
		t.Error("without a site stylesheet, flux.xsl still links one")
	}
}
