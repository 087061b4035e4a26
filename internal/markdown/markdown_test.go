package markdown

import (
	"errors"
	"strings"
	"testing"
)

func TestRenderBasics(t *testing.T) {
	t.Parallel()
	r := New()
	for _, tc := range []struct{ name, in, want string }{
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", "<table>"},
		{"raw html is dropped", "<script>alert(1)</script>\n\nok", "<!-- raw HTML omitted -->"},
		{"javascript links are emptied", "[x](javascript:alert(1))", `<a href="">x</a>`},
		{"guillemets", `Il a dit "bonjour".`, "«\u00a0bonjour\u00a0»"},
		{"apostrophe", "l'école", "l’école"},
		{"thin space before colon", "Horaires : 8h", "Horaires\u202f: 8h"},
		{"no thin space in code", "`a : b`", "<code>a : b</code>"},
		{"heading ids", "## Se connecter", `<h2 id="se-connecter">`},
		{"heading ids fold accents", "## Un site indépendant ?", `<h2 id="un-site-independant">`},
		{"repeated headings", "## A\n\n## A", `<h2 id="a-2">`},
		{"table headers have a scope", "| a |\n|:--|\n| 1 |", `<th scope="col">a</th>`},
		{"external links get noopener", "[x](https://example.org/)", `<a href="https://example.org/" rel="noopener">x</a>`},
		{"autolinks get noopener", "voir https://example.org/a ici", `<a href="https://example.org/a" rel="noopener">`},
		{"site links do not", "[x](/directives/)", `<a href="/directives/">x</a>`},
		{"mail links do not", "[x](mailto:a@example.fr)", `<a href="mailto:a@example.fr">x</a>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := r.Render([]byte(tc.in), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), tc.want) {
				t.Errorf("Render(%q) = %q, want it to contain %q", tc.in, out, tc.want)
			}
			if strings.Contains(string(out), "<script>") {
				t.Errorf("raw script survived: %q", out)
			}
		})
	}
}

func TestRenderResolvesLinks(t *testing.T) {
	t.Parallel()
	src := []byte("Voir [le guide](../guides/a.md) et\n[rien](/nulle-part/) ou [dehors](https://example.org/).\n")
	resolve := func(dest string) (string, error) {
		switch dest {
		case "../guides/a.md":
			return "/bonnes-pratiques/a/", nil
		case "/nulle-part/":
			return "", errors.New("no page at /nulle-part/")
		}
		return dest, nil
	}
	out, errs, err := New().Render(src, resolve)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `href="/bonnes-pratiques/a/"`) {
		t.Errorf("link not rewritten: %s", out)
	}
	if len(errs) != 1 {
		t.Fatalf("got %d link errors, want 1", len(errs))
	}
	line, col := LineCol(src, errs[0].Offset, 5)
	if line != 6 || col != 1 {
		t.Errorf("broken link at %d:%d, want 6:1", line, col)
	}
}

func TestRenderRefusesDeepNesting(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 10000 {
		b.WriteString(strings.Repeat("  ", i))
		b.WriteString("- x\n")
	}
	if _, _, err := New().Render([]byte(b.String()), nil); err == nil {
		t.Fatal("10,000-deep list accepted")
	}
	if _, _, err := New().Render([]byte(strings.Repeat(">", 5000)+" x"), nil); err == nil {
		t.Fatal("5,000-deep quote accepted")
	}
}

func TestLineColCountsCharacters(t *testing.T) {
	t.Parallel()
	src := []byte("é\nàb[x](y)")
	if l, c := LineCol(src, strings.Index(string(src), "["), 1); l != 2 || c != 3 {
		t.Errorf("LineCol = %d:%d, want 2:3", l, c)
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{"# t\n\n- a\n  - b\n", "[x](../a.md)", "<script>x</script>", "| a |\n|---|\n", "a : b ; c ! d ?", "&amp; : x", "```\na : b\n```"} {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, s string) {
		out, _, err := r.Render([]byte(s), func(d string) (string, error) { return d, nil })
		if err != nil {
			return
		}
		if strings.Contains(strings.ToLower(string(out)), "<script") {
			t.Fatalf("script in output of %q: %q", s, out)
		}
	})
}

func TestPlain(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Quand mon enfant peut-il se connecter ?": "Quand mon enfant peut-il se connecter\u202f?",
		"l'ENT **vite**": "l’ENT vite",
		"a:b":            "a:b",
	} {
		if got := Plain(in); got != want {
			t.Errorf("Plain(%q) = %q, want %q", in, got, want)
		}
	}
}
