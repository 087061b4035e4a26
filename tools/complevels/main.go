// Command complevels measures gzip and brotli levels on a built site, per
// kind of file, to choose the precompression levels of internal/publish:
//
//	go run ./tools/complevels [-max N] public/
//
// For each kind and level it prints the total compressed size (as a
// percentage of the uncompressed bytes and of the smallest level's output)
// and the compression speed in MB/s of CPU time on one core (the time the
// measuring thread ran, not the wall clock, so that other jobs on the
// machine do not skew it; Linux only).
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/relais-ecoles/relais/internal/publish"
)

type kind struct {
	name  string
	files [][]byte
	bytes int
}

func kindOf(p string) string {
	switch {
	case strings.HasPrefix(p, "assets/"):
		return "assets (" + filepath.Ext(p) + ")"
	case strings.HasSuffix(p, ".html"):
		return "pages (.html)"
	case strings.HasSuffix(p, "flux.xml"), strings.HasSuffix(p, "atom.xml"), strings.HasSuffix(p, "flux.json"):
		return "feeds"
	}
	return "data (" + filepath.Ext(p) + ")"
}

// threadCPU returns the CPU time the calling thread has used.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	runtime.LockOSThread()
	maxFiles := flag.Int("max", 150, "the most files measured per kind (an even sample)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: go run ./tools/complevels [-max N] public/")
		os.Exit(2)
	}
	root := flag.Arg(0)
	kinds := map[string]*kind{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if !publish.Compressible(rel) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		k := kindOf(rel)
		if kinds[k] == nil {
			kinds[k] = &kind{name: k}
		}
		kinds[k].files = append(kinds[k].files, data)
		kinds[k].bytes += len(data)
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	names := make([]string, 0, len(kinds))
	for n, k := range kinds {
		names = append(names, n)
		if len(k.files) > *maxFiles {
			// An even sample, in walk order, so the measure stays short.
			var sample [][]byte
			k.bytes = 0
			for i := 0; i < *maxFiles; i++ {
				f := k.files[i*len(k.files)/(*maxFiles)]
				sample = append(sample, f)
				k.bytes += len(f)
			}
			k.files = sample
		}
	}
	sort.Strings(names)
	fmt.Println("| kind | files | KB | codec | level | % of original | vs best | MB/s |")
	fmt.Println("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
	for _, n := range names {
		k := kinds[n]
		for _, codec := range []struct {
			name   string
			levels []int
			f      func([]byte, int) ([]byte, error)
		}{
			{"gzip", []int{1, 4, 5, 6, 9}, publish.Gzip},
			{"brotli", []int{1, 3, 4, 5, 6, 7, 9, 11}, publish.Brotli},
		} {
			sizes := make([]int, len(codec.levels))
			speeds := make([]float64, len(codec.levels))
			for i, lv := range codec.levels {
				start, cpu0 := time.Now(), threadCPU()
				rounds := 0
				for rounds == 0 || time.Since(start) < 300*time.Millisecond {
					sizes[i] = 0
					for _, f := range k.files {
						out, err := codec.f(f, lv)
						if err != nil {
							panic(err)
						}
						sizes[i] += len(out)
					}
					rounds++
				}
				speeds[i] = float64(k.bytes*rounds) / (threadCPU() - cpu0).Seconds() / 1e6
			}
			best := sizes[len(sizes)-1]
			for i, lv := range codec.levels {
				fmt.Printf("| %s | %d | %.1f | %s | %d | %.1f %% | %+.1f %% | %.1f |\n",
					k.name, len(k.files), float64(k.bytes)/1024, codec.name, lv,
					100*float64(sizes[i])/float64(k.bytes), 100*(float64(sizes[i])/float64(best)-1), speeds[i])
			}
		}
	}
}
