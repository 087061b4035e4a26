package pipeline

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNoPrecompressMeasuresTheSame: a build without precompression, which
// compresses only the level pages, the CSS and JS and the largest pages,
// reports the sizes a build with precompression reports, and writes no
// .gz or .br file (it also stands for a test of --no-precompress alone:
// one build of the shipped site fewer).
func TestNoPrecompressMeasuresTheSame(t *testing.T) {
	t.Parallel()
	dir := shippedSite(t)
	opts := options(dir, sharedCache)
	with := mustBuild(t, opts)
	opts.NoPrecompress = true
	without := mustBuild(t, opts)
	if diff := cmp.Diff(with.Sizes, without.Sizes); diff != "" {
		t.Errorf("sizes differ (-with +without precompression):\n%s", diff)
	}
	if without.Compress.Files >= with.Compress.Files/2 {
		t.Errorf("without precompression %d files were compressed, with %d", without.Compress.Files, with.Compress.Files)
	}
	// Nor are any variants left: not the build's, not the previous
	// build's.
	var variants []string
	filepath.WalkDir(opts.Dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br")) {
			variants = append(variants, p)
		}
		return err
	})
	if len(variants) > 0 {
		t.Errorf("--no-precompress after a build with precompression: %d variants in the output, such as %s", len(variants), variants[0])
	}
	if len(without.Sizes.Largest) == 0 || without.Sizes.CSS == 0 {
		t.Errorf("--no-precompress: budgets not measured: %+v", without.Sizes)
	}
}
