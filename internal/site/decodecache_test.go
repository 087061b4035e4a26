package site

import (
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
)

// TestDecodeCache checks that a directive is decoded once while its
// *load.File and time zone stay, again when either changes, and that an
// entry an assembly does not use is dropped.
func TestDecodeCache(t *testing.T) {
	c := NewDecodeCache()
	a := &assembler{opts: Options{Decoded: c}}
	src := "---\ntitle: Plages horaires\ndate: 2020-03-19\naudiences: [eleves]\n---\nTexte.\n"
	f := &load.File{Path: "content/national/directives/plages.md", Data: []byte(src)}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	iss := territory.National()
	d1, errs := a.decodeDirective(f, iss, paris)
	if d1 == nil || len(errs) > 0 {
		t.Fatalf("decode: %v", errs)
	}
	paris2, _ := time.LoadLocation("Europe/Paris") // a new *time.Location
	if d2, _ := a.decodeDirective(f, iss, paris2); d2 != d1 {
		t.Errorf("same file and zone: decoded again")
	}
	if d3, _ := a.decodeDirective(f, iss, time.UTC); d3 == d1 {
		t.Errorf("another zone: not decoded again")
	}
	f2 := &load.File{Path: f.Path, Data: []byte(src)} // the file read again
	if d4, _ := a.decodeDirective(f2, iss, paris); d4 == d1 {
		t.Errorf("a file read again: not decoded again")
	}
	c.end()
	if n := c.Len(); n != 3 {
		t.Errorf("after an assembly: %d entries, want 3", n)
	}
	a.decodeDirective(f2, iss, paris)
	c.end()
	if n := c.Len(); n != 1 {
		t.Errorf("after an assembly that used one: %d entries, want 1", n)
	}
	bad := &load.File{Path: "content/national/directives/x.md", Data: []byte("---\ntitle: X\n---\n")}
	_, errs1 := a.decodeDirective(bad, iss, paris)
	_, errs2 := a.decodeDirective(bad, iss, paris)
	if len(errs1) == 0 || len(errs1) != len(errs2) {
		t.Errorf("errors of a cached file: %v, then %v", errs1, errs2)
	}
}
