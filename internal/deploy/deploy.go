// Package deploy pushes a finished build (the output folder of relais
// build) to an S3-compatible bucket behind a CDN, changing only what
// differs, in an order that keeps the published site whole at every moment,
// and then asks the CDN to forget the URLs that changed.
//
// What it compares. Every object relais stores is uploaded in one part, so
// its ETag is the MD5 of its bytes: one listing (a request per 1,000
// objects) tells which files differ, with no request per object. Each
// object also carries x-amz-meta-relais-sha256 (its SHA-256) and
// x-amz-meta-relais-headers (a digest of the headers it was stored with);
// an object whose ETag is not a plain MD5 (uploaded in parts or encrypted
// with KMS by another tool) is checked with a HEAD request against them.
// The headers an object is served with come from the hosting rules and
// change when site.yaml's cache durations or the rules change while the
// bytes stay the same, which an ETag cannot show: the deploy record, a
// small JSON object at the root of the target (.relais-deploy.json), keeps
// the header digest of every path as last stored. A path the record does
// not vouch for is checked with a HEAD request; before re-uploading a path
// it vouches for, the record is first rewritten without it, so a deploy
// cut off in the middle never leaves the record vouching for headers an
// object no longer has.
//
// What it stores. Each file with the headers the hosting rules give its
// path that an object store can carry: Content-Type, Cache-Control,
// Content-Encoding, Content-Language, Content-Disposition, Expires. The
// security headers (Content-Security-Policy and the others) cannot be
// object metadata: the CDN adds them (docs/deploy.md). Pages are
// stored plain, not compressed: an object store cannot choose an encoding
// per request, and every CDN compresses on the way out; the precompressed
// variants (.gz, .br) of the build and the host rule files (_headers,
// _redirects, _nginx.conf) are not uploaded, nor are dotfiles (except
// .well-known/).
//
// How it stores. Each object in one PUT, never signed in streaming form
// (over http:// minio-go would send aws-chunked bodies, which some stores
// keep as the object's Content-Encoding or bytes): the payload goes with
// UNSIGNED-PAYLOAD and Content-MD5, so the store refuses damaged bytes.
// Then the ETag it answers must be the MD5 of the bytes sent (a store
// whose ETags are not MD5s is read back and compared by SHA-256); an
// object stored otherwise stops the deploy with its name, before anything
// after it in the order below. A record of format 1 (written before this
// rule) vouches for nothing: every object is checked once, and one whose
// Content-Encoding is not the file's is stored again.
//
// In what order. Four phases, each finished before the next begins:
// assets (content-hashed names, referenced by nothing published yet);
// feeds, data files, calendars and other files; pages, deepest first; then
// sitemap.xml and robots.txt. Deletes of objects the build no longer has
// come last, pages before the files they used and assets last of all. So a
// deploy cut off at any point leaves every published page with its assets.
// Deletes above the limit (MaxDeletes; by default 5% of the build, at least
// 10) stop the deploy before anything changes, unless Force.
//
// Afterwards, the URLs whose object was replaced, deleted or newly created
// (outside /assets/, whose new names no cache has seen) are the changed
// URLs: for a bucket, what this deploy changed is exactly what a cache may
// hold stale, whatever the builds in between. When the target has a purge
// URL they are sent to the CDN (see PurgeRequest). Until the CDN has taken
// them, they wait in the deploy record: a deploy cut off after its first
// change, or whose purge failed, leaves them there for the next one to
// send.
//
// Transfers run on a bounded number of workers; throttling (503 SlowDown,
// 429) and server errors are retried with exponential backoff and jitter;
// the context stops everything (Ctrl-C). Credentials come from the
// environment or the shared credentials file, never from site.yaml, and
// are never printed. deploy reads the output folder and never writes it.
package deploy

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/config"
)

// Options are the inputs of a deploy.
type Options struct {
	// Dir is the build to deploy (the output folder of relais build).
	Dir string
	// Target is where it goes.
	Target config.DeployTarget
	// BaseURL is the public address of the site (base_url), for the
	// absolute URLs sent to the CDN.
	BaseURL string
	// Headers returns the response headers of an output path: the hosting
	// rules, the one source of headers.
	Headers func(path string) http.Header
	// Getenv reads the environment (credentials, purge token); nil means
	// os.Getenv.
	Getenv func(string) string
	// DryRun plans and changes nothing.
	DryRun bool
	// Force allows more deletes than MaxDeletes.
	Force bool
	// MaxDeletes is the most deletes allowed without Force; negative means
	// DefaultMaxDeletes of the number of files.
	MaxDeletes int
	// Workers is the number of parallel transfers; 0 means DefaultWorkers.
	Workers int
	// Transport carries the HTTP requests to the bucket and the CDN; nil
	// means a default transport.
	Transport http.RoundTripper
	// Retry is the retry policy; the zero value means DefaultRetry.
	Retry Retry
	// Progress, when not nil, is called after each transfer, one call at
	// a time.
	Progress func(Progress)
}

// DefaultWorkers is the number of parallel transfers: network-bound, so
// more than the CPUs, few enough not to be throttled.
func DefaultWorkers() int { return max(8, 2*runtime.GOMAXPROCS(0)) }

// DefaultMaxDeletes is the delete limit for a build of n files: 5% of
// the site, at least 10.
func DefaultMaxDeletes(n int) int { return max(10, n*5/100) }

