package deploy

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/minio/minio-go/v7"
	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/retry"
)

// Retry is how failed requests are tried again (retry.Policy): up to
// Attempts tries in all, with exponential backoff and jitter.
type Retry retry.Policy

// DefaultRetry: 6 tries over about 8 seconds at worst.
func DefaultRetry() Retry {
	return Retry{Attempts: 6, Base: 250 * time.Millisecond, Max: 4 * time.Second}
}

// do runs f until it succeeds, fails for good, or the context ends; a
// server may ask for a longer wait, up to maxRetryAfter.
func (r Retry) do(ctx context.Context, f func() error) error {
	return retry.Policy(r).Do(ctx, f, retryable, maxRetryAfter)
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

// RetryAfter implements retry.After.
func (e statusError) RetryAfter() time.Duration { return e.retryAfter }

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
