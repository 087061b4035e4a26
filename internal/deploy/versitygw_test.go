package deploy

// The acceptance tests of deploy: the shipped site, built, deployed to a
// real S3 server (versitygw, posix backend) started on loopback, over
// http:// and over https:// (a certificate made here). Every object is read
// back and compared with the build. versitygw is installed by the Makefile
// (make test-tools) into .tools/bin; without it the tests are skipped, and
// fail when CI=true.

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/site"
)

// VersitygwVersion is the versitygw the Makefile installs.
const versitygwVersion = "v1.8.0"

// findVersitygw returns the versitygw binary: $RELAIS_VERSITYGW, the
// repository's .tools/bin, or PATH. Without one it skips t (fails it
// under CI=true).
func findVersitygw(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("RELAIS_VERSITYGW"); p != "" {
		return p
	}
	if p, err := filepath.Abs(filepath.Join("..", "..", ".tools", "bin", "versitygw")); err == nil {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	msg := "versitygw is not installed: make test-tools installs it into .tools/bin (go install github.com/versity/versitygw/cmd/versitygw@" + versitygwVersion + ")"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// s3Server is a versitygw on loopback with one empty bucket.
type s3Server struct {
	endpoint string
	tr       *http.Transport
	bucket   string
}

const (
	vgwAccess = "AKIDRELAIS"
	vgwSecret = "relais-secret-key"
)

// startVersitygw starts versitygw on a free loopback port, over https
// with a self-signed certificate when secure, and stops it when t ends.
func startVersitygw(t *testing.T, bin string, secure bool) *s3Server {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	args := []string{"--port", addr, "--access", vgwAccess, "--secret", vgwSecret, "--quiet"}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DisableCompression = true // read the stored bytes as they are
	scheme := "http"
	if secure {
		scheme = "https"
		cert, key, pool := selfSigned(t)
		certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
		if err := os.WriteFile(certFile, cert, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(keyFile, key, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--cert", certFile, "--key", keyFile)
		tr.TLSClientConfig = &tls.Config{RootCAs: pool}
	}
	args = append(args, "posix", root)
	cmd := exec.Command(bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	s := &s3Server{endpoint: scheme + "://" + addr, tr: tr, bucket: "relais"}
	c := s.client(t)
	deadline := time.Now().Add(15 * time.Second)
	for {
		err := c.MakeBucket(context.Background(), s.bucket, minio.MakeBucketOptions{})
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("versitygw on %s: %v\n%s", s.endpoint, err, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return s
}

// selfSigned makes a certificate for 127.0.0.1, its key, and a pool that
// trusts it.
func selfSigned(t *testing.T) (certPEM, keyPEM []byte, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), pool
}

// client is an S3 client of the server, to prepare and read back the
// bucket beside deploy.
func (s *s3Server) client(t *testing.T) *minio.Client {
	t.Helper()
	c, err := minio.New(strings.SplitN(s.endpoint, "://", 2)[1], &minio.Options{
		Creds:     credentials.NewStaticV4(vgwAccess, vgwSecret, ""),
		Secure:    strings.HasPrefix(s.endpoint, "https"),
		Region:    "us-east-1",
		Transport: s.tr,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// shippedBuild builds the repository's site (without precompression, for
// speed) and returns a part of it, so that the tests stay fast: the files
// at the root, the assets, the national directives, the guides and one
// académie, with the host rules files, and a .gz twin beside each text
// file as a build writes (none may be uploaded).
func shippedBuild(t *testing.T) string {
	t.Helper()
	full := filepath.Join(t.TempDir(), "full")
	now, _ := time.Parse(time.RFC3339, "2020-03-23T09:00:00+01:00")
	_, err := pipeline.Build(pipeline.Options{
		Source:        os.DirFS(filepath.Join("..", "..")),
		Dest:          full,
		Site:          site.Options{Now: now},
		NoPrecompress: true,
	})
	if err != nil {
		t.Fatalf("building the shipped site: %v", err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	kept := 0
	err = filepath.WalkDir(full, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(full, p)
		rel = filepath.ToSlash(rel)
		dir, _, nested := strings.Cut(rel, "/")
		sub, _, _ := strings.Cut(strings.TrimPrefix(rel, "academies/"), "/")
		if nested && dir != "assets" && dir != "directives" && dir != "bonnes-pratiques" && (dir != "academies" || sub != "paris") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(dest, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			return err
		}
		kept++
		if hosting.Compressible(rel) {
			var gz bytes.Buffer
			w := gzip.NewWriter(&gz)
			w.Write(data)
			w.Close()
			return os.WriteFile(out+".gz", gz.Bytes(), 0o644)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if kept < 50 || len(redirectsOf(dest)) == 0 {
		t.Fatalf("only %d files of the build kept, %d redirects", kept, len(redirectsOf(dest)))
	}
	return dest
}

// copyBuild copies a build folder into a new one.
func copyBuild(t *testing.T, dir string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "public")
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// published lists the files of a build that a bucket must hold, by the
// rules of the package comment: not the precompressed variants, the host
// rules files, nor dotfiles outside .well-known/.
func publishedFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if _, _, v := hosting.Variant(rel); v || hosting.Private(rel) || hidden(rel) {
			return nil
		}
		data, err := os.ReadFile(p)
		out[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkBucket reads every object back and compares it with the build in
// dir: the same keys (and the deploy record), the same bytes, and the
// Content-Type, Cache-Control and Content-Encoding the hosting rules give,
// and the redirect of the pages at old addresses.
func checkBucket(t *testing.T, s *s3Server, dir string, headers func(string) http.Header) {
	t.Helper()
	want := publishedFiles(t, dir)
	c := s.client(t)
	ctx := context.Background()
	var got []string
	for o := range c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Recursive: true}) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		got = append(got, o.Key)
	}
	wantKeys := append(keys(want), recordName)
	slices.Sort(wantKeys)
	if !slices.Equal(got, wantKeys) {
		t.Errorf("the bucket holds %d keys, the build %d (and the record); missing %v, extra %v", len(got), len(want), missing(wantKeys, got), missing(got, wantKeys))
	}
	redirects := redirectsOf(dir)
	var mu sync.Mutex
	bad := 0
	err := parallel(ctx, 8, len(got), func(ctx context.Context, i int) error {
		k := got[i]
		data, ok := want[k]
		if !ok {
			return nil
		}
		o, err := c.GetObject(ctx, s.bucket, k, minio.GetObjectOptions{})
		if err != nil {
			return err
		}
		defer o.Close()
		b, err := io.ReadAll(o)
		if err != nil {
			return fmt.Errorf("GET %s: %w", k, err)
		}
		info, err := o.Stat()
		if err != nil {
			return err
		}
		h := headers(k)
		h.Set(websiteRedirect, redirects[k])
		var problems []string
		if !bytes.Equal(b, data) {
			problems = append(problems, fmt.Sprintf("%d bytes, the build has %d other ones", len(b), len(data)))
		}
		for _, n := range []string{"Content-Type", "Cache-Control", "Content-Encoding", websiteRedirect} {
			if g, w := info.Metadata.Get(n), h.Get(n); g != w {
				problems = append(problems, fmt.Sprintf("%s %q, want %q", n, g, w))
			}
		}
		if len(problems) > 0 {
			mu.Lock()
			defer mu.Unlock()
			if bad++; bad <= 10 {
				t.Errorf("%s: %s", k, strings.Join(problems, "; "))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func missing(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	if len(out) > 5 {
		out = append(out[:5], "…")
	}
	return out
}

// writeLog is a transport that records the uploads and deletes of site
// files, in the order they were answered. With stopAfter (when not zero)
// it kills the deploy as a SIGKILL would: the stopAfter-th upload of a
// site file is sent only in part (half its body, then the connection is
// dropped), the deploy is cancelled, and nothing more is sent.
type writeLog struct {
	base      http.RoundTripper
	stopAfter int32
	cancel    context.CancelFunc

	n    atomic.Int32
	dead atomic.Bool
	mu   sync.Mutex
	log  []string
	cut  string // the key whose upload was cut
}

// halfBody gives the first n bytes of a request body, then fails.
type halfBody struct {
	r io.ReadCloser
	n int64
}

func (h *halfBody) Read(p []byte) (int, error) {
	if h.n <= 0 {
		return 0, errors.New("killed")
	}
	p = p[:min(int64(len(p)), h.n)]
	n, err := h.r.Read(p)
	h.n -= int64(n)
	return n, err
}

func (h *halfBody) Close() error { return h.r.Close() }

func (w *writeLog) RoundTrip(r *http.Request) (*http.Response, error) {
	if w.dead.Load() {
		return nil, errors.New("killed")
	}
	key := strings.TrimPrefix(r.URL.Path, "/relais/")
	if w.stopAfter > 0 && r.Method == http.MethodPut && key != recordName && r.Body != nil && w.n.Add(1) == w.stopAfter {
		w.dead.Store(true)
		w.mu.Lock()
		w.cut = key
		w.mu.Unlock()
		r2 := r.Clone(r.Context())
		r2.Body = &halfBody{r: r.Body, n: r.ContentLength / 2}
		if resp, err := w.base.RoundTrip(r2); err == nil {
			resp.Body.Close()
		}
		w.cancel()
		return nil, errors.New("killed")
	}
	resp, err := w.base.RoundTrip(r)
	if err != nil || resp.StatusCode/100 != 2 || (r.Method != http.MethodPut && r.Method != http.MethodDelete) || key == recordName {
		return resp, err
	}
	w.mu.Lock()
	w.log = append(w.log, r.Method+" "+key)
	w.mu.Unlock()
	return resp, err
}

func (w *writeLog) writes() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.log)
}

// TestDeployToVersitygw deploys the shipped site to versitygw over http
// and https: a first deploy, a deploy with no change, one edit, one
// deletion, and a deploy cut off in the middle then finished; after each,
// every object is read back and compared with the build.
func TestDeployToVersitygw(t *testing.T) {
	bin := findVersitygw(t)
	built := shippedBuild(t)
	for _, scheme := range []string{"http", "https"} {
		t.Run(scheme, func(t *testing.T) {
			t.Parallel()
			s := startVersitygw(t, bin, scheme == "https")
			headers := testHeaders(300)
			run := func(dir string, log *writeLog, ctx context.Context) (*Result, error) {
				t.Helper()
				log.base = s.tr
				return Run(ctx, Options{
					Dir:        dir,
					Target:     config.DeployTarget{Name: "vgw", Bucket: s.bucket, Endpoint: s.endpoint, Region: "us-east-1"},
					BaseURL:    base,
					Headers:    headers,
					Getenv:     testEnv(t, "AWS_ACCESS_KEY_ID", vgwAccess, "AWS_SECRET_ACCESS_KEY", vgwSecret),
					MaxDeletes: -1,
					Transport:  log,
				})
			}
			deploy := func(dir string) (*Result, []string) {
				t.Helper()
				log := &writeLog{}
				start := time.Now()
				res, err := run(dir, log, context.Background())
				if err != nil {
					t.Fatalf("deploy: %v", err)
				}
				t.Logf("deploy: %d uploads, %d deletes in %v", res.Uploaded, res.Deleted, time.Since(start))
				return res, log.writes()
			}

			dir := copyBuild(t, built)
			n := len(publishedFiles(t, dir))
			if scheme == "http" {
				legacyUploads(t, s, dir, headers)
			}

			// First deploy: everything.
			res, _ := deploy(dir)
			if res.Uploaded != n || res.Deleted != 0 {
				t.Errorf("first deploy: uploaded %d, deleted %d; want %d, 0", res.Uploaded, res.Deleted, n)
			}
			checkBucket(t, s, dir, headers)

			// No change: nothing.
			res, writes := deploy(dir)
			if res.Uploaded != 0 || res.Deleted != 0 || len(writes) != 0 {
				t.Errorf("deploy without change: uploaded %d, deleted %d: %v", res.Uploaded, res.Deleted, writes)
			}

			// One edit: only that file.
			edited := "bonnes-pratiques/index.html"
			appendTo(t, dir, edited, "\n<!-- édité -->\n")
			_, writes = deploy(dir)
			if want := []string{"PUT " + edited}; !slices.Equal(writes, want) {
				t.Errorf("after one edit, writes %v, want %v", writes, want)
			}
			checkBucket(t, s, dir, headers)

			// One deletion, with an edit: the delete comes last.
			removed := firstPage(t, dir, "bonnes-pratiques/")
			for _, suffix := range []string{"", ".gz", ".br"} {
				os.Remove(filepath.Join(dir, filepath.FromSlash(removed+suffix)))
			}
			appendTo(t, dir, "sitemap.xml", "\n")
			_, writes = deploy(dir)
			if want := []string{"PUT sitemap.xml", "DELETE " + removed}; !slices.Equal(writes, want) {
				t.Errorf("after one deletion, writes %v, want %v", writes, want)
			}
			checkBucket(t, s, dir, headers)

			// A new stylesheet, so every page changes: a deploy killed in
			// the middle of the upload of a page leaves every stored page
			// with its stylesheet, and no object of neither build; the next
			// one finishes and deletes the old stylesheet.
			previous := publishedFiles(t, dir)
			oldCSS := renameStylesheet(t, dir)
			dry, err := Run(context.Background(), Options{Dir: dir, Target: config.DeployTarget{Bucket: s.bucket, Endpoint: s.endpoint}, Headers: headers,
				Getenv: testEnv(t, "AWS_ACCESS_KEY_ID", vgwAccess, "AWS_SECRET_ACCESS_KEY", vgwSecret), MaxDeletes: -1, Transport: s.tr, DryRun: true})
			if err != nil {
				t.Fatal(err)
			}
			before, pages := 0, 0
			for _, u := range dry.Plan.Uploads {
				switch phaseOf(u.Path) {
				case phaseAssets, phaseFiles:
					before++
				case phasePages:
					pages++
				}
			}
			if pages < 10 {
				t.Fatalf("the new stylesheet changes %d pages", pages)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cut := &writeLog{stopAfter: int32(before + pages/2), cancel: cancel}
			_, err = run(dir, cut, ctx)
			var ie *InterruptedError
			if !errors.As(err, &ie) {
				t.Fatalf("the cut-off deploy: %v, want an InterruptedError", err)
			}
			if w := cut.writes(); slices.ContainsFunc(w, func(l string) bool { return strings.HasPrefix(l, "DELETE ") }) {
				t.Errorf("the cut-off deploy deleted before its uploads were done: %v", w)
			}
			pagesWhole(t, s)
			if cut.cut == "" {
				t.Error("no upload was cut")
			}
			t.Logf("killed in the middle of the upload of %s", cut.cut)
			eitherBuild(t, s, previous, publishedFiles(t, dir))
			deploy(dir)
			checkBucket(t, s, dir, headers)
			if _, err := s.client(t).StatObject(context.Background(), s.bucket, oldCSS, minio.StatObjectOptions{}); err == nil {
				t.Errorf("the old stylesheet %s is still in the bucket", oldCSS)
			}
		})
	}
}

// appendTo appends text to a file of the build.
func appendTo(t *testing.T, dir, p, text string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, filepath.FromSlash(p)), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// firstPage returns the first page of the build under folder, other than
// the folder's own.
func firstPage(t *testing.T, dir, folder string) string {
	t.Helper()
	for p := range publishedFiles(t, dir) {
		if strings.HasPrefix(p, folder) && strings.HasSuffix(p, "/index.html") && p != folder+"index.html" {
			return p
		}
	}
	t.Fatalf("no page under %s", folder)
	return ""
}

var stylesheetRE = regexp.MustCompile(`/assets/[^"' >]+\.css`)

// renameStylesheet gives the site's stylesheet other bytes and another
// name, as a change of CSS does, and returns the old one's path.
func renameStylesheet(t *testing.T, dir string) string {
	t.Helper()
	files := publishedFiles(t, dir)
	old := stylesheetRE.FindString(string(files["index.html"]))
	if old == "" {
		t.Fatal("index.html links no stylesheet")
	}
	renamed := strings.TrimSuffix(old, ".css") + "v2.css"
	oldPath, newPath := strings.TrimPrefix(old, "/"), strings.TrimPrefix(renamed, "/")
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(newPath)), append(files[oldPath], "\n/* v2 */\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", ".gz", ".br"} {
		os.Remove(filepath.Join(dir, filepath.FromSlash(oldPath+suffix)))
	}
	for p, data := range files {
		if strings.HasSuffix(p, ".html") && bytes.Contains(data, []byte(old)) {
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), bytes.ReplaceAll(data, []byte(old), []byte(renamed)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return oldPath
}

// pagesWhole fails when a page of the bucket links an asset the bucket
// does not hold.
func pagesWhole(t *testing.T, s *s3Server) {
	t.Helper()
	c := s.client(t)
	ctx := context.Background()
	stored := map[string]bool{}
	var pages []string
	for o := range c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Recursive: true}) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		stored[o.Key] = true
		if strings.HasSuffix(o.Key, ".html") {
			pages = append(pages, o.Key)
		}
	}
	var mu sync.Mutex
	err := parallel(ctx, 8, len(pages), func(ctx context.Context, i int) error {
		o, err := c.GetObject(ctx, s.bucket, pages[i], minio.GetObjectOptions{})
		if err != nil {
			return err
		}
		defer o.Close()
		b, err := io.ReadAll(o)
		if err != nil {
			return err
		}
		for _, ref := range assetRef.FindAllString(string(b), -1) {
			if !stored[strings.TrimPrefix(ref, "/")] {
				mu.Lock()
				t.Errorf("page %s links %s, which is not in the bucket", pages[i], ref)
				mu.Unlock()
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// eitherBuild fails when an object of the bucket holds bytes of neither
// build (such as a cut upload kept in part).
func eitherBuild(t *testing.T, s *s3Server, old, cur map[string][]byte) {
	t.Helper()
	c := s.client(t)
	ctx := context.Background()
	for o := range c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Recursive: true}) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		if o.Key == recordName {
			continue
		}
		r, err := c.GetObject(ctx, s.bucket, o.Key, minio.GetObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, old[o.Key]) && !bytes.Equal(b, cur[o.Key]) {
			t.Errorf("%s holds %d bytes of neither build", o.Key, len(b))
		}
	}
}

// legacyUploads stores a few files of the build as relais did before it
// stopped signing uploads in streaming form over http (minio-go's default),
// with their metadata and a deploy record of format 1 vouching for them:
// versitygw keeps "Content-Encoding: aws-chunked" on them, and the first
// deploy must store them again.
func legacyUploads(t *testing.T, s *s3Server, dir string, headers func(string) http.Header) {
	t.Helper()
	files, err := scan(context.Background(), dir, headers, 4)
	if err != nil {
		t.Fatal(err)
	}
	c := s.client(t)
	rec := record{Format: 1, Headers: map[string]string{}}
	var legacy []string
	for _, f := range files {
		if f.Path != "index.html" && f.Path != "robots.txt" && !strings.HasSuffix(f.Path, ".ics") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.PutObject(context.Background(), s.bucket, f.Path, bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{
			ContentType:      f.Header.Get("Content-Type"),
			CacheControl:     f.Header.Get("Cache-Control"),
			UserMetadata:     map[string]string{metaSHA256: f.SHA256, metaHeaders: f.Digest},
			DisableMultipart: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		rec.Headers[f.Path] = f.Digest
		legacy = append(legacy, f.Path)
		if len(legacy) == 3 {
			break
		}
	}
	data, _ := json.Marshal(rec)
	if _, err := c.PutObject(context.Background(), s.bucket, recordName, bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{DisableMultipart: true}); err != nil {
		t.Fatal(err)
	}
	info, err := c.StatObject(context.Background(), s.bucket, legacy[0], minio.StatObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stored in streaming form over http, %s has Content-Encoding %q", legacy[0], info.Metadata.Get("Content-Encoding"))
}
