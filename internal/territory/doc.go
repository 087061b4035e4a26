// Package territory holds the régions académiques and académies: their
// names, time zones (loaded from the embedded tz database) and school-holiday
// zones, decoded from content/regions/*/_index.md and
// content/academies/*/_index.md, and the Issuer that names who publishes a
// timetable or a directive.
//
// territory is a domain package: it knows nothing of HTML, output files or
// the clock.
package territory
