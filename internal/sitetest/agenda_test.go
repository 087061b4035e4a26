package sitetest

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

var (
	levelPageRE     = regexp.MustCompile(`^academies/[^/]+/[^/]+/index\.html$`)
	programmePageRE = regexp.MustCompile(`^programmes/[^/]+/index\.html$`)
	calNameRE       = regexp.MustCompile(`(?m)^X-WR-CALNAME:(.*)\r$`)
)

// TestShippedAgendaLinks: every level's and programme's page that has a
// calendar offers, for each calendar, a webcal: subscription, Google
// Agenda's and Outlook.com's subscription pages and the .ics file last,
// all naming the same calendar of the build by its absolute address (and
// Outlook by its name); and each calendar keeps its refresh interval.
func TestShippedAgendaLinks(t *testing.T) {
	t.Parallel()
	res := Shipped(t)
	out := outputs(res)
	base := "https://relais.example.fr"
	pages := map[string]int{}
	for _, o := range res.Outputs {
		kind := ""
		switch {
		case levelPageRE.MatchString(o.Path):
			kind = "level"
		case programmePageRE.MatchString(o.Path):
			kind = "programme"
		default:
			continue
		}
		doc, err := html.Parse(bytes.NewReader(o.Data))
		if err != nil {
			t.Fatal(err)
		}
		for _, li := range findAll(doc, func(n *html.Node) bool { return n.Data == "li" && hasClassIn(n.Parent, "agendas") }) {
			var hrefs []string
			for _, a := range findAll(li, func(n *html.Node) bool { return n.Data == "a" }) {
				hrefs = append(hrefs, attrOf(a, "href"))
			}
			if len(hrefs) != 4 {
				t.Errorf("%s: %d links for a calendar, want 4: %q", o.Path, len(hrefs), hrefs)
				continue
			}
			file := hrefs[3]
			ics, ok := out[strings.TrimPrefix(file, "/")]
			if !strings.HasSuffix(file, ".ics") || !ok {
				t.Errorf("%s: the last link %q is no calendar of the build", o.Path, file)
				continue
			}
			for _, want := range []string{"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n", "\r\nX-PUBLISHED-TTL:PT12H\r\n"} {
				if !strings.Contains(string(ics), want) {
					t.Errorf("%s has no %q", file, strings.TrimSpace(want))
				}
			}
			name := ""
			if m := calNameRE.FindStringSubmatch(strings.ReplaceAll(string(ics), "\r\n ", "")); m != nil {
				name = strings.NewReplacer(`\,`, ",", `\;`, ";", `\\`, `\`).Replace(m[1])
			}
			webcal := "webcal://relais.example.fr" + file
			if hrefs[0] != webcal {
				t.Errorf("%s: first link %q, want %q", o.Path, hrefs[0], webcal)
			}
			g, err := url.Parse(hrefs[1])
			if err != nil || g.Host != "calendar.google.com" || g.Query().Get("cid") != webcal {
				t.Errorf("%s: Google link %q does not subscribe to %s", o.Path, hrefs[1], webcal)
			}
			ol, err := url.Parse(hrefs[2])
			if err != nil || ol.Host != "outlook.live.com" || ol.Query().Get("url") != base+file || ol.Query().Get("name") != name || name == "" {
				t.Errorf("%s: Outlook link %q does not subscribe to %s named %q", o.Path, hrefs[2], base+file, name)
			}
			pages[kind]++
		}
	}
	if pages["level"] < 50 || pages["programme"] < 5 {
		t.Errorf("calendars linked from %d level pages and %d programme pages: the agenda block is missing", pages["level"], pages["programme"])
	}
}

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClassIn(n *html.Node, class string) bool {
	return n != nil && n.Type == html.ElementNode && hasWord(attrOf(n, "class"), class)
}
