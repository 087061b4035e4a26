package deploy

import (
	"context"
	"errors"
	"maps"
	"sync"
	"time"
)

// executor carries out a plan.
type executor struct {
	b     *bucket
	opts  Options
	plan  *Plan
	res   *Result
	start time.Time
	// keepPurge: the target is purged, so the record keeps the URLs to
	// purge until the CDN has them.
	keepPurge bool

	mu   sync.Mutex // guards res counts and the progress calls
	done int
}

// run carries out the plan and returns the deploy record as the target
// holds it now: rec, or the one run wrote before its first change.
func (x *executor) run(ctx context.Context, rec record, files []file) (record, error) {
	p := x.plan
	// Before the first change, the record stops vouching for every path
	// about to be replaced, so that a deploy cut off below never leaves it
	// vouching for headers an object no longer has; and it lists the URLs
	// to purge, so that the next deploy purges them if this one cannot.
	pre := record{Format: recordFormat, Headers: maps.Clone(rec.Headers)}
	for _, u := range p.Uploads {
		delete(pre.Headers, u.Path)
	}
	if x.keepPurge && len(p.Uploads)+len(p.Deletes) > 0 {
		pre.Purge = p.Purge
	} else {
		pre.Purge = rec.Purge
	}
	if !pre.equal(rec) {
		if err := x.b.putRecord(ctx, pre); err != nil {
			return rec, err
		}
	}

	for i, name := range phases {
		var batch []Transfer
		for _, u := range p.Uploads {
			if phaseOf(u.Path) == i {
				batch = append(batch, u)
			}
		}
		err := parallel(ctx, x.opts.Workers, len(batch), func(ctx context.Context, j int) error {
			u := batch[j]
			f := files[u.file]
			data, err := readFile(x.opts.Dir, f)
			if err != nil {
				return err
			}
			if err := x.b.put(ctx, f, data); err != nil {
				return err
			}
			x.step(name, func() { x.res.Uploaded++; x.res.Bytes += f.Size })
			return nil
		})
		if err != nil {
			return pre, x.interrupted(err)
		}
	}

	// Deletes: pages, then other files, then assets, each group finished
	// before the next.
	for rank := range 3 {
		var batch []Transfer
		for _, d := range p.Deletes {
			if deleteRank(d.Path) == rank {
				batch = append(batch, d)
			}
		}
		err := parallel(ctx, x.opts.Workers, len(batch), func(ctx context.Context, j int) error {
			if err := x.b.remove(ctx, batch[j].Path); err != nil {
				return err
			}
			x.step("deletes", func() { x.res.Deleted++ })
			return nil
		})
		if err != nil {
			return pre, x.interrupted(err)
		}
	}
	return pre, nil
}

// step counts a finished transfer and reports progress.
func (x *executor) step(phase string, count func()) {
	x.mu.Lock()
	defer x.mu.Unlock()
	count()
	x.done++
	if x.opts.Progress != nil {
		x.opts.Progress(Progress{
			Phase:      phase,
			Done:       x.done,
			Total:      len(x.plan.Uploads) + len(x.plan.Deletes),
			Bytes:      x.res.Bytes,
			TotalBytes: x.plan.Bytes,
			Elapsed:    time.Since(x.start),
		})
	}
}

// interrupted turns a cancellation into an InterruptedError.
func (x *executor) interrupted(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		x.mu.Lock()
		defer x.mu.Unlock()
		return &InterruptedError{Uploaded: x.res.Uploaded, Uploads: len(x.plan.Uploads), Deleted: x.res.Deleted, Deletes: len(x.plan.Deletes)}
	}
	return err
}
