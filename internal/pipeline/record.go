package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/view"
)

// The build record lets `relais build` skip a build that would change
// nothing. After a successful Build (with Options.Record), it keeps beside
// the output folder (publish.RecordPath) what the build was made from and
// what it left:
//
//   - the digest of every site file (load.Tree.Digest);
//   - which relais made it: the SHA-256 of its executable, so that any
//     other relais builds again;
//   - the options that change the output (base URL, drafts, future,
//     precompression, budgets);
//   - the span of build times in which the site gives the same bytes
//     (site.Site.Stable: until the next directive is published, or the day
//     changes in one of the site's time zones);
//   - the fingerprint of the output folder as the build left it
//     (publish.Fingerprint: every path, size, mtime and inode).
//
// The next Build reads the site's files and digests them (it needs them
// anyway); when all of the above are the same and its clock is in the
// span, the output folder already holds what the build would write: it
// reports so without assembling or rendering anything. Anything else —
// another file, another relais, a changed or removed file in the output
// folder, a clock past the span, --force — builds as usual. The record is
// removed before every write and written after it succeeds, so that a
// build that fails or is killed leaves none.
type record struct {
	Format string    `json:"format"`
	Key    recordKey `json:"key"`
	From   time.Time `json:"stable_from"`
	Until  time.Time `json:"stable_until"`
	Output string    `json:"output"` // publish.Fingerprint after the write

	// What the summary of a build shows, for a build that reuses this one.
	Counts        map[string]int        `json:"counts"`
	Files         int                   `json:"files"`
	Precompressed bool                  `json:"precompressed"`
	Compress      publish.CompressStats `json:"compress"`
	Sizes         Sizes                 `json:"sizes"`
	LeftOut       []view.LeftOut        `json:"left_out,omitempty"`
}

// recordKey is what a build is made from, besides its clock.
type recordKey struct {
	buildKey
	Inputs string `json:"inputs"`
}

// buildKey is what, besides its sources and its clock, makes the bytes of
// a build: relais itself, where it writes, and the options. The build
// record and the kept state both hold it.
type buildKey struct {
	Relais        string `json:"relais"`
	Dest          string `json:"dest"`
	BaseURL       string `json:"base_url"`
	Drafts        bool   `json:"drafts"`
	Future        bool   `json:"future"`
	NoPrecompress bool   `json:"no_precompress"`
	NoBudgets     bool   `json:"no_budgets"`
}

const recordFormat = "relais build record 1"

// keyOf returns the key of a build with opts, but for its inputs (the
// caller digests the tree), and false when such a build cannot be
// recorded: compression levels chosen by a test, or a relais whose
// executable cannot be read.
func keyOf(opts Options) (recordKey, bool) {
	if opts.Levels != nil {
		return recordKey{}, false
	}
	k, ok := buildKeyOf(opts)
	return recordKey{buildKey: k}, ok
}

// buildKeyOf is the buildKey of a build with opts, and false when the
// executable of relais cannot be read.
func buildKeyOf(opts Options) (buildKey, bool) {
	exe := executable()
	if exe == "" {
		return buildKey{}, false
	}
	dest, err := filepath.Abs(opts.Dest)
	if err != nil {
		return buildKey{}, false
	}
	return buildKey{
		Relais:        exe,
		Dest:          dest,
		BaseURL:       opts.Site.BaseURL,
		Drafts:        opts.Site.Drafts,
		Future:        opts.Site.Future,
		NoPrecompress: opts.NoPrecompress,
		NoBudgets:     opts.NoBudgets,
	}, true
}

// executable identifies the running relais by the SHA-256 of its file, so
// that any other build of relais builds again: "" when it cannot be read.
var executable = sync.OnceValue(func() string {
	p, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

// prior is the record of the previous build of an output folder, while a
// build reads the site to know whether it can be reused.
type prior struct {
	rec    record
	fp     chan string // publish.Fingerprint of the folder, computed meanwhile
	cancel func()      // stops it
}

// lookup reads the record of key.Dest and, when it may be reused at now
// (the same relais and options, now in its span), starts fingerprinting
// the output folder while the caller reads the site. nil when it cannot
// be reused whatever the site's files.
func lookup(key recordKey, now time.Time) *prior {
	data, err := os.ReadFile(publish.RecordPath(key.Dest))
	if err != nil {
		return nil
	}
	var rec record
	if err := json.Unmarshal(data, &rec); err != nil || rec.Format != recordFormat {
		return nil
	}
	k := key
	k.Inputs = rec.Key.Inputs
	if rec.Key != k || !(view.Span{From: rec.From, Until: rec.Until}).Contains(now) {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &prior{rec: rec, fp: make(chan string, 1), cancel: cancel}
	go func() {
		fp, err := publish.Fingerprint(ctx, key.Dest)
		if err != nil {
			fp = ""
		}
		p.fp <- fp
	}()
	return p
}

// reuse returns the outcome of a build of the site files whose digest is
// inputs, which the prior record shows to be done already, and false when
// it must build.
func (p *prior) reuse(key recordKey, inputs string, start time.Time) (*Result, bool) {
	rec := p.rec
	if rec.Key.Inputs != inputs {
		p.cancel() // the site changed: the folder need not be read
		return nil, false
	}
	fp := <-p.fp
	p.cancel()
	if fp == "" || fp != rec.Output {
		return nil, false
	}
	res := &Result{
		Counts:        rec.Counts,
		Publish:       publish.Result{Unchanged: rec.Files},
		Precompressed: rec.Precompressed,
		Compress:      rec.Compress,
		Sizes:         rec.Sizes,
		LeftOut:       rec.LeftOut,
		Reused:        true,
		Stable:        view.Span{From: rec.From, Until: rec.Until},
	}
	res.Compress.Compressed, res.Compress.Cached, res.Compress.Time = 0, 0, 0
	// The changed URLs are those since the previous build: none.
	if err := publish.WriteManifest(key.Dest, publish.Manifest{}); err != nil {
		res.Warnings = append(res.Warnings, fmt.Sprintf("la liste des adresses changées n'a pas pu être écrite : %v", err))
	}
	if err := WriteNextChange(key.Dest, res.Stable.Until); err != nil {
		res.Warnings = append(res.Warnings, fmt.Sprintf("le moment du prochain changement n'a pas pu être écrit : %v", err))
	}
	res.Timings.Total = time.Since(start)
	res.Timings.Load = res.Timings.Total
	return res, true
}

// forget removes the record of dest, before a write changes it.
func forget(dest string) error {
	err := os.Remove(publish.RecordPath(dest))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// keep writes the record of a build that wrote res to key.Dest. A build
// over its budgets or with warnings is not recorded: the next one shows
// them again.
func keep(key recordKey, res *Result) error {
	if res.OverBudget != nil || len(res.Warnings) > 0 {
		return nil
	}
	fp := res.Publish.Fingerprint
	if fp == "" {
		return nil
	}
	rec := record{
		Format:        recordFormat,
		Key:           key,
		From:          res.Stable.From,
		Until:         res.Stable.Until,
		Output:        fp,
		Counts:        res.Counts,
		Files:         res.Publish.Written + res.Publish.Unchanged,
		Precompressed: res.Precompressed,
		Compress:      res.Compress,
		Sizes:         res.Sizes,
		LeftOut:       res.LeftOut,
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	p := publish.RecordPath(key.Dest)
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}
