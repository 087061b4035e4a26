package build

import (
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/site"
)

// scratch: profile the updates only (not committed).
func BenchmarkZZProf(b *testing.B) {
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	which := os.Getenv("ZZ_SITE")
	for _, tc := range rebuildSites(b) {
		if tc.name != which {
			continue
		}
		opts := Options{Source: tc.fsys, Site: site.Options{Now: now}}
		inc := NewIncremental(opts)
		if _, _, err := inc.Build(); err != nil {
			b.Fatal(err)
		}
		orig := slices.Clone(tc.fsys[tc.edit].Data)
		f, _ := os.Create(os.Getenv("ZZ_PROF"))
		pprof.StartCPUProfile(f)
		n := 10
		var walls, cpus []float64
		for r := range 5 {
			cpu := cpuTime()
			t := time.Now()
			for i := range n {
				tc.fsys[tc.edit].Data = fmt.Appendf(slices.Clip(orig), "\nModification %d.\n", r*n+i)
				if _, _, err := inc.Update([]string{tc.edit}); err != nil {
					b.Fatal(err)
				}
			}
			walls = append(walls, float64(time.Since(t).Microseconds())/1000/float64(n))
			cpus = append(cpus, float64((cpuTime()-cpu).Microseconds())/1000/float64(n))
		}
		pprof.StopCPUProfile()
		f.Close()
		slices.Sort(walls)
		slices.Sort(cpus)
		fmt.Printf("%s: wall min %.1f med %.1f ms, cpu min %.1f med %.1f ms per edit\n", tc.name, walls[0], walls[2], cpus[0], cpus[2])
	}
}
