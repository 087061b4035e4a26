package deploy

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/minio/minio-go/v7"
	"golang.org/x/sync/errgroup"
)

// Retry is how failed requests are tried again: up to Attempts tries in
// all, waiting a random time between half and all of Base·2ⁿ (at most Max)
// before the n-th retry ("equal jitter", so that many workers throttled
// together do not come back together).
type Retry struct {
	Attempts  int
	Base, Max time.Duration
}

// DefaultRetry: 6 tries over about 8 seconds at worst.
func DefaultRetry() Retry {
	return Retry{Attempts: 6, Base: 250 * time.Millisecond, Max: 4 * time.Second}
}

// wait is the pause before retry n (0-based).
func (r Retry) wait(n int) time.Duration {
	d := r.Base << n
	if d > r.Max || d <= 0 {
		d = r.Max
	}
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(d-half+1)
}

// do runs f until it succeeds, fails for good, or the context ends.
func (r Retry) do(ctx context.Context, f func() error) error {
	var err error
	for n := 0; ; n++ {
		if err = ctx.Err(); err != nil {
			return err
		}
		err = f()
		if err == nil || n+1 >= r.Attempts || !retryable(err) {
			return err
		}
		d := r.wait(n)
		var se statusError
		if errors.As(err, &se) && se.retryAfter > d {
			d = min(se.retryAfter, maxRetryAfter)
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

// retryable reports whether a failed request may succeed if sent again:
// throttling (503 SlowDown, 429), server errors (5xx), request timeouts and
// network failures.
func retryable(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var e minio.ErrorResponse
	if errors.As(err, &e) {
		switch e.Code {
		case "SlowDown", "SlowDownWrite", "SlowDownRead", "Throttling", "ThrottlingException", "RequestLimitExceeded",
			"RequestThrottled", "TooManyRequests", "InternalError", "ServiceUnavailable", "RequestTimeout", "RequestTimeTooSkewed":
			return true
		}
		return e.StatusCode == http.StatusTooManyRequests || e.StatusCode == http.StatusRequestTimeout || e.StatusCode >= 500
	}
	var se statusError
	if errors.As(err, &se) {
		return se.code == http.StatusTooManyRequests || se.code >= 500
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return !dns.IsNotFound
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED)
}

// statusError is an HTTP answer other than 2xx from a plain HTTP API (the
// CDN's), with the wait it asked for (Retry-After).
type statusError struct {
	code       int
	body       string
	retryAfter time.Duration
}

// maxRetryAfter caps the wait a server may ask for.
const maxRetryAfter = time.Minute

// parseRetryAfter reads a Retry-After header given in seconds.
func parseRetryAfter(v string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0
	}
	return time.Duration(n) * time.Second
}

func (e statusError) Error() string {
	s := http.StatusText(e.code)
	if e.body != "" {
		s += ": " + e.body
	}
	return s
}

// parallel runs f(ctx, i) for i in [0, n) on at most workers goroutines,
// stopping at the first error; it does not start work once ctx is done.
func parallel(ctx context.Context, workers, n int, f func(ctx context.Context, i int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			return f(gctx, i)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}
