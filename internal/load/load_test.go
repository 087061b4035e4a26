package load

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/diag"
)

func TestSplitFrontKeepsLines(t *testing.T) {
	t.Parallel()
	data := []byte("---\ntitle: a\nsummary: b\n---\nbody line 5\n")
	front, body, line, opened, closed := SplitFront(data)
	if !opened || !closed {
		t.Fatalf("opened=%v closed=%v", opened, closed)
	}
	if string(front) != "\ntitle: a\nsummary: b\n" {
		t.Errorf("front = %q", front)
	}
	if string(body) != "body line 5\n" || line != 5 {
		t.Errorf("body = %q at line %d", body, line)
	}
	for _, in := range []string{"", "title: a\n", "--- \ntitle: a\n", "----\n"} {
		if _, _, _, opened, _ := SplitFront([]byte(in)); opened && !strings.HasPrefix(in, "--- ") {
			t.Errorf("SplitFront(%q) opened", in)
		}
	}
	if _, _, _, opened, closed := SplitFront([]byte("---\ntitle: a\n")); !opened || closed {
		t.Error("an unclosed front matter is reported closed")
	}
	if _, body, _, _, closed := SplitFront([]byte("---\ntitle: a\n---")); !closed || len(body) != 0 {
		t.Errorf("front matter closed at end of file: closed=%v body=%q", closed, body)
	}
}

func TestFrontPositions(t *testing.T) {
	t.Parallel()
	doc, errs := Front(&File{Path: "x.md", Data: []byte("---\ntitle: a\n  bad: [\n---\n")})
	if doc != nil || len(errs) != 1 {
		t.Fatalf("doc=%v errs=%v", doc, errs)
	}
	if errs[0].Pos.Line < 3 {
		t.Errorf("YAML error at line %d, want the line of the error in the file", errs[0].Pos.Line)
	}
	doc, errs = Front(&File{Path: "x.md", Data: []byte("---\n\ntitle: a\n---\n# Titre\n")})
	if errs != nil {
		t.Fatal(errs)
	}
	if doc.Front.Content[0].Line != 3 || doc.BodyLine != 5 {
		t.Errorf("title at line %d, body at %d", doc.Front.Content[0].Line, doc.BodyLine)
	}
	if _, errs := Front(&File{Path: "x.md", Data: []byte("---\n- a\n---\n")}); len(errs) != 1 || !strings.Contains(errs[0].Msg, "suite de champs") {
		t.Errorf("a list as front matter: %v", errs)
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	got, err := Normalize("a.md", []byte("\xef\xbb\xbfa\r\nb\rc\n"))
	if err != nil || string(got) != "a\nb\nc\n" {
		t.Errorf("Normalize = %q, %v", got, err)
	}
	_, err = Normalize("a.md", []byte("ok\nab\xffc"))
	if err == nil || err.Pos != (diag.Pos{File: "a.md", Line: 2, Col: 3}) {
		t.Errorf("invalid UTF-8 error = %v", err)
	}
	bin := []byte{0x89, 'P', 'N', 'G', 0xff}
	if got, err := Normalize("assets/logo.png", bin); err != nil || string(got) != string(bin) {
		t.Error("binary assets must pass through")
	}
}

func TestSiteWalk(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"content/site.yaml":         {Data: []byte("title: t\n")},
		"content/guides/a.md":       {Data: []byte("x")},
		"content/guides/.a.md.swp":  {Data: []byte("x")},
		"content/guides/a.md~":      {Data: []byte("x")},
		"content/.git/config":       {Data: []byte("x")},
		"layouts/_base.html":        {Data: []byte("x")},
		"content/guides/big.md":     {Data: make([]byte, MaxFileSize+1)},
		"content/guides/bad.md":     {Data: []byte("\xff")},
		"other/ignored-folder.md":   {Data: []byte("x")},
		"content/pages/a-propos.md": {Data: []byte("x")},
	}
	tree, errs := Site(fsys)
	var paths []string
	for _, f := range tree.Files {
		paths = append(paths, f.Path)
	}
	want := []string{"content/guides/a.md", "content/pages/a-propos.md", "content/site.yaml", "layouts/_base.html"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if len(errs) != 2 {
		t.Fatalf("errors = %v, want two (big.md, bad.md)", errs)
	}
	msgs := errs.Sort().Error()
	for _, w := range []string{"content/guides/bad.md:1:1: le texte n'est pas en UTF-8", "content/guides/big.md: le fichier fait 8.4 Mo, plus que la limite de 8 Mo"} {
		if !strings.Contains(msgs, w) {
			t.Errorf("errors lack %q:\n%s", w, msgs)
		}
	}
	if got := tree.Under("content/guides"); len(got) != 1 || got[0].Path != "content/guides/a.md" {
		t.Errorf("Under = %v", got)
	}
	if tree.Get("content/site.yaml") == nil || tree.Get("content/nope") != nil {
		t.Error("Get")
	}
}

func decode(t *testing.T, src string) (*Decoder, Map) {
	t.Helper()
	doc, errs := Front(&File{Path: "x.md", Data: []byte(src)})
	if errs != nil {
		t.Fatal(errs)
	}
	d := NewDecoder("x.md")
	return d, d.Map(doc.Front, "the front matter", "title", "tags", "date", "when", "n", "ok")
}

func TestMapStrict(t *testing.T) {
	t.Parallel()
	d, m := decode(t, "---\ntitle: a\ntitel: b\ntitle: c\ntags: [x, y]\ndate: 2020-02-30\nwhen: 2020-03-16 18:30\nn: 3\nok: oui\n---\n")
	if m.String("title") != "a" {
		t.Errorf("title = %q", m.String("title"))
	}
	if got := m.Words("tags"); len(got) != 2 || got[1].Text != "y" || got[1].Pos.Col != 11 {
		t.Errorf("tags = %+v", got)
	}
	if _, ok := m.Date("date"); ok {
		t.Error("2020-02-30 accepted")
	}
	if w, zoned, ok := m.DateTime("when"); !ok || zoned || w.Hour() != 18 || w.Minute() != 30 {
		t.Errorf("when = %v %v %v", w, zoned, ok)
	}
	if m.Int("n") != 3 || !m.Bool("ok") {
		t.Error("n or ok")
	}
	got := d.Errs.Sort().Error()
	want := `x.md:3:1: champ inconnu « titel » dans l'en-tête (vouliez-vous dire « title » ?)
x.md:4:1: le champ « title » est donné deux fois (la première à la ligne 2) : n'en gardez qu'un
x.md:6:7: « date » n'est pas une date valide : le 2020-02-30 n'existe pas dans le calendrier`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestMapTypeErrors(t *testing.T) {
	t.Parallel()
	d, m := decode(t, "---\ntitle: [a]\nn: deux\nok: peut-être\ndate: 16/03/2020\n---\n")
	m.String("title")
	m.Int("n")
	m.Bool("ok")
	m.Date("date")
	m.Require("the front matter", "title", "tags")
	got := d.Errs.Sort().Error()
	for _, w := range []string{
		`x.md:2:1: il manque « tags » dans l'en-tête : ajoutez une ligne « tags: ... »`,
		`x.md:2:8: « title » doit être un texte, pas une liste`,
		`x.md:3:4: « n » doit être un nombre entier, comme 10, pas « deux »`,
		`x.md:4:5: « ok » doit valoir true (oui) ou false (non), pas « peut-être »`,
		`x.md:5:7: « date » doit être une date écrite AAAA-MM-JJ (année, mois, jour) : écrivez « date: 2020-03-16 »`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q:\n%s", w, got)
		}
	}
}

func TestYAMLErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"", "x.yaml:1:1: fichier vide"},
		{"# rien\n", "x.yaml:1:1: le fichier ne contient que des commentaires"},
		{"a: 1\n---\nb: 2\n", "un second document YAML"},
		{"a:\n\tb: 1\n", "x.yaml:2:1: cette ligne contient une tabulation"},
	} {
		_, errs := YAML(&File{Path: "x.yaml", Data: []byte(tc.in)})
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.want) {
			t.Errorf("YAML(%q) = %v, want %q", tc.in, errs, tc.want)
		}
	}
}

