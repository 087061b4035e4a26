package load

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
)

// Reload returns a copy of t in which the given paths are read again from
// fsys, for a dev server that is told by a file watcher what changed. A path
// may name a file or a folder, existing or gone: a file that is gone leaves
// the tree, a folder is read whole, and a folder that is gone takes every
// file under it out of the tree. Paths outside the Roots, and paths with an
// ignored name in them (dotfiles, editor backups), are skipped as Site
// skips them; a file that disappears while it is read is taken as removed,
// not as an error.
//
// The files that were not read again keep their *File, and with it what
// Front and YAML made of them. errs are the problems of the files read, as
// Site reports them; t is not changed.
func Reload(fsys fs.FS, t *Tree, paths []string) (*Tree, diag.List) {
	var targets []string
	for _, p := range paths {
		if p = path.Clean(p); watched(p) {
			targets = append(targets, p)
		}
	}
	if len(targets) == 0 {
		return t, nil
	}
	slices.Sort(targets)
	targets = slices.Compact(targets)

	out := make([]*File, 0, len(t.Files)+len(targets))
	for _, f := range t.Files {
		if !under(f.Path, targets) {
			out = append(out, f)
		}
	}
	w := &walker{fsys: fsys, parse: true, vanished: true}
	for _, p := range targets {
		if covered(p, targets) {
			continue // its folder is read whole
		}
		st, err := fs.Lstat(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			w.errs.Add(diag.Pos{File: p}, "lecture impossible : %v", unwrapPathError(err))
		case st.IsDir():
			w.walk(p)
		default:
			w.file(p, st.Mode().Type())
		}
	}
	w.read()
	out = append(out, w.files...)
	slices.SortFunc(out, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	out = slices.CompactFunc(out, func(a, b *File) bool { return a.Path == b.Path })
	return &Tree{Files: out}, w.errs
}

// watched reports whether p is a Root or under one, with no ignored name.
func watched(p string) bool {
	parts := strings.Split(p, "/")
	if !slices.Contains(Roots, parts[0]) {
		return false
	}
	for _, part := range parts[1:] {
		if ignored(part) {
			return false
		}
	}
	return true
}

// under reports whether p is one of targets or inside one of them.
func under(p string, targets []string) bool {
	for _, t := range targets {
		if p == t || strings.HasPrefix(p, t+"/") {
			return true
		}
	}
	return false
}

// covered reports whether p is inside another of targets.
func covered(p string, targets []string) bool {
	for _, t := range targets {
		if strings.HasPrefix(p, t+"/") {
			return true
		}
	}
	return false
}

// Ignored reports whether a file or folder name is one that Site skips:
// dotfiles, editor backups, swap and lock files. A file watcher uses it not
// to watch such folders.
func Ignored(name string) bool { return ignored(name) }
