package sitetest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/site"
)

// Hostile content: whatever an editor (or someone who took over an
// editor's account) writes, relais escapes it or refuses it with a clear
// error at its file and line; it never runs it, never writes outside the
// output folder, never crashes, and its memory stays bounded.

// peakHeap runs f and returns the highest heap in use while it ran, above
// what was in use before, sampled every millisecond with
// runtime.ReadMemStats.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	if peak < base {
		return 0
	}
	return peak - base
}

// renderFS builds fsys in memory at the pinned clock and measures it.
func renderFS(t *testing.T, fsys fs.FS) (res *pipeline.Result, peak uint64, took time.Duration, err error) {
	t.Helper()
	now, _ := time.Parse(time.RFC3339, Now)
	start := time.Now()
	peak = peakHeap(func() {
		res, err = pipeline.Render(pipeline.Options{Source: fsys, Site: site.Options{Now: now}})
	})
	return res, peak, time.Since(start), err
}

// withFiles returns the repository's layouts and assets, a site.yaml and
// the given content files.
func withFiles(t *testing.T, files map[string]string) fstest.MapFS {
	fsys := siteFiles(t)
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// contentErrors returns the messages of a build's content errors, each
// "file:line:col: message"; another error fails the test.
func contentErrors(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatal("the build succeeded")
	}
	var ce *pipeline.ContentErrors
	if !errors.As(err, &ce) {
		t.Fatalf("not a content error: %v", err)
	}
	var out []string
	for _, e := range ce.List {
		out = append(out, e.Error())
	}
	return out
}

func wantError(t *testing.T, errs []string, want string) {
	t.Helper()
	for _, e := range errs {
		if strings.Contains(e, want) {
			return
		}
	}
	t.Errorf("no error %q among:\n  %s", want, strings.Join(errs, "\n  "))
}

const hostileTitle = `<script>alert("titre")</script> "><img src=x onerror=alert(1)> {{.Site.Config}} ' onmouseover='alert(2)`

const hostileBody = `Un texte <script>alert(1)</script> avec <b onclick="alert(1)">du HTML</b>.

<iframe src="https://example.org/"></iframe>
<style>body { display: none }</style>

[lien](javascript:alert(1)) [lien](JAVASCRIPT:alert(1)) [lien](vbscript:msgbox(1))
[lien](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![image](javascript:alert(1))
<javascript:alert(1)> [ref][r]

[r]: javascript:alert(1)

` + "```html\n<script>alert('code')</script>\n```\n\n`<script>`" + `

{{template "main" .}} {{.Site.Config.BaseURL}}
`

// TestHostileContentIsEscaped writes HTML, scripts, event handlers,
// javascript: links and template syntax into the titles, summaries and
// bodies of a guide, a directive and a programme: every page, feed and
// data file carries them as text, and no page holds an element or
// attribute that would run.
func TestHostileContentIsEscaped(t *testing.T) {
	prog := catalog.GenerateFixture(1, 1)
	files := map[string]string{
		"content/guides/hostile.md": "---\ntitle: " + yamlQuote(hostileTitle) + "\nsummary: " + yamlQuote(hostileTitle) + "\naudiences: [parents]\n---\n" + hostileBody,
		"content/national/directives/2020-03-20-hostile.md": "---\ntitle: " + yamlQuote(hostileTitle) + "\ndate: 2020-03-20 10:00\naudiences: [parents]\nsummary: " + yamlQuote(hostileTitle) +
			"\nurgent: true\nexpires: 2020-04-01\n---\n" + hostileBody,
	}
	for p, data := range prog {
		s := string(data)
		if p != catalog.VocabularyPath {
			s = strings.Replace(s, "title: ", "title: "+yamlQuote(hostileTitle)+"\nx: ", 1)
			s = strings.Replace(s, "\nx: ", "\n# ", 1)
			s = strings.Replace(s, "summary: ", "summary: "+yamlQuote(hostileTitle)+"\n# ", 1)
			s += "\n" + hostileBody
		}
		files[p] = s
	}
	res, peak, _, err := renderFS(t, withFiles(t, files))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d outputs, peak heap %d MB", len(res.Outputs), peak>>20)
	escaped := 0
	for _, o := range res.Outputs {
		switch {
		case strings.HasSuffix(o.Path, ".html"):
			if v := append(CheckPage(o.Data), hostileElements(o.Data)...); len(v) > 0 {
				t.Errorf("%s: %s", o.Path, strings.Join(v, "; "))
			}
			if bytes.Contains(o.Data, []byte("&lt;script>alert(")) || bytes.Contains(o.Data, []byte("&lt;script&gt;alert(")) {
				escaped++
			}
			if bytes.Contains(o.Data, []byte("{{")) && !bytes.Contains(o.Data, []byte("{{.Site")) && !bytes.Contains(o.Data, []byte("{{template")) {
				t.Errorf("%s: template syntax that is not the content's", o.Path)
			}
		case strings.HasSuffix(o.Path, ".xml"):
			if err := wellFormed(o.Data); err != nil {
				t.Errorf("%s: %v", o.Path, err)
			}
			if hasElement(o.Data, "script") {
				t.Errorf("%s: a <script> element", o.Path)
			}
		}
	}
	if escaped < 3 {
		t.Errorf("the hostile title shows escaped in %d pages, want the guide, the directive and the programme at least", escaped)
	}
}

