// Package serve is the dev server of relais serve: it builds a site in
// memory, serves it over HTTP as the production host would, watches the
// site folder and rebuilds what an edit touches, and reloads the pages open
// in a browser.
//
// What it does, and must keep doing:
//
//   - The site is built by pipeline.Incremental and served from memory: nothing
//     is written, public/ is not touched.
//   - content/, layouts/ and assets/ are watched with fsnotify, recursively,
//     folders created later included (a watcher on the site folder sees
//     those three appear). Events are gathered until the folder has been
//     quiet for Config.Debounce (an editor's write, rename and chmod of one
//     save is one rebuild), then the files they name are read again.
//   - A rebuild that succeeds is announced to the open pages through
//     Server-Sent Events (/__relais/events); they reload. One that fails
//     (content, layout or render errors) leaves the last good build served;
//     the open pages show the errors over the page, and the terminal prints
//     them; the next good rebuild clears them.
//   - The script that does this (/__relais/reload.js) is added to the HTML
//     responses of serve only, as an external script, so the site's
//     Content-Security-Policy holds; relais build never writes it.
//   - Responses have the headers of the production host (internal/hosting:
//     content types, cache, security), 404.html with status 404 for a
//     missing path, the redirects of renamed pages, gzip or brotli bodies
//     when the client accepts them (as the precompressed .gz and .br files
//     of a build), /x redirected to /x/ when /x/ is a page. No directory
//     listing; a path with "..", ".", a dotfile, an encoded slash or
//     backslash, or a rules file (_headers) is 404.
//   - Deleted, renamed and half-written files, and folders removed while a
//     rebuild reads them, are content changes, never a crash.
//   - Serve returns when its context is done, after closing the event
//     streams and the listener.
//
// The build clock is fixed when the server starts (or by --now): the
// incremental build keeps pages whose files did not change, which is only
// right while the clock stands still. Restart serve to move it.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/site"
)

// DefaultDebounce is how long the site folder must be quiet before a
// rebuild: long enough to gather the events of one save, short enough not
// to be felt.
const DefaultDebounce = 75 * time.Millisecond

// Config is what a Server needs.
type Config struct {
	// Dir is the site folder on disk (content/, layouts/, assets/).
	Dir string
	// Site are the assembly options: clock, base URL, drafts, future.
	Site site.Options
	// Log receives what the terminal shows: builds, errors.
	Log io.Writer
	// Debounce is the quiet time before a rebuild; 0 means DefaultDebounce.
	Debounce time.Duration
}

// Server is a running dev server.
type Server struct {
	cfg   Config
	inc   *pipeline.Incremental
	hub   *hub
	comp  *compressor
	state sync.RWMutex
	cur   *snapshot
	// builds counts the good builds, for the pages to know theirs.
	builds int
}

