package view

import "time"

// Span is an interval of build times, [From, Until): a site whose content
// does not change builds to the same bytes at any Now in its Stable span.
// `relais build` keeps it with its build record (internal/pipeline), so that a
// rebuild of unchanged files within it can say so without rendering.
type Span struct {
	From, Until time.Time
}

// Contains reports whether t is in the span.
func (s Span) Contains(t time.Time) bool {
	return !t.Before(s.From) && t.Before(s.Until)
}

// Clock records what the build's clock is compared with, so that the
// assembler can tell for how long its outcome holds. Every comparison with
// the build time in the assembler goes through one of its two kinds:
//
//   - an instant: a directive dated t is published once Now reaches t
//     (directive.Published, Status);
//   - a civil date in a time zone: what is current, expired, in force or
//     on air is decided by the day of Now in some zone (directive.Expired,
//     timetable periods, a programme's broadcast weeks), which changes at
//     that zone's midnight.
//
// TestStableSpan (internal/pipeline) builds sites at times inside the span
// and checks they give the same bytes: a new comparison with Now that is
// not recorded here fails it.
type Clock struct {
	now         time.Time
	from, until time.Time
	zones       map[*time.Location]bool
}

// NewClock returns the record of a build at now.
func NewClock(now time.Time) *Clock {
	return &Clock{now: now, zones: map[*time.Location]bool{}}
}

// Instant records that some outcome changes when Now reaches t.
func (c *Clock) Instant(t time.Time) {
	if c == nil { // a builder made by a test
		return
	}
	if t.After(c.now) {
		if c.until.IsZero() || t.Before(c.until) {
			c.until = t
		}
	} else if t.After(c.from) || c.from.IsZero() {
		c.from = t
	}
}

// Zone records that some outcome depends on the civil date of Now in loc
// (UTC when nil).
func (c *Clock) Zone(loc *time.Location) {
	if c == nil {
		return
	}
	if loc == nil {
		loc = time.UTC
	}
	c.zones[loc] = true
}

// Span returns the interval around Now in which no recorded instant is
// reached and no recorded zone changes day. A site that compares Now with
// nothing is stable for a day either way, a bound that keeps a build
// record from being trusted for long on a site whose outcome should not
// depend on the clock at all.
func (c *Clock) Span() Span {
	from, until := c.from, c.until
	if from.IsZero() || from.Before(c.now.Add(-24*time.Hour)) {
		from = c.now.Add(-24 * time.Hour)
	}
	if until.IsZero() || until.After(c.now.Add(24*time.Hour)) {
		until = c.now.Add(24 * time.Hour)
	}
	for loc := range c.zones {
		local := c.now.In(loc)
		y, m, d := local.Date()
		// Midnights that do not exist (a zone that changes its clock at
		// midnight) are normalized by time.Date; clamp them to Now.
		if start := time.Date(y, m, d, 0, 0, 0, 0, loc); start.After(from) {
			from = minTime(start, c.now)
		}
		if next := time.Date(y, m, d+1, 0, 0, 0, 0, loc); next.Before(until) {
			if !next.After(c.now) {
				next = c.now.Add(time.Nanosecond)
			}
			until = next
		}
	}
	return Span{From: from, Until: until}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Fork returns an empty record of the same clock, for a part of the
// build made apart and joined after (Join).
func (c *Clock) Fork() *Clock {
	if c == nil {
		return nil
	}
	return NewClock(c.now)
}

// Join adds to c what o, forked from it, recorded.
func (c *Clock) Join(o *Clock) {
	if c == nil || o == nil {
		return
	}
	for _, t := range []time.Time{o.from, o.until} {
		if !t.IsZero() {
			c.Instant(t)
		}
	}
	for loc := range o.zones {
		c.Zone(loc)
	}
}
