package deploy

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPhaseOf(t *testing.T) {
	for p, want := range map[string]int{
		"assets/css/site.1a2b.css":      phaseAssets,
		"assets/js/ouvert.3c4d.js":      phaseAssets,
		"academies/paris/flux.xml":      phaseFiles,
		"academies/paris/creneaux.json": phaseFiles,
		"academies/paris/4e.ics":        phaseFiles,
		"academies/paris/4e/index.html": phasePages,
		"404.html":                      phasePages,
		"sitemap.xml":                   phaseSitemap,
		"sitemap-2.xml":                 phaseSitemap,
		"robots.txt":                    phaseSitemap,
		"programmes/sitemap.xml":        phaseFiles,
	} {
		if got := phaseOf(p); got != want {
			t.Errorf("phaseOf(%q) = %s, want %s", p, phases[got], phases[want])
		}
	}
}

func TestOrders(t *testing.T) {
	up := []string{"sitemap.xml", "index.html", "academies/paris/4e/index.html", "academies/paris/index.html", "academies/paris/4e.ics",
		"academies/paris/creneaux.json", "academies/paris/flux.xml", "assets/css/site.css", "robots.txt", "a/atom.xml"}
	slices.SortFunc(up, uploadOrder)
	want := []string{"assets/css/site.css", "a/atom.xml", "academies/paris/flux.xml", "academies/paris/creneaux.json", "academies/paris/4e.ics",
		"academies/paris/4e/index.html", "academies/paris/index.html", "index.html", "robots.txt", "sitemap.xml"}
	if d := cmp.Diff(want, up); d != "" {
		t.Errorf("upload order (-want +got):\n%s", d)
	}
	del := []string{"assets/css/old.css", "sitemap-2.xml", "x/flux.xml", "x/index.html", "y/index.html"}
	slices.SortFunc(del, deleteOrder)
	if d := cmp.Diff([]string{"x/index.html", "y/index.html", "sitemap-2.xml", "x/flux.xml", "assets/css/old.css"}, del); d != "" {
		t.Errorf("delete order (-want +got):\n%s", d)
	}
}

const (
	md5A = "0cc175b9c0f1b6a831c399e269772661"
	md5B = "92eb5ffee6ae2fec3ad71c777531578f"
)

