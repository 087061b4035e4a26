package site

import "github.com/relais-ecoles/relais/internal/view"

// The output model is package view's, which the domains build with; these
// names are site's for the code that reads a *Site.
type (
	Link     = view.Link
	Redirect = view.Redirect
	Page     = view.Page
	FeedLink = view.FeedLink
	Banner   = view.Banner
	Text     = view.Text
	Feed     = view.Feed
	FeedItem = view.FeedItem
	DataFile = view.DataFile
	Calendar = view.Calendar
	Event    = view.Event
	Pager    = view.Pager
	Stamp    = view.Stamp
	Span     = view.Span
)

// The feed file names beside a list.
const (
	FeedRSS  = view.FeedRSS
	FeedAtom = view.FeedAtom
	FeedJSON = view.FeedJSON
)

// ShownDep and CountDep are view's: the Deps entries of what a page shows.
var (
	ShownDep = view.ShownDep
	CountDep = view.CountDep
)

// site's own short names for view's helpers.
var (
	linkDeps    = view.LinkDeps
	stampOf     = view.StampOf
	isoStamp    = view.ISOStamp
	pager       = view.NewPager
	newClockUse = view.NewClock
)

type clockUse = view.Clock
