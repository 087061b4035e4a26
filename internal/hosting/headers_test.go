package hosting

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"strings"
)

// The tests read the _headers file back as a host does: these are the
// host's side, not relais'.

// ParseHeaders reads a _headers file back into its rules, as a host does.
func ParseHeaders(data []byte) ([]Rule, error) {
	var rules []Rule
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ' && line[0] != '\t':
			rules = append(rules, Rule{Pattern: trimmed, Header: http.Header{}})
		default:
			name, value, ok := strings.Cut(trimmed, ":")
			if !ok || len(rules) == 0 {
				return nil, fmt.Errorf("line %d: %q is neither a URL pattern nor an indented \"Name: value\" header", n, line)
			}
			name = http.CanonicalHeaderKey(strings.TrimSpace(name))
			last := &rules[len(rules)-1]
			last.Header.Add(name, strings.TrimSpace(value))
			last.Names = append(last.Names, name)
		}
	}
	return rules, sc.Err()
}

// Match reports whether a URL path matches a _headers pattern.
func Match(pattern, urlPath string) bool {
	before, after, star := strings.Cut(pattern, "*")
	if !star {
		return pattern == urlPath
	}
	return len(urlPath) >= len(before)+len(after) && strings.HasPrefix(urlPath, before) && strings.HasSuffix(urlPath, after)
}

// Apply returns the headers that rules give urlPath, as a host does: the
// headers of every matching rule, values of a header set twice joined by
// ", ".
func Apply(rules []Rule, urlPath string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if !Match(r.Pattern, urlPath) {
			continue
		}
		for n, vs := range r.Header {
			for _, v := range vs {
				if old := h.Get(n); old != "" {
					h.Set(n, old+", "+v)
				} else {
					h.Set(n, v)
				}
			}
		}
	}
	return h
}
