package catalog

import (
	"strings"
	"testing"
)

func TestShippedCatalog(t *testing.T) {
	c, errs := Decode(shippedTree(t))
	for _, e := range errs {
		t.Error(e)
	}
	if len(c.Programmes) < 19 {
		t.Errorf("the shipped catalog has %d programmes, want at least 19", len(c.Programmes))
	}
	for _, p := range c.Programmes {
		if p.Summary == "" || len(strings.TrimSpace(string(p.Body))) == 0 {
			t.Errorf("%s: a shipped programme needs a summary and a body", p.Path)
		}
		// No url is required: the sources of 2020 that the shipped content
		// follows give no web address for the programmes.
	}
}
