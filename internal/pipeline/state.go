package pipeline

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"reflect"
	"runtime"
	"slices"
	"time"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/render"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

// The kept state lets `relais build` render again, after an edit, only the
// pages the edit changes, from one run to the next. After each successful
// Build (with Options.State), it keeps beside the output folder
// (StatePath: .relais/public.state) the fingerprint of every page — what
// its layout can show of it (pageHasher, with strings hashed the same in
// every run: newStablePageHasher) — and the SHA-256 of the bytes it left
// in the output folder for it and for its .gz and .br variants. The next
// Build fingerprints its pages the same way; a page whose fingerprint is
// the kept one is not rendered, compressed nor written: the write takes
// its files as the output folder holds them (publish.Stream.Keep), and
// only when the folder's content index still knows them with the kept
// sums — a file changed, removed or unknown there has its page rendered.
//
// A page's bytes are a function of its fingerprint, of the frame (the
// layouts and assets, the site settings, the menu and footer, the files
// every page may show: SiteWide) and of the relais and options that made
// them. So the state is thrown away, and every page rendered, when:
//
//   - relais changed (the SHA-256 of its executable), or the state's
//     format;
//   - an option that changes the output changed (base URL, drafts, future,
//     precompression and its levels, budgets);
//   - the build time is outside the span in which the last build's site
//     gave the same bytes (site.Site.Stable);
//   - the frame changed (a SiteWide file, the settings, menu or footer);
//   - the file is damaged: not a state file, another format, truncated or
//     failing its checksum — a note says so in the build's summary, and
//     the build is a full one.
//
// The state is written after the write of the output folder succeeded,
// through a temporary file and a rename; a build that fails leaves the
// state of the last good build, which still describes the output folder
// it left. A state that describes another folder than the one on disk
// (a build killed between its swap and the state's write) cannot make a
// wrong site: a page is kept only when the folder holds the kept bytes,
// which are those its fingerprint rendered to. Deleting the state is
// always safe: the next build renders every page.
//
// StateTest (state_test.go) holds a build from the kept state to a clean
// build of the same files, byte for byte, after random edits of every kind.

// StateMode says what Build does with the kept state.
type StateMode int

const (
	// StateOff neither reads nor writes a kept state.
	StateOff StateMode = iota
	// StateWrite renders every page and keeps the state for the next
	// build (relais build --force).
	StateWrite
	// StateUse takes from the kept state the pages that did not change,
	// and keeps the new state.
	StateUse
)

// StatePath is the kept state of the output folder dest.
func StatePath(dest string) string { return publish.StateFile(dest, ".state") }

// StateReport says what a build did with the kept state, for its summary.
type StateReport struct {
	// Used is set when the build read a kept state it could use.
	Used bool
	// Kept and Rendered count the pages taken from the output folder and
	// those rendered.
	Kept, Rendered int
	// Why says, in French, why every page was rendered: the state was
	// missing or thrown away ("" when it was used).
	Why string
	// Damaged is set when the state file or the kept texts were damaged
	// or foreign.
	Damaged bool
	// Notes are other notes, in French: kept texts thrown away.
	Notes []string
}

const stateMagic = "relais kept state 1\n"

// stateKey is what makes the bytes of a page with a given fingerprint,
// besides the frame: relais and the options.
type stateKey struct {
	buildKey
	Levels string `json:"levels"`
}

// stateHead is the first part of the state file.
type stateHead struct {
	Key   stateKey  `json:"key"`
	From  time.Time `json:"stable_from"`
	Until time.Time `json:"stable_until"`
	Frame string    `json:"frame"`
	Pages int       `json:"pages"`
}

// keptPage is what the state keeps of a page: its fingerprint and the
// files the build left for it.
type keptPage struct {
	sum, texts uint64
	file       [sha256.Size]byte
	size       int
	gzipSize   int // 0 when not compressed
	gz, br     *[sha256.Size]byte
}

// held returns the files of page path as the output folder must hold them.
func (e *keptPage) held(path string) []publish.Held {
	out := []publish.Held{{Path: path, Sum: e.file}}
	if e.gz != nil {
		out = append(out, publish.Held{Path: path + ".gz", Sum: *e.gz})
	}
	if e.br != nil {
		out = append(out, publish.Held{Path: path + ".br", Sum: *e.br})
	}
	return out
}

// keptState is the kept state of one Build: the one it read, and the one
// it makes.
type keptState struct {
	mode  StateMode
	key   stateKey
	files [sha256.Size]byte // the SiteWide files of the site
	prev  *stateFile        // nil when none can be used
	rep   StateReport

	frame string
	pages map[string]keptPage // the new state, by URL
}

type stateFile struct {
	head  stateHead
	pages map[string]keptPage
}

// stateKeyOf is the key of a build with opts, and false when it cannot keep
// a state: compression levels chosen by a test and not named, or a relais
// whose executable cannot be read.
func stateKeyOf(opts Options) (stateKey, bool) {
	if opts.Levels != nil && opts.LevelsName == "" {
		return stateKey{}, false
	}
	k, ok := buildKeyOf(opts)
	return stateKey{buildKey: k, Levels: opts.LevelsName}, ok
}

