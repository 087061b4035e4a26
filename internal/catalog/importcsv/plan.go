package importcsv

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Options are the choices of an import.
type Options struct {
	// Delete removes the programmes of the catalog that the file does not
	// list; without it they are kept and listed in Plan.Kept.
	Delete bool
}

// Action is what an import does to a file.
type Action int

// The actions of a Change.
const (
	Create Action = iota
	Update
	Delete
)

// Change is one file an import writes or removes.
type Change struct {
	Action Action
	Path   string // content/programmes/<slug>.md
	Row    int    // the row of the spreadsheet; 0 for a deletion
	Data   []byte // the new file (Create, Update)
	// Columns name the columns whose values change the programme (Update),
	// in the order of the docs.
	Columns []string
}

// Plan is what an import would do.
type Plan struct {
	Changes   []Change // in path order
	Unchanged []string // the paths of the programmes the file lists as they are
	Kept      []string // the paths of programmes the file does not list, kept
}

// maxSlugLen bounds a slug made from a title.
const maxSlugLen = 60

// entry is one row turned into front-matter values.
type entry struct {
	row   int
	slug  string
	title string
	// set holds the fields the spreadsheet gives; a nil value removes the
	// field. Fields not in set keep the file's value.
	set  map[string]*yaml.Node
	body *string
	col  map[string]int // field (or bodyKey) -> column number, for errors
	bad  bool           // a cell has an error
}

