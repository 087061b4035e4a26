package timetable

// words.go: what a level page says of a timetable, in the terms of
// its source and nothing more:
//
//   - the tone in words: "il est conseillé de se connecter…" (conseil),
//     "il est demandé de se connecter…" (demande), "l’ENT est ouvert…"
//     (regle);
//   - windows as the source gave them: "de 8h à 12h", "à partir de 20h"
//     (no end stated: never "jusqu’à minuit"), "avant 8h30";
//   - free access ("l’accès est libre à partir de 20h");
//   - what holds outside the windows, per audience, or "la consigne ne dit
//     rien de ce moment" when the source is silent;
//   - who decided, by its right name (a Région is never a région
//     académique), and where, when and in which words it was said.

import (
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// windowPhrase writes one window as the source gave it: "de 8h à 12h",
// "à partir de 20h", "avant 8h30".
func windowPhrase(s Slot) string {
	switch {
	case s.OpenStart && s.OpenEnd:
		return "toute la journée"
	case s.OpenStart:
		return "avant " + vocab.ClockWord(s.To)
	case s.OpenEnd:
		return "à partir de " + s.From.French()
	}
	return vocab.HoursPhrase(s.From, s.To)
}

// windowsPhrase writes several windows: "avant 8h30 et à partir de 17h".
func windowsPhrase(slots []Slot) string {
	words := make([]string, len(slots))
	for i, s := range slots {
		words[i] = windowPhrase(s)
	}
	return vocab.Join(words)
}

// toneOf is the tone of a slot: its own, else its timetable's.
func toneOf(t *Timetable, s Slot) Tone {
	if s.Tone != "" {
		return s.Tone
	}
	return t.Tone
}

// is is "est", or "sera" for a rule announced for later.
func is(future bool) string {
	if future {
		return "sera"
	}
	return "est"
}

// connectPhrase says how firmly a tone asks to connect, before the
// windows: "il est conseillé de se connecter", "il est demandé de se
// connecter", "l’ENT est ouvert".
func connectPhrase(tone Tone, future bool) string {
	switch tone {
	case Demande:
		return "il " + is(future) + " demandé de se connecter"
	case Regle:
		return "l’ENT " + is(future) + " ouvert"
	}
	return "il " + is(future) + " conseillé de se connecter"
}

// freePhrase says a free-access window: "l’accès est libre à partir de
// 20h"; under a rule the ENT enforces, "l’ENT est accessible à tous de 8h30
// à 18h".
func freePhrase(t *Timetable, slots []Slot, future bool) string {
	if t.Tone == Regle {
		return "l’ENT " + is(future) + " accessible à tous " + windowsPhrase(slots)
	}
	return "l’accès " + is(future) + " libre " + windowsPhrase(slots)
}

// pupilPhrase says what t asks of a pupil of level: "il est demandé de se
// connecter de 13h à 17h", "il est conseillé de se connecter de 11h à 14h,
// et l’accès est libre à partir de 20h", "l’accès des élèves est
// suspendu".
func pupilPhrase(t *Timetable, level string, future bool) string {
	if pupilsSuspended(t, level) {
		return "l’accès des élèves " + is(future) + " suspendu"
	}
	own, free := splitFree(t.PupilSlots(level))
	days := ""
	if t.DaysStated() {
		days = " " + vocab.DaysPhrase(t.Days)
	}
	var parts []string
	if len(own) > 0 {
		parts = append(parts, connectPhrase(toneOf(t, own[0]), future)+days+" "+windowsPhrase(own))
	}
	if len(free) > 0 {
		parts = append(parts, freePhrase(t, free, future))
	}
	if len(parts) == 0 {
		return "la consigne ne donne pas de créneau à ce niveau"
	}
	return strings.Join(parts, ", et ")
}

// pupilsSuspended reports whether t suspends the access of level's pupils
// and gives them no window.
func pupilsSuspended(t *Timetable, level string) bool {
	return t.Suspends(level) && len(t.SlotsFor(level)) == 0
}

// outsidePhrases say what holds outside the windows.
var outsidePhrases = map[Outside]string{
	Libre:    "la connexion est libre",
	AEviter:  "il est demandé d’éviter de se connecter",
	Suspendu: "l’accès est suspendu",
}

// outsideClass is the look of the open-now line outside the windows:
// "ouvert" when access is free, "ferme" when it is suspended or to avoid,
// "" when the source is silent (neither green nor red).
func outsideClass(t *Timetable, who string) string {
	switch r, _ := t.OutsideFor(who); r {
	case Libre:
		return "ouvert"
	case AEviter, Suspendu:
		return "ferme"
	}
	return ""
}

// unstatedOutside is what a page says of a moment outside the windows
// when the source is silent.
const unstatedOutside = "la consigne ne dit rien de ce moment"

// outsidePhrase says what holds for who outside its windows under t.
func outsidePhrase(t *Timetable, who string) string {
	if r, ok := t.OutsideFor(who); ok {
		return outsidePhrases[r]
	}
	return unstatedOutside
}

// inWindowWords say, on the open-now line, what a reserved window is.
var inWindowWords = map[Tone]string{
	Conseil: "créneau conseillé",
	Demande: "créneau demandé",
	Regle:   "ENT ouvert",
}

// parentsPhrase is the parents' status under t: "Accès des parents
// suspendu.", "Pour les parents, il est conseillé de se connecter avant
// 8h30 et à partir de 17h.", "Pour les parents, la consigne ne dit rien."
func parentsPhrase(t *Timetable) string {
	if t.Suspends("parents") {
		return "Accès des parents suspendu."
	}
	slots := t.AudienceSlots("parents")
	if len(slots) == 0 {
		_, free := splitFree(t.Slots)
		switch r, ok := t.OutsideFor("parents"); {
		case ok:
			return "Pour les parents, " + outsidePhrases[r] + "."
		case len(free) > 0:
			return "Pour les parents, " + freePhrase(t, free, false) + "."
		}
		return "Pour les parents, la consigne ne dit rien."
	}
	// Slots that share a tone, a reason and a source are said together:
	// "avant 8h30 et à partir de 17h".
	type key struct {
		tone           Tone
		reason, saidBy string
	}
	var keys []key
	byKey := map[key][]Slot{}
	for _, s := range slots {
		k := key{toneOf(t, s), s.Reason, s.SaidBy}
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], s)
	}
	var parts []string
	for _, k := range keys {
		p := "pour les parents, " + connectPhrase(k.tone, false) + " " + windowsPhrase(byKey[k])
		if k.reason != "" {
			// "pour les parents qui se connectent pour une autre raison
			// que le suivi du travail scolaire, il est conseillé de le
			// faire à partir de 17h"
			p = "pour les parents qui se connectent " + k.reason + ", " + strings.Replace(connectPhrase(k.tone, false), "se connecter", "le faire", 1) + " " + windowsPhrase(byKey[k])
		}
		if k.saidBy != "" {
			p += ", selon " + k.saidBy
		}
		parts = append(parts, p)
	}
	out := vocab.Capitalize(strings.Join(parts, " ; "))
	if r, ok := t.OutsideFor("parents"); ok {
		out += " ; en dehors, " + outsidePhrases[r]
	}
	return out + "."
}

