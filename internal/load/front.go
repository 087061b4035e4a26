package load

import (
	"bytes"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
)

// Doc is a Markdown file split into its front matter and body.
type Doc struct {
	Path string
	// Front is the mapping node of the front matter. Its positions are the
	// positions in the file.
	Front *yaml.Node
	// Body is the Markdown after the closing "---" line.
	Body []byte
	// BodyLine is the file line on which Body starts.
	BodyLine int
}

// Pos returns the position of n in the document.
func (d *Doc) Pos(n *yaml.Node) diag.Pos { return NodePos(d.Path, n) }

// NodePos returns the position of n in the file p.
func NodePos(p string, n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: p, Line: 1, Col: 1}
	}
	return diag.Pos{File: p, Line: n.Line, Col: n.Column}
}

// SplitFront splits data into front matter and body. The front matter is
// returned with its opening line replaced by an empty line, so that line
// numbers in it are those of the file. It reports whether the file opens a
// front matter and whether it is closed.
func SplitFront(data []byte) (front, body []byte, bodyLine int, opened, closed bool) {
	first, rest, found := bytes.Cut(data, []byte("\n"))
	if !found || strings.TrimRight(string(first), " \t") != "---" {
		return nil, data, 1, false, false
	}
	start := len(first) + 1
	off, line := start, 2
	for {
		l, r, more := bytes.Cut(rest, []byte("\n"))
		if t := strings.TrimRight(string(l), " \t"); t == "---" || t == "..." {
			front = make([]byte, 0, off-start+1)
			front = append(front, '\n')
			front = append(front, data[start:off]...)
			return front, r, line + 1, true, true
		}
		if !more {
			return nil, nil, 0, true, false
		}
		off += len(l) + 1
		rest = r
		line++
	}
}

// Front splits a Markdown file and decodes its front matter strictly: it
// must be present, closed, valid YAML and a mapping.
func Front(f *File) (*Doc, diag.List) {
	m := f.memo.front.Load()
	if m == nil {
		doc, errs := front(f)
		m = &frontMemo{doc: doc, errs: errs}
		f.memo.front.Store(m)
	}
	return m.get()
}

func front(f *File) (*Doc, diag.List) {
	var errs diag.List
	pos := diag.Pos{File: f.Path, Line: 1, Col: 1}
	if len(bytes.TrimSpace(f.Data)) == 0 {
		errs.Add(pos, "fichier vide : une page commence par un en-tête entre deux lignes « --- », avec au moins un titre (title: ...)")
		return nil, errs
	}
	front, body, bodyLine, opened, closed := SplitFront(f.Data)
	if !opened {
		errs.Add(pos, "en-tête manquant : le fichier doit commencer par une ligne « --- », puis les champs (title: ...), puis une ligne « --- »")
		return nil, errs
	}
	if !closed {
		errs.Add(pos, "l'en-tête n'est pas fermé : ajoutez une ligne « --- » après le dernier champ")
		return nil, errs
	}
	n, ok := fastFront(front)
	if !ok {
		var err *diag.Error
		if n, err = parseYAML(f.Path, front); err != nil {
			errs = append(errs, err)
			return nil, errs
		}
	}
	if n == nil {
		errs.Add(pos, "en-tête vide : ajoutez au moins un titre (title: ...)")
		return nil, errs
	}
	if n.Kind != yaml.MappingNode {
		errs.Add(NodePos(f.Path, n), "l'en-tête doit être une suite de champs, un par ligne, comme « title: ... »")
		return nil, errs
	}
	return &Doc{Path: f.Path, Front: n, Body: body, BodyLine: bodyLine}, nil
}

// YAML decodes a YAML data file into its root node. An empty file is an
// error.
func YAML(f *File) (*yaml.Node, diag.List) {
	m := f.memo.yaml.Load()
	if m == nil {
		n, errs := parseFile(f)
		m = &yamlMemo{node: n, errs: errs}
		f.memo.yaml.Store(m)
	}
	return m.node, slices.Clone(m.errs)
}

func parseFile(f *File) (*yaml.Node, diag.List) {
	var errs diag.List
	if len(bytes.TrimSpace(f.Data)) == 0 {
		errs.Add(diag.Pos{File: f.Path, Line: 1, Col: 1}, "fichier vide : remplissez-le ou supprimez-le")
		return nil, errs
	}
	n, err := parseYAML(f.Path, f.Data)
	if err != nil {
		errs = append(errs, err)
		return nil, errs
	}
	if n == nil {
		errs.Add(diag.Pos{File: f.Path, Line: 1, Col: 1}, "le fichier ne contient que des commentaires : remplissez-le ou supprimez-le")
		return nil, errs
	}
	return n, nil
}

// parseYAML parses one YAML document and returns its root content node,
// or nil for an empty document.
func parseYAML(p string, data []byte) (*yaml.Node, *diag.Error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return nil, nil
		}
		return nil, yamlError(p, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, diag.Errorf(NodePos(p, &extra), "un second document YAML commence ici : un fichier n'en contient qu'un (supprimez la ligne « --- »)")
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}
