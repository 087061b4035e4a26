// Package htmlspace takes out of HTML the bytes a browser does not show:
// the line breaks and indentation between tags, and the quotes of
// attribute values that need none. It does once, on the layouts when they
// are parsed and on each Markdown text when it is rendered, what a
// minifier did to every page a build wrote (render used to run tdewolff's
// minifier over each page: 15 % of a build's processor time).
//
// A layout is cut into pieces by its template actions, and a piece may
// start and end anywhere: in text, inside a tag, inside an attribute
// value. Each piece is compacted knowing the State the one before it ended
// in (Piece), and the caller says what an action between two pieces does
// to it (Action): in text, an action may write any HTML; in a tag or a
// value, html/template writes only an escaped value. What it changes:
//
//   - In text, a run of whitespace holding a line break is removed when a
//     block-level tag (p, div, li, h1, the tags of the head …: the list
//     tdewolff's minifier uses) is right beside it, since a browser shows
//     no space at the edge of a block; otherwise it becomes one space,
//     which shows the same. Runs without a line break are written on
//     purpose and kept as they are.
//   - Inside a tag, a run of whitespace holding a line break becomes one
//     space; in a layout, a double-quoted value written whole in the piece
//     and made only of letters, digits and -_./:#%,;+?&@!() loses its
//     quotes when the tag goes on after it with a space, a line break or
//     its '>'.
//   - The content of pre, textarea, script and style, where whitespace
//     counts, is kept byte for byte; so is a piece whose context is not
//     known (after template branches that end in different ones), up to
//     the first tag boundary it can see.
//
// Comments are left: html/template already takes them out of layouts and
// goldmark writes none.
package htmlspace

import (
	"bytes"
)

// context is where a piece of HTML is.
type context uint8

const (
	inText    context = iota
	unknown           // in text, a tag or a value: not known
	inTag             // between a tag's name and its '>', outside values
	inDouble          // in a double-quoted value
	inSingle          // in a single-quoted value
	inRaw             // in the content of a raw element
	afterText         // just after an action in text
	afterTag          // just after the '>' of the tag named tag
	afterNone         // in text, nothing known of what is just before
)

// State is where a piece of HTML ends, for the piece that follows it in
// the document. The zero State is in text, at the start of a document.
type State struct {
	ctx context
	tag string // the last tag's name (inTag, inDouble, inSingle, inRaw, afterTag)
}

// Unknown is the state of a piece whose context is not known.
var Unknown = State{ctx: unknown}

// Action returns the state after a template action in state st: in text,
// the action may have written any HTML, which ends a raw element's
// knowledge of nothing but what is just before; in a tag or a value, it
// wrote an escaped value and the state is the same.
func (st State) Action() State {
	switch st.ctx {
	case inText, afterText, afterTag, afterNone:
		return State{ctx: afterText}
	}
	return st
}

// Merge returns the state after a branch of a template that ends in st
// or in o.
func (st State) Merge(o State) State {
	if st == o {
		return st
	}
	text := func(c context) bool { return c == inText || c == afterText || c == afterTag || c == afterNone }
	if text(st.ctx) && text(o.ctx) {
		return State{ctx: afterText}
	}
	return Unknown
}

// Text compacts a whole HTML fragment, such as the HTML of a Markdown text,
// keeping its attribute quotes (feeds carry the same HTML to readers that
// may parse it strictly).
func Text(b []byte) []byte {
	out, _ := compact(b, State{}, false)
	return out
}

// Piece compacts the piece b of a layout, which comes after a piece (and
// an action) that ended in st, removing the quotes of the attribute values
// that need none. It returns the compacted piece and the state it ends in.
func Piece(b []byte, st State) ([]byte, State) {
	return compact(b, st, true)
}

