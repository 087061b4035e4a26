package catalog

import (
	"strings"
	"unicode"
)

// IndexEntry is one programme in the search index of the catalog page. It
// is kept compact: the renderer writes the whole list as JSON, the page's
// script filters it offline, and index plus script must stay under 30 KB
// gzipped for 1,000 programmes. So it carries the words a teacher types (a
// title, a channel, a subject, a level) and not the summary, which the page
// itself shows.
type IndexEntry struct {
	Slug        string   `json:"slug"`
	Title       string   `json:"title"`
	Broadcaster string   `json:"broadcaster"`        // label: "France Télévisions"
	Channel     string   `json:"channel,omitempty"`  // "France 4"; left out when it repeats the title or the broadcaster
	Media       []string `json:"media,omitempty"`    // labels: "télévision"
	Levels      []string `json:"levels,omitempty"`   // level slugs, youngest first: "cm1"
	Subjects    []string `json:"subjects,omitempty"` // labels: "mathématiques"
}

// SummaryRunes is the longest summary a list shows in short, in runes,
// ellipsis included.
const SummaryRunes = 140

// Index returns the search index, one entry a programme, in catalog order.
func Index(c *Catalog) []IndexEntry {
	out := make([]IndexEntry, len(c.Programmes))
	for i, p := range c.Programmes {
		b := c.BroadcasterLabel(p)
		ch := p.Channel
		if ch == b || strings.Contains(collateKey(p.Title), collateKey(ch)) {
			ch = ""
		}
		out[i] = IndexEntry{
			Slug:        p.Slug,
			Title:       p.Title,
			Broadcaster: b,
			Channel:     ch,
			Media:       c.MediaLabels(p),
			Levels:      p.Levels,
			Subjects:    c.SubjectLabels(p),
		}
	}
	return out
}

// Truncate shortens s to at most n runes, cutting at a word boundary and
// ending with "…" when it cuts; runs of white space become one space. A
// first word longer than n is cut inside.
func Truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	head := r[:n-1] // room for the ellipsis
	cut := len(head)
	if r[n-1] != ' ' {
		for i := len(head) - 1; i > 0; i-- {
			if head[i] == ' ' {
				cut = i
				break
			}
		}
	}
	out := strings.TrimRightFunc(string(head[:cut]), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—(«", r)
	})
	if out == "" {
		out = string(head)
	}
	return out + "…"
}
