// Package publish writes a build to its output folder so that the folder is
// always a complete build, and so that a rebuild costs what it changes, not
// what the site weighs.
//
// Beside the output folder dest (public/) sits its spare, .public.previous:
// the build before the current one. Write brings the spare up to date with
// the new build — it writes the files whose bytes are new, hard-links from
// dest the files that did not change (so they keep their bytes and mtime),
// removes what the new build no longer has — and then swaps the two folders
// in one step (on Linux with renameat2 RENAME_EXCHANGE, so there is no
// moment without a public/). The previous build is then the spare of the
// next Write. Unchanged files are hard links shared by the two folders, so
// the spare costs the disk only what changed.
//
// Which bytes changed is known without reading the old files: a content
// index (.relais/public.index) records the SHA-256 of every file of both
// folders with its inode, size and mtime, and an entry is trusted only when
// the file on disk still has them; any other file is read and compared. A
// build in which nothing changed touches no file at all.
//
// A failed or killed Write leaves dest whole; the spare may be half
// updated, which a marker (.relais/public.updating) says until the swap:
// the next Write finishes the update, or removes the spare when it has
// nothing to swap in. On systems without an atomic
// exchange, two renames leave a short moment without dest. Write holds a
// lock (.relais/public.lock) so that two builds of one folder never mix.
//
// Write reports which paths changed, for a CDN purge. publish is the only
// package that writes the output folder.
//
// Before the write, Precompress (compress.go) makes the .gz and .br
// variants of every text file, in parallel, keeping only those smaller than
// their file; compressed bytes are cached outside the output folder by the
// hash of the file's bytes and the level, so a rebuild compresses only what
// changed. After it, the build records the changed URLs with WriteManifest
// (manifest.go), outside the output folder, for deploy and CDN purges.
// publish writes the bytes it is given and knows nothing of pages, HTML or
// headers.
package publish

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"
)

// File is one file of a build.
type File struct {
	Path string // slash-separated, relative to the output folder
	Data []byte
}

// Result says what a Write did.
type Result struct {
	Written   int      // files whose bytes are new or changed
	Unchanged int      // files kept as they were
	Removed   int      // files of the previous build that are gone
	Changed   []string // paths written or removed, sorted
	// Fingerprint is the Fingerprint of the output folder as the write
	// left it.
	Fingerprint string
}

// Names beside dest: the spare, and the leftovers of older versions of
// relais and of the two-rename swap, which Cleanup removes.
const (
	spareMark   = ".previous"
	stagingMark = ".staging-"
	oldMark     = ".old-"
	stateDir    = ".relais"
)

// SparePath is the spare folder of the output folder dest: the previous
// build, which the next Write updates and swaps in.
func SparePath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+spareMark)
}

// IndexPath is the content index of dest and its spare.
func IndexPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), stateDir, filepath.Base(dest)+".index")
}

func lockPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), stateDir, filepath.Base(dest)+".lock")
}

// Write publishes files as the whole content of dest.
func Write(dest string, files []File) (Result, error) {
	var res Result
	dest, err := filepath.Abs(dest)
	if err != nil {
		return res, err
	}
	if err := checkDest(dest); err != nil {
		return res, err
	}
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return res, err
		}
	}
	if err := os.MkdirAll(filepath.Join(filepath.Dir(dest), stateDir), 0o755); err != nil {
		return res, err
	}
	unlock, err := lock(lockPath(dest))
	if err != nil {
		return res, err
	}
	defer unlock()
	Cleanup(dest)

	return write(dest, files, exchange)
}

