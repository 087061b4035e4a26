package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/hosting"
)

func decodeJSON(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

const base = "https://relais.example.fr"

type harness struct {
	t   *testing.T
	s3  *fakeS3
	cdn *purgeServer
	dir string
}

func newHarness(t *testing.T) *harness {
	return &harness{t: t, s3: newFakeS3(t), cdn: newPurgeServer(t), dir: filepath.Join(t.TempDir(), "public")}
}

func (h *harness) options() Options {
	tg := h.s3.target()
	tg.Purge = &config.Purge{URL: h.cdn.srv.URL + "/zones/${ZONE}/purge_cache", TokenEnv: "CDN_TOKEN", Batch: 5}
	return Options{
		Dir:        h.dir,
		Target:     tg,
		BaseURL:    base + "/",
		Headers:    testHeaders(300),
		Getenv:     testEnv(h.t, "ZONE", "z1", "CDN_TOKEN", "tok"),
		MaxDeletes: -1,
		Workers:    4,
		Retry:      Retry{Attempts: 4, Base: time.Millisecond, Max: 4 * time.Millisecond},
	}
}

// deploy runs a deploy and empties the logs before it.
func (h *harness) deploy(mod ...func(*Options)) (*Result, error) {
	h.t.Helper()
	h.s3.requests()
	h.cdn.urls()
	o := h.options()
	for _, m := range mod {
		m(&o)
	}
	return Run(context.Background(), o)
}

func (h *harness) mustDeploy(mod ...func(*Options)) *Result {
	h.t.Helper()
	res, err := h.deploy(mod...)
	if err != nil {
		h.t.Fatalf("deploy: %v", err)
	}
	return res
}

func uploadPaths(p *Plan) []string {
	var out []string
	for _, u := range p.Uploads {
		out = append(out, u.Path)
	}
	return out
}

func TestFirstDeployUploadsEverythingWithItsHeaders(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	res := h.mustDeploy()

	if res.Uploaded != len(published) || res.Deleted != 0 {
		t.Errorf("uploaded %d, deleted %d; want %d, 0", res.Uploaded, res.Deleted, len(published))
	}
	objs := h.s3.objects()
	if d := cmp.Diff(sorted(append(slices.Clone(published), recordName)), keys(objs)); d != "" {
		t.Errorf("stored keys (-want +got):\n%s", d)
	}
	for _, k := range published {
		want := testHeaders(300)(k)
		got := h.s3.stat(k)
		for _, name := range []string{"Content-Type", "Cache-Control"} {
			if got.Get(name) != want.Get(name) {
				t.Errorf("%s: %s = %q, want %q", k, name, got.Get(name), want.Get(name))
			}
		}
		if got.Get("X-Amz-Meta-Relais-Sha256") == "" || got.Get("X-Amz-Meta-Relais-Headers") == "" {
			t.Errorf("%s: no relais metadata in %v", k, got)
		}
	}
	for k, want := range map[string]string{
		"index.html":               "text/html; charset=utf-8",
		"academies/paris/flux.xml": "application/xml; charset=utf-8",
		"academies/paris/4e.ics":   "text/calendar; charset=utf-8",
		"assets/css/site.1111.css": "text/css; charset=utf-8",
	} {
		if got := h.s3.stat(k).Get("Content-Type"); got != want {
			t.Errorf("%s: Content-Type %q, want %q", k, got, want)
		}
	}
	if got := h.s3.stat("assets/css/site.1111.css").Get("Cache-Control"); got != hosting.Immutable {
		t.Errorf("asset Cache-Control = %q", got)
	}

	// Order: every asset before any other file, feeds/data/calendars before
	// pages, the sitemap and robots.txt last.
	order := uploadPaths(res.Plan)
	want := []string{
		"assets/css/site.1111.css", "assets/js/ouvert.a1b2.js",
		"academies/paris/atom.xml", "academies/paris/flux.json", "academies/paris/flux.xml",
		"academies/paris/creneaux.json", "academies/paris/4e.ics", ".well-known/security.txt",
		"academies/paris/4e/index.html", "academies/paris/index.html", "404.html", "index.html",
		"robots.txt", "sitemap.xml",
	}
	if d := cmp.Diff(want, order); d != "" {
		t.Errorf("plan order (-want +got):\n%s", d)
	}
	// New files are purged too (a CDN may hold a 404 for them); new assets
	// are not.
	if slices.ContainsFunc(res.Changed, func(u string) bool { return strings.Contains(u, "/assets/") }) {
		t.Errorf("new assets purged: %v", res.Changed)
	}
	if !res.Purged || len(res.Changed) != len(published)-2 {
		t.Errorf("changed = %d URLs, purged %v", len(res.Changed), res.Purged)
	}
}

func TestOrderOfRequests(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	h.mustDeploy(func(o *Options) { o.Workers = 8 })
	log := writes(h.s3.requests())
	last := map[int]int{}
	first := map[int]int{}
	for i, l := range log {
		ph := phaseOf(strings.TrimPrefix(l, "PUT "))
		if _, ok := first[ph]; !ok {
			first[ph] = i
		}
		last[ph] = i
	}
	for ph := phaseAssets; ph < phaseSitemap; ph++ {
		if last[ph] > first[ph+1] {
			t.Errorf("a %s upload came after a %s upload:\n%s", phases[ph], phases[ph+1], strings.Join(log, "\n"))
		}
	}
}

func TestSecondDeployUploadsNothing(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	h.mustDeploy()
	res := h.mustDeploy()
	if res.Uploaded != 0 || res.Deleted != 0 || len(res.Changed) != 0 || res.Plan.Unchanged != len(published) {
		t.Errorf("second deploy: uploaded %d, deleted %d, changed %v, unchanged %d", res.Uploaded, res.Deleted, res.Changed, res.Plan.Unchanged)
	}
	log := h.s3.requests()
	for _, l := range log {
		if !strings.HasPrefix(l, "LIST") && !strings.HasPrefix(l, "GET "+recordName) {
			t.Errorf("unexpected request %q: an unchanged deploy lists the bucket and reads the record, nothing else", l)
		}
	}
	if got := h.cdn.urls(); len(got) != 0 {
		t.Errorf("purged %v", got)
	}
}

func TestEditUploadsAndPurgesOnlyWhatChanged(t *testing.T) {
	h := newHarness(t)
	files := siteV1()
	writeSite(t, h.dir, files)
	h.mustDeploy()

	// A new directive of Paris changes the académie's page and its feeds.
	files["academies/paris/index.html"] = page("1111", "Paris : nouvelle directive")
	files["academies/paris/flux.xml"] = "<rss>2</rss>"
	files["academies/paris/atom.xml"] = "<feed>2</feed>"
	writeSite(t, h.dir, files)
	res := h.mustDeploy()

	want := []string{"academies/paris/atom.xml", "academies/paris/flux.xml", "academies/paris/index.html"}
	if d := cmp.Diff(want, uploadPaths(res.Plan)); d != "" {
		t.Errorf("uploads (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"PUT academies/paris/atom.xml", "PUT academies/paris/flux.xml", "PUT academies/paris/index.html"}, sorted(writes(h.s3.requests()))); d != "" {
		t.Errorf("writes (-want +got):\n%s", d)
	}
	wantURLs := []string{base + "/academies/paris/atom.xml", base + "/academies/paris/flux.xml", base + "/academies/paris/"}
	if d := cmp.Diff(wantURLs, h.cdn.urls()); d != "" {
		t.Errorf("purged (-want +got):\n%s", d)
	}
	if d := cmp.Diff(wantURLs, res.Changed); d != "" {
		t.Errorf("changed (-want +got):\n%s", d)
	}
	h.cdn.mu.Lock()
	auth := h.cdn.hdr[0].Get("Authorization")
	h.cdn.mu.Unlock()
	if auth != "Bearer tok" {
		t.Errorf("Authorization = %q", auth)
	}
	if objs := h.s3.objects(); objs["academies/paris/index.html"] != files["academies/paris/index.html"] {
		t.Error("the page was not replaced")
	}
}

func sorted(s []string) []string { slices.Sort(s); return s }

func TestRemovedPageIsDeletedLast(t *testing.T) {
	h := newHarness(t)
	files := siteV1()
	writeSite(t, h.dir, files)
	h.mustDeploy()

	delete(files, "academies/paris/4e/index.html")
	delete(files, "academies/paris/4e.ics")
	files["academies/paris/index.html"] = page("1111", "Paris")
	files["sitemap.xml"] = "<urlset>2</urlset>"
	writeSite(t, h.dir, files)
	res := h.mustDeploy()

	log := writes(h.s3.requests())
	want := []string{"PUT academies/paris/index.html", "PUT sitemap.xml", "DELETE academies/paris/4e/index.html", "DELETE academies/paris/4e.ics"}
	if d := cmp.Diff(want, log); d != "" {
		t.Errorf("writes in order (-want +got):\n%s", d)
	}
	if res.Deleted != 2 {
		t.Errorf("deleted %d", res.Deleted)
	}
	got := h.cdn.urls()
	for _, u := range []string{base + "/academies/paris/4e/", base + "/academies/paris/4e.ics"} {
		if !slices.Contains(got, u) {
			t.Errorf("purge lacks %s: %v", u, got)
		}
	}
	if _, ok := h.s3.objects()["academies/paris/4e/index.html"]; ok {
		t.Error("the removed page is still in the bucket")
	}
}

// bigSite is siteV1 with n more pages.
func bigSite(n int) map[string]string {
	files := siteV1()
	for i := range n {
		files[fmt.Sprintf("directives/d%02d/index.html", i)] = page("1111", fmt.Sprintf("directive %d", i))
	}
	return files
}

func TestTooManyDeletesChangeNothing(t *testing.T) {
	h := newHarness(t)
	files := bigSite(20) // 34 files: the limit is 10
	writeSite(t, h.dir, files)
	h.mustDeploy()
	before := h.s3.objects()

	for i := range 11 {
		delete(files, fmt.Sprintf("directives/d%02d/index.html", i))
	}
	files["index.html"] = page("1111", "changed")
	writeSite(t, h.dir, files)
	res, err := h.deploy()
	var tm *TooManyDeletesError
	if !errors.As(err, &tm) || tm.Deletes != 11 || tm.Max != 10 {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "refusing to delete 11 objects") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("message: %q", err)
	}
	if w := writes(h.s3.requests()); len(w) != 0 {
		t.Errorf("writes after a refusal: %v", w)
	}
	if d := cmp.Diff(before, h.s3.objects()); d != "" {
		t.Errorf("bucket changed (-before +after):\n%s", d)
	}
	if res.Plan == nil || len(res.Plan.Deletes) != 11 {
		t.Error("the refused plan is not returned")
	}

	// A limit given, or --force, lets it through.
	if _, err := h.deploy(func(o *Options) { o.MaxDeletes = 11 }); err != nil {
		t.Fatal(err)
	}
	if n := len(h.s3.objects()); n != len(files)-6+1 {
		t.Errorf("%d objects after the deploy", n)
	}
	// --max-deletes 0 refuses any delete.
	delete(files, "directives/d19/index.html")
	writeSite(t, h.dir, files)
	if _, err := h.deploy(func(o *Options) { o.MaxDeletes = 0 }); !errors.As(err, &tm) {
		t.Errorf("max 0: err = %v", err)
	}
	if _, err := h.deploy(func(o *Options) { o.MaxDeletes = 0; o.Force = true }); err != nil {
		t.Errorf("force: %v", err)
	}
}

// siteV2 is siteV1 after a change of the stylesheet: a new asset name in
// every page, a new page, a page and its calendar removed.
func siteV2() map[string]string {
	files := siteV1()
	delete(files, "assets/css/site.1111.css")
	files["assets/css/site.2222.css"] = "body{color:#222}"
	for k, v := range files {
		if strings.HasSuffix(k, ".html") {
			files[k] = strings.ReplaceAll(v, "site.1111.css", "site.2222.css")
		}
	}
	files["academies/paris/3e/index.html"] = page("2222", "3e")
	delete(files, "academies/paris/4e/index.html")
	delete(files, "academies/paris/4e.ics")
	files["sitemap.xml"] = "<urlset>2</urlset>"
	return files
}

// cancelAfter is a transport that cancels a deploy after n uploads of
// site files have been answered.
type cancelAfter struct {
	n      int32
	done   atomic.Int32
	cancel context.CancelFunc
}

func (c *cancelAfter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil && r.Method == http.MethodPut && !strings.HasSuffix(r.URL.Path, recordName) && resp.StatusCode == 200 {
		if c.done.Add(1) >= c.n {
			c.cancel()
		}
	}
	return resp, err
}

func TestInterruptedDeployLeavesEveryPageWithItsAssets(t *testing.T) {
	// Plan once to know how many transfers v2 takes.
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	h.mustDeploy()
	writeSite(t, h.dir, siteV2())
	plan, err := h.deploy(func(o *Options) { o.DryRun = true })
	if err != nil {
		t.Fatal(err)
	}
	n := len(plan.Plan.Uploads)
	if n != 6 || len(plan.Plan.Deletes) != 3 {
		t.Fatalf("plan: %d uploads, %d deletes", n, len(plan.Plan.Deletes))
	}

	for stop := 1; stop <= n; stop++ {
		t.Run(fmt.Sprint("after ", stop), func(t *testing.T) {
			h := newHarness(t)
			writeSite(t, h.dir, siteV1())
			h.mustDeploy()
			writeSite(t, h.dir, siteV2())
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			o := h.options()
			o.Workers = 3
			o.Transport = &cancelAfter{n: int32(stop), cancel: cancel}
			res, err := Run(ctx, o)
			var ie *InterruptedError
			switch {
			case stop == n && err == nil:
				// The last upload was answered before the cancel was seen.
			case !errors.As(err, &ie):
				t.Fatalf("err = %v", err)
			case res.Deleted != 0 && stop < n:
				t.Errorf("deleted %d objects before every upload was done", res.Deleted)
			}
			objs := h.s3.objects()
			checkPagesWhole(t, objs)
			if _, ok := objs["academies/paris/4e.ics"]; !ok && stop < n {
				t.Error("a delete happened before the uploads were done")
			}

			// The next deploy finishes the job, and purges every URL the
			// cut-off one changed, though they are now unchanged.
			if _, err = h.deploy(); err != nil {
				t.Fatal(err)
			}
			purged := h.cdn.urls()
			for _, u := range plan.Plan.Purge {
				if !slices.Contains(purged, u) {
					t.Errorf("%s was not purged after the cut-off (purged %v)", u, purged)
				}
			}
			objs = h.s3.objects()
			checkPagesWhole(t, objs)
			for k, v := range siteV2() {
				if slices.Contains(published, k) || strings.HasPrefix(k, "assets/") || k == "academies/paris/3e/index.html" {
					if objs[k] != v {
						t.Errorf("%s not deployed after the second run", k)
					}
				}
			}
			if _, ok := objs["assets/css/site.1111.css"]; ok {
				t.Error("the old stylesheet was not deleted")
			}
		})
	}
}

func TestMissingCredentials(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	home := t.TempDir()
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"none", map[string]string{"HOME": home}, "no credentials for the bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"},
		{"half", map[string]string{"HOME": home, "AWS_ACCESS_KEY_ID": "AKIDTEST"}, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"},
		{"profile without file", map[string]string{"HOME": home, "AWS_PROFILE": "academie"}, `AWS_PROFILE is "academie", but there is no credentials file`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.deploy(func(o *Options) { o.Getenv = func(k string) string { return tc.env[k] } })
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line starting %q", err, tc.want)
			}
			if log := h.s3.requests(); len(log) != 0 {
				t.Errorf("requests without credentials: %v", log)
			}
		})
	}
}

