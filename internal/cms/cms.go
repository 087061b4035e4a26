// Package cms makes the configuration of the web form editors publish with:
// Decap CMS (npm decap-cms), a git-based CMS that runs in the browser and
// needs no server of ours. The configuration is generated from the content
// model, never written by hand, so that the form cannot drift from what the
// build accepts:
//
//   - one folder collection of directives per issuer folder (the ministry,
//     each région académique, each académie), each with the directive's
//     fields; an académie's deployment limits the form to its own folders
//     with Options.Only;
//   - one file collection of timetables per académie (timetables.yaml as a
//     structured list of timetables, each with its list of slots);
//   - the programmes of the catalog (every field of catalog.ProgrammeKeys,
//     in its order), the guides and the pages;
//   - French labels and hints; date and time widgets written in the forms
//     the decoders read (YYYY-MM-DD, YYYY-MM-DD HH:mm, HH:mm); select lists
//     filled from the vocabularies (levels, groups and cycles, audiences,
//     kinds of school, weekdays, broadcasters, media, subjects), so that an
//     unknown value cannot be entered;
//   - the editorial workflow (brouillon → en relecture → prêt) switched on;
//   - previews styled by the site's own stylesheet (Admin writes the page
//     that loads the CMS and registers it).
//
// TestFieldsAreDecoded writes a document with every field of every
// collection and decodes it with the real decoders: a field the form offers
// that the build refuses fails it, and so does a directive, guide or page
// field the build accepts that the form does not offer.
package cms

import (
	"bytes"
	"fmt"
	"path"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Local is the backend name of the local mode: decap-server on loopback
// writes the files into the site's folder (relais cms --local).
const Local = "local"

// Backend says where the CMS reads and writes the site's repository.
type Backend struct {
	Name      string // "gitlab", "gitea", "forgejo", "github"
	Repo      string // "academie-paris/relais"
	Branch    string // "main"
	BaseURL   string // a self-hosted forge: https://gitlab.ac-paris.fr
	AppID     string // the OAuth application id (GitLab PKCE, Gitea)
	AuthType  string // "pkce" for GitLab (Gitea and Forgejo use PKCE always)
	APIRoot   string // the forge's API, for a self-hosted forge
	LocalPort int    // the port of decap-server on loopback (0: 8081)
}

// Options are what the configuration is made for.
type Options struct {
	Backend Backend
	// SiteURL is the address of the published site, for the links from a
	// saved entry to its page.
	SiteURL string
	// Only limits the form to these issuer folders ("academies/paris",
	// "regions/ile-de-france", "national"); empty means every issuer and
	// the site-wide collections (programmes, guides, pages).
	Only []string
}

// Model is the content model the form is made from.
type Model struct {
	Territory  *territory.Territory
	Vocabulary *catalog.Vocabulary // nil when the site has no catalog
}

// node is a YAML mapping with its keys in order.
type node []kv

type kv struct {
	k string
	v any
}

func (n node) MarshalYAML() (any, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range n {
		var v yaml.Node
		if err := v.Encode(e.v); err != nil {
			return nil, err
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: e.k}, &v)
	}
	return m, nil
}

// Config returns the configuration of Decap CMS (admin/config.yml).
func Config(m Model, opts Options) ([]byte, error) {
	b := opts.Backend
	backend := node{{"name", b.Name}}
	for _, e := range []kv{{"repo", b.Repo}, {"branch", b.Branch}, {"base_url", b.BaseURL}, {"api_root", b.APIRoot}, {"auth_type", b.AuthType}, {"app_id", b.AppID}} {
		if e.v.(string) != "" {
			backend = append(backend, e)
		}
	}
	backend = append(backend, kv{"squash_merges", true},
		kv{"commit_messages", node{
			{"create", "Nouveau : {{collection}} « {{slug}} »"},
			{"update", "Modification : {{collection}} « {{slug}} »"},
			{"delete", "Suppression : {{collection}} « {{slug}} »"},
			{"uploadMedia", "Nouveau fichier « {{path}} »"},
			{"deleteMedia", "Suppression du fichier « {{path}} »"},
		}})
	port := b.LocalPort
	if port == 0 {
		port = 8081
	}
	local := fmt.Sprintf("http://127.0.0.1:%d/api/v1", port)
	cfg := node{
		{"backend", backend},
		{"local_backend", node{{"url", local}, {"allowed_hosts", []string{"127.0.0.1", "localhost"}}}},
		{"publish_mode", "editorial_workflow"},
	}
	if b.Name == Local {
		// decap-server writing into the site's folder (MODE=fs): no
		// branches, so no editorial workflow; a save writes the file.
		cfg = node{{"backend", node{{"name", "proxy"}, {"proxy_url", local}}}}
	}
	cfg = append(cfg, node{
		{"locale", "fr"},
		{"media_folder", "assets/images"},
		{"public_folder", "/assets/images"},
		// File names are slugs: lowercase ASCII letters, digits and dashes
		// (réouverture → reouverture), as the build requires.
		{"slug", node{{"encoding", "ascii"}, {"clean_accents", true}, {"sanitize_replacement", "-"}}},
	}...)
	if opts.SiteURL != "" {
		cfg = append(cfg, kv{"site_url", opts.SiteURL}, kv{"display_url", opts.SiteURL})
	}
	cfg = append(cfg, kv{"collections", collections(m, opts)})
	var buf bytes.Buffer
	buf.WriteString("# Decap CMS configuration, generated by relais from the content model\n# (relais cms): do not edit, generate it again.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		return nil, err
	}
	return buf.Bytes(), enc.Close()
}

