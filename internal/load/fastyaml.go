package load

import (
	"bytes"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastFront parses the plainest front matter — the shape of nearly every
// directive, programme and guide — without the YAML library: one field a
// line, each "key: value" at the start of its line, the value a plain
// word or sentence, a double-quoted text without escapes, or a flow list
// of plain words ([a, b]). It returns the mapping node go.yaml.in/yaml/v3
// gives for the same bytes, field for field (kinds, tags, values, styles,
// lines and columns), and ok false as soon as it meets anything else —
// comments, nesting, other quotes, escapes, anchors, a value that could be
// a number, a null or a special float — for the YAML library to parse
// instead. Parsing 25,000 front matters with the library was 6 % of a
// national build.
//
// TestFastFrontMatchesYAML and FuzzFastFront compare the two.
func fastFront(data []byte) (*yaml.Node, bool) {
	if !plainText(data) {
		return nil, false
	}
	// The nodes are made in one slice, long enough for every line to be a
	// field whose value is a list (3 nodes) and every comma to part two
	// items; their texts are cut from one string.
	p := &fastParser{
		nodes: make([]yaml.Node, 0, 3*bytes.Count(data, []byte("\n"))+bytes.Count(data, []byte(","))+4),
		text:  string(data),
	}
	m := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"})
	line, start := 0, 0
	for len(data) > 0 {
		line++
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		at := start // the offset of l in p.text
		start += len(l) + 1
		if len(bytes.TrimRight(l, " ")) == 0 {
			if len(l) > 0 {
				return nil, false // spaces only: let the library judge
			}
			continue
		}
		if bytes.IndexByte(l, '\t') >= 0 || bytes.IndexByte(l, '\r') >= 0 || bytes.IndexByte(l, '#') >= 0 {
			return nil, false
		}
		k, v, found := bytes.Cut(l, []byte(":"))
		if !found || !isKey(k) {
			return nil, false
		}
		ktag, ok := plainTag(p.text[at : at+len(k)])
		if !ok || ktag != "!!str" {
			return nil, false
		}
		if len(v) < 2 || v[0] != ' ' {
			return nil, false // "key:" alone (null or nested), "key:value"
		}
		col := len(k) + 2 // 0-based column of the value
		for col < len(l) && l[col] == ' ' {
			col++
		}
		v = bytes.TrimRight(l[col:], " ")
		if len(v) == 0 {
			return nil, false
		}
		val, ok := p.value(v, at+col, line, col+1)
		if !ok {
			return nil, false
		}
		if len(m.Content) == 0 {
			m.Line, m.Column = line, 1
		}
		key := p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: p.text[at : at+len(k)], Line: line, Column: 1})
		m.Content = append(m.Content, key, val)
	}
	if len(m.Content) == 0 {
		return nil, false
	}
	return m, true
}

// fastParser holds the nodes of a front matter and its text.
type fastParser struct {
	nodes []yaml.Node
	text  string
}

// node returns a pointer to a copy of n among p.nodes, which never grow
// past their capacity: the pointers stay valid.
func (p *fastParser) node(n yaml.Node) *yaml.Node {
	p.nodes = append(p.nodes, n)
	return &p.nodes[len(p.nodes)-1]
}

// value parses the value v of a field, which starts at offset off of
// p.text, at a line and 1-based column.
func (p *fastParser) value(v []byte, off, line, col int) (*yaml.Node, bool) {
	switch v[0] {
	case '"':
		if len(v) < 2 || v[len(v)-1] != '"' {
			return nil, false
		}
		s := v[1 : len(v)-1]
		if bytes.IndexByte(s, '"') >= 0 || bytes.IndexByte(s, '\\') >= 0 {
			return nil, false
		}
		return p.node(yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Tag: "!!str", Value: p.text[off+1 : off+1+len(s)], Line: line, Column: col}), true
	case '[':
		if v[len(v)-1] != ']' {
			return nil, false
		}
		seq := p.node(yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: line, Column: col})
		inner := v[1 : len(v)-1]
		at := 1 // the offset in v of the item
		if len(bytes.TrimLeft(inner, " ")) == 0 {
			return nil, false // [] : rare, left to the library
		}
		for item := range bytes.SplitSeq(inner, []byte(",")) {
			lead := len(item) - len(bytes.TrimLeft(item, " "))
			w := bytes.TrimSpace(item)
			if len(w) == 0 || !isFlowWord(w) {
				return nil, false
			}
			text := p.text[off+at+lead : off+at+lead+len(w)]
			tag, ok := plainTag(text)
			if !ok || tag != "!!str" {
				return nil, false
			}
			seq.Content = append(seq.Content, p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text, Line: line, Column: col + at + lead}))
			at += len(item) + 1
		}
		return seq, true
	}
	if !isPlain(v) {
		return nil, false
	}
	text := p.text[off : off+len(v)]
	tag, ok := plainTag(text)
	if !ok {
		return nil, false
	}
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text, Line: line, Column: col}), true
}