func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func hasElement(data []byte, name string) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok && strings.EqualFold(se.Name.Local, name) {
			return true
		}
	}
}

// TestOversizedFileIsRefused: a 50 MB file is refused before it is read,
// with its size and the limit, and the build neither holds it in memory
// nor touches public/.
func TestOversizedFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	CopyDir(t, filepath.Join(RepoRoot(t), "layouts"), filepath.Join(siteDir, "layouts"))
	CopyDir(t, filepath.Join(RepoRoot(t), "assets"), filepath.Join(siteDir, "assets"))
	write(t, filepath.Join(siteDir, "content", "site.yaml"), []byte(DefaultSiteYAML))
	big := filepath.Join(siteDir, "content", "guides", "enorme.md")
	write(t, big, []byte("---\ntitle: Énorme\n---\n"))
	if err := os.Truncate(big, 50<<20); err != nil {
		t.Fatal(err)
	}
	_, peak, _, err := renderFS(t, os.DirFS(siteDir))
	wantError(t, contentErrors(t, err), "content/guides/enorme.md: le fichier fait 52.4 Mo, plus que la limite de 8 Mo : répartissez-le en plusieurs fichiers")
	if peak > 32<<20 {
		t.Errorf("peak heap %d MB while refusing a 50 MB file", peak>>20)
	}
	public := filepath.Join(siteDir, "public")
	write(t, filepath.Join(public, "index.html"), []byte("previous build"))
	res := Relais(t, "build", "--source", siteDir, "--now", Now)
	if res.Code != 1 || !strings.Contains(res.Stderr, "plus que la limite de 8 Mo") {
		t.Errorf("exit %d, stderr:\n%s", res.Code, res.Stderr)
	}
	if got := ReadTree(t, public); len(got) != 1 || string(got["index.html"]) != "previous build" {
		t.Errorf("public/ changed: %d files", len(got))
	}
}

// growingFS serves one file whose size says 1 KB but whose reads never end,
// as a file being appended to while relais reads it.
type growingFS struct {
	fstest.MapFS
	name string
}

func (g growingFS) Open(name string) (fs.File, error) {
	if name != g.name {
		return g.MapFS.Open(name)
	}
	f, err := g.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return &endless{File: f}, nil
}

type endless struct {
	fs.File
	n int64
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n += int64(len(p))
	return len(p), nil
}

// TestGrowingFileIsCut: a file that grows while it is read is read up to
// the limit and refused, never held whole.
func TestGrowingFileIsCut(t *testing.T) {
	const name = "content/guides/grandit.md"
	fsys := withFiles(t, map[string]string{name: "---\ntitle: x\n---\n"})
	_, peak, _, err := renderFS(t, growingFS{MapFS: fsys, name: name})
	wantError(t, contentErrors(t, err), name+": le fichier dépasse la limite de 8 Mo : répartissez-le en plusieurs fichiers")
	if peak > 64<<20 {
		t.Errorf("peak heap %d MB for a file cut at 8 MB", peak>>20)
	}
}

