package render

import (
	"html/template"
	"text/template/parse"

	"github.com/relais-ecoles/relais/internal/htmlspace"
)

// compactLayouts takes out of the text of the parsed layouts of sets the
// whitespace and quotes a browser does not need (htmlspace.Piece), once,
// before html/template escapes them at their first execution: the pages
// need no minifying afterwards. The sets share the trees of the partials,
// each compacted once. The base layout starts a document; any other
// template may be called anywhere, and starts in a context not known.
func compactLayouts(sets map[string]*template.Template) {
	done := map[*parse.Tree]bool{}
	for _, set := range sets {
		for _, t := range set.Templates() {
			if t.Tree == nil || t.Tree.Root == nil || done[t.Tree] {
				continue
			}
			done[t.Tree] = true
			st := htmlspace.Unknown
			if t.Name() == BaseLayout {
				st = htmlspace.State{}
			}
			compactNode(t.Tree.Root, st)
		}
	}
}

// compactNode compacts the text under n in the order of the template,
// each piece knowing the state the one before it ended in, and returns
// the state after n.
func compactNode(n parse.Node, st htmlspace.State) htmlspace.State {
	switch n := n.(type) {
	case *parse.TextNode:
		n.Text, st = htmlspace.Piece(n.Text, st)
		return st
	case *parse.ListNode:
		if n == nil {
			return st
		}
		for _, c := range n.Nodes {
			st = compactNode(c, st)
		}
		return st
	case *parse.IfNode:
		return compactBranch(&n.BranchNode, st, false)
	case *parse.WithNode:
		return compactBranch(&n.BranchNode, st, false)
	case *parse.RangeNode:
		return compactBranch(&n.BranchNode, st, true)
	case *parse.ActionNode, *parse.TemplateNode:
		return st.Action()
	}
	return st
}

// compactBranch compacts the branches of an if, with or range; the body of
// a range may follow itself, and starts after whatever it wrote.
func compactBranch(b *parse.BranchNode, st htmlspace.State, loop bool) htmlspace.State {
	start := st
	if loop {
		start = st.Action()
	}
	after := compactNode(b.List, start)
	if loop {
		after = after.Action()
	}
	if b.ElseList != nil {
		return after.Merge(compactNode(b.ElseList, st))
	}
	return after.Merge(st)
}
