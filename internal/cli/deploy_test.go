package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/relais-ecoles/relais/internal/deploy"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/publish"
)

// deploySite is a site folder whose content/site.yaml declares a target
// on an in-process S3 server, and a small site built into its public/
// with the repository's layouts and assets.
type deploySite struct {
	source, public string
	s3             *httptest.Server
	cdn            *httptest.Server
	mu             sync.Mutex
	purged         []string
}

const testBucket = "relais-test"

func newDeploySite(t *testing.T) *deploySite {
	t.Helper()
	d := &deploySite{source: t.TempDir()}
	d.public = filepath.Join(d.source, "public")

	backend := s3mem.New()
	if err := backend.CreateBucket(testBucket); err != nil {
		t.Fatal(err)
	}
	d.s3 = httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(d.s3.Close)
	d.cdn = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req deploy.PurgeRequest
		if r.Header.Get("Authorization") != "Bearer cdn-token" || json.NewDecoder(r.Body).Decode(&req) != nil {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		d.mu.Lock()
		d.purged = append(d.purged, req.Files...)
		d.mu.Unlock()
	}))
	t.Cleanup(d.cdn.Close)

	// A small site with the repository's layouts and assets.
	for _, dir := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(d.source, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	for p, text := range map[string]string{
		"content/guides/heures-creuses.md": "---\ntitle: Se connecter aux heures creuses\nsummary: Tôt le matin ou le soir, l'ENT répond plus vite.\naudiences: [parents, eleves]\nweight: 1\n---\nÉvitez les heures où tout le monde se connecte.\n",
		"content/guides/se-deconnecter.md": "---\ntitle: Se déconnecter après usage\naudiences: tous\nweight: 2\n---\nUne session ouverte occupe le serveur.\n",
		"content/pages/a-propos.md":        "---\ntitle: À propos\nfooter: true\n---\nCe site publie les créneaux de connexion.\n",
	} {
		fp := filepath.Join(d.source, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d.writeConfig(t, `title: relais test
base_url: https://relais.example.fr/
deploy:
  production:
    bucket: s3://`+testBucket+`/
    endpoint: `+d.s3.URL+`
    region: us-east-1
    purge:
      url: `+d.cdn.URL+`/zones/${CDN_ZONE}/purge_cache
      token_env: CDN_TOKEN
`)

	// Built with its .gz and .br variants and its host rule files, none
	// of which are uploaded.
	code, _, errs := run("build", "--source", d.source, "--dest", d.public, "--now", "2020-03-23T09:00:00+01:00", "--cache-dir", "", "--quiet")
	if code != ExitOK {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret-for-tests")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "")
	t.Setenv("CDN_ZONE", "zone-1")
	t.Setenv("CDN_TOKEN", "cdn-token")
	return d
}

func (d *deploySite) writeConfig(t *testing.T, cfg string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(d.source, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d.source, "content", "site.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (d *deploySite) deploy(args ...string) (int, string, string) {
	return run(append([]string{"deploy", "--source", d.source}, args...)...)
}

func (d *deploySite) client(t *testing.T) *minio.Client {
	c, err := minio.New(strings.TrimPrefix(d.s3.URL, "http://"), &minio.Options{Creds: credentials.NewStaticV4("AKIDTEST", "x", ""), Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (d *deploySite) keys(t *testing.T) []string {
	var out []string
	for o := range d.client(t).ListObjects(context.Background(), testBucket, minio.ListObjectsOptions{Recursive: true}) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		out = append(out, o.Key)
	}
	return out
}

func (d *deploySite) takePurged() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	p := d.purged
	d.purged = nil
	return p
}

func TestDeployABuild(t *testing.T) {
	d := newDeploySite(t)

	code, out, errs := d.deploy("--target", "production")
	if code != ExitOK {
		t.Fatalf("deploy: exit %d\n%s", code, errs)
	}
	keys := d.keys(t)
	for _, k := range keys {
		if strings.HasSuffix(k, ".gz") || strings.HasSuffix(k, ".br") || hosting.Private(k) {
			t.Errorf("%s was uploaded", k)
		}
	}
	if !slices.ContainsFunc(keys, func(k string) bool { return strings.HasPrefix(k, "assets/css/site.") }) {
		t.Errorf("no stylesheet in %v", keys)
	}
	for _, k := range []string{"index.html", "bonnes-pratiques/heures-creuses/index.html", "a-propos/index.html", "sitemap.xml", "robots.txt", ".relais-deploy.json"} {
		if !slices.Contains(keys, k) {
			t.Errorf("%s is not in the bucket", k)
		}
	}
	for _, p := range []string{"index.html.gz", "index.html.br", "_headers"} {
		if _, err := os.Stat(filepath.Join(d.public, p)); err != nil {
			t.Errorf("the build has no %s to leave out: %v", p, err)
		}
	}
	// Headers: those of the hosting rules (this server keeps Content-Type
	// but not Cache-Control: internal/deploy's tests check that one).
	info, err := d.client(t).StatObject(context.Background(), testBucket, "bonnes-pratiques/heures-creuses/index.html", minio.StatObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ct, cc := info.Metadata.Get("Content-Type"), info.Metadata.Get("Cache-Control"); ct != "text/html; charset=utf-8" || cc != "" && !strings.Contains(cc, "max-age=300") {
		t.Errorf("Content-Type = %q, Cache-Control = %q", ct, cc)
	}
	urls := strings.Split(strings.TrimSpace(out), "\n")
	if !slices.Contains(urls, "https://relais.example.fr/bonnes-pratiques/heures-creuses/") || slices.ContainsFunc(urls, func(u string) bool { return strings.Contains(u, "/assets/") }) {
		t.Errorf("changed URLs on stdout: %d lines, e.g. %q", len(urls), urls[:min(3, len(urls))])
	}
	if purged := d.takePurged(); !slices.Equal(purged, urls) {
		t.Errorf("purged %d URLs, printed %d", len(purged), len(urls))
	}
	for _, w := range []string{"relais deploy: " + d.public + " to s3://" + testBucket + "/ (" + d.s3.URL + "), target production, in ",
		"  files: " + strconv.Itoa(len(keys)-1) + " uploaded (", ", 0 unchanged, 0 deleted\n",
		"  changed URLs: " + strconv.Itoa(len(urls)) + " (listed above), purged at the CDN\n"} {
		if !strings.Contains(errs, w) {
			t.Errorf("summary lacks %q:\n%s", w, errs)
		}
	}
	if strings.Contains(errs, "secret-for-tests") || strings.Contains(out, "secret-for-tests") || strings.Contains(errs, "cdn-token") {
		t.Error("a secret was printed")
	}

	// Again: nothing to do.
	code, out, errs = d.deploy("--target", "production")
	if code != ExitOK || out != "" || !strings.Contains(errs, "  files: 0 uploaded (0 B), "+strconv.Itoa(len(keys)-1)+" unchanged, 0 deleted\n") || !strings.Contains(errs, "changed URLs: none") {
		t.Errorf("second deploy: exit %d, stdout %q\n%s", code, out, errs)
	}
	if p := d.takePurged(); len(p) != 0 {
		t.Errorf("second deploy purged %v", p)
	}

	// An edited page and a removed one, in a dry run: the plan, no change.
	page := filepath.Join(d.public, "bonnes-pratiques", "heures-creuses", "index.html")
	data, _ := os.ReadFile(page)
	if err := os.WriteFile(page, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(d.public, "a-propos", "index.html")); err != nil {
		t.Fatal(err)
	}
	code, out, errs = d.deploy("--target", "production", "--dry-run")
	for _, w := range []string{"upload  pages    changed ", "  bonnes-pratiques/heures-creuses/index.html\n", "delete  deletes ", "  a-propos/index.html\n",
		"purge   https://relais.example.fr/bonnes-pratiques/heures-creuses/\n", "purge   https://relais.example.fr/a-propos/\n"} {
		if !strings.Contains(out, w) {
			t.Errorf("plan lacks %q:\n%s", w, out)
		}
	}
	if code != ExitOK || !strings.Contains(errs, "relais deploy: dry run, nothing was changed: 1 upload (") || !strings.Contains(errs, "1 delete, 2 URLs to purge") {
		t.Errorf("dry run: exit %d\n%s", code, errs)
	}
	if !slices.Contains(d.keys(t), "a-propos/index.html") {
		t.Error("the dry run deleted a page")
	}
	if p := d.takePurged(); len(p) != 0 {
		t.Errorf("the dry run purged %v", p)
	}

	// --max-deletes 0 refuses the delete before anything changes.
	code, _, errs = d.deploy("--target", "production", "--max-deletes", "0")
	if code != ExitFailure || !strings.HasPrefix(errs, "relais deploy: refusing to delete 1 objects (more than 0") || strings.Count(errs, "\n") != 1 {
		t.Errorf("max-deletes 0: exit %d\n%s", code, errs)
	}
	code, out, _ = d.deploy("--target", "production", "--quiet")
	if code != ExitOK || out != "https://relais.example.fr/bonnes-pratiques/heures-creuses/\nhttps://relais.example.fr/a-propos/\n" {
		t.Errorf("deploy: exit %d, stdout %q", code, out)
	}
}

// smallSite is a site folder with a deploy target and a one-page build.
func smallSite(t *testing.T, targets string) string {
	t.Helper()
	src := t.TempDir()
	for p, data := range map[string]string{
		"content/site.yaml": "title: T\nbase_url: https://relais.example.fr/\n" + targets,
		"public/index.html": "<!doctype html><title>T</title>",
	} {
		fp := filepath.Join(src, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HOME", t.TempDir())
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE"} {
		t.Setenv(k, "")
	}
	return src
}

const twoTargets = "deploy:\n  production:\n    bucket: relais-prod\n    endpoint: http://127.0.0.1:1\n  staging:\n    bucket: relais-staging\n    endpoint: http://127.0.0.1:1\n"

func TestDeployBadInput(t *testing.T) {
	for _, tc := range []struct {
		name    string
		targets string
		env     []string
		args    []string
		code    int
		stderr  string // the whole of stderr
		prefix  bool   // stderr need only start with it
	}{
		{"unknown target", twoTargets, nil, []string{"--target", "prod"}, ExitFailure,
			`relais deploy: unknown target "prod" (did you mean "production"?); content/site.yaml declares production, staging` + "\n", false},
		{"near miss", twoTargets, nil, []string{"--target", "stagin"}, ExitFailure,
			`relais deploy: unknown target "stagin" (did you mean "staging"?); content/site.yaml declares production, staging` + "\n", false},
		{"no targets", "", nil, []string{"--target", "production"}, ExitFailure,
			`relais deploy: unknown target "production": content/site.yaml declares no deploy targets; add a deploy: section (docs/deploy.md)` + "\n", false},
		{"no --target", twoTargets, nil, nil, ExitUsage,
			"relais deploy: --target is missing: name one of the deploy targets of content/site.yaml\n", false},
		{"missing credentials", twoTargets, nil, []string{"--target", "production"}, ExitFailure,
			"relais deploy: no credentials for the bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys) in the environment, or choose a profile of ~/.aws/credentials with AWS_PROFILE\n", false},
		{"unreachable endpoint", twoTargets, []string{"AWS_ACCESS_KEY_ID", "AKIDTEST", "AWS_SECRET_ACCESS_KEY", "s"}, []string{"--target", "staging"}, ExitFailure,
			"relais deploy: cannot reach http://127.0.0.1:1: connect: connection refused; check endpoint of the target and the network\n", false},
		{"credential in site.yaml", "deploy:\n  production:\n    bucket: relais-prod\n    secret_key: abc\n", nil, []string{"--target", "production"}, ExitFailure,
			`content/site.yaml:6:5: "secret_key" looks like a credential: credentials never go in site.yaml`, true},
		{"bad max-deletes", twoTargets, nil, []string{"--target", "production", "--max-deletes", "-3"}, ExitUsage,
			`invalid value "-3" for flag -max-deletes: must be a whole number, 0 or more`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := smallSite(t, tc.targets)
			for i := 0; i+1 < len(tc.env); i += 2 {
				t.Setenv(tc.env[i], tc.env[i+1])
			}
			code, out, errs := run(append([]string{"deploy", "--source", src}, tc.args...)...)
			ok := errs == tc.stderr || tc.prefix && strings.HasPrefix(errs, tc.stderr)
			if code != tc.code || !ok || out != "" {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit %d, stderr:\n%s", code, out, errs, tc.code, tc.stderr)
			}
		})
	}
}

func TestProgressLine(t *testing.T) {
	clock := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	steps := []deploy.Progress{
		{Phase: "assets", Done: 1, Total: 4, Bytes: 1000, TotalBytes: 4000, Elapsed: time.Second},
		{Phase: "assets", Done: 2, Total: 4, Bytes: 2000, TotalBytes: 4000, Elapsed: time.Second}, // too soon: not shown
		{Phase: "pages", Done: 3, Total: 4, Bytes: 3000, TotalBytes: 4000, Elapsed: 2 * time.Second},
		{Phase: "deletes", Done: 4, Total: 4, Bytes: 3000, TotalBytes: 4000, Elapsed: 3 * time.Second},
	}
	var tty, plain strings.Builder
	pt := &progressLine{w: &tty, tty: true, now: now}
	pp := &progressLine{w: &plain, now: now}
	for _, s := range steps {
		pt.update(s)
		pp.update(s)
		clock = clock.Add(10 * time.Millisecond)
	}
	pt.end()
	pp.end()
	wantTTY := "\rrelais deploy: assets, 1/4 files, 1.0 kB/4.0 kB, 1.0 kB/s" +
		"\rrelais deploy: pages, 3/4 files, 3.0 kB/4.0 kB, 1.5 kB/s " + // padded over the longer line before
		"\rrelais deploy: deletes, 4/4 files, 3.0 kB/4.0 kB, 1.0 kB/s\n"
	if tty.String() != wantTTY {
		t.Errorf("terminal:\n%q\nwant\n%q", tty.String(), wantTTY)
	}
	wantPlain := "relais deploy: assets, 1/4 files, 1.0 kB/4.0 kB, 1.0 kB/s\n" +
		"relais deploy: pages, 3/4 files, 3.0 kB/4.0 kB, 1.5 kB/s\n" +
		"relais deploy: deletes, 4/4 files, 3.0 kB/4.0 kB, 1.0 kB/s\n"
	if plain.String() != wantPlain {
		t.Errorf("plain:\n%q\nwant\n%q", plain.String(), wantPlain)
	}
}

// What a deploy changes in the bucket after an edit is what the build says
// it changed (its change manifest), here where the bucket was up to date.
func TestDeployChangesWhatTheBuildChanged(t *testing.T) {
	d := newDeploySite(t)
	if code, _, errs := d.deploy("--target", "production", "--quiet"); code != ExitOK {
		t.Fatalf("deploy: %s", errs)
	}
	d.takePurged()

	guide := filepath.Join(d.source, "content", "guides", "se-deconnecter.md")
	text := mustRead(t, guide)
	if err := os.WriteFile(guide, bytes.Replace(text, []byte("occupe le serveur"), []byte("occupe le serveur pour rien"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run("build", "--source", d.source, "--dest", d.public, "--now", "2020-03-23T09:00:00+01:00", "--cache-dir", "", "--quiet"); code != ExitOK {
		t.Fatalf("build: %s", errs)
	}
	m, err := publish.ReadManifest(d.public)
	if err != nil || len(m.URLs) == 0 {
		t.Fatalf("manifest: %v, %v", m, err)
	}
	code, out, errs := d.deploy("--target", "production", "--quiet")
	if code != ExitOK {
		t.Fatalf("deploy: %s", errs)
	}
	var got []string
	for _, u := range strings.Fields(out) {
		got = append(got, strings.TrimPrefix(u, "https://relais.example.fr"))
	}
	slices.Sort(got)
	var want []string
	for _, u := range m.URLs {
		if _, _, variant := hosting.Variant(u); !variant {
			want = append(want, u)
		}
	}
	if !slices.Equal(got, want) || !slices.Contains(got, "/bonnes-pratiques/se-deconnecter/") {
		t.Errorf("deploy changed %q\nthe build changed %q", got, want)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
