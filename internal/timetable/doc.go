// Package timetable decodes the connection timetables that the ministry,
// the régions académiques, the académies and the collectivités (a Région for
// its lycées, a Département for its collèges) publish, checks them, and says
// which one applies to a pupil on a given day.
//
// # Files
//
// Timetables are read from content/national/timetables.yaml,
// content/regions/<r>/timetables.yaml, content/academies/<a>/timetables.yaml
// and content/collectivites/<c>/timetables.yaml. The folder names the
// issuer, which must have an _index.md. Each file is a YAML list; every field
// says what the source says and nothing more:
//
//   - title: Lycées de Nouvelle-Aquitaine          # required
//     applies_to: [lycee, lycee-pro]               # required: establishment kinds
//     effective: 2020-03-19                        # required: first day in force
//     effective_basis: published                   # stated (default): the source gives the start;
//     # published: it does not, effective is the day
//     # it was published (= source.on); reported: it
//     # gives neither, effective is the day a report
//     # said it was in force
//     until: 2020-05-03                            # optional: last day in force
//     days: [lun, mar, jeu, ven]                   # optional: absent = the source names no day
//     tone: conseil                                # required: conseil | demande | regle
//     issuer_stated: false                         # optional: the source does not say which body
//     source:                                      # required
//     directive: directives/2020-03-19-lycees    # optional: a directive of the same issuer
//     said_by: Région Nouvelle-Aquitaine, Lycée Connecté   # required
//     on: 2020-03-19                             # optional: absent = not stated
//     quote: nous vous proposons de privilégier les périodes   # the source's words, short
//     url: https://...                           # optional: only where the source gives one
//     slots:                                       # required, at least one
//   - who: [cap, seconde]                      # levels, groups or audiences
//     from: "08:00"
//     to: "11:00"
//   - who: [tous]
//     from: "20:00"                            # no "to": until the end of the day
//     access: libre                            # a free-access window
//   - who: [parents]
//     to: "08:30"                              # no "from": from the start of the day
//     tone: conseil                            # optional: the slot's own tone
//     reason: pour une autre raison que le suivi du travail scolaire   # optional
//     said_by: le site de l'ENT                # optional: the slot's own source
//     outside:                                     # optional: what holds outside the windows
//     parents: suspendu                          # libre | a-eviter | suspendu; absent = not stated
//     note: Markdown shown under the table         # optional
//
// Times are HH:MM in the time zone of the académie concerned; "24:00" may
// only end a slot. A slot ends after it starts. Two slots of one timetable
// may not overlap when they concern the same people: the same word, or a
// level and a group or "eleves" that contains it. until is not before
// effective. A collectivité's timetable applies only to kinds whose ENT it
// runs (its ent_for). Every unknown word is reported with the nearest known
// one, and every error names file:line:col and says, in French, what to
// write.
//
// # Days
//
// When days is absent the source names no day: the reserved slots are
// read as holding on weekdays, and on a weekend the pages say that no
// instruction is published (never "aucun créneau"); a free-access window
// restricts nobody and holds on every day (OnDay, SlotOnDay).
//
// # Which timetable applies
//
// For a pupil of level L in an establishment of kind K at a Place (an
// académie A, and where a Département's rule may reach, a département) on
// date D: among the timetables in force on D (effective <= D <= until) that
// apply to K and name L (directly, by its group, by "eleves", or a slot for
// "tous"), take those issued by A or by a collectivité that runs K's ENT in A
// (local: a Région in its académies, a Département in its départements
// only); if none, those of A's région académique; if none, the ministry's (a
// national recommendation, shown as such). Among the tier kept, the latest
// effective wins; two left with the same effective are an error that names
// both: the site never guesses. CheckAmbiguous finds every such case in a
// whole site so that the build fails before a page is written. Schedule
// returns the one in force and every announced later one.
//
// Dates are civil dates, held as midnight UTC; an open-ended timetable has a
// zero Until.
//
// # Views
//
// Build makes the outputs of the timetables as plain data (internal/view),
// complete when it returns: a page per région académique (RegionView) and
// per académie (AcademyView) drawing the timetables in force and
// announced, a page per académie and level (LevelView: the answer in one
// sentence, each group of kinds of school with its periods and its week,
// the schedule of the open-now script), the level's calendars (the
// pupils' and the parents' windows of each group, cut around the school
// holidays and stopped where the sources stop), each académie's
// creneaux.json (data.go, versioned in docs/creneaux.md), and the home
// page's list of régions and académies with their status. Every French
// word of them is said in the terms of the source (words.go). Build takes
// its inputs as parameters (Input): the territory, the build time and
// clock, the site's URLs (site makes them, in one place) and the pages of
// the directives the timetables name; site adds to the pages of régions,
// académies and levels the directives that concern them.
//
// The package is pure: no HTML, no files read, no clock (the date is
// always a parameter).
package timetable