// Import reads the spreadsheet data (the file name, as errors name it)
// against the site's tree and returns what it would write, or every error
// it finds: in the file, and in the programmes as they would be. It writes
// nothing; with errors, the plan is nil.
func Import(name string, data []byte, tree *load.Tree, o Options) (*Plan, diag.List) {
	var errs diag.List
	if tree.Get(catalog.VocabularyPath) == nil {
		errs.Add(diag.Pos{File: catalog.VocabularyPath}, "vocabulaire manquant : l'import lit les diffuseurs, médias et disciplines dans %s ; créez-le d'abord (voir docs/editer.md)", catalog.VocabularyPath)
		return nil, errs
	}
	cat, cerrs := catalog.Decode(tree)
	if len(cerrs) > 0 {
		errs.Add(diag.Pos{File: name}, "le catalogue a déjà %d %s : corrigez-les d'abord (relais check), puis relancez l'import", len(cerrs), diag.Plural(len(cerrs), "erreur", "erreurs"))
		return nil, append(errs, cerrs...)
	}
	t, errs := readTable(name, data)
	if len(errs) > 0 {
		return nil, errs
	}
	cols, errs := readHeader(t)
	if len(errs) > 0 {
		return nil, errs
	}
	var entries []*entry
	seen := map[string]int{}
	for _, r := range t.rows {
		before := len(errs)
		e := readRow(t, cols, r, &cat.Vocab, &errs)
		if e == nil {
			continue
		}
		e.bad = len(errs) > before
		if first, dup := seen[e.slug]; dup {
			col := e.col[slugKey]
			if col == 0 {
				col = e.col["title"]
			}
			errs.Add(t.pos(r.n, col), "le programme %s est déjà à la ligne %d : deux lignes donnent le même fichier %s ; donnez à l'une un autre slug (colonne slug) ou fusionnez-les", diag.Q(e.slug), first, programmePath(e.slug))
			continue
		}
		seen[e.slug] = r.n
		entries = append(entries, e)
	}
	p := &Plan{}
	files := map[string][]byte{} // the programme files after the import
	rowOf := map[string]*entry{}
	for _, e := range entries {
		if e.bad {
			continue // its cells' errors first: the rendered file would repeat them
		}
		pth := programmePath(e.slug)
		old := cat.Programme(e.slug)
		var oldFile *load.File
		if old != nil {
			oldFile = tree.Get(old.Path)
		}
		out, perr := render(e, oldFile)
		if perr != nil {
			errs.Add(t.pos(e.row, 0), "%v", perr)
			continue
		}
		np, derrs := catalog.DecodeProgramme(&load.File{Path: pth, Data: out}, &cat.Vocab)
		if len(derrs) > 0 {
			errs = append(errs, mapErrors(t, e, out, derrs)...)
			continue
		}
		rowOf[pth] = e
		switch {
		case old == nil:
			p.Changes = append(p.Changes, Change{Action: Create, Path: pth, Row: e.row, Data: out})
			files[pth] = out
		case sameProgramme(old, np):
			p.Unchanged = append(p.Unchanged, pth)
			files[pth] = oldFile.Data
		default:
			p.Changes = append(p.Changes, Change{Action: Update, Path: pth, Row: e.row, Data: out, Columns: changedColumns(old, np)})
			files[pth] = out
		}
	}
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	for _, prog := range cat.Programmes {
		if _, listed := seen[prog.Slug]; listed {
			continue
		}
		if o.Delete {
			p.Changes = append(p.Changes, Change{Action: Delete, Path: prog.Path})
			continue
		}
		p.Kept = append(p.Kept, prog.Path)
		files[prog.Path] = tree.Get(prog.Path).Data
	}
	// The catalog as it would be, checked whole: an alias two programmes
	// claim is found only there.
	if _, cerrs := catalog.Decode(after(tree, files)); len(cerrs) > 0 {
		for _, ce := range cerrs {
			if e, ok := rowOf[ce.Pos.File]; ok {
				errs.Add(t.pos(e.row, 0), "%s", ce.Msg)
				continue
			}
			errs = append(errs, ce)
		}
		return nil, errs.Sort()
	}
	slices.SortFunc(p.Changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	slices.Sort(p.Unchanged)
	slices.Sort(p.Kept)
	return p, nil
}

func programmePath(slug string) string { return catalog.Dir + "/" + slug + ".md" }

// after is the tree's catalog with the programme files replaced by files.
func after(tree *load.Tree, files map[string][]byte) *load.Tree {
	out := &load.Tree{}
	for _, f := range tree.Under(catalog.Dir) {
		if f.Path == catalog.VocabularyPath || f.Path == catalog.IndexPath || path.Ext(f.Path) != ".md" || path.Dir(f.Path) != catalog.Dir {
			out.Files = append(out.Files, &load.File{Path: f.Path, Data: f.Data})
		}
	}
	for p, d := range files {
		out.Files = append(out.Files, &load.File{Path: p, Data: d})
	}
	slices.SortFunc(out.Files, func(a, b *load.File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// readHeader maps the columns of the file to the known columns: cols[i] is
// the index in columns of the file's column i, or -1 for an empty one.
func readHeader(t *table) ([]int, diag.List) {
	var errs diag.List
	cols := make([]int, len(t.header))
	at := map[int]int{}
	for i, h := range t.header {
		cols[i] = -1
		if h == "" {
			if columnUsed(t, i) {
				errs.Add(t.pos(1, i+1), "la colonne %s n'a pas de nom mais des cellules remplies : nommez-la sur la première ligne (%s) ou videz-la", letter(i+1), strings.Join(columnNames(), ", "))
			}
			continue
		}
		c := findColumn(h)
		if c < 0 {
			errs.Add(t.pos(1, i+1), "%s", unknownHeader(h))
			continue
		}
		if prev, dup := at[c]; dup {
			errs.Add(t.pos(1, i+1), "la colonne %s (%s) est déjà la colonne %s : gardez-en une", letter(i+1), columns[c].name, letter(prev+1))
			continue
		}
		at[c] = i
		cols[i] = c
	}
	for c, col := range columns {
		if _, ok := at[c]; col.required && !ok {
			errs.Add(t.pos(1, 0), "colonne %s manquante : ajoutez-la à la première ligne (%s)", diag.Q(col.name), col.help)
		}
	}
	for _, r := range t.rows {
		if len(r.cells) > len(t.header) {
			for i := len(t.header); i < len(r.cells); i++ {
				if strings.TrimSpace(r.cells[i]) != "" {
					errs.Add(t.pos(r.n, i+1), "la cellule %s%d est au-delà de la dernière colonne nommée (%s) : nommez sa colonne sur la première ligne ou videz-la", letter(i+1), r.n, letter(len(t.header)))
					break
				}
			}
		}
	}
	return cols, errs
}

func columnUsed(t *table, i int) bool {
	for _, r := range t.rows {
		if i < len(r.cells) && strings.TrimSpace(r.cells[i]) != "" {
			return true
		}
	}
	return false
}

// readRow reads the cells of a row into an entry; it returns nil when the
// row cannot name its file.
func readRow(t *table, cols []int, r row, v *catalog.Vocabulary, errs *diag.List) *entry {
	e := &entry{row: r.n, set: map[string]*yaml.Node{}, col: map[string]int{}}
	cellOf := map[string]cell{}
	for i, c := range cols {
		if c < 0 {
			continue
		}
		col := columns[c]
		text := r.cells[i]
		if col.keys[0] != bodyKey {
			text = strings.TrimSpace(text)
		}
		cl := cell{text: text, pos: t.pos(r.n, i+1), prefix: cellPrefix(i+1, t.header[i]), errs: errs}
		cellOf[col.name] = cl
		for _, k := range col.keys {
			if _, taken := e.col[k]; !taken {
				e.col[k] = i + 1
			}
		}
		if col.required && strings.TrimSpace(text) == "" {
			cl.fail("cellule vide : %s est obligatoire (%s)", diag.Q(col.name), col.help)
		}
	}
	has := func(name string) (cell, bool) {
		c, ok := cellOf[name]
		return c, ok
	}
	text := func(name, key string) {
		if c, ok := has(name); ok {
			e.set[key] = nil
			if s := line(c.text); s != "" {
				e.set[key] = str(s)
			}
		}
	}
	text("titre", "title")
	if c, ok := has("titre"); ok {
		e.title = line(c.text)
	}
	if c, ok := has("slug"); ok && c.text != "" {
		if !vocab.IsSlug(c.text) {
			c.fail("%s n'est pas un slug : écrivez des lettres minuscules sans accents, des chiffres et des tirets, comme %s", diag.Q(c.text), diag.Q(vocab.Slugify(c.text)))
			return nil
		}
		e.slug = c.text
	} else if e.title != "" {
		e.slug = vocab.CutSlug(vocab.Slugify(e.title), maxSlugLen)
		if e.slug == "" {
			c, _ := has("titre")
			c.fail("le titre %s n'a ni lettre ni chiffre pour faire un nom de fichier : donnez un slug (colonne slug)", diag.Q(e.title))
			return nil
		}
	}
	if e.slug == "" {
		return nil
	}
	if c, ok := has("diffuseur"); ok {
		e.set["broadcaster"] = nil
		if c.text != "" {
			if s, ok := readTerm(c, v.Broadcasters, c.text, "diffuseur"); ok {
				e.set["broadcaster"] = str(s)
			}
		}
	}
	text("chaîne", "channel")
	if c, ok := has("médias"); ok {
		e.set["media"] = nil
		if ms := readTerms(c, v.Media, "média"); len(ms) > 0 {
			e.set["media"] = flow(ms)
		}
	}
	var cycles []string
	if c, ok := has("niveaux"); ok {
		levels, cy := readLevels(c)
		cycles = cy
		e.set["levels"], e.set["cycles"] = nil, nil
		if len(levels) > 0 {
			e.set["levels"] = flow(levelOrder(levels))
		}
	}
	if c, ok := has("cycles"); ok {
		e.set["cycles"] = nil
		for _, cy := range readCycles(c) {
			if !slices.Contains(cycles, cy) {
				cycles = append(cycles, cy)
			}
		}
	}
	if len(cycles) > 0 {
		e.set["cycles"] = flow(cycleOrder(cycles))
	}
	text("public", "levels_stated")
	if c, ok := has("disciplines"); ok {
		e.set["subjects"] = nil
		if ss := readTerms(c, v.Subjects, "discipline"); len(ss) > 0 {
			e.set["subjects"] = flow(ss)
		}
	}
	if c, ok := has("horaires"); ok {
		e.set["schedule"] = nil
		if c.text != "" {
			if seq := readSchedule(c); len(seq.Content) > 0 {
				e.set["schedule"] = seq
			}
		}
	}
	date := func(name, key string) {
		if c, ok := has(name); ok {
			e.set[key] = nil
			if c.text != "" {
				if d, ok := readDate(c); ok {
					e.set[key] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d}
				}
			}
		}
	}
	date("début", "schedule_start")
	date("fin", "schedule_end")
	text("fuseau", "timezone")
	text("quand", "when")
	text("adresse", "url")
	if c, ok := has("statut"); ok {
		e.set["status"] = nil
		if c.text != "" {
			if s, ok := readStatus(c); ok {
				e.set["status"] = str(s)
			}
		}
	}
	date("label", "labelled")
	date("signalé", "reported")
	if c, ok := has("gratuit"); ok {
		e.set["free"] = nil
		if c.text != "" {
			if b, ok := readBool(c); ok && b {
				e.set["free"] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}
			}
		}
	}
	text("résumé", "summary")
	list := func(name, key string) {
		if c, ok := has(name); ok {
			e.set[key] = nil
			if ls := lines(c.text); len(ls) > 0 {
				e.set[key] = block(ls)
			}
		}
	}
	list("notes", "notes")
	list("sources", "sources")
	if c, ok := has("alias"); ok {
		e.set["aliases"] = nil
		if as := words(c.text); len(as) > 0 {
			e.set["aliases"] = flow(as)
		}
	}
	if c, ok := has("texte"); ok {
		b := strings.TrimSpace(strings.ReplaceAll(c.text, "\r\n", "\n"))
		e.body = &b
	}
	return e
}

func levelOrder(ls []string) []string {
	var out []string
	for _, l := range vocab.Levels() {
		if slices.Contains(ls, l.Slug) {
			out = append(out, l.Slug)
		}
	}
	return out
}

func cycleOrder(cs []string) []string {
	var out []string
	for _, c := range vocab.Cycles() {
		if slices.Contains(cs, c.Slug) {
			out = append(out, c.Slug)
		}
	}
	return out
}

// render writes the programme file of an entry: the old file's fields
// where the spreadsheet has no column for them, the entry's elsewhere, in
// the order of catalog.ProgrammeKeys; the old file's text unless the
// spreadsheet has a "texte" column.
func render(e *entry, old *load.File) ([]byte, error) {
	type kv struct{ k, v *yaml.Node }
	fields := map[string]kv{}
	var body []byte
	if old != nil {
		doc, errs := load.Front(old)
		if doc == nil {
			return nil, fmt.Errorf("%s illisible : %v", old.Path, errs.Err())
		}
		for i := 0; i+1 < len(doc.Front.Content); i += 2 {
			k, v := doc.Front.Content[i], doc.Front.Content[i+1]
			fields[k.Value] = kv{k, v}
		}
		body = doc.Body
	}
	for k, v := range e.set {
		if v == nil {
			delete(fields, k)
			continue
		}
		kn := str(k)
		if f, ok := fields[k]; ok {
			kn = f.k // keeps the comment written above the field
		}
		fields[k] = kv{kn, v}
	}
	if e.body != nil {
		body = nil
		if *e.body != "" {
			body = []byte("\n" + *e.body + "\n")
		}
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range catalog.ProgrammeKeys() {
		if f, ok := fields[k]; ok {
			root.Content = append(root.Content, f.k, f.v)
		}
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	b.WriteString("---\n")
	b.Write(body)
	return b.Bytes(), nil
}

// mapErrors places the errors of a rendered programme on the cells they
// come from: an error on a field's line is the cell of its column.
func mapErrors(t *table, e *entry, out []byte, errs diag.List) diag.List {
	doc, _ := load.Front(&load.File{Path: "x", Data: out})
	type span struct {
		line int
		key  string
	}
	var spans []span
	if doc != nil {
		for i := 0; i+1 < len(doc.Front.Content); i += 2 {
			spans = append(spans, span{doc.Front.Content[i].Line, doc.Front.Content[i].Value})
		}
	}
	var mapped diag.List
	for _, err := range errs {
		key := ""
		for _, s := range spans {
			if s.line <= err.Pos.Line {
				key = s.key
			}
		}
		if col, ok := e.col[key]; ok && e.set[key] != nil {
			mapped.Add(t.pos(e.row, col), "%s%s", cellPrefix(col, t.header[col-1]), err.Msg)
			continue
		}
		where := ""
		if key != "" {
			where = fmt.Sprintf(" (champ %s gardé de %s)", diag.Q(key), programmePath(e.slug))
		}
		mapped.Add(t.pos(e.row, 0), "%s%s", err.Msg, where)
	}
	return mapped
}

// view is what a programme says, for comparing two of them: everything
// but positions.
type view struct {
	Title, Broadcaster, Channel string
	Media, Levels, Cycles       []string
	Subjects                    []string
	Schedule                    []slotView
	ScheduleStart, ScheduleEnd  time.Time
	TimeZone, URL               string
	Labelled, Reported          time.Time
	Status, LevelsStated, When  string
	Notes, Sources              []string
	Free                        bool
	Summary                     string
	Aliases                     []string
	Body                        string
}

type slotView struct {
	Days     []time.Weekday
	From, To vocab.Clock
	Who      []string
}

func viewOf(p *catalog.Programme) view {
	v := view{
		Title: p.Title, Broadcaster: p.Broadcaster, Channel: p.Channel,
		Media: p.Media, Levels: p.Levels, Cycles: p.Cycles, Subjects: p.Subjects,
		ScheduleStart: p.ScheduleStart, ScheduleEnd: p.ScheduleEnd,
		TimeZone: p.TimeZone, URL: p.URL, Labelled: p.Labelled, Reported: p.Reported,
		Status: p.Status, LevelsStated: p.LevelsStated, When: p.When,
		Notes: p.Notes, Sources: p.Sources, Free: p.Free, Summary: p.Summary,
		Aliases: p.Aliases, Body: strings.TrimSpace(string(p.Body)),
	}
	for _, s := range p.Schedule {
		v.Schedule = append(v.Schedule, slotView{s.Days, s.From, s.To, s.Who})
	}
	return v
}

// differs lists, for each column, whether two views differ in what it
// writes.
var differs = []struct {
	column string
	diff   func(a, b view) bool
}{
	{"titre", func(a, b view) bool { return a.Title != b.Title }},
	{"diffuseur", func(a, b view) bool { return a.Broadcaster != b.Broadcaster }},
	{"chaîne", func(a, b view) bool { return a.Channel != b.Channel }},
	{"médias", func(a, b view) bool { return !slices.Equal(a.Media, b.Media) }},
	{"niveaux", func(a, b view) bool { return !slices.Equal(a.Levels, b.Levels) || !slices.Equal(a.Cycles, b.Cycles) }},
	{"public", func(a, b view) bool { return a.LevelsStated != b.LevelsStated }},
	{"disciplines", func(a, b view) bool { return !slices.Equal(a.Subjects, b.Subjects) }},
	{"horaires", func(a, b view) bool { return !slices.EqualFunc(a.Schedule, b.Schedule, sameSlot) }},
	{"début", func(a, b view) bool { return !a.ScheduleStart.Equal(b.ScheduleStart) }},
	{"fin", func(a, b view) bool { return !a.ScheduleEnd.Equal(b.ScheduleEnd) }},
	{"fuseau", func(a, b view) bool { return a.TimeZone != b.TimeZone }},
	{"quand", func(a, b view) bool { return a.When != b.When }},
	{"adresse", func(a, b view) bool { return a.URL != b.URL }},
	{"statut", func(a, b view) bool { return a.Status != b.Status }},
	{"label", func(a, b view) bool { return !a.Labelled.Equal(b.Labelled) }},
	{"signalé", func(a, b view) bool { return !a.Reported.Equal(b.Reported) }},
	{"gratuit", func(a, b view) bool { return a.Free != b.Free }},
	{"résumé", func(a, b view) bool { return a.Summary != b.Summary }},
	{"notes", func(a, b view) bool { return !slices.Equal(a.Notes, b.Notes) }},
	{"sources", func(a, b view) bool { return !slices.Equal(a.Sources, b.Sources) }},
	{"alias", func(a, b view) bool { return !slices.Equal(a.Aliases, b.Aliases) }},
	{"texte", func(a, b view) bool { return a.Body != b.Body }},
}

func sameSlot(a, b slotView) bool {
	return slices.Equal(a.Days, b.Days) && a.From == b.From && a.To == b.To && slices.Equal(a.Who, b.Who)
}

// changedColumns names the columns whose values differ between two
// programmes.
func changedColumns(a, b *catalog.Programme) []string {
	va, vb := viewOf(a), viewOf(b)
	var out []string
	for _, d := range differs {
		if d.diff(va, vb) {
			out = append(out, d.column)
		}
	}
	return out
}

// sameProgramme reports whether two programmes say the same thing, however
// their files are written.
func sameProgramme(a, b *catalog.Programme) bool { return len(changedColumns(a, b)) == 0 }
