package retry

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWait(t *testing.T) {
	p := Policy{Attempts: 5, Base: 100 * time.Millisecond, Max: time.Second}
	for n, want := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
		want *= time.Millisecond
		for range 50 {
			if d := p.Wait(n); d < want/2 || d > want {
				t.Fatalf("Wait(%d) = %v, want within [%v, %v]", n, d, want/2, want)
			}
		}
	}
}

type slowDown struct{ after time.Duration }

func (e slowDown) Error() string             { return "slow down" }
func (e slowDown) RetryAfter() time.Duration { return e.after }

var errFinal = errors.New("final")

func TestDo(t *testing.T) {
	fast := Policy{Attempts: 3, Base: time.Millisecond, Max: 2 * time.Millisecond}
	retryable := func(err error) bool { return !errors.Is(err, errFinal) }
	for _, tc := range []struct {
		name  string
		fails []error // the errors of the tries, then success
		tries int
		err   error
	}{
		{"first try", nil, 1, nil},
		{"after two failures", []error{slowDown{}, slowDown{}}, 3, nil},
		{"out of tries", []error{slowDown{}, slowDown{}, slowDown{}, slowDown{}}, 3, slowDown{}},
		{"final error", []error{errFinal}, 1, errFinal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tries := 0
			err := fast.Do(context.Background(), func() error {
				tries++
				if tries <= len(tc.fails) {
					return tc.fails[tries-1]
				}
				return nil
			}, retryable, time.Second)
			if tries != tc.tries || !errors.Is(err, tc.err) {
				t.Errorf("%d tries, err %v; want %d, %v", tries, err, tc.tries, tc.err)
			}
		})
	}
}

func TestDoWaitsWhatTheServerAsksUpToTheCap(t *testing.T) {
	p := Policy{Attempts: 2, Base: time.Millisecond, Max: time.Millisecond}
	for _, tc := range []struct {
		after, cap, least time.Duration
	}{
		{50 * time.Millisecond, time.Second, 50 * time.Millisecond},
		{time.Hour, 30 * time.Millisecond, 30 * time.Millisecond},
	} {
		start := time.Now()
		n := 0
		_ = p.Do(context.Background(), func() error {
			if n++; n == 1 {
				return slowDown{tc.after}
			}
			return nil
		}, func(error) bool { return true }, tc.cap)
		if d := time.Since(start); d < tc.least || d > tc.least+10*time.Second {
			t.Errorf("Retry-After %v capped at %v: waited %v", tc.after, tc.cap, d)
		}
	}
}

func TestDoStopsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := Policy{Attempts: 5, Base: time.Hour, Max: time.Hour}
	tries := 0
	err := p.Do(ctx, func() error { tries++; cancel(); return slowDown{} }, func(error) bool { return true }, time.Hour)
	if !errors.Is(err, context.Canceled) || tries != 1 {
		t.Errorf("%d tries, err %v", tries, err)
	}
}
