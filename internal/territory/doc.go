// Package territory holds the régions académiques and académies: their
// names, time zones (loaded from the embedded tz database) and school-holiday
// zones, decoded from content/regions/*/_index.md and
// content/academies/*/_index.md, and the Issuer that names who publishes a
// timetable or a directive.
//
// A région is a folder content/regions/<slug>/ whose _index.md has the front
// matter
//
//	title: Île-de-France          # required: the région's name, without "région académique"
//	summary: one sentence          # optional
//	ent_name: monlycee.net         # optional: the ENT the région runs (for its lycées)
//	ent_url: https://monlycee.net  # optional, with ent_name
//
// and a Markdown body. An académie is a folder content/academies/<slug>/
// whose _index.md has
//
//	title: Paris                  # required: the name, without "académie de"
//	region: ile-de-france         # required: slug of a région with an _index.md
//	timezone: Europe/Paris        # required: an IANA time zone
//	holiday_zone: C               # required: A, B, C, corse or outre-mer
//	ent_name: ...                 # optional: the académie's ENT
//	ent_url: https://...          # optional, with ent_name
//	summary: one sentence         # optional
//
// A collectivité (a collectivité territoriale that runs an ENT: a Région
// for its lycées, a Département for its collèges; never a région
// académique) is a folder content/collectivites/<slug>/ whose _index.md has
//
//	title: Région Île-de-France   # required: the body's full name
//	kind: region                  # required: region | departement
//	academies: [creteil, paris]   # required: the académies its territory lies in
//	departements: ["23"]          # a Département's codes (required for it, refused for a Région)
//	ent_for: [lycee, cite-scolaire]  # required: kinds of school whose ENT it runs
//	ent_name: monlycée.net        # optional
//	ent_url: https://...          # optional, with ent_name
//	summary: one sentence         # optional
//
// A Région covers its académies whole; a Département only its départements.
//
// Slugs are the folder names: lowercase ASCII words joined by hyphens.
// Decode checks every file and returns every error with its position; an
// unknown key, région or time zone is reported with the nearest known one.
// Time zones come from the tz database embedded with time/tzdata, so an
// overseas zone (America/Cayenne, Indian/Mayotte) loads on any host.
//
// Holidays and HolidayOn give the school holidays of a holiday zone that
// the sources state (spring 2020 for zones A, B and C; none for Corse and
// the overseas académies, whose calendars the sources do not give), and
// KnownUntil the last day the 2020 sources describe (the return was
// considered for Monday 4 May): pages and calendars share them.
//
// The package also gives the French labels of places ("académie d'Amiens",
// "académie de la Guadeloupe", "région académique Île-de-France"); a
// collectivité is named by its title. Content errors are in French.
//
// territory is a domain package: it knows nothing of HTML, output files or
// the clock.
package territory
