package load

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
)

// Decoder decodes YAML nodes of one file strictly and collects the errors it
// meets, so that a whole file is checked in one pass.
type Decoder struct {
	File string
	Errs diag.List
}

// NewDecoder returns a decoder for the file p.
func NewDecoder(p string) *Decoder { return &Decoder{File: p} }

// Pos returns the position of n in the file.
func (d *Decoder) Pos(n *yaml.Node) diag.Pos { return NodePos(d.File, n) }

// Errorf records an error at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	d.Errs.Add(d.Pos(n), format, args...)
}

// Word is a scalar with its position.
type Word struct {
	Text string
	Pos  diag.Pos
}

// Map is a YAML mapping whose keys have been checked against the known ones.
type Map struct {
	d    *Decoder
	node *yaml.Node
	keys map[string]*yaml.Node
	vals map[string]*yaml.Node
}

// Map checks that n is a mapping of known keys, each given once. what names
// the thing for messages ("the front matter", "a slot").
func (d *Decoder) Map(n *yaml.Node, what string, known ...string) Map {
	n = resolve(n)
	m := Map{d: d, node: n, keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
	if n == nil {
		return m
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s must be a list of fields (name: value), not %s", what, describe(n))
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "a field name must be a plain word")
			continue
		}
		if !slices.Contains(known, k.Value) {
			d.Errorf(k, "unknown field %q in %s%s", k.Value, what, diag.DidYouMean(k.Value, known))
			continue
		}
		if prev, dup := m.keys[k.Value]; dup {
			d.Errorf(k, "field %q is given twice (first at line %d): keep one", k.Value, prev.Line)
			continue
		}
		m.keys[k.Value] = k
		m.vals[k.Value] = resolve(v)
	}
	return m
}

// Node is the mapping node itself.
func (m Map) Node() *yaml.Node { return m.node }

// Pos is the position of the mapping.
func (m Map) Pos() diag.Pos { return m.d.Pos(m.node) }

// Has reports whether key is present with a non-null value.
func (m Map) Has(key string) bool {
	v := m.vals[key]
	return v != nil && !isNull(v)
}

// Value returns the value node of key, or nil.
func (m Map) Value(key string) *yaml.Node {
	if !m.Has(key) {
		return nil
	}
	return m.vals[key]
}

// KeyPos returns the position of key, or of the mapping when key is absent.
func (m Map) KeyPos(key string) diag.Pos {
	if k := m.keys[key]; k != nil {
		return m.d.Pos(k)
	}
	return m.Pos()
}

// ValuePos returns the position of the value of key, or of the mapping.
func (m Map) ValuePos(key string) diag.Pos {
	if v := m.vals[key]; v != nil {
		return m.d.Pos(v)
	}
	return m.Pos()
}

// Require records an error for each key that is absent or empty.
func (m Map) Require(what string, keys ...string) {
	if m.node == nil || m.node.Kind != yaml.MappingNode {
		return
	}
	for _, k := range keys {
		if !m.Has(k) || (m.vals[k].Kind == yaml.ScalarNode && strings.TrimSpace(m.vals[k].Value) == "") {
			m.d.Errs.Add(m.Pos(), "missing %q in %s: add a line \"%s: ...\"", k, what, k)
		}
	}
}

func (m Map) scalar(key, want string) *yaml.Node {
	v := m.Value(key)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.ScalarNode {
		m.d.Errorf(v, "%q must be %s, not %s", key, want, describe(v))
		return nil
	}
	return v
}

// String returns the text of a scalar field, or "" when absent.
func (m Map) String(key string) string {
	v := m.scalar(key, "a text")
	if v == nil {
		return ""
	}
	return strings.TrimSpace(v.Value)
}

// Word returns a scalar field with its position.
func (m Map) Word(key string) Word {
	return Word{Text: m.String(key), Pos: m.ValuePos(key)}
}

