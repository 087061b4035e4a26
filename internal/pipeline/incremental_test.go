package pipeline

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/fixture"
	"github.com/relais-ecoles/relais/internal/site"
)

// editableSite returns the repository's site (content, layouts, assets) with
// n more generated guides, as a MapFS that a test may change.
func editableSite(tb testing.TB, n int) fstest.MapFS {
	tb.Helper()
	root, _ := filepath.Abs("../..")
	fsys := fstest.MapFS{}
	for _, dir := range []string{"content", "layouts", "assets"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	for i := range n {
		fsys[fmt.Sprintf("content/guides/essai-%03d.md", i)] = &fstest.MapFile{Data: []byte(guideText(i, i%7, "Texte du conseil."))}
	}
	return fsys
}

func guideText(i, weight int, body string) string {
	return fmt.Sprintf("---\ntitle: Conseil d’essai %d\nsummary: Résumé %d.\naudiences: [parents]\nweight: %d\n---\n%s\n\nVoir [la liste](/bonnes-pratiques/).\n", i, i, weight, body)
}

// outputsOf maps each output path of a result to its text.
func outputsOf(res *Result) map[string]string {
	m := make(map[string]string, len(res.Outputs))
	for _, o := range res.Outputs {
		m[o.Path] = string(o.Data)
	}
	return m
}

// compareBuilds checks that the incremental outcome is the full build's:
// the same files with the same bytes, or the same errors.
func compareBuilds(t *testing.T, step string, inc *Result, incErr error, full *Result, fullErr error) {
	t.Helper()
	if (incErr != nil) != (fullErr != nil) {
		t.Fatalf("%s: incremental error %v, full build error %v", step, incErr, fullErr)
	}
	if fullErr != nil {
		if incErr.Error() != fullErr.Error() {
			t.Fatalf("%s: errors differ:\nincremental:\n%v\nfull:\n%v", step, incErr, fullErr)
		}
		return
	}
	got, want := outputsOf(inc), outputsOf(full)
	if len(got) != len(want) {
		t.Errorf("%s: %d outputs, full build %d", step, len(got), len(want))
	}
	var differ []string
	for p, w := range want {
		if g, ok := got[p]; !ok || g != w {
			differ = append(differ, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			differ = append(differ, p)
		}
	}
	slices.Sort(differ)
	if len(differ) > 0 {
		p := differ[0]
		t.Fatalf("%s: %d outputs differ from the full build: %v\nfirst, %s (-full +incremental):\n%s", step, len(differ), differ, p, cmp.Diff(want[p], got[p]))
	}
}

// randomEdit is one random change to a site; it returns the paths it touched
// (as a watcher reports them) and a description.
type randomEdit func(r *rand.Rand, fsys fstest.MapFS, n int) (paths []string, what string)

var titleLine = regexp.MustCompile(`(?m)^title: (.*)$`)

// filesUnder returns the paths under dir with the extension ext, sorted.
func filesUnder(fsys fstest.MapFS, dir, ext string) []string {
	var out []string
	for p := range fsys {
		if strings.HasPrefix(p, dir) && path.Ext(p) == ext {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func pick(r *rand.Rand, list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[r.IntN(len(list))]
}

// markdownFiles are the Markdown content files that have a title, but the
// territory, whose files are site-wide.
func markdownFiles(fsys fstest.MapFS) []string {
	var out []string
	for _, p := range filesUnder(fsys, "content/", ".md") {
		if !SiteWide(p) && titleLine.Match(fsys[p].Data) {
			out = append(out, p)
		}
	}
	return out
}

var randomEdits = map[string]randomEdit{
	"body": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, markdownFiles(fsys))
		f := fsys[p]
		f.Data = append(slices.Clip(f.Data), fmt.Sprintf("\nParagraphe ajouté %d, avec *emphase*.\n", n)...)
		return []string{p}, "edit the body of " + p
	},
	"title": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, markdownFiles(fsys))
		f := fsys[p]
		f.Data = appendToValue(f.Data, titleLine, fmt.Sprintf(" (modifié %d)", n))
		return []string{p}, "edit the title of " + p
	},
	"summary": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, markdownFiles(fsys))
		f := fsys[p]
		re := regexp.MustCompile(`(?m)^summary: (.*)$`)
		if !re.Match(f.Data) {
			return nil, "no summary in " + p
		}
		f.Data = appendToValue(f.Data, re, fmt.Sprintf(" (résumé %d)", n))
		return []string{p}, "edit the summary of " + p
	},
	"weight": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, filesUnder(fsys, "content/guides/essai-", ".md"))
		if p == "" {
			return nil, "nothing to reweigh"
		}
		i, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "content/guides/essai-"), ".md"))
		fsys[p].Data = []byte(guideText(i, r.IntN(20), fmt.Sprintf("Déplacé %d.", n)))
		return []string{p}, "reweigh " + p
	},
	"add guide": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := fmt.Sprintf("content/guides/essai-%03d.md", 500+n)
		// A link to a shipped guide (the "delete" edit leaves those): the
		// link breaks, then heals, when that guide is removed and brought
		// back.
		var shipped []string
		for _, p := range filesUnder(fsys, "content/guides/", ".md") {
			if !strings.HasPrefix(p, "content/guides/essai-") {
				shipped = append(shipped, p)
			}
		}
		other := pick(r, shipped)
		body := "Nouveau conseil."
		if other != "" {
			body += fmt.Sprintf(" Voir aussi [l’autre](%s).", path.Base(other))
		}
		fsys[p] = &fstest.MapFile{Data: []byte(guideText(500+n, r.IntN(20), body))}
		return []string{p}, "add " + p
	},
	"add in new folder": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// A directive of the ministry in a folder that may not exist yet.
		dir := "content/national/directives"
		p := fmt.Sprintf("%s/essai-%d.md", dir, n)
		src := pick(r, filesUnder(fsys, dir+"/", ".md"))
		if src == "" {
			return nil, "no directive to copy"
		}
		fsys[p] = &fstest.MapFile{Data: copyable(fsys[src].Data)}
		return []string{dir}, "add " + p + " (the folder is reported)"
	},
	"delete": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		list := append(filesUnder(fsys, "content/guides/essai-", ".md"), filesUnder(fsys, "content/national/directives/essai-", ".md")...)
		p := pick(r, list)
		if p == "" {
			return nil, "nothing to delete"
		}
		delete(fsys, p)
		return []string{p}, "delete " + p
	},
	"layout": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, []string{"layouts/partials/site.html", "layouts/guide.html"})
		f := fsys[p]
		f.Data = append(slices.Clip(f.Data), fmt.Sprintf("{{define \"essai%d\"}}%d{{end}}\n", n, n)...)
		if p == "layouts/partials/site.html" {
			f.Data = []byte(strings.Replace(string(f.Data), "Site statique", fmt.Sprintf("Site statique %d", n), 1))
		}
		return []string{p}, "edit " + p
	},
	"css": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := "assets/css/site.css"
		f := fsys[p]
		f.Data = append(slices.Clip(f.Data), fmt.Sprintf(".essai-%d{margin:%dpx}\n", n, n)...)
		return []string{p}, "edit " + p
	},
	"site.yaml": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		f := fsys[config.Path]
		f.Data = regexp.MustCompile(`(?m)^tagline: .*$`).ReplaceAll(f.Data, []byte(fmt.Sprintf("tagline: Slogan %d", n)))
		return []string{config.Path}, "edit the tagline in site.yaml"
	},
	"footer title": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, filesUnder(fsys, "content/pages/", ".md"))
		if p == "" {
			return nil, "no page"
		}
		f := fsys[p]
		f.Data = titleLine.ReplaceAll(f.Data, []byte(fmt.Sprintf("title: Page %d", n)))
		return []string{p}, "retitle the footer page " + p
	},
	"js": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, filesUnder(fsys, "assets/js/", ".js"))
		f := fsys[p]
		f.Data = append(slices.Clip(f.Data), fmt.Sprintf("\nvar essai%d=%d;\n", n, n)...)
		return []string{p}, "edit " + p
	},
	"image": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := "assets/img/favicon.svg"
		f := fsys[p]
		f.Data = []byte(strings.Replace(string(f.Data), "</svg>", fmt.Sprintf("<desc>essai %d</desc></svg>", n), 1))
		return []string{p}, "edit " + p
	},
	"page footer": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// In the footer of every page, or out of it.
		p := pick(r, filesUnder(fsys, "content/pages/", ".md"))
		if p == "" {
			return nil, "no page"
		}
		f := fsys[p]
		if frontLine("footer").Match(f.Data) {
			f.Data = setFront(f.Data, "footer", "")
			return []string{p}, "take " + p + " out of the footer"
		}
		f.Data = setFront(f.Data, "footer", "true")
		return []string{p}, "put " + p + " in the footer"
	},
	"territory summary": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, territoryFiles(fsys))
		f := fsys[p]
		f.Data = setFront(f.Data, "summary", fmt.Sprintf("Résumé du territoire %d.", n))
		return []string{p}, "edit the summary of " + p
	},
	"territory body": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, territoryFiles(fsys))
		f := fsys[p]
		f.Data = append(slices.Clip(f.Data), fmt.Sprintf("\nParagraphe du territoire %d.\n", n)...)
		return []string{p}, "edit the body of " + p
	},
	"departements.csv": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// A département's name: the list of départements, its short
		// address's page, its académie's page.
		p := "content/departements.csv"
		f, ok := fsys[p]
		if !ok {
			return nil, "no departements.csv"
		}
		lines := strings.SplitAfter(string(f.Data), "\n")
		i := 1 + r.IntN(len(lines)-2)
		cols := strings.Split(lines[i], ",")
		if len(cols) < 3 {
			return nil, "no département on line " + strconv.Itoa(i+1)
		}
		cols[1] += fmt.Sprintf(" %d", n)
		lines[i] = strings.Join(cols, ",")
		f.Data = []byte(strings.Join(lines, ""))
		return []string{p}, "rename the département of line " + strconv.Itoa(i+1)
	},
	"vocabulary": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := "content/programmes/_vocabulary.yaml"
		f, ok := fsys[p]
		if !ok {
			return nil, "no vocabulary"
		}
		re := regexp.MustCompile(`(?m)^    label: (.*)$`)
		ms := re.FindAllSubmatchIndex(f.Data, -1)
		if len(ms) == 0 {
			return nil, "no label in " + p
		}
		m := ms[r.IntN(len(ms))]
		f.Data = slices.Concat(f.Data[:m[3]], []byte(fmt.Sprintf(" %d", n)), f.Data[m[3]:])
		return []string{p}, "relabel an entry of " + p
	},
	"guide audiences": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// The guides list groups guides by audience.
		p := pick(r, filesUnder(fsys, "content/guides/", ".md"))
		if p == "" { // the folder removed by the same update
			return nil, "no guide"
		}
		aud := pick(r, []string{"[parents]", "[enseignants]", "[eleves, parents]", "[tous]"})
		fsys[p].Data = setFront(fsys[p].Data, "audiences", aud)
		return []string{p}, "set the audiences of " + p + " to " + aud
	},
	"guide draft": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// Only a generated guide, which no text links to.
		p := pick(r, filesUnder(fsys, "content/guides/essai-", ".md"))
		if p == "" {
			return nil, "no generated guide"
		}
		if frontLine("draft").Match(fsys[p].Data) {
			fsys[p].Data = setFront(fsys[p].Data, "draft", "")
			return []string{p}, "publish the draft " + p
		}
		fsys[p].Data = setFront(fsys[p].Data, "draft", "true")
		return []string{p}, "make " + p + " a draft"
	},
	"touch": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, markdownFiles(fsys))
		return []string{p, "content/.git/index", "content/guides/.x.md.swp"}, "report " + p + " and ignored files unchanged"
	},
}

