package hosting_test

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/site"
)

// TestNginxServesTheShippedBuild builds the shipped site with its .gz and
// .br files and serves it through Debian's nginx, configured as
// docs/hosting.md shows (a server block of one's own that turns on
// brotli_static and includes the build's _nginx.conf). For every file with
// a compressed twin it asks without Accept-Encoding, with gzip and with br:
// each answer says Vary: Accept-Encoding, and carries the twin's bytes
// with its Content-Encoding when asked, the file's otherwise. Every old
// address of _redirects answers a 301 with the cache rule of pages and the
// security headers.
func TestNginxServesTheShippedBuild(t *testing.T) {
	module := hosting.FindBrotli(t)
	root := filepath.Join(t.TempDir(), "public")
	now, _ := time.Parse(time.RFC3339, "2020-03-23T09:00:00+01:00")
	res, err := pipeline.Build(pipeline.Options{
		Source: os.DirFS(filepath.Join("..", "..")),
		Dest:   root,
		Site:   site.Options{Now: now},
		Levels: func(string) publish.Levels { return publish.Levels{Gzip: 1, Brotli: 1} },
		// Level 1 compresses worse than a build does: the budgets are
		// checked by the build's own levels (internal/sitetest).
		NoBudgets: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	rules := res.Rules
	base := hosting.StartNginx(t, root, module)
	data, err := os.ReadFile(filepath.Join(root, hosting.RedirectsFile))
	if err != nil {
		t.Fatal(err)
	}
	redirects := hosting.ParseRedirects(data)
	if len(redirects) == 0 {
		t.Fatal("the shipped site has no renamed page")
	}
	// The page at an old address is for hosts that cannot redirect;
	// nginx answers its address with a 301 (below).
	alias := map[string]bool{}
	for _, r := range redirects {
		alias[hosting.AliasFile(r.From)] = true
	}

	type twin struct{ path, gz, br string }
	var twins []twin
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		if _, _, v := hosting.Variant(rel); v || !hosting.Compressible(rel) || alias[rel] {
			return nil
		}
		tw := twin{path: rel}
		if _, err := os.Stat(p + ".gz"); err == nil {
			tw.gz = p + ".gz"
		}
		if _, err := os.Stat(p + ".br"); err == nil && module != "" {
			tw.br = p + ".br"
		}
		if tw.gz != "" || tw.br != "" {
			twins = append(twins, tw)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(twins) < 100 {
		t.Fatalf("only %d files with a compressed twin in the shipped build", len(twins))
	}

	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 4},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	get := func(path, encoding string) (*http.Response, []byte, error) {
		req, _ := http.NewRequest("GET", base+path, nil)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		res, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		return res, body, err
	}
	var mu sync.Mutex
	failures := 0
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if failures++; failures <= 20 {
			t.Errorf(format, args...)
		}
	}
	var g errgroup.Group
	g.SetLimit(4)
	served := map[string]int{}
	for _, tw := range twins {
		g.Go(func() error {
			u := hosting.URLOf(tw.path)
			for _, ask := range []struct{ accept, encoding, file string }{
				{"", "", filepath.Join(root, filepath.FromSlash(tw.path))},
				{"gzip", "gzip", tw.gz},
				{"br", "br", tw.br},
				{"gzip, deflate, br", "br", tw.br},
			} {
				if ask.file == "" {
					continue // no such twin (or no brotli module)
				}
				res, body, err := get(u, ask.accept)
				if err != nil {
					return fmt.Errorf("GET %s: %w", u, err)
				}
				want, err := os.ReadFile(ask.file)
				if err != nil {
					return err
				}
				if res.StatusCode != 200 || res.Header.Values("Vary") == nil || strings.Join(res.Header.Values("Vary"), ", ") != "Accept-Encoding" ||
					res.Header.Get("Content-Encoding") != ask.encoding || !bytes.Equal(body, want) {
					fail("GET %s, Accept-Encoding %q: %s, Vary %q, Content-Encoding %q, %d bytes; want 200, Vary \"Accept-Encoding\", Content-Encoding %q, the %d bytes of %s",
						u, ask.accept, res.Status, res.Header.Values("Vary"), res.Header.Get("Content-Encoding"), len(body), ask.encoding, len(want), filepath.Base(ask.file))
				}
				if ct := rules.HeadersFor(tw.path).Get("Content-Type"); res.Header.Get("Content-Type") != ct {
					fail("GET %s, Accept-Encoding %q: Content-Type %q, want %q", u, ask.accept, res.Header.Get("Content-Type"), ct)
				}
				mu.Lock()
				served[ask.encoding]++
				mu.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files with twins: %d answers plain, %d gzip, %d br (brotli module: %q)", len(twins), served[""], served["gzip"], served["br"], module)
	if module != "" && served["br"] == 0 {
		t.Error("nginx never answered with brotli though the module is loaded")
	}

	want := rules.Security()
	want.Set("Cache-Control", rules.ShortCache())
	for _, r := range redirects {
		res, _, err := get(r.From, "gzip")
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != 301 || res.Header.Get("Location") != r.To {
			t.Errorf("GET %s: %s to %q, want 301 to %s", r.From, res.Status, res.Header.Get("Location"), r.To)
		}
		for name := range want {
			if got := res.Header.Values(name); len(got) != 1 || got[0] != want.Get(name) {
				t.Errorf("the 301 of %s: %s = %q, want %q", r.From, name, got, want.Get(name))
			}
		}
	}
}
