package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// shippedSite copies the repository's site (content, layouts, assets) into
// a temporary folder.
func shippedSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content", "layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot reads every file of content/programmes/ with its time of
// modification.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	root := filepath.Join(dir, "content", "programmes")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(root, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = info.ModTime().Format(time.RFC3339Nano) + "\n" + string(data)
	}
	return out
}

// The sheets as the spreadsheets save them: LibreOffice's "Texte CSV"
// (UTF-8, commas, LF, quotes only where needed) and Excel's "CSV UTF-8" in
// French (a byte-order mark, semicolons, CRLF).
const (
	sheetLibreOffice = "titre,diffuseur,médias,niveaux,disciplines,horaires,début,fin,sources,notes\n" +
		"Les maths du soir,France Télévisions,télé,\"CM1, CM2\",maths,\"lun-ven 18h-18h30\nmer 10h-11h (cm2)\",23/03/2020,03/07/2020,\"Le Monde, 20 mars 2020\nOuest-France\",\n" +
		"Le magazine du mercredi,rtl,\"radio, podcast\",cycle 3,,,,,RTL,Les sources ne donnent pas l'heure.\n"
	sheetExcel = "\ufefftitre;diffuseur;médias;niveaux;disciplines;horaires;début;fin;sources;notes\r\n" +
		"Les maths du soir;France Télévisions;télé;CM1, CM2;maths;\"lun-ven 18h-18h30\nmer 10h-11h (cm2)\";23/03/2020;03/07/2020;\"Le Monde, 20 mars 2020\nOuest-France\";\r\n" +
		"Le magazine du mercredi;rtl;radio, podcast;cycle 3;;;;;RTL;Les sources ne donnent pas l'heure.\r\n"
)

func TestImportProgrammes(t *testing.T) {
	t.Parallel()
	for name, sheet := range map[string]string{"libreoffice.csv": sheetLibreOffice, "excel.csv": sheetExcel} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := shippedSite(t)
			csv := filepath.Join(dir, name)
			if err := os.WriteFile(csv, []byte(sheet), 0o644); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dir)

			// --dry-run says what it would do and writes nothing.
			code, out, errs := run("import", "programmes", "--source", dir, "--dry-run", csv)
			if code != ExitOK || !strings.Contains(out, "à créer      content/programmes/les-maths-du-soir.md (ligne 2)") || !strings.Contains(out, "rien n'a été écrit") {
				t.Fatalf("--dry-run: exit %d\n%s%s", code, out, errs)
			}
			if got := snapshot(t, dir); len(got) != len(before) {
				t.Fatalf("--dry-run wrote files")
			}

			code, out, errs = run("import", "programmes", csv, "--source", dir)
			if code != ExitOK || !strings.Contains(out, "relais import : 2 créés, 0 modifié, 0 inchangé, 19 gardés") {
				t.Fatalf("import: exit %d\n%s%s", code, out, errs)
			}
			// The imported programmes pass relais check, with the shipped site.
			if code, _, errs := run("check", "--source", dir, "--now", "2020-03-23T09:00:00+01:00", "--quiet"); code != ExitOK {
				t.Fatalf("relais check after the import: exit %d\n%s", code, errs)
			}
			data, err := os.ReadFile(filepath.Join(dir, "content", "programmes", "les-maths-du-soir.md"))
			if err != nil || !strings.Contains(string(data), "  - days: [mer]\n    from: \"10:00\"\n    to: \"11:00\"\n    who: [cm2]\n") {
				t.Errorf("les-maths-du-soir.md: %v\n%s", err, data)
			}

			// The same sheet again changes no file, not even its time.
			after := snapshot(t, dir)
			code, out, _ = run("import", "programmes", "--source", dir, csv)
			if code != ExitOK || !strings.Contains(out, "0 créé, 0 modifié, 2 inchangés") {
				t.Errorf("re-import: exit %d\n%s", code, out)
			}
			for f, s := range snapshot(t, dir) {
				if after[f] != s {
					t.Errorf("re-import touched %s", f)
				}
			}

			// A sheet with an error writes nothing, even the rows without one.
			bad := strings.Replace(sheet, "cycle 3", "sixième", 1)
			bad = strings.Replace(bad, "Les maths du soir", "Les maths du matin", 1)
			if err := os.WriteFile(csv, []byte(bad), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errs = run("import", "programmes", "--source", dir, csv)
			wantErr := filepath.ToSlash(csv) + ":3:4: colonne D (niveaux) : niveau inconnu « sixième » (vouliez-vous dire « 6e » ?)"
			if code != ExitFailure || !strings.Contains(errs, wantErr) || !strings.Contains(errs, "relais import : 1 erreur ; rien n'a été écrit, content/ n'a pas été modifié") {
				t.Errorf("an import with an error: exit %d\n%s\nwant %s", code, errs, wantErr)
			}
			for f, s := range snapshot(t, dir) {
				if after[f] != s {
					t.Errorf("the refused import touched %s", f)
				}
			}
			if len(snapshot(t, dir)) != len(after) {
				t.Errorf("the refused import created a file")
			}

			// --supprimer removes the programmes the sheet does not list.
			if err := os.WriteFile(csv, []byte(sheet), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errs = run("import", "programmes", "--source", dir, "--supprimer", csv)
			if code != ExitOK || !strings.Contains(out, "19 supprimés") {
				t.Errorf("--supprimer: exit %d\n%s%s", code, out, errs)
			}
			left := snapshot(t, dir)
			if _, ok := left["arte.md"]; ok || len(left) != 4 { // _index.md, _vocabulary.yaml and the two
				t.Errorf("after --supprimer: %d files", len(left))
			}
		})
	}
}
