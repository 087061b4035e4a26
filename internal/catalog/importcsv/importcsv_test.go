package importcsv

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/load"
)

// vocabulary is a small vocabulary for the tests.
const vocabulary = `broadcasters:
  - slug: france-televisions
    label: France Télévisions
  - slug: rtl
    label: RTL
media:
  - slug: tv
    label: télévision
    aliases: [télé]
  - slug: radio
    label: radio
  - slug: presse
    label: presse
  - slug: web
    label: web
  - slug: podcast
    label: podcast
subjects:
  - slug: francais
    label: français
  - slug: mathematiques
    label: mathématiques
    aliases: [maths]
`

// tree is a site with the vocabulary and these programme files.
func tree(t *testing.T, files map[string]string) *load.Tree {
	t.Helper()
	tr := &load.Tree{}
	all := map[string]string{catalog.VocabularyPath: vocabulary}
	for p, d := range files {
		all[p] = d
	}
	for p, d := range all {
		tr.Files = append(tr.Files, &load.File{Path: p, Data: []byte(d)})
	}
	slices.SortFunc(tr.Files, func(a, b *load.File) int { return strings.Compare(a.Path, b.Path) })
	return tr
}

// libreOffice is a sheet as LibreOffice Calc saves it as "Texte CSV" with
// its defaults: UTF-8 without a byte-order mark, commas, double quotes
// around the cells that hold a comma, a quote or a line break, LF line
// endings (on Linux; CRLF on Windows), a line break inside a cell kept as
// LF.
const libreOffice = "titre,diffuseur,médias,niveaux,disciplines,horaires,début,fin,statut,sources,résumé\n" +
	"Les cours du collège sur France 4,France Télévisions,télé,\"6e, cycle 4\",\"français, maths\",lun-ven 14:00-15:00,23/03/2020,03/07/2020,operation,\"siecledigital.fr, 20 mars 2020\nle-republicain.fr\",Une heure de cours par jour.\n" +
	"La curiosité,rtl,\"radio, podcast\",,,,,,,\"RTL, 2020\",\"Il dit \"\"bonjour\"\".\"\n"

// excel is the same sheet as Excel (French) saves it as "CSV UTF-8
// (délimité par des virgules)": a byte-order mark, semicolons (the list
// separator of the French locale), CRLF line endings, a line break inside a
// cell as LF inside quotes.
const excel = "\ufefftitre;diffuseur;médias;niveaux;disciplines;horaires;début;fin;statut;sources;résumé\r\n" +
	"Les cours du collège sur France 4;France Télévisions;télé;6e, cycle 4;français, maths;lun-ven 14:00-15:00;23/03/2020;03/07/2020;operation;\"siecledigital.fr, 20 mars 2020\nle-republicain.fr\";Une heure de cours par jour.\r\n" +
	"La curiosité;rtl;radio, podcast;;;;;;;RTL, 2020;\"Il dit \"\"bonjour\"\".\"\r\n"

const wantCollege = `---
title: Les cours du collège sur France 4
broadcaster: france-televisions
media: [tv]
levels: [6e]
cycles: [cycle-4]
subjects: [francais, mathematiques]
schedule:
  - from: "14:00"
    to: "15:00"
schedule_start: 2020-03-23
schedule_end: 2020-07-03
status: operation
sources:
  - siecledigital.fr, 20 mars 2020
  - le-republicain.fr
summary: Une heure de cours par jour.
---
`

func TestSpreadsheetExports(t *testing.T) {
	t.Parallel()
	for name, data := range map[string]string{"libreoffice.csv": libreOffice, "excel.csv": excel} {
		p, errs := Import(name, []byte(data), tree(t, nil), Options{})
		if len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		if len(p.Changes) != 2 || p.Changes[0].Action != Create || p.Changes[1].Action != Create {
			t.Fatalf("%s: changes %+v", name, p.Changes)
		}
		college, curio := p.Changes[1], p.Changes[0]
		if college.Path != "content/programmes/les-cours-du-college-sur-france-4.md" || college.Row != 2 {
			t.Errorf("%s: %s row %d", name, college.Path, college.Row)
		}
		if got := string(college.Data); got != wantCollege {
			t.Errorf("%s: got\n%s\nwant\n%s", name, got, wantCollege)
		}
		if curio.Path != "content/programmes/la-curiosite.md" || !strings.Contains(string(curio.Data), "summary: Il dit \"bonjour\".\n") || !strings.Contains(string(curio.Data), "media: [radio, podcast]\n") {
			t.Errorf("%s: %s\n%s", name, curio.Path, curio.Data)
		}
	}
}

