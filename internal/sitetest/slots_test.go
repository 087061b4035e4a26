package sitetest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"html"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/vocab"
)

var (
	shippedOnce sync.Once
	shipped     *pipeline.Result
	shippedErr  error
)

// Shipped renders the repository's own site in memory at the pinned clock,
// once for every test that needs it.
func Shipped(t testing.TB) *pipeline.Result {
	t.Helper()
	shippedOnce.Do(func() {
		now, _ := time.Parse(time.RFC3339, Now)
		shipped, shippedErr = pipeline.Render(pipeline.Options{Source: os.DirFS(RepoRoot(t)), Site: site.Options{Now: now}})
	})
	if shippedErr != nil {
		t.Fatalf("the shipped site does not build: %v", shippedErr)
	}
	return shipped
}

func outputs(res *pipeline.Result) map[string][]byte {
	m := make(map[string][]byte, len(res.Outputs))
	for _, o := range res.Outputs {
		m[o.Path] = o.Data
	}
	return m
}

func gzipSize(t testing.TB, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

var stylesheetRE = regexp.MustCompile(`<link rel=stylesheet href="?([^"\s>]+)"?>`)

// TestShippedLevelPagesBudget checks the budget of docs/design.md for every level page of the
// shipped site, and its home page: the page and its stylesheet together are at most 14 KB
// gzipped (one round trip on a slow network), and nothing but that one
// stylesheet is needed before the page paints (no blocking script, no
// font, no image).
func TestShippedLevelPagesBudget(t *testing.T) {
	t.Parallel()
	res := Shipped(t)
	out := outputs(res)
	budget := res.Site.Config.Budgets
	levelPage := regexp.MustCompile(`^academies/[a-z0-9-]+/([a-z0-9-]+)/index\.html$`)
	var n, largest int
	var largestPath string
	css := map[string]int{}
	home := false
	for _, o := range res.Outputs {
		if o.Path == "index.html" {
			home = true // held to the same budget
		} else {
			m := levelPage.FindStringSubmatch(o.Path)
			if m == nil {
				continue
			}
			if _, ok := vocab.LevelOf(m[1]); !ok {
				continue // a directive folder, not a level
			}
			n++
		}
		html := string(o.Data)
		sheets := stylesheetRE.FindAllStringSubmatch(html, -1)
		if len(sheets) != 1 {
			t.Errorf("%s: %d stylesheets, want 1", o.Path, len(sheets))
			continue
		}
		sheet := strings.TrimPrefix(sheets[0][1], "/")
		if _, ok := css[sheet]; !ok {
			data, ok := out[sheet]
			if !ok {
				t.Fatalf("%s: no stylesheet %s", o.Path, sheet)
			}
			css[sheet] = gzipSize(t, data)
		}
		size := gzipSize(t, o.Data)
		if size > budget.HTML {
			t.Errorf("%s: %d bytes gzipped, over the %d of the budget", o.Path, size, budget.HTML)
		}
		if size+css[sheet] > budget.HTML {
			t.Errorf("%s: %d bytes gzipped with its stylesheet, over the %d of the budget", o.Path, size+css[sheet], budget.HTML)
		}
		if size > largest {
			largest, largestPath = size, o.Path
		}
		head := html[:strings.Index(html, "</head>")]
		for _, blocking := range []string{"<script", "<img", "@import", "@font-face", "<link rel=preload"} {
			if strings.Contains(head, blocking) {
				t.Errorf("%s: %q in <head> would delay the first paint", o.Path, blocking)
			}
		}
		for _, s := range regexp.MustCompile(`<script[^>]*>`).FindAllString(html, -1) {
			if !strings.Contains(s, " defer") || !strings.Contains(s, " src=") {
				t.Errorf("%s: %s is not an external deferred script", o.Path, s)
			}
		}
		if strings.Contains(html, " style=") || strings.Contains(html, " onclick=") || strings.Contains(html, " onload=") {
			t.Errorf("%s: inline style or event handler (CSP)", o.Path)
		}
	}
	if !home {
		t.Error("no home page")
	}
	if want := 30 * len(vocab.Levels()); n != want {
		t.Errorf("%d level pages, want %d (30 académies × %d levels)", n, want, len(vocab.Levels()))
	}
	var js int
	for _, o := range res.Outputs {
		if strings.HasPrefix(o.Path, "assets/") && strings.HasSuffix(o.Path, ".js") || o.Path == "sw.js" {
			js += gzipSize(t, o.Data)
		}
	}
	if js > budget.JS {
		t.Errorf("scripts: %d bytes gzipped, over the %d of the budget", js, budget.JS)
	}
	t.Logf("%d level pages; the largest, %s, is %d bytes gzipped (+ %v for CSS); JS %d bytes gzipped", n, largestPath, largest, css, js)
}

// TestShippedTimetables checks the answers of the March 2020 rules (docs/design.md) on the shipped
// site's pages, calendars and JSON files: each level page's sentence says
// the rule in its tone, with "(recommandation nationale)" where no local
// rule is published, and the line under the open-now line says who decided,
// by its right name, and the parents' status, as the sources say them.
func TestShippedTimetables(t *testing.T) {
	t.Parallel()
	out := outputs(Shipped(t))
	for _, tc := range []struct {
		page     string
		sentence string
		who      []string // the lines under the open-now lines
	}{
		{"academies/paris/4e/index.html",
			"En 4e, au collège, il est demandé de se connecter de 13h à 17h ; en cité scolaire, il est conseillé de se connecter de 13h à 15h.",
			[]string{"Au collège. Consigne de l’académie de Paris. Pour les parents qui se connectent pour une autre raison que le suivi du travail scolaire, il est conseillé de le faire à partir de 17h, selon le site de Paris Classe Numérique (« plutôt après 17H »).",
				"En cité scolaire. Consigne de la Région Île-de-France. Pour les parents, la consigne ne dit rien."}},
		{"academies/paris/6e/index.html",
			"En 6e, au collège, il est demandé de se connecter de 8h à 12h ; en cité scolaire, il est conseillé de se connecter de 8h30 à 10h30.", nil},
		{"academies/creteil/terminale/index.html",
			"En terminale, au lycée et en cité scolaire, il est conseillé de se connecter de 14h à 17h.",
			[]string{"Consigne de la Région Île-de-France. Pour les parents, la consigne ne dit rien."}},
		{"academies/creteil/4e/index.html",
			"En 4e, au collège, il est conseillé de se connecter de 8h30 à 17h (recommandation nationale) ; en cité scolaire, de 13h à 15h.",
			[]string{"Au collège. Recommandation nationale du ministère. Pour les parents, il est conseillé de se connecter avant 8h30 et à partir de 17h.",
				"En cité scolaire. Consigne de la Région Île-de-France. Pour les parents, la consigne ne dit rien."}},
		{"academies/lille/premiere/index.html",
			"En première, au lycée et en cité scolaire, il est conseillé de se connecter de 8h30 à 17h.",
			[]string{"Consigne de la région académique Hauts-de-France. Pour les parents, il est conseillé de se connecter avant 8h30 et à partir de 17h."}},
		{"academies/strasbourg/4e/index.html",
			"En 4e, au collège et en cité scolaire, il est conseillé de se connecter de 8h30 à 17h.",
			[]string{"Consigne rapportée par la presse, organisme non précisé. Pour les parents, il est conseillé de se connecter avant 8h30 et à partir de 17h."}},
		{"academies/lyon/4e/index.html",
			"En 4e, au collège et en cité scolaire, il est conseillé de se connecter de 8h30 à 17h (recommandation nationale).",
			[]string{"Recommandation nationale du ministère. Pour les parents, il est conseillé de se connecter avant 8h30 et à partir de 17h."}},
		{"academies/la-reunion/4e/index.html",
			"En 4e, au collège et en cité scolaire, il est conseillé de se connecter de 8h30 à 17h (recommandation nationale), heure de La Réunion.", nil},
		{"academies/bordeaux/premiere/index.html",
			"En première, au lycée et au lycée agricole, il est conseillé de se connecter de 11h à 14h, et l’accès est libre à partir de 20h ; en cité scolaire, de 8h30 à 17h (recommandation nationale).",
			[]string{"Au lycée et au lycée agricole. Consigne de la Région Nouvelle-Aquitaine. Accès des parents suspendu.",
				"En cité scolaire. Recommandation nationale du ministère. Pour les parents, il est conseillé de se connecter avant 8h30 et à partir de 17h."}},
		{"academies/paris/cp/index.html", "En CP, aucune consigne de connexion n’est publiée pour l’académie de Paris.", nil},
	} {
		page, ok := out[tc.page]
		if !ok {
			t.Errorf("no %s", tc.page)
			continue
		}
		html := string(page)
		if got := textOf(reponseRE, html); len(got) != 1 || got[0] != vocabPlain(tc.sentence) {
			t.Errorf("%s: sentence %q\nwant %q", tc.page, got, tc.sentence)
		}
		if tc.who == nil {
			continue
		}
		want := make([]string, len(tc.who))
		for i, w := range tc.who {
			want[i] = vocabPlain(w)
		}
		if got := textOf(quiRE, html); !slices.Equal(got, want) {
			t.Errorf("%s: who decided and the parents\ngot  %q\nwant %q", tc.page, got, want)
		}
		for _, never := range []string{"aucun créneau", "à minuit", "de minuit"} {
			if strings.Contains(html, never) {
				t.Errorf("%s says %q: the sources never do", tc.page, never)
			}
		}
	}
	// A Département's rule for its collèges is said on the level pages of
	// its académie, for its département.
	for page, want := range map[string]string{
		"academies/limoges/4e/index.html":   "Dans le département 23, au collège, il est conseillé de se connecter de 8h30 à 17h : consigne du Département de la Creuse.",
		"academies/normandie/4e/index.html": "Dans le département 27, au collège, l’ENT est accessible à tous de 8h30 à 18h : consigne du Conseil départemental de l’Eure.",
		"academies/limoges/cp/index.html":   "Dans le département 23, à l’école, il est conseillé de se connecter de 8h30 à 17h : consigne du Département de la Creuse.",
	} {
		if !strings.Contains(html.UnescapeString(string(out[page])), vocabPlain(want)) {
			t.Errorf("%s lacks %q", page, want)
		}
	}
	// The home page sums up the ministry's recommendation of Friday 20
	// March, where the académies without a local rule are listed.
	national := "Recommandation nationale du ministère de l’Éducation nationale (vendredi 20 mars 2020), pour les collèges, lycées, lycées professionnels et cités scolaires : il est conseillé aux élèves de se connecter de 8h30 à 17h, et aux parents avant 8h30 et à partir de 17h. Elle vaut là où aucune consigne locale n’est publiée."
	if !strings.Contains(html.UnescapeString(string(out["index.html"])), vocabPlain(national)) {
		t.Errorf("the home page lacks %q", national)
	}
	for _, p := range []string{"academies/paris/4e.ics", "academies/nancy-metz/terminale.ics", "academies/poitiers/bts.ics"} {
		if !bytes.HasPrefix(out[p], []byte("BEGIN:VCALENDAR\r\n")) {
			t.Errorf("%s is not a calendar", p)
		}
	}
	if _, ok := out["academies/lyon/ps.ics"]; ok {
		t.Errorf("a calendar for a level without any slot")
	}
	var data struct {
		Version int    `json:"version"`
		Zone    string `json:"fuseau"`
		Levels  []struct {
			Kind    string `json:"etablissement"`
			Level   string `json:"niveau"`
			Periods []struct {
				Suspended bool `json:"suspendu"`
				Slots     []struct {
					Start string `json:"debut"`
					End   string `json:"fin"`
				} `json:"creneaux"`
			} `json:"periodes"`
		} `json:"niveaux"`
	}
	if err := json.Unmarshal(out["academies/paris/creneaux.json"], &data); err != nil {
		t.Fatal(err)
	}
	if data.Version != 2 || data.Zone != "Europe/Paris" {
		t.Errorf("version %d, zone %q", data.Version, data.Zone)
	}
	found := false
	for _, l := range data.Levels {
		if l.Kind == "college" && l.Level == "4e" {
			found = true
			if len(l.Periods) != 1 || len(l.Periods[0].Slots) != 1 || l.Periods[0].Slots[0].Start != "13:00" || l.Periods[0].Slots[0].End != "17:00" {
				t.Errorf("Paris, collège, 4e = %+v", l.Periods)
			}
		}
	}
	if !found {
		t.Error("no Paris collège 4e in creneaux.json")
	}
	// Bordeaux, lycée, première: what the Région said, and nothing more —
	// days not stated, free access from 20h without an end, the parents'
	// access suspended, advice.
	var bordeaux struct {
		Levels []struct {
			Kind    string `json:"etablissement"`
			Level   string `json:"niveau"`
			Periods []struct {
				Days  []string `json:"jours"`
				Tone  string   `json:"ton"`
				Slots []struct {
					Start *string `json:"debut"`
					End   *string `json:"fin"`
					Free  bool    `json:"acces_libre"`
				} `json:"creneaux"`
				Parents struct {
					Outside *string `json:"hors_creneaux"`
				} `json:"parents"`
			} `json:"periodes"`
		} `json:"niveaux"`
	}
	if err := json.Unmarshal(out["academies/bordeaux/creneaux.json"], &bordeaux); err != nil {
		t.Fatal(err)
	}
	for _, l := range bordeaux.Levels {
		if l.Kind != "lycee" || l.Level != "premiere" {
			continue
		}
		if len(l.Periods) != 1 {
			t.Fatalf("Bordeaux première: %+v", l.Periods)
		}
		p := l.Periods[0]
		if p.Days != nil || p.Tone != "conseil" || len(p.Slots) != 2 || !p.Slots[1].Free || p.Slots[1].End != nil || *p.Slots[1].Start != "20:00" || p.Parents.Outside == nil || *p.Parents.Outside != "suspendu" {
			t.Errorf("Bordeaux première = %+v", p)
		}
	}
	for _, o := range Shipped(t).Outputs {
		if strings.HasSuffix(o.Path, "/creneaux.json") && !json.Valid(o.Data) {
			t.Errorf("%s is not valid JSON", o.Path)
		}
	}
}

// vocabPlain applies the typography the layouts apply to a sentence.
var (
	reponseRE = regexp.MustCompile(`<p class="reponse niveau">(.*?)</p>`)
	quiRE     = regexp.MustCompile(`<p class=qui>(.*?)</p>`)
	tagRE     = regexp.MustCompile(`<[^>]+>`)
)

// textOf returns the text of each match of re's first group in a page,
// without tags and with its entities read.
func textOf(re *regexp.Regexp, page string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(tagRE.ReplaceAllString(m[1], "")))
	}
	return out
}

func vocabPlain(s string) string {
	return strings.NewReplacer(" ;", "\u202f;", " :", "\u202f:").Replace(s)
}
