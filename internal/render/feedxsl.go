package render

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/relais-ecoles/relais/internal/asset"
)

// FeedStylesheetURL is the address of the XSLT stylesheet every RSS and
// Atom feed names in its xml-stylesheet instruction. A browser that opens
// a feed transforms it into a French page (what a feed is, how to
// subscribe, the latest items); feed readers ignore the instruction. The
// stylesheet must come from the feed's own origin (browsers refuse another
// one), so it is a fixed address of the site, not an asset.
const FeedStylesheetURL = "/flux.xsl"

// feedStylesheetPI is the processing instruction after the XML
// declaration of every RSS and Atom feed.
const feedStylesheetPI = `<?xml-stylesheet type="text/xsl" href="` + FeedStylesheetURL + `"?>` + "\n"

//go:embed flux.xsl
var feedXSL string

// FeedStylesheet renders /flux.xsl, whose page uses the site's stylesheet
// (css/site.css of set, when the site has one) and nothing else.
func FeedStylesheet(set *asset.Set) Output {
	css := ""
	if set != nil {
		if u, err := set.URL("css/site.css"); err == nil {
			css = u
		}
	}
	x := feedXSL
	if css == "" {
		x = strings.Replace(x, `    <link rel="stylesheet" href="@CSS@"/>`+"\n", "", 1)
	}
	return Output{Path: strings.TrimPrefix(FeedStylesheetURL, "/"), Data: []byte(strings.Replace(x, "@CSS@", css, 1))}
}

// EmbedScriptURL is the address of the banner ENT login pages embed
// (docs/ent.md): a fixed address, not an asset, so that the snippet they
// copy never changes; it is short-lived in caches like the pages.
const EmbedScriptURL = "/encart.js"

//go:embed encart.js
var embedJS []byte

// EmbedScript renders /encart.js, minified.
func EmbedScript() (Output, error) {
	data, err := asset.NewMinifier().Bytes("text/javascript", embedJS)
	if err != nil {
		return Output{}, fmt.Errorf("encart.js: %v", err)
	}
	return Output{Path: strings.TrimPrefix(EmbedScriptURL, "/"), Data: data}, nil
}