// deciderPhrase names who gave the rule, by its right name: "Consigne de
// la Région Nouvelle-Aquitaine, la collectivité qui gère l’ENT des lycées
// (Lycée Connecté)", "Recommandation nationale du ministère de l’Éducation
// nationale, faute de consigne locale".
func deciderPhrase(terr *territory.Territory, t *Timetable) string {
	switch {
	case !t.IssuerStated:
		return "Consigne rapportée : " + t.Source.SaidBy
	case t.Issuer.Kind == territory.IssuerNational:
		return "Recommandation nationale du " + terr.IssuerLabel(t.Issuer) + ", faute de consigne locale"
	case t.Issuer.Kind == territory.IssuerCollectivite:
		c := terr.Collectivite(t.Issuer.Slug)
		if c == nil {
			break
		}
		what := "la collectivité qui gère l’ENT des " + vocab.KindsPlural(c.ENTFor)
		if c.ENTName != "" {
			what += " (" + c.ENTName + ")"
		}
		return "Consigne " + ofArticle(c.Name) + ", " + what
	}
	return "Consigne " + ofArticle(terr.IssuerLabel(t.Issuer))
}

// deciderShort names who gave the rule in a few words, for the first
// screen of a level page: "consigne de la Région Nouvelle-Aquitaine",
// "recommandation nationale du ministère".
func deciderShort(terr *territory.Territory, t *Timetable) string {
	switch {
	case !t.IssuerStated:
		return "consigne rapportée par la presse, organisme non précisé"
	case t.Issuer.Kind == territory.IssuerNational:
		return "recommandation nationale du ministère"
	}
	return "consigne " + ofArticle(terr.IssuerLabel(t.Issuer))
}