// appendToValue appends suffix to the value of the first front matter
// line that line matches (its value the first group), inside its quotes
// when it is quoted.
func appendToValue(data []byte, line *regexp.Regexp, suffix string) []byte {
	m := line.FindSubmatchIndex(data)
	if m == nil {
		return data
	}
	end := m[3]
	if v := data[m[2]:m[3]]; len(v) > 1 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		end--
	}
	return slices.Concat(data[:end], []byte(suffix), data[end:])
}

func withoutAliases(data []byte) []byte {
	var out []string
	skip := false
	for _, l := range strings.SplitAfter(string(data), "\n") {
		if strings.HasPrefix(l, "aliases:") {
			skip = true
			continue
		}
		if skip && (strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "- ")) {
			continue
		}
		skip = false
		out = append(out, l)
	}
	return []byte(strings.Join(out, ""))
}

// TestIncrementalMatchesFullBuild applies edits to a site (the shipped
// content with generated guides) and checks after each that the
// incremental build gives the full build's files byte for byte, or its
// errors. Every kind of edit is made on every run, in a random order, then
// random combinations of them; a broken front matter is written and
// repaired on the way, a file or folder removed and brought back, a file
// renamed and a directive moved to another issuer, and back.
func TestIncrementalMatchesFullBuild(t *testing.T) {
	t.Parallel()
	checkRandomEdits(t, editableSite(t, 12), editPlan(3), randomEdits, directiveEdits, timetableEdits, programmeEdits)
}

