package load

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
)

// Decoder decodes YAML nodes of one file strictly and collects the errors it
// meets, so that a whole file is checked in one pass.
type Decoder struct {
	File string
	Errs diag.List
}

// NewDecoder returns a decoder for the file p.
func NewDecoder(p string) *Decoder { return &Decoder{File: p} }

// Pos returns the position of n in the file.
func (d *Decoder) Pos(n *yaml.Node) diag.Pos { return NodePos(d.File, n) }

// Errorf records an error at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	d.Errs.Add(d.Pos(n), format, args...)
}

// Word is a scalar with its position.
type Word struct {
	Text string
	Pos  diag.Pos
}

// Map is a YAML mapping whose keys have been checked against the known ones.
type Map struct {
	d    *Decoder
	node *yaml.Node
	keys map[string]*yaml.Node
	vals map[string]*yaml.Node
}

// Map checks that n is a mapping of known keys, each given once. what names
// the thing for messages, in French ("l'en-tête d'une directive", "un
// créneau"); the English names older callers pass are translated.
func (d *Decoder) Map(n *yaml.Node, what string, known ...string) Map {
	what = French(what)
	n = resolve(n)
	m := Map{d: d, node: n, keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
	if n == nil {
		return m
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s doit être une suite de champs (nom: valeur), pas %s", what, describe(n))
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "un nom de champ doit être un simple mot, suivi de « : »")
			continue
		}
		if !slices.Contains(known, k.Value) {
			d.Errorf(k, "%s", unknownField(k.Value, what, known))
			continue
		}
		if prev, dup := m.keys[k.Value]; dup {
			d.Errorf(k, "le champ %s est donné deux fois (la première à la ligne %d) : n'en gardez qu'un", diag.Q(k.Value), prev.Line)
			continue
		}
		m.keys[k.Value] = k
		m.vals[k.Value] = resolve(v)
	}
	return m
}

// Node is the mapping node itself.
func (m Map) Node() *yaml.Node { return m.node }

// Pos is the position of the mapping.
func (m Map) Pos() diag.Pos { return m.d.Pos(m.node) }

// Has reports whether key is present with a non-null value.
func (m Map) Has(key string) bool {
	v := m.vals[key]
	return v != nil && !isNull(v)
}

// Value returns the value node of key, or nil.
func (m Map) Value(key string) *yaml.Node {
	if !m.Has(key) {
		return nil
	}
	return m.vals[key]
}

// KeyPos returns the position of key, or of the mapping when key is absent.
func (m Map) KeyPos(key string) diag.Pos {
	if k := m.keys[key]; k != nil {
		return m.d.Pos(k)
	}
	return m.Pos()
}

// ValuePos returns the position of the value of key, or of the mapping.
func (m Map) ValuePos(key string) diag.Pos {
	if v := m.vals[key]; v != nil {
		return m.d.Pos(v)
	}
	return m.Pos()
}

// Require records an error for each key that is absent or empty.
func (m Map) Require(what string, keys ...string) {
	what = French(what)
	if m.node == nil || m.node.Kind != yaml.MappingNode {
		return
	}
	for _, k := range keys {
		if !m.Has(k) || (m.vals[k].Kind == yaml.ScalarNode && strings.TrimSpace(m.vals[k].Value) == "") {
			m.d.Errs.Add(m.Pos(), "il manque %s dans %s : ajoutez une ligne %s", diag.Q(k), what, diag.Q(k+": "+example(k)))
		}
	}
}

func (m Map) scalar(key, want string) *yaml.Node {
	v := m.Value(key)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.ScalarNode {
		m.d.Errorf(v, "%s doit être %s, pas %s", diag.Q(key), want, describe(v))
		return nil
	}
	return v
}

// String returns the text of a scalar field, or "" when absent.
func (m Map) String(key string) string {
	v := m.scalar(key, "un texte")
	if v == nil {
		return ""
	}
	return strings.TrimSpace(v.Value)
}

// Word returns a scalar field with its position.
func (m Map) Word(key string) Word {
	return Word{Text: m.String(key), Pos: m.ValuePos(key)}
}

// Bool returns a boolean field; absent is false.
func (m Map) Bool(key string) bool {
	v := m.scalar(key, "true ou false")
	if v == nil {
		return false
	}
	switch strings.ToLower(v.Value) {
	case "true", "yes", "oui", "vrai":
		return true
	case "false", "no", "non", "faux":
		return false
	}
	m.d.Errorf(v, "%s doit valoir true (oui) ou false (non), pas %s", diag.Q(key), diag.Q(v.Value))
	return false
}

// Int returns an integer field; absent is 0.
func (m Map) Int(key string) int {
	v := m.scalar(key, "un nombre entier")
	if v == nil {
		return 0
	}
	i, err := strconv.Atoi(v.Value)
	if err != nil {
		m.d.Errorf(v, "%s doit être un nombre entier, comme 10, pas %s", diag.Q(key), diag.Q(v.Value))
	}
	return i
}

