package deploy

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/hosting"
)

// file is one file of the build to deploy.
type file struct {
	Path   string // slash-separated, relative to the build folder
	Size   int64
	MD5    string // hex
	SHA256 string // hex
	Header http.Header
	Digest string // headerDigest(Header)
}

// storable are the response headers an S3 object can carry (its system
// metadata). The others, such as Content-Security-Policy, are the CDN's.
// The last is not a response header but what a bucket's website endpoint
// answers a 301 with: the page at the old address of a renamed page
// carries its new address (see redirectsOf).
var storable = [...]string{"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Type", "Expires", websiteRedirect}

const websiteRedirect = "X-Amz-Website-Redirect-Location"

// redirectsOf maps the files of the build in dir that stand at an old
// address (render.Aliases) to the new address, read from the build's
// _redirects: a bucket served as a website answers them with a 301, like
// the hosts that read _redirects; elsewhere the page itself sends the
// browser on.
func redirectsOf(dir string) map[string]string {
	data, err := os.ReadFile(filepath.Join(dir, hosting.RedirectsFile))
	if err != nil {
		return nil
	}
	m := map[string]string{}
	for _, r := range hosting.ParseRedirects(data) {
		m[hosting.AliasFile(r.From)] = r.To
	}
	return m
}

// storableHeaders keeps the headers of h that an object can carry.
func storableHeaders(h http.Header) http.Header {
	out := http.Header{}
	for _, k := range storable {
		if v := h.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out
}

// headerDigest is a short digest of the storable headers, kept in object
// metadata and in the deploy record.
func headerDigest(h http.Header) string {
	s := sha256.New()
	for _, k := range storable {
		if v := h.Get(k); v != "" {
			fmt.Fprintf(s, "%s: %s\n", k, v)
		}
	}
	return hex.EncodeToString(s.Sum(nil))[:16]
}

// MaxFileSize is the largest file deploy uploads: the largest single-part
// upload S3 accepts (5 GiB), so that every ETag is the MD5 of the bytes.
const MaxFileSize = 5 << 30

// scan lists the files of the build in dir that are to be published, with
// their hashes and headers, sorted by path.
func scan(ctx context.Context, dir string, headers func(string) http.Header, workers int) ([]file, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a build: run relais build first, or pass --dest", dir)
	}
	var paths []string
	present := map[string]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if hidden(rel) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		present[rel] = true
		paths = append(paths, rel)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the build: %w", err)
	}
	kept := paths[:0]
	for _, p := range paths {
		if hosting.Private(p) {
			continue
		}
		if _, _, ok := hosting.Variant(p); ok {
			continue
		}
		kept = append(kept, p)
	}
	paths = kept
	slices.Sort(paths)
	if !present["index.html"] {
		return nil, fmt.Errorf("%s has no index.html, so it is not a relais build: run relais build first, or pass --dest", dir)
	}

	redirects := redirectsOf(dir)
	files := make([]file, len(paths))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i, p := range paths {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			f, err := hashFile(filepath.Join(dir, filepath.FromSlash(p)))
			if err != nil {
				return err
			}
			f.Path = p
			f.Header = storableHeaders(headers(p))
			if to, ok := redirects[p]; ok {
				f.Header.Set(websiteRedirect, to)
			}
			f.Digest = headerDigest(f.Header)
			files[i] = f
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return files, nil
}

// hidden reports whether a path of the build is a dotfile or in a dot
// folder, which hosts do not serve (.well-known/ excepted).
func hidden(rel string) bool {
	for part := range strings.SplitSeq(rel, "/") {
		if strings.HasPrefix(part, ".") && part != ".well-known" {
			return true
		}
	}
	return false
}

func hashFile(p string) (file, error) {
	f, err := os.Open(p)
	if err != nil {
		return file{}, err
	}
	defer f.Close()
	m, s := md5.New(), sha256.New()
	n, err := io.Copy(io.MultiWriter(m, s), f)
	if err != nil {
		return file{}, err
	}
	if n > MaxFileSize {
		return file{}, fmt.Errorf("%s is larger than 5 GiB, the largest file deploy uploads", p)
	}
	return file{Size: n, MD5: hex.EncodeToString(m.Sum(nil)), SHA256: hex.EncodeToString(s.Sum(nil))}, nil
}

// readFile reads a file of the build for upload, checking that it is
// still the file that was planned.
func readFile(dir string, f file) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s disappeared from the build during the deploy: was relais build running? run relais deploy again", f.Path)
		}
		return nil, err
	}
	sum := md5.Sum(data)
	if hex.EncodeToString(sum[:]) != f.MD5 {
		return nil, fmt.Errorf("%s changed during the deploy: was relais build running? run relais deploy again", f.Path)
	}
	return data, nil
}