func TestCompare(t *testing.T) {
	files := []file{
		{Path: "same", MD5: md5A, Size: 1, Digest: "h1"},
		{Path: "new", MD5: md5A, Size: 1, Digest: "h1"},
		{Path: "changed", MD5: md5A, Size: 1, Digest: "h1"},
		{Path: "resized", MD5: md5A, Size: 1, Digest: "h1"},
		{Path: "headers-unknown", MD5: md5A, Size: 1, Digest: "h1"},
		{Path: "headers-other", MD5: md5A, Size: 1, Digest: "h2"},
		{Path: "multipart", MD5: md5A, Size: 1, Digest: "h1"},
		{Path: "upper", MD5: md5A, Size: 1, Digest: "h1"},
	}
	remote := map[string]remoteObject{
		"same":            {ETag: md5A, Size: 1},
		"changed":         {ETag: md5B, Size: 1},
		"resized":         {ETag: md5A, Size: 2},
		"headers-unknown": {ETag: md5A, Size: 1},
		"headers-other":   {ETag: md5A, Size: 1},
		"multipart":       {ETag: md5B + "-2", Size: 1},
		"upper":           {ETag: strings.ToUpper(md5A), Size: 1},
	}
	rec := record{Format: recordFormat, Headers: map[string]string{"same": "h1", "changed": "h1", "headers-other": "h1", "multipart": "h1", "upper": "h1"}}
	c := compare(files, remote, rec)
	want := []verdict{same, isNew, changed, changed, unsure, unsure, unsure, same}
	if d := cmp.Diff(want, c.verdicts); d != "" {
		t.Errorf("verdicts (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]int{4, 5, 6}, c.check); d != "" {
		t.Errorf("check (-want +got):\n%s", d)
	}
}

func TestSettle(t *testing.T) {
	f := file{SHA256: "s1", Digest: "h1", Header: http.Header{}}
	for _, tc := range []struct {
		etag, sha, digest, encoding string
		want                        verdict
	}{
		{md5A, "", "h1", "", same},          // MD5 ETag: the bytes are known equal
		{md5A, "", "h0", "", headersOnly},   // other headers
		{md5A, "", "", "", headersOnly},     // no relais metadata
		{md5A + "-3", "s1", "h1", "", same}, // multipart: the SHA-256 decides
		{md5A + "-3", "s1", "h0", "", headersOnly},
		{md5A + "-3", "s2", "h1", "", changed},
		{"opaque-kms-etag", "", "", "", changed}, // nothing to compare: upload
		// Stored by a streaming upload over http: the store sends
		// aws-chunked to every reader.
		{md5A, "", "h1", "aws-chunked", headersOnly},
	} {
		h := http.Header{}
		for k, v := range map[string]string{"X-Amz-Meta-" + metaSHA256: tc.sha, "X-Amz-Meta-" + metaHeaders: tc.digest, "Content-Encoding": tc.encoding} {
			if v != "" {
				h.Set(k, v)
			}
		}
		if got := settle(f, remoteObject{ETag: tc.etag}, h); got != tc.want {
			t.Errorf("settle(%q, %q, %q, %q) = %v, want %v", tc.etag, tc.sha, tc.digest, tc.encoding, got, tc.want)
		}
	}
}

func TestMakePlan(t *testing.T) {
	files := []file{
		{Path: "assets/css/site.2.css", Size: 10},
		{Path: "assets/js/x.js", Size: 5},
		{Path: "index.html", Size: 100},
		{Path: "a/b/index.html", Size: 50},
		{Path: "a/flux.xml", Size: 20},
		{Path: "sitemap.xml", Size: 7},
	}
	c := &comparison{verdicts: []verdict{isNew, same, changed, isNew, headersOnly, changed}}
	remote := map[string]remoteObject{
		"assets/css/site.1.css": {Size: 9}, "old/index.html": {Size: 3}, "old/flux.xml": {Size: 2},
		"assets/js/x.js": {}, "index.html": {}, "a/flux.xml": {}, "sitemap.xml": {},
		recordName: {}, "dossier/": {},
	}
	p := makePlan(files, remote, c, "https://x.fr")
	var ups, dels []string
	for _, u := range p.Uploads {
		ups = append(ups, u.Phase+" "+u.Reason+" "+u.Path)
	}
	for _, d := range p.Deletes {
		dels = append(dels, d.Path)
	}
	if d := cmp.Diff([]string{"assets new assets/css/site.2.css", "files headers a/flux.xml", "pages new a/b/index.html", "pages changed index.html", "sitemap changed sitemap.xml"}, ups); d != "" {
		t.Errorf("uploads (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"old/index.html", "old/flux.xml", "assets/css/site.1.css"}, dels); d != "" {
		t.Errorf("deletes (-want +got):\n%s", d)
	}
	wantPurge := []string{"https://x.fr/a/flux.xml", "https://x.fr/a/b/", "https://x.fr/", "https://x.fr/sitemap.xml",
		"https://x.fr/old/", "https://x.fr/old/flux.xml", "https://x.fr/assets/css/site.1.css"}
	if d := cmp.Diff(wantPurge, p.Purge); d != "" {
		t.Errorf("purge (-want +got):\n%s", d)
	}
	if p.Bytes != 10+20+50+100+7 || p.Unchanged != 1 || p.Files != 6 {
		t.Errorf("bytes %d, unchanged %d, files %d", p.Bytes, p.Unchanged, p.Files)
	}
}

func TestDefaultMaxDeletes(t *testing.T) {
	for n, want := range map[int]int{0: 10, 100: 10, 200: 10, 220: 11, 1000: 50, 20000: 1000} {
		if got := DefaultMaxDeletes(n); got != want {
			t.Errorf("DefaultMaxDeletes(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestMissingPurgeVariableChangesNothing(t *testing.T) {
	h := newHarness(t)
	writeSite(t, h.dir, siteV1())
	_, err := h.deploy(func(o *Options) { o.Getenv = testEnv(t, "CDN_TOKEN", "t") })
	if err == nil || !strings.Contains(err.Error(), "${ZONE}") {
		t.Errorf("err = %v", err)
	}
	if log := h.s3.requests(); len(log) != 0 {
		t.Errorf("requests: %v", log)
	}
}

func TestSkippedFiles(t *testing.T) {
	for p, want := range map[string]bool{
		".relais-changes.json": true, ".staging/x.html": true, "a/.DS_Store": true,
		".well-known/security.txt": false, "index.html": false,
	} {
		if hidden(p) != want {
			t.Errorf("hidden(%q) = %v", p, !want)
		}
	}
}