// Words returns a field that is a list of words. A single word is accepted
// as a list of one.
func (m Map) Words(key string) []Word {
	v := m.Value(key)
	if v == nil {
		return nil
	}
	if v.Kind == yaml.ScalarNode {
		t := strings.TrimSpace(v.Value)
		if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 && strings.Contains(t, ",") {
			parts := strings.Split(t, ",")
			for i := range parts {
				parts[i] = strings.TrimSpace(parts[i])
			}
			m.d.Errorf(v, "%s donne plusieurs valeurs séparées par des virgules sans crochets, que YAML lit comme un seul texte : écrivez la liste entre crochets, %s",
				diag.Q(key), diag.Q(key+": ["+strings.Join(parts, ", ")+"]"))
			return nil
		}
		return []Word{{Text: t, Pos: m.d.Pos(v)}}
	}
	if v.Kind != yaml.SequenceNode {
		m.d.Errorf(v, "%s doit être une liste comme [a, b], pas %s", diag.Q(key), describe(v))
		return nil
	}
	out := make([]Word, 0, len(v.Content))
	for _, it := range v.Content {
		it = resolve(it)
		if it.Kind != yaml.ScalarNode {
			m.d.Errorf(it, "chaque élément de %s doit être un mot, pas %s", diag.Q(key), describe(it))
			continue
		}
		out = append(out, Word{Text: strings.TrimSpace(it.Value), Pos: m.d.Pos(it)})
	}
	return out
}

// Items returns the nodes of a list field.
func (m Map) Items(key string) []*yaml.Node {
	v := m.Value(key)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		m.d.Errorf(v, "%s doit être une liste (des lignes qui commencent par « - »), pas %s", diag.Q(key), describe(v))
		return nil
	}
	out := make([]*yaml.Node, len(v.Content))
	for i, it := range v.Content {
		out[i] = resolve(it)
	}
	return out
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Date returns a date field (YYYY-MM-DD) as midnight UTC; ok is false when
// the field is absent or invalid.
func (m Map) Date(key string) (t time.Time, ok bool) {
	v := m.scalar(key, "une date (AAAA-MM-JJ)")
	if v == nil {
		return time.Time{}, false
	}
	return m.d.Date(v, key)
}

// Date decodes a YYYY-MM-DD scalar as midnight UTC.
func (d *Decoder) Date(v *yaml.Node, key string) (time.Time, bool) {
	s := strings.TrimSpace(v.Value)
	if dateRE.MatchString(s) {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t, true
		}
		d.Errorf(v, "%s n'est pas une date valide : le %s n'existe pas dans le calendrier", diag.Q(key), s)
		return time.Time{}, false
	}
	if t, ok := frenchDate(s); ok {
		d.Errorf(v, "%s doit être une date écrite AAAA-MM-JJ (année, mois, jour) : écrivez %s", diag.Q(key), diag.Q(key+": "+t.Format(time.DateOnly)))
		return time.Time{}, false
	}
	d.Errorf(v, "%s doit être une date écrite AAAA-MM-JJ (année, mois, jour), comme 2020-03-16, pas %s", diag.Q(key), diag.Q(s))
	return time.Time{}, false
}

var dateTimeLayouts = []string{
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.DateOnly,
}

// DateTime returns a local date and time field (YYYY-MM-DD HH:MM, or a date
// alone for midnight) as wall-clock time in UTC; the caller places it in the
// issuer's time zone. An explicit offset (RFC 3339) is kept as an instant and
// reported with zoned true.
func (m Map) DateTime(key string) (t time.Time, zoned, ok bool) {
	v := m.scalar(key, "une date et une heure (AAAA-MM-JJ HH:MM)")
	if v == nil {
		return time.Time{}, false, false
	}
	s := strings.TrimSpace(v.Value)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true, true
	}
	for _, l := range dateTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, false, true
		}
	}
	switch t, hasTime, ok := frenchDateTime(s); {
	case ok && hasTime:
		m.d.Errorf(v, "%s doit être une date et une heure écrites AAAA-MM-JJ HH:MM : écrivez %s", diag.Q(key), diag.Q(key+": "+t.Format("2006-01-02 15:04")))
	case ok:
		m.d.Errorf(v, "%s doit être une date écrite AAAA-MM-JJ, suivie si besoin de l'heure HH:MM : écrivez %s", diag.Q(key), diag.Q(key+": "+t.Format(time.DateOnly)))
	case dateRE.MatchString(s) || strings.HasPrefix(s, "20"):
		m.d.Errorf(v, "%s n'est pas une date et une heure valides : écrivez-les AAAA-MM-JJ HH:MM, comme 2020-03-16 18:30, avec un jour et une heure qui existent", diag.Q(key))
	default:
		m.d.Errorf(v, "%s doit être une date et une heure écrites AAAA-MM-JJ HH:MM, comme 2020-03-16 18:30, pas %s", diag.Q(key), diag.Q(s))
	}
	return time.Time{}, false, false
}

// resolve follows YAML aliases.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "un groupe de champs"
	case yaml.SequenceNode:
		return "une liste"
	case yaml.ScalarNode:
		return diag.Q(n.Value)
	}
	return "cela"
}