// wanted reports whether the issuer folder dir is in the form.
func wanted(opts Options, dir string) bool {
	if len(opts.Only) == 0 {
		return true
	}
	for _, o := range opts.Only {
		if o == dir {
			return true
		}
	}
	return false
}

func collections(m Model, opts Options) []node {
	var out []node
	if wanted(opts, "national") {
		out = append(out, directives("directives-national", "Directives du ministère", territory.National()))
	}
	if m.Territory != nil {
		for _, r := range m.Territory.Regions {
			if wanted(opts, "regions/"+r.Slug) {
				out = append(out, directives("directives-region-"+r.Slug, "Directives — "+r.Label(), territory.RegionIssuer(r.Slug)))
			}
		}
		for _, a := range m.Territory.Academies {
			if wanted(opts, "academies/"+a.Slug) {
				out = append(out, directives("directives-academie-"+a.Slug, "Directives — académie "+elide(a.Name), territory.AcademyIssuer(a.Slug)))
			}
		}
		for _, a := range m.Territory.Academies {
			if wanted(opts, "academies/"+a.Slug) {
				out = append(out, timetables(a))
			}
		}
	}
	if len(opts.Only) == 0 {
		if m.Vocabulary != nil {
			out = append(out, programmes(m.Vocabulary))
		}
		out = append(out, guides(), pages())
	}
	return out
}

// elide writes "de Paris", "d'Aix-Marseille".
func elide(name string) string {
	if name == "" {
		return name
	}
	switch name[0] {
	case 'A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u':
		return "d'" + name
	}
	if len(name) >= 2 && (name[:2] == "\xc3\x89" || name[:2] == "\xc3\x8e") { // É, Î
		return "d'" + name
	}
	return "de " + name
}

// field makes one field of a form.
func field(name, label, widget string, required bool, hint string, more ...kv) node {
	n := node{{"name", name}, {"label", label}, {"widget", widget}}
	if !required {
		n = append(n, kv{"required", false})
	}
	if hint != "" {
		n = append(n, kv{"hint", hint})
	}
	return append(n, more...)
}

// options makes the options of a select list.
func options[T any](xs []T, label, value func(T) string) []node {
	out := make([]node, len(xs))
	for i, x := range xs {
		out[i] = node{{"label", label(x)}, {"value", value(x)}}
	}
	return out
}

func dateField(name, label string, required bool, hint string) node {
	return field(name, label, "datetime", required, hint, kv{"format", "YYYY-MM-DD"}, kv{"date_format", "DD/MM/YYYY"}, kv{"time_format", false}, kv{"picker_utc", true})
}

func dateTimeField(name, label string, required bool, hint string) node {
	return field(name, label, "datetime", required, hint, kv{"format", "YYYY-MM-DD HH:mm"}, kv{"date_format", "DD/MM/YYYY"}, kv{"time_format", "HH:mm"}, kv{"picker_utc", true})
}

func timeField(name, label, hint string) node {
	return field(name, label, "datetime", true, hint, kv{"format", "HH:mm"}, kv{"date_format", false}, kv{"time_format", "HH:mm"}, kv{"picker_utc", true})
}

func optionalTimeField(name, label, hint string) node {
	return field(name, label, "datetime", false, hint, kv{"format", "HH:mm"}, kv{"date_format", false}, kv{"time_format", "HH:mm"}, kv{"picker_utc", true})
}