// compact is Text and Piece: quotes tells whether to remove attribute quotes.
func compact(b []byte, st State, quotes bool) ([]byte, State) {
	out := make([]byte, 0, len(b))
	i := 0
	if st.ctx == unknown {
		// Keep the piece up to its first tag boundary, and all of it when
		// a raw element's end tag comes before any other raw tag.
		if name, end := firstRawTag(b); end {
			st = State{ctx: inRaw, tag: name}
		} else {
			k := bytes.IndexAny(b, "<>")
			if k < 0 {
				return append(out, b...), st
			}
			st = State{ctx: afterNone}
			if b[k] == '>' {
				out = append(out, b[:k+1]...)
				i = k + 1
			}
		}
	}
	endTag := false // whether the tag being read is an end tag
	for i < len(b) {
		c := b[i]
		switch st.ctx {
		case inRaw:
			k := indexEndTag(b[i:], st.tag)
			if k < 0 {
				return append(out, b[i:]...), st
			}
			out = append(out, b[i:i+k]...)
			i += k
			st.ctx = inText
			continue
		case inDouble, inSingle:
			q := byte('"')
			if st.ctx == inSingle {
				q = '\''
			}
			k := bytes.IndexByte(b[i:], q)
			if k < 0 {
				return append(out, b[i:]...), st
			}
			out = append(out, b[i:i+k+1]...)
			i += k + 1
			st.ctx = inTag
			continue
		case inTag:
			switch {
			case c == '>':
				out = append(out, c)
				i++
				st.ctx = afterTag
				if isRaw(st.tag) && !endTag {
					st.ctx = inRaw
				}
			case c == '"' || c == '\'':
				k := bytes.IndexByte(b[i+1:], c)
				if k < 0 {
					st.ctx = inDouble
					if c == '\'' {
						st.ctx = inSingle
					}
					return append(out, b[i:]...), st
				}
				v, next := b[i+1:i+1+k], i+2+k
				if quotes && c == '"' && i > 0 && b[i-1] == '=' && bareValue(v) && next < len(b) && (b[next] == ' ' || b[next] == '\n' || b[next] == '>') {
					out = append(out, v...)
				} else {
					out = append(out, b[i:next]...)
				}
				i = next
			case isSpace(c):
				j := span(b, i)
				if bytes.IndexByte(b[i:j], '\n') >= 0 {
					out = append(out, ' ')
				} else {
					out = append(out, b[i:j]...)
				}
				i = j
			default:
				out = append(out, c)
				i++
			}
			continue
		}
		// In text.
		switch {
		case isSpace(c):
			j := span(b, i)
			switch {
			case bytes.IndexByte(b[i:j], '\n') < 0:
				out = append(out, b[i:j]...)
			case st.ctx == afterTag && isBlock(st.tag),
				j < len(b) && b[j] == '<' && isBlock(tagName(b[j:])):
				// beside a block: nothing shows
			default:
				out = append(out, ' ')
			}
			st.ctx = inText
			i = j
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			// A comment, kept as it is (html/template takes it out).
			k := bytes.Index(b[i+4:], []byte("-->"))
			if k < 0 {
				return append(out, b[i:]...), Unknown
			}
			out = append(out, b[i:i+7+k]...)
			st.ctx = inText
			i += 7 + k
		case c == '<' && i+1 < len(b) && (isLetter(b[i+1]) || b[i+1] == '/' || b[i+1] == '!'):
			st = State{ctx: inTag, tag: tagName(b[i:])}
			endTag = b[i+1] == '/'
			out = append(out, c)
			i++
		default:
			// Text: copy it up to the next tag or line break, less the
			// whitespace before that, which the run it starts decides on.
			k := bytes.IndexAny(b[i+1:], "<\n")
			if k < 0 {
				k = len(b) - i
			} else {
				k++
			}
			for k > 1 && isSpace(b[i+k-1]) {
				k--
			}
			st.ctx = inText
			out = append(out, b[i:i+k]...)
			i += k
		}
	}
	return out, st
}

// span returns the end of the run of whitespace at b[i].
func span(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// firstRawTag returns the name of the first tag of a raw element in b and
// whether it is an end tag.
func firstRawTag(b []byte) (string, bool) {
	for i := 0; i+1 < len(b); i++ {
		if b[i] == '<' {
			if name := tagName(b[i:]); isRaw(name) {
				return name, b[i+1] == '/'
			}
		}
	}
	return "", false
}

// indexEndTag returns the index in b of the end tag of the element name,
// or -1.
func indexEndTag(b []byte, name string) int {
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '<' && b[i+1] == '/' && tagName(b[i:]) == name {
			return i
		}
	}
	return -1
}

// tagName returns the lower-case name of the tag that b starts with ("<p",
// "</p", "<!doctype").
func tagName(b []byte) string {
	i := 1
	if i < len(b) && (b[i] == '/' || b[i] == '!') {
		i++
	}
	j := i
	for j < len(b) && (isLetter(b[j]) || b[j] >= '0' && b[j] <= '9' || b[j] == '-') {
		j++
	}
	name := string(bytes.ToLower(b[i:j]))
	if i == 2 && b[1] == '!' {
		return "!" + name
	}
	return name
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// bareValue reports whether an attribute value may be written without
// quotes: not empty, and only characters that cannot end it or start
// another attribute.
func bareValue(v []byte) bool {
	if len(v) == 0 {
		return false
	}
	for _, c := range v {
		switch {
		case isLetter(c), c >= '0' && c <= '9', c >= 0x80:
		case bytes.IndexByte([]byte("-_./:#%,;+?&@!()"), c) >= 0:
		default:
			return false
		}
	}
	return true
}

func isRaw(name string) bool {
	switch name {
	case "pre", "textarea", "script", "style":
		return true
	}
	return false
}

// isBlock reports whether whitespace beside the tag name never shows: the
// block-level tags of tdewolff's minifier, and those of the document's
// head, which shows nothing.
func isBlock(name string) bool {
	switch name {
	case "address", "article", "aside", "blockquote", "br", "caption", "col", "colgroup",
		"dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
		"form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
		"legend", "li", "main", "menu", "nav", "noscript", "ol", "option", "p", "pre",
		"section", "style", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
		"title", "tr", "ul",
		"!doctype", "body", "meta", "link", "base":
		return true
	}
	return false
}
