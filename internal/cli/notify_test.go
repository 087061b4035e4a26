package cli

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestDeployPingsHubs deploys with two hubs on loopback, one of which
// always fails: the working one is told of exactly the RSS and Atom feeds
// the deploy changed, the failure is reported in French, and the deploy
// still succeeds. A second deploy of the same build pings nothing.
func TestDeployPingsHubs(t *testing.T) {
	d := newDeploySite(t)
	var mu sync.Mutex
	var topics []string
	hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		v, _ := url.ParseQuery(string(body))
		if v.Get("hub.mode") != "publish" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		mu.Lock()
		topics = append(topics, v["hub.url"]...)
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(hub.Close)
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	}))
	t.Cleanup(broken.Close)
	cfg, _ := os.ReadFile(d.source + "/content/site.yaml")
	d.writeConfig(t, string(cfg)+"notify:\n  hubs: ["+hub.URL+"/, "+broken.URL+"/hub]\n")

	code, out, errs := d.deploy("--target", "production")
	if code != ExitOK {
		t.Fatalf("deploy with a failing hub: exit %d\n%s", code, errs)
	}
	var feeds []string
	for _, u := range strings.Fields(out) {
		if strings.HasSuffix(u, "/flux.xml") || strings.HasSuffix(u, "/atom.xml") {
			feeds = append(feeds, u)
		}
	}
	slices.Sort(feeds)
	mu.Lock()
	got := slices.Clone(topics)
	mu.Unlock()
	if len(feeds) == 0 || !slices.Equal(got, feeds) {
		t.Errorf("the hub was told of %q, want the changed feeds %q", got, feeds)
	}
	for _, want := range []string{"  WebSub : ", "signalés à 2 hubs", "relais deploy: attention, le hub WebSub " + broken.URL + "/hub n’a pas reçu", "(HTTP 502)", "(la publication, elle, est faite)"} {
		if !strings.Contains(errs, want) {
			t.Errorf("the summary lacks %q:\n%s", want, errs)
		}
	}

	code, _, errs = d.deploy("--target", "production")
	if code != ExitOK || !strings.Contains(errs, "WebSub : aucun flux modifié, aucun hub prévenu") {
		t.Errorf("second deploy: exit %d\n%s", code, errs)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(topics) != len(got) {
		t.Errorf("the second deploy pinged %q", topics[len(got):])
	}
}
