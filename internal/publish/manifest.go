package publish

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// A Manifest lists the URLs whose bytes a build changed (written, changed
// or removed) since the build before it: what a CDN must purge. The build
// writes it outside the output folder, so that no host serves it, at
// ManifestPath(dest); `relais deploy` and purge scripts read it with
// ReadManifest. An unchanged rebuild lists no URL.
//
// The file is text: comment lines start with "#", every other line is one
// site URL ("/academies/paris/", "/sitemap.xml"), sorted. The line
// "# rules changed" says the rules files (_headers, _redirects,
// _nginx.conf) changed, so the headers of any URL may have: purge
// everything.
type Manifest struct {
	URLs  []string
	Rules bool
}

const rulesLine = "# rules changed"

// ManifestPath is where the manifest of the output folder dest is kept:
// .relais/<name of dest>-changed.txt beside dest (for public/,
// .relais/public-changed.txt).
func ManifestPath(dest string) string { return StateFile(dest, "-changed.txt") }

// WriteManifest writes m for the output folder dest, replacing the one of
// the previous build.
func WriteManifest(dest string, m Manifest) error {
	var b bytes.Buffer
	b.WriteString("# The URLs whose bytes changed since the previous build of " + filepath.Base(dest) + "/, for a CDN purge.\n")
	if m.Rules {
		b.WriteString(rulesLine + ": the headers of any URL may have changed\n")
	}
	for _, u := range m.URLs {
		b.WriteString(u + "\n")
	}
	p := ManifestPath(dest)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp-" + randomSuffix()
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// ReadManifest reads the manifest the last build of dest wrote. A folder
// never built with a manifest gives an error satisfying
// errors.Is(err, fs.ErrNotExist).
func ReadManifest(dest string) (Manifest, error) {
	var m Manifest
	data, err := os.ReadFile(ManifestPath(dest))
	if err != nil {
		return m, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, rulesLine):
			m.Rules = true
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			m.URLs = append(m.URLs, line)
		default:
			return m, errors.New(ManifestPath(dest) + ": " + line + " is not a site URL")
		}
	}
	return m, sc.Err()
}