// ofArticle is "de" and the issuer with its article: "de la Région
// Nouvelle-Aquitaine", "du Département de la Creuse", "de l’académie de
// Paris", "du ministère de l’Éducation nationale".
func ofArticle(label string) string {
	w := territory.WithArticle(label)
	switch {
	case strings.HasPrefix(w, "le "):
		return "du " + strings.TrimPrefix(w, "le ")
	case w == label:
		return "de " + w
	}
	return "de " + w
}

// sourcePhrase says who said the rule, when (the date as published, or
// "date non précisée") and in which words: "Philippe Taillard…, sur
// Twitter, le jeudi 19 mars 2020 : « Nous vous demandons… »".
func sourcePhrase(t *Timetable) string {
	var b strings.Builder
	b.WriteString(t.Source.SaidBy)
	if t.Source.On.IsZero() {
		b.WriteString(", date non précisée")
	} else {
		b.WriteString(", le " + vocab.FrenchLongDate(t.Source.On))
	}
	if q := strings.TrimSpace(t.Source.Quote); q != "" {
		b.WriteString(" : « " + q + " »")
	}
	return b.String()
}

// periodHeading says since when a period holds, as far as the source
// says: "En vigueur depuis le 19 mars 2020" (a stated start), "Publiée le
// jeudi 19 mars 2020 ; date de mise en place non précisée", "Signalée en
// vigueur le lundi 23 mars 2020 par un article de presse ; date de
// publication non précisée", or "À partir du lundi 30 mars 2020".
func periodHeading(t *Timetable, from, to time.Time, current bool) string {
	var h string
	switch {
	case !current:
		h = "À partir du " + vocab.FrenchLongDate(from)
	case !from.Equal(t.Effective):
		// The period starts after its timetable took effect (another
		// rule held before): the first day is stated by the data.
		h = "En vigueur depuis le " + vocab.FrenchDate(from)
	case t.Basis == Published:
		h = "Publiée le " + vocab.FrenchLongDate(t.Effective) + " ; date de mise en place non précisée"
	case t.Basis == Reported:
		h = "Signalée en vigueur le " + vocab.FrenchLongDate(t.Effective) + " par un article de presse ; date de publication non précisée"
	default:
		h = "En vigueur depuis le " + vocab.FrenchDate(from)
	}
	if !to.IsZero() {
		h += ", jusqu’au " + vocab.FrenchLongDate(to)
	}
	return h
}

// daysNote says which days t covers: "du lundi au vendredi", or that the
// source names none.
func daysNote(t *Timetable) string {
	if !t.DaysStated() {
		return "jours non précisés par la source"
	}
	return vocab.DaysPhrase(t.Days)
}

// citeScolaireNote explains once, on a page that names them, what a cité
// scolaire is.
const citeScolaireNote = "Une cité scolaire réunit un collège et un lycée dans un même établissement : ses collégiens peuvent avoir d’autres consignes que ceux des collèges."

// lowerFirst puts the first letter of a phrase in lower case, for a phrase
// that follows a colon: "Accès des parents suspendu." becomes "accès des
// parents suspendu.".
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// audienceWords name who a slot is for after "aux": "élèves", "parents",
// "élèves de 4e", "élèves de collège".
func audienceWords(who []string) string {
	words := make([]string, len(who))
	for i, w := range who {
		switch w {
		case "eleves":
			words[i] = "élèves"
		case "parents", "enseignants":
			words[i] = w
		default:
			words[i] = "élèves de " + vocab.LevelLabel(w)
		}
	}
	return vocab.Join(words)
}