// TestIncrementalMatchesFullBuildFixture is TestIncrementalMatchesFullBuild
// on a generated national site (internal/fixture): hundreds of directives
// of every issuer, so that lists run over several pages, banners and
// archives, the timetables of every académie and a catalog of programmes;
// the edits are those of directives, timetables and programmes.
func TestIncrementalMatchesFullBuildFixture(t *testing.T) {
	t.Parallel()
	fix := fixture.Generate(fixture.Options{Directives: 200, Programmes: 40, Guides: 8, Seed: 7})
	root, _ := filepath.Abs("../..")
	fsys, err := fix.MapFS(root)
	if err != nil {
		t.Fatal(err)
	}
	checkRandomEdits(t, fsys, editPlan(2), directiveEdits, timetableEdits, programmeEdits)
}

// plan is how checkRandomEdits groups its edits: group kinds of edit to an
// update (1: each alone), then extra updates of two to four kinds drawn at
// random. With together, the four edits that checkRandomEdits undoes at
// the next update go to one update, which makes one undo instead of four.
type plan struct {
	group, extra int
	together     bool
}

// editPlan is the plan of a run. Every run makes every kind of edit; what
// varies is how many go to one update, so how many full builds the test
// compares with (each costs a render of the whole site):
//
//   - by default (make test), three kinds to an update, then extra
//     random combinations;
//   - under go test -short and the race detector, eight to an update,
//     the four that checkRandomEdits undoes in the same one, and one
//     combination;
//   - with RELAIS_LONG=1 (make test-long), each kind alone, then the
//     extra combinations.
//
// RELAIS_INCREMENTAL_EXTRA sets the number of combinations.
func editPlan(extra int) plan {
	p := plan{group: 3, extra: extra}
	switch {
	case os.Getenv("RELAIS_LONG") != "":
		p.group = 1
	case testing.Short() || raceEnabled:
		p = plan{group: 8, extra: 1, together: true}
	}
	if s := os.Getenv("RELAIS_INCREMENTAL_EXTRA"); s != "" {
		p.extra, _ = strconv.Atoi(s)
	}
	return p
}

// The edits checkRandomEdits makes itself, each undone at the next step:
// a broken front matter (the last good build stays; the repair builds
// again), a file or a whole folder removed (brought back), a content file
// renamed (its old name back) and a directive moved to the folder of
// another issuer (moved back). They may break links (the errors are
// compared too); the undo repairs them.
const (
	breakFront    = "break a front matter"
	removeSome    = "remove a file or folder"
	renameSome    = "rename a file"
	moveDirective = "move a directive to another issuer"
)