func TestCredentialsFile(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".aws"), 0o700); err != nil {
		t.Fatal(err)
	}
	ini := "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n\n[academie]\naws_access_key_id = AKIDACADEMIE\naws_secret_access_key = s2\n"
	if err := os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env     map[string]string
		wantKey string
		wantErr string
	}{
		{map[string]string{"HOME": home}, "AKIDDEFAULT", ""},
		{map[string]string{"HOME": home, "AWS_PROFILE": "academie"}, "AKIDACADEMIE", ""},
		{map[string]string{"HOME": home, "AWS_PROFILE": "region"}, "", `AWS_PROFILE is "region", but ` + filepath.Join(home, ".aws", "credentials") + " has no [region] section"},
		{map[string]string{"HOME": home, "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s3"}, "AKIDENV", ""},
	} {
		v, err := credentialsFrom(func(k string) string { return tc.env[k] })
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("%v: err = %v, want %q", tc.env, err, tc.wantErr)
			}
			continue
		}
		if err != nil || v.AccessKeyID != tc.wantKey {
			t.Errorf("%v: key %q, %v; want %q", tc.env, v.AccessKeyID, err, tc.wantKey)
		}
	}
	// And a deploy with the profile works.
	if _, err := h.deploy(func(o *Options) {
		env := testEnv(t, "HOME", home, "AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", "", "AWS_PROFILE", "academie", "ZONE", "z", "CDN_TOKEN", "t")
		o.Getenv = env
	}); err != nil {
		t.Fatal(err)
	}
}

