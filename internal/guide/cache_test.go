package guide

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/relais-ecoles/relais/internal/view"
)

// TestCacheKeepsWhatIsTheSame: the cache gives the pages Pages makes, and
// the last assembly's pointers where a page is made of the same views:
// an edited guide gets a new page, and so do the guides that suggest it
// and the list; the others keep theirs.
func TestCacheKeepsWhatIsTheSame(t *testing.T) {
	u := URLs{Home: "/", List: "/bonnes-pratiques/"}
	guides := make([]*Guide, 20)
	for i := range guides {
		guides[i] = &Guide{Slug: fmt.Sprintf("g%02d", i), Title: fmt.Sprintf("Guide %d", i), Audiences: []string{"parents"}, Path: fmt.Sprintf("content/guides/g%02d.md", i)}
	}
	c := NewCache()
	assemble := func(gs []*Guide) ([]*View, []*view.Page) {
		var views []*View
		for _, g := range gs {
			v, _ := c.View(g, "/bonnes-pratiques/"+g.Slug+"/", func() *view.Text { return &view.Text{Path: g.Path} })
			views = append(views, v)
		}
		pages := c.Pages(views, u)
		c.End()
		return views, pages
	}
	views1, pages1 := assemble(guides)
	if want := Pages(views1, u); !reflect.DeepEqual(pages1, want) {
		t.Fatal("the cache's pages are not Pages'")
	}
	views2, pages2 := assemble(guides)
	for i := range pages2 {
		if pages2[i] != pages1[i] {
			t.Errorf("page %d made again, of the same views", i)
		}
	}
	for i := range views2 {
		if views2[i] != views1[i] {
			t.Errorf("view %d made again, of the same guide", i)
		}
	}
	edited := *guides[10]
	edited.Title = "Guide modifié"
	guides[10] = &edited
	views3, pages3 := assemble(guides)
	if want := Pages(views3, u); !reflect.DeepEqual(pages3, want) {
		t.Fatal("after an edit, the cache's pages are not Pages'")
	}
	for i := range pages3 {
		// pages3[0] is the list; guide k is at k+1, and suggests the
		// MaxOther guides around it.
		k := i - 1
		near := k >= 10-MaxOther/2 && k <= 10+MaxOther/2
		if made := pages3[i] != pages2[i]; made != (i == 0 || near) {
			t.Errorf("page %d (%s) made again: %v, want %v", i, pages3[i].URL, made, !made)
		}
	}
}