// checkRandomEdits makes every edit of edits, and the four above, in an
// order drawn at random, grouped as p says, then p.extra random
// combinations of edits, to fsys; it compares the incremental build with
// the full build after each update. The kinds that make the incremental
// build render every page (wideKinds) are grouped apart from the others. So every kind of edit is tried on
// every run, and the order (what the caches hold when an edit comes)
// varies from run to run. RELAIS_INCREMENTAL_SEED sets the seed.
func checkRandomEdits(t *testing.T, fsys fstest.MapFS, p plan, edits ...map[string]randomEdit) {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("RELAIS_INCREMENTAL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (RELAIS_INCREMENTAL_SEED=%d to replay)", seed, seed)
	r := rand.New(rand.NewPCG(seed, 1))

	opts := Options{Source: fsys, Site: site.Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.FixedZone("CET", 3600))}}
	inc := NewIncremental(opts)
	res, _, err := inc.Build()
	full, fullErr := Render(opts)
	compareBuilds(t, "first build", res, err, full, fullErr)
	if fullErr != nil {
		t.Fatalf("the site does not build: %v", fullErr)
	}

	all := map[string]randomEdit{}
	for _, m := range edits {
		maps.Copy(all, m)
	}
	names := slices.Sorted(maps.Keys(all))
	kinds := append(slices.Clone(names), breakFront, removeSome, renameSome, moveDirective)
	r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	// The kinds that make the incremental build render every page go to
	// updates of their own: grouped with them, the other kinds would be
	// checked only where it renders everything, not where it keeps pages.
	wide := wideKinds(fsys, all)
	t.Logf("kinds that render every page: %v", slices.Sorted(func(yield func(string) bool) {
		for k, w := range wide {
			if w && !yield(k) {
				return
			}
		}
	}))
	reversible := []string{breakFront, removeSome, renameSome, moveDirective}
	if p.together {
		// First among the other kinds, so in one update.
		kinds = slices.DeleteFunc(kinds, func(k string) bool { return slices.Contains(reversible, k) })
		first := slices.Clone(reversible)
		r.Shuffle(len(first), func(i, j int) { first[i], first[j] = first[j], first[i] })
		kinds = append(first, kinds...)
	}
	var schedule [][]string
	for _, w := range []bool{true, false} {
		group := slices.DeleteFunc(slices.Clone(kinds), func(k string) bool { return wide[k] != w })
		for c := range slices.Chunk(group, max(1, p.group)) {
			schedule = append(schedule, c)
		}
	}
	r.Shuffle(len(schedule), func(i, j int) { schedule[i], schedule[j] = schedule[j], schedule[i] })
	for range p.extra {
		combo := make([]string, 2+r.IntN(3))
		for i := range combo {
			combo[i] = names[r.IntN(len(names))]
		}
		schedule = append(schedule, combo)
	}
	n := 0
	// apply updates both builds; the site must build after the edits of
	// edits (mayBreak is false), which would otherwise leave the later
	// steps to compare errors only.
	apply := func(paths []string, what string, mayBreak bool) {
		step := fmt.Sprintf("step %d: %s", n, what)
		res, st, err := inc.Update(paths)
		full, fullErr := Render(opts)
		compareBuilds(t, step, res, err, full, fullErr)
		t.Logf("%s: %d files changed, %d pages rendered, %d kept, all: %v, error: %v", step, len(st.Files), st.Rendered, st.Reused, st.All, err)
		if fullErr != nil && !mayBreak {
			t.Fatalf("%s: the edit broke the site: %v", step, fullErr)
		}
		n++
	}
	for _, kinds := range schedule {
		var paths, whats []string
		// The edits checkRandomEdits makes itself: made with the others
		// (the site may not build), then undone, and the site must.
		var undos []func() ([]string, string, bool)
		for _, kind := range kinds {
			if undo := reversibleEdit(r, fsys, kind); undo != nil {
				ps, what, _ := undo()
				paths, whats = append(paths, ps...), append(whats, what)
				undos = append(undos, undo)
			}
		}
		for _, kind := range kinds {
			if slices.Contains(reversible, kind) {
				continue
			}
			// An edit that finds nothing to change (a file without a
			// summary) is drawn again, so that each kind is really made.
			var ps []string
			var what string
			for range 20 {
				if ps, what = all[kind](r, fsys, n); ps != nil {
					break
				}
			}
			paths = append(paths, ps...)
			whats = append(whats, kind+": "+what)
		}
		apply(paths, strings.Join(whats, "; "), len(undos) > 0)
		if len(undos) > 0 {
			paths, whats = nil, nil
			for _, undo := range slices.Backward(undos) {
				ps, what, _ := undo()
				paths, whats = append(paths, ps...), append(whats, what)
			}
			apply(paths, strings.Join(whats, "; "), false)
		}
	}
}

// wideKinds returns the kinds of edit of all that change a file every page
// may show (SiteWide) or a page of the footer (the frame of every page):
// after them the incremental build renders every page. Each edit is tried
// on a copy of fsys.
func wideKinds(fsys fstest.MapFS, all map[string]randomEdit) map[string]bool {
	wide := map[string]bool{}
	for kind, edit := range all {
		probe := fstest.MapFS{}
		for p, f := range fsys {
			c := *f
			probe[p] = &c
		}
		paths, _ := edit(rand.New(rand.NewPCG(1, 2)), probe, 0)
		wide[kind] = slices.ContainsFunc(paths, func(p string) bool {
			return SiteWide(p) || strings.HasPrefix(p, "content/pages/")
		})
	}
	return wide
}

// reversibleEdit makes the edit kind when it is one of the four that
// checkRandomEdits makes itself, and returns the function that reports it
// the first time it is called (the site may not build), undoes it and
// reports that the second (it must); it returns nil for another kind.
func reversibleEdit(r *rand.Rand, fsys fstest.MapFS, kind string) func() ([]string, string, bool) {
	var paths []string
	var what, undone string
	var undo func()
	switch kind {
	case breakFront:
		p := pick(r, markdownFiles(fsys))
		old := fsys[p].Data
		fsys[p].Data = []byte("---\ntitle: [cassé\naudiences: parents\n---\nTexte.\n")
		paths, what, undone = []string{p}, "break the front matter of "+p, "repair "+p
		undo = func() {
			if f, ok := fsys[p]; ok { // another edit of the update may have deleted it
				f.Data = old
			}
		}
	case removeSome:
		p := pick(r, filesUnder(fsys, "content/", ".md"))
		if r.IntN(2) == 0 {
			p = path.Dir(p)
		}
		stash := map[string]*fstest.MapFile{}
		for q, f := range fsys {
			if q == p || strings.HasPrefix(q, p+"/") {
				stash[q] = f
				delete(fsys, q)
			}
		}
		paths, what, undone = []string{p}, fmt.Sprintf("remove %s (%d files)", p, len(stash)), "bring back "+p
		undo = func() { maps.Copy(fsys, stash) }
	case renameSome, moveDirective:
		from := pick(r, markdownFiles(fsys))
		to := strings.TrimSuffix(from, ".md") + "-renomme.md"
		if kind == moveDirective {
			from = pick(r, directiveFiles(fsys))
			to = path.Join(path.Dir(pick(r, directiveFiles(fsys))), "deplacee-"+path.Base(from))
		}
		fsys[to] = fsys[from]
		delete(fsys, from)
		paths, what, undone = []string{from, to}, "rename "+from+" to "+to, "rename "+to+" back"
		undo = func() {
			if f, ok := fsys[to]; ok { // another edit of the update may have deleted it
				fsys[from] = f
				delete(fsys, to)
			}
		}
	default:
		return nil
	}
	calls := 0
	return func() ([]string, string, bool) {
		calls++
		if calls == 1 {
			return paths, kind + ": " + what, true
		}
		undo()
		return paths, kind + ": " + undone, false
	}
}

