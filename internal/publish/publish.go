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
// package that writes the output folder. A Stream (Open, Put, Commit) is
// the same write given one file at a time, so that a build can write each
// page as it is rendered and let its bytes go.
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
	"sync"

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

// StateFile is a file relais keeps about the output folder dest, outside
// it: .relais/<name of dest><suffix> beside dest (for public/ and
// ".index", .relais/public.index).
func StateFile(dest, suffix string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), stateDir, filepath.Base(dest)+suffix)
}

// IndexPath is the content index of dest and its spare.
func IndexPath(dest string) string { return StateFile(dest, ".index") }

func lockPath(dest string) string { return StateFile(dest, ".lock") }

// Write publishes files as the whole content of dest.
func Write(dest string, files []File) (Result, error) {
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return Result{}, err
		}
	}
	s, err := Open(dest)
	if err != nil {
		return Result{}, err
	}
	defer s.Close()
	if err := putAll(s.w, files); err != nil {
		return Result{}, err
	}
	return s.Commit()
}

// A Stream is a Write given its files one at a time, from any number of
// goroutines, so that a build need not hold every file's bytes until the
// end: Put places a file whose bytes are new in the spare at once (the
// bytes can then be let go) and only notes a file that dest already has;
// Commit links those, removes what the build no longer has and swaps the
// spare in. Until Commit, dest is untouched: a build that stops before it
// (a budget exceeded, an error) calls Close and leaves dest as it was,
// and the spare marked as being updated, which the next Write repairs.
type Stream struct {
	w      *writer
	unlock func()
}

// Open starts a Write of dest: it checks dest, takes its lock and reads
// what dest holds.
func Open(dest string) (*Stream, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := checkDest(dest); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(filepath.Dir(dest), stateDir), 0o755); err != nil {
		return nil, err
	}
	unlock, err := lock(lockPath(dest))
	if err != nil {
		return nil, err
	}
	Cleanup(dest)
	w, err := openWriter(dest, exchange)
	if err != nil {
		unlock()
		return nil, err
	}
	return &Stream{w: w, unlock: unlock}, nil
}

// Put adds one file to the build; it may be called concurrently. data is
// not kept once Put returns.
func (s *Stream) Put(p string, data []byte) error {
	_, err := s.PutSum(p, data)
	return err
}

// PutSum is Put, and returns the SHA-256 of data, which it computes
// anyway: a build that keeps what it wrote (Keep) need not hash it again.
func (s *Stream) PutSum(p string, data []byte) ([sha256.Size]byte, error) {
	if err := checkPath(p); err != nil {
		return [sha256.Size]byte{}, err
	}
	return s.w.put(p, data)
}

// Held is a file that the caller knows the build to have, by the SHA-256
// of its bytes, without holding them.
type Held struct {
	Path string
	Sum  [sha256.Size]byte
}

// Keep adds files to the build without their bytes, when dest holds each
// of them with its sum, as the content index knows it: nothing is read,
// and the files stay as they are. It adds none and reports false when one
// is missing from dest, is not a regular file, or is not known to have
// that sum (the caller then renders and Puts them). It may be called
// concurrently with Put.
func (s *Stream) Keep(files []Held) (bool, error) {
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return false, err
		}
	}
	return s.w.keep(files)
}

// Commit finishes the Write with the files put: after it, dest holds
// exactly them. It releases the lock.
func (s *Stream) Commit() (Result, error) {
	defer s.Close()
	return s.w.commit()
}

// Close releases the lock of an abandoned Stream (dest untouched); after
// Commit it does nothing.
func (s *Stream) Close() {
	if s.unlock != nil {
		s.unlock()
		s.unlock = nil
	}
}

// write is Write with the exchange of two folders as a parameter, so that
// tests can take the way of systems without one.
func write(dest string, files []File, exchange func(a, b string) error) (Result, error) {
	w, err := openWriter(dest, exchange)
	if err != nil {
		return Result{}, err
	}
	if err := putAll(w, files); err != nil {
		return Result{}, err
	}
	return w.commit()
}

// putAll puts files in parallel.
func putAll(w *writer, files []File) error {
	return parallel(len(files), func(i int) error {
		_, err := w.put(files[i].Path, files[i].Data)
		return err
	})
}

