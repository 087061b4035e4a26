package publish

import (
	"compress/gzip"
	"io"
	"sync"

	"github.com/andybalholm/brotli"
)

// Compressors are reused: a gzip writer holds about 1 MB of tables and a
// brotli writer more, and making one for every file of a national site
// (28,000 pages) cost more than compressing them and kept the garbage
// collector busy. A reset writer gives the same bytes as a new one. The
// pools only keep memory; they hold no state a caller could see.
var (
	gzipPools   sync.Map // level -> *sync.Pool of *gzip.Writer
	brotliPools sync.Map // [2]int{quality, lgwin} -> *sync.Pool of *brotli.Writer
)

func poolOf(m *sync.Map, key any) *sync.Pool {
	if p, ok := m.Load(key); ok {
		return p.(*sync.Pool)
	}
	p, _ := m.LoadOrStore(key, new(sync.Pool))
	return p.(*sync.Pool)
}

func gzipWriter(w io.Writer, level int) (*gzip.Writer, error) {
	if z, ok := poolOf(&gzipPools, level).Get().(*gzip.Writer); ok {
		z.Reset(w)
		return z, nil
	}
	return gzip.NewWriterLevel(w, level)
}

func putGzipWriter(z *gzip.Writer, level int) {
	z.Reset(io.Discard) // drop the reference to the caller's buffer
	poolOf(&gzipPools, level).Put(z)
}

func brotliWriter(w io.Writer, quality, lgwin int) *brotli.Writer {
	if b, ok := poolOf(&brotliPools, [2]int{quality, lgwin}).Get().(*brotli.Writer); ok {
		b.Reset(w)
		return b
	}
	return brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: quality, LGWin: lgwin})
}

func putBrotliWriter(b *brotli.Writer, quality, lgwin int) {
	b.Reset(io.Discard)
	poolOf(&brotliPools, [2]int{quality, lgwin}).Put(b)
}
