package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
)

// index is the content index of an output folder and its spare: the
// SHA-256 of files by inode, each entry trusted only while the file keeps
// its size and mtime. Hard-linked files share an entry.
type index struct {
	m map[uint64]entry
}

type entry struct {
	size, mtime int64
	sum         [sha256.Size]byte
}

const (
	indexMagic = "relais content index 1\n"
	entrySize  = 8 + 8 + 8 + sha256.Size // inode, size, mtime, sum
)

func newIndex() *index { return &index{m: map[uint64]entry{}} }

// sum returns the SHA-256 of the file fi, if the index knows it.
func (x *index) sum(fi fileInfo) ([sha256.Size]byte, bool) {
	if fi.ino == 0 || !fi.regular {
		return [sha256.Size]byte{}, false
	}
	e, ok := x.m[fi.ino]
	if !ok || e.size != fi.size || e.mtime != fi.mtime {
		return [sha256.Size]byte{}, false
	}
	return e.sum, true
}

func (x *index) add(fi fileInfo, sum [sha256.Size]byte) {
	if fi.ino != 0 && fi.regular {
		x.m[fi.ino] = entry{size: fi.size, mtime: fi.mtime, sum: sum}
	}
}

// keep copies from old the entries of the files of t that old knows.
func (x *index) keep(old *index, t tree) {
	for _, fi := range t {
		if sum, ok := old.sum(fi); ok {
			x.add(fi, sum)
		}
	}
}

func (x *index) merge(old *index) {
	for k, e := range old.m {
		x.m[k] = e
	}
}

func (x *index) equal(y *index) bool {
	if len(x.m) != len(y.m) {
		return false
	}
	for k, e := range x.m {
		if f, ok := y.m[k]; !ok || f != e {
			return false
		}
	}
	return true
}

// readIndex reads the index at p; a missing or damaged one is empty.
func readIndex(p string) *index {
	x := newIndex()
	data, err := os.ReadFile(p)
	if err != nil || !bytes.HasPrefix(data, []byte(indexMagic)) || (len(data)-len(indexMagic))%entrySize != 0 {
		return x
	}
	data = data[len(indexMagic):]
	for len(data) > 0 {
		var e entry
		ino := binary.LittleEndian.Uint64(data)
		e.size = int64(binary.LittleEndian.Uint64(data[8:]))
		e.mtime = int64(binary.LittleEndian.Uint64(data[16:]))
		copy(e.sum[:], data[24:])
		x.m[ino] = e
		data = data[entrySize:]
	}
	return x
}

// write replaces the index at p in one rename.
func (x *index) write(p string) error {
	b := make([]byte, 0, len(indexMagic)+len(x.m)*entrySize)
	b = append(b, indexMagic...)
	for ino, e := range x.m {
		b = binary.LittleEndian.AppendUint64(b, ino)
		b = binary.LittleEndian.AppendUint64(b, uint64(e.size))
		b = binary.LittleEndian.AppendUint64(b, uint64(e.mtime))
		b = append(b, e.sum[:]...)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp-" + randomSuffix()
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
