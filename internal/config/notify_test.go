package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNotifyConfig(t *testing.T) {
	c, errs := Decode(tree(siteHead + `notify:
  hubs: [https://hub.example.fr/, "http://127.0.0.1:8080/hub"]
  webhooks:
    - url: https://sms.example.fr/relais
      key_env: RELAIS_WEBHOOK_KEY
`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := Notify{
		Hubs:     []string{"https://hub.example.fr/", "http://127.0.0.1:8080/hub"},
		Webhooks: []Webhook{{URL: "https://sms.example.fr/relais", KeyEnv: "RELAIS_WEBHOOK_KEY"}},
	}
	if diff := cmp.Diff(want, c.Notify); diff != "" {
		t.Errorf("notify (-want +got):\n%s", diff)
	}
}

func TestNotifyConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"key in site.yaml", "notify:\n  webhooks:\n    - url: https://sms.example.fr/\n      key_env: K\n      secret: abc\n",
			[]string{`site.yaml:7:7: "secret" looks like a credential: les clés ne vont jamais dans site.yaml`}},
		{"bad addresses", "notify:\n  hubs: [hub.example.fr]\n  webhooks:\n    - url: ftp://x/\n      key_env: 1K\n    - url: https://a.fr/\n",
			[]string{`site.yaml:4:10: l'adresse du hub WebSub "hub.example.fr" doit être une adresse absolue`,
				`site.yaml:6:12: l'adresse du webhook "ftp://x/"`, `site.yaml:7:16: key_env "1K" doit être un nom de variable`, `site.yaml:8:7: il manque « key_env » dans un webhook`}},
		{"unknown field", "notify:\n  hub: x\n", []string{`site.yaml:4:3: champ inconnu « hub » dans la section notify de site.yaml (vouliez-vous dire « hubs » ?)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Decode(tree(siteHead + tc.yaml))
			got := errs.Sort().Error()
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("errors lack %q (in order):\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}
