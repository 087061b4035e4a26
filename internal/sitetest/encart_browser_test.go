package sitetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/relais-ecoles/relais/internal/browsertest"
	"github.com/relais-ecoles/relais/internal/site"
)

// TestEmbedSmall: /encart.js stays under 5 KB gzip-compressed.
func TestEmbedSmall(t *testing.T) {
	t.Parallel()
	js := outputs(Shipped(t))["encart.js"]
	if len(js) == 0 {
		t.Fatal("the build has no encart.js")
	}
	if n := gzipSize(t, js); n > 5*1024 {
		t.Errorf("encart.js is %d bytes gzip-compressed, over 5 KB", n)
	}
	for _, bad := range []string{"document.cookie", "localStorage", "sessionStorage", "http://", "https://"} {
		if strings.Contains(string(js), bad) {
			t.Errorf("encart.js mentions %q: it keeps nothing and asks only its own origin", bad)
		}
	}
}

// TestEmbedOnAnotherOrigin: an ENT login page on another loopback origin
// (localhost, the site being on 127.0.0.1),
// with a strict policy of its own, embeds the banner script for the 4e of
// collège and for seconde of the shipped site, whose bandeau.json holds
// one urgent directive here. Chromium shows the urgent directive and the
// slots (at a fixed time: Monday 23 March 2020, 14:00 in Paris); the
// site's server sees its two JSON files asked cross-origin, without a
// cookie, and nothing else asked but the script.
func TestEmbedOnAnotherOrigin(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	res := Shipped(t)
	files := outputs(res)
	var b site.BannerData
	if err := json.Unmarshal(files["academies/paris/bandeau.json"], &b); err != nil {
		t.Fatal(err)
	}
	b.Directives = append(b.Directives, site.BannerDirective{ID: "tag:x,2020:y", Title: "Maintenance de l’ENT ce soir", Issuer: site.BannerIssuer{Kind: "academie", ID: "paris", Name: "académie de Paris"},
		Published: "2020-03-23T08:00:00+01:00", Expires: "2020-03-23", URL: "https://relais.example.fr/academies/paris/directives/maintenance/"})
	files["academies/paris/bandeau.json"], _ = json.Marshal(b)

	var mu sync.Mutex
	var asked []string
	var problems []string
	siteURL := serveFilesLikeHost(t, res, files, func(r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, r.URL.Path)
		if r.Header.Get("Cookie") != "" {
			problems = append(problems, "cookie sent to "+r.URL.Path)
		}
		if strings.HasSuffix(r.URL.Path, ".json") && r.Header.Get("Origin") == "" {
			problems = append(problems, r.URL.Path+" asked without Origin: not a cross-origin request")
		}
	})
	ent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src "+siteURL+"; connect-src "+siteURL+"; style-src 'self'")
		w.Header().Set("Set-Cookie", "session=ent-secret; Path=/")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="fr"><title>Connexion à l’ENT</title><h1>Connexion</h1>
<div id="college"><script src="%[1]s/encart.js" data-academie="paris" data-niveau="4e" data-etablissement="college" data-maintenant="2020-03-23T14:00:00+01:00" async></script></div>
<div id="lycee"><script src="%[1]s/encart.js" data-academie="paris" data-niveau="seconde" data-maintenant="2020-03-23T14:00:00+01:00" async></script></div>`, siteURL)
	}))
	t.Cleanup(ent.Close)
	// The ENT page is on another host name (cookies are per host, not
	// per port): its cookie must never reach the site.
	entURL := strings.Replace(ent.URL, "127.0.0.1", "localhost", 1)

	ctx := browsertest.New(t)
	console := browsertest.Problems(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(entURL+"/"), chromedp.WaitVisible("#lycee .relais-creneau"), chromedp.WaitVisible("#college .relais-creneau")); err != nil {
		t.Fatal(err)
	}
	college, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#college .relais-encart").innerText`))
	lycee, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#lycee .relais-encart").innerText`))
	for _, want := range []string{"Urgent : Maintenance de l’ENT ce soir", "4e : Connexion possible maintenant, jusqu’à 17h.", "Tous les horaires"} {
		if !strings.Contains(college, want) {
			t.Errorf("the collège banner lacks %q:\n%s", want, college)
		}
	}
	if want := "seconde : Prochain créneau : demain de 8h à 11h."; !strings.Contains(lycee, want) {
		t.Errorf("the lycée banner lacks %q:\n%s", want, lycee)
	}
	href, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#college .relais-creneau a").href`))
	if href != "https://relais.example.fr/academies/paris/4e/" {
		t.Errorf("the level link leads to %q", href)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range asked {
		if p != "/encart.js" && p != "/academies/paris/bandeau.json" && p != "/academies/paris/creneaux.json" {
			t.Errorf("the banner asked the site for %s", p)
		}
	}
	for _, p := range problems {
		t.Error(p)
	}
	for _, p := range console() {
		t.Errorf("the ENT page reports: %s", p)
	}
}