// directiveFiles are the directives of a site, of every issuer.
func directiveFiles(fsys fstest.MapFS) []string {
	var out []string
	for _, p := range filesUnder(fsys, "content/", ".md") {
		if _, _, ok := directive.IssuerOf(p); ok {
			out = append(out, p)
		}
	}
	return out
}

// addedDirectives are the directives the test added.
func addedDirectives(fsys fstest.MapFS) []string {
	var out []string
	for _, p := range directiveFiles(fsys) {
		if strings.HasPrefix(path.Base(p), "essai-") {
			out = append(out, p)
		}
	}
	return out
}

// redate dates a directive day, effective that day, not updated, expiring
// and urgent never, and returns the date.
func redate(f *fstest.MapFile, day time.Time) string {
	d := day.Format("2006-01-02")
	f.Data = setFront(f.Data, "date", d+" 08:00")
	f.Data = setFront(f.Data, "effective", d)
	f.Data = setFront(f.Data, "updated", "")
	f.Data = setFront(f.Data, "expires", "")
	f.Data = setFront(f.Data, "urgent", "")
	// What its source said was said that day (not after the directive).
	f.Data = sourceDay.ReplaceAll(f.Data, []byte("${1}"+d))
	return d
}

var sourceDay = regexp.MustCompile(`(?m)^(  on: )\d{4}-\d\d-\d\d$`)

// copyable is a directive's file without what names it alone: its old
// addresses and the timetables it sets, which another copy may not claim.
func copyable(data []byte) []byte {
	return setFront(withoutAliases(data), "timetables", "")
}

// frontLine matches a line of front matter with the given key.
func frontLine(key string) *regexp.Regexp { return regexp.MustCompile(`(?m)^` + key + `: .*\n`) }

// setFront sets a key of a file's front matter, adding it after the title
// when it is not there, or removes it when value is "".
func setFront(data []byte, key, value string) []byte {
	re := frontLine(key)
	line := ""
	if value != "" {
		line = key + ": " + value + "\n"
	}
	if re.Match(data) {
		return re.ReplaceAllLiteral(data, []byte(line))
	}
	if line == "" {
		return data
	}
	return titleLine.ReplaceAllFunc(data, func(m []byte) []byte { return append(slices.Clip(m), "\n"+strings.TrimSuffix(line, "\n")...) })
}

