package pipeline

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/fixture"
	"github.com/relais-ecoles/relais/internal/site"
)

// folderFiles reads every file under dir: its slash path to its bytes.
func folderFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameFolder fails the test when got and want differ: file list or bytes.
func sameFolder(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	var differ []string
	for p, w := range want {
		if g, ok := got[p]; !ok || !bytes.Equal(g, w) {
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
		_, inGot := got[p]
		_, inWant := want[p]
		t.Fatalf("%s: %d files of public/ differ from a clean build's: %v\nfirst, %s (in the kept-state build: %v, in the clean build: %v)", step, len(differ), differ[:min(len(differ), 20)], p, inGot, inWant)
	}
}

// stateOptions builds fsys into dest with the kept state, as relais build
// does (record and state), precompressed at the tests' levels or not.
func stateOptions(fsys fs.FS, dest string, precompress bool) Options {
	return Options{
		Source:        fsys,
		Dest:          dest,
		Site:          site.Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.FixedZone("CET", 3600))},
		NoPrecompress: !precompress,
		Levels:        testLevels,
		LevelsName:    "test",
		Record:        true,
		State:         StateUse,
	}
}

// checkKeptState makes random edits of every kind to fsys (the edits of
// incremental_test.go, and the four checkRandomEdits makes itself, each
// undone at the next step), and after each update builds with the kept
// state into one public/, as relais build does, and cleanly into a new
// folder: the two public/ folders must hold the same files with the same
// bytes, or both builds fail (and then the kept-state public/ is the last
// good build's). It returns how many pages the kept-state builds rendered
// and kept, over all steps.
func checkKeptState(t *testing.T, fsys fstest.MapFS, precompress bool, group, extra int, edits ...map[string]randomEdit) (rendered, kept int) {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("RELAIS_STATE_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (RELAIS_STATE_SEED=%d to replay)", seed, seed)
	r := rand.New(rand.NewPCG(seed, 2))
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "kept", "public")
	opts := stateOptions(fsys, dest, precompress)
	opts.CacheDir = filepath.Join(tmp, "cache") // both builds', as relais build has one

	var good map[string][]byte // the kept-state public/ of the last good build
	n := 0
	step := func(what string, mayBreak bool) {
		t.Helper()
		label := fmt.Sprintf("step %d: %s", n, what)
		res, err := Build(opts)
		// The clean build renders every page; its folder is new at each
		// step under RELAIS_LONG, and otherwise the same (the write then
		// creates only the files whose bytes changed: creating every
		// file at every step took most of the test's time).
		clean := filepath.Join(tmp, "clean", "public")
		if os.Getenv("RELAIS_LONG") != "" {
			clean = filepath.Join(tmp, fmt.Sprintf("clean-%d", n), "public")
		}
		copts := opts
		copts.Dest, copts.State, copts.Record = clean, StateOff, false
		_, cleanErr := Build(copts)
		n++
		if (err != nil) != (cleanErr != nil) {
			t.Fatalf("%s: kept-state build error %v, clean build error %v", label, err, cleanErr)
		}
		if err != nil {
			if err.Error() != cleanErr.Error() {
				t.Fatalf("%s: errors differ:\nkept state:\n%v\nclean:\n%v", label, err, cleanErr)
			}
			if !mayBreak {
				t.Fatalf("%s: the edit broke the site: %v", label, err)
			}
			sameFolder(t, label+" (failed: public/ must be the last good build)", folderFiles(t, dest), good)
			return
		}
		good = folderFiles(t, dest)
		sameFolder(t, label, good, folderFiles(t, clean))
		if os.Getenv("RELAIS_LONG") != "" {
			if err := os.RemoveAll(filepath.Dir(clean)); err != nil {
				t.Fatal(err)
			}
		}
		if res.State != nil {
			rendered += res.State.Rendered
			kept += res.State.Kept
			t.Logf("%s: %d pages rendered, %d kept; %s", label, res.State.Rendered, res.State.Kept, res.State.Why)
		} else if !res.Reused {
			t.Fatalf("%s: a build with a kept state reports none", label)
		}
	}
	step("first build", false)

	all := map[string]randomEdit{}
	for _, m := range edits {
		maps.Copy(all, m)
	}
	// The edits of files every page shows are made together, in one
	// update at a random place: any of them renders every page, and
	// grouped with the others they would leave no update that keeps
	// pages.
	var names, wide []string
	for _, k := range slices.Sorted(maps.Keys(all)) {
		if siteWideEdits[k] {
			wide = append(wide, k)
		} else {
			names = append(names, k)
		}
	}
	// The four edits undone at the next update are made apart from the
	// others: an edit made while a file is removed (a timetable renamed
	// with the directives that name it) would be undone with it, and
	// break the site.
	own := []string{breakFront, removeSome, renameSome, moveDirective}
	shuffle := func(l []string) []string {
		l = slices.Clone(l)
		r.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
		return l
	}
	schedule := slices.Collect(slices.Chunk(shuffle(names), group))
	for _, apart := range append(slices.Collect(slices.Chunk(shuffle(own), group)), wide) {
		if len(apart) > 0 {
			schedule = slices.Insert(schedule, r.IntN(len(schedule)+1), apart)
		}
	}
	for range extra {
		combo := make([]string, 2+r.IntN(3))
		for i := range combo {
			combo[i] = names[r.IntN(len(names))]
		}
		schedule = append(schedule, combo)
	}
	for _, kinds := range schedule {
		var whats []string
		var undos []func() ([]string, string, bool)
		for _, kind := range kinds {
			if undo := reversibleEdit(r, fsys, kind); undo != nil {
				_, what, _ := undo()
				whats = append(whats, what)
				undos = append(undos, undo)
			}
		}
		for _, kind := range kinds {
			if slices.Contains(own, kind) {
				continue
			}
			var what string
			for range 20 {
				var ps []string
				if ps, what = all[kind](r, fsys, n); ps != nil {
					break
				}
			}
			whats = append(whats, kind+": "+what)
		}
		step(strings.Join(whats, "; "), len(undos) > 0)
		if len(undos) > 0 {
			whats = nil
			for _, undo := range slices.Backward(undos) {
				_, what, _ := undo()
				whats = append(whats, what)
			}
			step(strings.Join(whats, "; "), false)
		}
	}
	return rendered, kept
}

