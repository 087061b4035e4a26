package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/relais-ecoles/relais/internal/load"
)

// watcher watches the site folders recursively.
type watcher struct {
	root string // absolute site folder
	fw   *fsnotify.Watcher
}

func newWatcher(dir string) (*watcher, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fw: fw}
	// The site folder itself, for content/, layouts/ and assets/ created
	// (or removed) while serving.
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, r := range load.Roots {
		if _, err := w.addTree(filepath.Join(root, r)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *watcher) close() { w.fw.Close() }

// addTree watches dir and the folders under it, but ignored ones
// (.git, editor folders). It returns the site paths of the files found,
// which a watch added late may have missed. A folder that is gone is not
// an error: it was removed meanwhile.
func (w *watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if p != dir && load.Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			files = append(files, w.rel(p))
			return nil
		}
		if err := w.fw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("watching %s: %w", p, err)
		}
		return nil
	})
	return files, err
}

// rel returns the site path (slash-separated, relative to the site folder)
// of an absolute path.
func (w *watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(r)
}

// relevant reports whether a site path is under one of the roots.
func relevant(p string) bool {
	top, _, _ := strings.Cut(p, "/")
	return slices.Contains(load.Roots, top)
}

// run gathers events until the folder is quiet for debounce, then calls
// rebuild with the site paths they name; it returns when ctx is done.
// Rebuilds run on this goroutine: events that come meanwhile wait in
// fsnotify's queue and make the next batch.
func (w *watcher) run(ctx context.Context, debounce time.Duration, log io.Writer, rebuild func([]string)) {
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			p := w.rel(ev.Name)
			if p == "" || strings.HasPrefix(p, "..") || !relevant(p) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					// A new folder: watch it and what it already holds.
					files, err := w.addTree(ev.Name)
					if err != nil {
						fmt.Fprintf(log, "relais serve: %v\n", err)
					}
					for _, f := range files {
						pending[f] = true
					}
				}
			}
			pending[p] = true
			timer.Reset(debounce)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: read everything again.
				for _, r := range load.Roots {
					pending[r] = true
				}
				timer.Reset(debounce)
				continue
			}
			fmt.Fprintf(log, "relais serve: watching: %v\n", err)
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			slices.Sort(paths)
			clear(pending)
			rebuild(paths)
		}
	}
}
