package importcsv

import (
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// column is one column a spreadsheet of programmes may have.
type column struct {
	name string // the header the docs give, in French: "médias"
	// keys are the front-matter fields the column writes; a column left out
	// of the spreadsheet leaves them as the file has them.
	keys []string
	// also are other headers taken for it (folded: lowercase, no accents,
	// dashes between words), such as the field's own name.
	also     []string
	required bool // a cell of every row must be filled
	help     string
}

// bodyKey stands for the Markdown text after the front matter.
const bodyKey = "(texte)"

// slugKey stands for the file name.
const slugKey = "(slug)"

// columns are the columns of the spreadsheet, in the order the docs list
// them. Each is optional but the required ones; the order in the file is free.
var columns = []column{
	{name: "slug", keys: []string{slugKey}, also: []string{"fichier", "identifiant", "nom-du-fichier"},
		help: "le nom du fichier et de l'adresse de la page (lettres minuscules sans accents, chiffres, tirets) ; vide : tiré du titre"},
	{name: "titre", keys: []string{"title"}, also: []string{"title", "intitule", "nom", "programme"}, required: true,
		help: "le titre du programme"},
	{name: "diffuseur", keys: []string{"broadcaster"}, also: []string{"broadcaster", "editeur"}, required: true,
		help: "un diffuseur du vocabulaire, par son slug ou son nom (france-televisions ou France Télévisions)"},
	{name: "chaîne", keys: []string{"channel"}, also: []string{"channel", "antenne"},
		help: "la chaîne, la station ou le titre de presse, en clair (France 4)"},
	{name: "médias", keys: []string{"media"}, also: []string{"media", "medium", "support", "supports"}, required: true,
		help: "un ou plusieurs de tv, radio, presse, web, podcast (ou leurs noms : télévision…), séparés par des virgules"},
	{name: "niveaux", keys: []string{"levels", "cycles"}, also: []string{"levels", "niveau", "classes", "classe"},
		help: "les niveaux, cycles ou étapes visés, séparés par des virgules : 6e, 5e ; CM1, CM2 ; cycle 3 ; collège ; vide si les sources ne le disent pas"},
	{name: "cycles", keys: []string{"cycles"}, also: []string{"cycle"},
		help: "des cycles (cycle 3, cycle-4), si on préfère une colonne à part"},
	{name: "public", keys: []string{"levels_stated"}, also: []string{"levels-stated", "public-selon-les-sources", "age", "ages"},
		help: "le public en toutes lettres, comme les sources le disent (« les 8-12 ans »)"},
	{name: "disciplines", keys: []string{"subjects"}, also: []string{"subjects", "matieres", "matiere", "discipline"},
		help: "les disciplines du vocabulaire, par slug ou par nom, séparées par des virgules (français, maths)"},
	{name: "horaires", keys: []string{"schedule"}, also: []string{"schedule", "creneaux", "horaire", "diffusion"},
		help: "les créneaux de diffusion, un par ligne de la cellule ou séparés par « ; » : [jours] début-fin [(niveaux)], comme « lun-ven 14:00-15:00 » ou « mer 9h-10h (cp, ce1) » ; sans jours, du lundi au vendredi"},
	{name: "début", keys: []string{"schedule_start"}, also: []string{"schedule-start", "debut-de-diffusion", "premier-jour", "du"},
		help: "le premier jour de diffusion (2020-03-23 ou 23/03/2020) ; seulement avec des horaires"},
	{name: "fin", keys: []string{"schedule_end"}, also: []string{"schedule-end", "fin-de-diffusion", "dernier-jour", "au"},
		help: "le dernier jour de diffusion ; seulement avec des horaires"},
	{name: "fuseau", keys: []string{"timezone"}, also: []string{"timezone", "fuseau-horaire"},
		help: "le fuseau horaire des horaires (America/Cayenne) ; vide : Europe/Paris"},
	{name: "quand", keys: []string{"when"}, also: []string{"when", "moment"},
		help: "le moment de diffusion en toutes lettres quand il n'a pas d'horaire fixe (« le mardi soir »)"},
	{name: "adresse", keys: []string{"url"}, also: []string{"url", "lien", "site", "site-web"},
		help: "l'adresse complète du programme (https://…)"},
	{name: "statut", keys: []string{"status"}, also: []string{"status"},
		help: "label (une source dit qu'il porte le label), operation (une source le place dans l'opération) ou grille (dans la grille de France 4) ; vide si les sources ne le disent pas"},
	{name: "label", keys: []string{"labelled"}, also: []string{"labelled", "date-du-label", "labellise", "labellise-le"},
		help: "la date du label, seulement si une source la donne comme celle du label"},
	{name: "signalé", keys: []string{"reported"}, also: []string{"reported", "signale-le", "date-de-la-source", "premiere-source"},
		help: "la date de la plus ancienne source datée qui cite le programme"},
	{name: "gratuit", keys: []string{"free"}, also: []string{"free", "gratuite"},
		help: "oui ou non (vide : non précisé)"},
	{name: "résumé", keys: []string{"summary"}, also: []string{"summary", "chapeau", "description"},
		help: "une phrase, reprise dans les listes et les flux"},
	{name: "notes", keys: []string{"notes"}, also: []string{"note", "remarques", "remarque"},
		help: "ce que la page dit en évidence (désaccord des sources…), une note par ligne de la cellule"},
	{name: "sources", keys: []string{"sources"}, also: []string{"source"},
		help: "d'où viennent les faits, une source par ligne de la cellule"},
	{name: "alias", keys: []string{"aliases"}, also: []string{"aliases", "anciennes-adresses", "redirections"},
		help: "d'anciennes adresses du site qui mènent à la page (/programmes/ancien-nom/), séparées par des virgules"},
	{name: "texte", keys: []string{bodyKey}, also: []string{"body", "contenu", "presentation"},
		help: "le texte de la page, en Markdown ; une colonne absente garde le texte des fichiers existants"},
}

// fold lowers a header or a word, drops accents and joins its parts by
// dashes: "Médias " is "medias", "Date du label" is "date-du-label".
func fold(s string) string { return vocab.Slugify(s) }

// findColumn returns the index in columns of the column a header names, or
// -1.
func findColumn(header string) int {
	h := fold(header)
	for i, c := range columns {
		if fold(c.name) == h {
			return i
		}
		for _, a := range c.also {
			if a == h {
				return i
			}
		}
	}
	return -1
}

// columnNames are the headers the docs give.
func columnNames() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.name
	}
	return out
}

// unknownHeader says that a header names no column, with the nearest one.
func unknownHeader(h string) string {
	return "colonne inconnue " + diag.Q(h) + diag.Suggestion(h, columnNames()) +
		" : les colonnes sont " + strings.Join(columnNames(), ", ") + " (voir docs/editer.md)"
}

// Help is the list of columns for the command's help, in French: one line
// a column, the required ones marked.
func Help() string {
	var b strings.Builder
	for _, c := range columns {
		req := ""
		if c.required {
			req = " (obligatoire)"
		}
		b.WriteString("  " + c.name + req + " : " + c.help + "\n")
	}
	return b.String()
}