// plainText reports whether data is valid UTF-8 without control
// characters but line feeds, nor the characters YAML reads as line breaks
// (U+0085, U+2028, U+2029) or a byte order mark.
func plainText(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += size
	}
	return true
}

// isKey reports whether k is a field name: a lower-case word with digits,
// "_" and "-", of at most 100 characters (YAML takes a key of more than
// 1,024 for a syntax error).
func isKey(k []byte) bool {
	if len(k) == 0 || len(k) > 100 || !(k[0] >= 'a' && k[0] <= 'z') {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// isFlowWord reports whether w is a plain word of a flow list: letters,
// digits, "-", "_", "." and "/" only (slugs, levels, addresses of
// aliases), starting with a letter, a digit or "/".
func isFlowWord(w []byte) bool {
	if !(w[0] >= 'a' && w[0] <= 'z' || w[0] >= 'A' && w[0] <= 'Z' || w[0] >= '0' && w[0] <= '9' || w[0] == '/') {
		return false
	}
	for _, c := range w {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/') {
			return false
		}
	}
	return true
}

// isPlain reports whether v, the rest of a line after "key: ", is one
// plain scalar: it starts with no indicator and holds no ": ".
func isPlain(v []byte) bool {
	switch v[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		return false
	}
	if bytes.Contains(v, []byte(": ")) || v[len(v)-1] == ':' {
		return false
	}
	return true
}

// plainTag is the tag the YAML library resolves a plain scalar to, for the
// scalars it can tell for sure; ok is false for the others (numbers but
// plain integers, special floats, nulls, merge keys, anything starting
// with "+", "-" or ".").
func plainTag(s string) (tag string, ok bool) {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool", true
	case "", "~", "null", "Null", "NULL", "<<":
		return "", false
	}
	c := s[0]
	switch {
	case c == '+' || c == '-' || c == '.':
		return "", false
	case c >= '0' && c <= '9':
		return numberTag(s)
	}
	return "!!str", true
}

// numberTag is plainTag for a scalar that starts with a digit: a decimal
// integer, a date (2020-03-23), a date and time without seconds
// (2020-03-23 18:30, which the library keeps as a string) and a digit
// followed by letters ("6e" is a level, a string); anything else is left
// to the library.
func numberTag(s string) (string, bool) {
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	switch {
	case digits == len(s):
		if len(s) > 1 && s[0] == '0' || len(s) > 18 {
			return "", false // octal, or beyond int64
		}
		return "!!int", true
	case digits == 4 && isDate(s):
		if _, err := time.Parse("2006-1-2", s); err != nil {
			return "", false
		}
		return "!!timestamp", true
	case digits == 4 && len(s) == 16 && isDate(s[:10]) && s[10] == ' ' && isClock(s[11:]):
		return "!!str", true
	case s[0] != '0' && lettersOnly(s[digits:]):
		return "!!str", true
	}
	return "", false
}

// isDate reports whether s is written dddd-dd-dd.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && !(c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// isClock reports whether s is written dd:dd.
func isClock(s string) bool {
	return len(s) == 5 && s[2] == ':' && isDigits(s[:2]) && isDigits(s[3:])
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// lettersOnly reports whether s is one or more ASCII lower-case letters.
func lettersOnly(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}