// directiveEdits change directives of every issuer: what lists, feeds,
// banners and archives show of them, and which ones there are.
var directiveEdits = map[string]randomEdit{
	"directive title": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, directiveFiles(fsys))
		fsys[p].Data = titleLine.ReplaceAll(fsys[p].Data, []byte(fmt.Sprintf("title: Directive modifiée %d", n)))
		return []string{p}, "retitle the directive " + p
	},
	"directive body": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, directiveFiles(fsys))
		fsys[p].Data = append(slices.Clip(fsys[p].Data), fmt.Sprintf("\nParagraphe %d, voir [les directives](/directives/).\n", n)...)
		return []string{p}, "edit the body of the directive " + p
	},
	"directive date": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// Earlier or later, before Now: it moves in every list and may
		// change its archive month.
		p := pick(r, directiveFiles(fsys))
		d := redate(fsys[p], time.Date(2020, 2, 20, 8, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(32)))
		return []string{p}, "date the directive " + p + " " + d
	},
	"directive future": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// Dated after Now, it is not published: only for a directive the
		// test added, which no text links to.
		p := pick(r, addedDirectives(fsys))
		if p == "" {
			return nil, "no added directive to date"
		}
		d := redate(fsys[p], time.Date(2020, 3, 24, 8, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(10)))
		return []string{p}, "date the directive " + p + " " + d + ", after now"
	},
	"directive urgent": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// Urgent until after Now (a banner), urgent and expired, or not.
		p := pick(r, directiveFiles(fsys))
		f := fsys[p]
		f.Data = setFront(f.Data, "effective", "2020-03-01")
		switch r.IntN(3) {
		case 0:
			f.Data = setFront(f.Data, "urgent", "true")
			f.Data = setFront(f.Data, "expires", "2020-04-30")
			return []string{p}, "make the directive " + p + " urgent"
		case 1:
			f.Data = setFront(f.Data, "urgent", "true")
			f.Data = setFront(f.Data, "expires", "2020-03-10")
			return []string{p}, "make the directive " + p + " urgent and expired"
		}
		f.Data = setFront(f.Data, "urgent", "")
		return []string{p}, "make the directive " + p + " not urgent"
	},
	"directive audiences": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, directiveFiles(fsys))
		f := fsys[p]
		aud := pick(r, []string{"[parents]", "[enseignants]", "[eleves, parents]", "[tous]"})
		f.Data = setFront(f.Data, "audiences", aud)
		lv := pick(r, []string{"", "[4e]", "[college]", "[cp, ce1]"})
		f.Data = setFront(f.Data, "levels", lv)
		return []string{p}, fmt.Sprintf("set the audiences of %s to %s, its levels to %q", p, aud, lv)
	},
	"directive summary": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, directiveFiles(fsys))
		fsys[p].Data = setFront(fsys[p].Data, "summary", fmt.Sprintf("Résumé changé %d.", n))
		return []string{p}, "edit the summary of the directive " + p
	},
	"directive draft": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// Only for a directive the test added, which no text links to.
		p := pick(r, addedDirectives(fsys))
		if p == "" {
			return nil, "no added directive to make a draft"
		}
		if frontLine("draft").Match(fsys[p].Data) {
			fsys[p].Data = setFront(fsys[p].Data, "draft", "")
			return []string{p}, "publish the draft " + p
		}
		fsys[p].Data = setFront(fsys[p].Data, "draft", "true")
		return []string{p}, "make the directive " + p + " a draft"
	},
	"add directive": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// A copy of a directive of any issuer, beside it (its relative
		// links lead where they did).
		src := pick(r, directiveFiles(fsys))
		if src == "" {
			return nil, "no directive to copy"
		}
		p := fmt.Sprintf("%s/essai-%d.md", path.Dir(src), n)
		fsys[p] = &fstest.MapFile{Data: copyable(fsys[src].Data)}
		return []string{p}, "add " + p + ", a copy of " + src
	},
	"directive aliases": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// An old address more (a redirect), or none.
		p := pick(r, directiveFiles(fsys))
		f := fsys[p]
		if r.IntN(3) == 0 {
			f.Data = withoutAliases(f.Data)
			return []string{p}, "remove the aliases of " + p
		}
		f.Data = setFront(withoutAliases(f.Data), "aliases", fmt.Sprintf("[/directives/ancienne-adresse-%d/]", n))
		return []string{p}, "give " + p + " an old address"
	},
	"directive author": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// Who signs its text.
		p := pick(r, directiveFiles(fsys))
		authors := []string{"", directive.AuthorSite}
		if frontLine("source").Match(fsys[p].Data) || regexp.MustCompile(`(?m)^source:\n`).Match(fsys[p].Data) {
			authors = append(authors, directive.AuthorIssuer) // which cites its source
		}
		a := pick(r, authors)
		fsys[p].Data = setFront(fsys[p].Data, "author", a)
		return []string{p}, fmt.Sprintf("set the author of %s to %q", p, a)
	},
	"directive expires": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// Expired: out of the lists, into the archive; or in force again.
		p := pick(r, directiveFiles(fsys))
		f := fsys[p]
		f.Data = setFront(f.Data, "urgent", "")
		if r.IntN(2) == 0 {
			f.Data = setFront(f.Data, "expires", "")
			return []string{p}, "make " + p + " expire never"
		}
		d := redate(f, time.Date(2020, 2, 20, 8, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(10)))
		f.Data = setFront(f.Data, "expires", "2020-03-10")
		return []string{p}, "date " + p + " " + d + ", expired on 2020-03-10"
	},
	"directive updated": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, directiveFiles(fsys))
		f := fsys[p]
		day := time.Date(2020, 2, 20, 8, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(30))
		redate(f, day)
		u := day.AddDate(0, 0, 1).Format("2006-01-02") + " 09:00"
		f.Data = setFront(f.Data, "updated", u)
		return []string{p}, "update " + p + " on " + u
	},
	// Twice in every run: the second adds a page to lists whose first
	// page keeps its directives, and whose pager must say so ("page 1 sur
	// 3"): a bug the page Deps did not see.
	"add a page of old directives":       addOldDirectives,
	"add another page of old directives": addOldDirectives,
	"delete directive": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, addedDirectives(fsys))
		if p == "" {
			return nil, "no added directive to delete"
		}
		delete(fsys, p)
		return []string{p}, "delete " + p
	},
}

// addOldDirectives adds, to the folder of an issuer, a list page's worth
// of directives and one more, older than every directive of the site: the
// lists they are in get a page more at their end.
func addOldDirectives(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
	dir := path.Dir(pick(r, directiveFiles(fsys)))
	var paths []string
	for i := range site.DirectivesPerPage + 1 {
		p := fmt.Sprintf("%s/essai-ancienne-%d-%d.md", dir, n, i)
		d := time.Date(2019, 12, 31, 8, 0, 0, 0, time.UTC).AddDate(0, 0, -n).Add(-time.Duration(i) * time.Minute)
		fsys[p] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Ancienne directive %d-%d\ndate: %s\naudiences: [parents]\nsummary: Une directive ancienne.\n---\nTexte %d.\n", n, i, d.Format("2006-01-02 15:04"), i))}
		paths = append(paths, p)
	}
	return paths, fmt.Sprintf("add %d old directives to %s", len(paths), dir)
}

var clockValue = regexp.MustCompile(`"([01]\d|2[0-3]):00"`)

// effectiveDay is the day a grid of a timetables.yaml takes effect.
var effectiveDay = regexp.MustCompile(`(?m)^  effective: (\d{4}-\d\d-\d\d)$`)