// write is Write with the exchange of two folders as a parameter, so that
// tests can take the way of systems without one.
func write(dest string, files []File, exchange func(a, b string) error) (Result, error) {
	var res Result
	w := &writer{dest: dest, spare: SparePath(dest), files: files, index: readIndex(IndexPath(dest)), exchange: exchange}
	err := os.MkdirAll(filepath.Join(filepath.Dir(dest), stateDir), 0o755)
	if err != nil {
		return res, err
	}
	if w.pub, err = scan(dest); err != nil {
		return res, fmt.Errorf("cannot read the previous build: %w", err)
	}
	w.sums = hashAll(files)
	w.compare()

	var removed []string
	for p, fi := range w.pub {
		if !fi.dir && !w.wanted(p) {
			removed = append(removed, p)
		}
	}
	for i, f := range files {
		if w.same[i] {
			res.Unchanged++
		} else {
			res.Written++
			res.Changed = append(res.Changed, f.Path)
		}
	}
	res.Removed = len(removed)
	res.Changed = append(res.Changed, removed...)
	slices.Sort(res.Changed)

	marker := updatingPath(dest)
	if w.pubExists && res.Written == 0 && res.Removed == 0 && w.noStrayDirs() {
		// dest is already this build: touch nothing but what an
		// interrupted build left half done.
		if _, err := os.Lstat(marker); err == nil {
			if removeAll(w.spare) == nil {
				os.Remove(marker)
			}
		}
		w.saveIndex(false)
		res.Fingerprint = w.fingerprint(func(i int) fileInfo { return w.pub[files[i].Path] })
		return res, nil
	}
	// The marker says the spare is being changed: until the swap, it is
	// neither the previous build nor the new one.
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		return res, err
	}
	if err := w.updateSpare(); err != nil {
		return res, err
	}
	if err := w.swap(); err != nil {
		return res, err
	}
	os.Remove(marker)
	w.saveIndex(true)
	res.Fingerprint = w.fingerprint(func(i int) fileInfo { return w.after[i] })
	return res, nil
}

// updatingPath is the marker that exists while the spare of dest is being
// brought up to date: the spare of a killed build is then neither build.
func updatingPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), stateDir, filepath.Base(dest)+".updating")
}

// writer is the state of one Write.
type writer struct {
	dest, spare string
	files       []File
	sums        [][sha256.Size]byte
	index       *index
	exchange    func(a, b string) error

	pub       tree // dest as it was
	pubExists bool
	same      []bool     // files[i] has the bytes it has in dest
	after     []fileInfo // files[i] in the spare once updated
	wantDirs  map[string]bool
	wantFiles map[string]int
}

// wanted reports whether p is a file of the new build.
func (w *writer) wanted(p string) bool {
	if w.wantFiles == nil {
		w.wantFiles = make(map[string]int, len(w.files))
		w.wantDirs = map[string]bool{}
		for i, f := range w.files {
			w.wantFiles[f.Path] = i
			for d := path.Dir(f.Path); d != "." && !w.wantDirs[d]; d = path.Dir(d) {
				w.wantDirs[d] = true
			}
		}
	}
	_, ok := w.wantFiles[p]
	return ok
}

// noStrayDirs reports whether every folder of dest holds files of the new
// build.
func (w *writer) noStrayDirs() bool {
	w.wanted("")
	for p, fi := range w.pub {
		if fi.dir && !w.wantDirs[p] {
			return false
		}
	}
	return true
}

// compare decides for each file whether dest already has its bytes.
func (w *writer) compare() {
	_, err := os.Lstat(w.dest)
	w.pubExists = err == nil
	w.same = make([]bool, len(w.files))
	parallel(len(w.files), func(i int) error {
		f := w.files[i]
		fi, ok := w.pub[f.Path]
		if !ok || !fi.regular || fi.size != int64(len(f.Data)) {
			return nil
		}
		if sum, known := w.index.sum(fi); known {
			w.same[i] = sum == w.sums[i]
			return nil
		}
		old, err := os.ReadFile(filepath.Join(w.dest, filepath.FromSlash(f.Path)))
		w.same[i] = err == nil && bytes.Equal(old, f.Data)
		return nil
	})
}

