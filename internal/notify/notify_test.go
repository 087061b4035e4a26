package notify

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/site"
)

var now = time.Date(2020, 3, 23, 9, 0, 0, 0, time.FixedZone("CET", 3600))

func directive(id, title string) site.BannerDirective {
	return site.BannerDirective{
		ID:        "tag:relais.example.fr,2020-03-20:" + id,
		Title:     title,
		Summary:   "Un résumé.",
		Issuer:    site.BannerIssuer{Kind: "academie", ID: "paris", Name: "académie de Paris"},
		Published: "2020-03-20T18:00:00+01:00",
		Expires:   "2020-04-03",
		URL:       "https://relais.example.fr/academies/paris/directives/" + id + "/",
	}
}

// writeBuild writes the bandeau.json files of a build: académie -> its
// urgent directives.
func writeBuild(t *testing.T, dir string, banners map[string][]site.BannerDirective) {
	t.Helper()
	for ac, ds := range banners {
		b := site.BannerData{Version: 1, Academy: site.BannerAcademy{ID: ac, Name: ac}, Directives: ds}
		data, _ := json.Marshal(b)
		p := filepath.Join(dir, "academies", ac, "bandeau.json")
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// receiver is a hub or webhook on loopback that records what it gets;
// fail answers the first requests with a status.
type receiver struct {
	mu     sync.Mutex
	bodies []string
	heads  []http.Header
	fail   []int
	srv    *httptest.Server
}

func newReceiver(t *testing.T, fail ...int) *receiver {
	r := &receiver{fail: fail}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		if req.Method != http.MethodPost {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		if len(r.fail) > 0 {
			code := r.fail[0]
			r.fail = r.fail[1:]
			w.WriteHeader(code)
			return
		}
		r.bodies = append(r.bodies, string(body))
		r.heads = append(r.heads, req.Header.Clone())
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) got() ([]string, []http.Header) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.bodies), slices.Clone(r.heads)
}

var fast = Retry{Attempts: 3, Base: time.Millisecond, Max: 5 * time.Millisecond}

func TestHubsGetExactlyTheChangedFeeds(t *testing.T) {
	t.Parallel()
	hub1, hub2 := newReceiver(t), newReceiver(t, 503) // the second fails once
	changed := []string{
		"https://relais.example.fr/directives/",
		"https://relais.example.fr/directives/flux.xml",
		"https://relais.example.fr/directives/atom.xml",
		"https://relais.example.fr/directives/flux.json",
		"https://relais.example.fr/academies/paris/directives/flux.xml",
		"https://relais.example.fr/sitemap.xml",
	}
	res := Run(context.Background(), Options{Dir: t.TempDir(), Changed: changed, Retry: fast, Now: now,
		Notify: config.Notify{Hubs: []string{hub1.srv.URL + "/hub", hub2.srv.URL}}})
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %q", res.Problems)
	}
	want := []string{
		"hub.mode=publish&hub.url=https%3A%2F%2Frelais.example.fr%2Facademies%2Fparis%2Fdirectives%2Fflux.xml",
		"hub.mode=publish&hub.url=https%3A%2F%2Frelais.example.fr%2Fdirectives%2Fatom.xml",
		"hub.mode=publish&hub.url=https%3A%2F%2Frelais.example.fr%2Fdirectives%2Fflux.xml",
	}
	for i, h := range []*receiver{hub1, hub2} {
		bodies, heads := h.got()
		if !slices.Equal(bodies, want) {
			t.Errorf("hub %d got %q, want %q", i+1, bodies, want)
		}
		for _, hd := range heads {
			if hd.Get("Content-Type") != "application/x-www-form-urlencoded" {
				t.Errorf("hub %d: Content-Type %q", i+1, hd.Get("Content-Type"))
			}
		}
	}
	if res.Pings != 6 || res.Hubs != 2 || len(res.Feeds) != 3 {
		t.Errorf("result %+v", res)
	}
}

