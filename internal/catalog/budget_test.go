package catalog

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"
)

// TestSearchBudget holds the search index of 1,000 programmes and the
// search script (unminified, so an overestimate) to 30 KB gzipped: what a
// phone downloads to search the catalog.
func TestSearchBudget(t *testing.T) {
	c, errs := Decode(fixtureTree(GenerateFixture(1000, 1)))
	if errs != nil {
		t.Fatal(errs)
	}
	index, err := json.Marshal(Index(c))
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../../assets/js/recherche.js")
	if err != nil {
		t.Fatal(err)
	}
	gz := func(b []byte) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		w.Write(b)
		w.Close()
		return buf.Len()
	}
	i, s := gz(index), gz(script)
	if i+s > 30*1024 {
		t.Errorf("index %d + script %d bytes gzipped at 1,000 programmes, over 30 KB", i, s)
	}
	t.Logf("1,000 programmes: index %d bytes (%d gzipped), script %d gzipped", len(index), i, s)
}
