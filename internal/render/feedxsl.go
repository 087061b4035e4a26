package render

import (
	_ "embed"
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
