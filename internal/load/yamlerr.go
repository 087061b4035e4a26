package load

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/relais-ecoles/relais/internal/diag"
)

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// fieldRE splits a line of YAML into its indent and list dash, its key and
// its value.
var fieldRE = regexp.MustCompile(`^(\s*(?:-\s+)?)([^\s:#'"\[\]{}][^:#]*?):(?:\s+(.*))?$`)

// yamlError turns a YAML syntax error in data into a positioned error that
// says in French what is wrong and what to write instead. The library's
// message names the cause; the line itself, read from data, gives the fix.
func yamlError(p string, data []byte, err error) *diag.Error {
	msg := err.Error()
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	lines := strings.Split(string(data), "\n")
	text := func(n int) string {
		if n >= 1 && n <= len(lines) {
			return lines[n-1]
		}
		return ""
	}
	at := func(n, col int, format string, args ...any) *diag.Error {
		if n < 1 {
			n = firstLine(lines)
		}
		return diag.Errorf(diag.Pos{File: p, Line: n, Col: max(col, 1)}, format, args...)
	}
	// The library names the line of the construct it was reading, which
	// is at or a little before the line at fault: find names the first line
	// from there that shows the fault, or 0.
	find := func(ok func(n int) bool) int {
		for n := max(line-1, 1); n <= len(lines); n++ {
			if ok(n) {
				return n
			}
		}
		return 0
	}
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		if n := find(func(n int) bool { _, _, _, ok := colonInValue(text(n)); return ok }); n > 0 {
			key, value, col, _ := colonInValue(text(n))
			return at(n, col, "le texte de %s contient « : » (deux-points suivis d'une espace), que YAML prend pour le début d'un autre champ : mettez tout le texte entre guillemets, %s",
				diag.Q(key), diag.Q(key+": "+quote(value)))
		}
		if line > 0 && indent(text(line)) > 0 {
			return at(line, indent(text(line))+1, "cette ligne est décalée vers la droite plus que la précédente, mais la précédente n'ouvre pas de groupe de champs : alignez son début sur celui de la ligne au-dessus")
		}
		return at(line, 1, "un texte contient « : » que YAML prend pour le début d'un autre champ : mettez le texte entre guillemets")
	case strings.Contains(msg, "tab character"), strings.Contains(msg, "found character that cannot start any token") && find(func(n int) bool { return strings.Contains(text(n), "\t") }) > 0:
		n := find(func(n int) bool { return strings.Contains(text(n), "\t") })
		return at(n, strings.Index(text(n), "\t")+1, "cette ligne contient une tabulation : YAML n'accepte que des espaces pour décaler une ligne ; remplacez la tabulation par des espaces")
	case strings.Contains(msg, "found character that cannot start any token"):
		if n := find(func(n int) bool {
			return strings.Contains("@`%", leadingValueChar(text(n))) && leadingValueChar(text(n)) != ""
		}); n > 0 {
			key, value, col, _ := split(text(n))
			return at(n, col, "un texte qui commence par %s doit être entre guillemets : écrivez %s", diag.Q(value[:1]), diag.Q(key+": "+quote(value)))
		}
		return at(line, 1, "un caractère ne peut pas commencer une valeur ici : mettez la valeur entre guillemets")
	case strings.Contains(msg, "did not find expected ',' or ']'"):
		n := find(func(n int) bool { return strings.Count(text(n), "[") > strings.Count(text(n), "]") })
		return at(n, strings.Index(text(n), "[")+1, "une liste entre crochets n'est pas fermée : écrivez-la sur une ligne, les valeurs séparées par des virgules, et fermez-la par « ] », comme levels: [6e, 5e]")
	case strings.Contains(msg, "did not find expected ',' or '}'"):
		n := find(func(n int) bool { return strings.Count(text(n), "{") > strings.Count(text(n), "}") })
		return at(n, strings.Index(text(n), "{")+1, "un groupe entre accolades n'est pas fermé : fermez-le par « } » sur la même ligne")
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-' indicator"):
		if n := find(func(n int) bool { _, _, _, ok := textAfterQuote(text(n)); return ok }); n > 0 {
			key, value, col, _ := textAfterQuote(text(n))
			return at(n, col, "le texte de %s commence par un guillemet mais continue après le guillemet qui le ferme : entourez tout le texte de guillemets doubles, %s",
				diag.Q(key), diag.Q(key+": "+quote(value)))
		}
		n := find(func(n int) bool { return misaligned(lines, n) })
		return at(n, indent(text(n))+1, "le décalage de cette ligne (les espaces à son début) ne suit pas celui des lignes précédentes : les champs d'un même groupe commencent tous à la même colonne, et les lignes d'une liste par « - » à la même colonne")
	case strings.Contains(msg, "could not find expected ':'"):
		return at(line, indent(text(line))+1, "cette ligne n'est pas un champ : un champ s'écrit « nom: valeur » sur une ligne ; si c'est la suite du texte de la ligne précédente, mettez ce texte entre guillemets sur une seule ligne")
	case strings.Contains(msg, "found unexpected end"):
		n := find(func(n int) bool { _, ok := unclosedQuote(text(n)); return ok })
		col, _ := unclosedQuote(text(n))
		return at(n, col, "des guillemets ouverts ici ne sont jamais fermés : fermez-les à la fin de la valeur, sur la même ligne")
	case strings.Contains(msg, "unknown anchor"), strings.Contains(msg, "did not find expected alphabetic or numeric character"):
		return at(line, 1, "un texte qui commence par « * » ou « & » doit être entre guillemets")
	}
	return at(line, 1, "le YAML n'est pas valide (%s) : vérifiez les guillemets et le décalage de cette ligne", msg)
}

