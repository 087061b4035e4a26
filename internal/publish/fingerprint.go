package publish

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"path/filepath"
	"slices"
)

// Fingerprint returns a digest of what the output folder dest holds, as
// the file system describes it without reading the files: every path with
// its kind, size, modification time and inode. A Write that changes a
// file, or anyone who edits, adds or removes one, changes it; "" for a
// folder that does not exist.
func Fingerprint(dest string) (string, error) {
	t, err := scan(dest)
	if err != nil || len(t) == 0 {
		return "", err
	}
	paths := make([]string, 0, len(t))
	for p := range t {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	h := sha256.New()
	var b [8 * 4]byte
	for _, p := range paths {
		fi := t[p]
		kind := uint64(0)
		switch {
		case fi.dir:
			kind = 1
		case fi.regular:
			kind = 2
		}
		binary.LittleEndian.PutUint64(b[0:], uint64(len(p)))
		binary.LittleEndian.PutUint64(b[8:], kind<<56|uint64(fi.size)&(1<<56-1))
		binary.LittleEndian.PutUint64(b[16:], uint64(fi.mtime))
		binary.LittleEndian.PutUint64(b[24:], fi.ino)
		h.Write(b[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// RecordPath is where a build keeps its record of the output folder dest
// (internal/build): beside the content index, outside dest.
func RecordPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), stateDir, filepath.Base(dest)+".build")
}
