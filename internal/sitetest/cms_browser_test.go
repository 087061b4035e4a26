package sitetest

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/relais-ecoles/relais/internal/browsertest"
	"github.com/relais-ecoles/relais/internal/serve"
	"github.com/relais-ecoles/relais/internal/site"
)

func siteOptions(now time.Time) site.Options { return site.Options{Now: now} }

// decapDir is where make cms-tools installs the npm packages of the form.
const decapDir = "../../tools/cms/node_modules"

// freePort returns a port free on loopback now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startDecapServer runs decap-server, the local backend of Decap CMS, on
// loopback, writing into site; it is stopped when t ends.
func startDecapServer(t *testing.T, site string) int {
	t.Helper()
	node, err := exec.LookPath("node")
	script := filepath.Join(decapDir, "decap-server", "dist", "index.js")
	if _, serr := os.Stat(script); err != nil || serr != nil {
		msg := "no node or no decap-server (make cms-tools installs it into tools/cms/node_modules)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	port := freePort(t)
	cmd := exec.Command(node, script)
	cmd.Env = append(os.Environ(), "GIT_REPO_DIRECTORY="+site, "BIND_HOST=127.0.0.1", fmt.Sprint("PORT=", port), "MODE=fs", "LOG_LEVEL=error")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Post(fmt.Sprintf("http://127.0.0.1:%d/api/v1", port), "application/json", strings.NewReader(`{"action":"info"}`))
		if err == nil {
			resp.Body.Close()
			return port
		}
		if time.Now().After(deadline) {
			t.Fatalf("decap-server does not answer on 127.0.0.1:%d: %v", port, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestCMSCreatesADirective runs the real web form, Decap CMS as relais
// cms writes it, in headless Chromium against its local backend
// (decap-server on loopback, writing into a copy of the shipped site): a
// directive is created through the form — title, date, audiences, levels,
// urgent with an end date, text — and saved. The file appears in the
// académie's folder, relais check passes, and the dev server shows the
// directive. A level the vocabulary does not have cannot be chosen.
func TestCMSCreatesADirective(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	site := filepath.Join(t.TempDir(), "site")
	for _, d := range []string{"content", "layouts", "assets"} {
		CopyDir(t, filepath.Join(RepoRoot(t), d), filepath.Join(site, d))
	}
	port := startDecapServer(t, site)
	// The form as a site configures it (site.yaml, cms), served by relais
	// serve at /admin/ with the hosting rules' policy; the script of
	// decap-cms is read from the site's tools/cms, where make cms-tools
	// installs it (here, a link to the repository's).
	abs, err := filepath.Abs(filepath.Join(RepoRoot(t), "tools"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(abs, filepath.Join(site, "tools")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(site, "content", "site.yaml")
	yml, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	yml = append(yml, fmt.Sprintf("\ncms:\n  backend: local\n  local_port: %d\n  only: [academies/paris]\n", port)...)
	if err := os.WriteFile(cfg, yml, 0o644); err != nil {
		t.Fatal(err)
	}
	dev := startDevServer(t, site)
	base := dev
	before := directiveFiles(t, site)

	start := time.Now()
	ctx := browsertest.NewFor(t, 3*time.Minute) // the CMS is a 5 MB application
	problems := browsertest.Problems(ctx)
	step := func(what string) { t.Logf("%5.1f s: %s", time.Since(start).Seconds(), what) }
	until := func(what, js string) {
		t.Helper()
		browsertest.Until(t, ctx, 40*time.Second, what+" (console: "+strings.Join(problems(), "; ")+")", js)
	}
	js := func(what, code string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](code+"; true")); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// field is the control of the form's field labelled name.
	field := func(name string) string { return `document.querySelector('[id^="` + name + `-field-"]')` }
	// setValue types a value into a date input the way the widget reads it.
	setValue := func(name, v string) {
		js("set "+name, `(() => { const el = `+field(name)+`;
			Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(el, "`+v+`");
			el.dispatchEvent(new Event("input", {bubbles: true})); el.dispatchEvent(new Event("change", {bubbles: true})); })()`)
	}
	typeInto := func(name, text string) {
		t.Helper()
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](field(name)+`.id`))
		if err != nil {
			t.Fatalf("no field %s: %v", name, err)
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys("#"+id, text)); err != nil {
			t.Fatalf("typing into %s: %v", name, err)
		}
	}
	options := `document.querySelectorAll('[id*="-option-"]').length`

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/")); err != nil {
		t.Fatal(err)
	}
	step(`until("the login page"`)
	until("the login page", `document.body.textContent.includes("Se connecter")`)
	js("log in", `document.querySelector("button").click()`)
	step(`until("the collection"`)
	until("the collection", `document.body.textContent.includes("Directives — académie de Paris")`)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/#/collections/directives-academie-paris/new")); err != nil {
		t.Fatal(err)
	}
	step(`until("the form"`)
	until("the form", `!!`+field("title"))

	step(`typeInto("title"`)
	typeInto("title", "Réouverture des CDI")
	setValue("date", "2020-03-20T10:00")
	typeInto("audiences", "parents\r")
	typeInto("audiences", "tous les élèves\r")
	typeInto("levels", "6e\r")
	typeInto("levels", "5e\r")
	// A level the vocabulary does not have: the list offers nothing.
	step(`typeInto("levels", "sixième")`)
	typeInto("levels", "sixième")
	until("the list, filtered by sixième", `document.querySelectorAll('[class*="menu"]').length > 0`)
	menu, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('[class*="menu"]')].map(e => e.textContent).join(" | ")`))
	n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](options))
	t.Logf("menu %q, %d options", menu, n)
	until("no option for sixième", options+` === 0`)
	typeInto("levels", "\r")
	js("clear the level typed", `(() => { const el = `+field("levels")+`;
		Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(el, "");
		el.dispatchEvent(new Event("input", {bubbles: true})); })()`)
	setValue("expires", "2020-04-03")
	until("the end date", field("expires")+`.value === "2020-04-03"`)
	js("urgent", field("urgent")+`.click()`)
	until("urgent", field("urgent")+`.getAttribute("aria-checked") === "true"`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(`[data-slate-editor="true"]`, "Les CDI rouvrent lundi.")); err != nil {
		t.Fatal(err)
	}

	step(`js("publish",`)
	js("publish", `[...document.querySelectorAll("button, [role=button]")].find(b => b.textContent.trim() === "Publier").click()`)
	until("the publish menu", `[...document.querySelectorAll("[role=menuitem], li, button")].some(b => b.textContent.trim() === "Publier maintenant")`)
	js("publish now", `[...document.querySelectorAll("[role=menuitem], li, button")].find(b => b.textContent.trim() === "Publier maintenant").click()`)

	step(`var added string`)
	var added string
	deadline := time.Now().Add(30 * time.Second)
	for added == "" {
		for _, p := range directiveFiles(t, site) {
			if !slices.Contains(before, p) {
				added = p
			}
		}
		if added == "" && time.Now().After(deadline) {
			errs, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('[class*="rror"] li, [class*="Error"]')].map(e => e.textContent).join(" | ")`))
			t.Fatalf("no new file in content/academies/paris/directives/; console %v; the form says: %s", problems(), errs)
		}
		time.Sleep(100 * time.Millisecond)
	}
	data, err := os.ReadFile(filepath.Join(site, "content/academies/paris/directives", added))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: Réouverture des CDI", "date: 2020-03-20 10:00", "- parents", "- eleves", "- 6e", "- 5e", "urgent: true", "expires: 2020-04-03", "Les CDI rouvrent lundi."} {
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %q:\n%s", added, want, data)
		}
	}
	if strings.Contains(string(data), "sixi") {
		t.Errorf("%s holds the level the form refused:\n%s", added, data)
	}
	step(`if res := Relais(t, "check"`)
	if res := Relais(t, "check", "--source", site, "--now", Now); res.Code != 0 {
		t.Fatalf("relais check of the saved directive: exit %d\n%s\n%s", res.Code, res.Stderr, data)
	}
	step(`slug := strings.TrimSuffix`)
	slug := strings.TrimSuffix(added, ".md")
	page := dev + "/academies/paris/directives/" + slug + "/"
	deadline = time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(page)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && strings.Contains(string(body), "Réouverture des CDI") {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the dev server does not show %s", page)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if p := problems(); len(p) > 0 {
		t.Logf("console: %v", p)
	}
	for _, p := range problems() {
		if strings.Contains(p, "Content Security Policy") {
			t.Errorf("the policy of /admin/ refused something the form needs: %s", p)
		}
	}
}

// directiveFiles lists the directive files of the académie de Paris.
func directiveFiles(t *testing.T, site string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(site, "content/academies/paris/directives"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// startDevServer runs relais serve's server on the site, on loopback, at
// the tests' clock, and returns its address.
func startDevServer(t *testing.T, site string) string {
	t.Helper()
	now, err := time.Parse(time.RFC3339, Now)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv := serve.New(serve.Config{Dir: site, Site: siteOptions(now), Log: io.Discard})
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln, func() { close(ready) }) }()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("relais serve: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("relais serve is not ready after 60 s")
	}
	return "http://" + ln.Addr().String()
}