// updateSpare makes the spare folder hold exactly the new build.
func (w *writer) updateSpare() error {
	w.wanted("")
	st, err := os.Lstat(w.spare)
	if err == nil && !st.IsDir() {
		if err := os.Remove(w.spare); err != nil {
			return err
		}
	}
	spr, err := scan(w.spare)
	if err != nil {
		// An unreadable spare is rebuilt from nothing.
		if err := removeAll(w.spare); err != nil {
			return fmt.Errorf("cannot clear %s: %w", w.spare, err)
		}
		spr = tree{}
	}
	if err := os.MkdirAll(w.spare, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", w.spare, err)
	}

	// Remove what the new build does not have, or has as another kind
	// (a file where a folder goes, or the reverse): a folder goes whole,
	// with whatever is under it. No file or folder of the new build is
	// under a folder that goes (its folders are all wanted), so only the
	// removed paths themselves leave spr.
	var stray []string
	for p, fi := range spr {
		if fi.dir && !w.wantDirs[p] || !fi.dir && !w.wanted(p) {
			stray = append(stray, p)
		}
	}
	slices.Sort(stray) // a folder comes right before what is under it
	gone := ""
	for _, p := range stray {
		if gone != "" && strings.HasPrefix(p, gone) {
			continue
		}
		if err := removeAll(filepath.Join(w.spare, filepath.FromSlash(p))); err != nil {
			return fmt.Errorf("cannot clear %s: %w", w.spare, err)
		}
		delete(spr, p)
		gone = p + "/"
	}

	// Make the missing folders, parents first.
	dirs := make([]string, 0, len(w.wantDirs))
	for d := range w.wantDirs {
		if _, ok := spr[d]; !ok {
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	for _, d := range dirs {
		if err := os.Mkdir(filepath.Join(w.spare, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	}

	w.after = make([]fileInfo, len(w.files))
	return parallel(len(w.files), func(i int) error {
		fi, err := w.place(i, spr)
		w.after[i] = fi
		return err
	})
}

// place puts files[i] in the spare: kept when it has the bytes already,
// linked from dest when they did not change there, written otherwise.
func (w *writer) place(i int, spr tree) (fileInfo, error) {
	f := w.files[i]
	rel := filepath.FromSlash(f.Path)
	target := filepath.Join(w.spare, rel)
	cur, has := spr[f.Path]
	if w.same[i] {
		old := w.pub[f.Path]
		if has && cur.ino == old.ino && old.ino != 0 {
			return old, nil
		}
		if has {
			if err := os.Remove(target); err != nil {
				return fileInfo{}, err
			}
		}
		if err := os.Link(filepath.Join(w.dest, rel), target); err == nil {
			return old, nil
		}
		// No hard links here: copy, and keep the mtime.
		fi, err := create(target, f.Data)
		if err != nil {
			return fi, err
		}
		mt := old.mtimeTime()
		if err := os.Chtimes(target, mt, mt); err != nil {
			return fi, err
		}
		return statInfo(target)
	}
	if has && cur.size == int64(len(f.Data)) {
		if sum, known := w.index.sum(cur); known && sum == w.sums[i] {
			return cur, nil
		} else if !known {
			if data, err := os.ReadFile(target); err == nil && bytes.Equal(data, f.Data) {
				return cur, nil
			}
		}
	}
	if has {
		// Never write into an existing file: it may be a hard link to a
		// file of dest.
		if err := os.Remove(target); err != nil {
			return fileInfo{}, err
		}
	}
	return create(target, f.Data)
}

// create writes a new file and returns what the index needs of it.
func create(p string, data []byte) (fileInfo, error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fileInfo{}, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fileInfo{}, err
	}
	st, err := f.Stat()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fileInfo{}, err
	}
	return infoOf(st), nil
}

func statInfo(p string) (fileInfo, error) {
	st, err := os.Lstat(p)
	if err != nil {
		return fileInfo{}, err
	}
	return infoOf(st), nil
}

// swap puts the spare in place of dest; dest becomes the spare.
func (w *writer) swap() error {
	if !w.pubExists {
		return os.Rename(w.spare, w.dest)
	}
	err := w.exchange(w.spare, w.dest)
	if err == nil {
		return nil
	}
	if !errors.Is(err, errExchangeUnsupported) {
		return fmt.Errorf("cannot swap the new build in: %w", err)
	}
	// Two renames: there is a short moment without dest.
	old := filepath.Join(filepath.Dir(w.dest), "."+filepath.Base(w.dest)+oldMark+randomSuffix())
	if err := os.Rename(w.dest, old); err != nil {
		return fmt.Errorf("cannot move the previous build aside: %w", err)
	}
	if err := os.Rename(w.spare, w.dest); err != nil {
		_ = os.Rename(old, w.dest)
		return fmt.Errorf("cannot move the new build in: %w", err)
	}
	return os.Rename(old, w.spare)
}

// saveIndex records the sums of the files of dest and of the spare. After
// a swap, the new files are in dest and the previous build in the spare;
// without one, dest is unchanged and only what was learnt is added.
func (w *writer) saveIndex(swapped bool) {
	idx := newIndex()
	if swapped {
		for i := range w.files {
			idx.add(w.after[i], w.sums[i])
		}
		idx.keep(w.index, w.pub) // the previous build, now the spare
	} else {
		idx.merge(w.index)
		for i, f := range w.files {
			if fi, ok := w.pub[f.Path]; ok {
				idx.add(fi, w.sums[i])
			}
		}
	}
	if idx.equal(w.index) {
		return
	}
	_ = idx.write(IndexPath(w.dest))
}

// checkDest refuses output folders that are not safe to replace whole.
func checkDest(dest string) error {
	if dest == filepath.Dir(dest) {
		return fmt.Errorf("refusing to publish to %s: the output folder cannot be a root folder", dest)
	}
	if home, err := os.UserHomeDir(); err == nil && filepath.Clean(home) == dest {
		return fmt.Errorf("refusing to publish to %s: it is your home folder", dest)
	}
	st, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("refusing to publish to %s: it exists and is not a folder", dest)
	}
	for _, marker := range []string{"content", "go.mod", ".git"} {
		if _, err := os.Stat(filepath.Join(dest, marker)); err == nil {
			return fmt.Errorf("refusing to publish to %s: it holds %s, so it looks like a source folder, not a build output", dest, marker)
		}
	}
	return nil
}

// checkPath refuses output paths that could leave the output folder.
func checkPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") || strings.Contains(p, "/../") {
		return fmt.Errorf("refusing to write %q: an output path must stay inside the output folder", p)
	}
	return nil
}

// Cleanup removes the folders that older versions of relais, or a swap by
// two renames that was interrupted, left beside dest. The spare stays: the
// next Write brings it up to date.
func Cleanup(dest string) {
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, "."+base+stagingMark) || strings.HasPrefix(n, "."+base+oldMark) {
			_ = removeAll(filepath.Join(parent, n))
		}
	}
}

var errExchangeUnsupported = errors.New("atomic exchange is not supported here")

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%d-%s", os.Getpid(), hex.EncodeToString(b[:]))
}

// hashAll returns the SHA-256 of every file, in parallel.
func hashAll(files []File) [][sha256.Size]byte {
	sums := make([][sha256.Size]byte, len(files))
	parallel(len(files), func(i int) error {
		sums[i] = sha256.Sum256(files[i].Data)
		return nil
	})
	return sums
}

// parallel runs f(0) … f(n-1) on a few goroutines and returns the first
// error. File operations wait on the disk as much as on the processor, so
// it runs twice as many as there are processors.
func parallel(n int, f func(i int) error) error {
	var g errgroup.Group
	g.SetLimit(2 * runtime.GOMAXPROCS(0))
	for i := range n {
		g.Go(func() error { return f(i) })
	}
	return g.Wait()
}
