package cli

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
)

// MemoryLimit is the soft memory limit of relais, unless GOMEMLIMIT says
// otherwise. A build holds every page of the site until it writes them; by
// default the garbage collector lets the heap grow to twice what is live,
// which put the build of a national site (about 500 MB live at its end)
// just over 1 GiB. With the limit, the collector runs a little earlier near
// the end instead (measured: the same processor time, 0.93 GB at peak). It
// is soft: a larger site still builds, with more collection.
const MemoryLimit = 900 << 20

func setMemoryLimit(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
}

// profileFlags are the profiling flags of relais build: a CPU profile of
// the whole build and a heap profile taken at its end, both for
// go tool pprof.
type profileFlags struct {
	cpu, mem string
}

func (p *profileFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&p.cpu, "cpuprofile", "", "write a CPU profile of the build to `file` (read it with go tool pprof)")
	fs.StringVar(&p.mem, "memprofile", "", "write a heap profile at the end of the build to `file` (go tool pprof -sample_index=alloc_space)")
}

// start starts the CPU profile; the returned function stops it and writes
// the heap profile.
func (p *profileFlags) start() (stop func() error, err error) {
	var cpu *os.File
	if p.cpu != "" {
		cpu, err = os.Create(p.cpu)
		if err != nil {
			return nil, fmt.Errorf("cannot write the CPU profile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("cannot start the CPU profile: %w", err)
		}
	}
	return func() error {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return fmt.Errorf("cannot write the CPU profile: %w", err)
			}
		}
		if p.mem == "" {
			return nil
		}
		f, err := os.Create(p.mem)
		if err != nil {
			return fmt.Errorf("cannot write the heap profile: %w", err)
		}
		runtime.GC() // up-to-date statistics of what is still live
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			f.Close()
			return fmt.Errorf("cannot write the heap profile: %w", err)
		}
		return f.Close()
	}, nil
}
