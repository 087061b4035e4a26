package hosting

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/errorpage"
)

// TestErrorPageThroughNginx installs an "ENT saturé" page as nginx's error
// page for 502, 503 and 504 in front of two failing upstreams on
// loopback, as docs/ent.md tells an ENT provider to: one that answers 503,
// one where nothing listens. nginx must answer with the upstream's status
// and the page, byte for byte, as HTML. It does so with an académie's page
// and with a collectivité's (a Région's lycées across two académies).
func TestErrorPageThroughNginx(t *testing.T) {
	bin := findNginx(t)
	creneaux := `{"version":2,"academie":{"id":"paris","nom":"Paris","libelle":"académie de Paris","page":"https://relais.example.fr/academies/paris/"},"fuseau":"Europe/Paris",
		"niveaux":[{"etablissement":"college","niveau":"4e","departement":null,"libelle":"4e","periodes":[{"du":"2020-03-19","au":null,"jours":["lun","mar","mer","jeu","ven"],"suspendu":false,"creneaux":[{"debut":"13:00","fin":"17:00","acces_libre":false}]}]},
		{"etablissement":"lycee","niveau":"seconde","departement":null,"libelle":"seconde","periodes":[{"du":"2020-03-19","au":null,"jours":null,"suspendu":false,"creneaux":[{"debut":"08:00","fin":"11:00","acces_libre":false},{"debut":"20:00","fin":null,"acces_libre":true}],"parents":{"creneaux":[],"hors_creneaux":"suspendu"}}]}]}`
	creteil := strings.NewReplacer(`"paris"`, `"creteil"`, `"Paris"`, `"Créteil"`, "de Paris", "de Créteil", "/paris/", "/creteil/").Replace(creneaux)
	bandeau := `{"version":1,"directives":[{"titre":"Fermeture de l’ENT ce soir","resume":"Maintenance.","emetteur":{"nom":"académie de Paris"},"expire_le":"2020-03-24","url":"https://relais.example.fr/academies/paris/directives/x/"}]}`
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		scope errorpage.Scope
		srcs  []errorpage.Source
		want  []string
	}{
		{"academie", errorpage.Scope{}, []errorpage.Source{{Creneaux: []byte(creneaux), Bandeau: []byte(bandeau)}},
			[]string{"Consignes urgentes", "Fermeture de l’ENT ce soir", "Académie de Paris, jusqu’au 24 mars 2020", "<td>4e</td><td>du lundi au vendredi</td><td>13h – 17h</td>", "Page faite le lundi 23 mars 2020"}},
		{"collectivite", errorpage.Scope{Name: "Région Île-de-France", By: "la Région Île-de-France", ENT: "monlycée.net", Serves: "lycées", Live: "https://relais.example.fr/", Kinds: []string{"lycee"}},
			// In the territory's order: Créteil, then Paris.
			[]errorpage.Source{{Creneaux: []byte(creteil), Bandeau: []byte(`{"version":1,"directives":[]}`)}, {Creneaux: []byte(creneaux), Bandeau: []byte(bandeau)}},
			[]string{"monlycée.net, l’ENT des lycées géré par la Région Île-de-France.", "Fermeture de l’ENT ce soir", "Créneaux de connexion, académies de Créteil et de Paris",
				"<td>seconde</td><td>non précisé</td><td>8h – 11h, à partir de 20h (accès libre)</td><td>accès suspendu</td>", "Page faite le lundi 23 mars 2020"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := errorpage.Make(tt.scope, tt.srcs, now, errorpage.Site{})
			if err != nil {
				t.Fatal(err)
			}
			page, err := errorpage.Page(v)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.want {
				if !strings.Contains(string(page), want) {
					t.Errorf("the page lacks %q", want)
				}
			}
			if tt.name == "collectivite" && strings.Contains(string(page), "<td>4e</td>") {
				t.Errorf("the lycées' page shows a collège's level")
			}
			errorPageThroughNginx(t, bin, page)
		})
	}
}

// errorPageThroughNginx serves page as nginx's error page and checks that
// the failing upstreams' answers carry it.
func errorPageThroughNginx(t *testing.T, bin string, page []byte) {
	dir := t.TempDir()
	pages := filepath.Join(dir, "erreurs")
	os.MkdirAll(pages, 0o755)
	if err := os.WriteFile(filepath.Join(pages, errorpage.FileName), page, 0o644); err != nil {
		t.Fatal(err)
	}

	busy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "upstream overloaded")
	}))
	t.Cleanup(busy.Close)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := ln.Addr().String()
	ln.Close() // nothing listens there: nginx answers 502
	ln, _ = net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()

	user := ""
	if os.Geteuid() == 0 {
		user = "user root;\n"
	}
	// The server block an ENT provider adds (docs/ent.md), around two
	// upstreams.
	server := `
    error_page 502 503 504 /` + errorpage.FileName + `;
    location = /` + errorpage.FileName + ` {
        root ` + pages + `;
        internal;
        add_header Cache-Control "no-store" always;
    }
    location /occupe/ {
        proxy_pass ` + busy.URL + `;
        proxy_intercept_errors on;
    }
    location / {
        proxy_pass http://` + dead + `;
        proxy_intercept_errors on;
        proxy_connect_timeout 2s;
    }
`
	conf := user + "daemon off;\nmaster_process off;\nerror_log " + dir + "/error.log;\npid " + dir + "/nginx.pid;\nevents {}\nhttp {\n  access_log off;\n  include /etc/nginx/mime.types;\n" +
		"  client_body_temp_path " + dir + "/body;\n  proxy_temp_path " + dir + "/proxy;\n  fastcgi_temp_path " + dir + "/fcgi;\n  uwsgi_temp_path " + dir + "/uwsgi;\n  scgi_temp_path " + dir + "/scgi;\n" +
		"  server {\n    listen " + addr + ";\n" + server + "  }\n}\n"
	if _, err := os.Stat("/etc/nginx/mime.types"); err != nil {
		conf = strings.Replace(conf, "  include /etc/nginx/mime.types;\n", "  types { text/html html; }\n", 1)
	}
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	get := func(p string) (*http.Response, []byte) {
		t.Helper()
		for i := 0; i < 50; i++ {
			res, err := http.Get("http://" + addr + p)
			if err == nil {
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				return res, body
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("GET %s: nginx does not answer\n%s", p, stderr.String())
		return nil, nil
	}
	for path, status := range map[string]int{"/occupe/connexion": 503, "/connexion": 502} {
		res, body := get(path)
		if res.StatusCode != status {
			t.Errorf("GET %s: %s, want %d", path, res.Status, status)
		}
		if string(body) != string(page) {
			t.Errorf("GET %s: the body is not the page (%d bytes):\n%.300s", path, len(body), body)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
	}
	if res, _ := get("/" + errorpage.FileName); res.StatusCode == 200 {
		t.Error("the error page is served on its own address: it must be internal")
	}
}
