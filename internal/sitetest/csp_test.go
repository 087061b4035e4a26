package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/site"
)

// renderSite renders the site in dir in memory, at the pinned clock.
func renderSite(t *testing.T, dir string) *pipeline.Result {
	t.Helper()
	now, _ := time.Parse(time.RFC3339, Now)
	res, err := pipeline.Render(pipeline.Options{Source: os.DirFS(dir), Site: site.Options{Now: now}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// cspViolations checks every HTML page of a build.
func cspViolations(res *pipeline.Result) map[string][]string {
	out := map[string][]string{}
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".html") {
			if v := CheckOutput(o.Path, o.Data); len(v) > 0 {
				out[o.Path] = v
			}
		}
	}
	return out
}

// TestShippedSiteObeysCSP: no page of the shipped site has an inline
// script, an inline event handler, an inline style or an external link
// without rel="noopener", so the Content-Security-Policy of
// internal/hosting (no 'unsafe-inline') blocks nothing.
func TestShippedSiteObeysCSP(t *testing.T) {
	t.Parallel()
	res := renderSite(t, RepoRoot(t))
	pages := 0
	for _, o := range res.Outputs {
		if strings.HasSuffix(o.Path, ".html") {
			pages++
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages rendered", pages)
	}
	for p, v := range cspViolations(res) {
		t.Errorf("%s:\n  %s", p, strings.Join(v, "\n  "))
	}
}

// TestInlineScriptIsCaught: a layout that adds an inline script, an event
// handler or a style attribute is caught.
func TestInlineScriptIsCaught(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "site")
	for _, d := range []string{"content", "layouts", "assets"} {
		CopyDir(t, filepath.Join(RepoRoot(t), d), filepath.Join(dir, d))
	}
	base := filepath.Join(dir, "layouts", "_base.html")
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), "</body>", `<script>document.title="x"</script><button onclick="go()">x</button><p style="color:red">y</p><a href="https://example.org/">z</a></body>`, 1)
	if bad == string(data) {
		t.Fatal("layouts/_base.html has no </body>")
	}
	write(t, base, []byte(bad))
	res := renderSite(t, dir)
	v := cspViolations(res)
	got, ok := v["index.html"]
	if !ok {
		t.Fatalf("the inline script was not caught; violations: %v", v)
	}
	want := []string{
		`inline <script>: "document.title=\"x\""`,
		`inline event handler <button onclick="go()">`,
		`style attribute <p style="color:red">`,
		`external link to https://example.org/ without rel="noopener"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("violations on index.html (-want +got):\n%s", diff)
	}
}

func TestCheckPageAllowsDataBlocks(t *testing.T) {
	t.Parallel()
	page := `<!doctype html><html lang=fr><title>x</title><script type=application/json id=d>{"a":1}</script><script src=/assets/js/a.js defer></script><a href="https://example.org/" rel="noopener">x</a><a href=/x/>y</a>`
	if v := CheckPage([]byte(page)); len(v) > 0 {
		t.Errorf("CheckPage reports %v", v)
	}
}
