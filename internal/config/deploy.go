package config

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// DeployTarget is one entry of the deploy: section of content/site.yaml:
// an S3-compatible bucket that `relais deploy --target NAME` pushes a build
// to, and the CDN in front of it. Credentials are never part of it: they
// come from the environment of relais deploy.
//
//	deploy:
//	  production:
//	    bucket: s3://relais-paris/site/    # or "bucket: relais-paris" and "prefix: site/"
//	    endpoint: https://s3.fr-par.scw.cloud   # default: AWS S3
//	    region: fr-par
//	    purge:
//	      url: https://api.cloudflare.com/client/v4/zones/${CF_ZONE_ID}/purge_cache
//	      token_env: CF_API_TOKEN
//	      batch: 100
type DeployTarget struct {
	Name     string
	Bucket   string // the bucket name
	Prefix   string // where the site sits in the bucket: "" or a folder ending in "/"
	Endpoint string // the S3 endpoint, scheme and host; "" means AWS S3
	Region   string
	Purge    *Purge // nil: no CDN purge
	Pos      diag.Pos
}

// Purge says how to ask the CDN to forget changed URLs: an HTTP POST of
// {"files": [absolute URLs]} to URL, in batches of Batch URLs.
type Purge struct {
	// URL is a template: ${NAME} is replaced by the environment variable
	// NAME when relais deploy runs (zone or service identifiers).
	URL string
	// TokenEnv names the environment variable holding the API token, sent
	// as "Authorization: Bearer <token>" (or as the value of TokenHeader).
	TokenEnv    string
	TokenHeader string
	Batch       int
}

// DefaultPurgeBatch is the number of URLs per purge request when the
// target does not say: the most Cloudflare accepts on every plan.
const DefaultPurgeBatch = 100

// DeployTarget returns the target called name.
func (c *Config) DeployTarget(name string) (*DeployTarget, bool) {
	for i := range c.Deploy {
		if c.Deploy[i].Name == name {
			return &c.Deploy[i], true
		}
	}
	return nil, false
}

// DeployNames lists the names of the deploy targets, sorted.
func (c *Config) DeployNames() []string {
	names := make([]string, len(c.Deploy))
	for i, t := range c.Deploy {
		names[i] = t.Name
	}
	slices.Sort(names)
	return names
}

// credentialsHelp says where credentials go, for the error that finds one in
// site.yaml.
const credentialsHelp = "credentials never go in site.yaml, which is published with the site's sources: " +
	"give them to relais deploy through the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) " +
	"or a profile of ~/.aws/credentials chosen with AWS_PROFILE, and remove this line"

const tokenHelp = "tokens never go in site.yaml, which is published with the site's sources: " +
	"put the CDN token in an environment variable and name it with token_env, and remove this line"

// secretWords are parts of field names that hold secrets.
var secretWords = []string{"secret", "password", "passwd", "access_key", "accesskey", "token", "api_key", "apikey", "private_key", "credential", "authorization"}

// looksSecret reports whether a field name is one that holds a credential.
// Fields naming where a secret is (token_env, token_header) are not secrets.
func looksSecret(key string) bool {
	k := strings.ReplaceAll(strings.ToLower(key), "-", "_")
	if strings.HasSuffix(k, "_env") || strings.HasSuffix(k, "_header") {
		return false
	}
	for _, w := range secretWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// withoutSecrets reports every field of the mapping n whose name looks like
// a credential and returns the mapping without them, so that the strict
// decoding that follows does not also call them unknown.
func withoutSecrets(d *load.Decoder, n *yaml.Node, help string) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return n
	}
	var kept []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind == yaml.ScalarNode && looksSecret(k.Value) {
			d.Errorf(k, "%q looks like a credential: %s", k.Value, help)
			continue
		}
		kept = append(kept, k, n.Content[i+1])
	}
	if len(kept) == len(n.Content) {
		return n
	}
	c := *n
	c.Content = kept
	return &c
}

var (
	bucketRE = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	envRE    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	headerRE = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
	regionRE = regexp.MustCompile(`^[a-z0-9-]+$`)
)

