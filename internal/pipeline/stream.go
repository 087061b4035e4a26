package pipeline

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/render"
)

// pageSink takes the pages of a full build as they are rendered: it
// compresses each (when the build precompresses), puts it and its
// variants in the write of opts.Dest (publish.Stream) and lets their
// bytes go, so that a build never holds every page until the end. It
// keeps only what the budgets and the summary need once the pages are
// done: the compressed size of each page compressed, and the bytes of the
// pages a build without precompression measures (the level pages and the
// largest pages, the candidates of measured).
type pageSink struct {
	opts  Options
	copts publish.CompressOptions

	open   sync.Once
	stream *publish.Stream
	err    error

	mu         sync.Mutex
	put        map[string]bool
	compressed []publish.Compressed
	stats      publish.CompressStats
	kept       []publish.File // without precompression: pages to measure
	largest    []publish.File // without precompression: the largest pages, by size

	// With a kept state: what the output folder holds for each page put
	// or held, and the held pages a build without precompression may
	// measure (measureHeld).
	record  bool
	entries map[string]keptPage
	held    []heldPage
}

func newPageSink(opts Options, copts publish.CompressOptions) *pageSink {
	return &pageSink{opts: opts, copts: copts, put: map[string]bool{}, entries: map[string]keptPage{}}
}

// writer returns the write of opts.Dest, opened at the first call. The
// build record goes first: from the first page put, the spare is being
// updated, and a build killed then must not be taken by the next one for
// a finished build of the same files (it would leave the half-updated
// spare as it is).
func (k *pageSink) writer() (*publish.Stream, error) {
	k.open.Do(func() {
		if err := forget(k.opts.Dest); err != nil {
			k.err = fmt.Errorf("removing the build record: %w", err)
			return
		}
		if k.stream, k.err = publish.Open(k.opts.Dest); k.err != nil {
			k.err = fmt.Errorf("writing %s: %w", k.opts.Dest, k.err)
		}
	})
	return k.stream, k.err
}

// close abandons the write when it was not committed.
func (k *pageSink) close() {
	if k.stream != nil {
		k.stream.Close()
	}
}

// page takes one rendered page; o.Data is not kept beyond the call but
// for the pages to measure.
func (k *pageSink) page(o render.Output) error {
	w, err := k.writer()
	if err != nil {
		return err
	}
	f := publish.File{Path: o.Path, Data: o.Data}
	var e keptPage
	if !k.opts.NoPrecompress && publish.Compressible(o.Path) {
		t := time.Now()
		c, hit, err := publish.CompressFile(f, levelsOf(k.opts)(o.Path), k.copts)
		if err != nil {
			return err
		}
		nv := c.Variants()
		for _, v := range publish.Variants([]publish.Compressed{c}) {
			sum, err := w.PutSum(v.Path, v.Data)
			if err != nil {
				return err
			}
			if strings.HasSuffix(v.Path, ".gz") {
				e.gz = &sum
			} else {
				e.br = &sum
			}
		}
		e.gzipSize = c.GzipSize
		c.Gzip, c.Brotli = nil, nil
		k.mu.Lock()
		k.compressed = append(k.compressed, c)
		k.stats.Files++
		if hit {
			k.stats.Cached++
		} else {
			k.stats.Compressed++
		}
		k.stats.Variants += nv
		k.stats.Time += time.Since(t)
		k.mu.Unlock()
	} else if k.opts.NoPrecompress && budgeted(o.Path) {
		k.keep(f)
	}
	sum, err := w.PutSum(o.Path, o.Data)
	if err != nil {
		return err
	}
	e.file, e.size = sum, len(o.Data)
	k.mu.Lock()
	k.put[o.Path] = true
	if k.record {
		k.entries[o.Path] = e
	}
	k.mu.Unlock()
	return nil
}

// hold takes the page at path from the output folder, as the kept state
// e says the folder holds it with its variants, instead of rendering it;
// false when the folder does not hold them so (the page must be
// rendered).
func (k *pageSink) hold(path string, e keptPage) (bool, error) {
	w, err := k.writer()
	if err != nil {
		return false, err
	}
	if !k.opts.NoPrecompress && publish.Compressible(path) && e.gzipSize == 0 {
		return false, nil // a state of another precompression
	}
	ok, err := w.Keep(e.held(path))
	if !ok || err != nil {
		return false, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.put[path] = true
	k.entries[path] = e
	if !k.opts.NoPrecompress && publish.Compressible(path) {
		k.compressed = append(k.compressed, publish.Compressed{Path: path, Size: e.size, GzipSize: e.gzipSize})
		k.stats.Files++
		k.stats.Cached++
		if e.gz != nil {
			k.stats.Variants++
		}
		if e.br != nil {
			k.stats.Variants++
		}
	} else if k.opts.NoPrecompress && budgeted(path) {
		k.held = append(k.held, heldPage{path: path, size: e.size, sum: e.file})
	}
	return true, nil
}

// heldPage is a page held from the output folder that a build without
// precompression may measure.
type heldPage struct {
	path string
	size int
	sum  [sha256.Size]byte
}

// measureHeld gives keep, once every page is rendered or held, the held
// pages a build without precompression measures — the level pages, and
// the held pages among the 4×LargestShown largest — read from the output
// folder, which holds them with their kept sums.
func (k *pageSink) measureHeld() error {
	if !k.opts.NoPrecompress || len(k.held) == 0 {
		return nil
	}
	held := k.held
	slices.SortFunc(held, func(a, b heldPage) int {
		if d := cmp.Compare(b.size, a.size); d != 0 {
			return d
		}
		return strings.Compare(a.path, b.path)
	})
	for i, h := range held {
		if i >= 4*LargestShown && !Painted(hosting.URLOf(h.path)) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(k.opts.Dest, filepath.FromSlash(h.path)))
		if err == nil && sha256.Sum256(data) != h.sum {
			err = fmt.Errorf("its bytes are not those of the last build")
		}
		if err != nil {
			return fmt.Errorf("reading %s from the last build: %w", h.path, err)
		}
		k.keep(publish.File{Path: h.path, Data: data})
	}
	k.held = nil
	return nil
}

// entry returns what the output folder holds for the page at path, once
// it is put or held.
func (k *pageSink) entry(path string) (keptPage, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	e, ok := k.entries[path]
	return e, ok
}

// keep holds the bytes of a page that a build without precompression may
// measure: a level page always, another page while it is among the
// 4×LargestShown largest so far (by size, then path, as measured orders
// them).
func (k *pageSink) keep(f publish.File) {
	if Painted(hosting.URLOf(f.Path)) {
		f.Data = slices.Clone(f.Data)
		k.mu.Lock()
		k.kept = append(k.kept, f)
		k.mu.Unlock()
		return
	}
	const n = 4 * LargestShown
	larger := func(a, b publish.File) int {
		if d := cmp.Compare(len(b.Data), len(a.Data)); d != 0 {
			return d
		}
		return strings.Compare(a.Path, b.Path)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.largest) == n && larger(f, k.largest[n-1]) >= 0 {
		return
	}
	f.Data = slices.Clone(f.Data)
	i, _ := slices.BinarySearchFunc(k.largest, f, larger)
	k.largest = slices.Insert(k.largest, i, f)
	if len(k.largest) > n {
		k.largest = k.largest[:n]
	}
}

// levelsOf is the levels function of a build.
func levelsOf(opts Options) func(string) publish.Levels {
	if opts.Levels != nil {
		return opts.Levels
	}
	return publish.LevelsFor
}
