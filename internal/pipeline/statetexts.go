package pipeline

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unsafe"

	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/textcache"
)

// The kept texts are the other half of the kept state: the HTML of every
// Markdown text of the last build (textcache.Cache, as the dev server keeps
// it in memory), in .relais/public.texts (TextsPath), so that a build
// after an edit renders with goldmark only the texts whose source changed
// or one of whose links now leads elsewhere. A text's HTML is a function of
// its source and of where its links lead, which the cache checks for each
// text, and of relais: the file is thrown away when relais changed (not
// with the options or the clock, which a text's HTML does not depend on),
// and when it is damaged or foreign (a note in the summary). It is written
// as the state is, after a successful write of the output folder, through
// a temporary file and a rename, and only when its texts changed.

// TextsPath is the kept texts of the output folder dest.
func TextsPath(dest string) string { return publish.StateFile(dest, ".texts") }

const textsMagic = "relais kept texts 1\n"

type textsHead struct {
	Relais string `json:"relais"`
	Texts  int    `json:"texts"`
}

// openTexts returns the Markdown cache of a build with the kept state ks,
// filled from the kept texts when they may be used, and the texts read.
func openTexts(dest string, ks *keptState) (*textcache.Cache, []textcache.Text) {
	c := textcache.New()
	if ks.mode != StateUse {
		return c, nil
	}
	data, err := os.ReadFile(TextsPath(dest))
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	var texts []textcache.Text
	why := ""
	if err != nil {
		why = fmt.Sprintf("il n'a pas pu être lu (%v)", err)
	} else {
		var relais string
		texts, relais, why = decodeTexts(data)
		if why == "" && relais != ks.key.Relais {
			texts = nil // another relais: thrown away without a note
		}
	}
	if why != "" {
		ks.rep.Notes = append(ks.rep.Notes, "le cache du Markdown ("+TextsPath(dest)+") a été ignoré : "+why+" ; tous les textes ont été rendus")
		ks.rep.Damaged = true
		return c, nil
	}
	c.Keep(texts)
	return c, texts
}

// writeTexts keeps the texts of c for the next build, unless they are
// those read.
func writeTexts(dest string, ks *keptState, c *textcache.Cache, read []textcache.Text) error {
	texts := c.Kept()
	slices.SortFunc(texts, func(a, b textcache.Text) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), strings.Compare(a.URL, b.URL))
	})
	if sameTexts(texts, read) {
		return nil
	}
	return writeAtomicWith(TextsPath(dest), func(w io.Writer) error { return encodeTexts(w, ks.key.Relais, texts) })
}

// sameTexts reports whether a and b (sorted alike) are the same texts.
func sameTexts(a, b []textcache.Text) bool {
	return slices.EqualFunc(a, b, func(x, y textcache.Text) bool {
		return x.Path == y.Path && x.Line == y.Line && x.URL == y.URL && x.HTML == y.HTML && bytes.Equal(x.Src, y.Src) && slices.Equal(x.Links, y.Links)
	})
}

// The texts file is textsMagic, the length of the head and the head in
// JSON, the texts (each: path, line, URL, source, HTML, links, strings by
// their length), and the SHA-256 of all that.
//
// The file is written to w as it is encoded, through a buffer: the texts
// of a large site make tens of megabytes, which a build need not hold at
// once beside its pages.
func encodeTexts(w io.Writer, relais string, texts []textcache.Text) error {
	h, err := json.Marshal(textsHead{Relais: relais, Texts: len(texts)})
	if err != nil {
		return err
	}
	sum := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(w, sum), 1<<20)
	var n [binary.MaxVarintLen64]byte
	uvarint := func(v uint64) { bw.Write(n[:binary.PutUvarint(n[:], v)]) }
	str := func(s string) {
		uvarint(uint64(len(s)))
		bw.WriteString(s)
	}
	bw.WriteString(textsMagic)
	bw.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(len(h))))
	bw.Write(h)
	for _, t := range texts {
		str(t.Path)
		uvarint(uint64(t.Line))
		str(t.URL)
		uvarint(uint64(len(t.Src)))
		bw.Write(t.Src)
		str(t.HTML)
		uvarint(uint64(len(t.Links)))
		for _, l := range t.Links {
			str(l[0])
			str(l[1])
		}
	}
	// The writes above fail only when w does, and the buffer keeps the
	// first error: Flush returns it.
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err = w.Write(sum.Sum(nil))
	return err
}

// decodeTexts reads a texts file: its texts and the relais that wrote it,
// or why it cannot be used, in French.
func decodeTexts(data []byte) ([]textcache.Text, string, string) {
	var head textsHead
	r, why := unframe(data, textsMagic, "relais kept texts ", "ce n'est pas un cache de relais", &head)
	if why != "" {
		return nil, "", why
	}
	bad := false
	uvarint := func() uint64 {
		v, k := binary.Uvarint(r)
		if k <= 0 {
			bad = true
			return 0
		}
		r = r[k:]
		return v
	}
	raw := func() []byte {
		l := uvarint()
		if bad || l > uint64(len(r)) {
			bad = true
			return nil
		}
		out := r[:l:l]
		r = r[l:]
		return out
	}
	// The strings are the file's bytes, which nothing changes once read:
	// the HTML of a national site's texts is tens of megabytes, not to be
	// copied again.
	str := func() string {
		b := raw()
		return unsafe.String(unsafe.SliceData(b), len(b))
	}
	texts := make([]textcache.Text, 0, head.Texts)
	for len(r) > 0 && !bad {
		t := textcache.Text{Path: str(), Line: int(uvarint()), URL: str(), Src: raw(), HTML: str()}
		nl := uvarint()
		if nl > uint64(len(r)) {
			bad = true
			break
		}
		for range nl {
			t.Links = append(t.Links, [2]string{str(), str()})
		}
		texts = append(texts, t)
	}
	if bad || len(texts) != head.Texts {
		return nil, "", "il est abîmé (textes illisibles)"
	}
	return texts, head.Relais, ""
}

// unframe opens a file of the kept state, made of magic, the length of a
// head and the head in JSON, a body, and the SHA-256 of all that: it
// decodes the head into head and returns the body, or why the file cannot
// be used, in French. family is the start of the magic of every version of
// the format; foreign says what a file without it is not.
func unframe(data []byte, magic, family, foreign string, head any) ([]byte, string) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		if bytes.HasPrefix(data, []byte(family)) {
			return nil, "il vient d'une autre version du format"
		}
		return nil, foreign
	}
	if len(data) < len(magic)+8+sha256.Size {
		return nil, "il est tronqué"
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, "il est tronqué ou abîmé (sa somme de contrôle ne correspond pas)"
	}
	r := body[len(magic):]
	n := binary.LittleEndian.Uint64(r)
	r = r[8:]
	if n > uint64(len(r)) {
		return nil, "il est abîmé (en-tête trop long)"
	}
	if err := json.Unmarshal(r[:n], head); err != nil {
		return nil, "il est abîmé (en-tête illisible)"
	}
	return r[n:], ""
}

// writeAtomic replaces the file p with data, through a temporary file and
// a rename. The temporary file has one name, so that a killed build leaves
// none beside it that the next would not replace; two builds of one folder
// ending at once (the state is written after the write's lock is
// released) could mix their bytes in it, which the checksum then refuses.
func writeAtomic(p string, data []byte) error {
	return writeAtomicWith(p, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomicWith writes the file p with what write writes, atomically: to
// a temporary file renamed over p once it is whole.
func writeAtomicWith(p string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp"
	f, err := os.Create(tmp)
	if err == nil {
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
