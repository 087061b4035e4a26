package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/site"
)

// guidesSite returns a site of n Markdown guides with the repository's
// layouts and assets.
func guidesSite(tb testing.TB, n int) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{
		"content/site.yaml": {Data: []byte("title: Bench\nbase_url: https://bench.example.fr/\n")},
	}
	root, _ := filepath.Abs("../..")
	for _, dir := range []string{"layouts", "assets"} {
		filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return err
		})
	}
	for i := range n {
		fsys[fmt.Sprintf("content/guides/guide-%05d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`---
title: Conseil numéro %d pour l'ENT
summary: Un résumé court du conseil %d, pour les parents et les élèves.
audiences: [parents, eleves]
weight: %d
---
## Pourquoi ce conseil ?

Entre 8h et 10h, "tout le monde" se connecte : l'ENT répond lentement.
Voir aussi [le conseil suivant](guide-%05d.md) et [la liste](/bonnes-pratiques/).

- se connecter **tôt** le matin ;
- envoyer des messages *courts* ;
- se déconnecter après usage.

| Heure | Charge |
|-------|--------|
| 8h    | forte  |
| 14h   | moyenne |

Un paragraphe plus long, pour que le rendu ait un peu de texte à traiter, avec
des mots accentués : élève, enseignant, académie, créneau, déconnexion.
`, i, i, i%50, (i+1)%n))}
	}
	return fsys
}

// BenchmarkBuildGuides builds a site of 5,000 Markdown guides end to end in
// memory (load, assemble, render, minify), without the write.
func BenchmarkBuildGuides(b *testing.B) {
	const n = 5000
	fsys := guidesSite(b, n)
	opts := Options{Source: fsys, Site: site.Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := Render(opts)
		if err != nil {
			b.Fatal(err)
		}
		if got := res.Counts["page"]; got < n {
			b.Fatalf("%d pages, want at least %d", got, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkBuildGuidesWrite adds the atomic write to public/.
func BenchmarkBuildGuidesWrite(b *testing.B) {
	const n = 5000
	fsys := guidesSite(b, n)
	dest := filepath.Join(b.TempDir(), "public")
	opts := Options{Source: fsys, Dest: dest, Site: site.Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
}
