package view

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// CalendarRefresh is how often a calendar asks the applications subscribed
// to it to read it again: its REFRESH-INTERVAL (RFC 7986) and
// X-PUBLISHED-TTL. The pages say it in words (RefreshNote).
const CalendarRefresh = 12 * time.Hour

// Agenda is the "Dans votre agenda" block of a level's or a programme's
// page: for each of its calendars, the ways to subscribe to it, and what a
// subscriber should know. Each way is a plain link: the page loads nothing
// from the calendar services, it only sends the reader there on a tap.
type Agenda struct {
	Calendars []*Subscription
	// Refresh says, in French, that a subscribed calendar follows changes
	// only after a delay, and where urgent changes are.
	Refresh string
	// Note says what the calendars leave out and where they stop, or "".
	Note string
}

// Subscription is the links to one calendar, from the subscription the
// reader's own device makes to the file a one-time import takes.
type Subscription struct {
	// Label names what the calendar holds when a page has several
	// ("Élèves de 4e au collège"), or "".
	Label string
	// Webcal is the calendar's address with the webcal: scheme, which
	// opens the device's calendar application on a subscription.
	Webcal template.URL
	// Google and Outlook are the pages of Google Agenda and Outlook.com
	// that subscribe an account to the calendar.
	Google, Outlook string
	// File is the .ics file itself, on this site.
	File string
}

// NewSubscription makes the links to the calendar named name at the
// absolute address abs (http or https, made from the site's base URL: the
// services need it) and the site address file, labelled label.
func NewSubscription(abs, file, name, label string) *Subscription {
	webcal := abs
	if i := strings.Index(abs, "://"); i >= 0 {
		webcal = "webcal" + abs[i:]
	}
	return &Subscription{
		Label: label,
		// Made from the base URL, which config checks is an absolute http
		// or https URL, and a site path: nothing a content file can
		// turn into a script.
		Webcal:  template.URL(webcal), //nolint:gosec // see above
		Google:  "https://calendar.google.com/calendar/render?cid=" + queryValue(webcal),
		Outlook: "https://outlook.live.com/calendar/0/addfromweb?url=" + queryValue(abs) + "&name=" + queryValue(name),
		File:    file,
	}
}

// queryValue escapes s as a query value, a space as %20: a "+" means a
// space to a form decoder, not to JavaScript's decodeURIComponent, and a
// service may use either.
func queryValue(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// NewAgenda is the agenda block of subs, or nil without a calendar; note
// is what the calendars leave out, refresh a RefreshNote.
func NewAgenda(subs []*Subscription, note, refresh string) *Agenda {
	if len(subs) == 0 {
		return nil
	}
	return &Agenda{Calendars: subs, Refresh: refresh, Note: note}
}

// RefreshNote is the French note on how late a subscribed calendar shows a
// change, ending with later.
func RefreshNote(later string) string {
	return "Un agenda abonné se met à jour de lui-même, mais pas aussitôt : ce calendrier demande à être relu toutes les " +
		strconv.Itoa(int(CalendarRefresh/time.Hour)) + " heures, et selon l’application il l’est toutes les quelques heures, parfois une seule fois par jour. " + later
}
