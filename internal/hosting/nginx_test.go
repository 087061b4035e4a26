package hosting

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/view"
)

// findNginx returns Debian's nginx, or skips the test without one (fails
// it when RELAIS_NGINX_REQUIRED is set, as make test and make check-output
// do, which install it).
func findNginx(t testing.TB) string {
	t.Helper()
	if bin, err := exec.LookPath("nginx"); err == nil {
		return bin
	}
	for _, p := range []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("RELAIS_NGINX_REQUIRED") != "" {
		t.Fatal("nginx is not installed: apt-get install -y nginx-core (make test-tools)")
	}
	t.Skip("nginx is not installed: the snippet is not tried in nginx (apt-get install -y nginx-core)")
	return ""
}

// BrotliModule is where Debian's libnginx-mod-http-brotli-static puts the
// module that brotli_static needs.
const brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

// findBrotli returns the brotli_static module, or "" without it (a failure
// when RELAIS_NGINX_REQUIRED is set).
func findBrotli(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(brotliModule); err == nil {
		return brotliModule
	}
	if os.Getenv("RELAIS_NGINX_REQUIRED") != "" {
		t.Fatal("nginx's brotli module is not installed: apt-get install -y libnginx-mod-http-brotli-static (make test-tools)")
	}
	t.Log("nginx's brotli module is not installed: brotli is not tried (apt-get install -y libnginx-mod-http-brotli-static)")
	return ""
}

// nginxConf is a whole nginx configuration serving root on addr as the
// docs show an operator's: a hand-written server block that includes the
// build's _nginx.conf, and turns on brotli_static when module (the
// brotli module's path) is not "". Everything nginx writes goes in dir.
func nginxConf(dir, addr, root, module string) string {
	var b strings.Builder
	if module != "" {
		b.WriteString("load_module " + module + ";\n")
	}
	if os.Geteuid() == 0 {
		b.WriteString("user root;\n") // workers must read the test's private folder
	}
	b.WriteString("daemon off;\nmaster_process off;\nerror_log " + dir + "/error.log;\npid " + dir + "/nginx.pid;\nevents {}\nhttp {\n  access_log off;\n")
	for _, tmp := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		b.WriteString("  " + tmp + "_temp_path " + dir + "/" + tmp + ";\n")
	}
	b.WriteString("  server {\n    listen " + addr + ";\n    root " + root + ";\n")
	if module != "" {
		b.WriteString("    brotli_static on;\n")
	}
	b.WriteString("    include " + filepath.Join(root, NginxFile) + ";\n  }\n}\n")
	return b.String()
}

