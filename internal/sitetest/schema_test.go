package sitetest

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/relais-ecoles/relais/internal/fixture"
	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/render"
	"github.com/relais-ecoles/relais/internal/site"
)

// schemaByName are the schemas of the JSON files that carry no "$schema":
// the JSON Feeds (their format is JSON Feed's) and the catalog's search
// index (kept small: see catalog.SearchIndex).
var schemaByName = map[string]string{
	"flux.json":  "jsonfeed-1.1.json",
	"index.json": "programmes-index-2.json",
}

// currentSchema is the schema each kind of versioned data file must name:
// the current version of its format, so that a file left at an older
// version fails even though its old schema still validates it.
var currentSchema = map[string]string{
	"creneaux.json": site.SlotsSchemaURL,
	"bandeau.json":  site.BannerSchemaURL,
}

// manifestSchema is the schema of the web app manifests (.webmanifest, JSON
// too): the W3C members relais writes, with their types. It is the test's,
// not published: the manifest's format is the W3C's.
const manifestSchema = "https://relais.test/webmanifest.json"

// checkSchemas validates every JSON file of a build (.json and
// .webmanifest) with a JSON Schema validator (santhosh-tekuri/jsonschema,
// draft 2020-12, formats asserted) against the schema it names in
// "$schema", which must be one the build publishes under /schemas/ and,
// for creneaux.json and bandeau.json, the current version's
// (currentSchema), or the schema of its kind (schemaByName,
// manifestSchema); a JSON file with neither fails. Every published schema
// must compile.
func checkSchemas(t *testing.T, res *pipeline.Result) {
	t.Helper()
	base := res.Site.Config.BaseURL
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schemas := map[string]*jsonschema.Schema{}
	mf, err := os.Open(filepath.Join("testdata", "schemas", "webmanifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer mf.Close()
	mdoc, err := jsonschema.UnmarshalJSON(mf)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource(manifestSchema, mdoc); err != nil {
		t.Fatal(err)
	}
	if schemas[manifestSchema], err = c.Compile(manifestSchema); err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Outputs {
		if !strings.HasPrefix("/"+o.Path, render.SchemasDir) {
			continue
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(o.Data))
		if err != nil {
			t.Fatalf("%s: %v", o.Path, err)
		}
		if err := c.AddResource(base+o.Path, doc); err != nil {
			t.Fatalf("%s: %v", o.Path, err)
		}
	}
	for _, o := range res.Outputs {
		if strings.HasPrefix("/"+o.Path, render.SchemasDir) && strings.HasSuffix(o.Path, ".json") {
			sch, err := c.Compile(base + o.Path)
			if err != nil {
				t.Fatalf("the schema %s does not compile: %v", o.Path, err)
			}
			schemas[base+o.Path] = sch
		}
	}
	n := map[string]int{}
	for _, o := range res.Outputs {
		manifest := strings.HasSuffix(o.Path, ".webmanifest")
		if !manifest && !strings.HasSuffix(o.Path, ".json") || strings.HasPrefix("/"+o.Path, render.SchemasDir) {
			continue
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(o.Data))
		if err != nil {
			t.Errorf("%s is not JSON: %v", o.Path, err)
			continue
		}
		var named struct {
			Schema string `json:"$schema"`
		}
		_ = json.Unmarshal(o.Data, &named)
		id := named.Schema
		if id == "" {
			if s, ok := schemaByName[path.Base(o.Path)]; ok {
				id = base + strings.TrimPrefix(render.SchemasDir, "/") + s
			}
		}
		if manifest {
			id = manifestSchema
		}
		if want, ok := currentSchema[path.Base(o.Path)]; ok && id != res.Site.Abs(want) {
			t.Errorf("%s names %q, not the current version of its format, %s", o.Path, id, res.Site.Abs(want))
		}
		sch := schemas[id]
		if sch == nil {
			t.Errorf("%s names no schema the site publishes (%q): give it a \"$schema\" and a schema under %s", o.Path, id, render.SchemasDir)
			continue
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s does not match %s:\n%v", o.Path, id, err)
			continue
		}
		n[path.Base(o.Path)]++
	}
	for _, kind := range []string{"creneaux.json", "bandeau.json", "flux.json", "index.json", "manifest.webmanifest"} {
		if n[kind] == 0 {
			t.Errorf("no %s of the build matches its schema: the test no longer covers it", kind)
		}
	}
	t.Logf("JSON files matching their schema, by name: %v", n)
}

// TestJSONMatchesSchemas validates every JSON file of the shipped site.
func TestJSONMatchesSchemas(t *testing.T) {
	t.Parallel()
	checkSchemas(t, Shipped(t))
}

// TestFixtureJSONMatchesSchemas validates every JSON file of the
// generated fixture (internal/fixture) at a quarter of the national
// directives and a tenth of its programmes: every shape of JSON value the
// national fixture gives is there (856 key paths and types, counted over
// both; the first urgent directive with an update, in bandeau.json, is the
// 4,500th), and no schema bounds a count that grows with the site (feeds
// stop at catalog.MaxFeedItems). -short makes 2,000 directives (all but that
// one shape); RELAIS_LONG=1 (make test-long) the national scale, four
// times the work.
func TestFixtureJSONMatchesSchemas(t *testing.T) {
	t.Parallel()
	opts := fixture.National
	switch {
	case os.Getenv("RELAIS_LONG") != "":
	case testing.Short():
		opts = fixture.Options{Directives: 2000, Programmes: 500, Guides: 10, Seed: opts.Seed}
	default:
		opts = fixture.Options{Directives: 5000, Programmes: 500, Guides: 10, Seed: opts.Seed}
	}
	fx := fixture.Generate(opts)
	fsys, err := fx.MapFS(RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	now, _ := time.Parse(time.RFC3339, Now)
	res, err := pipeline.Render(pipeline.Options{Source: fsys, Site: site.Options{Now: now}})
	if err != nil {
		t.Fatal(err)
	}
	checkSchemas(t, res)
}