func TestUnreachableEndpoint(t *testing.T) {
	h := newHarness(t)
	files := bigSite(12)
	writeSite(t, h.dir, files)
	// A port nothing listens on: start a server and close it.
	dead := newFakeS3(t)
	dead.srv.Close()
	_, err := h.deploy(func(o *Options) { o.Target.Endpoint = dead.srv.URL })
	if err == nil || !strings.HasPrefix(err.Error(), "cannot reach "+dead.srv.URL+": ") || !strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v", err)
	}
}

func TestNoSuchBucket(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	_, err := h.deploy(func(o *Options) { o.Target.Bucket = "nope-bucket" })
	want := fmt.Sprintf("bucket %q does not exist at %s", "nope-bucket", h.s3.srv.URL)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
}

func TestBucketThatRefusesWritesDeletesNothing(t *testing.T) {
	h := newHarness(t)
	files := siteV1()
	writeSite(t, h.dir, files)
	h.mustDeploy()

	delete(files, "academies/paris/4e/index.html")
	files["index.html"] = page("1111", "changed")
	writeSite(t, h.dir, files)
	h.s3.setFail(func(r *http.Request, key string) (int, string) {
		if r.Method == http.MethodPut {
			return http.StatusForbidden, "AccessDenied"
		}
		return 0, ""
	})
	_, err := h.deploy()
	// The first write is the record's, or the new page's.
	want := fmt.Sprintf("%s refused to write s3://%s/", h.s3.srv.URL, h.s3.bucket)
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "(AccessDenied: injected AccessDenied): check that the credentials may list, read, write and delete objects") || strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	h.s3.setFail(nil)
	if _, ok := h.s3.objects()["academies/paris/4e/index.html"]; !ok {
		t.Error("a page was deleted by a deploy that could not write")
	}
	if got := h.cdn.urls(); len(got) != 0 {
		t.Errorf("purged %v after a failed deploy", got)
	}
}

