// Command checkoutput checks built pages in headless Chromium, as `make
// check-output` runs it after the Nu HTML Checker:
//
//	go run ./tools/checkoutput -axe tools/node_modules/axe-core/axe.min.js public/
//
// It serves the output folder with the headers of internal/hosting (so the
// Content-Security-Policy is the production one) and opens each page chosen
// by tools/checkoutput/pages.txt. On each page it reports:
//
//   - every axe-core violation of WCAG 2.0, 2.1 and 2.2, levels A and AA,
//     the size of tap targets included (target-size, WCAG 2.2 2.5.8: at
//     least 24×24 px, or spaced as much);
//   - every console error and uncaught exception, which includes what the
//     Content-Security-Policy blocked;
//   - content wider than a 320-pixel screen (WCAG 1.4.10, reflow).
//
// It exits with status 1 when anything is reported.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/relais-ecoles/relais/internal/browsertest"
	"github.com/relais-ecoles/relais/internal/hosting"
)

func main() {
	axePath := flag.String("axe", "tools/node_modules/axe-core/axe.min.js", "the axe-core script (npm package axe-core)")
	chromium := flag.String("chromium", "", "the Chromium or Chrome binary (default: $RELAIS_CHROMIUM, or chromium, chromium-browser or google-chrome on the PATH)")
	pagesFile := flag.String("pages", "tools/checkoutput/pages.txt", "the `file` listing the pages to check")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: checkoutput [flags] public/\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *axePath, *chromium, *pagesFile); err != nil {
		fmt.Fprintf(os.Stderr, "checkoutput: %v\n", err)
		os.Exit(1)
	}
}

func run(public, axePath, chromium, pagesFile string) error {
	axe, err := os.ReadFile(axePath)
	if err != nil {
		return fmt.Errorf("%v (run make check-output, which installs it)", err)
	}
	patterns, err := readPatterns(pagesFile)
	if err != nil {
		return err
	}
	urls, err := choosePages(public, patterns)
	if err != nil {
		return err
	}
	if chromium == "" {
		if chromium = browsertest.Find(); chromium == "" {
			return errors.New("no Chromium found: install it (apt-get install chromium), set RELAIS_CHROMIUM or pass -chromium")
		}
	}
	profile, err := os.MkdirTemp("", "relais-checkoutput-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)

	srv := httptest.NewServer(handler(public))
	defer srv.Close()

	flags := append(browsertest.Flags(chromium, profile), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), flags...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		return fmt.Errorf("starting %s: %w", chromium, err)
	}

	problems := 0
	for _, u := range urls {
		found, err := checkPage(bctx, srv.URL, u, string(axe))
		if err != nil {
			return fmt.Errorf("%s: %w", u, err)
		}
		if len(found) == 0 {
			fmt.Printf("ok   %s\n", u)
			continue
		}
		problems += len(found)
		fmt.Printf("FAIL %s\n", u)
		for _, f := range found {
			fmt.Printf("     %s\n", strings.ReplaceAll(f, "\n", "\n     "))
		}
	}
	if problems > 0 {
		return fmt.Errorf("%d problems on %d pages", problems, len(urls))
	}
	fmt.Printf("checkoutput: %d pages: no WCAG 2.2 A/AA violation (axe-core), no console error, reflow at 320 px\n", len(urls))
	return nil
}

// handler serves the output folder as a host would, with the headers of
// internal/hosting, and 404.html for what is missing.
func handler(public string) http.Handler {
	rules := hosting.New(hosting.Config{MaxAge: 0})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		file := hosting.FilePath(r.URL.Path)
		status := http.StatusOK
		data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(path.Clean("/"+file))))
		if err != nil || hosting.Private(file) {
			file, status = "404.html", http.StatusNotFound
			data, _ = os.ReadFile(filepath.Join(public, "404.html"))
		}
		for k, v := range rules.HeadersFor(file) {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		w.Write(data)
	})
}

// checkPage opens one page and returns what is wrong with it.
func checkPage(bctx context.Context, base, url, axe string) ([]string, error) {
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()

	problems := browsertest.Problems(ctx)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+url),
		chromedp.WaitReady("body"),
		chromedp.Sleep(200*time.Millisecond), // let deferred scripts run
	); err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[*runtime.RemoteObject](axe)); err != nil {
		return nil, fmt.Errorf("loading axe-core: %w", err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}, rules: {"target-size": {enabled: true}}, resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640), chromedp.Sleep(100*time.Millisecond)); err != nil {
		return nil, err
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		return nil, err
	}
	var violations []struct {
		ID, Impact, Help, HelpURL string
		Nodes                     []struct {
			Target []any
			HTML   string
		}
	}
	if err := json.Unmarshal([]byte(raw), &violations); err != nil {
		return nil, fmt.Errorf("reading axe results: %w", err)
	}
	found := problems()
	for _, v := range violations {
		var nodes []string
		for i, n := range v.Nodes {
			if i == 3 {
				nodes = append(nodes, fmt.Sprintf("... and %d more", len(v.Nodes)-3))
				break
			}
			nodes = append(nodes, fmt.Sprintf("%v %.120s", n.Target, n.HTML))
		}
		found = append(found, fmt.Sprintf("axe %s (%s): %s\n  %s", v.ID, v.Impact, v.Help, strings.Join(nodes, "\n  ")))
	}
	if width > 320 {
		found = append(found, fmt.Sprintf("reflow: the page is %d px wide on a 320 px screen", width))
	}
	return found, nil
}

// readPatterns reads the list of pages: one URL pattern a line, "*"
// matching one path segment; blank lines and "#" comments are skipped.
func readPatterns(file string) ([]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out, sc.Err()
}

// choosePages picks, for each pattern, the first page of the output folder
// (in sorted order) that it matches. A pattern that matches nothing is an
// error, so the list stays true to the site.
func choosePages(public string, patterns []string) ([]string, error) {
	var pages []string
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == "index.html" {
			rel, _ := filepath.Rel(public, p)
			pages = append(pages, hosting.URLOf(filepath.ToSlash(rel)))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(pages)
	var out []string
	for _, pat := range patterns {
		i := slices.IndexFunc(pages, func(u string) bool {
			ok, _ := path.Match(pat, u)
			return ok
		})
		if i < 0 {
			return nil, fmt.Errorf("no page of %s matches %q (tools/checkoutput/pages.txt)", public, pat)
		}
		if !slices.Contains(out, pages[i]) {
			out = append(out, pages[i])
		}
	}
	return out, nil
}