// apply returns the tree after a plan.
func apply(tr *load.Tree, p *Plan) *load.Tree {
	files := map[string]string{}
	for _, f := range tr.Files {
		files[f.Path] = string(f.Data)
	}
	for _, c := range p.Changes {
		if c.Action == Delete {
			delete(files, c.Path)
			continue
		}
		files[c.Path] = string(c.Data)
	}
	out := &load.Tree{}
	for p, d := range files {
		out.Files = append(out.Files, &load.File{Path: p, Data: []byte(d)})
	}
	slices.SortFunc(out.Files, func(a, b *load.File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

func TestReimportChangesOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	tr := tree(t, nil)
	p, errs := Import("a.csv", []byte(excel), tr, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tr = apply(tr, p)
	p, errs = Import("a.csv", []byte(excel), tr, Options{})
	if len(errs) > 0 || len(p.Changes) != 0 || len(p.Unchanged) != 2 {
		t.Fatalf("the same file again: %v, %+v", errs, p)
	}
	// One cell changed: one file, one column; the other is left alone.
	changed := strings.Replace(excel, "lun-ven 14:00-15:00", "lun-ven 14h-15h30", 1)
	p, errs = Import("a.csv", []byte(changed), tr, Options{})
	if len(errs) > 0 || len(p.Changes) != 1 || p.Changes[0].Action != Update || !slices.Equal(p.Changes[0].Columns, []string{"horaires"}) || len(p.Unchanged) != 1 {
		t.Fatalf("one cell changed: %v, %+v", errs, p)
	}
	// A hand-written file that says the same as the row is not rewritten,
	// whatever its layout and comments; its text stays.
	hand := "---\n# écrit à la main\ntitle: \"La curiosité\"\nbroadcaster: rtl\nmedia:\n  - radio\n  - podcast\nsources: [\"RTL, 2020\"]\nsummary: 'Il dit \"bonjour\".'\n---\n\nUn texte.\n"
	tr = tree(t, map[string]string{"content/programmes/la-curiosite.md": hand})
	p, errs = Import("a.csv", []byte(excel), tr, Options{})
	if len(errs) > 0 || !slices.Contains(p.Unchanged, "content/programmes/la-curiosite.md") {
		t.Fatalf("hand-written: %v, %+v", errs, p)
	}
	// Changed, it keeps the comment, the text, and the fields of the
	// columns the sheet does not have.
	tr = tree(t, map[string]string{"content/programmes/la-curiosite.md": strings.Replace(hand, "summary:", "url: https://www.rtl.fr/\nsummary:", 1)})
	p, errs = Import("a.csv", []byte(strings.Replace(excel, "radio, podcast", "radio", 1)), tr, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var c Change
	for _, x := range p.Changes {
		if x.Path == "content/programmes/la-curiosite.md" {
			c = x
		}
	}
	for _, want := range []string{"# écrit à la main\ntitle:", "media: [radio]\n", "url: https://www.rtl.fr/\n", "---\n\nUn texte.\n"} {
		if !strings.Contains(string(c.Data), want) {
			t.Errorf("the rewritten file lacks %q:\n%s", want, c.Data)
		}
	}
	if !slices.Equal(c.Columns, []string{"médias"}) {
		t.Errorf("columns %v", c.Columns)
	}
}

func TestDeleteOnlyWithTheFlag(t *testing.T) {
	t.Parallel()
	other := "---\ntitle: Autre\nbroadcaster: rtl\nmedia: [radio]\n---\n"
	tr := tree(t, map[string]string{"content/programmes/autre.md": other})
	p, errs := Import("a.csv", []byte(excel), tr, Options{})
	if len(errs) > 0 || !slices.Equal(p.Kept, []string{"content/programmes/autre.md"}) {
		t.Fatalf("without the flag: %v %+v", errs, p)
	}
	p, errs = Import("a.csv", []byte(excel), tr, Options{Delete: true})
	if len(errs) > 0 || len(p.Kept) != 0 || p.Changes[0].Action != Delete || p.Changes[0].Path != "content/programmes/autre.md" {
		t.Fatalf("with the flag: %v %+v", errs, p)
	}
}

// TestErrors holds the messages: where (file:row:column as the spreadsheet
// shows them), what is wrong and the fix, in French.
func TestErrors(t *testing.T) {
	t.Parallel()
	const head = "titre;diffuseur;médias;niveaux;horaires;début\r\n"
	tests := []struct {
		name, csv string
		want      []string
	}{
		{"level in words", head + "A;rtl;radio;sixième;;\r\n",
			[]string{"p.csv:2:4: colonne D (niveaux) : niveau inconnu « sixième » (vouliez-vous dire « 6e » ?)"}},
		{"broadcaster typo", head + "A;France Televison;radio;;;\r\n",
			[]string{"p.csv:2:2: colonne B (diffuseur) : diffuseur inconnu « France Televison » (vouliez-vous dire « france-televisions » ?)"}},
		{"medium", head + "A;rtl;journal télévisé;;;\r\n",
			[]string{"p.csv:2:3: colonne C (médias) : média inconnu « journal télévisé »", "les médias sont « tv », « radio », « presse », « web », « podcast »"}},
		{"required cell", head + "A;rtl;;;;\r\n",
			[]string{"p.csv:2:3: colonne C (médias) : cellule vide : « médias » est obligatoire"}},
		{"slot", head + "A;rtl;radio;;le matin;\r\n",
			[]string{"p.csv:2:5: colonne E (horaires) : créneau illisible « le matin » : écrivez [jours] début-fin [(niveaux)]"}},
		{"day", head + "A;rtl;radio;;lundo 9h-10h;\r\n",
			[]string{"p.csv:2:5: colonne E (horaires) : dans le créneau « lundo 9h-10h » : jour inconnu « lundo »"}},
		{"hour", head + "A;rtl;radio;;lun 25h-26h;\r\n",
			[]string{"p.csv:2:5: colonne E (horaires) : l'heure « 25:00 » n'existe pas"}},
		{"date", head + "A;rtl;radio;;;31/02/2020\r\n",
			[]string{"p.csv:2:6: colonne F (début) : la date « 31/02/2020 » n'existe pas dans le calendrier"}},
		{"two-digit year", head + "A;rtl;radio;;lun 9h-10h;23/03/20\r\n",
			[]string{"p.csv:2:6: colonne F (début) : la date « 23/03/20 » a une année sur deux chiffres : écrivez l'année en entier, « 23/03/2020 »"}},
		{"unknown column", "titre;diffuseur;médias;dificulté\r\nA;rtl;radio;maths\r\n",
			[]string{"p.csv:1:4: colonne inconnue « dificulté » : les colonnes sont slug, titre"}},
		{"column near a known one", "titre;diffuseur;médias;horaire2\r\nA;rtl;radio;maths\r\n",
			[]string{"p.csv:1:4: colonne inconnue « horaire2 » (vouliez-vous dire « horaires » ?)"}},
		{"missing column", "titre;médias\r\nA;radio\r\n",
			[]string{"p.csv:1: colonne « diffuseur » manquante : ajoutez-la à la première ligne"}},
		{"same file twice", head + "Un titre;rtl;radio;;;\r\nUn Titre !;rtl;radio;;;\r\n",
			[]string{"p.csv:3:1: le programme « un-titre » est déjà à la ligne 2"}},
		{"row numbers of the sheet: blank rows and line breaks in cells", head + "\"A\nsur deux lignes\";rtl;radio;;;\r\n\r\nB;rtl;radio;6eme;;\r\n",
			[]string{"p.csv:4:4: colonne D (niveaux) : niveau inconnu « 6eme » (vouliez-vous dire « 6e » ?)"}},
		{"the catalog's own checks, on the cell", head + "A;rtl;radio;cm1;mer 9h-10h (cp);\r\n",
			[]string{"p.csv:2:5: colonne E (horaires) : "}},
		{"start without slots", head + "A;rtl;radio;;;23/03/2020\r\n",
			[]string{"p.csv:2:6: colonne F (début) : "}},
		{"bare quote", "titre,diffuseur,médias\nLe \"Petit\" Quotidien,rtl,presse\n",
			[]string{"p.csv:2:4: guillemet « \" » au milieu d'une cellule"}},
		{"not UTF-8", "titre;diffuseur;m\xe9dias\r\n", []string{"p.csv:1:18: le fichier n'est pas en UTF-8", "« CSV UTF-8"}},
		{"cell beyond the header", "titre;diffuseur;médias\r\nA;rtl;radio;oups\r\n",
			[]string{"p.csv:2:4: la cellule D2 est au-delà de la dernière colonne nommée (C)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errs := Import("p.csv", []byte(tt.csv), tree(t, nil), Options{})
			got := errs.Error()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("errors:\n%s\nwant %q", got, w)
				}
			}
			if len(errs) == 0 {
				t.Errorf("no error")
			}
		})
	}
}

// TestCellsAsPeopleTypeThem: the ways a cell may be written give the
// front matter of the model.
func TestCellsAsPeopleTypeThem(t *testing.T) {
	t.Parallel()
	tests := []struct{ col, cell, want string }{
		{"niveaux", "CM1, CM2, sixième", ""},
		{"niveaux", "CM1 et CM2", "levels: [cm1, cm2]\n"},
		{"niveaux", "collège", "levels: [6e, 5e, 4e, 3e]\n"},
		{"niveaux", "cycle 3; 2nde", "levels: [seconde]\ncycles: [cycle-3]\n"},
		{"horaires", "du lundi au vendredi 9h30 à 10h", "  - from: \"09:30\"\n    to: \"10:00\"\n"},
		{"horaires", "mer, sam 10:00-11:00\nlun 9h-10h", "  - days: [mer, sam]\n    from: \"10:00\"\n    to: \"11:00\"\n  - days: [lun]\n"},
		{"horaires", "tous les jours 20h-24h", "  - days: [lun, mar, mer, jeu, ven, sam, dim]\n    from: \"20:00\"\n    to: \"24:00\"\n"},
		{"horaires", "lun-ven 9h-10h (cm1)", "    who: [cm1]\n"},
		{"gratuit", "Oui", "free: true\n"},
		{"gratuit", "non", "---\ntitle: A\nbroadcaster: rtl\nmedia: [radio]\n---\n"},
		{"label", "2020-03-18", "labelled: 2020-03-18\n"},
		{"statut", "Opération", "status: operation\n"},
		{"disciplines", "Maths, Français", "subjects: [francais, mathematiques]\n"},
		{"notes", "Une source dit 11h.\n\nUne autre 16h.", "notes:\n  - Une source dit 11h.\n  - Une autre 16h.\n"},
		{"texte", "Un paragraphe.\n\nUn autre.", "---\n\nUn paragraphe.\n\nUn autre.\n"},
	}
	for _, tt := range tests {
		csv := "titre,diffuseur,médias,niveaux2\nA,rtl,radio,x\n"
		csv = strings.Replace(csv, "niveaux2", tt.col, 1)
		csv = strings.Replace(csv, ",x\n", ",\""+tt.cell+"\"\n", 1)
		if tt.col == "horaires" {
			csv = "titre,diffuseur,médias,niveaux,horaires\nA,rtl,radio,\"cm1,cm2\",\"" + tt.cell + "\"\n"
		}
		p, errs := Import("p.csv", []byte(csv), tree(t, nil), Options{})
		if tt.want == "" {
			if len(errs) == 0 {
				t.Errorf("%s %q: no error", tt.col, tt.cell)
			}
			continue
		}
		if len(errs) > 0 {
			t.Errorf("%s %q: %v", tt.col, tt.cell, errs)
			continue
		}
		if got := string(p.Changes[0].Data); !strings.Contains(got, tt.want) {
			t.Errorf("%s %q: got\n%s\nwant it to hold\n%s", tt.col, tt.cell, got, tt.want)
		}
	}
}

// TestSepLine: Excel's "sep=;" first line sets the separator and is not a
// row of the sheet.
func TestSepLine(t *testing.T) {
	t.Parallel()
	_, errs := Import("p.csv", []byte("sep=;\r\ntitre;diffuseur;médias\r\nA;rtl;radi\r\n"), tree(t, nil), Options{})
	if got := errs.Error(); !strings.Contains(got, "p.csv:2:3: colonne C (médias) : média inconnu « radi » (vouliez-vous dire « radio » ?)") {
		t.Errorf("got %s", got)
	}
}

// TestShippedCatalogAsASheet: a sheet of the shipped programmes' main
// columns, written as they are, changes none of them.
func TestShippedCatalogAsASheet(t *testing.T) {
	t.Parallel()
	tr, errs := load.Site(os.DirFS(filepath.Join("..", "..", "..")))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	cat, errs := catalog.Decode(tr)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var b strings.Builder
	b.WriteString("slug;titre;diffuseur;médias;statut\r\n")
	for _, p := range cat.Programmes {
		b.WriteString(p.Slug + ";\"" + strings.ReplaceAll(p.Title, "\"", "\"\"") + "\";" + p.Broadcaster + ";" + strings.Join(p.Media, ", ") + ";" + p.Status + "\r\n")
	}
	plan, errs := Import("p.csv", []byte(b.String()), tr, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(plan.Changes) != 0 || len(plan.Unchanged) != len(cat.Programmes) {
		t.Errorf("changes %+v, %d unchanged of %d", plan.Changes, len(plan.Unchanged), len(cat.Programmes))
	}
}