// levelOptions are the words of a directive's levels: each level, then
// the stages of schooling and the cycles, which stand for their levels.
func levelOptions() []node {
	out := options(vocab.Levels(), func(l vocab.Level) string { return l.Label }, func(l vocab.Level) string { return l.Slug })
	for _, g := range vocab.Groups() {
		out = append(out, node{{"label", "tout le " + g.Label + " (" + g.Slug + ")"}, {"value", g.Slug}})
	}
	for _, c := range vocab.Cycles() {
		if _, isGroup := vocab.GroupOf(c.Slug); !isGroup {
			out = append(out, node{{"label", c.Label}, {"value", c.Slug}})
		}
	}
	return out
}

func audienceOptions() []node {
	return options(vocab.Audiences(), func(a vocab.Audience) string {
		if a.Label == a.Slug {
			return a.Label
		}
		return a.Label + " (" + a.Slug + ")"
	}, func(a vocab.Audience) string { return a.Slug })
}

// DirectiveFields are the directive's fields the form offers, in order.
func directiveFields() []node {
	return []node{
		field("title", "Titre", "string", true, "Une phrase courte qui dit la décision, comme « Plages horaires des collèges »."),
		dateTimeField("date", "Date de publication", true, "Jour et heure (heure de l'émetteur). Une date à venir : la directive paraît à ce moment-là."),
		field("audiences", "Pour qui", "select", true, "Au moins un public.", kv{"multiple", true}, kv{"min", 1}, kv{"options", audienceOptions()}),
		field("levels", "Niveaux concernés", "select", false, "Laissez vide si la directive concerne tous les niveaux.", kv{"multiple", true}, kv{"options", levelOptions()}),
		field("summary", "Résumé", "text", false, "Une ou deux phrases, reprises dans les listes et les flux."),
		dateField("effective", "En vigueur à partir du", false, "Le premier jour où la décision s'applique."),
		dateField("expires", "Fin", false, "Le dernier jour où elle s'applique : elle quitte alors les listes et reste dans les archives. Obligatoire pour une directive urgente."),
		field("urgent", "Urgente", "boolean", false, "Un bandeau sur les pages de l'émetteur jusqu'à la fin (remplissez « Fin »).", kv{"default", false}),
		dateTimeField("updated", "Mise à jour le", false, "Quand vous corrigez une directive déjà publiée."),
		field("author", "Qui a rédigé ce texte", "select", false, "« site » : le site l'a rédigé ; « émetteur » : il reproduit les mots de l'émetteur (donnez alors la source).",
			kv{"options", []node{{{"label", "le site (site)"}, {"value", "site"}}, {{"label", "l'émetteur (emetteur)"}, {"value", "emetteur"}}}}),
		field("source", "Source", "object", false, "D'où vient l'information.", kv{"collapsed", true}, kv{"fields", []node{
			// Not required by the form: Decap would then require it of
			// every directive, the source being optional; the build says
			// when a source lacks it.
			field("said_by", "Dit par", "string", false, "Obligatoire si vous donnez une source : qui l'a dit ou publié, comme « ministère de l'Éducation nationale »."),
			dateField("on", "Le", false, "Le jour où cela a été dit, avant la date de la directive."),
			field("where", "Où", "string", false, "Un communiqué, une conférence de presse…"),
			field("quote", "Citation", "text", false, "Une courte citation exacte."),
			field("url", "Adresse", "string", false, "Une adresse complète, https://…", kv{"pattern", []string{"^https?://", "Une adresse complète, qui commence par https://"}}),
			field("via", "Rapporté par", "string", false, ""),
		}}),
		field("aliases", "Anciennes adresses", "list", false, "Les adresses que cette directive avait avant d'être renommée, comme /directives/ancien-nom/."),
		field("timetables", "Grilles de créneaux fixées", "list", false, "Si la directive fixe des horaires de connexion : le titre exact de chaque grille de créneaux qu'elle fixe (la grille cite la directive dans sa source). Laissez vide sinon."),
		field("draft", "Brouillon", "boolean", false, "Une directive en brouillon n'est pas publiée.", kv{"default", false}),
		field("body", "Texte", "markdown", true, "", kv{"buttons", []string{"bold", "italic", "link", "heading-two", "heading-three", "bulleted-list", "numbered-list", "quote"}}, kv{"editor_components", []string{}}),
	}
}

