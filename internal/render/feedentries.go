package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"sync"
)

// The entries of a feed are encoded one by one and spliced into the feed
// document, so that an entry shown by several feeds (a directive of the
// ministry is in the feed of every région and académie, 49 feeds) is
// encoded once per format, and, through a FeedCache, not again at the
// next render while its view is the same. The bytes are those of the whole
// document encoded at once: TestSplicedFeedsMatchWholeDocuments holds
// them to it.

// feedFormat is one of the three formats of a feed.
type feedFormat int

const (
	formatRSS feedFormat = iota
	formatAtom
	formatJSON
)

// entryEncoders encode an entry as it stands in its document, by format.
var entryEncoders = [...]func(*FeedItemView) ([]byte, error){rssEntry, atomEntryXML, jsonEntry}

// entryCache keeps the encoded entries of one render of the feeds, by
// entry ID, each with the view it was encoded from; old are those of the
// render before (FeedCache), reused while their view is the same. A nil
// entryCache encodes every entry. It is safe for concurrent use.
type entryCache struct {
	mu  sync.Mutex
	m   map[string]*encodedEntry
	old map[string]*encodedEntry // read only
}

type encodedEntry struct {
	view FeedItemView
	enc  [len(entryEncoders)][]byte // nil until encoded
}

func newEntryCache(old map[string]*encodedEntry) *entryCache {
	return &entryCache{m: map[string]*encodedEntry{}, old: old}
}

// entries returns the encoded items in format f, and their total length.
func (ec *entryCache) entries(items []FeedItemView, f feedFormat) ([][]byte, int, error) {
	out := make([][]byte, len(items))
	n := 0
	for i := range items {
		b, err := ec.entry(&items[i], f)
		if err != nil {
			return nil, 0, fmt.Errorf("entry %s: %v", items[i].ID, err)
		}
		out[i] = b
		n += len(b)
	}
	return out, n, nil
}

func (ec *entryCache) entry(it *FeedItemView, f feedFormat) ([]byte, error) {
	if ec == nil {
		return entryEncoders[f](it)
	}
	ec.mu.Lock()
	e := ec.m[it.ID]
	if e == nil {
		if o := ec.old[it.ID]; o != nil && sameEntry(&o.view, it) {
			e = &encodedEntry{view: *it, enc: o.enc}
		} else {
			e = &encodedEntry{view: *it}
		}
		ec.m[it.ID] = e
	}
	if !sameEntry(&e.view, it) {
		// Two entries with one ID but other texts: not cached.
		ec.mu.Unlock()
		return entryEncoders[f](it)
	}
	b := e.enc[f]
	ec.mu.Unlock()
	if b != nil {
		return b, nil
	}
	b, err := entryEncoders[f](it)
	if err != nil {
		return nil, err
	}
	ec.mu.Lock()
	e.enc[f] = b
	ec.mu.Unlock()
	return b, nil
}

// sameEntry reports whether two entry views encode to the same bytes.
func sameEntry(a, b *FeedItemView) bool {
	return a.ID == b.ID && a.Title == b.Title && a.URL == b.URL && a.Summary == b.Summary &&
		a.HTML == b.HTML && a.Author == b.Author && a.Published == b.Published &&
		a.Updated == b.Updated && slices.Equal(a.Tags, b.Tags)
}

// spliceXML puts the encoded items, each on its own lines, into doc, a
// feed encoded without them, before tail, the end of doc.
func spliceXML(doc []byte, tail string, items []FeedItemView, ec *entryCache, f feedFormat) ([]byte, error) {
	if !bytes.HasSuffix(doc, []byte(tail)) {
		return nil, fmt.Errorf("feed document without %q at its end: this is a bug in relais, please report it", tail)
	}
	if len(items) == 0 {
		return doc, nil
	}
	entries, n, err := ec.entries(items, f)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(doc)+n+len(entries))
	out = append(out, doc[:len(doc)-len(tail)]...)
	for _, e := range entries {
		out = append(out, '\n')
		out = append(out, e...)
	}
	return append(out, tail...), nil
}

// encodeXMLElement encodes v as the element name, indented as it stands in
// its document: each line starts with prefix, the first without the line
// break that precedes it there.
func encodeXMLElement(v any, name, prefix string) ([]byte, error) {
	buf := getBuffer()
	defer putBuffer(buf)
	enc := xml.NewEncoder(buf)
	enc.Indent(prefix, "  ")
	if err := enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: name}}); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}
