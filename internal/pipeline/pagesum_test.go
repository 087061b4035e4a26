package pipeline

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/site"
)

// TestPageTypesShowWhatIsFingerprinted checks, on the shipped site, the
// assumption of pageHasher: a layout sees of a page what its fingerprint
// holds. The fingerprint leaves out unexported fields, which a layout
// cannot read but a method it calls could: every type a page holds that
// has unexported fields and exported methods is listed here, each
// method read to take only exported fields. A new one fails the test
// until it is read and added.
func TestPageTypesShowWhatIsFingerprinted(t *testing.T) {
	t.Parallel()
	reviewed := []string{
		// directive.View's own methods read IssuerName, Status, Signer,
		// Date and DateOnly; the others are those of the *Directive it
		// embeds, whose fields are all exported.
		"*directive.View.Banner",
		"*directive.View.BySite",
		"*directive.View.Byline",
		"*directive.View.Concerns",
		"*directive.View.DateISO",
		"*directive.View.Expired",
		"*directive.View.ForFamilies",
		"*directive.View.IssuerTitle",
	}
	res, err := Render(Options{Source: editableSite(t, 0), Site: site.Options{Now: testNow}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[reflect.Type]bool{}
	var found []string
	var walk func(reflect.Type)
	walk = func(tp reflect.Type) {
		if seen[tp] || tp.PkgPath() == "time" || tp.PkgPath() == "sync" || strings.HasPrefix(tp.PkgPath(), "sync/") {
			return
		}
		seen[tp] = true
		switch tp.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(tp.Elem())
		case reflect.Map:
			walk(tp.Key())
			walk(tp.Elem())
		case reflect.Struct:
			hidden := false
			for i := range tp.NumField() {
				f := tp.Field(i)
				if f.IsExported() {
					walk(f.Type)
				} else {
					hidden = true
				}
			}
			if hidden {
				for _, m := range []reflect.Type{tp, reflect.PointerTo(tp)} {
					for i := range m.NumMethod() {
						found = append(found, "*"+strings.TrimPrefix(tp.String(), "*")+"."+m.Method(i).Name)
					}
				}
			}
		}
	}
	for _, p := range res.Site.Pages {
		walk(reflect.TypeOf(p))
		if p.Data != nil {
			walk(reflect.TypeOf(p.Data))
		}
	}
	slices.Sort(found)
	found = slices.Compact(found)
	for _, m := range found {
		if !slices.Contains(reviewed, m) {
			t.Errorf("%s: a method of a type with unexported fields, which page fingerprints leave out; check that it reads only exported fields, then list it here", m)
		}
	}
}