// openState starts the kept state of a build of tree with opts: nil when
// the build keeps none. With StateUse it reads the state of the last
// build, and keeps it when it may be used.
func openState(opts Options, tree *load.Tree) *keptState {
	if opts.State == StateOff {
		return nil
	}
	key, ok := stateKeyOf(opts)
	if !ok {
		return nil
	}
	ks := &keptState{mode: opts.State, key: key, files: siteWideDigest(tree)}
	if opts.State == StateWrite {
		ks.rep.Why = "construction complète demandée (--force)"
		return ks
	}
	data, err := os.ReadFile(StatePath(opts.Dest))
	if errors.Is(err, fs.ErrNotExist) {
		ks.rep.Why = "aucun état n'est conservé (première construction dans ce dossier, ou .relais/ supprimé)"
		return ks
	}
	if err != nil {
		ks.rep.Why = fmt.Sprintf("l'état conservé n'a pas pu être lu (%v)", err)
		ks.rep.Damaged = true
		return ks
	}
	sf, why := decodeState(data)
	if sf == nil {
		ks.rep.Why = "l'état conservé (" + StatePath(opts.Dest) + ") a été ignoré : " + why
		ks.rep.Damaged = true
		return ks
	}
	switch k := sf.head.Key; {
	case k.Relais != key.Relais:
		ks.rep.Why = "relais a changé depuis la dernière construction"
	case k != key:
		ks.rep.Why = "les options de construction ont changé depuis la dernière construction"
	case !(view.Span{From: sf.head.From, Until: sf.head.Until}).Contains(opts.Site.Now):
		ks.rep.Why = "l'heure de construction sort de la période où la dernière construction restait valable"
	default:
		ks.prev = sf
		ks.rep.Used = true
	}
	return ks
}

