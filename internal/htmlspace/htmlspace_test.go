package htmlspace

import "testing"

func TestText(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"<p>a</p>\n<ul>\n<li>b</li>\n</ul>\n", "<p>a</p><ul><li>b</li></ul>"},
		{"<p>one\ntwo <em>x</em>\n<a href=\"/b/\">c</a></p>", "<p>one two <em>x</em> <a href=\"/b/\">c</a></p>"},
		{"<p>a  b</p>", "<p>a  b</p>"}, // no line break: written on purpose
		{"<pre><code>a\n  b\n</code></pre>\n<p>c</p>", "<pre><code>a\n  b\n</code></pre><p>c</p>"}, // pre kept
		{"<p>a</p>\n<!-- x\n y -->\n<p>b</p>", "<p>a</p><!-- x\n y --><p>b</p>"},
		{"<th scope=\"col\">a</th>", "<th scope=\"col\">a</th>"}, // quotes kept in texts
	} {
		if got := string(Text([]byte(tt.in))); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPieces(t *testing.T) {
	t.Parallel()
	// Each case is a layout cut at its actions; between two pieces, an
	// action.
	for _, tt := range []struct {
		name   string
		pieces []string
		start  State
		want   []string
	}{
		{"static quotes", []string{`<p class="meta">x</p>` + "\n"}, State{}, []string{`<p class=meta>x</p>`}},
		{"quotes that must stay", []string{`<a title="a b" data-x="" href="/a/"/>`}, State{}, []string{`<a title="a b" data-x="" href="/a/"/>`}},
		{"value after an action", []string{`<a href="`, `" class="x">`, "</a>\n<p>"}, State{}, []string{`<a href="`, `" class=x>`, "</a><p>"}},
		{"action in a value keeps its quotes", []string{`<time datetime="`, `">`, "</time>"}, State{}, []string{`<time datetime="`, `">`, "</time>"}},
		{"line break after an action in text", []string{"<p>", "\n<b>x</b>"}, State{}, []string{"<p>", " <b>x</b>"}},
		{"line break before a block after an action", []string{"<div>", "\n</div>"}, State{}, []string{"<div>", "</div>"}},
		{"unknown start kept to the first boundary", []string{"a=\"b\"\n c>\n<p>"}, Unknown, []string{"a=\"b\"\n c><p>"}},
		{"unknown start in text", []string{"\n<p>x</p>\n"}, Unknown, []string{"<p>x</p>"}},
		{"script across pieces", []string{"<script>a\n", "\nb</script>\n<p>"}, State{}, []string{"<script>a\n", "\nb</script><p>"}},
		{"end of a raw element first", []string{"x\n y</textarea>\n<p>"}, Unknown, []string{"x\n y</textarea><p>"}},
		{"tag broken over lines", []string{"<a\n  class=\"x\"\n  href=\"/\">y</a>"}, State{}, []string{"<a class=x href=/>y</a>"}},
	} {
		st := tt.start
		for i, p := range tt.pieces {
			var got []byte
			got, st = Piece([]byte(p), st)
			if string(got) != tt.want[i] {
				t.Errorf("%s: piece %d %q = %q, want %q", tt.name, i, p, got, tt.want[i])
			}
			st = st.Action()
		}
	}
}