// TestDeepNestingIsRefused: 10,000 levels of nested lists or quotes, in
// every way Markdown writes them, are refused before parsing, at their
// file and line.
func TestDeepNestingIsRefused(t *testing.T) {
	const depth = 10000
	var indented strings.Builder // 1,000 levels: 10,000 would pass the 8 MB limit
	for i := range depth / 10 {
		indented.WriteString(strings.Repeat("  ", i) + "- niveau\n")
	}
	for name, body := range map[string]string{
		"indented":         indented.String(),
		"on-one-line":      strings.Repeat("- ", depth) + "x\n",
		"ordered":          strings.Repeat("1. ", depth) + "x\n",
		"ordered-paren":    strings.Repeat("1) ", depth) + "x\n",
		"quotes":           strings.Repeat(">", depth) + " x\n",
		"quotes-and-lists": strings.Repeat("> - ", depth/2) + "x\n",
	} {
		t.Run(name, func(t *testing.T) {
			p := "content/guides/" + name + ".md"
			_, peak, took, err := renderFS(t, withFiles(t, map[string]string{p: "---\ntitle: Profond\n---\n" + body}))
			errs := contentErrors(t, err)
			wantError(t, errs, p+":4:1: des listes ou des citations sont imbriquées sur ")
			wantError(t, errs, "plus que les 64 permis : mettez-les à plat")
			if peak > 64<<20 || took > 20*time.Second {
				t.Errorf("peak heap %d MB, %v", peak>>20, took)
			}
		})
	}
}