// openWriter reads what dest holds, for the files to come.
func openWriter(dest string, exchange func(a, b string) error) (*writer, error) {
	w := &writer{dest: dest, spare: SparePath(dest), index: readIndex(IndexPath(dest)), exchange: exchange,
		wantFiles: map[string]int{}, wantDirs: map[string]bool{}}
	err := os.MkdirAll(filepath.Join(filepath.Dir(dest), stateDir), 0o755)
	if err != nil {
		return nil, err
	}
	if w.pub, err = scan(dest); err != nil {
		return nil, fmt.Errorf("cannot read the previous build: %w", err)
	}
	_, err = os.Lstat(w.dest)
	w.pubExists = err == nil
	return w, nil
}

// commit brings the spare up to date with the files put and swaps it in,
// or touches nothing when dest already holds them.
func (w *writer) commit() (Result, error) {
	var res Result
	var removed []string
	for p, fi := range w.pub {
		if !fi.dir && !w.wanted(p) {
			removed = append(removed, p)
		}
	}
	for i, f := range w.files {
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

	marker := updatingPath(w.dest)
	if w.pubExists && res.Written == 0 && res.Removed == 0 && w.noStrayDirs() {
		// dest is already this build: touch nothing but what an
		// interrupted build left half done.
		if _, err := os.Lstat(marker); err == nil {
			if removeAll(w.spare) == nil {
				os.Remove(marker)
			}
		}
		w.saveIndex(false)
		res.Fingerprint = w.fingerprint(func(i int) fileInfo { return w.pub[w.files[i].Path] })
		return res, nil
	}
	if err := w.startSpare(); err != nil {
		return res, err
	}
	if err := w.finishSpare(); err != nil {
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
func updatingPath(dest string) string { return StateFile(dest, ".updating") }

// writer is the state of one Write. Its files are numbered in the order
// they were put; their bytes are not kept.
type writer struct {
	dest, spare string
	index       *index
	exchange    func(a, b string) error

	pub       tree // dest as it was
	pubExists bool

	mu        sync.Mutex // guards what follows while files are put
	files     []File     // paths only
	sums      [][sha256.Size]byte
	same      []bool     // files[i] has the bytes it has in dest
	after     []fileInfo // files[i] in the spare once updated
	wantDirs  map[string]bool
	wantFiles map[string]int
	spr       tree // the spare as scanned, once a file is written to it
	started   bool // the spare is marked as being updated, and scanned
}

// wanted reports whether p is a file of the new build.
func (w *writer) wanted(p string) bool {
	_, ok := w.wantFiles[p]
	return ok
}

// noStrayDirs reports whether every folder of dest holds files of the new
// build.
func (w *writer) noStrayDirs() bool {
	for p, fi := range w.pub {
		if fi.dir && !w.wantDirs[p] {
			return false
		}
	}
	return true
}

// keep takes files that dest holds with the given sums, or none.
func (w *writer) keep(files []Held) (bool, error) {
	for _, f := range files {
		fi, ok := w.pub[f.Path]
		if !ok || !fi.regular {
			return false, nil
		}
		if known, ok := w.index.sum(fi); !ok || known != f.Sum {
			return false, nil
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, f := range files {
		if _, dup := w.wantFiles[f.Path]; dup {
			return false, fmt.Errorf("two files at %s: this is a bug in relais, please report it", f.Path)
		}
	}
	for _, f := range files {
		w.addLocked(f.Path, f.Sum, true)
	}
	return true, nil
}

// addLocked notes the file p of the new build, with the sum of its bytes
// and whether dest has them, and returns its number.
func (w *writer) addLocked(p string, sum [sha256.Size]byte, same bool) int {
	i := len(w.files)
	w.wantFiles[p] = i
	for d := path.Dir(p); d != "." && !w.wantDirs[d]; d = path.Dir(d) {
		w.wantDirs[d] = true
	}
	w.files = append(w.files, File{Path: p})
	w.sums = append(w.sums, sum)
	w.same = append(w.same, same)
	w.after = append(w.after, fileInfo{})
	return i
}

// put takes one file: it decides whether dest already has its bytes and,
// when it has not, writes it to the spare now. It returns the SHA-256 of
// data.
func (w *writer) put(p string, data []byte) ([sha256.Size]byte, error) {
	sum := sha256.Sum256(data)
	same := false
	if fi, ok := w.pub[p]; ok && fi.regular && fi.size == int64(len(data)) {
		if known, ok := w.index.sum(fi); ok {
			same = known == sum
		} else {
			old, err := os.ReadFile(filepath.Join(w.dest, filepath.FromSlash(p)))
			same = err == nil && bytes.Equal(old, data)
		}
	}
	w.mu.Lock()
	if _, dup := w.wantFiles[p]; dup {
		w.mu.Unlock()
		return sum, fmt.Errorf("two files at %s: this is a bug in relais, please report it", p)
	}
	i := w.addLocked(p, sum, same)
	if same {
		w.mu.Unlock()
		return sum, nil
	}
	err := w.startSpareLocked()
	var cur fileInfo
	var has bool
	if err == nil {
		cur, has, err = w.clearForLocked(p)
	}
	w.mu.Unlock()
	if err != nil {
		return sum, err
	}
	fi, err := w.placeNew(p, data, sum, cur, has)
	w.mu.Lock()
	w.after[i] = fi
	w.mu.Unlock()
	return sum, err
}

// startSpare marks the spare as being updated and reads what it holds.
func (w *writer) startSpare() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.startSpareLocked()
}

func (w *writer) startSpareLocked() error {
	if w.started {
		return nil
	}
	// The marker says the spare is being changed: until the swap, it is
	// neither the previous build nor the new one.
	if err := os.WriteFile(updatingPath(w.dest), nil, 0o644); err != nil {
		return err
	}
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
	w.spr, w.started = spr, true
	return nil
}

// clearForLocked makes room in the spare for the file p: a file where one
// of its folders goes, or a folder where it goes, is removed, and its
// missing folders are made. It returns what the spare has at p.
func (w *writer) clearForLocked(p string) (fileInfo, bool, error) {
	var parents []string
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		parents = append(parents, d)
	}
	for k := len(parents) - 1; k >= 0; k-- {
		d := parents[k]
		fi, ok := w.spr[d]
		if ok && fi.dir {
			continue
		}
		if ok {
			if err := w.removeLocked(d); err != nil {
				return fileInfo{}, false, err
			}
		}
		// One mkdir a new folder, parents first, as finishSpare does.
		if err := os.Mkdir(filepath.Join(w.spare, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return fileInfo{}, false, err
		}
		w.spr[d] = fileInfo{dir: true}
	}
	cur, has := w.spr[p]
	if has && cur.dir {
		if err := w.removeLocked(p); err != nil {
			return fileInfo{}, false, err
		}
		has = false
	}
	return cur, has, nil
}

// removeLocked removes p from the spare, with whatever is under it.
func (w *writer) removeLocked(p string) error {
	if err := removeAll(filepath.Join(w.spare, filepath.FromSlash(p))); err != nil {
		return fmt.Errorf("cannot clear %s: %w", w.spare, err)
	}
	delete(w.spr, p)
	prefix := p + "/"
	for q := range w.spr {
		if strings.HasPrefix(q, prefix) {
			delete(w.spr, q)
		}
	}
	return nil
}

// placeNew writes the file p, whose bytes dest does not have, to the
// spare, unless the spare has them already (cur).
func (w *writer) placeNew(p string, data []byte, sum [sha256.Size]byte, cur fileInfo, has bool) (fileInfo, error) {
	target := filepath.Join(w.spare, filepath.FromSlash(p))
	if has && cur.size == int64(len(data)) {
		if known, ok := w.index.sum(cur); ok && known == sum {
			return cur, nil
		} else if !ok {
			if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, data) {
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
	return create(target, data)
}

// finishSpare makes the spare hold exactly the new build, once every file
// whose bytes are new is in it: it removes what the build does not have,
// makes the missing folders and links the files that did not change.
func (w *writer) finishSpare() error {
	// Remove what the new build does not have, or has as another kind
	// (a file where a folder goes, or the reverse): a folder goes whole,
	// with whatever is under it. No file or folder of the new build is
	// under a folder that goes (its folders are all wanted), so only the
	// removed paths themselves leave spr.
	spr := w.spr
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

	return parallel(len(w.files), func(i int) error {
		if !w.same[i] {
			return nil
		}
		fi, err := w.placeSame(i, spr)
		w.after[i] = fi
		return err
	})
}

// placeSame puts files[i], which dest has already, in the spare: kept when
// the spare has the same file, linked from dest otherwise.
func (w *writer) placeSame(i int, spr tree) (fileInfo, error) {
	f := w.files[i]
	rel := filepath.FromSlash(f.Path)
	target := filepath.Join(w.spare, rel)
	cur, has := spr[f.Path]
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
	data, err := os.ReadFile(filepath.Join(w.dest, rel))
	if err != nil {
		return fileInfo{}, err
	}
	fi, err := create(target, data)
	if err != nil {
		return fi, err
	}
	mt := old.mtimeTime()
	if err := os.Chtimes(target, mt, mt); err != nil {
		return fi, err
	}
	return statInfo(target)
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
