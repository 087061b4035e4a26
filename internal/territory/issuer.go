package territory

// IssuerKind is who publishes a timetable or a directive.
type IssuerKind string

// The issuers, from the most general to the most specific.
const (
	National IssuerKind = "national"
	Region   IssuerKind = "region"
	Academy  IssuerKind = "academie"
)

// Issuer names the ministry, a région académique or an académie.
type Issuer struct {
	Kind IssuerKind
	Slug string // empty for National
}

// Specificity orders issuers: an académie (2) is more specific than its
// region (1), which is more specific than the ministry (0).
func (i Issuer) Specificity() int {
	switch i.Kind {
	case Academy:
		return 2
	case Region:
		return 1
	}
	return 0
}

// Dir is the issuer's folder under content/: "national",
// "regions/<slug>" or "academies/<slug>".
func (i Issuer) Dir() string {
	switch i.Kind {
	case Academy:
		return "academies/" + i.Slug
	case Region:
		return "regions/" + i.Slug
	}
	return "national"
}

func (i Issuer) String() string { return i.Dir() }
