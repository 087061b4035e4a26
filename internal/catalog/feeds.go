package catalog

// The feeds of the lists of programmes and the calendars of their broadcasts.

import (
	"fmt"
	"slices"
	"time"

	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// MaxFeedItems is the number of programmes a catalog feed carries: the
// newest labels. A feed reader needs the news, not the whole catalog, and
// the pages list everything.
const MaxFeedItems = 50

// addFeed adds the feed of a list of programmes: the newest first, by
// their date (Programme.Date); a programme no source dates is left
// out, as a feed item needs a date.
func (b *builder) addFeed(dir, title, desc string, ps []*Programme) {
	if i := slices.IndexFunc(ps, func(p *Programme) bool { return p.Date().IsZero() }); i >= 0 {
		ps = ps[:i] // the catalog sorts the undated last
	}
	ps = ps[:min(len(ps), MaxFeedItems)]
	f := &view.Feed{Dir: dir, Title: title, Description: desc, Items: make([]*view.FeedItem, len(ps))}
	for i, p := range ps {
		v := b.views[p.Slug]
		tags := make([]string, 0, len(v.Subjects)+len(v.Levels))
		for _, s := range v.Subjects {
			tags = append(tags, s.Label)
		}
		for _, l := range v.Levels {
			tags = append(tags, l.Label)
		}
		author := v.Broadcaster.Label
		if v.Channel != "" && v.Channel != author {
			author += " (" + v.Channel + ")"
		}
		summary := p.Summary
		if summary == "" {
			summary = v.Meta
		}
		labelled := localDay(p.Date(), p.Location)
		f.Items[i] = &view.FeedItem{
			Title:     p.Title,
			URL:       v.URL,
			Summary:   summary,
			Content:   v.Body,
			Author:    author,
			Published: labelled,
			Updated:   labelled,
			Tags:      tags,
		}
		if labelled.After(f.Updated) {
			f.Updated = labelled
		}
	}
	b.out.Feeds = append(b.out.Feeds, f)
}

// localDay is the start of the civil date day (a date at midnight UTC, as
// the catalog decodes them) in the zone loc: the label of a programme of
// Paris dated 20 March is 2020-03-20T00:00:00+01:00 in its feeds, not
// midnight UTC (01:00 in Paris). Without a zone (a programme not
// decoded) the date stays as it is.
func localDay(day time.Time, loc *time.Location) time.Time {
	if day.IsZero() || loc == nil {
		return day
	}
	y, m, d := day.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// programmeRefresh is the refresh note of a programme's agenda block.
var programmeRefresh = view.RefreshNote("Avant une émission, vérifiez son horaire sur cette page ou chez son diffuseur.")

// calendar makes the iCalendar file of a programme's broadcasts: one
// weekly event per slot.
func (b *builder) calendar(p *Programme) *view.Calendar {
	v := b.views[p.Slug]
	cal := &view.Calendar{URL: b.u.Calendar(p.Slug), Name: p.Title, TZID: p.TimeZone}
	host := b.in.Host
	start := p.ScheduleStart
	where := v.Channel
	if where == "" {
		where = v.Broadcaster.Label
	}
	for i, s := range p.Schedule {
		summary := p.Title
		if len(s.Who) > 0 {
			summary += " (" + vocab.WhoPhrase(s.Who) + ")"
		}
		desc := where
		if p.Summary != "" {
			desc += " – " + p.Summary
		}
		cal.Events = append(cal.Events, &view.Event{
			UID:         fmt.Sprintf("programme-%s-%d@%s", p.Slug, i+1, host),
			Summary:     summary,
			Description: desc,
			URL:         b.u.Abs(v.URL),
			First:       firstOn(start, s.Days),
			Until:       p.ScheduleEnd,
			Days:        s.Days,
			From:        int(s.From),
			To:          int(s.To),
		})
	}
	return cal
}

// hasCalendar reports whether a programme has a calendar file: it needs
// slots and a stated first day, from which its events repeat.
func hasCalendar(p *Programme) bool {
	return len(p.Schedule) > 0 && !p.ScheduleStart.IsZero()
}

// firstOn returns the first date from d on that falls on one of days.
func firstOn(d time.Time, days []time.Weekday) time.Time {
	for i := range 7 {
		if t := d.AddDate(0, 0, i); slices.Contains(days, t.Weekday()) {
			return t
		}
	}
	return d
}
