// Package notify tells the outside world what a deploy published, once
// relais deploy has put a build online:
//
//   - WebSub: each hub of the site's settings receives a publish ping
//     (POST, form body hub.mode=publish&hub.url=<feed>) for each RSS and
//     Atom feed whose URL the deploy changed, and only those: the feeds
//     name these hubs (rel="hub"), and the hub fetches the feed and pushes
//     it to its subscribers. A hub that fails every try of one feed is
//     not asked for the others.
//   - Webhooks: each webhook receives one signed JSON message (Message)
//     for each urgent directive in force that is new or changed since the
//     last message sent to it, read from the bandeau.json files of the
//     deployed build. The body is signed with HMAC-SHA256 under the key in
//     the environment variable the webhook names, sent as
//     "X-Relais-Signature: sha256=<hex>"; the message carries a text of at
//     most 160 GSM-7 characters for an SMS gateway (SMS).
//
// What was sent is kept in a small record beside the site (State): a
// directive is sent again when what it says (title, summary, dates,
// address) changes. Without a record (a first deploy, or a machine that
// keeps none), a directive is sent when the deploy changed its page.
//
// Each request is tried again on a network error, a 429 or a 5xx answer,
// a bounded number of times with exponential backoff (Retry). Nothing here
// fails a deploy: Run returns what went wrong, in French, for the deploy's
// summary, and what it did.
package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/retry"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

// SignatureHeader carries the HMAC-SHA256 of a webhook's body.
const SignatureHeader = "X-Relais-Signature"

// EventHeader names the kind of message of a webhook request.
const EventHeader = "X-Relais-Event"

// EventUrgent is the event of a message about an urgent directive.
const EventUrgent = "directive-urgente"

// Options are the inputs of Run.
type Options struct {
	// Dir is the deployed build folder; its bandeau.json files are read.
	Dir string
	// Changed are the absolute URLs the deploy changed.
	Changed []string
	// Notify is the notify: section of the site's settings.
	Notify config.Notify
	// Getenv reads the webhooks' keys.
	Getenv func(string) string
	// Client sends the requests; nil means a client with a 15 s timeout.
	Client *http.Client
	// Retry bounds the tries of each request; the zero value means
	// DefaultRetry.
	Retry Retry
	// State is the file of what was sent to the webhooks; "" keeps none.
	State string
	// Now is the time messages are sent at.
	Now time.Time
}

// Retry is how a failed request is tried again (retry.Policy): Attempts
// tries in all, with exponential backoff and jitter, or what a Retry-After
// header asks, up to Max.
type Retry retry.Policy

// DefaultRetry: 4 tries over about 7 seconds at worst.
func DefaultRetry() Retry {
	return Retry{Attempts: 4, Base: 500 * time.Millisecond, Max: 4 * time.Second}
}

// Result is what Run did.
type Result struct {
	// Pings are the feeds sent to each hub, successfully.
	Pings int
	// Hubs is how many hubs were asked.
	Hubs int
	// Feeds are the changed feeds the hubs were told of.
	Feeds []string
	// Sent counts the messages webhooks accepted.
	Sent int
	// Directives are the ids of the directives messages were sent about.
	Directives []string
	// Problems say, in French, what failed; none of them fails a deploy.
	Problems []string
}

// Message is the JSON body of a webhook request about an urgent
// directive.
type Message struct {
	Event string `json:"evenement"` // "directive-urgente"
	// Change is "nouvelle" for a directive never sent to this webhook,
	// "modifiee" for one sent before that says something else now.
	Change    string               `json:"changement"`
	Directive site.BannerDirective `json:"directive"`
	Academies []string             `json:"academies"` // the académies whose pages show it, by id
	SMS       string               `json:"sms"`       // at most 160 GSM-7 characters
	SentAt    string               `json:"envoye_le"` // RFC 3339
}