// Progress is the state of a running deploy.
type Progress struct {
	Phase             string // "assets", "files", "pages", "sitemap", "deletes"
	Done, Total       int    // transfers (uploads and deletes)
	Bytes, TotalBytes int64  // uploaded
	Elapsed           time.Duration
}

// Result says what a deploy did.
type Result struct {
	Plan     *Plan
	Uploaded int
	Deleted  int
	Bytes    int64
	// Changed are the absolute URLs that changed, in plan order; they are
	// also the URLs purged when the target has a purge URL.
	Changed []string
	// Purged is true when the changed URLs were sent to the CDN.
	Purged   bool
	Duration time.Duration
}

// TooManyDeletesError stops a deploy before any change.
type TooManyDeletesError struct {
	Deletes, Max, Files int
}

func (e *TooManyDeletesError) Error() string {
	return fmt.Sprintf("refusing to delete %d objects (more than %d, the limit for a build of %d files): nothing was changed; list them with --dry-run, check the target and --dest, then raise --max-deletes or add --force",
		e.Deletes, e.Max, e.Files)
}

// InterruptedError is a deploy stopped by its context.
type InterruptedError struct {
	Uploaded, Uploads, Deleted, Deletes int
}

func (e *InterruptedError) Error() string {
	s := fmt.Sprintf("interrupted after %d of %d uploads", e.Uploaded, e.Uploads)
	if e.Deletes > 0 {
		s += fmt.Sprintf(" and %d of %d deletes", e.Deleted, e.Deletes)
	}
	return s + ": every published page still has its assets; run relais deploy again to finish"
}

// Run deploys opts.Dir to opts.Target. On error the Result says what was
// done before it.
func Run(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	res := &Result{}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Headers == nil {
		return res, errors.New("deploy: no header rules")
	}
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers()
	}
	if opts.Retry == (Retry{}) {
		opts.Retry = DefaultRetry()
	}
	tr := opts.Transport
	if tr == nil {
		tr = http.DefaultTransport.(*http.Transport).Clone()
	}

	// Everything that can be refused without a request is refused first.
	creds, err := credentialsFrom(opts.Getenv)
	if err != nil {
		return res, err
	}
	var pg *purger
	if opts.Target.Purge != nil {
		if pg, err = newPurger(opts.Target.Purge, opts.Getenv, &http.Client{Transport: tr}, opts.Retry); err != nil {
			return res, err
		}
	}
	files, err := scan(ctx, opts.Dir, opts.Headers, opts.Workers)
	if err != nil {
		return res, early(err)
	}
	b, err := newBucket(opts.Target, creds, tr, opts.Retry)
	if err != nil {
		return res, early(err)
	}

	remote, err := b.list(ctx)
	if err != nil {
		return res, early(err)
	}
	rec, err := b.getRecord(ctx)
	if err != nil {
		return res, early(err)
	}
	cmp := compare(files, remote, rec)
	if len(cmp.check) > 0 {
		if err := b.checkAll(ctx, files, cmp, remote, opts.Workers); err != nil {
			return res, early(err)
		}
	}
	plan := makePlan(files, remote, cmp, strings.TrimSuffix(opts.BaseURL, "/"))
	if pg != nil {
		// URLs a deploy cut off, or whose purge failed, left to purge.
		for _, u := range rec.Purge {
			if !slices.Contains(plan.Purge, u) {
				plan.Purge = append(plan.Purge, u)
			}
		}
	}
	plan.Target = opts.Target.Name
	plan.Location = b.location()
	plan.MaxDeletes = opts.MaxDeletes
	if plan.MaxDeletes < 0 {
		plan.MaxDeletes = DefaultMaxDeletes(len(files))
	}
	res.Plan = plan
	if len(plan.Deletes) > plan.MaxDeletes && !opts.Force {
		return res, &TooManyDeletesError{Deletes: len(plan.Deletes), Max: plan.MaxDeletes, Files: len(files)}
	}
	if opts.DryRun {
		res.Changed = plan.Purge
		res.Duration = time.Since(start)
		return res, nil
	}

	x := &executor{b: b, opts: opts, plan: plan, res: res, start: start, keepPurge: pg != nil}
	// stored is the record as the target now holds it: the final record
	// is written when it differs from that one, not from the one read at
	// the start.
	stored, err := x.run(ctx, rec, files)
	res.Duration = time.Since(start)
	if err != nil {
		return res, err
	}
	res.Changed = plan.Purge
	final := record{Format: recordFormat, Headers: make(map[string]string, len(files))}
	for _, f := range files {
		final.Headers[f.Path] = f.Digest
	}
	var purgeErr error
	if pg != nil && len(plan.Purge) > 0 {
		if purgeErr = pg.purge(ctx, plan.Purge); purgeErr == nil {
			res.Purged = true
		} else {
			final.Purge = plan.Purge // for the next deploy to send again
		}
	}
	if !final.equal(stored) {
		if err := b.putRecord(ctx, final); err != nil && purgeErr == nil {
			return res, err
		}
	}
	res.Duration = time.Since(start)
	if purgeErr != nil {
		return res, fmt.Errorf("the site is deployed, but the CDN purge failed: %w; the next relais deploy sends these URLs again", purgeErr)
	}
	return res, nil
}

// early names an interruption before any change.
func early(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return errors.New("interrupted before any change: the bucket was not touched")
	}
	return err
}