func directives(name, label string, iss territory.Issuer) node {
	return node{
		{"name", name},
		{"label", label},
		{"label_singular", "Directive"},
		{"folder", "content/" + iss.Dir() + "/directives"},
		{"create", true},
		{"extension", "md"},
		{"format", "frontmatter"},
		{"slug", "{{year}}-{{month}}-{{day}}-{{slug}}"},
		{"preview_path", site.DirectiveURL(iss, "{{slug}}")[1:]},
		{"summary", "{{title}} ({{date}})"},
		{"sortable_fields", []string{"date", "title"}},
		{"fields", directiveFields()},
	}
}

func timetables(a *territory.Academy) node {
	kinds := options(vocab.Kinds(), func(k vocab.Kind) string { return k.Plural + " (" + k.Slug + ")" }, func(k vocab.Kind) string { return k.Slug })
	days := options(vocab.Weekdays(), func(d vocab.Weekday) string { return d.Label }, func(d vocab.Weekday) string { return d.Slug })
	who := append(levelOptions(), audienceOptions()...)
	tones := []node{
		{{"label", "conseil : la source conseille (« privilégier », « de préférence »)"}, {"value", "conseil"}},
		{{"label", "demande : la source demande (« nous vous demandons de respecter »)"}, {"value", "demande"}},
		{{"label", "règle : l'ENT l'impose"}, {"value", "regle"}},
	}
	outsides := []node{
		{{"label", "libre"}, {"value", "libre"}},
		{{"label", "à éviter"}, {"value", "a-eviter"}},
		{{"label", "suspendu"}, {"value", "suspendu"}},
	}
	slot := []node{
		field("who", "Pour qui", "select", true, "Des niveaux ou des publics.", kv{"multiple", true}, kv{"min", 1}, kv{"options", who}),
		optionalTimeField("from", "De", "L'heure de début, HH:MM. Laissez vide si la source ne donne qu'une fin (« avant 8h30 »)."),
		optionalTimeField("to", "À", "L'heure de fin, HH:MM (24:00 : jusqu'à minuit). Laissez vide si la source ne donne pas de fin (« à partir de 20h »)."),
		field("access", "Accès libre", "select", false, "« libre » : une plage d'accès libre, pas une plage réservée.", kv{"options", []node{{{"label", "libre"}, {"value", "libre"}}}}),
		field("reason", "Pour quoi", "string", false, "Quand la source précise un motif, comme « pour d'autres raisons que le suivi scolaire »."),
		field("tone", "Ton de ce créneau", "select", false, "Seulement s'il diffère de celui de la grille.", kv{"options", tones}),
		field("said_by", "Dit par", "string", false, "Seulement si ce créneau vient d'une autre source que la grille."),
	}
	var outsideFields []node
	for _, a := range vocab.Audiences() {
		outsideFields = append(outsideFields, field(a.Slug, a.Label, "select", false, "", kv{"options", outsides}))
	}
	timetable := []node{
		field("title", "Titre", "string", true, "Comme « Collèges de l'académie »."),
		field("applies_to", "Établissements", "select", true, "", kv{"multiple", true}, kv{"min", 1}, kv{"options", kinds}),
		dateField("effective", "En vigueur à partir du", true, "Le jour que donne la source ; sinon le jour de sa publication (dites-le dans « D'où vient cette date »)."),
		field("effective_basis", "D'où vient cette date", "select", false, "Laissez vide si la source donne la date de début.", kv{"options", []node{
			{{"label", "la source la donne (stated)"}, {"value", "stated"}},
			{{"label", "c'est le jour de publication (published)"}, {"value", "published"}},
			{{"label", "c'est le jour où un article la dit en vigueur (reported)"}, {"value", "reported"}},
		}}),
		dateField("until", "Jusqu'au", false, "Le dernier jour, si la source le donne ; vide : jusqu'à nouvel ordre."),
		field("days", "Jours", "select", false, "Laissez vide si la source ne nomme pas de jours : la page dira qu'ils ne sont pas précisés.", kv{"multiple", true}, kv{"options", days}),
		field("tone", "Ton", "select", true, "Ce que dit la source : un conseil, une demande ou une règle.", kv{"options", tones}),
		field("source", "Source", "object", true, "Qui l'a dit, quand, en quels mots.", kv{"fields", []node{
			field("said_by", "Dit par", "string", true, "Le nom exact de l'émetteur, comme « Région Nouvelle-Aquitaine, plateforme Lycée Connecté »."),
			dateField("on", "Le", false, "Le jour où la source l'a publié."),
			field("quote", "Citation", "text", false, "Les mots exacts de la source."),
			field("url", "Adresse", "string", false, "Une adresse complète, https://…, seulement si la source en donne une.", kv{"pattern", []string{"^https?://", "Une adresse complète, qui commence par https://"}}),
			field("directive", "Directive qui l'annonce", "string", false, "Le chemin de la directive, comme directives/2020-03-19-plages-horaires-colleges."),
		}}),
		field("issuer_stated", "L'émetteur est nommé par la source", "boolean", false, "Décochez si la source ne dit pas quel organisme a décidé.", kv{"default", true}),
		field("slots", "Créneaux", "list", true, "", kv{"summary", "{{fields.from}}–{{fields.to}}"}, kv{"fields", slot}),
		field("outside", "Hors des créneaux", "object", false, "Ce que dit la source pour chaque public en dehors de ses créneaux ; vide : elle ne dit rien.", kv{"collapsed", true}, kv{"fields", outsideFields}),
		field("note", "Note", "text", false, ""),
	}
	return node{
		{"name", "creneaux-" + a.Slug},
		{"label", "Créneaux — académie " + elide(a.Name)},
		{"files", []node{{
			{"name", "timetables"},
			{"label", "Créneaux de connexion de l'académie " + elide(a.Name)},
			{"file", path.Join("content/academies", a.Slug, "timetables.yaml")},
			{"format", "yaml"},
			{"fields", []node{field("timetables", "Emplois du temps", "list", true, "", kv{"summary", "{{fields.title}}"}, kv{"fields", timetable})}},
		}}},
	}
}