func TestThrottlingIsRetried(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	var mu sync.Mutex
	tries := map[string]int{}
	h.s3.setFail(func(r *http.Request, key string) (int, string) {
		if r.Method != http.MethodPut {
			return 0, ""
		}
		mu.Lock()
		defer mu.Unlock()
		tries[key]++
		switch tries[key] {
		case 1:
			return http.StatusServiceUnavailable, "SlowDown"
		case 2:
			return http.StatusTooManyRequests, "TooManyRequests"
		case 3:
			if key == "index.html" {
				return http.StatusInternalServerError, "InternalError"
			}
		}
		return 0, ""
	})
	res := h.mustDeploy()
	if res.Uploaded != len(published) {
		t.Errorf("uploaded %d", res.Uploaded)
	}
	if tries["index.html"] != 4 || tries["sitemap.xml"] != 3 {
		t.Errorf("tries: index.html %d, sitemap.xml %d", tries["index.html"], tries["sitemap.xml"])
	}

	// An error that lasts ends the deploy after the attempts allowed.
	h.s3.setFail(func(r *http.Request, key string) (int, string) {
		if r.Method == http.MethodGet && key == "" {
			return http.StatusServiceUnavailable, "SlowDown"
		}
		return 0, ""
	})
	_, err := h.deploy()
	if err == nil || !strings.Contains(err.Error(), "answered SlowDown (503) to list") {
		t.Errorf("err = %v", err)
	}
}

