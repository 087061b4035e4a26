package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/output"
)

// Levels are the compression levels of one kind of file.
type Levels struct {
	Gzip   int // 1 (fastest) to 9 (smallest)
	Brotli int // 0 (fastest) to 11 (smallest)
}

// The levels relais compresses with, chosen by measurement with
// tools/complevels on a national-scale fixture (docs/hosting.md,
// « Precompression »). Assets are few, small and served for a year: they get the
// smallest output whatever it costs (brotli 11 runs at about 0.6 MB/s in
// pure Go, but the CSS and JS of a build weigh a few kilobytes). Pages,
// feeds, calendars and data are many and rewritten often: brotli 6 is 8 to
// 13 % larger than brotli 11 but some 25 times faster, and within 1 to 4 %
// of brotli 7 and 9 at a fraction of their time; gzip 6 is within 0.5 % of
// gzip 9 on pages and feeds, and faster.
//
// Feeds, calendars and CSV tables (FetchedLevels) get no brotli variant:
// programs fetch them — feed readers, calendar servers, scripts — and most
// ask for gzip alone; brotli, in pure Go, costs four times gzip's
// processor time for 5 to 10 % fewer bytes, which nobody waits for there.
var (
	AssetLevels   = Levels{Gzip: 9, Brotli: 11}
	PageLevels    = Levels{Gzip: 6, Brotli: 6}
	FetchedLevels = Levels{Gzip: 6, Brotli: NoBrotli}
)

// NoBrotli as a brotli level makes no .br variant.
const NoBrotli = -1

// Compressible reports whether the file at p is precompressed: text, by
// the table of output kinds (internal/output), which hosting reads too.
func Compressible(p string) bool {
	return output.KindOf(p).Compressible
}

// LevelsFor returns the levels for the file at p: AssetLevels under
// assets/ and for the service worker (sw.js, an asset published at the
// root), FetchedLevels for feeds, calendars and CSV tables, PageLevels
// elsewhere.
func LevelsFor(p string) Levels {
	if strings.HasPrefix(p, "assets/") || p == "sw.js" {
		return AssetLevels
	}
	if k := output.KindOf(p); k.Family == output.Feed || k.Family == output.Calendar || k.Format == output.CSV {
		return FetchedLevels
	}
	return PageLevels
}

// Compressed is a file and its precompressed variants.
type Compressed struct {
	Path string
	Size int // bytes of the file itself
	// Gzip and Brotli are the variants, nil when they would not be smaller
	// than the file.
	Gzip, Brotli []byte
	// GzipSize is the size of the file gzip-compressed: what a client
	// downloads, for budgets; Size when gzip does not help.
	GzipSize int
}

// CompressStats says what Precompress did.
type CompressStats struct {
	Files      int // compressible files
	Compressed int // files compressed now, their bytes new to the cache
	Cached     int // files whose variants came from the cache
	Variants   int // .gz and .br files that are smaller than their file
	Time       time.Duration
}

// Options of Precompress.
type CompressOptions struct {
	// CacheDir holds the compressed bytes of earlier builds, by content
	// hash and level; "" compresses every file.
	CacheDir string
	// Levels returns the levels for a path; nil means LevelsFor.
	Levels func(path string) Levels
	// Only, when set, limits the work to the paths it accepts.
	Only func(path string) bool
	// GzipOnly skips brotli: for measuring sizes without writing variants.
	GzipOnly bool
}

// Precompress compresses every compressible file with gzip and brotli, in
// parallel, and returns them in the order of files (others are left out).
// Compressed bytes are kept in opts.CacheDir by the hash of the file's
// bytes, so a rebuild compresses only the files whose bytes changed.
func Precompress(files []File, opts CompressOptions) ([]Compressed, CompressStats, error) {
	start := time.Now()
	levels := opts.Levels
	if levels == nil {
		levels = LevelsFor
	}
	var idx []int
	for i, f := range files {
		if Compressible(f.Path) && (opts.Only == nil || opts.Only(f.Path)) {
			idx = append(idx, i)
		}
	}
	out := make([]Compressed, len(idx))
	var compressed, cached, variants atomic.Int64
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for j, i := range idx {
		g.Go(func() error {
			c, hit, err := CompressFile(files[i], levels(files[i].Path), opts)
			if err != nil {
				return err
			}
			if hit {
				cached.Add(1)
			} else {
				compressed.Add(1)
			}
			variants.Add(int64(c.Variants()))
			out[j] = c
			return nil
		})
	}
	err := g.Wait()
	st := CompressStats{Files: len(idx), Compressed: int(compressed.Load()), Cached: int(cached.Load()), Variants: int(variants.Load()), Time: time.Since(start)}
	return out, st, err
}

