package deploy

import (
	"cmp"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/output"
)

// Plan is what a deploy does, in order.
type Plan struct {
	Target     string
	Location   string // s3://bucket/prefix/ (endpoint)
	Files      int    // files of the build
	Unchanged  int
	Uploads    []Transfer // in upload order
	Deletes    []Transfer // in delete order
	Bytes      int64      // to upload
	MaxDeletes int
	// Purge are the absolute URLs that change: those of replaced, deleted
	// and new objects, except new assets.
	Purge []string
}

// Transfer is one upload or delete.
type Transfer struct {
	Path   string // output path, also the key under the target's prefix
	Size   int64
	Reason string // uploads: "new", "changed" (bytes) or "headers" (same bytes, new headers)
	Phase  string // "assets", "files", "pages", "sitemap" or "deletes"
	file   int    // uploads: index in the scanned files
}

// The phases of a deploy, in order.
var phases = [...]string{"assets", "files", "pages", "sitemap"}

const (
	phaseAssets = iota
	phaseFiles
	phasePages
	phaseSitemap
)

// remoteObject is an object of the target, from the listing.
type remoteObject struct {
	Path string // key without the prefix
	ETag string // without quotes
	Size int64
}

type verdict int

const (
	same        verdict = iota
	isNew               // not in the bucket
	changed             // other bytes
	headersOnly         // same bytes, other headers
	unsure              // to be checked with a HEAD request
)

// comparison holds the verdict on each scanned file.
type comparison struct {
	verdicts []verdict
	check    []int // files whose verdict needs a HEAD request
}

var md5RE = regexp.MustCompile(`^[0-9a-f]{32}$`)

// compare decides what can be decided from the listing and the record.
func compare(files []file, remote map[string]remoteObject, rec record) *comparison {
	c := &comparison{verdicts: make([]verdict, len(files))}
	for i, f := range files {
		o, ok := remote[f.Path]
		var v verdict
		switch {
		case !ok:
			v = isNew
		case !md5RE.MatchString(strings.ToLower(o.ETag)):
			v = unsure // multipart or KMS: the ETag is not the MD5 of the bytes
		case !strings.EqualFold(o.ETag, f.MD5) || o.Size != f.Size:
			v = changed
		case rec.Headers[f.Path] == f.Digest:
			v = same
		default:
			v = unsure // same bytes; the record does not vouch for the headers
		}
		c.verdicts[i] = v
		if v == unsure {
			c.check = append(c.check, i)
		}
	}
	return c
}

// settle decides an unsure file from the headers of its object (a HEAD
// request): the SHA-256 and header digest relais stored with it, and the
// Content-Encoding the store sends, which must be the file's (a store may
// have kept "aws-chunked" from an upload signed in streaming form).
func settle(f file, o remoteObject, h http.Header) verdict {
	if !md5RE.MatchString(strings.ToLower(o.ETag)) && h.Get("X-Amz-Meta-"+metaSHA256) != f.SHA256 {
		return changed
	}
	if h.Get("X-Amz-Meta-"+metaHeaders) != f.Digest || h.Get("Content-Encoding") != f.Header.Get("Content-Encoding") {
		return headersOnly
	}
	return same
}

// makePlan orders the uploads and deletes. base is the site's base URL
// without its final slash.
func makePlan(files []file, remote map[string]remoteObject, c *comparison, base string) *Plan {
	p := &Plan{Files: len(files)}
	local := make(map[string]bool, len(files))
	for i, f := range files {
		local[f.Path] = true
		var reason string
		switch c.verdicts[i] {
		case same:
			p.Unchanged++
			continue
		case isNew:
			reason = "new"
		case changed, unsure:
			reason = "changed"
		case headersOnly:
			reason = "headers"
		}
		p.Uploads = append(p.Uploads, Transfer{Path: f.Path, Size: f.Size, Reason: reason, Phase: phases[phaseOf(f.Path)], file: i})
		p.Bytes += f.Size
	}
	slices.SortStableFunc(p.Uploads, func(a, b Transfer) int { return uploadOrder(a.Path, b.Path) })

	for k, o := range remote {
		if !local[k] && k != recordName && !strings.HasSuffix(k, "/") {
			p.Deletes = append(p.Deletes, Transfer{Path: k, Size: o.Size, Phase: "deletes"})
		}
	}
	slices.SortFunc(p.Deletes, func(a, b Transfer) int { return deleteOrder(a.Path, b.Path) })

	for _, u := range p.Uploads {
		if u.Reason == "new" && phaseOf(u.Path) == phaseAssets {
			continue
		}
		p.Purge = append(p.Purge, base+hosting.URLOf(u.Path))
	}
	for _, d := range p.Deletes {
		p.Purge = append(p.Purge, base+hosting.URLOf(d.Path))
	}
	return p
}

var sitemapRE = regexp.MustCompile(`^sitemap(-[0-9]+)?\.xml$`)

// phaseOf is the phase in which a path is uploaded.
func phaseOf(p string) int {
	switch {
	case strings.HasPrefix("/"+p, hosting.AssetsDir):
		return phaseAssets
	case p == "robots.txt" || sitemapRE.MatchString(p):
		return phaseSitemap
	case output.KindOf(p).Family == output.Page:
		return phasePages
	}
	return phaseFiles
}

// fileRank orders the files of the "files" phase: feeds, then data, then
// calendars, then the rest.
func fileRank(p string) int {
	switch output.KindOf(p).Family {
	case output.Feed:
		return 0
	case output.Data:
		return 1
	case output.Calendar:
		return 2
	}
	return 3
}

func depth(p string) int { return strings.Count(p, "/") }

// uploadOrder: by phase; feeds before data before calendars; deeper pages
// before the pages that list them; then by path.
func uploadOrder(a, b string) int {
	if c := cmp.Compare(phaseOf(a), phaseOf(b)); c != 0 {
		return c
	}
	switch phaseOf(a) {
	case phaseFiles:
		if c := cmp.Compare(fileRank(a), fileRank(b)); c != 0 {
			return c
		}
	case phasePages:
		if c := cmp.Compare(depth(b), depth(a)); c != 0 {
			return c
		}
	}
	return strings.Compare(a, b)
}

// deleteRank: pages first, then other files, assets last, so that a page
// is never left without a file it uses.
func deleteRank(p string) int {
	switch phaseOf(p) {
	case phasePages:
		return 0
	case phaseAssets:
		return 2
	}
	return 1
}

func deleteOrder(a, b string) int {
	if c := cmp.Compare(deleteRank(a), deleteRank(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