// decodeDeploy decodes the deploy: section: a mapping of target names to
// targets.
func decodeDeploy(d *load.Decoder, n *yaml.Node) []DeployTarget {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "deploy must list targets by name (production: {bucket: ...}), not %s", describeNode(n))
		return nil
	}
	var out []DeployTarget
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "a deploy target name must be a plain word")
			continue
		}
		if looksSecret(k.Value) {
			d.Errorf(k, "%q looks like a credential: %s", k.Value, credentialsHelp)
			continue
		}
		if !vocab.IsSlug(k.Value) {
			d.Errorf(k, "deploy target name %s", vocab.SlugHint(k.Value))
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.Errorf(k, "deploy target %q is given twice (first at line %d): keep one", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		if t, ok := decodeTarget(d, k.Value, v); ok {
			t.Pos = d.Pos(k)
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b DeployTarget) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func decodeTarget(d *load.Decoder, name string, n *yaml.Node) (DeployTarget, bool) {
	t := DeployTarget{Name: name}
	what := "la cible de déploiement " + diag.Q(name)
	n = withoutSecrets(d, n, credentialsHelp)
	m := d.Map(n, what, "bucket", "prefix", "endpoint", "region", "purge")
	if n == nil || n.Kind != yaml.MappingNode {
		return t, false
	}
	m.Require(what, "bucket")
	errs := len(d.Errs)

	bucket := m.String("bucket")
	if rest, ok := strings.CutPrefix(bucket, "s3://"); ok {
		b, p, _ := strings.Cut(rest, "/")
		if strings.Contains(b, "@") {
			d.Errs.Add(m.ValuePos("bucket"), "bucket %q holds a credential before \"@\": %s", bucket, credentialsHelp)
		} else {
			t.Bucket, t.Prefix = b, p
		}
	} else if strings.Contains(bucket, "://") {
		d.Errs.Add(m.ValuePos("bucket"), "bucket %q must be a bucket name or an address s3://bucket/folder/", bucket)
	} else {
		t.Bucket = bucket
	}
	if t.Bucket != "" && !bucketRE.MatchString(t.Bucket) {
		d.Errs.Add(m.ValuePos("bucket"), "bucket name %q is not valid: use 3 to 63 lowercase letters, digits, dots and hyphens, such as relais-paris", t.Bucket)
	}
	if m.Has("prefix") {
		if t.Prefix != "" {
			d.Errs.Add(m.KeyPos("prefix"), "the folder is given twice, in the bucket address and in prefix: keep one")
		}
		t.Prefix = m.String("prefix")
	}
	if t.Prefix != "" {
		p := strings.Trim(t.Prefix, "/")
		if p == "" || slices.ContainsFunc(strings.Split(p, "/"), func(s string) bool { return s == "" || s == "." || s == ".." }) {
			d.Errs.Add(m.ValuePos("prefix"), "folder %q in the bucket must be a path such as site/ or academies/paris/, without empty, . or .. parts", t.Prefix)
		}
		t.Prefix = p + "/"
	}

	if m.Has("endpoint") {
		ep := m.String("endpoint")
		u, err := url.Parse(ep)
		switch {
		case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
			d.Errs.Add(m.ValuePos("endpoint"), "endpoint %q must be the address of an S3 service, such as https://s3.fr-par.scw.cloud", ep)
		case u.User != nil:
			d.Errs.Add(m.ValuePos("endpoint"), "endpoint %q holds a credential before \"@\": %s", ep, credentialsHelp)
		case (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "":
			d.Errs.Add(m.ValuePos("endpoint"), "endpoint %q must be a scheme and a host only, such as https://s3.fr-par.scw.cloud: put the bucket in bucket", ep)
		default:
			t.Endpoint = u.Scheme + "://" + u.Host
		}
	}
	if m.Has("region") {
		t.Region = m.String("region")
		if !regionRE.MatchString(t.Region) {
			d.Errs.Add(m.ValuePos("region"), "region %q must be a region name such as eu-west-3 or fr-par", t.Region)
		}
	}
	if pn := m.Value("purge"); pn != nil {
		t.Purge = decodePurge(d, name, pn)
	}
	return t, len(d.Errs) == errs
}

func decodePurge(d *load.Decoder, name string, n *yaml.Node) *Purge {
	what := "la purge de la cible de déploiement " + diag.Q(name)
	n = withoutSecrets(d, n, tokenHelp)
	m := d.Map(n, what, "url", "token_env", "token_header", "batch")
	if n.Kind != yaml.MappingNode {
		return nil
	}
	m.Require(what, "url")
	p := &Purge{
		URL:         m.String("url"),
		TokenEnv:    m.String("token_env"),
		TokenHeader: m.String("token_header"),
		Batch:       DefaultPurgeBatch,
	}
	if p.URL != "" {
		u, err := url.Parse(strings.NewReplacer("${", "", "}", "").Replace(p.URL))
		switch {
		case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
			d.Errs.Add(m.ValuePos("url"), "purge url %q must be the address of the CDN's purge API, such as https://api.cloudflare.com/client/v4/zones/${CF_ZONE_ID}/purge_cache", p.URL)
		case u.User != nil:
			d.Errs.Add(m.ValuePos("url"), "purge url %q holds a credential before \"@\": %s", p.URL, tokenHelp)
		}
		for _, v := range TemplateVars(p.URL) {
			if !envRE.MatchString(v) {
				d.Errs.Add(m.ValuePos("url"), "${%s} in the purge url must name an environment variable, such as ${CF_ZONE_ID}", v)
			}
		}
	}
	if p.TokenEnv != "" && !envRE.MatchString(p.TokenEnv) {
		d.Errs.Add(m.ValuePos("token_env"), "token_env %q must be the name of an environment variable, such as CF_API_TOKEN", p.TokenEnv)
	}
	if p.TokenHeader != "" && !headerRE.MatchString(p.TokenHeader) {
		d.Errs.Add(m.ValuePos("token_header"), "token_header %q must be an HTTP header name, such as AccessKey", p.TokenHeader)
	}
	if m.Has("batch") {
		p.Batch = m.Int("batch")
		if p.Batch <= 0 {
			d.Errs.Add(m.ValuePos("batch"), "batch must be a positive number of URLs per purge request")
		}
	}
	return p
}

// TemplateVars lists the names of the ${NAME} references of a purge URL
// template, in order.
func TemplateVars(tmpl string) []string {
	var out []string
	for {
		i := strings.Index(tmpl, "${")
		if i < 0 {
			return out
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			return append(out, tmpl[i+2:])
		}
		out = append(out, tmpl[i+2:i+j])
		tmpl = tmpl[i+j+1:]
	}
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.SequenceNode:
		return "a list"
	}
	return "that"
}