// leadingValueChar is the first character of the value of a field line,
// or "".
func leadingValueChar(l string) string {
	_, value, _, ok := split(l)
	if !ok || value == "" {
		return ""
	}
	return value[:1]
}

// misaligned reports whether line n starts left of the line before it at a
// column no line before it starts at: a line that ends a group must come
// back to the column of that group's fields.
func misaligned(lines []string, n int) bool {
	l := lines[n-1]
	if strings.TrimSpace(l) == "" {
		return false
	}
	seen := map[int]bool{}
	prev := -1
	for _, b := range lines[:n-1] {
		if strings.TrimSpace(b) == "" {
			continue
		}
		seen[indent(b)] = true
		prev = indent(b)
	}
	return prev >= 0 && indent(l) < prev && !seen[indent(l)]
}

// unclosedQuote reports whether the value of a field line opens a quote it
// does not close, and gives the quote's column.
func unclosedQuote(l string) (int, bool) {
	_, value, col, ok := split(l)
	if !ok || value == "" || (value[0] != '"' && value[0] != '\'') {
		return 1, false
	}
	rest := strings.ReplaceAll(value[1:], `\"`, "")
	if value[0] == '\'' {
		rest = strings.ReplaceAll(rest, "''", "")
	}
	return col, !strings.Contains(rest, value[:1])
}

// firstLine is the first line of lines that is not empty, or 1.
func firstLine(lines []string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			return i + 1
		}
	}
	return 1
}

func indent(l string) int { return len(l) - len(strings.TrimLeft(l, " \t")) }

// split reads a line "key: value".
func split(l string) (key, value string, col int, ok bool) {
	m := fieldRE.FindStringSubmatchIndex(l)
	if m == nil {
		return "", "", 0, false
	}
	key = l[m[4]:m[5]]
	if m[6] >= 0 {
		value = strings.TrimRight(l[m[6]:m[7]], " ")
		col = utf8.RuneCountInString(l[:m[6]]) + 1
	}
	return key, value, col, true
}

// colonInValue reports whether the line is a field whose plain value holds
// ": ", and gives the column of that colon.
func colonInValue(l string) (key, value string, col int, ok bool) {
	key, value, _, ok = split(l)
	if !ok || value == "" || value[0] == '"' || value[0] == '\'' || value[0] == '[' || value[0] == '{' {
		return "", "", 0, false
	}
	i := strings.Index(value, ": ")
	if i < 0 && strings.HasSuffix(value, ":") {
		i = len(value) - 1
	}
	if i < 0 {
		return "", "", 0, false
	}
	vi := strings.Index(l, value)
	return key, value, utf8.RuneCountInString(l[:vi+i]) + 1, true
}

// textAfterQuote reports whether the line is a field whose value opens with
// a quote that closes before the end of the value ("a" b, 'it's').
func textAfterQuote(l string) (key, value string, col int, ok bool) {
	key, value, vcol, ok := split(l)
	if !ok || len(value) < 2 || (value[0] != '"' && value[0] != '\'') {
		return "", "", 0, false
	}
	q := value[0]
	end := bytes.IndexByte([]byte(value[1:]), q)
	if end < 0 || end+2 >= len(value) {
		return "", "", 0, false
	}
	return key, value, vcol, true
}

// quote writes a text as a YAML double-quoted value. A value that was
// wholly in single quotes loses them first; inner double quotes become « ».
func quote(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && v[0] == '\'' && strings.Count(v, "'") >= 2 {
		v = v[1:]
		if i := strings.LastIndexByte(v, '\''); i == len(v)-1 {
			v = v[:i]
		}
	}
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	if strings.Count(v, `"`) >= 2 {
		for strings.Contains(v, `"`) {
			v = strings.Replace(v, `"`, "« ", 1)
			v = strings.Replace(v, `"`, " »", 1)
		}
	}
	v = strings.ReplaceAll(v, `\`, `\\`)
	v = strings.ReplaceAll(v, `"`, `\"`)
	return `"` + v + `"`
}
