package sitetest

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/browsertest"
)

// TestShippedAnswersInBrowser opens level pages of the shipped site on a
// 360×640 phone with a fixed clock (?maintenant=) and reads what a parent
// reads: the open-now line of each kind of school, in the words of its
// source, and on the first screen the answer sentence, that line, who
// decided and the parents' status. The cases are those a parent met in
// March 2020: free access from 20h in Nouvelle-Aquitaine on a Saturday
// night, a weekend in Lille (no rule published, never "aucun créneau"), a
// collège and a cité scolaire in Créteil, the national recommendation in
// La Réunion.
func TestShippedAnswersInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	base, _ := hostShipped(t, nil)
	ctx := phone(t)
	problems := browsertest.Problems(ctx)
	for _, tc := range []struct {
		name, page, now string
		lines           []string // the open-now lines
		says            []string // words the page shows
	}{
		{"Bordeaux première, Saturday 28 March 20h30", "/academies/bordeaux/premiere/", "2020-03-28T19:30:00Z",
			[]string{
				"Au lycée et au lycée agricole : accès libre en ce moment (à partir de 20h).",
				"En cité scolaire : pas de consigne publiée pour le week-end. Prochain créneau : lundi 30 mars, de 8h30 à 17h.",
			},
			[]string{"Consigne de la Région Nouvelle-Aquitaine.", "Accès des parents suspendu.", "l’accès est libre à partir de 20h"}},
		{"Lille seconde, Sunday 29 March 11h", "/academies/lille/seconde/", "2020-03-29T09:00:00Z",
			[]string{
				"Au lycée et en cité scolaire : pas de consigne publiée pour le week-end. Prochain créneau : demain, de 8h30 à 17h.",
			},
			[]string{"Consigne de la région académique Hauts-de-France.", "pas de consigne publiée"}},
		{"Créteil 4e, Monday 23 March 13h30", "/academies/creteil/4e/", "2020-03-23T12:30:00Z",
			[]string{
				"Au collège : créneau conseillé en ce moment (de 8h30 à 17h).",
				"En cité scolaire : créneau conseillé en ce moment (de 13h à 15h).",
			},
			[]string{"Une cité scolaire réunit un collège et un lycée", "Recommandation nationale du ministère.", "Consigne de la Région Île-de-France."}},
		{"La Réunion 4e, Monday 23 March 13h30 there", "/academies/la-reunion/4e/", "2020-03-23T09:30:00Z",
			[]string{
				"Au collège et en cité scolaire : créneau conseillé en ce moment (de 8h30 à 17h).",
			},
			[]string{"(recommandation nationale)", "Recommandation nationale du ministère.", "Pour les parents, il est conseillé de se connecter avant 8h30 et à partir de 17h."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+tc.page+"?maintenant="+tc.now), chromedp.WaitVisible("#maintenant .etat")); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](stateJS))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.lines, got); diff != "" {
				t.Errorf("open-now lines (-want +got):\n%s", diff)
			}
			text, err := chromedp.Run(ctx, chromedp.Text("main"))
			if err != nil {
				t.Fatal(err)
			}
			text = strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(text)
			for _, w := range tc.says {
				if !strings.Contains(text, w) {
					t.Errorf("the page does not say %q", w)
				}
			}
			for _, never := range []string{"aucun créneau", "Aucun créneau", "à minuit"} {
				if strings.Contains(text, never) {
					t.Errorf("the page says %q, which no source says", never)
				}
			}
			// The first screen: the answer, the open-now lines, who decided
			// and the parents' status, all above y = 640.
			below, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("p.reponse, #maintenant .etat, #maintenant .qui")]
				.filter(e => e.getBoundingClientRect().bottom > `+strconv.Itoa(phoneH)+` || e.getBoundingClientRect().height === 0)
				.map(e => e.className + " ends at y = " + Math.round(e.getBoundingClientRect().bottom) + ": " + e.textContent.slice(0, 60))`))
			if err != nil {
				t.Fatal(err)
			}
			if len(below) > 0 {
				t.Errorf("not on the first screen at %d×%d:\n%s", phoneW, phoneH, strings.Join(below, "\n"))
			}
		})
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the pages report problems:\n%s", strings.Join(p, "\n"))
	}
}
