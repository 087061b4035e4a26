// Package markdown owns the one goldmark instance of a build: CommonMark
// with GFM tables, strikethrough and autolinks, raw HTML left out, French
// typography (guillemets, apostrophes, thin no-break spaces before ; : ! ?),
// and a link pass that rewrites links to content files into site URLs and
// reports, with its line and column, every internal link that leads nowhere.
//
// A Renderer is built once per build and is safe for concurrent use.
package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/relais-ecoles/relais/internal/htmlspace"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Resolver maps a link destination written in a document to the URL the
// page should use. It returns an error when the link leads nowhere; it
// returns the destination unchanged for external links.
type Resolver func(dest string) (string, error)

// LinkError is an internal link that leads nowhere, at a byte offset of the
// source.
type LinkError struct {
	Offset int
	Err    error
}

// Renderer converts Markdown to HTML.
type Renderer struct {
	md goldmark.Markdown
}

// MaxNesting bounds how deeply lists and quotes may nest; deeper input is
// refused so that hostile content cannot exhaust the stack or the clock.
const MaxNesting = 64

var (
	resolverKey = parser.NewContextKey()
	errorsKey   = parser.NewContextKey()
)

// New returns the renderer of a build.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			// No alignment: goldmark would write it as an inline style,
			// which the Content-Security-Policy forbids.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.Linkify,
			extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
				extension.LeftDoubleQuote:  "«\u00a0",
				extension.RightDoubleQuote: "\u00a0»",
				extension.LeftSingleQuote:  "‘",
				extension.RightSingleQuote: "’",
				extension.Apostrophe:       "’",
				extension.LeftAngleQuote:   "«\u00a0",
				extension.RightAngleQuote:  "\u00a0»",
				extension.EnDash:           "–",
				extension.EmDash:           "—",
				extension.Ellipsis:         "…",
			})),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkPass{}, 100)),
		),
	)
	return &Renderer{md: md}
}

// Render converts src to HTML. Links are passed through resolve (nil keeps
// them as written); the links that fail are returned, with their offsets.
func (r *Renderer) Render(src []byte, resolve Resolver) ([]byte, []LinkError, error) {
	if d := nesting(src); d > MaxNesting {
		return nil, nil, fmt.Errorf("des listes ou des citations sont imbriquées sur %d niveaux, plus que les %d permis : mettez-les à plat", d, MaxNesting)
	}
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{seen: map[string]bool{}}))
	var errs []LinkError
	ctx.Set(resolverKey, resolve)
	ctx.Set(errorsKey, &errs)
	buf := bufWriter{new(bytes.Buffer)}
	buf.Grow(len(src) + len(src)/2)
	if err := r.md.Convert(src, buf, parser.WithContext(ctx)); err != nil {
		return nil, nil, err
	}
	out := Typography(buf.Bytes())
	// Header cells of Markdown tables head their column (RGAA 5.7).
	if bytes.Contains(out, []byte("<th>")) {
		out = bytes.ReplaceAll(out, []byte("<th>"), []byte(`<th scope="col">`))
	}
	return htmlspace.Text(out), errs, nil
}

// bufWriter lets goldmark write into a bytes.Buffer directly: given a
// writer without Flush, it wraps it in a new bufio.Writer (4 KB) for
// each text.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

var _ util.BufWriter = bufWriter{}

// headingIDs makes heading anchors readable in French: accents are folded
// ("Un site indépendant" gives "un-site-independant"), repeats numbered.
type headingIDs struct {
	seen map[string]bool
}

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := vocab.Slugify(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 2; h.seen[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	h.seen[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)] = true }

// linkPass rewrites link destinations through the document's Resolver,
// and marks the links that leave the site (http, https or
// protocol-relative) rel="noopener", so the page they open never gets a
// handle on ours. One walk of the document does both.
type linkPass struct{}

func (linkPass) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	resolve, _ := pc.Get(resolverKey).(Resolver)
	errs, _ := pc.Get(errorsKey).(*[]LinkError)
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch l := n.(type) {
		case *ast.Link:
			dest = &l.Destination
		case *ast.Image:
			dest = &l.Destination
		case *ast.AutoLink:
			if l.AutoLinkType == ast.AutoLinkURL && External(string(l.URL(src))) {
				l.SetAttributeString("rel", []byte("noopener"))
			}
			return ast.WalkContinue, nil
		default:
			return ast.WalkContinue, nil
		}
		if resolve != nil {
			got, err := resolve(string(*dest))
			if err != nil && errs != nil {
				*errs = append(*errs, LinkError{Offset: linkOffset(n, src), Err: err})
			} else {
				*dest = []byte(got)
			}
		}
		if l, ok := n.(*ast.Link); ok && External(string(l.Destination)) {
			l.SetAttributeString("rel", []byte("noopener"))
		}
		return ast.WalkContinue, nil
	})
}

