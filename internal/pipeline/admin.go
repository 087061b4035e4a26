package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/relais-ecoles/relais/internal/cms"
	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/render"
)

// adminOutputs are the files of the web form under config.AdminDir when
// site.yaml has a cms section (none otherwise): the page, the
// configuration generated from the content model, the preview stylesheet
// and the script of decap-cms, read from the site's folder at cms.decap
// (installed by npm from the lockfile), so that the form loads nothing
// from another site.
func adminOutputs(src fs.FS, tree *load.Tree, c *config.Config) ([]render.Output, error) {
	if c == nil || c.CMS == nil {
		return nil, nil
	}
	m, errs := cms.ModelOf(tree)
	if len(errs) > 0 {
		return nil, &ContentErrors{List: errs.Sort()}
	}
	var files []cms.File
	decap, err := fs.Sub(src, c.CMS.Decap)
	if err == nil {
		files, err = cms.Admin(m, cms.OptionsOf(c.CMS, c.BaseURL), tree, decap)
	}
	// fs.Sub fails only on a path that cannot name a folder of the site:
	// no script can be there either.
	if errors.Is(err, cms.ErrNoDecap) || errors.Is(err, fs.ErrInvalid) {
		var l diag.List
		l.Add(diag.Pos{File: config.Path}, "le formulaire de publication (section cms) a besoin du script de Decap CMS dans %s/decap-cms.js, introuvable : lancez make cms-tools (ou npm ci --prefix tools/cms), ou donnez son dossier avec « decap: »", c.CMS.Decap)
		return nil, &ContentErrors{List: l}
	}
	if err != nil {
		return nil, fmt.Errorf("le formulaire de publication : %w", err)
	}
	out := make([]render.Output, len(files))
	for i, f := range files {
		out[i] = render.Output{Path: strings.TrimPrefix(config.AdminDir, "/") + f.Path, Data: f.Data}
	}
	return out, nil
}