func TestHeaderRulesChangeReuploads(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	h.mustDeploy()

	// The editor shortens html_max_age: same bytes, new Cache-Control.
	res := h.mustDeploy(func(o *Options) { o.Headers = testHeaders(60) })
	if res.Uploaded != len(published)-2 {
		t.Errorf("uploaded %d, want every file but the assets", res.Uploaded)
	}
	for _, u := range res.Plan.Uploads {
		if u.Reason != "headers" {
			t.Errorf("%s uploaded for %q", u.Path, u.Reason)
		}
	}
	if got := h.s3.stat("index.html").Get("Cache-Control"); got != "public, max-age=60, stale-while-revalidate=86400, stale-if-error=86400" {
		t.Errorf("Cache-Control = %q", got)
	}
	if res := h.mustDeploy(func(o *Options) { o.Headers = testHeaders(60) }); res.Uploaded != 0 {
		t.Errorf("then uploaded %d", res.Uploaded)
	}
}

func TestHeaderChangeCutOffThenReverted(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	h.mustDeploy() // max-age 300

	// A deploy with max-age 60 is cut off after 3 uploads...
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := h.options()
	o.Headers = testHeaders(60)
	o.Workers = 1
	o.Transport = &cancelAfter{n: 3, cancel: cancel}
	if _, err := Run(ctx, o); err == nil {
		t.Fatal("not interrupted")
	}
	// ...then the editor goes back to 300: the objects stored with 60 must
	// be found and stored again.
	h.mustDeploy()
	for _, k := range published {
		if got, want := h.s3.stat(k).Get("Cache-Control"), testHeaders(300)(k).Get("Cache-Control"); got != want {
			t.Errorf("%s: Cache-Control %q, want %q", k, got, want)
		}
	}
}