// nationalSentence sums up the ministry's recommendation t for the home
// page: "Recommandation nationale du ministère de l’Éducation nationale
// (vendredi 20 mars 2020), pour les collèges, lycées… : il est conseillé
// aux élèves de se connecter de 8h30 à 17h, et aux parents avant 8h30 et à
// partir de 17h. Elle vaut là où aucune consigne locale n’est publiée."
func nationalSentence(terr *territory.Territory, t *Timetable, future bool) string {
	var b strings.Builder
	b.WriteString("Recommandation nationale du " + terr.IssuerLabel(t.Issuer))
	if !t.Source.On.IsZero() {
		b.WriteString(" (" + vocab.FrenchLongDate(t.Source.On) + ")")
	}
	b.WriteString(", pour les " + vocab.KindsPlural(t.AppliesTo) + " : ")
	if future {
		b.WriteString("à partir du " + vocab.FrenchLongDate(t.Effective) + ", ")
	}
	// The slots by who, in file order: "aux parents avant 8h30 et à partir
	// de 17h".
	var keys []string
	byWho := map[string][]Slot{}
	for _, s := range t.Slots {
		k := strings.Join(s.Who, ",")
		if _, ok := byWho[k]; !ok {
			keys = append(keys, k)
		}
		byWho[k] = append(byWho[k], s)
	}
	for i, k := range keys {
		slots := byWho[k]
		switch {
		case slots[0].Free() || k == "tous":
			if i > 0 {
				b.WriteString(", et ")
			}
			b.WriteString(freePhrase(t, slots, future))
		case i == 0:
			// "il est conseillé aux élèves de se connecter de 8h30 à 17h"
			ask := connectPhrase(toneOf(t, slots[0]), future)
			head, tail, ok := strings.Cut(ask, " de se connecter")
			if !ok { // a rule: "l’ENT est ouvert aux élèves de 8h30 à 17h"
				head, tail = ask, ""
			}
			b.WriteString(head + " aux " + audienceWords(slots[0].Who) + tail)
			if ok {
				b.WriteString(" de se connecter")
			}
			b.WriteString(" " + windowsPhrase(slots))
		default:
			b.WriteString(", et aux " + audienceWords(slots[0].Who) + " " + windowsPhrase(slots))
		}
	}
	b.WriteString(". Elle vaut là où aucune consigne locale n’est publiée.")
	return b.String()
}

// ---- Days, hours, levels and kinds of school, as a parent reads them ----

// week is the days of the week, Monday first.
var week = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// levelPhrase is the start of a sentence about a level: "En 4e", "En petite
// section", "En bac pro".
func levelPhrase(level string) string {
	l, ok := vocab.LevelOf(level)
	if !ok {
		return "En " + level
	}
	if l.Group == "maternelle" {
		return "En " + l.Long
	}
	return "En " + l.Label
}

// kindPhrases say where: "au collège", "en cité scolaire".
var kindPhrases = map[string]string{
	"ecole":          "à l’école",
	"college":        "au collège",
	"lycee":          "au lycée",
	"lycee-pro":      "au lycée professionnel",
	"cite-scolaire":  "en cité scolaire",
	"lycee-agricole": "au lycée agricole",
}

func kindPhrase(kind string) string {
	if p, ok := kindPhrases[kind]; ok {
		return p
	}
	return kind
}

// kindsPhrase says where for several kinds: "au lycée et au lycée professionnel".
func kindsPhrase(kinds []string) string {
	words := make([]string, len(kinds))
	for i, k := range kinds {
		words[i] = kindPhrase(k)
	}
	return vocab.Join(words)
}

// zoneLabel says which clock the hours are read on: "heure de Paris",
// "heure de La Réunion".
func zoneLabel(a *territory.Academy) string {
	if a.TimeZone == "Europe/Paris" || a.TimeZone == "" {
		return "heure de Paris"
	}
	return "heure " + territory.Of(a.Name)
}
