package load

import (
	"slices"
	"sync/atomic"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
)

// memo keeps what Front and YAML made of a file, so that a file is parsed
// once however many times the site is assembled: the dev server keeps the
// *File of every unchanged file from one rebuild to the next, and parsing
// the front matter of 10,000 files costs more than the rest of an
// incremental rebuild. Two goroutines that parse the same file at once
// both parse it and store equal results.
//
// The nodes are shared: the decoders only read them. Callers get their own
// copy of the Doc and of the error list, which they may change.
type memo struct {
	front atomic.Pointer[frontMemo]
	yaml  atomic.Pointer[yamlMemo]
}

type frontMemo struct {
	doc  *Doc
	errs diag.List
}

func (m *frontMemo) get() (*Doc, diag.List) {
	if m.doc == nil {
		return nil, slices.Clone(m.errs)
	}
	d := *m.doc
	return &d, slices.Clone(m.errs)
}

type yamlMemo struct {
	node *yaml.Node
	errs diag.List
}

// Release drops what Front and YAML kept of every file of t, for a build
// that decodes its files once: the nodes of a national site's front
// matter (tens of megabytes) can then be freed while its pages render.
// Front and YAML parse a released file again if asked.
func (t *Tree) Release() {
	for _, f := range t.Files {
		f.memo.front.Store(nil)
		f.memo.yaml.Store(nil)
	}
}
