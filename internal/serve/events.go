package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/pipeline"
)

// errorItem is one error as the browser shows it.
type errorItem struct {
	Position string `json:"position,omitempty"` // file:line:col
	Message  string `json:"message"`
}

// errorItems lists the errors of a failed build.
func errorItems(err error) []errorItem {
	var ce *pipeline.ContentErrors
	if errors.As(err, &ce) {
		out := make([]errorItem, 0, len(ce.List))
		for _, e := range ce.List {
			out = append(out, itemOf(e))
		}
		return out
	}
	var list diag.List
	if errors.As(err, &list) {
		out := make([]errorItem, 0, len(list))
		for _, e := range list {
			out = append(out, itemOf(e))
		}
		return out
	}
	return []errorItem{{Message: err.Error()}}
}

func itemOf(e *diag.Error) errorItem {
	it := errorItem{Message: e.Msg}
	if e.Pos.IsValid() {
		it.Position = e.Pos.String()
	}
	return it
}

// errorText is a failed build as the terminal shows it.
func errorText(err error) string {
	var ce *pipeline.ContentErrors
	if errors.As(err, &ce) {
		return ce.List.Error()
	}
	return "relais serve: " + err.Error()
}

// An event is one Server-Sent Event, ready to write.
type event []byte

func newEvent(name string, v any) event {
	data, _ := json.Marshal(v)
	return event(fmt.Sprintf("event: %s\ndata: %s\n\n", name, data))
}

// buildEvent says that build n is the last good one: pages of an older
// build reload.
func buildEvent(n int) event { return newEvent("build", map[string]int{"build": n}) }

// errorsEvent says that the last change has errors and that build n is
// still served.
func errorsEvent(n int, list []errorItem) event {
	return newEvent("errors", struct {
		Build  int         `json:"build"`
		Errors []errorItem `json:"errors"`
	}{n, list})
}

// hub holds the open event streams. Each stream has a one-event mailbox
// that keeps the latest event: a page only needs the latest state.
type hub struct {
	mu      sync.Mutex
	clients map[*client]bool
	last    event
	closed  bool
}

type client struct {
	page string
	box  chan event
}

func newHub() *hub { return &hub{clients: map[*client]bool{}} }

// join opens a stream for a page; it gets the latest event at once.
func (h *hub) join(page string) (*client, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	c := &client{page: page, box: make(chan event, 1)}
	if h.last != nil {
		c.box <- h.last
	}
	h.clients[c] = true
	return c, true
}

func (h *hub) leave(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// send gives ev to every stream, replacing an event not yet written.
func (h *hub) send(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.last = ev
	for c := range h.clients {
		select {
		case <-c.box:
		default:
		}
		c.box <- ev
	}
}

// pages returns the URL paths of the open pages.
func (h *hub) pages() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for c := range h.clients {
		if c.page != "" {
			out = append(out, c.page)
		}
	}
	return out
}

// close ends every stream; later ones are refused.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	for c := range h.clients {
		close(c.box)
		delete(h.clients, c)
	}
}

// keepAlive is how often an idle stream gets a comment line, so that
// proxies and browsers keep it open.
const keepAlive = 20 * time.Second

// serveEvents is the event stream of one open page.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	page := r.URL.Query().Get("page")
	if !strings.HasPrefix(page, "/") {
		page = ""
	}
	c, ok := s.hub.join(page)
	if !ok {
		http.Error(w, "le serveur s’arrête", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.leave(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	// Reconnect quickly after a restart of the server.
	fmt.Fprint(w, "retry: 500\n\n")
	fl.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case ev, ok := <-c.box:
			if !ok {
				return
			}
			if _, err := w.Write(ev); err != nil {
				return
			}
			fl.Flush()
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
			fl.Flush()
		case <-r.Context().Done():
			return
		}
	}
}
