package publish

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
)

// Fingerprint returns a digest of what the output folder dest holds, as
// the file system describes it without reading the files: every path, and
// for a file its size, modification time and inode. A Write that changes a
// file, or anyone who edits, adds or removes one, changes it; "" for a
// folder that does not exist, ctx's error when ctx is done first. Write returns the fingerprint of what it
// left (Result.Fingerprint) without reading dest again.
func Fingerprint(ctx context.Context, dest string) (string, error) {
	t, err := scanCtx(ctx, dest)
	if err != nil || len(t) == 0 {
		return "", err
	}
	return fingerprintOf(t), nil
}

// fingerprintOf is the fingerprint of a tree. A folder counts by its path
// only: what changes inside it shows in its files.
func fingerprintOf(t tree) string {
	paths := make([]string, 0, len(t))
	for p := range t {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	h := sha256.New()
	var b [8 * 4]byte
	for _, p := range paths {
		fi := t[p]
		clear(b[:])
		binary.LittleEndian.PutUint64(b[0:], uint64(len(p)))
		switch {
		case fi.dir:
			b[15] = 1
		case fi.regular:
			binary.LittleEndian.PutUint64(b[8:], uint64(fi.size)&(1<<56-1))
			b[15] = 2
			binary.LittleEndian.PutUint64(b[16:], uint64(fi.mtime))
			binary.LittleEndian.PutUint64(b[24:], fi.ino)
		default:
			binary.LittleEndian.PutUint64(b[8:], uint64(fi.size)&(1<<56-1))
			binary.LittleEndian.PutUint64(b[16:], uint64(fi.mtime))
			binary.LittleEndian.PutUint64(b[24:], fi.ino)
		}
		h.Write(b[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fingerprint is the fingerprint of dest once the write is done: its
// files as they were placed (infos), and their folders.
func (w *writer) fingerprint(infos func(i int) fileInfo) string {
	t := make(tree, len(w.files)+len(w.wantDirs))
	for d := range w.wantDirs {
		t[d] = fileInfo{dir: true}
	}
	for i, f := range w.files {
		t[f.Path] = infos(i)
	}
	return fingerprintOf(t)
}

// RecordPath is where a build keeps its record of the output folder dest
// (internal/pipeline): beside the content index, outside dest.
func RecordPath(dest string) string { return StateFile(dest, ".build") }