func terms(ts []catalog.Term) []node {
	return options(ts, func(t catalog.Term) string { return t.Label + " (" + t.Slug + ")" }, func(t catalog.Term) string { return t.Slug })
}

func programmes(v *catalog.Vocabulary) node {
	days := options(vocab.Weekdays(), func(d vocab.Weekday) string { return d.Label }, func(d vocab.Weekday) string { return d.Slug })
	slot := []node{
		field("days", "Jours", "select", false, "", kv{"multiple", true}, kv{"options", days}),
		timeField("from", "De", ""),
		timeField("to", "À", ""),
		field("who", "Pour qui", "select", false, "", kv{"multiple", true}, kv{"options", append(levelOptions(), audienceOptions()...)}),
	}
	return node{
		{"name", "programmes"},
		{"label", "Programmes (Nation apprenante)"},
		{"label_singular", "Programme"},
		{"folder", "content/programmes"},
		{"create", true},
		{"extension", "md"},
		{"format", "frontmatter"},
		{"slug", "{{slug}}"},
		{"preview_path", site.ProgrammeURL("{{slug}}")[1:]},
		{"fields", programmeFields(v, slot)},
	}
}

// programmeFields are the programme's fields in the order of
// catalog.ProgrammeKeys, then the text: the form offers every field the
// decoder reads, and TestFieldsAreDecoded holds the two lists equal.
func programmeFields(v *catalog.Vocabulary, slot []node) []node {
	cycles := options(vocab.Cycles(), func(c vocab.Cycle) string { return c.Label }, func(c vocab.Cycle) string { return c.Slug })
	levels := options(vocab.Levels(), func(l vocab.Level) string { return l.Label }, func(l vocab.Level) string { return l.Slug })
	statuses := []node{
		{{"label", "label : une source dit qu'il porte le label"}, {"value", catalog.StatusLabel}},
		{{"label", "opération : une source le place dans l'opération"}, {"value", catalog.StatusOperation}},
		{{"label", "grille : dans la grille de France 4, label non précisé"}, {"value", catalog.StatusGrid}},
	}
	byKey := map[string]node{
		"title":          field("title", "Titre", "string", true, ""),
		"broadcaster":    field("broadcaster", "Diffuseur", "select", true, "", kv{"options", terms(v.Broadcasters)}),
		"channel":        field("channel", "Chaîne ou station", "string", false, ""),
		"media":          field("media", "Médias", "select", true, "", kv{"multiple", true}, kv{"min", 1}, kv{"options", terms(v.Media)}),
		"levels_stated":  field("levels_stated", "Public selon les sources", "string", false, "Le public dans les mots des sources, comme « les 8-12 ans » ; vide si elles n'en disent rien (la page dira « non précisé »)."),
		"levels":         field("levels", "Niveaux", "select", false, "Les niveaux que les sources nomment, pour les listes par niveau ; vide si elles n'en disent rien.", kv{"multiple", true}, kv{"options", levels}),
		"cycles":         field("cycles", "Cycles", "select", false, "", kv{"multiple", true}, kv{"options", cycles}),
		"subjects":       field("subjects", "Disciplines", "select", false, "", kv{"multiple", true}, kv{"options", terms(v.Subjects)}),
		"schedule":       field("schedule", "Horaires de diffusion", "list", false, "Les créneaux de chaque semaine, s'ils sont fixes.", kv{"fields", slot}),
		"schedule_start": dateField("schedule_start", "Diffusé à partir du", false, "Seulement avec des horaires."),
		"schedule_end":   dateField("schedule_end", "Jusqu'au", false, "Seulement avec des horaires."),
		"timezone":       field("timezone", "Fuseau horaire", "string", false, "Laissez vide pour Europe/Paris."),
		"url":            field("url", "Adresse", "string", false, "", kv{"pattern", []string{"^https?://", "Une adresse complète, qui commence par https://"}}),
		"when":           field("when", "Quand (en mots)", "string", false, "L'horaire tel que les sources le disent quand il n'y a pas de créneau fixe, comme « le mardi soir »."),
		"status":         field("status", "Place dans « Nation apprenante »", "select", false, "Ce que disent les sources ; vide si elles n'en disent rien.", kv{"options", statuses}),
		"labelled":       dateField("labelled", "Labellisé le", false, "Seulement si une source donne cette date comme celle du label."),
		"reported":       dateField("reported", "Signalé le", false, "La date de la plus ancienne source datée qui cite le programme."),
		"notes":          field("notes", "À noter", "list", false, "Dit en évidence sur la page : où les sources divergent, ce qu'elles laissent ouvert.", kv{"field", field("note", "Note", "string", true, "")}),
		"sources":        field("sources", "Sources", "list", false, "D'où viennent les faits, comme « siecledigital.fr, 20 mars 2020 ».", kv{"field", field("source", "Source", "string", true, "")}),
		"free":           field("free", "Gratuit", "boolean", false, "Seulement si les sources le disent.", kv{"default", false}),
		"summary":        field("summary", "Résumé", "text", false, "Une phrase, reprise dans les listes et les flux."),
		"aliases":        field("aliases", "Anciennes adresses", "list", false, "Les adresses que ce programme avait avant d'être renommé, comme /programmes/ancien-nom/."),
	}
	var out []node
	for _, k := range catalog.ProgrammeKeys() {
		f, ok := byKey[k]
		if !ok {
			// A new field of the model gets a plain text box until it is
			// given its own widget here; TestFieldsAreDecoded decodes it.
			f = field(k, k, "string", false, "")
		}
		out = append(out, f)
	}
	return append(out, field("body", "Texte", "markdown", false, ""))
}

