package pipeline

import (
	"cmp"
	"fmt"
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
}

func newPageSink(opts Options, copts publish.CompressOptions) *pageSink {
	return &pageSink{opts: opts, copts: copts, put: map[string]bool{}}
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
	if !k.opts.NoPrecompress && publish.Compressible(o.Path) {
		t := time.Now()
		c, hit, err := publish.CompressFile(f, levelsOf(k.opts)(o.Path), k.copts)
		if err != nil {
			return err
		}
		nv := c.Variants()
		for _, v := range publish.Variants([]publish.Compressed{c}) {
			if err := w.Put(v.Path, v.Data); err != nil {
				return err
			}
		}
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
	if err := w.Put(o.Path, o.Data); err != nil {
		return err
	}
	k.mu.Lock()
	k.put[o.Path] = true
	k.mu.Unlock()
	return nil
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