func TestForeignObjectsAreChecked(t *testing.T) {
	// Objects put there by another tool, with the same bytes but without
	// relais metadata, and no record: each is checked and stored again.
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	c := h.s3.client()
	for _, k := range []string{"index.html", "robots.txt"} {
		data := siteV1()[k]
		if _, err := c.PutObject(context.Background(), h.s3.bucket, k, strings.NewReader(data), int64(len(data)), minioPutPlain()); err != nil {
			t.Fatal(err)
		}
	}
	res := h.mustDeploy()
	reasons := map[string]string{}
	for _, u := range res.Plan.Uploads {
		reasons[u.Path] = u.Reason
	}
	if reasons["index.html"] != "headers" || reasons["robots.txt"] != "headers" || reasons["404.html"] != "new" {
		t.Errorf("reasons = %v", reasons)
	}
	if got := h.s3.stat("index.html").Get("Cache-Control"); got == "" {
		t.Error("no Cache-Control")
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	h.mustDeploy()
	before := h.s3.objects()
	writeSite(t, h.dir, siteV2())
	res, err := h.deploy(func(o *Options) { o.DryRun = true })
	if err != nil {
		t.Fatal(err)
	}
	p := res.Plan
	if len(p.Uploads) == 0 || len(p.Deletes) != 3 || p.Bytes == 0 || len(p.Purge) == 0 || res.Uploaded != 0 || res.Deleted != 0 || res.Purged {
		t.Errorf("dry run: %d uploads, %d deletes, %d bytes, %d purges; did %d/%d, purged %v", len(p.Uploads), len(p.Deletes), p.Bytes, len(p.Purge), res.Uploaded, res.Deleted, res.Purged)
	}
	if w := writes(h.s3.requests()); len(w) != 0 {
		t.Errorf("writes in a dry run: %v", w)
	}
	if got := h.cdn.urls(); len(got) != 0 {
		t.Errorf("purged in a dry run: %v", got)
	}
	if d := cmp.Diff(before, h.s3.objects()); d != "" {
		t.Errorf("bucket changed (-before +after):\n%s", d)
	}
	wantDeletes := []string{"academies/paris/4e/index.html", "academies/paris/4e.ics", "assets/css/site.1111.css"}
	var got []string
	for _, d := range p.Deletes {
		got = append(got, d.Path)
	}
	if d := cmp.Diff(wantDeletes, got); d != "" {
		t.Errorf("delete order (-want +got):\n%s", d)
	}
}

func TestPrefix(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	// Another site in the same bucket is not touched.
	c := h.s3.client()
	if _, err := c.PutObject(context.Background(), h.s3.bucket, "autre/index.html", strings.NewReader("x"), 1, minioPutPlain()); err != nil {
		t.Fatal(err)
	}
	h.mustDeploy(func(o *Options) { o.Target.Prefix = "paris/" })
	objs := h.s3.objects()
	if _, ok := objs["paris/index.html"]; !ok {
		t.Errorf("keys: %v", keys(objs))
	}
	if _, ok := objs["autre/index.html"]; !ok {
		t.Error("an object outside the prefix was deleted")
	}
	if _, ok := objs["paris/"+recordName]; !ok {
		t.Error("no record under the prefix")
	}
}

func TestNotABuild(t *testing.T) {
	h := newHarness(t)
	if _, err := h.deploy(); err == nil || !strings.Contains(err.Error(), "is not a build: run relais build first") {
		t.Errorf("missing folder: %v", err)
	}
	writeSite(t, h.dir, map[string]string{"a.txt": "x"})
	if _, err := h.deploy(); err == nil || !strings.Contains(err.Error(), "has no index.html") {
		t.Errorf("no index.html: %v", err)
	}
}

func TestProgress(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	var got []Progress
	res := h.mustDeploy(func(o *Options) { o.Progress = func(p Progress) { got = append(got, p) } })
	if len(got) != res.Uploaded {
		t.Fatalf("%d progress calls for %d uploads", len(got), res.Uploaded)
	}
	last := got[len(got)-1]
	if last.Done != last.Total || last.Bytes != last.TotalBytes || last.Phase != "sitemap" {
		t.Errorf("last progress = %+v", last)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Done != got[i-1].Done+1 || got[i].Bytes < got[i-1].Bytes {
			t.Errorf("progress %d after %d", got[i].Done, got[i-1].Done)
		}
	}
}

func TestInterruptedBeforeAnyChange(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	o := h.options()
	_, err := Run(ctx, o)
	if err == nil || err.Error() != "interrupted before any change: the bucket was not touched" {
		t.Errorf("err = %v", err)
	}
	if w := writes(h.s3.requests()); len(w) != 0 {
		t.Errorf("writes: %v", w)
	}
}

func TestAliasPagesCarryTheirRedirect(t *testing.T) {
	h := newHarness(t)
	files := siteV1()
	files["_redirects"] = "# old addresses\n/directives/ancien /directives/nouveau/ 301\n/vieux.html /nouveau/ 301\n"
	files["directives/ancien/index.html"] = "<p>Page déplacée</p>"
	files["vieux.html"] = "<p>Page déplacée</p>"
	writeSite(t, h.dir, files)
	h.mustDeploy()
	for k, want := range map[string]string{
		"directives/ancien/index.html": "/directives/nouveau/",
		"vieux.html":                   "/nouveau/",
		"index.html":                   "",
	} {
		if got := h.s3.stat(k).Get(websiteRedirect); got != want {
			t.Errorf("%s: %s = %q, want %q", k, websiteRedirect, got, want)
		}
	}

	// The same bytes leading elsewhere: uploaded again with the new
	// address.
	files["_redirects"] = "/directives/ancien /directives/autre/ 301\n/vieux.html /nouveau/ 301\n"
	writeSite(t, h.dir, files)
	res := h.mustDeploy()
	if d := cmp.Diff([]string{"directives/ancien/index.html"}, uploadPaths(res.Plan)); d != "" {
		t.Errorf("uploads (-want +got):\n%s", d)
	}
	if got := h.s3.stat("directives/ancien/index.html").Get(websiteRedirect); got != "/directives/autre/" {
		t.Errorf("after the change: %s = %q", websiteRedirect, got)
	}
}

func TestBytesOnlyEditLeavesARecordThatVouchesForEveryPath(t *testing.T) {
	// An edit that changes a file's bytes and not its headers: the record
	// written before the uploads stops vouching for the file, the final one
	// vouches for it again, so the next deploy needs no HEAD request and
	// purges nothing.
	h := newHarness(t)
	files := siteV1()
	writeSite(t, h.dir, files)
	h.mustDeploy()
	files["robots.txt"] = "User-agent: *\nDisallow:\n"
	writeSite(t, h.dir, files)
	if res := h.mustDeploy(); res.Uploaded != 1 {
		t.Fatalf("uploaded %d, want 1", res.Uploaded)
	}
	res := h.mustDeploy()
	for _, l := range h.s3.requests() {
		if l != "LIST" && l != "GET "+recordName {
			t.Errorf("unexpected request %q after a deploy that finished: the record does not vouch for what it stored", l)
		}
	}
	if got := h.cdn.urls(); len(got) != 0 || len(res.Changed) != 0 {
		t.Errorf("the next deploy purged %v again", got)
	}
}

// etagLiar is a store that answers the upload of one key with the ETag
// of other bytes, as a store that kept something else would.
type etagLiar struct {
	key string
	mu  sync.Mutex
	// puts are the site files whose upload was sent, in order.
	puts []string
}

func (l *etagLiar) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil || r.Method != http.MethodPut {
		return resp, err
	}
	key := r.URL.Path[strings.Index(r.URL.Path[1:], "/")+2:]
	if key != recordName {
		l.mu.Lock()
		l.puts = append(l.puts, key)
		l.mu.Unlock()
	}
	if key == l.key {
		resp.Header.Set("ETag", `"00000000000000000000000000000000"`)
	}
	return resp, err
}

