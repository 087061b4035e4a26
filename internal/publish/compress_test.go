package publish

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/google/go-cmp/cmp"
)

// page makes a compressible page of about n bytes.
func page(n int, seed string) []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html><html lang=fr><title>" + seed + "</title><main>")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "<p>Créneau %d de %s : de 8h30 à 10h pour les élèves de 4e.</p>", i, seed)
	}
	return b.Bytes()
}

func sampleFiles() []File {
	return []File{
		{Path: "index.html", Data: page(20000, "accueil")},
		{Path: "academies/paris/4e/index.html", Data: page(8000, "paris")},
		{Path: "assets/css/site.0123456789.css", Data: bytes.Repeat([]byte("a{color:#000}"), 300)},
		{Path: "academies/paris/4e.ics", Data: bytes.Repeat([]byte("BEGIN:VEVENT\r\nEND:VEVENT\r\n"), 50)},
		{Path: "robots.txt", Data: []byte("User-agent: *\n")}, // too small to gain
		{Path: "assets/img/logo.0123456789.png", Data: bytes.Repeat([]byte{0}, 5000)},
		{Path: "_headers", Data: bytes.Repeat([]byte("/*\n  X-A: b\n"), 100)},
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func unbrotli(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPrecompressDecompressesToTheOriginal(t *testing.T) {
	t.Parallel()
	files := sampleFiles()
	cs, st, err := Precompress(files, CompressOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, c := range cs {
		paths = append(paths, c.Path)
	}
	if diff := cmp.Diff([]string{"index.html", "academies/paris/4e/index.html", "assets/css/site.0123456789.css", "academies/paris/4e.ics", "robots.txt"}, paths); diff != "" {
		t.Errorf("compressed files (-want +got):\n%s", diff)
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	for _, c := range cs {
		orig := byPath[c.Path]
		if c.Path == "robots.txt" {
			if c.Gzip != nil || c.Brotli != nil {
				t.Errorf("robots.txt: variants kept though not smaller (gzip %d, brotli %d bytes for %d)", len(c.Gzip), len(c.Brotli), len(orig))
			}
			if c.GzipSize != len(orig) {
				t.Errorf("robots.txt: GzipSize %d, want the file's size %d", c.GzipSize, len(orig))
			}
			continue
		}
		if c.Gzip == nil || (c.Brotli == nil) != (LevelsFor(c.Path).Brotli == NoBrotli) {
			t.Fatalf("%s: a variant is missing, or a brotli variant made for a file fetched by programs", c.Path)
		}
		if !bytes.Equal(gunzip(t, c.Gzip), orig) {
			t.Errorf("%s.gz does not decompress to the file", c.Path)
		}
		if c.Brotli != nil && !bytes.Equal(unbrotli(t, c.Brotli), orig) {
			t.Errorf("%s.br does not decompress to the file", c.Path)
		}
		if c.GzipSize != len(c.Gzip) || c.Size != len(orig) {
			t.Errorf("%s: sizes %d/%d, want %d/%d", c.Path, c.Size, c.GzipSize, len(orig), len(c.Gzip))
		}
	}
	if st.Files != 5 || st.Compressed != 5 || st.Cached != 0 || st.Variants != 7 {
		t.Errorf("stats %+v, want 5 files, 5 compressed, 7 variants (no .br for the calendar)", st)
	}
	vs := Variants(cs)
	if len(vs) != 7 || vs[0].Path != "index.html.gz" || vs[1].Path != "index.html.br" {
		t.Errorf("Variants: %d files, first %s", len(vs), vs[0].Path)
	}
}

func TestPrecompressIsDeterministic(t *testing.T) {
	t.Parallel()
	a, _, _ := Precompress(sampleFiles(), CompressOptions{})
	b, _, _ := Precompress(sampleFiles(), CompressOptions{})
	if !cmp.Equal(a, b) {
		t.Error("two runs gave different bytes")
	}
}

func TestPrecompressCache(t *testing.T) {
	t.Parallel()
	cache := t.TempDir()
	opts := CompressOptions{CacheDir: cache}
	first, st, err := Precompress(sampleFiles(), opts)
	if err != nil || st.Compressed != 5 || st.Cached != 0 {
		t.Fatalf("first run: %+v, %v", st, err)
	}
	second, st, err := Precompress(sampleFiles(), opts)
	if err != nil || st.Compressed != 0 || st.Cached != 5 {
		t.Fatalf("second run compressed %d files, want 0 (%+v, %v)", st.Compressed, st, err)
	}
	if !cmp.Equal(first, second) {
		t.Error("the cache gave other bytes than compressing")
	}
	// One file changes: only it is compressed.
	files := sampleFiles()
	files[1].Data = page(8000, "créteil")
	_, st, _ = Precompress(files, opts)
	if st.Compressed != 1 || st.Cached != 4 {
		t.Errorf("after one edit: %+v, want 1 compressed and 4 from the cache", st)
	}
	// Other levels are other entries.
	_, st, _ = Precompress(files, CompressOptions{CacheDir: cache, Levels: func(string) Levels { return Levels{Gzip: 1, Brotli: 1} }})
	if st.Compressed != 5 {
		t.Errorf("new levels: %d compressed, want 5", st.Compressed)
	}
	// Entries nobody used for a long time are pruned.
	future := time.Now().Add(40 * 24 * time.Hour)
	if n := PruneCache(cache, 30*24*time.Hour, future); n == 0 {
		t.Error("PruneCache removed nothing")
	}
	n := 0
	_ = filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	if n != 0 {
		t.Errorf("%d entries left after pruning everything", n)
	}
}

func TestPrecompressGzipOnly(t *testing.T) {
	t.Parallel()
	cs, _, err := Precompress(sampleFiles(), CompressOptions{GzipOnly: true, Only: func(p string) bool { return strings.HasSuffix(p, ".html") }})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Brotli != nil || cs[0].Gzip == nil {
		t.Errorf("GzipOnly with Only(.html): %d files", len(cs))
	}
}

// TestWriteKeepsVariantsMtime checks that precompressed variants, like the
// files they compress, keep their mtime when a rebuild gives the same
// bytes, and that an unchanged rebuild changes nothing.
func TestWriteKeepsVariantsMtime(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	build := func() Result {
		files := sampleFiles()
		cs, _, err := Precompress(files, CompressOptions{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := Write(dest, append(files, Variants(cs)...))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	build()
	past := time.Date(2020, 3, 16, 8, 0, 0, 0, time.UTC)
	for _, p := range []string{"index.html", "index.html.gz", "index.html.br"} {
		os.Chtimes(filepath.Join(dest, p), past, past)
	}
	res := build()
	if len(res.Changed) != 0 || res.Written != 0 {
		t.Errorf("an unchanged rebuild changed %v", res.Changed)
	}
	for _, p := range []string{"index.html", "index.html.gz", "index.html.br"} {
		st, err := os.Stat(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		if !st.ModTime().Equal(past) {
			t.Errorf("%s: mtime %v, want %v", p, st.ModTime(), past)
		}
	}
}

func TestManifest(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	if got, want := ManifestPath(dest), filepath.Join(filepath.Dir(dest), ".relais", "public-changed.txt"); got != want {
		t.Errorf("ManifestPath = %s, want %s", got, want)
	}
	if _, err := ReadManifest(dest); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no manifest yet: err = %v", err)
	}
	for _, m := range []Manifest{
		{URLs: []string{"/", "/academies/paris/", "/sitemap.xml"}},
		{URLs: []string{"/a/"}, Rules: true},
		{},
	} {
		if err := WriteManifest(dest, m); err != nil {
			t.Fatal(err)
		}
		got, err := ReadManifest(dest)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(m, got); diff != "" {
			t.Errorf("manifest read back (-wrote +read):\n%s", diff)
		}
	}
	if strings.HasPrefix(ManifestPath(dest), dest+string(filepath.Separator)) {
		t.Error("the manifest is inside the output folder")
	}
}