func TestFailedHubIsReportedNotFatal(t *testing.T) {
	t.Parallel()
	hub := newReceiver(t, 503, 503, 503, 503, 503, 503)
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close() // nothing listens there any more
	res := Run(context.Background(), Options{Dir: t.TempDir(), Retry: fast, Now: now,
		Changed: []string{"https://relais.example.fr/directives/flux.xml", "https://relais.example.fr/directives/atom.xml"},
		Notify:  config.Notify{Hubs: []string{hub.srv.URL, gone.URL}}})
	if len(res.Problems) != 2 {
		t.Fatalf("problems %q, want one per hub", res.Problems)
	}
	if !strings.Contains(res.Problems[0], "le hub WebSub "+hub.srv.URL+" n’a pas reçu 2 flux sur 2 (HTTP 503)") {
		t.Errorf("problem %q", res.Problems[0])
	}
	if bodies, _ := hub.got(); len(bodies) != 0 || len(hub.fail) != 3 {
		t.Errorf("the hub failing 6 times in a row was tried %d times, want 3: the first feed's tries, then it is taken as down", 6-len(hub.fail))
	}
	if res.Pings != 0 {
		t.Errorf("%d pings counted", res.Pings)
	}
}

func TestWebhooksSignedOncePerChange(t *testing.T) {
	t.Parallel()
	dir, state := t.TempDir(), filepath.Join(t.TempDir(), ".relais", "notify-prod.json")
	const key = "clé de test"
	wh := newReceiver(t, 500) // fails once: retried
	a, b := directive("a", "Fermeture de l’ENT ce soir"), directive("b", "Créneaux avancés")
	national := directive("n", "Message du ministère")
	national.Issuer = site.BannerIssuer{Kind: "national", Name: "ministère de l’Éducation nationale"}
	national.URL = "https://relais.example.fr/directives/n/"
	writeBuild(t, dir, map[string][]site.BannerDirective{"paris": {a, b, national}, "lyon": {national}})
	env := func(k string) string {
		if k == "HOOK_KEY" {
			return key
		}
		return ""
	}
	opts := Options{Dir: dir, State: state, Retry: fast, Now: now, Getenv: env,
		Notify: config.Notify{Webhooks: []config.Webhook{{URL: wh.srv.URL + "/sms", KeyEnv: "HOOK_KEY"}}}}

	// No record yet: only the directives whose page the deploy changed.
	opts.Changed = []string{a.URL, national.URL, "https://relais.example.fr/"}
	res := Run(context.Background(), opts)
	if len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	bodies, heads := wh.got()
	if len(bodies) != 2 || res.Sent != 2 {
		t.Fatalf("%d messages, want 2 (a and the ministry's): %q", len(bodies), bodies)
	}
	var msgs []Message
	for i, body := range bodies {
		if !Verify(key, []byte(body), heads[i].Get(SignatureHeader)) {
			t.Errorf("message %d: signature %q does not verify", i, heads[i].Get(SignatureHeader))
		}
		if Verify("autre clé", []byte(body), heads[i].Get(SignatureHeader)) {
			t.Error("the signature verifies under another key")
		}
		if heads[i].Get("Content-Type") != "application/json" || heads[i].Get(EventHeader) != EventUrgent {
			t.Errorf("message %d headers %v", i, heads[i])
		}
		var m Message
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, m)
	}
	if msgs[0].Directive.ID != a.ID || msgs[0].Change != "nouvelle" || !slices.Equal(msgs[0].Academies, []string{"paris"}) {
		t.Errorf("first message %+v", msgs[0])
	}
	if msgs[1].Directive.ID != national.ID || !slices.Equal(msgs[1].Academies, []string{"lyon", "paris"}) {
		t.Errorf("second message %+v", msgs[1])
	}
	if msgs[0].SMS != "URGENT académie de Paris : Fermeture de l'ENT ce soir https://relais.example.fr/academies/paris/directives/a/" {
		t.Errorf("SMS %q", msgs[0].SMS)
	}

	// The same build deployed again: nothing new.
	if res := Run(context.Background(), opts); res.Sent != 0 || len(res.Problems) > 0 {
		t.Errorf("a second run sent %d messages (%q)", res.Sent, res.Problems)
	}
	// b is edited: it was known (recorded, not sent), so it is "modifiee";
	// a new directive c is "nouvelle", even though its page is not in
	// Changed: the record says it is news.
	b.Title = "Créneaux avancés d’une heure"
	c := directive("c", "Nouvelle consigne")
	writeBuild(t, dir, map[string][]site.BannerDirective{"paris": {a, b, c, national}, "lyon": {national}})
	opts.Changed = nil
	res = Run(context.Background(), opts)
	bodies, _ = wh.got()
	if res.Sent != 2 || len(bodies) != 4 {
		t.Fatalf("after the edit: %d sent, %d in all", res.Sent, len(bodies))
	}
	var mb, mc Message
	json.Unmarshal([]byte(bodies[2]), &mb)
	json.Unmarshal([]byte(bodies[3]), &mc)
	if mb.Directive.ID != b.ID || mb.Change != "modifiee" || mc.Directive.ID != c.ID || mc.Change != "nouvelle" {
		t.Errorf("after the edit: %s %s, %s %s", mb.Directive.ID, mb.Change, mc.Directive.ID, mc.Change)
	}
}

