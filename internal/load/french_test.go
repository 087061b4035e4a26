package load

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFrenchSyntaxMessages holds the message of every YAML syntax error an
// editor meets, with its position: what is wrong, in words, then the fix.
func TestFrenchSyntaxMessages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, front, want string }{
		{"colon in a title on the first line", "title: Continuité : les consignes\ndate: 2020-03-16\n",
			`x.md:2:19: le texte de « title » contient « : » (deux-points suivis d'une espace), que YAML prend pour le début d'un autre champ : mettez tout le texte entre guillemets, « title: "Continuité : les consignes" »`},
		{"colon in a later line", "title: Écoles\nsummary: Ce qui change: tout\n",
			`x.md:3:23: le texte de « summary » contient « : » (deux-points suivis d'une espace), que YAML prend pour le début d'un autre champ : mettez tout le texte entre guillemets, « summary: "Ce qui change: tout" »`},
		{"a tab", "title: a\n\tdate: 2020-03-16\n",
			`x.md:3:1: cette ligne contient une tabulation : YAML n'accepte que des espaces pour décaler une ligne ; remplacez la tabulation par des espaces`},
		{"an unclosed list", "title: a\nlevels: [6e, 5e\n",
			`x.md:3:9: une liste entre crochets n'est pas fermée : écrivez-la sur une ligne, les valeurs séparées par des virgules, et fermez-la par « ] », comme levels: [6e, 5e]`},
		{"an unclosed quote", "title: \"Fermeture\n",
			`x.md:2:8: des guillemets ouverts ici ne sont jamais fermés : fermez-les à la fin de la valeur, sur la même ligne`},
		{"text after a closing quote", "title: \"Fermeture\" des écoles\n",
			`x.md:2:8: le texte de « title » commence par un guillemet mais continue après le guillemet qui le ferme : entourez tout le texte de guillemets doubles, « title: "« Fermeture » des écoles" »`},
		{"an apostrophe in single quotes", "title: 'l'école'\n",
			`x.md:2:8: le texte de « title » commence par un guillemet mais continue après le guillemet qui le ferme : entourez tout le texte de guillemets doubles, « title: "l'école" »`},
		{"a line that is not a field", "title: a\nsuite du titre\ndate: 2020-03-16\n",
			`x.md:3:1: cette ligne n'est pas un champ : un champ s'écrit « nom: valeur » sur une ligne ; si c'est la suite du texte de la ligne précédente, mettez ce texte entre guillemets sur une seule ligne`},
		{"a list badly indented", "audiences:\n  - parents\n - eleves\n",
			`x.md:4:2: le décalage de cette ligne (les espaces à son début) ne suit pas celui des lignes précédentes : les champs d'un même groupe commencent tous à la même colonne, et les lignes d'une liste par « - » à la même colonne`},
		{"a field indented under a text", "title: a\n  date: 2020-03-16\n",
			`x.md:3:3: cette ligne est décalée vers la droite plus que la précédente, mais la précédente n'ouvre pas de groupe de champs : alignez son début sur celui de la ligne au-dessus`},
		{"a value starting with @", "title: a\ncontact: @academie\n",
			`x.md:3:10: un texte qui commence par « @ » doit être entre guillemets : écrivez « contact: "@academie" »`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Front(&File{Path: "x.md", Data: []byte("---\n" + tc.front + "---\n")})
			if len(errs) != 1 {
				t.Fatalf("errors = %v, want one", errs)
			}
			if diff := cmp.Diff(tc.want, errs[0].Error()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestFrenchFieldMessages holds the messages of the decoder: unknown and
// repeated fields, missing ones, values of the wrong type or form.
func TestFrenchFieldMessages(t *testing.T) {
	t.Parallel()
	known := []string{"title", "summary", "date", "effective", "expires", "levels", "audiences", "urgent", "weight", "draft"}
	for _, tc := range []struct {
		name, front string
		use         func(Map)
		want        string
	}{
		{"a French field name", "résumé: x\n", nil,
			`x.md:2:1: champ inconnu « résumé » dans l'en-tête d'une directive : les noms des champs s'écrivent en anglais, écrivez « summary: »`},
		{"another French field name", "niveaux: [6e]\n", nil,
			`x.md:2:1: champ inconnu « niveaux » dans l'en-tête d'une directive : les noms des champs s'écrivent en anglais, écrivez « levels: »`},
		{"a typo", "titel: x\n", nil,
			`x.md:2:1: champ inconnu « titel » dans l'en-tête d'une directive (vouliez-vous dire « title » ?)`},
		{"a field given twice", "title: a\ntitle: b\n", nil,
			`x.md:3:1: le champ « title » est donné deux fois (la première à la ligne 2) : n'en gardez qu'un`},
		{"a missing field", "title: a\n", func(m Map) { m.Require("l'en-tête d'une directive", "date") },
			`x.md:2:1: il manque « date » dans l'en-tête d'une directive : ajoutez une ligne « date: 2020-03-16 »`},
		{"a list where a text goes", "title: [a, b]\n", func(m Map) { m.String("title") },
			`x.md:2:8: « title » doit être un texte, pas une liste`},
		{"levels without brackets", "levels: 6e, 5e\n", func(m Map) { m.Words("levels") },
			`x.md:2:9: « levels » donne plusieurs valeurs séparées par des virgules sans crochets, que YAML lit comme un seul texte : écrivez la liste entre crochets, « levels: [6e, 5e] »`},
		{"a group where a list goes", "levels:\n  a: b\n", func(m Map) { m.Words("levels") },
			`x.md:3:3: « levels » doit être une liste comme [a, b], pas un groupe de champs`},
		{"a list in a list", "levels: [[6e]]\n", func(m Map) { m.Words("levels") },
			`x.md:2:10: chaque élément de « levels » doit être un mot, pas une liste`},
		{"a text where items go", "audiences: parents\n", func(m Map) { m.Items("audiences") },
			`x.md:2:12: « audiences » doit être une liste (des lignes qui commencent par « - »), pas « parents »`},
		{"a word for a boolean", "urgent: peut-être\n", func(m Map) { m.Bool("urgent") },
			`x.md:2:9: « urgent » doit valoir true (oui) ou false (non), pas « peut-être »`},
		{"a word for a number", "weight: deux\n", func(m Map) { m.Int("weight") },
			`x.md:2:9: « weight » doit être un nombre entier, comme 10, pas « deux »`},
		{"a date written dd/mm/yyyy", "date: 16/03/2020\n", func(m Map) { m.Date("date") },
			`x.md:2:7: « date » doit être une date écrite AAAA-MM-JJ (année, mois, jour) : écrivez « date: 2020-03-16 »`},
		{"a date in words", "date: lundi 16 mars 2020\n", func(m Map) { m.Date("date") },
			`x.md:2:7: « date » doit être une date écrite AAAA-MM-JJ (année, mois, jour) : écrivez « date: 2020-03-16 »`},
		{"the first of a month", "date: 1er avril 2020\n", func(m Map) { m.Date("date") },
			`x.md:2:7: « date » doit être une date écrite AAAA-MM-JJ (année, mois, jour) : écrivez « date: 2020-04-01 »`},
		{"a date that does not exist", "date: 2020-02-30\n", func(m Map) { m.Date("date") },
			`x.md:2:7: « date » n'est pas une date valide : le 2020-02-30 n'existe pas dans le calendrier`},
		{"no date at all", "date: bientôt\n", func(m Map) { m.Date("date") },
			`x.md:2:7: « date » doit être une date écrite AAAA-MM-JJ (année, mois, jour), comme 2020-03-16, pas « bientôt »`},
		{"a French date and time", "expires: 16/03/2020 18h30\n", func(m Map) { m.DateTime("expires") },
			`x.md:2:10: « expires » doit être une date et une heure écrites AAAA-MM-JJ HH:MM : écrivez « expires: 2020-03-16 18:30 »`},
		{"a French date without time", "expires: 16 mars 2020\n", func(m Map) { m.DateTime("expires") },
			`x.md:2:10: « expires » doit être une date écrite AAAA-MM-JJ, suivie si besoin de l'heure HH:MM : écrivez « expires: 2020-03-16 »`},
		{"an hour that does not exist", "expires: 2020-03-16 25:00\n", func(m Map) { m.DateTime("expires") },
			`x.md:2:10: « expires » n'est pas une date et une heure valides : écrivez-les AAAA-MM-JJ HH:MM, comme 2020-03-16 18:30, avec un jour et une heure qui existent`},
		{"a date and time in no form", "expires: demain\n", func(m Map) { m.DateTime("expires") },
			`x.md:2:10: « expires » doit être une date et une heure écrites AAAA-MM-JJ HH:MM, comme 2020-03-16 18:30, pas « demain »`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, errs := Front(&File{Path: "x.md", Data: []byte("---\n" + tc.front + "---\n")})
			if errs != nil {
				t.Fatal(errs)
			}
			d := NewDecoder("x.md")
			m := d.Map(doc.Front, "the front matter of a directive", known...)
			if tc.use != nil {
				tc.use(m)
			}
			if len(d.Errs) != 1 {
				t.Fatalf("errors = %v, want one", d.Errs)
			}
			if diff := cmp.Diff(tc.want, d.Errs[0].Error()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestMapNotAMapping(t *testing.T) {
	d := NewDecoder("x.yaml")
	n, errs := YAML(&File{Path: "x.yaml", Data: []byte("- a\n")})
	if errs != nil {
		t.Fatal(errs)
	}
	d.Map(n, "site.yaml", "title")
	want := "x.yaml:1:1: site.yaml doit être une suite de champs (nom: valeur), pas une liste"
	if len(d.Errs) != 1 || d.Errs[0].Error() != want {
		t.Errorf("errors = %v, want %q", d.Errs, want)
	}
}
