package directive

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Status is where a directive stands at a given instant.
type Status int

// The statuses, in the order they are decided: a draft is a draft whatever
// its dates; a directive published after now is future; one whose expires
// date is past is expired; any other is current.
const (
	StatusCurrent Status = iota
	StatusDraft
	StatusFuture
	StatusExpired
)

func (s Status) String() string {
	switch s {
	case StatusDraft:
		return "draft"
	case StatusFuture:
		return "future"
	case StatusExpired:
		return "expired"
	}
	return "current"
}

// Label is the French word for the status, as a page shows it.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "brouillon"
	case StatusFuture:
		return "à paraître"
	case StatusExpired:
		return "archivée"
	}
	return "en vigueur"
}

// Status returns where d stands at now.
func (d *Directive) Status(now time.Time) Status {
	switch {
	case d.Draft:
		return StatusDraft
	case d.Date.After(now):
		return StatusFuture
	case d.Expired(now):
		return StatusExpired
	}
	return StatusCurrent
}

// Expired reports whether d's expires date is before now's date in the
// issuer's time zone. A directive is in force through the whole of its
// expires day; one without expires never expires.
func (d *Directive) Expired(now time.Time) bool {
	if d.Expires.IsZero() {
		return false
	}
	loc := d.Loc
	if loc == nil {
		loc = time.UTC
	}
	y, m, day := now.In(loc).Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	return d.Expires.Before(today)
}

// Options are the publishing options of a build.
type Options struct {
	Now    time.Time // the build's clock
	Drafts bool      // publish drafts too (relais build --drafts)
	Future bool      // publish directives dated after Now (--future)
}

// Published returns the directives a build publishes, newest first: drafts
// are left out unless opts.Drafts, directives dated after opts.Now unless
// opts.Future. Expired directives are kept: they go to the archive and keep
// their URL. The lists below (Current, Archive, Banners, ...) take the result
// of Published, so that a preview build shows drafts everywhere they would
// appear once published.
func Published(ds []*Directive, opts Options) []*Directive {
	return filter(ds, func(d *Directive) bool {
		return (opts.Drafts || !d.Draft) && (opts.Future || !d.Date.After(opts.Now))
	})
}

// Current returns the directives of ds that have not expired at now, newest
// first.
func Current(ds []*Directive, now time.Time) []*Directive {
	return filter(ds, func(d *Directive) bool { return !d.Expired(now) })
}

// Month is one month of the archive.
type Month struct {
	Year       int
	Month      time.Month
	Label      string       // "mars 2020"
	Directives []*Directive // newest first
}

// MonthLabel returns the French name of a month and its year: "mars 2020".
func MonthLabel(year int, m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return vocab.MonthName(m) + " " + strconv.Itoa(year)
}

// Archive returns the directives of ds that have expired at now, grouped by
// the month of their publication in the issuer's time zone, the latest
// month first and the newest directive first within a month.
func Archive(ds []*Directive, now time.Time) []Month {
	var months []Month
	for _, d := range filter(ds, func(d *Directive) bool { return d.Expired(now) }) {
		y, m, _ := d.Date.Date()
		i, found := slices.BinarySearchFunc(months, y*12+int(m), func(x Month, k int) int {
			return cmp.Compare(k, x.Year*12+int(x.Month)) // latest first
		})
		if !found {
			months = slices.Insert(months, i, Month{Year: y, Month: m, Label: MonthLabel(y, m)})
		}
		months[i].Directives = append(months[i].Directives, d)
	}
	return months
}

// Banners returns the urgent directives of ds that have not expired at now
// and were issued by one of issuers, newest first. An académie's pages pass
// the académie, its région académique and the national issuer.
func Banners(ds []*Directive, issuers []territory.Issuer, now time.Time) []*Directive {
	return filter(ds, func(d *Directive) bool {
		return d.Urgent && !d.Expired(now) && slices.Contains(issuers, d.Issuer)
	})
}

// ForIssuers returns the directives of ds issued by one of issuers, newest
// first.
func ForIssuers(ds []*Directive, issuers ...territory.Issuer) []*Directive {
	return filter(ds, func(d *Directive) bool { return slices.Contains(issuers, d.Issuer) })
}

// ForLevel returns the directives of ds that concern the level slug, newest
// first: those that name it and those that name no level.
func ForLevel(ds []*Directive, level string) []*Directive {
	return filter(ds, func(d *Directive) bool { return len(d.Levels) == 0 || slices.Contains(d.Levels, level) })
}

// ForAudience returns the directives of ds for the audience slug, newest
// first: those that name it and those for everyone ("tous").
func ForAudience(ds []*Directive, audience string) []*Directive {
	return filter(ds, func(d *Directive) bool {
		return slices.Contains(d.Audiences, audience) || slices.Contains(d.Audiences, "tous")
	})
}

// Compare orders directives newest first; directives published at the same
// instant are ordered by slug, then issuer, then file, so that every list is
// stable from one build to the next.
func Compare(a, b *Directive) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	if c := strings.Compare(a.Slug, b.Slug); c != 0 {
		return c
	}
	if c := strings.Compare(a.Issuer.Dir(), b.Issuer.Dir()); c != 0 {
		return c
	}
	return strings.Compare(a.Path, b.Path)
}

// filter returns a new slice of the directives of ds that keep accepts,
// sorted by Compare. ds is not modified.
func filter(ds []*Directive, keep func(*Directive) bool) []*Directive {
	var out []*Directive
	for _, d := range ds {
		if keep(d) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, Compare)
	return out
}
