package view

// LeftOut is a document that a build did not publish, or that it took out
// of the lists: nothing leaves the site silently. relais check and relais
// build print these as notes, in French, not as errors.
type LeftOut struct {
	Path  string `json:"path"` // the content file
	Title string `json:"title"`
	// Why is the French reason, with the date the document appears or
	// went away: "brouillon", "publication prévue le 30 mars 2020 à 10h",
	// "expirée le 20 mars 2020".
	Why string `json:"why"`
	// Then says what follows, in French: when or how it will be seen, or
	// where it still is.
	Then string `json:"then"`
}

// CSV is a table: a header row, then the data rows. render writes it
// (render/csv.go).
type CSV [][]string
