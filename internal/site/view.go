package site

import "github.com/relais-ecoles/relais/internal/view"

// The output model is package view's, which the domains build with and
// render, pipeline and the other readers of a *Site name directly; these
// short names are site's own, for its wiring code.
type (
	Link     = view.Link
	Redirect = view.Redirect
	Page     = view.Page
	FeedLink = view.FeedLink
	Banner   = view.Banner
	Text     = view.Text
	Feed     = view.Feed
	DataFile = view.DataFile
	Calendar = view.Calendar
	Event    = view.Event
	Pager    = view.Pager
	Span     = view.Span
)

// The feed file names beside a list.
const (
	FeedRSS  = view.FeedRSS
	FeedAtom = view.FeedAtom
	FeedJSON = view.FeedJSON
)

// ShownDep is view's: the Deps entry of what a page shows.
var ShownDep = view.ShownDep

// site's own short names for view's helpers.
var (
	linkDeps    = view.LinkDeps
	pager       = view.NewPager
	newClockUse = view.NewClock
)

type clockUse = view.Clock
