package citemplate

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// scripts gathers every shell line of a parsed pipeline, in order.
func scripts(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for _, k := range []string{"before_script", "script", "run"} {
			switch s := x[k].(type) {
			case string:
				out = append(out, s)
			case []any:
				for _, l := range s {
					out = append(out, l.(string))
				}
			}
		}
		for k, c := range x {
			if k != "before_script" && k != "script" && k != "run" {
				out = append(out, scripts(c)...)
			}
		}
	case []any:
		for _, c := range x {
			out = append(out, scripts(c)...)
		}
	}
	return out
}

func parse(t *testing.T, h Host) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal(h.File(), &doc); err != nil {
		t.Fatalf("%s: %v", h.Path, err)
	}
	return doc
}

func has(t *testing.T, what string, lines []string, want ...string) {
	t.Helper()
	all := strings.Join(lines, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("%s: no %q in\n%s", what, w, all)
		}
	}
}

func TestGitLab(t *testing.T) {
	h, _ := Lookup("gitlab")
	doc := parse(t, h)
	check, _ := doc["check"].(map[string]any)
	publish, _ := doc["publish"].(map[string]any)
	if check == nil || publish == nil {
		t.Fatalf("jobs check and publish: %v", doc)
	}
	has(t, "check", scripts(check), "relais check")
	has(t, "check rules", []string{yamlText(t, check["rules"])}, `$CI_PIPELINE_SOURCE == "merge_request_event"`)
	has(t, "publish", scripts(publish), "relais due --wait 30m", "relais build", "relais deploy --target")
	has(t, "publish rules", []string{yamlText(t, publish["rules"])}, `$CI_PIPELINE_SOURCE == "push"`, `$CI_PIPELINE_SOURCE == "schedule"`, "$CI_DEFAULT_BRANCH")
	has(t, "publish cache", []string{yamlText(t, publish["cache"])}, ".relais/", "public/")
	has(t, "default", scripts(doc["default"]), "go install github.com/relais-ecoles/relais/cmd/relais@")
	if due, build := indexOf(scripts(publish), "relais due"), indexOf(scripts(publish), "relais build"); due < 0 || due > build {
		t.Error("publish: relais due must come before relais build")
	}
}

func TestGitHub(t *testing.T) {
	h, _ := Lookup("github")
	doc := parse(t, h)
	on, _ := doc["on"].(map[string]any)
	if on == nil || on["pull_request"] == nil && !hasKey(on, "pull_request") || on["push"] == nil || on["schedule"] == nil {
		t.Fatalf("on: %v", doc["on"])
	}
	has(t, "schedule", []string{yamlText(t, on["schedule"])}, "cron:")
	jobs, _ := doc["jobs"].(map[string]any)
	check, _ := jobs["check"].(map[string]any)
	publish, _ := jobs["publish"].(map[string]any)
	if check == nil || publish == nil {
		t.Fatalf("jobs check and publish: %v", jobs)
	}
	has(t, "check", scripts(check), "relais check", "go install github.com/relais-ecoles/relais/cmd/relais@")
	has(t, "check if", []string{check["if"].(string)}, "pull_request")
	has(t, "publish", scripts(publish), "relais due --wait 30m", "relais build", "relais deploy --target")
	has(t, "publish steps", []string{yamlText(t, publish["steps"])}, "actions/cache/restore@", "actions/cache/save@", ".relais", "secrets.AWS_ACCESS_KEY_ID")
}

func TestLookup(t *testing.T) {
	if _, ok := Lookup("GitLab"); !ok {
		t.Error("Lookup is case-sensitive")
	}
	if _, ok := Lookup("gitea"); ok {
		t.Error("gitea found")
	}
	if got := strings.Join(Names(), ","); got != "gitlab,github" {
		t.Errorf("Names = %s", got)
	}
}

func yamlText(t *testing.T, v any) string {
	t.Helper()
	b, err := yaml.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func indexOf(lines []string, s string) int {
	all := strings.Join(lines, "\n")
	return strings.Index(all, s)
}

func hasKey(m map[string]any, k string) bool { _, ok := m[k]; return ok }