func TestUploadWhoseETagDiffersStopsTheDeploy(t *testing.T) {
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprint(workers, " workers"), func(t *testing.T) {
			h := newHarness(t)
			writeSite(t, h.dir, siteV1())
			liar := &etagLiar{key: "academies/paris/flux.json"}
			res, err := h.deploy(func(o *Options) { o.Transport = liar; o.Workers = workers })
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a CorruptError", err)
			}
			if !strings.Contains(err.Error(), "s3://relais-test/academies/paris/flux.json") || !strings.Contains(err.Error(), "ETag 00000000000000000000000000000000") {
				t.Errorf("the error does not name the object and its ETag: %v", err)
			}
			// Nothing of a later phase was sent; with one worker, nothing
			// after it at all.
			i := slices.Index(liar.puts, liar.key)
			for _, p := range liar.puts[i+1:] {
				if workers == 1 || phaseOf(p) > phaseOf(liar.key) {
					t.Errorf("%s was uploaded after the corrupt %s", p, liar.key)
				}
			}
			for _, p := range liar.puts {
				if phaseOf(p) > phaseOf(liar.key) {
					t.Errorf("%s (phase %s) was uploaded though %s failed", p, phases[phaseOf(p)], liar.key)
				}
			}
			if res.Uploaded >= len(published) {
				t.Errorf("uploaded %d", res.Uploaded)
			}
			// The record does not vouch for the object: the next deploy
			// checks it (here the store did keep the right bytes).
			h.mustDeploy()
			if log := h.s3.requests(); !slices.Contains(log, "HEAD "+liar.key) {
				t.Errorf("the next deploy does not check %s: %v", liar.key, log)
			}
		})
	}
}