// New returns a server for cfg; Serve starts it.
func New(cfg Config) *Server {
	if cfg.Debounce <= 0 {
		cfg.Debounce = DefaultDebounce
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	return &Server{
		cfg:  cfg,
		inc:  pipeline.NewIncremental(pipeline.Options{Source: os.DirFS(cfg.Dir), Site: cfg.Site}),
		hub:  newHub(),
		comp: newCompressor(),
		cur:  &snapshot{},
	}
}

// Serve builds the site, serves it on ln and rebuilds it on change until
// ctx is done. It closes ln. ready, when not nil, is called once the first
// build is done and the server answers.
func (s *Server) Serve(ctx context.Context, ln net.Listener, ready func()) error {
	w, err := newWatcher(s.cfg.Dir)
	if err != nil {
		ln.Close()
		return fmt.Errorf("cannot watch %s: %w", s.cfg.Dir, err)
	}
	defer w.close()

	res, st, berr := s.inc.Build()
	s.publish(res, st, berr, time.Time{}, 0)

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	srv.RegisterOnShutdown(s.hub.close)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if ready != nil {
		ready()
	}

	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		w.run(ctx, s.cfg.Debounce, s.cfg.Log, s.rebuild)
	}()

	select {
	case <-ctx.Done():
	case err = <-served:
		// The listener failed: stop watching too.
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.hub.close()
	if e := srv.Shutdown(shut); e != nil && err == nil {
		err = e
	}
	<-watchDone
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// rebuild brings the site up to date with the changed paths. The pages
// open in a browser are rendered first and served as soon as they are
// (preview), so that they reload while the rest of the site renders.
func (s *Server) rebuild(paths []string) {
	start := time.Now()
	var early time.Duration
	res, st, err := s.inc.UpdateFirst(paths, s.hub.pages(), func(files map[string][]byte) {
		early = time.Since(start)
		s.preview(files)
	})
	s.publish(res, st, err, start, early)
}

// preview serves the open pages of a build under way: requests for them
// get the new pages at once; requests for other files wait for the build
// to end, but for content-hashed assets the last build has (their bytes
// cannot differ).
func (s *Server) preview(files map[string][]byte) {
	s.state.Lock()
	defer s.state.Unlock()
	base := s.cur
	for base.base != nil {
		base = base.base
	}
	s.builds++
	s.cur = &snapshot{
		build:     s.builds,
		files:     files,
		rules:     base.rules,
		redirects: base.redirects,
		base:      base,
		pending:   make(chan struct{}),
	}
	s.hub.send(buildEvent(s.builds))
}

// publish makes the outcome of a build the served state and tells the
// open pages and the terminal. early is when the open pages were served,
// if they were before the end.
func (s *Server) publish(res *pipeline.Result, st pipeline.Stats, err error, start time.Time, early time.Duration) {
	log := s.cfg.Log
	first := start.IsZero()
	s.state.Lock()
	cur := s.cur
	if cur.pending != nil {
		// The end of a preview: whatever the outcome, requests that wait
		// go on with the state set below.
		defer close(cur.pending)
		cur = cur.base
	} else if err == nil && !first && len(st.Files) == 0 && cur.errors == nil {
		s.state.Unlock()
		return // nothing changed: no new build, no reload
	}
	if err != nil {
		list := errorItems(err)
		next := *cur
		next.errors = list
		s.cur = &next
		// Under the lock: a page served from a state has its event sent.
		s.hub.send(errorsEvent(next.build, list))
		s.state.Unlock()
		fmt.Fprintln(log, errorText(err))
		if next.files == nil {
			fmt.Fprintf(log, "relais serve : %d %s ; le site sera servi une fois %s\n", len(list), diag.Plural(len(list), "erreur", "erreurs"), diag.Plural(len(list), "l'erreur corrigée", "les erreurs corrigées"))
		} else {
			fmt.Fprintf(log, "relais serve : %d %s ; le site servi reste celui de la dernière construction réussie\n", len(list), diag.Plural(len(list), "erreur", "erreurs"))
		}
		return
	}
	snap := newSnapshot(res)
	if s.cur.pending != nil {
		snap.build = s.cur.build // the number the preview announced
	} else {
		s.builds++
		snap.build = s.builds
	}
	s.cur = snap
	s.hub.send(buildEvent(snap.build))
	s.state.Unlock()
	if first {
		fmt.Fprintf(log, "relais serve : %d pages, %d fichiers construits en %d ms\n", res.Counts["page"], len(res.Outputs), res.Timings.Total.Milliseconds())
		return
	}
	what := fmt.Sprintf("%d fichiers modifiés", len(st.Files))
	if len(st.Files) == 1 {
		what = st.Files[0] + " modifié"
	}
	open := ""
	if early > 0 {
		open = fmt.Sprintf(" (pages ouvertes en %d ms)", early.Milliseconds())
	}
	fmt.Fprintf(log, "relais serve : %s ; %d %s, %d %s, en %d ms%s\n", what, st.Rendered, diag.Plural(st.Rendered, "page refaite", "pages refaites"),
		st.Reused, diag.Plural(st.Reused, "gardée", "gardées"), time.Since(start).Milliseconds(), open)
}

func (s *Server) snapshot() *snapshot {
	s.state.RLock()
	defer s.state.RUnlock()
	return s.cur
}
