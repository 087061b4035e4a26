package sitetest

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/fixture"
)

// TestKilledBuildsLeaveAWholeSite builds the relais command, then runs
// real builds of a site of a few thousand pages and kills them with
// SIGKILL at random points, most of them while they write. After each
// kill, public/ must be exactly the old build or exactly the new one —
// every file of one of them, nothing else — and never missing; the build
// after it must publish its own version whole and leave nothing beside
// public/ but its spare (a whole build as well) and the .relais folder.
//
// Two versions of the site, A and B, are built into the same public/ in
// turn; B changes the site title, so every page differs. The random seed
// is logged; RELAIS_KILL_SEED=n runs the same kill times again.
// RELAIS_LONG=1 doubles the number of kills and the size of the site.
func TestKilledBuildsLeaveAWholeSite(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the command and a site of thousands of pages")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the swap is atomic where renameat2(RENAME_EXCHANGE) exists; elsewhere two renames leave a moment without public/")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("RELAIS_KILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (RELAIS_KILL_SEED=%d to repeat)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 9))

	dir := t.TempDir()
	bin := filepath.Join(dir, "relais")
	gobuild := exec.Command("go", "build", "-o", bin, "./cmd/relais")
	gobuild.Dir = RepoRoot(t)
	if out, err := gobuild.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// Two versions of a site of a few thousand pages (about 9,000 files
	// with their compressed variants; 18,000 with RELAIS_LONG=1): enough
	// for a write that lasts long enough to be killed in the middle.
	size := fixture.Options{Directives: 500, Programmes: 150, Guides: 250, Seed: 3}
	if os.Getenv("RELAIS_LONG") != "" {
		size = fixture.Options{Directives: 1000, Programmes: 300, Guides: 500, Seed: 3}
	}
	fx := fixture.Generate(size)
	sites := map[string]string{"A": filepath.Join(dir, "a"), "B": filepath.Join(dir, "b")}
	for v, site := range sites {
		if err := fixture.Write(site, fx.Files); err != nil {
			t.Fatal(err)
		}
		if err := fixture.CopyDirs(site, RepoRoot(t)); err != nil {
			t.Fatal(err)
		}
		if v == "B" {
			yaml := filepath.Join(site, "content", "site.yaml")
			data, _ := os.ReadFile(yaml)
			os.WriteFile(yaml, bytes.Replace(data, []byte("title: relais"), []byte("title: relais B"), 1), 0o644)
		}
	}
	out := filepath.Join(dir, "out")
	public := filepath.Join(out, "public")
	args := func(v string) []string {
		return []string{"build", "--source", sites[v], "--dest", public, "--now", fixture.Now,
			"--cache-dir", filepath.Join(dir, "cache"), "--no-budgets"}
	}

	// Whole builds of each version give the manifests to compare with.
	manifests := map[string]map[string][sha256.Size]byte{}
	var build, write time.Duration // of the first build, which writes every file
	for _, v := range []string{"A", "B"} {
		start := time.Now()
		stderr := run(t, bin, args(v)...)
		manifests[v] = manifest(t, public)
		t.Logf("version %s: %d files in %v", v, len(manifests[v]), time.Since(start).Round(time.Millisecond))
		if build == 0 {
			build = time.Since(start)
			if m := regexp.MustCompile(`write (\d+) ms`).FindStringSubmatch(stderr); m != nil {
				ms, _ := strconv.Atoi(m[1])
				write = time.Duration(ms) * time.Millisecond
			}
		}
	}
	if len(manifests["A"]) < 3000 {
		t.Fatalf("version A has %d files, want a few thousand", len(manifests["A"]))
	}
	if same(manifests["A"], manifests["B"]) {
		t.Fatal("versions A and B give the same files")
	}
	current := "B"
	whole := func(when string) string {
		t.Helper()
		got := manifest(t, public)
		for _, v := range []string{"A", "B"} {
			if same(got, manifests[v]) {
				return v
			}
		}
		t.Fatalf("%s: public/ is neither build A nor build B: %s", when, describe(got, manifests))
		return ""
	}

	// Three kills try each kind of moment: two while the build writes,
	// one at any moment of it. RELAIS_LONG=1 (make test-long) makes six,
	// for more draws of the moment.
	kills, whileWriting := 3, 0
	if os.Getenv("RELAIS_LONG") != "" {
		kills = 6
	}
	for i := range kills {
		next := map[string]string{"A": "B", "B": "A"}[current]
		// The spare holds the other version already, which the build then
		// swaps in without writing: most times, remove it, so that the
		// build writes every file.
		if rng.IntN(4) != 0 {
			os.RemoveAll(filepath.Join(out, ".public.previous"))
		}
		cmd := exec.Command(bin, args(next)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Most kills wait for the write to start (the marker of the
		// spare's update appears), then a random part of its length; the
		// others come at any moment of the build.
		marker := filepath.Join(out, ".relais", "public.updating")
		var delay time.Duration
		if i%3 != 2 {
			deadline := time.Now().Add(2 * time.Minute)
			for time.Now().Before(deadline) {
				if _, err := os.Stat(marker); err == nil {
					break
				}
				time.Sleep(time.Millisecond)
			}
			delay = time.Duration(rng.Int64N(int64(max(write, 20*time.Millisecond)) * 4 / 5))
		} else {
			delay = time.Duration(rng.Int64N(int64(build)))
		}
		time.Sleep(delay)
		_ = cmd.Process.Kill()
		err := cmd.Wait()
		finished := err == nil
		_, markerErr := os.Stat(marker)
		writing := !finished && markerErr == nil
		if writing {
			whileWriting++
		}
		got := whole(fmt.Sprintf("kill %d (%v)", i, delay))
		t.Logf("kill %d after %v: finished=%v, killed while writing=%v, public/ is build %s", i, delay.Round(time.Millisecond), finished, writing, got)
		if finished && got != next {
			t.Fatalf("kill %d: the build of %s finished but public/ is %s", i, next, got)
		}
		current = got

		// The next whole build publishes its version and leaves a spare
		// that is a whole build.
		v := []string{"A", "B"}[rng.IntN(2)]
		run(t, bin, args(v)...)
		if got := whole(fmt.Sprintf("build after kill %d", i)); got != v {
			t.Fatalf("after kill %d: built %s, public/ is %s", i, v, got)
		}
		checkBeside(t, out, manifests)
		current = v
	}
	if whileWriting == 0 {
		t.Errorf("no build was killed while it wrote: the machine is too slow or too fast for the kill times (seed %d)", seed)
	}
}

// run runs relais and fails on an error; it returns stderr.
func run(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("relais %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stderr.String()
}

// checkBeside checks what sits beside public/: the spare (a whole build,
// unless the marker says it is being updated, which no build is now) and
// the .relais folder, nothing else.
func checkBeside(t *testing.T, out string, manifests map[string]map[string][sha256.Size]byte) {
	t.Helper()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch e.Name() {
		case "public", ".relais":
		case ".public.previous":
			if _, err := os.Stat(filepath.Join(out, ".relais", "public.updating")); err == nil {
				t.Errorf("the spare is still marked as being updated after a whole build")
			}
			got := manifest(t, filepath.Join(out, e.Name()))
			if !same(got, manifests["A"]) && !same(got, manifests["B"]) {
				t.Errorf("the spare is not a whole build: %s", describe(got, manifests))
			}
		default:
			t.Errorf("leftover beside public/: %s", e.Name())
		}
	}
}

// manifest returns the SHA-256 of every file under dir; a missing dir
// fails the test.
func manifest(t *testing.T, dir string) map[string][sha256.Size]byte {
	t.Helper()
	out := map[string][sha256.Size]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("%s is missing", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func same(a, b map[string][sha256.Size]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// describe says how a tree differs from each manifest.
func describe(got map[string][sha256.Size]byte, manifests map[string]map[string][sha256.Size]byte) string {
	var parts []string
	for _, v := range []string{"A", "B"} {
		var missing, extra, differ []string
		for k, h := range manifests[v] {
			if g, ok := got[k]; !ok {
				missing = append(missing, k)
			} else if g != h {
				differ = append(differ, k)
			}
		}
		for k := range got {
			if _, ok := manifests[v][k]; !ok {
				extra = append(extra, k)
			}
		}
		slices.Sort(missing)
		slices.Sort(extra)
		slices.Sort(differ)
		parts = append(parts, fmt.Sprintf("against %s: %d missing %v, %d extra %v, %d different %v", v,
			len(missing), first(missing), len(extra), first(extra), len(differ), first(differ)))
	}
	return strings.Join(parts, "; ")
}

func first(s []string) []string { return s[:min(3, len(s))] }
