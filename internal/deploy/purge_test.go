package deploy

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/config"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

var fastRetry = Retry{Attempts: 3, Base: time.Millisecond, Max: 2 * time.Millisecond}

func TestPurgeRequests(t *testing.T) {
	cdn := newPurgeServer(t)
	urls := []string{"https://x.fr/a/", "https://x.fr/b/", "https://x.fr/c.xml", "https://x.fr/d/", "https://x.fr/"}
	for _, tc := range []struct {
		name    string
		purge   config.Purge
		env     func(string) string
		batches [][]string
		header  string
		value   string
	}{
		{"one batch, bearer token", config.Purge{URL: cdn.srv.URL + "/zones/${ZONE}/purge_cache", TokenEnv: "CF_API_TOKEN", Batch: config.DefaultPurgeBatch},
			env("ZONE", "z1", "CF_API_TOKEN", "t0k"), [][]string{urls}, "Authorization", "Bearer t0k"},
		{"batches of 2, own header", config.Purge{URL: cdn.srv.URL + "/purge", TokenEnv: "BUNNY_KEY", TokenHeader: "AccessKey", Batch: 2},
			env("BUNNY_KEY", "k3y"), [][]string{urls[:2], urls[2:4], urls[4:]}, "AccessKey", "k3y"},
		{"no token", config.Purge{URL: cdn.srv.URL + "/hook", Batch: 30}, env(), [][]string{urls}, "Authorization", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := newPurger(&tc.purge, tc.env, http.DefaultClient, fastRetry)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.purge(context.Background(), urls); err != nil {
				t.Fatal(err)
			}
			cdn.mu.Lock()
			defer cdn.mu.Unlock()
			var got [][]string
			for i, r := range cdn.got {
				got = append(got, r.Files)
				if v := cdn.hdr[i].Get(tc.header); v != tc.value {
					t.Errorf("%s = %q, want %q", tc.header, v, tc.value)
				}
			}
			if d := cmp.Diff(tc.batches, got); d != "" {
				t.Errorf("batches (-want +got):\n%s", d)
			}
			cdn.got, cdn.hdr = nil, nil
		})
	}
}

func TestPurgeURLTemplate(t *testing.T) {
	p, err := newPurger(&config.Purge{URL: "https://api.cloudflare.com/client/v4/zones/${CF_ZONE_ID}/purge_cache", Batch: 30}, env("CF_ZONE_ID", "0123abcd"), http.DefaultClient, fastRetry)
	if err != nil || p.url != "https://api.cloudflare.com/client/v4/zones/0123abcd/purge_cache" {
		t.Errorf("url = %q, %v", p.url, err)
	}
	_, err = newPurger(&config.Purge{URL: "https://cdn/${ZONE}/purge", Batch: 30}, env(), http.DefaultClient, fastRetry)
	if err == nil || err.Error() != "the purge url of the target uses ${ZONE}, but the environment variable ZONE is not set" {
		t.Errorf("missing variable: %v", err)
	}
	_, err = newPurger(&config.Purge{URL: "https://cdn/purge", TokenEnv: "CDN_TOKEN", Batch: 30}, env(), http.DefaultClient, fastRetry)
	if err == nil || !strings.Contains(err.Error(), "the environment variable CDN_TOKEN, which is not set") {
		t.Errorf("missing token: %v", err)
	}
}

func TestPurgeErrors(t *testing.T) {
	cdn := newPurgeServer(t)
	p, err := newPurger(&config.Purge{URL: cdn.srv.URL, Batch: 30}, env(), http.DefaultClient, fastRetry)
	if err != nil {
		t.Fatal(err)
	}
	// Throttled, then accepted.
	cdn.status = []int{http.StatusTooManyRequests, http.StatusBadGateway}
	if err := p.purge(context.Background(), []string{"https://x.fr/"}); err != nil {
		t.Errorf("after 429 and 502: %v", err)
	}
	// Throttled with Retry-After: the wait asked for.
	cdn.mu.Lock()
	cdn.status, cdn.retryAfter = []int{http.StatusTooManyRequests}, "1"
	cdn.mu.Unlock()
	start := time.Now()
	if err := p.purge(context.Background(), []string{"https://x.fr/"}); err != nil {
		t.Errorf("after 429 with Retry-After: %v", err)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("retried after %v, not the 1s asked for", d)
	}
	cdn.retryAfter = ""

	// Refused: not retried, said on one line.
	cdn.status = []int{http.StatusForbidden, http.StatusForbidden}
	err = p.purge(context.Background(), []string{"https://x.fr/"})
	if err == nil || err.Error() != `the purge API of the CDN answered 403 Forbidden: {"success":false,"errors":[{"message":"injected"}]}` {
		t.Errorf("403: %v", err)
	}
	if len(cdn.status) != 1 {
		t.Errorf("a 403 was retried")
	}
}

func TestPurgeFailureAfterDeploy(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	h.cdn.status = []int{500, 500, 500, 500}
	res, err := h.deploy()
	if err == nil || !strings.HasPrefix(err.Error(), "the site is deployed, but the CDN purge failed: the purge API of the CDN answered 500") {
		t.Errorf("err = %v", err)
	}
	if res.Uploaded != len(published) || res.Purged || len(res.Changed) == 0 {
		t.Errorf("result: uploaded %d, purged %v, changed %d", res.Uploaded, res.Purged, len(res.Changed))
	}
	// The next deploy, with nothing to upload, sends them again; the one
	// after sends nothing.
	res, err = h.deploy()
	if err != nil || res.Uploaded != 0 || !res.Purged {
		t.Fatalf("next deploy: %v, uploaded %d, purged %v", err, res.Uploaded, res.Purged)
	}
	if d := cmp.Diff(res.Changed, h.cdn.urls()); d != "" || len(res.Changed) != len(published)-2 {
		t.Errorf("purged again (-want +got):\n%s", d)
	}
	if res = h.mustDeploy(); res.Purged || len(h.cdn.urls()) != 0 {
		t.Error("purged a third time")
	}
}
