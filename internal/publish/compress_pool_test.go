package publish

import (
	"bytes"
	"compress/gzip"
	"math/bits"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestReusedCompressorsGiveTheSameBytes: a writer taken from a pool gives
// the bytes a new writer gives, whatever it compressed before.
func TestReusedCompressorsGiveTheSameBytes(t *testing.T) {
	t.Parallel()
	inputs := [][]byte{
		[]byte(strings.Repeat("<p>Les élèves de 6e se connectent de 8h à 10h.</p>", 400)),
		[]byte("court"),
		{},
		[]byte(strings.Repeat("abcdefghij", 20000)),
	}
	for round := range 3 {
		for i, in := range inputs {
			for _, level := range []int{1, 6, 9} {
				got, err := Gzip(in, level)
				if err != nil {
					t.Fatal(err)
				}
				var want bytes.Buffer
				w, _ := gzip.NewWriterLevel(&want, level)
				w.Write(in)
				w.Close()
				if !bytes.Equal(got, want.Bytes()) {
					t.Errorf("round %d, input %d, gzip %d: pooled writer differs", round, i, level)
				}
			}
			for _, q := range []int{0, 6, 11} {
				got, err := Brotli(in, q)
				if err != nil {
					t.Fatal(err)
				}
				var want bytes.Buffer
				lgwin := min(max(bits.Len(uint(len(in))), 16), 24)
				w := brotli.NewWriterOptions(&want, brotli.WriterOptions{Quality: q, LGWin: lgwin})
				w.Write(in)
				w.Close()
				if !bytes.Equal(got, want.Bytes()) {
					t.Errorf("round %d, input %d, brotli %d: pooled writer differs", round, i, q)
				}
			}
		}
	}
}
