package catalog

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// fixtureVocabulary is the shipped content/programmes/_vocabulary.yaml, so
// that a fixture is checked against the real words; a test keeps the two
// equal.
const fixtureVocabulary = `broadcasters:
  - slug: france-televisions
    label: France Télévisions
    aliases: [france tv, francetv]
  - slug: radio-france
    label: Radio France
  - slug: arte
    label: Arte
  - slug: rfi
    label: RFI
    aliases: [radio france internationale]
  - slug: tv5monde
    label: TV5 Monde
    aliases: [tv5, tv5monde]
  - slug: lcp
    label: LCP-Assemblée nationale
    aliases: [lcp, assemblée nationale]
  - slug: rtl
    label: RTL
  - slug: playbac-presse
    label: Playbac Presse
    aliases: [playbac]
    # Son ancien slug : /programmes/diffuseurs/presse-jeunesse/ mène ici.
    renamed_from: [presse-jeunesse]

media:
  - slug: tv
    label: télévision
    aliases: [tv, télé]
  - slug: radio
    label: radio
  - slug: presse
    label: presse
    aliases: [journal, journaux, quotidien]
  - slug: web
    label: web
    aliases: [site, internet, en ligne]
  - slug: podcast
    label: podcast
    aliases: [podcasts, balado, baladodiffusion]

subjects:
  - slug: francais
    label: français
    aliases: [lettres]
  - slug: mathematiques
    label: mathématiques
    aliases: [maths, math]
  - slug: histoire-geographie
    label: histoire-géographie
    aliases: [histoire-géo, histoire, géographie, géo, hg]
  - slug: enseignement-moral-et-civique
    label: enseignement moral et civique
    aliases: [emc]
  - slug: sciences
    label: sciences
    aliases: [svt, physique, chimie]
  - slug: langues-vivantes
    label: langues vivantes
    aliases: [langues, lv]
  - slug: anglais
    label: anglais
    aliases: [english]
  - slug: francais-langue-etrangere
    label: français langue étrangère
    aliases: [fle]
  - slug: philosophie
    label: philosophie
    aliases: [philo]
  - slug: education-musicale
    label: éducation musicale
    aliases: [musique]
  - slug: arts-plastiques
    label: arts plastiques
    aliases: [arts, dessin]
  - slug: eps
    label: éducation physique et sportive
    aliases: [eps, sport]
  - slug: education-aux-medias
    label: éducation aux médias
    aliases: [emi]
  - slug: culture-generale
    label: culture générale
`

