// Command bench measures relais on generated national-scale sites (make
// bench): for each number of directives it writes a fixture
// (internal/fixture: the 18 régions and 30 académies, their timetables,
// the directives, 5,000 programmes, 100 guides), then runs the relais
// command on it as a child process, with and without precompression:
//
//   - cold: no public/, no spare, no compression cache;
//   - no change: the same build again (found up to date from the build
//     record, see internal/pipeline/record.go);
//   - no change, --force: the same build made again all the same;
//   - one directive: after a paragraph is added to one directive; the
//     build takes from its kept state (.relais/public.state and
//     public.texts, internal/pipeline/state.go) the pages and the
//     Markdown that did not change; this first swap also makes the spare
//     folder (hard links to the files that did not change);
//   - one directive again: another edit, the steady state of a site
//     rebuilt after each edit.
//
// Each row gives its wall and processor time against the cold build's of
// the same run, and the pages the build rendered (the summary's count).
//
// Each run reports its wall time, the processor time of the process (user
// and system, from getrusage), pages per second, the files written and the
// peak resident memory (getrusage's maxrss). The dev server's in-memory
// rebuild (pipeline.Incremental) is measured on the largest site too. The
// machine is described first, with the parallelism it actually gives at
// the time (other programs share its processors).
//
// Against Hugo (-hugo, on when a hugo command is on PATH): the corpus of
// -hugo-directives directives (10,000; no programmes, no guides) is built
// cold by relais (its layouts, --no-precompress) and by Hugo (the same
// directive files as Hugo content, with a base layout, a page layout and a
// list layout, --minify as relais minifies), in turn, -repeat times each;
// the table gives the wall time, processor time and peak memory of each
// (getrusage of the child) and the ratio relais/Hugo of the medians.
//
// Usage:
//
//	go run ./tools/bench [-directives 5000,10000,20000] [-dir /tmp/relais-bench] [-repeat 1] [-hugo=false] [-hugo-directives 10000]
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/relais-ecoles/relais/internal/fixture"
	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/site"
)

func main() {
	scales := flag.String("directives", "5000,10000,20000", "the numbers of `directives` of the sites to measure, comma-separated")
	programmes := flag.Int("programmes", fixture.National.Programmes, "the `number` of programmes of every site")
	guides := flag.Int("guides", fixture.National.Guides, "the `number` of guides of every site")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "relais-bench"), "the working `folder` (sites, builds, caches); emptied first")
	repeat := flag.Int("repeat", 1, "run each measure `n` times and keep the fastest")
	incremental := flag.Bool("incremental", true, "also measure the dev server's in-memory rebuild on the largest site")
	_, hugoErr := exec.LookPath("hugo")
	withHugo := flag.Bool("hugo", hugoErr == nil, "also build the corpus of -hugo-directives directive pages with relais and with Hugo, side by side")
	hugoDirectives := flag.Int("hugo-directives", 10000, "the `number` of directives of the corpus built against Hugo")
	flag.Parse()

	root, err := repoRoot()
	check(err)
	check(os.RemoveAll(*dir))
	check(os.MkdirAll(*dir, 0o755))
	bin := filepath.Join(*dir, "relais")
	gobuild := exec.Command("go", "build", "-o", bin, "./cmd/relais")
	gobuild.Dir, gobuild.Stderr = root, os.Stderr
	check(gobuild.Run())

	describeMachine(*dir)
	if *withHugo {
		againstHugo(bin, filepath.Join(*dir, "hugo"), root, *hugoDirectives, *repeat)
		if *scales == "" {
			return
		}
	}
	modes := []string{"default"}
	if help, _ := exec.Command(bin, "build", "--help").CombinedOutput(); bytes.Contains(help, []byte("no-precompress")) {
		modes = []string{"no-precompress", "precompress"}
	}

	fmt.Println("\n| directives | pages | precompression | build | wall | CPU | wall / cold | CPU / cold | pages rendered | pages/s | files written | peak memory |")
	fmt.Println("| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	var last string
	var lastFx *fixture.Fixture
	var lastN int
	for _, s := range strings.Split(*scales, ",") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		check(err)
		opts := fixture.Options{Directives: n, Programmes: *programmes, Guides: *guides, Seed: fixture.National.Seed}
		siteDir := filepath.Join(*dir, fmt.Sprintf("site-%d", n))
		fx := fixture.Generate(opts)
		check(fixture.Write(siteDir, fx.Files))
		check(fixture.CopyDirs(siteDir, root))
		edited := fx.Published[len(fx.Published)/2]
		for _, mode := range modes {
			var cold run
			for _, scenario := range []string{"cold", "no change", "no change, --force", "one directive", "one directive again"} {
				var best run
				for i := range *repeat {
					prepare(siteDir, scenario, edited, fx, i)
					r := relais(bin, siteDir, mode, scenario == "no change, --force")
					if i == 0 || r.wall < best.wall {
						best = r
					}
				}
				if scenario == "cold" {
					cold = best
				}
				rendered := "—"
				if best.rendered >= 0 {
					rendered = strconv.Itoa(best.rendered)
				}
				fmt.Printf("| %d | %d | %s | %s | %.2f s | %.2f s | %.2f | %.2f | %s | %.0f | %d | %d MB |\n",
					n, best.pages, modeLabel(mode), scenario, best.wall.Seconds(), best.cpu.Seconds(),
					best.wall.Seconds()/cold.wall.Seconds(), best.cpu.Seconds()/cold.cpu.Seconds(), rendered,
					float64(best.pages)/best.wall.Seconds(), best.written, best.maxrssKB>>10)
			}
			check(os.WriteFile(filepath.Join(siteDir, edited), fx.Files[edited], 0o644))
		}
		last, lastFx, lastN = siteDir, fx, n
	}
	if *incremental && last != "" {
		measureIncremental(last, lastFx, lastN)
	}
}

