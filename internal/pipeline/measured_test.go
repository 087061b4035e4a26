package pipeline

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNoPrecompressMeasuresTheSame: a build without precompression, which
// compresses only the level pages, the CSS and JS and the largest pages,
// reports the sizes a build with precompression reports.
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
}