// timetableEdits change the timetables of académies and régions.
var timetableEdits = map[string]randomEdit{
	"timetable slot": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// A slot starts or ends a few minutes later: still within the hour.
		p := pick(r, timetableFiles(fsys))
		if p == "" {
			return nil, "no timetables"
		}
		f := fsys[p]
		ms := clockValue.FindAllIndex(f.Data, -1)
		if len(ms) == 0 {
			return nil, "no slot in " + p
		}
		m := ms[r.IntN(len(ms))]
		f.Data = slices.Concat(f.Data[:m[0]], []byte(fmt.Sprintf("%q", string(f.Data[m[0]+1:m[0]+3])+":"+fmt.Sprintf("%02d", 1+n%50))), f.Data[m[1]:])
		return []string{p}, "move a slot of " + p
	},
	"timetable title": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, timetableFiles(fsys))
		if p == "" {
			return nil, "no timetables"
		}
		f := fsys[p]
		re := regexp.MustCompile(`(?m)^- title: (.*)$`)
		ms := re.FindAllSubmatchIndex(f.Data, -1)
		if len(ms) == 0 {
			return nil, "no titled timetable in " + p
		}
		m := ms[r.IntN(len(ms))]
		old, title := strings.TrimSpace(string(f.Data[m[2]:m[3]])), fmt.Sprintf("Créneaux modifiés %d", n)
		f.Data = slices.Concat(f.Data[:m[0]], []byte("- title: "+title), f.Data[m[1]:])
		paths := []string{p}
		// The directives that set it name it («timetables»).
		for _, d := range directiveFiles(fsys) {
			if q := []byte(strconv.Quote(old)); bytes.Contains(fsys[d].Data, q) {
				fsys[d].Data = bytes.ReplaceAll(fsys[d].Data, q, []byte(strconv.Quote(title)))
				paths = append(paths, d)
			}
		}
		return paths, "retitle a timetable of " + p + " and the directives that name it"
	},
	"timetable effective": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		// A timetable in force from another day, maybe after now: which
		// one is current changes.
		p := pick(r, timetableFiles(fsys))
		if p == "" {
			return nil, "no timetables"
		}
		f := fsys[p]
		// The day stated by the source (effective_basis: stated, the
		// default), not its day of publication.
		re := regexp.MustCompile(`(?m)^  effective: \d{4}-\d\d-\d\d\n(?:  effective_basis: \w+\n)?`)
		ms := re.FindAllIndex(f.Data, -1)
		if len(ms) == 0 {
			return nil, "no effective date in " + p
		}
		m := ms[r.IntN(len(ms))]
		// Never a day another grid already takes effect on: two grids
		// of one level and one day are an error of the site, not an
		// edit that keeps it building.
		taken := map[string]bool{}
		for _, q := range timetableFiles(fsys) {
			for _, e := range effectiveDay.FindAllSubmatch(fsys[q].Data, -1) {
				taken[string(e[1])] = true
			}
		}
		var free []string
		for i := range 10 {
			if d := time.Date(2020, 3, 16, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02"); !taken[d] {
				free = append(free, d)
			}
		}
		if len(free) == 0 {
			return nil, "no free day for a timetable of " + p
		}
		d := free[r.IntN(len(free))]
		f.Data = slices.Concat(f.Data[:m[0]], []byte("  effective: "+d+"\n"), f.Data[m[1]:])
		return []string{p}, "make a timetable of " + p + " effective on " + d
	},
}

// timetableFiles are the timetables of académies and régions.
func timetableFiles(fsys fstest.MapFS) []string {
	var out []string
	for _, p := range filesUnder(fsys, "content/", ".yaml") {
		if path.Base(p) == "timetables.yaml" {
			out = append(out, p)
		}
	}
	return out
}

// programmeEdits change the programmes of the catalog.
var programmeEdits = map[string]randomEdit{
	"programme title": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, programmeFiles(fsys))
		if p == "" { // the folder removed by the same update
			return nil, "no programme"
		}
		fsys[p].Data = titleLine.ReplaceAll(fsys[p].Data, []byte(fmt.Sprintf("title: Programme modifié %d", n)))
		return []string{p}, "retitle the programme " + p
	},
	"programme body": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, programmeFiles(fsys))
		if p == "" { // the folder removed by the same update
			return nil, "no programme"
		}
		fsys[p].Data = append(slices.Clip(fsys[p].Data), fmt.Sprintf("\nParagraphe %d.\n", n)...)
		return []string{p}, "edit the body of the programme " + p
	},
	"programme summary": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, programmeFiles(fsys))
		if p == "" { // the folder removed by the same update
			return nil, "no programme"
		}
		fsys[p].Data = setFront(fsys[p].Data, "summary", fmt.Sprintf("Résumé du programme %d.", n))
		return []string{p}, "edit the summary of the programme " + p
	},
	"programme cycles": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, programmeFiles(fsys))
		if p == "" { // the folder removed by the same update
			return nil, "no programme"
		}
		if !frontLine("cycles").Match(fsys[p].Data) {
			return nil, "no cycles in " + p
		}
		cy := pick(r, []string{"[cycle-2]", "[cycle-3, cycle-4]", "[lycee]", "[cycle-4, lycee]"})
		fsys[p].Data = setFront(fsys[p].Data, "cycles", cy)
		return []string{p}, "set the cycles of " + p + " to " + cy
	},
	"programme status": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, programmeFiles(fsys))
		if p == "" { // the folder removed by the same update
			return nil, "no programme"
		}
		if !frontLine("status").Match(fsys[p].Data) {
			return nil, "no status in " + p
		}
		st := pick(r, []string{catalog.StatusLabel, catalog.StatusOperation})
		fsys[p].Data = setFront(fsys[p].Data, "status", st)
		return []string{p}, "set the status of " + p + " to " + st
	},
	"add programme": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		src := pick(r, programmeFiles(fsys))
		if src == "" {
			return nil, "no programme to copy"
		}
		p := fmt.Sprintf("content/programmes/essai-%d.md", n)
		data := withoutAliases(fsys[src].Data)
		data = titleLine.ReplaceAll(data, []byte(fmt.Sprintf("title: Programme ajouté %d", n)))
		fsys[p] = &fstest.MapFile{Data: data}
		return []string{p}, "add " + p + ", a copy of " + src
	},
	"delete programme": func(r *rand.Rand, fsys fstest.MapFS, n int) ([]string, string) {
		p := pick(r, programmeFiles(fsys))
		if p == "" {
			return nil, "no programme"
		}
		delete(fsys, p)
		return []string{p}, "delete the programme " + p
	},
}

