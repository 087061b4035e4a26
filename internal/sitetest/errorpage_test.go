package sitetest

import (
	"bytes"
	"encoding/json"
	"html"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/errorpage"
)

// TestErrorPagesSelfContained checks the "ENT saturé" page of every
// académie and every collectivité that runs an ENT of the shipped site:
// one each, under the size budget gzip-compressed and under HAProxy's
// buffer raw (errorfile), nothing loaded from anywhere (no src, no
// stylesheet link, no script), its one style the one its own policy allows
// by hash; an académie's shows its urgent directives and the slots of its
// creneaux.json, a collectivité's only the kinds of school its ENT serves,
// with their slots.
func TestErrorPagesSelfContained(t *testing.T) {
	t.Parallel()
	res := Shipped(t)
	files := outputs(res)
	n, nc := 0, 0
	for p, data := range files {
		if path.Base(p) != errorpage.FileName {
			continue
		}
		dir := path.Dir(p) + "/"
		if strings.HasPrefix(p, "collectivites/") {
			nc++
			checkSelfContained(t, p, data)
			checkCollectivitePage(t, p, data)
			continue
		}
		n++
		checkSelfContained(t, p, data)
		s := string(data)
		var b struct {
			Directives []struct {
				Title string `json:"titre"`
			} `json:"directives"`
		}
		if err := json.Unmarshal(files[dir+"bandeau.json"], &b); err != nil {
			t.Fatal(err)
		}
		for _, d := range b.Directives {
			if !strings.Contains(s, htmlText(d.Title)) {
				t.Errorf("%s lacks the urgent directive %q", p, d.Title)
			}
		}
		var c struct {
			Levels []struct {
				Periods []struct {
					Slots []struct {
						Start string `json:"debut"`
					} `json:"creneaux"`
				} `json:"periodes"`
			} `json:"niveaux"`
		}
		json.Unmarshal(files[dir+"creneaux.json"], &c)
		slots := 0
		for _, l := range c.Levels {
			if len(l.Periods) > 0 {
				slots += len(l.Periods[0].Slots)
			}
		}
		if got := len(regexp.MustCompile(`\dh\d* – `).FindAllString(s, -1)); slots > 0 && got == 0 {
			t.Errorf("%s shows no slot, its creneaux.json has %d", p, slots)
		}
	}
	if n != 30 || nc != 4 {
		t.Errorf("%d académies' and %d collectivités' ENT saturé pages, want one for each of the 30 académies and the 4 collectivités", n, nc)
	}
}

// checkSelfContained holds the ENT saturé page p to what every one must be.
func checkSelfContained(t *testing.T, p string, data []byte) {
	t.Helper()
	if gz := gzipSize(t, data); gz > errorpage.MaxGzip {
		t.Errorf("%s is %d bytes gzip-compressed, over %d", p, gz, errorpage.MaxGzip)
	}
	if len(data) > 15000 {
		t.Errorf("%s is %d bytes: over 15000, HAProxy's errorfile (16 KB buffer with the header block) may refuse it", p, len(data))
	}
	s := string(data)
	for _, bad := range []string{" src=", "<script", "<link", "<iframe", "<img", "url(", "@import"} {
		if strings.Contains(s, bad) {
			t.Errorf("%s holds %q: it must load nothing", p, bad)
		}
	}
	if strings.Count(s, "<style>") != 1 || !strings.Contains(s, "<style>"+errorpage.Style+"</style>") || !strings.Contains(html.UnescapeString(s), `<meta http-equiv="Content-Security-Policy" content="`+errorpage.CSP()+`">`) {
		t.Errorf("%s: its style is not the one its policy allows", p)
	}
	if CheckPage(bytes.Replace(data, []byte("<style>"+errorpage.Style+"</style>"), nil, 1)) != nil {
		t.Errorf("%s: %q", p, CheckPage(data))
	}
	if !strings.Contains(s, "L’ENT est très sollicité") || !strings.Contains(s, "Page faite le ") {
		t.Errorf("%s lacks its heading or its date", p)
	}
	if strings.Contains(s, " – <") || strings.Contains(s, "> – ") {
		t.Errorf("%s writes a slot without its start or its end", p)
	}
}

// The kinds of school whose ENT each shipped collectivité runs
// (content/collectivites/*/_index.md), as the page heads them, and a
// slot each page must show.
var collectiviteKinds = map[string]struct {
	kinds []string
	slot  string
}{
	"creuse":             {[]string{"Collège", "École"}, "<td>6e</td><td>non précisé</td><td>8h30 – 17h</td><td>avant 8h30, à partir de 17h</td>"},
	"eure":               {[]string{"Collège"}, "<td>6e</td><td>"},
	"ile-de-france":      {[]string{"Lycée", "Lycée professionnel", "Cité scolaire"}, "<td>seconde</td><td>non précisé</td><td>8h – 11h</td>"},
	"nouvelle-aquitaine": {[]string{"Lycée", "Lycée professionnel", "Lycée agricole"}, "<td>seconde</td><td>non précisé</td><td>8h – 11h, à partir de 20h (accès libre)</td><td>accès suspendu</td>"},
}

var h3RE = regexp.MustCompile(`<h3>([^<]*)</h3>`)

// checkCollectivitePage checks that a collectivité's page shows the kinds
// of school its ENT serves, and only those, in each of its sections.
func checkCollectivitePage(t *testing.T, p string, data []byte) {
	t.Helper()
	slug := strings.Split(p, "/")[1]
	want, ok := collectiviteKinds[slug]
	if !ok {
		t.Errorf("%s: a collectivité this test does not know", p)
		return
	}
	s := string(data)
	var got []string
	for _, m := range h3RE.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(got, m[1]) {
			got = append(got, m[1])
		}
	}
	if !slices.Equal(got, want.kinds) {
		t.Errorf("%s shows the kinds %q, want %q", p, got, want.kinds)
	}
	if !strings.Contains(s, want.slot) {
		t.Errorf("%s lacks %s", p, want.slot)
	}
}

// htmlText is s as html/template writes it in text.
func htmlText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&#39;", `"`, "&#34;")
	return r.Replace(s)
}