// External reports whether a link destination leaves the site for
// another web site: an http or https URL, or a protocol-relative one.
func External(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	scheme, _, ok := strings.Cut(dest, ":")
	return ok && (strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https"))
}

// linkOffset finds the offset of the "[" that opens a link, from the
// position of its first text.
func linkOffset(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			off := t.Segment.Start
			if i := bytes.LastIndexByte(src[:off], '['); i >= 0 && off-i <= 2 {
				return i
			}
			return off
		}
	}
	// A link without text: search upward from the parent's lines.
	if p := n.Parent(); p != nil && p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
		return p.Lines().At(0).Start
	}
	return 0
}

// nesting estimates the deepest nesting of list items and block quotes by
// indentation and markers; it is a cheap guard run before parsing.
func nesting(src []byte) int {
	deepest := 0
	for line := range bytes.Lines(src) {
		depth, i := 0, 0
		for i < len(line) {
			switch c := line[i]; {
			case c == '>':
				depth++
				i++
			case c == ' ' || c == '\t':
				i++
			case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
				depth++
				i += 2
			case c >= '0' && c <= '9':
				// An ordered list marker: up to nine digits, "." or ")",
				// then a space ("1. 1. 1. x" nests on one line).
				j := i
				for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
					j++
				}
				if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
					depth++
					i = j + 2
				} else {
					i = len(line)
				}
			default:
				i = len(line)
			}
		}
		if ind := indentWidth(line) / 2; ind > depth {
			depth = ind
		}
		deepest = max(deepest, depth)
	}
	return deepest
}

func indentWidth(line []byte) int {
	w := 0
	for _, c := range line {
		switch c {
		case ' ':
			w++
		case '\t':
			w += 4
		default:
			return w
		}
	}
	return 0
}

// LineCol converts a byte offset of src to a 1-based line and column
// (counted in characters), given the line on which src starts.
func LineCol(src []byte, offset, firstLine int) (line, col int) {
	offset = min(max(offset, 0), len(src))
	before := src[:offset]
	line = firstLine + bytes.Count(before, []byte("\n"))
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// Typography puts a narrow no-break space before ; : ! ? and keeps
// guillemets with their words, in the text of an HTML fragment (never inside
// tags, code or preformatted text).
func Typography(html []byte) []byte {
	if !bytes.ContainsAny(html, ";:!?") {
		return html
	}
	out := make([]byte, 0, len(html)+64)
	inTag, code := false, 0
	for i := 0; i < len(html); i++ {
		c := html[i]
		switch {
		case inTag:
			if c == '>' {
				inTag = false
			}
		case c == '<':
			inTag = true
			rest := html[i+1:]
			switch {
			case hasTag(rest, "code"), hasTag(rest, "pre"):
				code++
			case hasTag(rest, "/code"), hasTag(rest, "/pre"):
				code = max(0, code-1)
			}
		case code == 0 && (c == ';' || c == ':' || c == '!' || c == '?'):
			if c == ';' && isEntityEnd(out) {
				break
			}
			if c == ':' && i+1 < len(html) && html[i+1] == '/' {
				break // a URL written out in text
			}
			if n := len(out); n > 0 && out[n-1] == ' ' {
				out = append(out[:n-1], "\u202f"...)
			}
		}
		out = append(out, c)
	}
	return out
}

func hasTag(b []byte, name string) bool {
	if len(b) < len(name) || !strings.EqualFold(string(b[:len(name)]), name) {
		return false
	}
	return len(b) == len(name) || b[len(name)] == '>' || b[len(name)] == ' '
}

// isEntityEnd reports whether out ends inside an HTML entity such as
// "&amp" (the ";" that follows closes it).
func isEntityEnd(out []byte) bool {
	// Look at the last ten bytes only: an entity is shorter, and searching
	// the whole output at every ";" would make a long line quadratic.
	start := max(0, len(out)-10)
	j := bytes.LastIndexByte(out[start:], '&')
	if j < 0 {
		return false
	}
	i := start + j
	for _, c := range out[i+1:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#') {
			return false
		}
	}
	return true
}

// plainReplacer removes inline Markdown marks and sets apostrophes.
var plainReplacer = strings.NewReplacer("**", "", "__", "", "`", "", "'", "’")

// Plain reduces a short Markdown text (a title, a summary) to plain text
// with French typography, for places where no markup is allowed.
func Plain(s string) string {
	s = plainReplacer.Replace(s)
	if !strings.ContainsAny(s, ";:!?") {
		return s
	}
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == ';' || c == ':' || c == '!' || c == '?') && i > 0 && s[i-1] == ' ' {
			out = append(out[:len(out)-1], "\u202f"...) // the space written last
		}
		out = append(out, c)
	}
	return string(out)
}