// CompressFile compresses one file at lv (gzip alone with
// opts.GzipOnly or a level NoBrotli), through the cache of opts.CacheDir; hit says that every
// variant came from the cache. A variant that would not be smaller than
// the file is left out (nil).
func CompressFile(f File, lv Levels, opts CompressOptions) (c Compressed, hit bool, err error) {
	sum := sha256.Sum256(f.Data)
	key := hex.EncodeToString(sum[:])
	gz, hitG, err := cachedCompress(opts.CacheDir, key, fmt.Sprintf("gz%d", lv.Gzip), f.Data, func(b []byte) ([]byte, error) { return Gzip(b, lv.Gzip) })
	if err != nil {
		return c, false, fmt.Errorf("compressing %s: %w", f.Path, err)
	}
	var br []byte
	hitB := true
	if !opts.GzipOnly && lv.Brotli != NoBrotli {
		br, hitB, err = cachedCompress(opts.CacheDir, key, fmt.Sprintf("br%d", lv.Brotli), f.Data, func(b []byte) ([]byte, error) { return Brotli(b, lv.Brotli) })
		if err != nil {
			return c, false, fmt.Errorf("compressing %s: %w", f.Path, err)
		}
	}
	c = Compressed{Path: f.Path, Size: len(f.Data), GzipSize: min(len(gz), len(f.Data))}
	if len(gz) < len(f.Data) {
		c.Gzip = gz
	}
	// A .br only beside a .gz: nginx answers a file that has a .br twin
	// alone without Vary: Accept-Encoding (TestNginxServesTheShippedBuild),
	// and a file too small for gzip to help gains next to nothing from
	// brotli.
	if br != nil && len(br) < len(f.Data) && c.Gzip != nil {
		c.Brotli = br
	}
	return c, hitG && hitB, nil
}

// Variants is the number of variants of c.
func (c Compressed) Variants() int {
	n := 0
	if c.Gzip != nil {
		n++
	}
	if c.Brotli != nil {
		n++
	}
	return n
}

// Variants returns the .gz and .br files of cs.
func Variants(cs []Compressed) []File {
	var out []File
	for _, c := range cs {
		if c.Gzip != nil {
			out = append(out, File{Path: c.Path + ".gz", Data: c.Gzip})
		}
		if c.Brotli != nil {
			out = append(out, File{Path: c.Path + ".br", Data: c.Brotli})
		}
	}
	return out
}

// cachedCompress returns the bytes of data compressed by compress, from the
// cache when an earlier build left them there. hit says whether they did.
// A cache that cannot be read or written is not an error: the bytes are
// compressed again.
func cachedCompress(dir, key, kind string, data []byte, compress func([]byte) ([]byte, error)) (out []byte, hit bool, err error) {
	var p string
	if dir != "" {
		p = filepath.Join(dir, key[:2], key+"."+kind)
		if b, err := os.ReadFile(p); err == nil {
			touch(p)
			return b, true, nil
		}
	}
	out, err = compress(data)
	if err != nil || p == "" {
		return out, false, err
	}
	_ = writeCache(p, out)
	return out, false, nil
}

// touch marks a cache entry as used, at most once a day, for PruneCache.
func touch(p string) {
	if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) > 24*time.Hour {
		now := time.Now()
		_ = os.Chtimes(p, now, now)
	}
}

// writeCache writes a cache entry through a temporary file and a rename,
// so that a reader never sees half an entry, even from a concurrent build.
func writeCache(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp-" + randomSuffix()
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Gzip compresses data at level, with an empty header (no name, no time),
// so the same bytes always give the same output.
func Gzip(data []byte, level int) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	w, err := gzipWriter(&b, level)
	if err != nil {
		return nil, err
	}
	defer putGzipWriter(w, level)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Brotli compresses data at quality level.
func Brotli(data []byte, level int) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	// A window just larger than the file, as the reference encoder picks
	// for input of known size: the same output, far less memory.
	lgwin := min(max(bits.Len(uint(len(data))), 16), 24)
	w := brotliWriter(&b, level, lgwin)
	defer putBrotliWriter(w, level, lgwin)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// DefaultCacheDir is where compressed bytes are kept between builds: the
// relais folder of the user's cache directory (on Linux
// $XDG_CACHE_HOME/relais or ~/.cache/relais), or "" when there is none.
func DefaultCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "relais", "compressed")
}

// PruneCache removes the cache entries not used for maxAge, so the cache
// does not grow without end. Entries are touched when used (at most once a
// day). It returns the number of entries removed.
func PruneCache(dir string, maxAge time.Duration, now time.Time) int {
	if dir == "" {
		return 0
	}
	n := 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil && now.Sub(info.ModTime()) > maxAge {
			if os.Remove(p) == nil {
				n++
			}
		}
		return nil
	})
	return n
}
