package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// NextChangePath is where a build of dest writes the moment its output
// next changes: .relais/<name of dest>-next-change beside dest (for
// public/, .relais/public-next-change), outside the published folder.
//
// The file holds one line, the moment in RFC 3339 in UTC
// (2020-03-16T23:00:00Z): the end of the span in which a build of the same
// files gives the same bytes (site.Site.Stable). Until then a rebuild is
// useless; from then on the output may differ — a directive comes out or
// expires, a timetable's period starts, the day changes in a time zone the
// pages speak of — so a scheduler rebuilds at that moment (`relais due`
// tells whether it has come). It is at most a day after the build.
func NextChangePath(dest string) string { return publish.StateFile(dest, "-next-change") }

// WriteNextChange writes t as the moment the output of dest next changes,
// replacing the file whole.
func WriteNextChange(dest string, t time.Time) error {
	p := NextChangePath(dest)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(t.UTC().Format(time.RFC3339)+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// ReadNextChange reads the moment the last build of dest wrote.
func ReadNextChange(dest string) (time.Time, error) {
	data, err := os.ReadFile(NextChangePath(dest))
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(string(data)))
	if err != nil {
		return time.Time{}, fmt.Errorf("%s : %q n'est pas un moment RFC 3339", NextChangePath(dest), strings.TrimSpace(string(data)))
	}
	return t, nil
}

// FrenchMoment writes a moment for an editor, in the time of Paris, with
// its UTC form for a scheduler: "lundi 16 mars 2020 à 0h00, heure de Paris
// (2020-03-15T23:00:00Z)".
func FrenchMoment(t time.Time) string {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		loc = time.UTC
	}
	l := t.In(loc)
	return fmt.Sprintf("%s à %s, heure de Paris (%s)", vocab.FrenchLongDate(l),
		vocab.Clock(l.Hour()*60+l.Minute()).French(), t.UTC().Format(time.RFC3339))
}
