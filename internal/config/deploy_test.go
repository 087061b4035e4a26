package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/relais-ecoles/relais/internal/diag"
)

const siteHead = "title: T\nbase_url: https://x.fr\n"

func TestDeployTargets(t *testing.T) {
	c, errs := Decode(tree(siteHead + `deploy:
  staging:
    bucket: relais-test
    prefix: /essai
  production:
    bucket: s3://relais-paris/site/
    endpoint: https://s3.fr-par.scw.cloud/
    region: fr-par
    purge:
      url: https://api.cloudflare.com/client/v4/zones/${CF_ZONE_ID}/purge_cache
      token_env: CF_API_TOKEN
`))
	if errs != nil {
		t.Fatal(errs)
	}
	want := []DeployTarget{
		{Name: "production", Bucket: "relais-paris", Prefix: "site/", Endpoint: "https://s3.fr-par.scw.cloud", Region: "fr-par",
			Purge: &Purge{URL: "https://api.cloudflare.com/client/v4/zones/${CF_ZONE_ID}/purge_cache", TokenEnv: "CF_API_TOKEN", Batch: DefaultPurgeBatch}},
		{Name: "staging", Bucket: "relais-test", Prefix: "essai/"},
	}
	if d := cmp.Diff(want, c.Deploy, cmpopts.IgnoreFields(DeployTarget{}, "Pos")); d != "" {
		t.Errorf("targets (-want +got):\n%s", d)
	}
	if c.Deploy[0].Pos != (diag.Pos{File: Path, Line: 7, Col: 3}) {
		t.Errorf("production at %v", c.Deploy[0].Pos)
	}
	if got := c.DeployNames(); !cmp.Equal(got, []string{"production", "staging"}) {
		t.Errorf("DeployNames = %v", got)
	}
	if tg, ok := c.DeployTarget("staging"); !ok || tg.Bucket != "relais-test" {
		t.Errorf("DeployTarget(staging) = %v, %v", tg, ok)
	}
	if _, ok := c.DeployTarget("prod"); ok {
		t.Error("DeployTarget(prod) found")
	}
}

func TestDeployTargetErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string // substrings of the sorted error report, in order
	}{
		{"secret in a target", "deploy:\n  prod:\n    bucket: b-1\n    secret_access_key: abc\n    access_key: AKIA\n",
			[]string{`site.yaml:6:5: "secret_access_key" looks like a credential: credentials never go in site.yaml`, "AWS_ACCESS_KEY_ID", "AWS_PROFILE",
				`site.yaml:7:5: "access_key" looks like a credential`}},
		{"secret at the top", "aws_secret_access_key: x\n",
			[]string{`site.yaml:3:1: "aws_secret_access_key" looks like a credential`}},
		{"token in purge", "deploy:\n  prod:\n    bucket: b-1\n    purge:\n      url: https://cdn.example/purge\n      token: abc\n",
			[]string{`site.yaml:8:7: "token" looks like a credential: tokens never go in site.yaml`, "token_env"}},
		{"credential in an address", "deploy:\n  prod:\n    bucket: s3://key:secret@b-1/\n    endpoint: https://k:s@s3.example\n",
			[]string{`site.yaml:5:13: bucket "s3://key:secret@b-1/" holds a credential`, `site.yaml:6:15: endpoint "https://k:s@s3.example" holds a credential`}},
		{"missing bucket, unknown field", "deploy:\n  prod:\n    regoin: x\n",
			[]string{`site.yaml:5:5: champ inconnu « regoin » dans la cible de déploiement « prod » (vouliez-vous dire « region » ?)`, `site.yaml:5:5: il manque « bucket » dans la cible de déploiement « prod » : ajoutez une ligne « bucket: ... »`}},
		{"bad values", "deploy:\n  Prod:\n    bucket: b\n  prod:\n    bucket: B_1\n    prefix: a/../b\n    endpoint: s3.example\n    region: Eu West\n",
			[]string{`site.yaml:4:3: deploy target name "Prod" is not a slug`, `site.yaml:7:13: bucket name "B_1" is not valid`, `site.yaml:8:13: folder "a/../b"`,
				`site.yaml:9:15: endpoint "s3.example" must be the address of an S3 service`, `site.yaml:10:13: region "Eu West"`}},
		{"folder twice", "deploy:\n  prod:\n    bucket: s3://b-1/site/\n    prefix: site/\n",
			[]string{`site.yaml:6:5: the folder is given twice`}},
		{"bad purge", "deploy:\n  prod:\n    bucket: b-1\n    purge:\n      url: cdn/purge/${zone id}\n      token_env: 1TOKEN\n      batch: 0\n",
			[]string{`site.yaml:7:12: ${zone id} in the purge url must name an environment variable`, `site.yaml:7:12: purge url "cdn/purge/${zone id}" must be the address`,
				`site.yaml:8:18: token_env "1TOKEN"`, `site.yaml:9:14: batch must be a positive number`}},
		{"not a mapping", "deploy: [prod]\n", []string{`site.yaml:3:9: deploy must list targets by name`}},
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
			if strings.Contains(got, "unknown field \"secret") || strings.Contains(got, "unknown field \"access_key") || strings.Contains(got, "unknown field \"token\"") {
				t.Errorf("a credential is also reported as an unknown field:\n%s", got)
			}
		})
	}
}

func TestLooksSecret(t *testing.T) {
	for k, want := range map[string]bool{
		"access_key": true, "access_key_id": true, "secret": true, "secret_key": true, "AWS_SECRET_ACCESS_KEY": true,
		"session_token": true, "token": true, "api-key": true, "password": true, "credentials": true,
		"token_env": false, "token_header": false, "bucket": false, "region": false, "purge": false, "endpoint": false,
	} {
		if looksSecret(k) != want {
			t.Errorf("looksSecret(%q) = %v", k, !want)
		}
	}
}

func TestTemplateVars(t *testing.T) {
	for in, want := range map[string][]string{
		"https://x/${A}/b/${B_2}": {"A", "B_2"},
		"https://x/":              nil,
		"https://x/${open":        {"open"},
	} {
		if got := TemplateVars(in); !cmp.Equal(got, want) {
			t.Errorf("TemplateVars(%q) = %q, want %q", in, got, want)
		}
	}
}
