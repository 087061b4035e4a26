package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/relais-ecoles/relais/internal/fixture"
)

// The Hugo site of the corpus: its configuration and its three layouts, a
// base layout with a page and a list layout in it. The page shows what a
// directive's page shows at the least: title, summary, date and text.
var hugoFiles = map[string]string{
	"hugo.toml": `baseURL = "https://bench.example.fr/"
languageCode = "fr"
title = "Bench"
`,
	"layouts/_default/baseof.html": `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<header><a href="/">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>Page générée pour les mesures.</footer>
</body>
</html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}</article>{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}
`,
}

// againstHugo writes the corpus of n directives under dir, once as a
// relais site (the fixture, with the repository's layouts) and once as a
// Hugo site (the same directive files), then builds each cold, in turn,
// repeat times (at least three), and prints the medians and their ratio.
func againstHugo(bin, dir, root string, n, repeat int) {
	fx := fixture.Generate(fixture.Options{Directives: n, Seed: fixture.National.Seed})
	relaisDir, hugoDir := filepath.Join(dir, "relais"), filepath.Join(dir, "hugo")
	check(fixture.Write(relaisDir, fx.Files))
	check(fixture.CopyDirs(relaisDir, root))
	files := map[string][]byte{}
	for p, data := range fx.Files {
		if strings.Contains(p, "/directives/") && strings.HasSuffix(p, ".md") {
			files[p] = data
		}
	}
	for p, data := range hugoFiles {
		files[p] = []byte(data)
	}
	check(fixture.Write(hugoDir, files))
	version, _ := exec.Command("hugo", "version").Output()
	fmt.Printf("\nAgainst Hugo (%s): %d directive files, each tool's cold build, in turn, %d times; medians.\n\n",
		strings.TrimSpace(string(version)), len(files)-len(hugoFiles), max(repeat, 3))

	var rs, hs []run
	for range max(repeat, 3) {
		for _, p := range []string{"public", ".public.previous", ".relais", "cache"} {
			check(os.RemoveAll(filepath.Join(relaisDir, p)))
		}
		exec.Command("sync").Run()
		rs = append(rs, relais(bin, relaisDir, "no-precompress", false))
		check(os.RemoveAll(filepath.Join(hugoDir, "public")))
		check(os.RemoveAll(filepath.Join(hugoDir, "resources")))
		exec.Command("sync").Run()
		hs = append(hs, hugo(hugoDir))
	}
	r, h := median(rs), median(hs)
	fmt.Println("| tool | pages | wall | CPU | peak memory |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: |")
	fmt.Printf("| relais | %d | %.2f s | %.2f s | %d MiB |\n", r.pages, r.wall.Seconds(), r.cpu.Seconds(), r.maxrssKB>>10)
	fmt.Printf("| Hugo | %d | %.2f s | %.2f s | %d MiB |\n", h.pages, h.wall.Seconds(), h.cpu.Seconds(), h.maxrssKB>>10)
	fmt.Printf("| relais / Hugo | | %.2f | %.2f | %.2f |\n", r.wall.Seconds()/h.wall.Seconds(), r.cpu.Seconds()/h.cpu.Seconds(), float64(r.maxrssKB)/float64(h.maxrssKB))
}

// hugo builds the Hugo site at dir once and measures it.
func hugo(dir string) run {
	cmd := exec.Command("hugo", "--source", dir, "--minify", "--quiet")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		fmt.Fprintf(os.Stderr, "hugo --source %s: %v\n%s", dir, err, stderr.String())
		os.Exit(1)
	}
	r := run{wall: wall}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		r.maxrssKB = int64(ru.Maxrss)
	}
	check(filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			r.pages++
		}
		return err
	}))
	return r
}

// median returns the run of median wall time, with the median processor
// time and peak memory of the runs.
func median(rs []run) run {
	by := func(key func(run) int64) int64 {
		v := make([]int64, len(rs))
		for i, r := range rs {
			v[i] = key(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	m := rs[0]
	m.wall = time.Duration(by(func(r run) int64 { return int64(r.wall) }))
	m.cpu = time.Duration(by(func(r run) int64 { return int64(r.cpu) }))
	m.maxrssKB = by(func(r run) int64 { return r.maxrssKB })
	return m
}