// Run pings the hubs and calls the webhooks; see the package comment.
func Run(ctx context.Context, o Options) Result {
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 15 * time.Second}
	}
	if o.Retry.Attempts <= 0 {
		o.Retry = DefaultRetry()
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	var res Result
	if len(o.Notify.Hubs) > 0 {
		pingHubs(ctx, o, &res)
	}
	if len(o.Notify.Webhooks) > 0 {
		callWebhooks(ctx, o, &res)
	}
	return res
}

// ChangedFeeds returns the RSS and Atom feeds among changed URLs, sorted:
// the feeds that declare the hubs.
func ChangedFeeds(changed []string) []string {
	var out []string
	for _, u := range changed {
		base := path.Base(strings.SplitN(u, "?", 2)[0])
		if base == view.FeedRSS || base == view.FeedAtom {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func pingHubs(ctx context.Context, o Options, res *Result) {
	res.Feeds = ChangedFeeds(o.Changed)
	res.Hubs = len(o.Notify.Hubs)
	for _, hub := range o.Notify.Hubs {
		failed := 0
		var last error
		for i, feed := range res.Feeds {
			body := url.Values{"hub.mode": {"publish"}, "hub.url": {feed}}.Encode()
			err := o.Retry.do(ctx, func() error {
				return post(ctx, o.Client, hub, "application/x-www-form-urlencoded", []byte(body), nil)
			})
			if err != nil {
				// A hub that fails every try is down: the other feeds
				// are not tried on it (a national directive changes
				// about a hundred feeds).
				failed += len(res.Feeds) - i
				last = err
				break
			}
			res.Pings++
		}
		if failed > 0 {
			res.Problems = append(res.Problems, fmt.Sprintf("le hub WebSub %s n’a pas reçu %d %s sur %d (%v) : ses abonnés verront la mise à jour quand il relira les flux",
				hub, failed, diag.Plural(failed, "flux", "flux"), len(res.Feeds), last))
		}
	}
}

// sentRecord is the State file: for each webhook URL, the digest of what
// was sent for each directive id.
type sentRecord struct {
	Format   int                          `json:"format"`
	Webhooks map[string]map[string]string `json:"webhooks"`
}

func readState(p string) (*sentRecord, bool) {
	rec := &sentRecord{Format: 1, Webhooks: map[string]map[string]string{}}
	if p == "" {
		return rec, false
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return rec, false
	}
	if json.Unmarshal(data, rec) != nil || rec.Format != 1 {
		return &sentRecord{Format: 1, Webhooks: map[string]map[string]string{}}, false
	}
	if rec.Webhooks == nil {
		rec.Webhooks = map[string]map[string]string{}
	}
	return rec, true
}

func writeState(p string, rec *sentRecord) error {
	if p == "" {
		return nil
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// urgent is an urgent directive of the build and the académies showing it.
type urgent struct {
	d         site.BannerDirective
	academies []string
}

// readBanners reads every academies/<a>/bandeau.json of the build: the
// urgent directives in force, each once, in the order of their ids.
func readBanners(dir string) ([]*urgent, error) {
	paths, err := fs.Glob(os.DirFS(dir), "academies/*/bandeau.json")
	if err != nil {
		return nil, err
	}
	byID := map[string]*urgent{}
	for _, p := range paths {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return nil, err
		}
		var b site.BannerData
		if err := json.Unmarshal(data, &b); err != nil {
			return nil, fmt.Errorf("%s : %v", p, err)
		}
		for _, d := range b.Directives {
			u := byID[d.ID]
			if u == nil {
				u = &urgent{d: d}
				byID[d.ID] = u
			}
			u.academies = append(u.academies, b.Academy.ID)
		}
	}
	out := make([]*urgent, 0, len(byID))
	for _, u := range byID {
		slices.Sort(u.academies)
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b *urgent) int { return strings.Compare(a.d.ID, b.d.ID) })
	return out, nil
}

// digest is what a message says about a directive: a change of it is a
// change of the directive.
func digest(d site.BannerDirective) string {
	data, _ := json.Marshal(d)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func callWebhooks(ctx context.Context, o Options, res *Result) {
	urgents, err := readBanners(o.Dir)
	if err != nil {
		res.Problems = append(res.Problems, fmt.Sprintf("les webhooks n’ont pas été appelés : les bandeaux de la publication sont illisibles (%v)", err))
		return
	}
	rec, known := readState(o.State)
	changed := map[string]bool{}
	for _, u := range o.Changed {
		changed[u] = true
	}
	sent := map[string]bool{}
	for _, wh := range o.Notify.Webhooks {
		key := o.Getenv(wh.KeyEnv)
		if key == "" {
			res.Problems = append(res.Problems, fmt.Sprintf("le webhook %s n’a pas été appelé : la variable d’environnement %s, qui doit tenir sa clé, est vide", wh.URL, wh.KeyEnv))
			continue
		}
		seen := rec.Webhooks[wh.URL]
		knownHere := known && seen != nil
		if seen == nil {
			seen = map[string]string{}
			rec.Webhooks[wh.URL] = seen
		}
		failed := 0
		var last error
		for _, u := range urgents {
			sum := digest(u.d)
			old, before := seen[u.d.ID]
			switch {
			case before && old == sum:
				continue
			case !knownHere && !changed[u.d.URL]:
				// No record: only what this deploy changed is news.
				seen[u.d.ID] = sum
				continue
			}
			m := Message{Event: EventUrgent, Change: "nouvelle", Directive: u.d, Academies: u.academies, SMS: SMS(u.d), SentAt: o.Now.Format(time.RFC3339)}
			if before {
				m.Change = "modifiee"
			}
			body, _ := json.Marshal(m)
			hdr := http.Header{}
			hdr.Set(SignatureHeader, Sign(key, body))
			hdr.Set(EventHeader, EventUrgent)
			hdr.Set("X-Relais-Delivery", sum[:32])
			err := o.Retry.do(ctx, func() error {
				return post(ctx, o.Client, wh.URL, "application/json", body, hdr)
			})
			if err != nil {
				failed++
				last = err
				continue
			}
			seen[u.d.ID] = sum
			res.Sent++
			sent[u.d.ID] = true
		}
		// Directives no longer in force are forgotten.
		for id := range seen {
			if !slices.ContainsFunc(urgents, func(u *urgent) bool { return u.d.ID == id }) {
				delete(seen, id)
			}
		}
		if failed > 0 {
			res.Problems = append(res.Problems, fmt.Sprintf("le webhook %s n’a pas reçu %d %s (%v) : %s au prochain déploiement",
				wh.URL, failed, diag.Plural(failed, "message", "messages"), last, diag.Plural(failed, "il sera renvoyé", "ils seront renvoyés")))
		}
	}
	for id := range sent {
		res.Directives = append(res.Directives, id)
	}
	slices.Sort(res.Directives)
	if err := writeState(o.State, rec); err != nil {
		res.Problems = append(res.Problems, fmt.Sprintf("le registre des messages envoyés (%s) n’a pas pu être écrit (%v) : les mêmes messages pourront être renvoyés", o.State, err))
	}
}

// Sign returns the signature header value of body under key:
// "sha256=" and the hex HMAC-SHA256.
func Sign(key string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// statusError is an answer that is not 2xx.
type statusError struct {
	code       int
	retryAfter time.Duration
}

func (e statusError) Error() string { return "HTTP " + strconv.Itoa(e.code) }

// RetryAfter implements retry.After.
func (e statusError) RetryAfter() time.Duration { return e.retryAfter }

func post(ctx context.Context, c *http.Client, u, ctype string, body []byte, hdr http.Header) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return permanent{err}
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("User-Agent", "relais (+https://github.com/relais-ecoles/relais)")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	se := statusError{code: resp.StatusCode}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
		se.retryAfter = time.Duration(s) * time.Second
	}
	return se
}

// permanent is an error no retry can mend.
type permanent struct{ error }

func retryable(err error) bool {
	var p permanent
	if errors.As(err, &p) {
		return false
	}
	var se statusError
	if errors.As(err, &se) {
		return se.code == http.StatusTooManyRequests || se.code >= 500
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

func (r Retry) do(ctx context.Context, f func() error) error {
	return retry.Policy(r).Do(ctx, f, retryable, r.Max)
}