// run is what one relais build measured; rendered is -1 when the
// summary does not say (a build found up to date renders nothing).
type run struct {
	wall, cpu                         time.Duration
	maxrssKB                          int64
	pages, written, removed, rendered int
}

var (
	pagesRE    = regexp.MustCompile(`(\d+) pages?`)
	filesRE    = regexp.MustCompile(`fichiers : (\d+) écrits?, (\d+) inchangés?, (\d+) supprimés?`)
	renderedRE = regexp.MustCompile(`pages : (?:(\d+) rendues?|toutes rendues \((\d+)\))`)
)

// prepare sets the site folder up for a scenario: a cold build starts
// without any output, spare, state or cache; a one-directive build adds a
// paragraph to a directive (another one at each repetition).
func prepare(siteDir, scenario, edited string, fx *fixture.Fixture, i int) {
	switch scenario {
	case "cold":
		for _, p := range []string{"public", ".public.previous", ".relais", "cache"} {
			check(os.RemoveAll(filepath.Join(siteDir, p)))
		}
	case "one directive", "one directive again":
		if scenario == "one directive" {
			// Each repetition is a first swap: no spare yet.
			check(os.RemoveAll(filepath.Join(siteDir, ".public.previous")))
		}
		data := append(bytes.Clone(fx.Files[edited]), fmt.Sprintf("\nParagraphe ajouté pour la mesure « %s » n° %d.\n", scenario, i+1)...)
		check(os.WriteFile(filepath.Join(siteDir, edited), data, 0o644))
	}
	// Let the disk take in what the last run wrote, so that a run does not
	// pay for the one before it.
	exec.Command("sync").Run()
}

// relais runs one build and measures it.
func relais(bin, siteDir, mode string, force bool) run {
	args := []string{"build", "--source", siteDir, "--now", fixture.Now, "--cache-dir", filepath.Join(siteDir, "cache")}
	if force {
		args = append(args, "--force")
	}
	if mode == "no-precompress" {
		args = append(args, "--no-precompress")
	}
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		fmt.Fprintf(os.Stderr, "relais %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		os.Exit(1)
	}
	r := run{wall: wall}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		r.maxrssKB = int64(ru.Maxrss)
	}
	out := stderr.String()
	if m := pagesRE.FindStringSubmatch(out); m != nil {
		r.pages, _ = strconv.Atoi(m[1])
	}
	if m := filesRE.FindStringSubmatch(out); m != nil {
		r.written, _ = strconv.Atoi(m[1])
		r.removed, _ = strconv.Atoi(m[3])
	}
	r.rendered = -1
	if m := renderedRE.FindStringSubmatch(out); m != nil {
		r.rendered, _ = strconv.Atoi(m[1] + m[2])
	}
	return r
}

