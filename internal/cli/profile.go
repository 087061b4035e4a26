package cli

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

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