// putRecorder records the headers of every PUT.
type putRecorder struct {
	mu  sync.Mutex
	got []http.Header
}

func (p *putRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPut {
		p.mu.Lock()
		p.got = append(p.got, r.Header.Clone())
		p.mu.Unlock()
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestUploadsOverHTTPAreNotStreamed(t *testing.T) {
	// The fake store is on http://: uploads must not be signed in
	// streaming form (aws-chunked), and carry Content-MD5.
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	rec := &putRecorder{}
	h.mustDeploy(func(o *Options) { o.Transport = rec })
	if len(rec.got) != len(published)+2 { // and the record, before and after
		t.Fatalf("%d uploads", len(rec.got))
	}
	for _, hd := range rec.got {
		if strings.Contains(hd.Get("Content-Encoding"), "aws-chunked") || strings.HasPrefix(hd.Get("X-Amz-Content-Sha256"), "STREAMING-") || hd.Get("X-Amz-Decoded-Content-Length") != "" {
			t.Errorf("an upload is streamed: %v", hd)
		}
		if hd.Get("Content-Md5") == "" {
			t.Errorf("an upload lacks Content-MD5: %v", hd)
		}
	}
}

// opaqueETags is a store whose ETags are not MD5s (as S3 with SSE-KMS),
// and which, when corrupt, sends other bytes back for one key.
type opaqueETags struct {
	key     string
	corrupt bool
	mu      sync.Mutex
	gets    []string
}

func (o *opaqueETags) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		return resp, err
	}
	key := r.URL.Path[strings.Index(r.URL.Path[1:], "/")+2:]
	switch {
	case r.Method == http.MethodPut:
		resp.Header.Set("ETag", `"kms-`+fmt.Sprint(len(key))+`"`)
	case r.Method == http.MethodGet && key == o.key:
		o.mu.Lock()
		o.gets = append(o.gets, key)
		o.mu.Unlock()
		if o.corrupt {
			resp.Body.Close()
			resp.Body = io.NopCloser(strings.NewReader("<rss>autre chose</rss>"))
			resp.ContentLength = -1
			resp.Header.Del("Content-Length")
		}
	}
	return resp, err
}

func TestUploadWithOpaqueETagIsReadBack(t *testing.T) {
	for _, corrupt := range []bool{false, true} {
		t.Run(fmt.Sprint("corrupt ", corrupt), func(t *testing.T) {
			h := newHarness(t)
			writeSite(t, h.dir, siteV1())
			tr := &opaqueETags{key: "academies/paris/flux.xml", corrupt: corrupt}
			_, err := h.deploy(func(o *Options) { o.Transport = tr })
			if len(tr.gets) == 0 {
				t.Fatalf("%s was not read back (err %v)", tr.key, err)
			}
			var ce *CorruptError
			switch {
			case !corrupt && err != nil:
				t.Fatalf("deploy: %v", err)
			case corrupt && !errors.As(err, &ce):
				t.Fatalf("err = %v, want a CorruptError", err)
			case corrupt && !strings.Contains(err.Error(), tr.key) || corrupt && !strings.Contains(err.Error(), "SHA-256"):
				t.Errorf("the error does not name the object and the SHA-256: %v", err)
			}
		})
	}
}
