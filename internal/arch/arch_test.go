package arch

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/relais-ecoles/relais/"

// rules: a package (key) must not import any of the listed packages,
// directly or not.
var forbidden = map[string][]string{
	"internal/diag":      {"internal/"},
	"internal/output":    {"internal/"},
	"internal/order":     {"internal/"},
	"internal/retry":     {"internal/"},
	"internal/vocab":     {"internal/load", "internal/territory", "internal/timetable", "internal/directive", "internal/catalog", "internal/site", "internal/markdown"},
	"internal/view":      {"internal/load", "internal/territory", "internal/timetable", "internal/directive", "internal/catalog", "internal/guide", "internal/site", "internal/markdown", "internal/config"},
	"internal/load":      {"internal/vocab", "internal/territory", "internal/site", "internal/markdown"},
	"internal/territory": {"internal/timetable", "internal/directive", "internal/catalog"},
	"internal/timetable": {"internal/directive", "internal/catalog", "internal/guide", "internal/site", "internal/markdown", "internal/config", "internal/render"},
	"internal/directive": {"internal/timetable", "internal/catalog", "internal/guide", "internal/site", "internal/config", "internal/render"},
	"internal/catalog":   {"internal/timetable", "internal/directive", "internal/site", "internal/guide", "internal/territory", "internal/markdown", "internal/config", "internal/render"},
	"internal/guide":     {"internal/territory", "internal/timetable", "internal/directive", "internal/catalog", "internal/site", "internal/markdown", "internal/config", "internal/render"},
	"internal/config":    {"internal/site", "internal/markdown", "internal/timetable", "internal/directive", "internal/catalog", "internal/render", "internal/publish", "internal/hosting"},
	"internal/site":      {"internal/render", "internal/publish", "internal/pipeline", "internal/asset"},
	"internal/render":    {"internal/publish", "internal/pipeline"},
	"internal/publish":   {"internal/render", "internal/site", "internal/pipeline", "internal/markdown"},
	"internal/asset":     {"internal/site", "internal/render", "internal/publish"},
	"internal/pipeline":  {"internal/cli", "internal/serve", "internal/deploy"},
	"internal/deploy":    {"internal/render", "internal/publish"},
	"internal/notify":    {"internal/deploy", "internal/pipeline", "internal/render", "internal/publish"},
	"internal/textcache": {"internal/site", "internal/pipeline", "internal/render", "internal/publish", "internal/load", "internal/timetable", "internal/directive", "internal/catalog", "internal/guide"},
}

// above are the packages no domain or stage below build may import.
var above = []string{"internal/cli", "internal/serve", "internal/deploy", "internal/pipeline", "internal/sitetest"}

type pkg struct {
	ImportPath string
	Deps       []string
}

func TestImportsPointToTheLeaves(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps=false", "-json=ImportPath,Deps", module+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	n := 0
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		n++
		name := strings.TrimPrefix(p.ImportPath, module)
		for _, d := range p.Deps {
			dep, ok := strings.CutPrefix(d, module)
			if !ok {
				continue
			}
			for _, bad := range forbidden[name] {
				if dep == bad || strings.HasSuffix(bad, "/") && strings.HasPrefix(dep, bad) {
					t.Errorf("%s imports %s: imports must point toward the leaves (docs/architecture.md)", name, dep)
				}
			}
			if dep == "internal/cli" && name != "cmd/relais" && !strings.HasPrefix(name, "internal/cli") && name != "internal/sitetest" {
				t.Errorf("%s imports internal/cli: only cmd/relais and whole-site tests run the command", name)
			}
			if strings.HasPrefix(name, "internal/") && !isAbove(name) && name != "internal/cli" {
				for _, a := range above {
					if dep == a && !strings.HasPrefix(name, a) {
						t.Errorf("%s imports %s, which sits above it", name, dep)
					}
				}
			}
		}
	}
	if n < 10 {
		t.Fatalf("go list found %d packages", n)
	}
}

func isAbove(name string) bool {
	for _, a := range above {
		if name == a || strings.HasPrefix(name, a+"/") {
			return true
		}
	}
	return false
}

// TestNoPointerOutsideTheRepository keeps the repository self-contained: a
// fresh clone has nothing beside it, so no file may send its reader to a
// design document or reference folder outside the tree. The design is
// docs/design.md.
func TestNoPointerOutsideTheRepository(t *testing.T) {
	out, err := exec.Command("git", "-C", "../..", "ls-files").Output()
	if err != nil {
		t.Skipf("git ls-files: %v (not a git checkout)", err)
	}
	// Spelled in two pieces so that this file does not match itself.
	banned := []string{"../" + "shared", "DESIGN" + " §", "DESIGN" + ".md"}
	for _, name := range strings.Fields(string(out)) {
		if strings.HasPrefix(name, ".ci/") {
			continue // CI's script is run beside shared/ and says so
		}
		data, err := os.ReadFile(filepath.Join("../..", name))
		if err != nil {
			continue // deleted in the work tree, or not a regular file
		}
		for _, b := range banned {
			if i := bytes.Index(data, []byte(b)); i >= 0 {
				line := 1 + bytes.Count(data[:i], []byte("\n"))
				t.Errorf("%s:%d: %q points outside the repository; point to docs/ instead", name, line, b)
			}
		}
	}
}