// TestDotDotIsRefused: ".." (plain or percent-encoded) in an alias, a
// timetable source, a link or a file name is refused with its position,
// and a failed build writes nothing, inside public/ or beside it.
func TestDotDotIsRefused(t *testing.T) {
	prog := catalog.GenerateFixture(1, 1)
	files := map[string]string{
		"content/national/directives/2020-03-20-alias.md":  "---\ntitle: Alias\ndate: 2020-03-20 10:00\naudiences: [parents]\naliases: [/directives/../../../etc/passwd/]\n---\nx\n",
		"content/national/directives/2020-03-20-encode.md": "---\ntitle: Encodé\ndate: 2020-03-20 10:00\naudiences: [parents]\naliases: [/directives/%2e%2e/, /%62onnes-pratiques/]\n---\nx\n",
		"content/guides/a..b.md":                           "---\ntitle: Points\n---\nx\n",
		"content/regions/idf/_index.md":                    "---\ntitle: Île-de-France\n---\n",
		"content/academies/paris/_index.md":                "---\ntitle: Paris\nregion: idf\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
		"content/academies/paris/timetables.yaml":          "- title: T\n  applies_to: [college]\n  effective: 2020-03-19\n  tone: demande\n  source:\n    said_by: x\n    directive: directives/../../../etc/passwd\n  slots:\n    - who: [6e]\n      from: \"08:00\"\n      to: \"10:00\"\n",
	}
	for p, data := range prog {
		s := string(data)
		if p != catalog.VocabularyPath {
			s = strings.Replace(s, "---\n\n", "aliases: [/programmes/../../../tmp/x/]\n---\n\n", 1)
		}
		files[p] = s
	}
	_, _, _, err := renderFS(t, withFiles(t, files))
	errs := contentErrors(t, err)
	wantError(t, errs, `content/national/directives/2020-03-20-alias.md:5:11: l'ancienne adresse « /directives/../../../etc/passwd/ » ne doit pas contenir « .. »`)
	wantError(t, errs, `content/national/directives/2020-03-20-encode.md:5:11: l'ancienne adresse « /directives/%2e%2e/ » doit s'écrire en lettres minuscules`)
	wantError(t, errs, `content/national/directives/2020-03-20-encode.md:5:32: l'ancienne adresse « /%62onnes-pratiques/ » doit s'écrire en lettres minuscules`)
	wantError(t, errs, "l'alias « /programmes/../../../tmp/x/ » ne doit pas contenir « .. »")
	wantError(t, errs, `content/guides/a..b.md: le nom du fichier « a..b » ne convient pas pour une adresse`)
	wantError(t, errs, `content/academies/paris/timetables.yaml:7:16: directive "directives/../../../etc/passwd" : nommez une directive du même émetteur`)

	// Links are checked once every file decodes.
	_, _, _, err = renderFS(t, withFiles(t, map[string]string{
		"content/guides/liens.md": "---\ntitle: Liens\n---\n[a](../../../../etc/passwd) [b](/../../x/) ![c](../../../x.png) [d](../../../../etc/passwd.md)\n",
	}))
	errs = contentErrors(t, err)
	wantError(t, errs, `content/guides/liens.md:4:1: le lien vers « ../../../../etc/passwd » ne mène à aucune page du site`)
	wantError(t, errs, `content/guides/liens.md:4:29: le lien vers « /../../x/ » ne mène à aucune page du site`)
	wantError(t, errs, `content/guides/liens.md:4:45: le lien vers « ../../../x.png » ne mène à aucune page du site`)
	wantError(t, errs, `content/guides/liens.md:4:65: le lien vers « ../../../../etc/passwd.md » ne mène à aucune page`)

	// The whole command: nothing written, public/ as it was, nothing beside.
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	for p, data := range files {
		write(t, filepath.Join(siteDir, filepath.FromSlash(p)), []byte(data))
	}
	write(t, filepath.Join(siteDir, "content", "site.yaml"), []byte(DefaultSiteYAML))
	CopyDir(t, filepath.Join(RepoRoot(t), "layouts"), filepath.Join(siteDir, "layouts"))
	CopyDir(t, filepath.Join(RepoRoot(t), "assets"), filepath.Join(siteDir, "assets"))
	write(t, filepath.Join(siteDir, "public", "index.html"), []byte("previous build"))
	before := ReadTree(t, dir)
	if res := Relais(t, "build", "--source", siteDir, "--now", Now); res.Code != 1 {
		t.Errorf("exit %d", res.Code)
	}
	after := ReadTree(t, dir)
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("the failed build wrote %s", p)
		}
	}
}

// TestBillionLaughs: YAML aliases that would expand a billion times are
// not expanded: the fields that get a list of lists are refused, quickly
// and in little memory.
func TestBillionLaughs(t *testing.T) {
	laughs := "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		laughs += n + ": &" + n + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", ") + "]\n"
		prev = n
	}
	front := "---\n" + laughs + "title: *i\naudiences: *i\ndate: 2020-03-20 10:00\n---\nx\n"
	// In a timetables file, the same under a timetable's fields.
	timetables := "- title: T\n  applies_to: [college]\n  effective: 2020-03-19\n  note: &a [lol, lol, lol, lol, lol, lol, lol, lol]\n  tone: conseil\n  source: {said_by: x}\n  effective_basis: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n  days: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n  slots: [{who: *c, from: \"08:00\", to: \"09:00\"}]\n"
	files := map[string]string{
		"content/guides/rires.md":                         front,
		"content/national/directives/2020-03-20-rires.md": front,
		"content/regions/idf/_index.md":                   "---\ntitle: Île-de-France\n---\n",
		"content/academies/paris/_index.md":               "---\ntitle: Paris\nregion: idf\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
		"content/academies/paris/timetables.yaml":         timetables,
	}
	_, peak, took, err := renderFS(t, withFiles(t, files))
	errs := contentErrors(t, err)
	wantError(t, errs, `content/guides/rires.md:10:4: « title » doit être un texte, pas une liste`)
	wantError(t, errs, `content/guides/rires.md:9:4: chaque élément de « audiences » doit être un mot, pas une liste`)
	wantError(t, errs, `content/national/directives/2020-03-20-rires.md:10:4: « title » doit être un texte, pas une liste`)
	wantError(t, errs, `content/academies/paris/timetables.yaml:7:20: chaque élément de « who » doit être un mot, pas une liste`)
	if peak > 64<<20 || took > 20*time.Second {
		t.Errorf("peak heap %d MB, %v", peak>>20, took)
	}
}

