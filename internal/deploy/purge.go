package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/relais-ecoles/relais/internal/config"
)

// PurgeRequest is the body of every purge request: the absolute URLs the
// CDN must forget. It is the body of Cloudflare's purge_cache API; any
// other CDN is reached through a small function that receives it. A 429
// or 5xx answer is retried, after the wait its Retry-After header asks
// for (up to a minute) when there is one.
//
//	POST <purge url>
//	Content-Type: application/json
//	Authorization: Bearer <token>        (when the target has token_env)
//
//	{"files":["https://relais.example.fr/academies/paris/","https://relais.example.fr/sitemap.xml"]}
type PurgeRequest struct {
	Files []string `json:"files"`
}

// purger sends changed URLs to a CDN.
type purger struct {
	url    string // expanded
	header string
	token  string
	batch  int
	client *http.Client
	retry  Retry
}

// newPurger expands the purge URL template and finds the token; it fails
// before any change when an environment variable is missing.
func newPurger(p *config.Purge, getenv func(string) string, client *http.Client, r Retry) (*purger, error) {
	u := p.URL
	for _, name := range config.TemplateVars(p.URL) {
		v := getenv(name)
		if v == "" {
			return nil, fmt.Errorf("the purge url of the target uses ${%s}, but the environment variable %s is not set", name, name)
		}
		u = strings.ReplaceAll(u, "${"+name+"}", url.PathEscape(v))
	}
	pg := &purger{url: u, header: p.TokenHeader, batch: p.Batch, client: client, retry: r}
	if pg.batch <= 0 {
		pg.batch = config.DefaultPurgeBatch
	}
	if p.TokenEnv != "" {
		pg.token = strings.TrimSpace(getenv(p.TokenEnv))
		if pg.token == "" {
			return nil, fmt.Errorf("the purge of the target needs the CDN token in the environment variable %s, which is not set", p.TokenEnv)
		}
	}
	return pg, nil
}

// purge sends urls in batches.
func (p *purger) purge(ctx context.Context, urls []string) error {
	for i := 0; i < len(urls); i += p.batch {
		body, err := json.Marshal(PurgeRequest{Files: urls[i:min(i+p.batch, len(urls))]})
		if err != nil {
			return err
		}
		if err := p.retry.do(ctx, func() error { return p.post(ctx, body) }); err != nil {
			return err
		}
	}
	return nil
}

func (p *purger) post(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if p.token != "" {
		if p.header == "" || strings.EqualFold(p.header, "Authorization") {
			req.Header.Set("Authorization", "Bearer "+p.token)
		} else {
			req.Header.Set(p.header, p.token)
		}
	}
	resp, err := p.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL may hold an identifier: say it once, below
		}
		return fmt.Errorf("cannot reach the purge API of the CDN: %w", err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("the purge API of the CDN answered %d %w", resp.StatusCode, statusError{code: resp.StatusCode, body: oneLine(string(msg)), retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"))})
	}
	return nil
}