// Bool returns a boolean field; absent is false.
func (m Map) Bool(key string) bool {
	v := m.scalar(key, "true or false")
	if v == nil {
		return false
	}
	switch strings.ToLower(v.Value) {
	case "true", "yes", "oui", "vrai":
		return true
	case "false", "no", "non", "faux":
		return false
	}
	m.d.Errorf(v, "%q must be true or false, not %q", key, v.Value)
	return false
}

// Int returns an integer field; absent is 0.
func (m Map) Int(key string) int {
	v := m.scalar(key, "a whole number")
	if v == nil {
		return 0
	}
	i, err := strconv.Atoi(v.Value)
	if err != nil {
		m.d.Errorf(v, "%q must be a whole number, not %q", key, v.Value)
	}
	return i
}

// Words returns a field that is a list of words. A single word is accepted
// as a list of one.
func (m Map) Words(key string) []Word {
	v := m.Value(key)
	if v == nil {
		return nil
	}
	if v.Kind == yaml.ScalarNode {
		return []Word{{Text: strings.TrimSpace(v.Value), Pos: m.d.Pos(v)}}
	}
	if v.Kind != yaml.SequenceNode {
		m.d.Errorf(v, "%q must be a list such as [a, b], not %s", key, describe(v))
		return nil
	}
	out := make([]Word, 0, len(v.Content))
	for _, it := range v.Content {
		it = resolve(it)
		if it.Kind != yaml.ScalarNode {
			m.d.Errorf(it, "each item of %q must be a word, not %s", key, describe(it))
			continue
		}
		out = append(out, Word{Text: strings.TrimSpace(it.Value), Pos: m.d.Pos(it)})
	}
	return out
}

// Items returns the nodes of a list field.
func (m Map) Items(key string) []*yaml.Node {
	v := m.Value(key)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		m.d.Errorf(v, "%q must be a list (lines starting with \"- \"), not %s", key, describe(v))
		return nil
	}
	out := make([]*yaml.Node, len(v.Content))
	for i, it := range v.Content {
		out[i] = resolve(it)
	}
	return out
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Date returns a date field (YYYY-MM-DD) as midnight UTC; ok is false when
// the field is absent or invalid.
func (m Map) Date(key string) (t time.Time, ok bool) {
	v := m.scalar(key, "a date (YYYY-MM-DD)")
	if v == nil {
		return time.Time{}, false
	}
	return m.d.Date(v, key)
}

// Date decodes a YYYY-MM-DD scalar as midnight UTC.
func (d *Decoder) Date(v *yaml.Node, key string) (time.Time, bool) {
	s := strings.TrimSpace(v.Value)
	if dateRE.MatchString(s) {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t, true
		}
		d.Errorf(v, "%q is not a valid date: %q does not exist in the calendar", key, s)
		return time.Time{}, false
	}
	d.Errorf(v, "%q must be a date written YYYY-MM-DD, such as 2020-03-16, not %q", key, s)
	return time.Time{}, false
}

var dateTimeLayouts = []string{
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.DateOnly,
}

// DateTime returns a local date and time field (YYYY-MM-DD HH:MM, or a date
// alone for midnight) as wall-clock time in UTC; the caller places it in the
// issuer's time zone. An explicit offset (RFC 3339) is kept as an instant and
// reported with zoned true.
func (m Map) DateTime(key string) (t time.Time, zoned, ok bool) {
	v := m.scalar(key, "a date and time (YYYY-MM-DD HH:MM)")
	if v == nil {
		return time.Time{}, false, false
	}
	s := strings.TrimSpace(v.Value)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true, true
	}
	for _, l := range dateTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, false, true
		}
	}
	if dateRE.MatchString(s) || strings.HasPrefix(s, "20") {
		m.d.Errorf(v, "%q is not a valid date and time: write it YYYY-MM-DD HH:MM, such as 2020-03-16 18:30, with a day and an hour that exist", key)
	} else {
		m.d.Errorf(v, "%q must be a date and time written YYYY-MM-DD HH:MM, such as 2020-03-16 18:30, not %q", key, s)
	}
	return time.Time{}, false, false
}

// resolve follows YAML aliases.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a group of fields"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "this"
}
