// Package load reads a site folder through an fs.FS: it walks content/,
// layouts/ and assets/, refuses what cannot be a site file (invalid UTF-8,
// links leading outside the site, oversized files), splits Markdown front
// matter from the body without shifting line numbers, and decodes YAML
// strictly into nodes that keep their line and column.
//
// load knows the shape of files, not their meaning: the domain packages
// (territory, timetable, directive, catalog, ...) decode the nodes into their
// own types with the Map helpers of this package, so that every error names
// file:line:col. load never writes anything and never reads the clock.
package load

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/diag"
)

// Roots are the folders of a site that relais reads.
var Roots = []string{"content", "layouts", "assets"}

// MaxFileSize is the largest site file relais reads. A bigger one is refused
// with an error instead of being held in memory.
const MaxFileSize = 8 << 20

// File is one site file.
type File struct {
	// Path is slash-separated and relative to the site root, such as
	// "content/guides/se-connecter.md"; it is what errors name.
	Path string
	// Data is the file's text with any UTF-8 byte-order mark removed and
	// CRLF line endings turned into LF, so positions count the same on
	// every system. It must not change once the file is parsed: Front and
	// YAML keep their result on the File (see memo.go).
	Data []byte

	memo memo
}

// Tree is the set of files of a site, sorted by path.
type Tree struct {
	Files []*File
}

// Under returns the files whose path starts with dir + "/", in path order.
func (t *Tree) Under(dir string) []*File {
	prefix := strings.TrimSuffix(dir, "/") + "/"
	i, _ := slices.BinarySearchFunc(t.Files, prefix, func(f *File, p string) int { return strings.Compare(f.Path, p) })
	j := i
	for j < len(t.Files) && strings.HasPrefix(t.Files[j].Path, prefix) {
		j++
	}
	return t.Files[i:j]
}

// Get returns the file at p, or nil.
func (t *Tree) Get(p string) *File {
	i, ok := slices.BinarySearchFunc(t.Files, p, func(f *File, p string) int { return strings.Compare(f.Path, p) })
	if !ok {
		return nil
	}
	return t.Files[i]
}

// Site reads every file under the Roots of fsys. It returns every problem it
// meets, each with its position; a file with a problem is left out of the
// tree. A missing root folder is not an error (a site may have no assets).
//
// The files are read in parallel once the folders are walked, and the front
// matter of every Markdown file and the nodes of every YAML file of
// content/ are parsed there too, in parallel, and kept on the File (see
// memo.go): the decoders of each domain then find them parsed. Parsing is
// most of the cost of decoding a large site.
func Site(fsys fs.FS) (*Tree, diag.List) {
	return readSite(fsys, true)
}

// Read reads the files of fsys as Site does, without parsing them: a build
// that may find nothing changed (internal/pipeline's record) reads and
// digests the files first, and parses them (Parse) only when it builds.
func Read(fsys fs.FS) (*Tree, diag.List) {
	return readSite(fsys, false)
}