// siteWideEdits are the kinds of edit that change what every page shows:
// a SiteWide file, the footer.
var siteWideEdits = map[string]bool{
	"layout": true, "css": true, "js": true, "image": true, "site.yaml": true, "vocabulary": true,
	"footer title": true, "page footer": true, "territory summary": true, "territory body": true,
}

// statePlan is the grouping of the property tests. Every run makes every
// kind of edit; what varies is how many go to one build, so how many pairs
// of builds (kept state, clean) the test compares: twelve to a build and
// one random combination by default (make test), twenty under -short and
// the race detector, each kind alone and eight combinations with
// RELAIS_LONG=1 (make test-long).
func statePlan() (group, extra int) {
	if os.Getenv("RELAIS_LONG") != "" {
		return 1, 8
	}
	if testing.Short() || raceEnabled {
		return 20, 0
	}
	return 12, 1
}

// TestKeptStateMatchesCleanBuild holds builds from the kept state to clean
// builds, byte for byte, after random edits of every kind to the shipped
// site with generated guides, with and without precompression; and checks
// that the kept state was used (pages kept).
func TestKeptStateMatchesCleanBuild(t *testing.T) {
	t.Parallel()
	group, extra := statePlan()
	modes := []bool{true, false}
	if testing.Short() {
		// One mode under -short, the quick loop: without precompression,
		// a third of the files to write and no compressing (make test
		// runs both; the .gz and .br a kept page keeps are checked there).
		modes = modes[1:]
	}
	for _, precompress := range modes {
		t.Run(fmt.Sprintf("precompress=%v", precompress), func(t *testing.T) {
			t.Parallel()
			rendered, kept := checkKeptState(t, editableSite(t, 12), precompress, group, extra, randomEdits, directiveEdits, timetableEdits, programmeEdits)
			if kept == 0 {
				t.Fatalf("no page was ever kept (%d rendered): the kept state is not used", rendered)
			}
		})
	}
}

// TestKeptStateMatchesCleanBuildFixture is TestKeptStateMatchesCleanBuild
// on a generated national site, with the edits of directives, timetables
// and programmes.
func TestKeptStateMatchesCleanBuildFixture(t *testing.T) {
	if testing.Short() {
		t.Skip("the shipped site's test covers every kind of edit under -short")
	}
	t.Parallel()
	fix := fixture.Generate(fixture.Options{Directives: 200, Programmes: 40, Guides: 8, Seed: 7})
	root, _ := filepath.Abs("../..")
	fsys, err := fix.MapFS(root)
	if err != nil {
		t.Fatal(err)
	}
	group, extra := statePlan()
	_, kept := checkKeptState(t, fsys, false, group, extra, directiveEdits, timetableEdits, programmeEdits)
	if kept == 0 {
		t.Fatal("no page was ever kept: the kept state is not used")
	}
}
