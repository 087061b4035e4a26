// Package catalog holds the "Nation apprenante" catalog: the labelled
// educational programmes of spring 2020, their facets (level, subject,
// broadcaster, medium), the weekly broadcast grid and the data of the
// in-page search.
//
// # Files
//
// The catalog lives in content/programmes/:
//
//   - _vocabulary.yaml lists the broadcasters, media and subjects, each a
//     list of {slug, label} (a broadcaster may also have a url). The media
//     are fixed: tv, radio, presse, web, podcast; the file gives their labels.
//   - every other *.md file is one programme; its slug is its file name,
//     which must be a lowercase ASCII slug (france-4-college.md).
//   - _index.md, if present, is the catalog's own page: its title, summary
//     and text (Build). Any other file is an error.
//
// A programme's front matter is decoded strictly (an unknown field is an
// error that suggests the nearest known one):
//
//	title: Les cours du collège sur France 4      # required
//	broadcaster: france-televisions               # required, a vocabulary slug
//	channel: France 4                             # optional, free text
//	media: [tv]                                   # required, vocabulary slugs
//	levels_stated: collégiens                     # optional: the audience as the sources say it
//	levels: [6e, 5e, 4e, 3e]                      # optional levels, cycles or both:
//	cycles: [cycle-4]                             #   the facets' cue, cycles expanded
//	subjects: [francais, mathematiques]           # optional, vocabulary slugs
//	schedule:                                     # optional broadcast slots
//	  - days: [lun, mar, mer, jeu, ven]           # default Monday to Friday
//	    from: "14:00"
//	    to: "15:00"                               # after from; "24:00" ends the day
//	    who: [college]                            # optional: levels or groups
//	schedule_start: 2020-03-23                    # optional first day of broadcast
//	schedule_end: 2020-07-03                      # optional last day of broadcast
//	timezone: Europe/Paris                        # optional, the default
//	url: https://www.france.tv/france-4/          # optional, absolute http(s)
//	when: le mardi soir                           # optional: the time in words, no fixed slot
//	status: operation                             # optional: label, operation or grille
//	labelled: 2020-03-18                          # optional: only the label's own date
//	reported: 2020-03-20                          # optional: the earliest dated source
//	notes: ["Une source donne 11h–12h."]          # optional, shown on the page
//	sources: [siecledigital.fr, 20 mars 2020]     # the sources, one an item
//	free: true                                    # optional
//	summary: Une heure de cours par jour ...      # optional, one sentence
//	aliases: [/programmes/ancien-nom/]            # optional old site paths
//
// The body after the front matter is Markdown; the catalog keeps it as
// bytes with the line it starts on and never renders it.
//
// Decode reads the vocabulary and every programme and reports every content
// error at file:line:col, in French (editors read them), with what to write
// instead: unknown words with the nearest known one (a term's label or alias
// gives its slug: « maths » is mathematiques), invalid URLs, slots that end
// before they start, slugs that two files share. Values are quoted with
// diag.Q.
//
// # Views
//
// The Catalog lists programmes newest first (Programme.Date: the label's
// date, else the earliest source's, else the first broadcast), then by title compared
// with accents and case folded. From it come the facets (Catalog.Facets),
// the cycle × subject entry points (Catalog.Combos), the compact weekly
// grid (Week, one Broadcast per slot) and the search index (Index). Each is
// a pure function of the catalog with a stable order, so identical content
// gives identical pages.
//
// Build makes the catalog's views from them as plain data (package view):
// the catalog page, one page per programme, the facet lists and pages, the
// grid pages, their feeds, the programmes' calendars, the redirects of the
// facet addresses without a page and the search index (views.go). A view
// is complete when built. Build reads content/programmes/_index.md too,
// for the catalog page's title, summary and text.
//
// catalog is a domain package: it knows nothing of HTML or output files.
// Its inputs are parameters (Inputs): the addresses of its pages come
// from the site through the URLs interface (the site makes every address
// in one place), the build time and its Clock are given. It imports diag,
// load, view and vocab only; never site, timetable or directive
// (internal/arch).
package catalog
