package load

import (
	"bytes"
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/diag"
)

var frontSeeds = []string{
	"---\ntitle: Fermeture des écoles\ndate: 2020-03-16 12:00\naudiences: [parents, eleves]\n---\nCorps\n",
	"---\r\ntitle: x\r\n---\r\n",
	"\xef\xbb\xbf---\ntitle: bom\n---\n",
	"---\n---\n",
	"---\n...\nbody",
	"---   \ntitle: a\n--- \t\n",
	"---\ntitle: a\n",
	"---",
	"",
	"title: no front\n",
	"---\n- a\n- b\n---\n",
	"---\na: &x [1, 2]\nb: *x\nc: *x\n---\n",
	"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n",
	"---\ntitle: &t [*t]\n---\n",
	"---\ntitle: \"unclosed\n---\n",
	"---\n\ttitle: tab\n---\n",
	"---\ntitle: x\ntitle: y\n---\n",
	"---\n? [a, b]\n: c\n---\n",
	"---\ntitle: x\n---\n---\ntitle: y\n---\n",
	"---\n" + strings.Repeat("[", 300) + "\n---\n",
	"---\ntitle: " + strings.Repeat("a", 5000) + "\n---\n",
	"---\n!!binary a: b\n---\n",
	"---\ntitle: !!timestamp 2020-02-30\ndate: 2020-13-01 25:61\n---\n",
}

// FuzzSplitFront checks the splitting of front matter from the body on any
// bytes: no panic; the body is the end of the input; the front matter keeps
// the file's line numbers (its opening line becomes an empty line); the
// body starts on the line after the closing one.
func FuzzSplitFront(f *testing.F) {
	for _, s := range frontSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		front, body, bodyLine, opened, closed := SplitFront(data)
		if !opened {
			if !bytes.Equal(body, data) || bodyLine != 1 || front != nil || closed {
				t.Fatalf("not opened, yet front=%q body=%q line=%d closed=%v", front, body, bodyLine, closed)
			}
			return
		}
		if !closed {
			if front != nil || body != nil {
				t.Fatalf("not closed, yet front=%q body=%q", front, body)
			}
			return
		}
		if !bytes.HasSuffix(data, body) {
			t.Fatalf("body %q is not the end of the file", body)
		}
		if len(front) == 0 || front[0] != '\n' {
			t.Fatalf("front matter %q does not start with the empty opening line", front)
		}
		head := data[:len(data)-len(body)]
		// The lines before the body: the front matter's, plus the closing.
		if got, want := bodyLine, bytes.Count(head, []byte("\n"))+1; len(body) > 0 && got != want {
			t.Fatalf("body line %d, want %d", got, want)
		}
		if !bytes.HasPrefix(head[bytes.IndexByte(head, '\n')+1:], front[1:]) {
			t.Fatalf("front matter %q is not the text after the opening line", front)
		}
	})
}

// FuzzFront decodes any file as a Markdown document and then decodes its
// front matter with every helper of Map: no panic, every error names the
// file and a line, a document is a mapping whose body ends the file, and
// the YAML decoder of data files holds to the same.
func FuzzFront(f *testing.F) {
	for _, s := range frontSeeds {
		f.Add([]byte(s))
	}
	const name = "content/guides/fuzz.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		data, e := Normalize(name, data)
		if e != nil {
			if e.Pos.File != name {
				t.Fatalf("error without the file: %v", e)
			}
			return
		}
		file := &File{Path: name, Data: data}
		doc, errs := Front(file)
		checkErrs(t, name, errs)
		again, errs2 := Front(file)
		if (doc == nil) != (again == nil) || len(errs) != len(errs2) {
			t.Fatal("a second Front gives another result")
		}
		if doc != nil {
			if doc.Front == nil || !bytes.HasSuffix(data, doc.Body) || doc.BodyLine < 2 {
				t.Fatalf("document %+v", doc)
			}
			d := NewDecoder(name)
			m := d.Map(doc.Front, "the front matter", "title", "date", "updated", "audiences", "weight", "draft", "effective", "items", "a", "b", "c", "d")
			m.Require("the front matter", "title")
			m.String("title")
			m.Word("title")
			m.Words("audiences")
			m.Int("weight")
			m.Bool("draft")
			m.Date("effective")
			m.DateTime("date")
			m.DateTime("updated")
			for _, it := range m.Items("items") {
				d.Map(it, "an item", "who", "from", "to").String("who")
			}
			for _, k := range []string{"a", "b", "c", "d"} {
				m.Words(k)
				m.Items(k)
			}
			checkErrs(t, name, d.Errs)
		}
		yf := &File{Path: "content/academies/paris/timetables.yaml", Data: data}
		_, errs = YAML(yf)
		checkErrs(t, yf.Path, errs)
	})
}

func checkErrs(t *testing.T, name string, errs diag.List) {
	t.Helper()
	for _, e := range errs {
		if e.Pos.File != name || e.Pos.Line < 1 || e.Msg == "" {
			t.Fatalf("error without a file, a line or a message: %q", e.Error())
		}
	}
}
