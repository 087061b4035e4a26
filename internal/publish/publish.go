// Package publish writes a build to its output folder so that the folder is
// always a complete build: the files go to a staging folder beside it, which
// is then swapped in at once (on Linux with renameat2 RENAME_EXCHANGE, so
// there is no moment without a public/), and the old build is removed.
// A failed or interrupted build leaves the previous output whole; the next
// build removes the staging folders a killed build left behind.
//
// Files whose bytes did not change keep their bytes and their mtime (they
// are hard-linked from the previous build), and Write reports which paths
// changed, for a CDN purge. publish is the only package that writes the
// output folder.
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
}

// Staging prefixes: the folders beside dest that a build works in.
const (
	stagingMark = ".staging-"
	oldMark     = ".old-"
)

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
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return res, err
	}
	Cleanup(dest)
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return res, err
		}
	}

	staging := filepath.Join(parent, "."+base+stagingMark+randomSuffix())
	if err := os.Mkdir(staging, 0o755); err != nil {
		return res, fmt.Errorf("cannot create the staging folder: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(staging)
		}
	}()

	if err := makeDirs(staging, files); err != nil {
		return res, err
	}
	changed := make([]bool, len(files))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0) * 2)
	for i, f := range files {
		g.Go(func() error {
			c, err := writeFile(dest, staging, f)
			changed[i] = c
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return res, err
	}

	written := make(map[string]bool, len(files))
	for i, f := range files {
		written[f.Path] = true
		if changed[i] {
			res.Written++
			res.Changed = append(res.Changed, f.Path)
		} else {
			res.Unchanged++
		}
	}
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dest, p)
		if rel = filepath.ToSlash(rel); !written[rel] {
			res.Removed++
			res.Changed = append(res.Changed, rel)
		}
		return nil
	})
	slices.Sort(res.Changed)

	if err := swap(staging, dest); err != nil {
		return res, err
	}
	ok = true
	return res, nil
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

func makeDirs(root string, files []File) error {
	seen := map[string]bool{".": true}
	for _, f := range files {
		d := path.Dir(f.Path)
		if seen[d] {
			continue
		}
		seen[d] = true
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes f into staging. When the previous build has the same
// bytes at the same path, the old file is linked instead, so that it keeps
// its mtime. It reports whether the bytes changed.
func writeFile(dest, staging string, f File) (bool, error) {
	rel := filepath.FromSlash(f.Path)
	target := filepath.Join(staging, rel)
	old := filepath.Join(dest, rel)
	if st, err := os.Lstat(old); err == nil && st.Mode().IsRegular() && st.Size() == int64(len(f.Data)) {
		if prev, err := os.ReadFile(old); err == nil && bytes.Equal(prev, f.Data) {
			if err := os.Link(old, target); err == nil {
				return false, nil
			}
			if err := os.WriteFile(target, f.Data, 0o644); err != nil {
				return false, err
			}
			return false, os.Chtimes(target, st.ModTime(), st.ModTime())
		}
	}
	return true, os.WriteFile(target, f.Data, 0o644)
}

// Cleanup removes the staging folders that an interrupted build left beside
// dest.
func Cleanup(dest string) {
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, "."+base+stagingMark) || strings.HasPrefix(n, "."+base+oldMark) {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

// swap puts staging in place of dest and removes the previous build.
func swap(staging, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(staging, dest)
	}
	if err := exchange(staging, dest); err == nil {
		// staging now holds the previous build.
		return os.RemoveAll(staging)
	} else if !errors.Is(err, errExchangeUnsupported) {
		return fmt.Errorf("cannot swap the new build in: %w", err)
	}
	// Two renames: there is a short moment without dest.
	old := filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+oldMark+randomSuffix())
	if err := os.Rename(dest, old); err != nil {
		return fmt.Errorf("cannot move the previous build aside: %w", err)
	}
	if err := os.Rename(staging, dest); err != nil {
		_ = os.Rename(old, dest)
		return fmt.Errorf("cannot move the new build in: %w", err)
	}
	return os.RemoveAll(old)
}

var errExchangeUnsupported = errors.New("atomic exchange is not supported here")

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%d-%s", os.Getpid(), hex.EncodeToString(b[:]))
}
