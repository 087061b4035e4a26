package render

import (
	"fmt"
	"path"
	"strings"

	"github.com/relais-ecoles/relais/internal/errorpage"
	"github.com/relais-ecoles/relais/internal/site"
)

// ErrorPages renders the "ENT saturé" pages of the site (site.ENTPages,
// internal/errorpage): each académie's and each collectivité's, and the
// pages ENT login pages frame (encart/<a>/<niveau>/), from the bytes of
// the creneaux.json and bandeau.json of the académies they cover among
// outs, as published: a page says what the data files say.
func ErrorPages(s *site.Site, outs []Output) ([]Output, error) {
	byAcademy := map[string]*errorpage.Source{}
	for _, o := range outs {
		dir, file := path.Split(o.Path)
		ac, ok := strings.CutPrefix(dir, strings.TrimPrefix(site.AcademiesURL, "/"))
		if !ok || strings.Count(ac, "/") != 1 || (file != "creneaux.json" && file != "bandeau.json") {
			continue
		}
		ac = strings.TrimSuffix(ac, "/")
		src := byAcademy[ac]
		if src == nil {
			src = &errorpage.Source{}
			byAcademy[ac] = src
		}
		if file == "creneaux.json" {
			src.Creneaux = o.Data
		} else {
			src.Bandeau = o.Data
		}
	}
	ws := errorpage.Site{Official: s.Config.Official, Publisher: s.Config.Publisher}
	var out []Output
	for _, p := range s.ENTPages {
		var srcs []errorpage.Source
		for _, ac := range p.Academies {
			if src := byAcademy[ac]; src != nil && src.Creneaux != nil && src.Bandeau != nil {
				srcs = append(srcs, *src)
			}
		}
		if len(srcs) == 0 {
			continue
		}
		v, err := errorpage.Make(p.Scope, srcs, s.Now, ws)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p.URL, err)
		}
		data, err := errorpage.Page(v)
		if err != nil {
			return nil, err
		}
		out = append(out, Output{Path: strings.TrimPrefix(p.URL, "/"), Data: data})
		if p.Academy == "" {
			continue
		}
		order, embeds := v.Embeds()
		for _, level := range order {
			data, err := errorpage.EmbedPage(embeds[level])
			if err != nil {
				return nil, err
			}
			out = append(out, Output{Path: strings.TrimPrefix(errorpage.EmbedDir, "/") + p.Academy + "/" + level + "/index.html", Data: data})
		}
	}
	return out, nil
}
