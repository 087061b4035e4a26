package territory

import "strings"

// IssuerKind is who publishes a timetable or a directive.
type IssuerKind string

// The issuers. The ministry, the régions académiques and the académies are
// the State; a collectivité (a Région or a Département) is a local
// authority that runs the ENT of some kinds of school. (The names carry an
// Issuer prefix so that Region and Academy can name the territory types.)
const (
	IssuerNational     IssuerKind = "national"
	IssuerRegion       IssuerKind = "region"
	IssuerAcademy      IssuerKind = "academie"
	IssuerCollectivite IssuerKind = "collectivite"
)

// Issuer names the ministry, a région académique, an académie or a
// collectivité.
type Issuer struct {
	Kind IssuerKind
	Slug string // empty for IssuerNational
}

// National is the ministry as an issuer.
func National() Issuer { return Issuer{Kind: IssuerNational} }

// RegionIssuer is the région académique slug as an issuer.
func RegionIssuer(slug string) Issuer { return Issuer{Kind: IssuerRegion, Slug: slug} }

// AcademyIssuer is the académie slug as an issuer.
func AcademyIssuer(slug string) Issuer { return Issuer{Kind: IssuerAcademy, Slug: slug} }

// CollectiviteIssuer is the collectivité slug as an issuer.
func CollectiviteIssuer(slug string) Issuer { return Issuer{Kind: IssuerCollectivite, Slug: slug} }

// Specificity orders issuers for "which timetable applies": an académie
// and a collectivité are local (2), more specific than a région académique
// (1), which is more specific than the ministry (0).
func (i Issuer) Specificity() int {
	switch i.Kind {
	case IssuerAcademy, IssuerCollectivite:
		return 2
	case IssuerRegion:
		return 1
	}
	return 0
}

// Dir is the issuer's folder under content/: "national",
// "regions/<slug>", "academies/<slug>" or "collectivites/<slug>".
func (i Issuer) Dir() string {
	switch i.Kind {
	case IssuerAcademy:
		return "academies/" + i.Slug
	case IssuerRegion:
		return "regions/" + i.Slug
	case IssuerCollectivite:
		return "collectivites/" + i.Slug
	}
	return "national"
}

func (i Issuer) String() string { return i.Dir() }

// issuerFolders are the folders of content/ that hold one issuer a
// sub-folder.
var issuerFolders = []struct {
	dir  string
	kind IssuerKind
}{{"regions/", IssuerRegion}, {"academies/", IssuerAcademy}, {"collectivites/", IssuerCollectivite}}

// IssuerOf returns the issuer whose folder holds the site file p (a path
// such as "content/academies/paris/timetables.yaml"), and the rest of the
// path inside that folder ("timetables.yaml"). ok is false when p is not
// under content/national, content/regions/<slug>, content/academies/<slug>
// or content/collectivites/<slug>. The slug is not checked against the
// territory.
func IssuerOf(p string) (iss Issuer, rest string, ok bool) {
	p, found := strings.CutPrefix(p, "content/")
	if !found {
		return Issuer{}, "", false
	}
	if r, found := strings.CutPrefix(p, "national/"); found {
		return National(), r, true
	}
	for _, k := range issuerFolders {
		if r, found := strings.CutPrefix(p, k.dir); found {
			slug, r, found := strings.Cut(r, "/")
			if !found || slug == "" {
				return Issuer{}, "", false
			}
			return Issuer{Kind: k.kind, Slug: slug}, r, true
		}
	}
	return Issuer{}, "", false
}