func guides() node {
	return node{
		{"name", "guides"},
		{"label", "Guides (bonnes pratiques)"},
		{"label_singular", "Guide"},
		{"folder", "content/guides"},
		{"create", true},
		{"extension", "md"},
		{"format", "frontmatter"},
		{"slug", "{{slug}}"},
		{"preview_path", site.GuideURL("{{slug}}")[1:]},
		{"fields", []node{
			field("title", "Titre", "string", true, ""),
			field("summary", "Résumé", "text", false, ""),
			field("audiences", "Pour qui", "select", false, "Laissez vide : pour tout le monde.", kv{"multiple", true}, kv{"options", audienceOptions()}),
			field("weight", "Ordre", "number", false, "Les plus petits nombres d'abord.", kv{"value_type", "int"}),
			field("draft", "Brouillon", "boolean", false, "", kv{"default", false}),
			field("body", "Texte", "markdown", true, ""),
		}},
	}
}

func pages() node {
	return node{
		{"name", "pages"},
		{"label", "Pages (à propos, mentions légales…)"},
		{"label_singular", "Page"},
		{"folder", "content/pages"},
		{"create", true},
		{"extension", "md"},
		{"format", "frontmatter"},
		{"slug", "{{slug}}"},
		{"preview_path", site.PageURL("{{slug}}")[1:]},
		{"fields", []node{
			field("title", "Titre", "string", true, ""),
			field("summary", "Résumé", "text", false, ""),
			field("weight", "Ordre", "number", false, "", kv{"value_type", "int"}),
			field("footer", "Lien en pied de page", "boolean", false, "", kv{"default", false}),
			field("body", "Texte", "markdown", true, ""),
		}},
	}
}