func modeLabel(mode string) string {
	switch mode {
	case "no-precompress":
		return "without"
	case "precompress":
		return "with .gz and .br"
	}
	return "default"
}

// measureIncremental measures the dev server's rebuild in memory: the
// first build, an update with nothing changed, and one after a directive
// is edited.
func measureIncremental(siteDir string, fx *fixture.Fixture, directives int) {
	now, _ := time.Parse(time.RFC3339, fixture.Now)
	b := pipeline.NewIncremental(pipeline.Options{Source: os.DirFS(siteDir), Site: site.Options{Now: now}})
	fmt.Printf("\nDev server (pipeline.Incremental, in memory), %d directives:\n\n", directives)
	fmt.Println("| rebuild | wall | pages rendered | pages kept |")
	fmt.Println("| --- | ---: | ---: | ---: |")
	start := time.Now()
	_, st, err := b.Build()
	check(err)
	pages := st.Rendered + st.Reused
	fmt.Printf("| first build | %.2f s | %d | %d |\n", time.Since(start).Seconds(), st.Rendered, st.Reused)
	edited := fx.Published[len(fx.Published)/2]
	start = time.Now()
	_, st, err = b.Update([]string{edited})
	check(err)
	// An update whose files did not change returns the last build as it is.
	fmt.Printf("| no change (a save without edits) | %.3f s | %d | %d |\n", time.Since(start).Seconds(), st.Rendered, pages-st.Rendered)
	data := append(bytes.Clone(fx.Files[edited]), "\nParagraphe ajouté pour la mesure.\n"...)
	check(os.WriteFile(filepath.Join(siteDir, edited), data, 0o644))
	start = time.Now()
	_, st, err = b.Update([]string{edited})
	check(err)
	fmt.Printf("| one directive | %.3f s | %d | %d |\n", time.Since(start).Seconds(), st.Rendered, st.Reused)
	check(os.WriteFile(filepath.Join(siteDir, edited), fx.Files[edited], 0o644))
}

// describeMachine prints the processor, the parallelism it gives now, the
// memory and the file system of dir.
func describeMachine(dir string) {
	model := "unknown processor"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if m := regexp.MustCompile(`MemTotal:\s+(\d+) kB`).FindSubmatch(data); m != nil {
			kb, _ := strconv.Atoi(string(m[1]))
			mem = fmt.Sprintf(", %.0f GiB of memory", float64(kb)/(1<<20))
		}
	}
	fs := ""
	if out, err := exec.Command("df", "-T", dir).Output(); err == nil {
		if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(lines) == 2 {
			if f := strings.Fields(lines[1]); len(f) > 1 {
				fs = ", " + f[1] + " file system"
			}
		}
	}
	load := ""
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = ", load average " + strings.Fields(string(data))[0]
	}
	fmt.Printf("Machine: %s, %d logical processors%s%s; %s; %s/%s%s.\n", model, runtime.NumCPU(), mem, fs, runtime.Version(), runtime.GOOS, runtime.GOARCH, load)
	fmt.Printf("Parallelism available now: %.1f of %d processors (the same work on every processor at once, against one).\n", parallelism(), runtime.NumCPU())
}

// parallelism measures how many processors the machine gives now: the
// same loop on one goroutine, then on one per processor, each the fastest
// of three tries.
func parallelism() float64 {
	spin := func() {
		x := 0
		for i := range 200_000_000 {
			x += i % 7
		}
		_ = x
	}
	fastest := func(f func()) time.Duration {
		var best time.Duration
		for i := range 3 {
			start := time.Now()
			f()
			if d := time.Since(start); i == 0 || d < best {
				best = d
			}
		}
		return best
	}
	n := runtime.NumCPU()
	one := fastest(spin)
	all := fastest(func() {
		var wg sync.WaitGroup
		for range n {
			wg.Go(spin)
		}
		wg.Wait()
	})
	return min(float64(n), float64(n)*one.Seconds()/all.Seconds())
}

func repoRoot() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("go list -m: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