func TestDigest(t *testing.T) {
	t.Parallel()
	base := fstest.MapFS{
		"content/site.yaml":   {Data: []byte("title: Site\n")},
		"content/guides/a.md": {Data: []byte("---\ntitle: A\n---\nTexte.\n")},
		"layouts/page.html":   {Data: []byte("<p>{{.Title}}</p>\n")},
	}
	digest := func(fsys fstest.MapFS) [32]byte {
		t.Helper()
		tree, errs := Read(fsys)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return tree.Digest()
	}
	with := func(edit func(fstest.MapFS)) fstest.MapFS {
		c := fstest.MapFS{}
		for p, f := range base {
			c[p] = &fstest.MapFile{Data: f.Data}
		}
		edit(c)
		return c
	}
	want := digest(base)
	if got := digest(with(func(fstest.MapFS) {})); got != want {
		t.Error("the same files give another digest")
	}
	site, _ := Site(base)
	if site.Digest() != want {
		t.Error("Site and Read give other digests")
	}
	for name, edit := range map[string]func(fstest.MapFS){
		"a byte":     func(c fstest.MapFS) { c["content/guides/a.md"].Data = []byte("---\ntitle: A\n---\nTexte!\n") },
		"a new file": func(c fstest.MapFS) { c["content/guides/b.md"] = &fstest.MapFile{Data: []byte("x")} },
		"a removed":  func(c fstest.MapFS) { delete(c, "layouts/page.html") },
		"a renamed": func(c fstest.MapFS) {
			c["content/guides/b.md"] = c["content/guides/a.md"]
			delete(c, "content/guides/a.md")
		},
		"bytes moved": func(c fstest.MapFS) {
			c["content/site.yaml"].Data = []byte("title: Sit")
			c["layouts/page.html"].Data = []byte("e\n<p>{{.Title}}</p>\n")
		},
		"an asset now": func(c fstest.MapFS) { c["assets/site.css"] = &fstest.MapFile{Data: []byte("p{}")} },
	} {
		if digest(with(edit)) == want {
			t.Errorf("%s: same digest", name)
		}
	}
}
