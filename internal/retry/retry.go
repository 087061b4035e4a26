// Package retry tries a failed request again, as relais deploy does with
// the bucket and the CDN and as the notifications after a deploy do with
// WebSub hubs and webhooks: a bounded number of tries, exponential backoff
// with "equal jitter" (a random wait between half and all of Base·2ⁿ, at
// most Max, so that many workers throttled together do not come back
// together), and the wait a server asks for (Retry-After) when it is
// longer. Which errors are worth another try is the caller's to say.
//
// retry is a leaf: it knows nothing of HTTP, S3 or the site.
package retry

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// Policy is how failed requests are tried again: up to Attempts tries in
// all, waiting Wait(n) before the n-th retry.
type Policy struct {
	Attempts  int
	Base, Max time.Duration
}

// Wait is the pause before retry n (0-based): a random time between half
// and all of Base·2ⁿ, at most Max.
func (p Policy) Wait(n int) time.Duration {
	d := p.Base << n
	if d > p.Max || d <= 0 {
		d = p.Max
	}
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(d-half+1)
}

// After is an error that says how long its server asked to wait before the
// next try (an HTTP Retry-After header).
type After interface {
	error
	RetryAfter() time.Duration
}

// Do runs f until it succeeds, fails with an error retryable refuses,
// has been tried Attempts times, or ctx ends; it returns f's last error, or
// ctx's. Before a retry it waits Wait(n), or the wait a failure asked for
// (an After in its chain) when longer, capped at maxAfter.
func (p Policy) Do(ctx context.Context, f func() error, retryable func(error) bool, maxAfter time.Duration) error {
	var err error
	for n := 0; ; n++ {
		if err = ctx.Err(); err != nil {
			return err
		}
		err = f()
		if err == nil || n+1 >= p.Attempts || !retryable(err) {
			return err
		}
		d := p.Wait(n)
		var a After
		if errors.As(err, &a) && a.RetryAfter() > d {
			d = min(a.RetryAfter(), maxAfter)
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
