package config

import (
	"net/url"

	"github.com/relais-ecoles/relais/internal/load"
)

// Notify is the notify: section of content/site.yaml: who is told, after
// a successful relais deploy, that something was published.
//
//	notify:
//	  hubs:                       # WebSub hubs, named in every RSS and Atom feed
//	    - https://pubsubhubbub.appspot.com/
//	  webhooks:                   # a signed JSON message per new or changed urgent directive
//	    - url: https://sms.example.fr/relais
//	      key_env: RELAIS_WEBHOOK_KEY   # the HMAC-SHA256 key, from the environment
//
// Keys never go in site.yaml: key_env names the environment variable of
// relais deploy that holds it.
type Notify struct {
	Hubs     []string
	Webhooks []Webhook
}

// Webhook is an address that receives a signed message for each new or
// changed urgent directive.
type Webhook struct {
	URL    string
	KeyEnv string
}

const keyHelp = "les clés ne vont jamais dans site.yaml, publié avec les sources du site : " +
	"mettez la clé dans une variable d'environnement de relais deploy, nommez-la avec key_env, et supprimez cette ligne"

// decodeNotify decodes the notify: section.
func decodeNotify(d *load.Decoder, m load.Map) Notify {
	var out Notify
	for _, w := range m.Words("hubs") {
		if checkHTTPURL(d, w, "hub WebSub") {
			out.Hubs = append(out.Hubs, w.Text)
		}
	}
	for _, it := range m.Items("webhooks") {
		it = withoutSecrets(d, it, keyHelp)
		wm := d.Map(it, "un webhook", "url", "key_env")
		wm.Require("un webhook", "url", "key_env")
		w := Webhook{URL: wm.String("url"), KeyEnv: wm.String("key_env")}
		ok := w.URL != "" && checkHTTPURL(d, wm.Word("url"), "webhook")
		if w.KeyEnv != "" && !envRE.MatchString(w.KeyEnv) {
			d.Errs.Add(wm.ValuePos("key_env"), "key_env %q doit être un nom de variable d'environnement, comme RELAIS_WEBHOOK_KEY", w.KeyEnv)
			ok = false
		}
		if ok && w.KeyEnv != "" {
			out.Webhooks = append(out.Webhooks, w)
		}
	}
	return out
}

// checkHTTPURL records an error unless w is an absolute http(s) address.
func checkHTTPURL(d *load.Decoder, w load.Word, what string) bool {
	u, err := url.Parse(w.Text)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		d.Errs.Add(w.Pos, "l'adresse du %s %q doit être une adresse absolue sans identifiant, comme https://hub.example.fr/", what, w.Text)
		return false
	}
	return true
}