// startNginx serves the build in root (with its _nginx.conf) through
// nginx on a free loopback port, until t ends, and returns its base URL.
// module is the brotli module to load, or "".
func startNginx(t testing.TB, root, module string) string {
	t.Helper()
	bin := findNginx(t)
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(nginxConf(dir, addr, root, module)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-p", dir, "-c", conf)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	base := "http://" + addr
	for i := 0; ; i++ {
		res, err := http.Get(base + "/")
		if err == nil {
			res.Body.Close()
			return base
		}
		if i == 100 {
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Fatalf("nginx does not answer on %s: %v\n%s%s", addr, err, stderr.String(), log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// nginxCheck runs nginx -t on the snippet.
func nginxCheck(t *testing.T, snippet []byte) {
	bin := findNginx(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, NginxFile), snippet, 0o644); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(nginxConf(dir, "127.0.0.1:1", dir, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-t", "-p", dir, "-c", conf).CombinedOutput()
	if err != nil {
		t.Errorf("nginx -t refuses the snippet: %v\n%s", err, out)
	}
}

// TestNginxServes runs nginx with the snippet over a small build and checks
// what it answers against HeadersFor: types, cache rules, security headers,
// gzip_static, the rules files refused, 404.html, folders and redirects.
func TestNginxServes(t *testing.T) {
	findNginx(t)
	root := filepath.Join(t.TempDir(), "public")
	files := map[string]string{
		"index.html":                     "<!doctype html><title>accueil</title>",
		"index.html.gz":                  "gzip bytes",
		"404.html":                       "<!doctype html><title>introuvable</title>",
		"academies/paris/4e/index.html":  "<!doctype html><title>4e</title>",
		"academies/paris/4e.ics":         "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"academies/paris/creneaux.json":  "{}",
		"directives/flux.xml":            "<rss/>",
		"directives/atom.xml":            "<feed/>",
		"directives/flux.json":           "{}",
		"sitemap.xml":                    "<urlset/>",
		"robots.txt":                     "User-agent: *\n",
		"assets/css/site.0123456789.css": "a{}",
		HeadersFile:                      "/*\n",
		NginxFile:                        "",
	}
	r := New(testConfig)
	snippet, err := r.Nginx([]view.Redirect{{From: "/ancien/", To: "/directives/"}})
	if err != nil {
		t.Fatal(err)
	}
	files[NginxFile] = string(snippet)
	for p, data := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := startNginx(t, root, "")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path, encoding string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		res.Body.Close()
		return res
	}
	for _, p := range []string{"/", "/academies/paris/4e/", "/academies/paris/4e.ics", "/academies/paris/creneaux.json", "/directives/flux.xml", "/directives/atom.xml", "/directives/flux.json", "/sitemap.xml", "/robots.txt", "/assets/css/site.0123456789.css"} {
		res := get(p, "")
		if res.StatusCode != 200 {
			t.Errorf("GET %s: %s", p, res.Status)
			continue
		}
		want := r.HeadersFor(p)
		for _, name := range []string{"Content-Type", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Strict-Transport-Security", "Access-Control-Allow-Origin"} {
			if got := res.Header.Values(name); len(got) != len(want.Values(name)) || len(got) > 0 && got[0] != want.Get(name) {
				t.Errorf("GET %s: %s = %q, want %q", p, name, got, want.Get(name))
			}
		}
	}
	if res := get("/", "gzip"); res.Header.Get("Content-Encoding") != "gzip" || res.ContentLength != int64(len(files["index.html.gz"])) || res.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("gzip_static: GET / with gzip gives Content-Encoding %q, Vary %q, %d bytes", res.Header.Get("Content-Encoding"), res.Header.Get("Vary"), res.ContentLength)
	}
	for _, p := range []string{"/" + HeadersFile, "/" + NginxFile, "/nulle-part/"} {
		res := get(p, "")
		if res.StatusCode != 404 || res.ContentLength != int64(len(files["404.html"])) {
			t.Errorf("GET %s: %s, %d bytes; want 404.html with status 404", p, res.Status, res.ContentLength)
		}
		if res.Header.Get("Content-Security-Policy") != CSP {
			t.Errorf("GET %s: the 404 lacks the security headers", p)
		}
	}
	for p, to := range map[string]string{"/ancien/": "/directives/", "/academies/paris/4e": "/academies/paris/4e/"} {
		res := get(p, "")
		if res.StatusCode != 301 || res.Header.Get("Location") != to {
			t.Errorf("GET %s: %s to %q, want 301 to %s, relative", p, res.Status, res.Header.Get("Location"), to)
		}
		checkRedirectHeaders(t, r, p, res.Header)
	}
}

// checkRedirectHeaders fails when a 301 lacks the cache rule of pages or a
// security header.
func checkRedirectHeaders(t *testing.T, r *Rules, p string, h http.Header) {
	t.Helper()
	want := r.Security()
	want.Set("Cache-Control", r.ShortCache())
	for name := range want {
		if got := h.Values(name); len(got) != 1 || got[0] != want.Get(name) {
			t.Errorf("the 301 of %s: %s = %q, want %q", p, name, got, want.Get(name))
		}
	}
}
