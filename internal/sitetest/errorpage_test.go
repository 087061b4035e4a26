package sitetest

import (
	"bytes"
	"encoding/json"
	"html"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/errorpage"
)

// TestErrorPagesSelfContained checks the "ENT saturé" page of every
// académie of the shipped site: one per académie, under the size budget
// gzip-compressed and under HAProxy's buffer raw (errorfile), nothing
// loaded from anywhere (no src, no stylesheet link, no script), its one
// style the one its own policy allows by hash, and it shows the académie's
// urgent directives and the slots of its creneaux.json.
func TestErrorPagesSelfContained(t *testing.T) {
	t.Parallel()
	res := Shipped(t)
	files := outputs(res)
	n := 0
	for p, data := range files {
		if path.Base(p) != errorpage.FileName {
			continue
		}
		n++
		dir := path.Dir(p) + "/"
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
		if !strings.Contains(s, "L’ENT est très sollicité") || !strings.Contains(s, "Page faite le ") {
			t.Errorf("%s lacks its heading or its date", p)
		}
	}
	if n != 30 {
		t.Errorf("%d ENT saturé pages, want one for each of the 30 académies", n)
	}
}

// htmlText is s as html/template writes it in text.
func htmlText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&#39;", `"`, "&#34;")
	return r.Replace(s)
}