func readSite(fsys fs.FS, parse bool) (*Tree, diag.List) {
	w := &walker{fsys: fsys, parse: parse}
	for _, root := range Roots {
		w.walk(root)
	}
	w.read()
	slices.SortFunc(w.files, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	return &Tree{Files: w.files}, w.errs
}

// Parse parses, in parallel, what Site parses ahead of the decoders: the
// front matter of the Markdown files and the nodes of the YAML files of
// content/. Parsing a file twice costs nothing: the result is kept.
func (t *Tree) Parse() {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, f := range t.Files {
		g.Go(func() error {
			parse(f)
			return nil
		})
	}
	_ = g.Wait()
}

// Digest returns the SHA-256 of the tree: of every file's path and bytes,
// in path order. Two trees with the same digest hold the same files.
func (t *Tree) Digest() [sha256.Size]byte {
	sums := make([][sha256.Size]byte, len(t.Files))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	const chunk = 256
	for lo := 0; lo < len(t.Files); lo += chunk {
		g.Go(func() error {
			for i := lo; i < min(lo+chunk, len(t.Files)); i++ {
				sums[i] = sha256.Sum256(t.Files[i].Data)
			}
			return nil
		})
	}
	_ = g.Wait()
	h := sha256.New()
	var n [8]byte
	for i, f := range t.Files {
		binary.LittleEndian.PutUint64(n[:], uint64(len(f.Path)))
		h.Write(n[:])
		io.WriteString(h, f.Path)
		h.Write(sums[i][:])
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// walker reads the files under some folders of a site.
type walker struct {
	fsys  fs.FS
	parse bool // parse the files once read (Site), or not (Read)
	files []*File
	errs  diag.List
	// pending are the files found by walk, read by read.
	pending []string
	// vanished tolerates files and folders that disappear while they are
	// read: Reload is called while an editor is still saving, and the
	// removal is reported again by the next event.
	vanished bool
}

// walk reads every file under root, which is missing without error.
func (w *walker) walk(root string) {
	err := fs.WalkDir(w.fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if (p == root || w.vanished) && errors.Is(err, fs.ErrNotExist) {
				if d == nil || d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			w.errs.Add(diag.Pos{File: p}, "lecture impossible : %v", unwrapPathError(err))
			return nil
		}
		name := d.Name()
		if p != root && ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		w.file(p, d.Type())
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipDir) {
		w.errs.Add(diag.Pos{File: root}, "lecture impossible : %v", err)
	}
}

// file reads one file of the given type.
func (w *walker) file(p string, typ fs.FileMode) {
	if typ&fs.ModeSymlink != 0 {
		if msg := checkLink(w.fsys, p); msg != "" {
			if w.vanished && !exists(w.fsys, p) {
				return
			}
			w.errs.Add(diag.Pos{File: p}, "%s", msg)
			return
		}
	} else if !typ.IsRegular() {
		w.errs.Add(diag.Pos{File: p}, "ce n'est pas un fichier ordinaire : retirez-le du dossier du site")
		return
	}
	w.pending = append(w.pending, p)
}

// read reads the pending files in parallel, each worker filling its own
// slots, and adds them and their errors in walk order.
func (w *walker) read() {
	files := make([]*File, len(w.pending))
	errs := make([]*diag.Error, len(w.pending))
	var g errgroup.Group
	g.SetLimit(readers())
	for i, p := range w.pending {
		g.Go(func() error {
			f, e := readFile(w.fsys, p)
			if e != nil {
				if w.vanished && !exists(w.fsys, p) {
					return nil
				}
				errs[i] = e
				return nil
			}
			if w.parse {
				parse(f)
			}
			files[i] = f
			return nil
		})
	}
	_ = g.Wait()
	for i := range w.pending {
		switch {
		case errs[i] != nil:
			w.errs = append(w.errs, errs[i])
		case files[i] != nil:
			w.files = append(w.files, files[i])
		}
	}
	w.pending = nil
}

// readers is how many files are read at once: reading waits on the disk
// more than on the processor.
func readers() int { return 4 * runtime.GOMAXPROCS(0) }

// parse parses the front matter of a Markdown file or the nodes of a YAML
// file of content/ ahead of the decoders; the result stays on the File.
func parse(f *File) {
	if !strings.HasPrefix(f.Path, "content/") {
		return
	}
	switch path.Ext(f.Path) {
	case ".md":
		Front(f)
	case ".yaml", ".yml":
		YAML(f)
	}
}

// exists reports whether p is still there (as a link or a file).
func exists(fsys fs.FS, p string) bool {
	_, err := fs.Lstat(fsys, p)
	return !errors.Is(err, fs.ErrNotExist)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("le fichier n'existe pas (ou plus)")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission refusée : le compte qui lance relais n'a pas le droit de lire ce fichier")
	}
	return err
}

// ignored reports whether a file or folder name is one that editors and
// systems leave behind: dotfiles, backups, swap and lock files.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".tmp")
}

// checkLink refuses a symbolic link whose target is outside the site or is a
// folder; it returns "" when the link may be read.
func checkLink(fsys fs.FS, p string) string {
	target, err := fs.ReadLink(fsys, p)
	if err != nil {
		return fmt.Sprintf("lien symbolique illisible : %v", unwrapPathError(err))
	}
	resolved := path.Join(path.Dir(p), target)
	if path.IsAbs(target) || resolved == ".." || strings.HasPrefix(resolved, "../") {
		return fmt.Sprintf("le lien symbolique vers %s mène hors du dossier du site : copiez plutôt le fichier dans le site", diag.Q(target))
	}
	st, err := fs.Stat(fsys, p)
	if err != nil {
		return fmt.Sprintf("le lien symbolique vers %s ne mène nulle part : %v", diag.Q(target), unwrapPathError(err))
	}
	if st.IsDir() {
		return fmt.Sprintf("relais ne suit pas le lien symbolique vers le dossier %s : déplacez plutôt le dossier dans le site", diag.Q(target))
	}
	return ""
}

// readFile reads one file, refusing it before reading when it is larger
// than MaxFileSize, and never holding more than MaxFileSize+1 bytes of a
// file that grows while it is read.
func readFile(fsys fs.FS, p string) (*File, *diag.Error) {
	fail := func(err error) (*File, *diag.Error) {
		return nil, diag.Errorf(diag.Pos{File: p}, "lecture impossible : %v", unwrapPathError(err))
	}
	f, err := fsys.Open(p)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	if st.Size() > MaxFileSize {
		return nil, diag.Errorf(diag.Pos{File: p}, "le fichier fait %.1f Mo, plus que la limite de %d Mo : répartissez-le en plusieurs fichiers", float64(st.Size())/1e6, MaxFileSize>>20)
	}
	data := make([]byte, 0, st.Size()+1) // +1: EOF is seen without growing
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		if len(data) > MaxFileSize {
			break
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, min(len(data), MaxFileSize+1-len(data)))
		}
	}
	if len(data) > MaxFileSize {
		return nil, diag.Errorf(diag.Pos{File: p}, "le fichier dépasse la limite de %d Mo : répartissez-le en plusieurs fichiers", MaxFileSize>>20)
	}
	data, e := Normalize(p, data)
	if e != nil {
		return nil, e
	}
	return &File{Path: p, Data: data}, nil
}

// Normalize checks that data is UTF-8 text, removes a byte-order mark and
// turns CRLF line endings into LF. Binary asset files are passed through.
func Normalize(p string, data []byte) ([]byte, *diag.Error) {
	if !isText(p) {
		return data, nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line, col := 1, 1
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += n
		}
		return nil, diag.Errorf(diag.Pos{File: p, Line: line, Col: col}, "le texte n'est pas en UTF-8 : enregistrez le fichier en UTF-8 (dans l'éditeur : « Enregistrer sous », codage UTF-8)")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, diag.Errorf(diag.Pos{File: p}, "le fichier contient un octet nul : ce n'est pas un fichier texte")
	}
	if bytes.Contains(data, []byte("\r")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, nil
}

// isText reports whether a file of this name is read as text.
func isText(p string) bool {
	switch path.Ext(p) {
	case ".md", ".yaml", ".yml", ".html", ".css", ".js", ".json", ".txt", ".svg", ".xml", ".csv":
		return true
	}
	return false
}