// siteWideDigest is the SHA-256 of the SiteWide files of tree: their paths
// and bytes.
func siteWideDigest(tree *load.Tree) [sha256.Size]byte {
	h := sha256.New()
	var n [8]byte
	for _, f := range tree.Files {
		if !SiteWide(f.Path) {
			continue
		}
		binary.LittleEndian.PutUint64(n[:], uint64(len(f.Path)))
		h.Write(n[:])
		h.Write([]byte(f.Path))
		binary.LittleEndian.PutUint64(n[:], uint64(len(f.Data)))
		h.Write(n[:])
		h.Write(f.Data)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// newStablePageHasher returns a pageHasher whose fingerprints are the same
// in every run of the same relais (xxHash of strings, no seed), for the
// kept state.
func newStablePageHasher() *pageHasher {
	ph := newPageHasher(newViewHasher().seed)
	ph.str = xxhash.Sum64String
	return ph
}

// frameOf is the fingerprint of the frame of s: the SiteWide files, and
// what every page shows besides its own views (the settings, the menu,
// the footer; sameFrame).
func (ks *keptState) frameOf(s *site.Site) string {
	ph := newStablePageHasher()
	w := pageWalk{ph: ph}
	frame := struct {
		Config any
		Nav    []view.Link
		Footer []view.Link
	}{s.Config, s.Nav, s.Footer}
	if !w.value(reflect.ValueOf(frame), 0) {
		return "" // no fingerprint: never the same frame
	}
	return fmt.Sprintf("%x-%016x", ks.files, w.h)
}

// render renders the pages of s that the kept state does not have in the
// output folder, through sink, and holds the others there. It returns the
// pages' outputs, in the order of s.Pages, with paths and no bytes.
func (ks *keptState) render(s *site.Site, tmpl *render.Templates, sink *pageSink) ([]render.Output, error) {
	ks.frame = ks.frameOf(s)
	prev := ks.prev
	if prev != nil && (ks.frame == "" || prev.head.Frame != ks.frame) {
		prev = nil
		ks.rep.Used = false
		ks.rep.Why = "un fichier que toutes les pages montrent a changé (gabarit, style, script, réglages du site, menu, pied de page, vocabulaire, territoire)"
	}
	// The pages are fingerprinted on every processor, each with its own
	// hasher (a pageHasher is used by one goroutine; what several pages
	// share is then hashed once by each), and held when they may be.
	out := make([]render.Output, len(s.Pages))
	sums := make([]pageSum, len(s.Pages))
	stale := make([]bool, len(s.Pages))
	var g errgroup.Group
	n := runtime.GOMAXPROCS(0)
	chunk := (len(s.Pages) + n - 1) / n
	for lo := 0; lo < len(s.Pages); lo += chunk {
		g.Go(func() error {
			ph := newStablePageHasher()
			ph.next()
			for i := lo; i < min(lo+chunk, len(s.Pages)); i++ {
				p := s.Pages[i]
				path := hosting.FilePath(p.URL)
				out[i] = render.Output{Path: path}
				sums[i] = ph.sum(p)
				stale[i] = true
				if prev == nil || !sums[i].ok {
					continue
				}
				if e, ok := prev.pages[p.URL]; ok && e.sum == sums[i].sum && e.texts == sums[i].texts {
					held, err := sink.hold(path, e)
					if err != nil {
						return err
					}
					stale[i] = !held
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var todo []int
	for i := range s.Pages {
		if stale[i] {
			todo = append(todo, i)
		}
	}
	ks.rep.Rendered = len(todo)
	ks.rep.Kept = len(s.Pages) - len(todo)
	if _, err := render.PagesTo(s, tmpl, todo, sink.page); err != nil {
		return nil, err
	}
	if err := sink.measureHeld(); err != nil {
		return nil, err
	}
	ks.pages = make(map[string]keptPage, len(s.Pages))
	for i, p := range s.Pages {
		if !sums[i].ok {
			continue
		}
		if e, ok := sink.entry(out[i].Path); ok {
			e.sum, e.texts = sums[i].sum, sums[i].texts
			ks.pages[p.URL] = e
		}
	}
	return out, nil
}

// write keeps the state of a build that wrote its output folder, whose
// site gives the same bytes in stable.
func (ks *keptState) write(dest string, stable view.Span) error {
	if ks.pages == nil {
		return nil
	}
	head := stateHead{Key: ks.key, From: stable.From, Until: stable.Until, Frame: ks.frame, Pages: len(ks.pages)}
	data, err := encodeState(head, ks.pages)
	if err != nil {
		return err
	}
	return writeAtomic(StatePath(dest), data)
}

// The state file is stateMagic, the length of the head and the head in
// JSON, the pages (each: its URL's length and URL, sum, texts, the file's
// SHA-256, size, gzip size, which variants it has and their SHA-256), and
// the SHA-256 of all that.
const (
	hasGz = 1 << iota
	hasBr
)

func encodeState(head stateHead, pages map[string]keptPage) ([]byte, error) {
	h, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(stateMagic)+8+len(h)+len(pages)*(64+3*sha256.Size)+sha256.Size)
	b = append(b, stateMagic...)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(h)))
	b = append(b, h...)
	for _, u := range slices.Sorted(maps.Keys(pages)) {
		e := pages[u]
		b = binary.AppendUvarint(b, uint64(len(u)))
		b = append(b, u...)
		b = binary.LittleEndian.AppendUint64(b, e.sum)
		b = binary.LittleEndian.AppendUint64(b, e.texts)
		b = append(b, e.file[:]...)
		b = binary.AppendUvarint(b, uint64(e.size))
		b = binary.AppendUvarint(b, uint64(e.gzipSize))
		var flags byte
		if e.gz != nil {
			flags |= hasGz
		}
		if e.br != nil {
			flags |= hasBr
		}
		b = append(b, flags)
		if e.gz != nil {
			b = append(b, e.gz[:]...)
		}
		if e.br != nil {
			b = append(b, e.br[:]...)
		}
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...), nil
}

// decodeState reads a state file; on failure it returns nil and why, in
// French.
func decodeState(data []byte) (*stateFile, string) {
	sf := &stateFile{}
	r, why := unframe(data, stateMagic, "relais kept state ", "ce n'est pas un état conservé par relais", &sf.head)
	if why != "" {
		return nil, why
	}
	sf.pages = make(map[string]keptPage, sf.head.Pages)
	bad := func() (*stateFile, string) { return nil, "il est abîmé (pages illisibles)" }
	uvarint := func() (uint64, bool) {
		v, k := binary.Uvarint(r)
		if k <= 0 {
			return 0, false
		}
		r = r[k:]
		return v, true
	}
	for len(r) > 0 {
		l, ok := uvarint()
		if !ok || l > uint64(len(r)) {
			return bad()
		}
		u := string(r[:l])
		r = r[l:]
		if len(r) < 16+sha256.Size {
			return bad()
		}
		var e keptPage
		e.sum = binary.LittleEndian.Uint64(r)
		e.texts = binary.LittleEndian.Uint64(r[8:])
		copy(e.file[:], r[16:])
		r = r[16+sha256.Size:]
		size, ok1 := uvarint()
		gzipSize, ok2 := uvarint()
		if !ok1 || !ok2 || len(r) < 1 {
			return bad()
		}
		e.size, e.gzipSize = int(size), int(gzipSize)
		flags := r[0]
		r = r[1:]
		for _, v := range []struct {
			bit byte
			to  **[sha256.Size]byte
		}{{hasGz, &e.gz}, {hasBr, &e.br}} {
			if flags&v.bit == 0 {
				continue
			}
			if len(r) < sha256.Size {
				return bad()
			}
			var s [sha256.Size]byte
			copy(s[:], r)
			*v.to = &s
			r = r[sha256.Size:]
		}
		sf.pages[u] = e
	}
	if len(sf.pages) != sf.head.Pages {
		return bad()
	}
	return sf, ""
}
