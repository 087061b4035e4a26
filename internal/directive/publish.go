package directive

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

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
// their URL. The lists below (Current, Archive) and the predicates (Banner,
// Concerns, ForFamilies) take the result
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

// Banner reports whether d is a banner at now: an urgent directive that has
// not expired. A banner shows on the pages of its issuer and of the more
// specific issuers below it (territory.Territory.IssuersOf gives, for an académie,
// the issuers whose banners its pages show).
func (d *Directive) Banner(now time.Time) bool { return d.Urgent && !d.Expired(now) }

// Concerns reports whether d concerns the level slug: it names the level,
// or no level at all.
func (d *Directive) Concerns(level string) bool {
	return len(d.Levels) == 0 || slices.Contains(d.Levels, level)
}

// ForFamilies reports whether d is meant for pupils or their parents: its
// audiences include eleves, parents or tous. A level's page lists the
// directives that concern the level and are for families.
func (d *Directive) ForFamilies() bool {
	return slices.ContainsFunc(d.Audiences, func(a string) bool { return a == "eleves" || a == "parents" || a == "tous" })
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
