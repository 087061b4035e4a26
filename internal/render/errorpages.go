package render

import (
	"fmt"
	"path"
	"strings"

	"github.com/relais-ecoles/relais/internal/errorpage"
	"github.com/relais-ecoles/relais/internal/site"
)

// ErrorPages renders the "ENT saturé" page of every académie
// (academies/<a>/ent-sature.html, internal/errorpage) and the pages ENT
// login pages frame (encart/<a>/<niveau>/), from the bytes of its
// creneaux.json and bandeau.json among outs, as published: the page says
// what the data files say.
func ErrorPages(s *site.Site, outs []Output) ([]Output, error) {
	type pair struct{ slots, banner []byte }
	byAcademy := map[string]*pair{}
	var order []string
	for _, o := range outs {
		dir, file := path.Split(o.Path)
		ac, ok := strings.CutPrefix(dir, strings.TrimPrefix(site.AcademiesURL, "/"))
		if !ok || strings.Count(ac, "/") != 1 || (file != "creneaux.json" && file != "bandeau.json") {
			continue
		}
		p := byAcademy[ac]
		if p == nil {
			p = &pair{}
			byAcademy[ac] = p
			order = append(order, ac)
		}
		if file == "creneaux.json" {
			p.slots = o.Data
		} else {
			p.banner = o.Data
		}
	}
	var out []Output
	for _, ac := range order {
		p := byAcademy[ac]
		if p.slots == nil || p.banner == nil {
			continue
		}
		v, err := errorpage.Make(p.slots, p.banner, s.Now, errorpage.Site{Official: s.Config.Official, Publisher: s.Config.Publisher})
		if err != nil {
			return nil, fmt.Errorf("%s%s: %v", ac, errorpage.FileName, err)
		}
		data, err := errorpage.Page(v)
		if err != nil {
			return nil, err
		}
		out = append(out, Output{Path: strings.TrimPrefix(site.AcademiesURL, "/") + ac + errorpage.FileName, Data: data})
		order, embeds := v.Embeds()
		for _, level := range order {
			data, err := errorpage.EmbedPage(embeds[level])
			if err != nil {
				return nil, err
			}
			out = append(out, Output{Path: strings.TrimPrefix(errorpage.EmbedDir, "/") + ac + level + "/index.html", Data: data})
		}
	}
	return out, nil
}