func TestWebhookFailuresAreKeptForNextDeploy(t *testing.T) {
	t.Parallel()
	dir, state := t.TempDir(), filepath.Join(t.TempDir(), "notify.json")
	wh := newReceiver(t, 502, 502, 502)
	a := directive("a", "Fermeture")
	writeBuild(t, dir, map[string][]site.BannerDirective{"paris": {a}})
	opts := Options{Dir: dir, State: state, Retry: fast, Now: now, Changed: []string{a.URL},
		Getenv: func(string) string { return "k" },
		Notify: config.Notify{Webhooks: []config.Webhook{{URL: wh.srv.URL, KeyEnv: "K"}, {URL: wh.srv.URL + "/sans-cle", KeyEnv: ""}}}}
	opts.Notify.Webhooks[1].KeyEnv = "VIDE"
	opts.Getenv = func(k string) string {
		if k == "K" {
			return "k"
		}
		return ""
	}
	res := Run(context.Background(), opts)
	if res.Sent != 0 || len(res.Problems) != 2 {
		t.Fatalf("sent %d, problems %q", res.Sent, res.Problems)
	}
	if !strings.Contains(res.Problems[0], "n’a pas reçu 1 message (HTTP 502) : il sera renvoyé au prochain déploiement") ||
		!strings.Contains(res.Problems[1], "la variable d’environnement VIDE, qui doit tenir sa clé, est vide") {
		t.Errorf("problems %q", res.Problems)
	}
	// Next deploy, nothing changed, the webhook is back: the message goes.
	opts.Changed = nil
	if res := Run(context.Background(), opts); res.Sent != 1 {
		t.Errorf("the failed message was not sent again: %+v", res)
	}
}

func TestSMS(t *testing.T) {
	t.Parallel()
	long := directive("l", strings.Repeat("Fermeture exceptionnelle des services numériques « ENT » ", 5))
	long.Issuer.Name = "région académique Auvergne-Rhône-Alpes"
	for _, d := range []site.BannerDirective{directive("a", "Fermeture de l’ENT"), long, directive("x", "Prix : 5 € [sic] — ^^")} {
		s := SMS(d)
		if n := gsmLen(s); n > SMSLength {
			t.Errorf("SMS of %d septets: %q", n, s)
		}
		for _, r := range s {
			if !strings.ContainsRune(gsmBasic, r) && !strings.ContainsRune(gsmExtended, r) {
				t.Errorf("SMS %q holds %q, outside GSM-7", s, r)
			}
		}
		if !strings.HasSuffix(s, " "+d.URL) || !strings.HasPrefix(s, "URGENT ") {
			t.Errorf("SMS %q lacks the warning or the whole address", s)
		}
	}
	if s := SMS(long); !strings.Contains(s, "...") || !strings.Contains(s, "région académique Auvergne-Rhone-Alpes : Fermeture") {
		t.Errorf("long SMS %q", s)
	}
}

// Verify reports whether sig (a SignatureHeader value) signs body under
// key, in constant time: what a receiver does.
func Verify(key string, body []byte, sig string) bool {
	want := Sign(key, body)
	return hmac.Equal([]byte(want), []byte(sig))
}