// GenerateFixture returns the files of a catalog of n programmes for
// benchmarks and tests: content/programmes/_vocabulary.yaml (the real
// vocabulary) and n programme files, keyed by site path. The same n and seed
// give the same bytes. Every file decodes without error.
func GenerateFixture(n int, seed int64) map[string][]byte {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x72656c616973))
	files := make(map[string][]byte, n+1)
	files[VocabularyPath] = []byte(fixtureVocabulary)
	v, _ := decodeVocabularyText(fixtureVocabulary)
	levels := vocab.Levels()
	cycles := vocab.Cycles()
	first := time.Date(2020, 3, 18, 0, 0, 0, 0, time.UTC)
	for i := range n {
		slug := fmt.Sprintf("programme-%05d", i+1)
		var b strings.Builder
		b.WriteString("---\n")
		subject := v.Subjects[rng.IntN(len(v.Subjects))]
		fmt.Fprintf(&b, "title: %q\n", fmt.Sprintf("%s %s n° %d", fixtureTitles[rng.IntN(len(fixtureTitles))], subject.Label, i+1))
		br := v.Broadcasters[rng.IntN(len(v.Broadcasters))]
		fmt.Fprintf(&b, "broadcaster: %s\n", br.Slug)
		fmt.Fprintf(&b, "channel: %q\n", br.Label)
		fmt.Fprintf(&b, "media: [%s]\n", strings.Join(pick(rng, termSlugs(v.Media), 1+rng.IntN(2)), ", "))
		if rng.IntN(2) == 0 {
			start := rng.IntN(len(levels) - 3)
			var ls []string
			for _, l := range levels[start : start+1+rng.IntN(3)] {
				ls = append(ls, l.Slug)
			}
			fmt.Fprintf(&b, "levels: [%s]\n", strings.Join(ls, ", "))
		} else {
			var cs []string
			for _, c := range cycles {
				cs = append(cs, c.Slug)
			}
			fmt.Fprintf(&b, "cycles: [%s]\n", strings.Join(pick(rng, cs, 1+rng.IntN(2)), ", "))
		}
		subjects := append([]string{subject.Slug}, pick(rng, termSlugs(v.Subjects), rng.IntN(2))...)
		fmt.Fprintf(&b, "subjects: [%s]\n", strings.Join(dedupe(subjects), ", "))
		if rng.IntN(3) > 0 {
			b.WriteString("schedule:\n")
			for range 1 + rng.IntN(2) {
				from := 8*60 + 30*rng.IntN(20)
				to := from + 30*(1+rng.IntN(4))
				if rng.IntN(4) == 0 {
					fmt.Fprintf(&b, "  - days: [%s]\n    from: %q\n    to: %q\n", strings.Join(pick(rng, []string{"lun", "mar", "mer", "jeu", "ven", "sam", "dim"}, 1+rng.IntN(3)), ", "), vocab.Clock(from), vocab.Clock(to))
				} else {
					fmt.Fprintf(&b, "  - from: %q\n    to: %q\n", vocab.Clock(from), vocab.Clock(to))
				}
			}
			fmt.Fprintf(&b, "schedule_start: %s\n", first.AddDate(0, 0, 5).Format(time.DateOnly))
			fmt.Fprintf(&b, "schedule_end: %s\n", first.AddDate(0, 3, 15).Format(time.DateOnly))
		}
		fmt.Fprintf(&b, "url: https://programmes.example.org/%s/\n", slug)
		fmt.Fprintf(&b, "labelled: %s\n", first.AddDate(0, 0, rng.IntN(100)).Format(time.DateOnly))
		fmt.Fprintf(&b, "free: %t\n", rng.IntN(4) > 0)
		fmt.Fprintf(&b, "summary: %q\n", sentence(rng, 12+rng.IntN(20)))
		if rng.IntN(10) == 0 {
			fmt.Fprintf(&b, "aliases: [/programmes/ancien-%s/]\n", slug)
		}
		b.WriteString("---\n\n")
		for range 2 + rng.IntN(3) {
			b.WriteString(sentence(rng, 30+rng.IntN(40)))
			b.WriteString("\n\n")
		}
		files[Dir+"/"+slug+".md"] = []byte(b.String())
	}
	return files
}

var fixtureTitles = []string{"Cours de", "Leçons de", "Le magazine de", "Révisions de", "Découvrir :", "Atelier de", "Questions de"}

var fixtureWords = strings.Fields(`le la les un une des élèves classe leçon cours
	semaine matin après-midi exercice carte texte lecture écriture calcul nombre
	histoire géographie musique image émission journal question réponse
	enseignant famille maison découvrir comprendre apprendre chercher observer
	et avec pour dans sur chaque jour`)

func sentence(rng *rand.Rand, words int) string {
	w := make([]string, words)
	for i := range w {
		w[i] = fixtureWords[rng.IntN(len(fixtureWords))]
	}
	r := []rune(strings.Join(w, " "))
	r[0] = unicode.ToUpper(r[0])
	return string(r) + "."
}

// pick returns k distinct items of xs in their order.
func pick(rng *rand.Rand, xs []string, k int) []string {
	idx := rng.Perm(len(xs))[:min(k, len(xs))]
	var out []string
	for i, x := range xs {
		for _, j := range idx {
			if i == j {
				out = append(out, x)
			}
		}
	}
	return out
}

func dedupe(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !strings.Contains(" "+strings.Join(out, " ")+" ", " "+x+" ") {
			out = append(out, x)
		}
	}
	return out
}

func decodeVocabularyText(text string) (*Vocabulary, error) {
	v, errs := DecodeVocabulary(&load.File{Path: VocabularyPath, Data: []byte(text)})
	return v, errs.Err()
}
