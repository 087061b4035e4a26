// Package timetable decodes the connection timetables that académies,
// régions académiques and the ministry publish, checks them, and says which
// one applies to a pupil on a given day.
//
// # Files
//
// Timetables are read from content/academies/<a>/timetables.yaml,
// content/regions/<r>/timetables.yaml and content/national/timetables.yaml.
// The folder names the issuer, which must be a known académie or région
// (one with an _index.md). Each file is a YAML list of timetables:
//
//	# content/academies/paris/timetables.yaml
//	- title: Collèges de l'académie de Paris          # required
//	  applies_to: [college]                            # required: establishment kinds
//	  effective: 2020-03-19                            # required: first day in force
//	  until: 2020-05-03                                # optional: last day in force
//	  days: [lun, mar, mer, jeu, ven]                  # default: Monday to Friday
//	  source: directives/2020-03-19-plages-horaires    # optional: the directive, from the issuer's folder
//	  slots:                                           # required, at least one
//	    - who: [6e, 5e]                                # levels, groups (college, post-bac...) or audiences
//	      from: "08:00"
//	      to: "12:00"
//	  suspended: [parents]                             # optional: who may not connect at all
//	  note: Markdown shown under the table             # optional
//
// Times are HH:MM in the time zone of the académie concerned; "24:00" may
// only end a slot. A slot ends after it starts. Two slots of one timetable
// may not overlap when they concern the same people: the same word, or a
// level and a group or "eleves" that contains it. until is not before
// effective. Every unknown word is reported with the nearest known one, and
// every error names file:line:col.
//
// # Which timetable applies
//
// For a pupil of level L in an establishment of kind K of académie A on date
// D (docs/design.md): among the timetables in force on D (effective <= D <=
// until) issued by A, by A's région or nationally, that apply to K and name
// L (directly, by its group, or by "eleves"), take the most specific issuer
// (académie, then région, then national), then the latest effective. Two
// candidates left with the same issuer and the same effective are an error
// that names both: the site never guesses. CheckAmbiguous finds every such
// case in a whole site so that the build fails before a page is written.
//
// Dates are civil dates, held as midnight UTC; an open-ended timetable has a
// zero Until. The package is pure: no HTML, no files, no clock (the date is
// always a parameter).
package timetable