// programmeFiles are the programmes of the catalog.
func programmeFiles(fsys fstest.MapFS) []string {
	var out []string
	for _, p := range filesUnder(fsys, "content/programmes/", ".md") {
		if !strings.HasPrefix(path.Base(p), "_") {
			out = append(out, p)
		}
	}
	return out
}

// territoryFiles are the _index.md of the régions, académies and
// collectivités: site-wide files.
func territoryFiles(fsys fstest.MapFS) []string {
	var out []string
	for _, p := range filesUnder(fsys, "content/", ".md") {
		if SiteWide(p) {
			out = append(out, p)
		}
	}
	return out
}

// TestIncrementalRendersLittle checks that an edit to one guide's body
// renders the pages that show it, not the site.
func TestIncrementalRendersLittle(t *testing.T) {
	t.Parallel()
	fsys := editableSite(t, 60)
	opts := Options{Source: fsys, Site: site.Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)}}
	inc := NewIncremental(opts)
	res, st, err := inc.Build()
	if err != nil {
		t.Fatal(err)
	}
	if !st.All || st.Reused != 0 {
		t.Fatalf("first build: %+v, want every page rendered", st)
	}
	pages := res.Counts["page"]

	p := "content/guides/essai-030.md"
	fsys[p].Data = []byte(guideText(30, 30%7, "Un autre texte."))
	res, st, err = inc.Update([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	// The guide: the lists show its title and summary, which did not
	// change (their Deps are what they show, see view.ShownDep).
	if st.All || st.Rendered > 4 || st.Rendered < 1 {
		t.Errorf("one guide edited: %d of %d pages rendered (all: %v), want a few", st.Rendered, pages, st.All)
	}
	if !strings.Contains(outputsOf(res)["bonnes-pratiques/essai-030/index.html"], "Un autre texte.") {
		t.Error("the edited guide's page does not show the new text")
	}

	_, st, err = inc.Update([]string{p, "content/guides"})
	if err != nil || len(st.Files) != 0 || st.Rendered != 0 {
		t.Errorf("nothing changed: %+v, %v; want no work", st, err)
	}

	fsys["layouts/guide.html"].Data = append(slices.Clip(fsys["layouts/guide.html"].Data), "{{/* x */}}"...)
	_, st, err = inc.Update([]string{"layouts/guide.html"})
	if err != nil || !st.All {
		t.Errorf("layout edited: %+v, %v; want every page rendered", st, err)
	}
}

// TestSiteWide pins the list of site-wide files.
func TestSiteWide(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]bool{
		"layouts/_base.html":                        true,
		"layouts/partials/site.html":                true,
		"assets/css/site.css":                       true,
		"content/site.yaml":                         true,
		"content/programmes/_vocabulary.yaml":       true,
		"content/academies/paris/_index.md":         true,
		"content/regions/grand-est/_index.md":       true,
		"content/academies/paris/timetables.yaml":   false,
		"content/academies/paris/directives/x.md":   false,
		"content/guides/se-connecter.md":            false,
		"content/programmes/lumni.md":               false,
		"content/academies/_index.md":               false,
		"content/national/directives/2020-03-16.md": false,
	} {
		if got := SiteWide(p); got != want {
			t.Errorf("SiteWide(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestUpdateFirst renders the open pages first and hands them over before
// the rest; their bytes are those of the finished update.
func TestUpdateFirst(t *testing.T) {
	t.Parallel()
	fsys := editableSite(t, 20)
	opts := Options{Source: fsys, Site: site.Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)}}
	inc := NewIncremental(opts)
	if _, _, err := inc.Build(); err != nil {
		t.Fatal(err)
	}
	p, url := "content/guides/essai-010.md", "/bonnes-pratiques/essai-010/"
	// A new title: the plan du site shows it too.
	fsys[p].Data = []byte(strings.Replace(guideText(10, 3, "Nouveau texte."), "Conseil d’essai 10", "Conseil d’essai dix", 1))
	var early map[string][]byte
	calls := 0
	res, st, err := inc.UpdateFirst([]string{p}, []string{url, "/plan-du-site/", "/nulle-part/"}, func(files map[string][]byte) {
		calls++
		early = files
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 || len(early) != 2 {
		t.Fatalf("ready called %d times with %d files, want once with the guide and the plan", calls, len(early))
	}
	out := outputsOf(res)
	for path, data := range early {
		if out[path] != string(data) {
			t.Errorf("%s handed over early differs from the finished update", path)
		}
	}
	if !strings.Contains(string(early["bonnes-pratiques/essai-010/index.html"]), "Nouveau texte.") {
		t.Error("the early page is not the new one")
	}
	if st.Rendered < 3 {
		t.Errorf("%d pages rendered: the others were not", st.Rendered)
	}

	// An open page the edit does not touch: nothing to hand over.
	fsys[p].Data = []byte(guideText(10, 3, "Encore un texte."))
	calls = 0
	if _, _, err := inc.UpdateFirst([]string{p}, []string{"/a-propos/"}, func(map[string][]byte) { calls++ }); err != nil {
		t.Fatal(err)
	}
	if calls != 0 {
		t.Errorf("ready called %d times for an untouched page", calls)
	}
}