// TestLongLines: a 7 MB line of Markdown (under the 8 MB limit), full of
// HTML and French punctuation, and a title of 100,000 characters are
// rendered in bounded time and memory, the HTML escaped or left out. (The
// French typography of such a line took six minutes before it was made
// linear.)
func TestLongLines(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 7 MB of Markdown")
	}
	// Raw HTML is left out of the page (goldmark writes a comment the
	// minifier drops); the text around it stays.
	line := strings.Repeat(`Texte « guillemets » ; deux-points : ! ? & <script>alert(1)</script> `, 7<<20/72)
	title := strings.Repeat("Titre <b>long</b> ; ", 100000/20)
	files := map[string]string{
		"content/guides/longue.md": "---\ntitle: " + yamlQuote(title) + "\n---\n" + line + "\n",
	}
	res, peak, took, err := renderFS(t, withFiles(t, files))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("7 MB line: %v, peak heap %d MB", took, peak>>20)
	for _, o := range res.Outputs {
		if o.Path == "bonnes-pratiques/longue/index.html" {
			if v := append(CheckPage(o.Data), hostileElements(o.Data)...); len(v) > 0 {
				t.Errorf("%s", strings.Join(v[:min(5, len(v))], "; "))
			}
			if n := bytes.Count(o.Data, []byte("guillemets")); n < 100000 {
				t.Errorf("the text shows %d times", n)
			}
			// Escaped by html/template (&gt;), or as the minifier
			// writes it (a bare > in text).
			if n := bytes.Count(o.Data, []byte("Titre &lt;b&gt;long&lt;/b&gt;")) + bytes.Count(o.Data, []byte("Titre &lt;b>long&lt;/b>")); n < 5000 {
				t.Errorf("the title shows escaped %d times", n)
			}
		}
	}
	if peak > 1<<30 {
		t.Errorf("peak heap %d MB for a 7 MB file", peak>>20)
	}
	if took > 2*time.Minute {
		t.Errorf("%v for a 7 MB line", took)
	}
}

// TestNoWritingOutsidePublic: a successful build of hostile content writes
// public/, its spare and relais' state and cache folders, nothing else.
func TestNoWritingOutsidePublic(t *testing.T) {
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	files := map[string]string{
		"content/guides/hostile.md":  "---\ntitle: " + yamlQuote(hostileTitle) + "\n---\n" + hostileBody,
		"content/guides/liens-ok.md": "---\ntitle: Liens\n---\n[la liste](/bonnes-pratiques/) [un autre](hostile.md)\n",
	}
	for p, data := range files {
		write(t, filepath.Join(siteDir, filepath.FromSlash(p)), []byte(data))
	}
	write(t, filepath.Join(siteDir, "content", "site.yaml"), []byte(DefaultSiteYAML))
	CopyDir(t, filepath.Join(RepoRoot(t), "layouts"), filepath.Join(siteDir, "layouts"))
	CopyDir(t, filepath.Join(RepoRoot(t), "assets"), filepath.Join(siteDir, "assets"))
	before := ReadTree(t, dir)
	if res := Relais(t, "build", "--source", siteDir, "--now", Now, "--cache-dir", filepath.Join(dir, "cache")); res.Code != 0 {
		t.Fatalf("exit %d:\n%s", res.Code, res.Stderr)
	}
	var outside []string
	for p := range ReadTree(t, dir) {
		if _, ok := before[p]; ok {
			continue
		}
		switch {
		case strings.HasPrefix(p, "site/public/"), strings.HasPrefix(p, "site/.public.previous/"),
			strings.HasPrefix(p, "site/.relais/"), strings.HasPrefix(p, "cache/"):
		default:
			outside = append(outside, p)
		}
	}
	slices.Sort(outside)
	if len(outside) > 0 {
		t.Errorf("files written outside public/ and relais' own folders: %v", outside)
	}
}
