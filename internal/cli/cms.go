package cli

import (
	"context"
	"fmt"
	"github.com/relais-ecoles/relais/internal/diag"
	"os"
	"path/filepath"
	"strings"

	"github.com/relais-ecoles/relais/internal/cms"
	"github.com/relais-ecoles/relais/internal/load"
)

// runCMS writes the admin folder of the web form: relais cms --out DIR.
func runCMS(_ context.Context, e *env, args []string) int {
	fs := newFlags(e, "cms", "--out DIR [flags]", "write the web form editors publish with (Decap CMS, from the content model) into a folder, to serve at /admin/ of the site; see docs/editer.md")
	source := fs.String("source", ".", "the site `folder`")
	out := fs.String("out", "", "the `folder` to write (such as public-admin/, served at /admin/)")
	decap := fs.String("decap", filepath.Join("tools", "cms", "node_modules", "decap-cms", "dist"), "the dist `folder` of the npm package decap-cms (make cms-tools installs it)")
	var o cms.Options
	fs.StringVar(&o.Backend.Name, "backend", "gitlab", "the forge: gitlab, gitea, forgejo or github")
	fs.StringVar(&o.Backend.Repo, "repo", "", "the site's repository on the forge, `owner/name`")
	fs.StringVar(&o.Backend.Branch, "branch", "main", "the `branch` the site is built from")
	fs.StringVar(&o.Backend.BaseURL, "base-url", "", "the `address` of a self-hosted forge, such as https://gitlab.ac-paris.fr")
	fs.StringVar(&o.Backend.APIRoot, "api-root", "", "the `address` of its API, such as https://gitlab.ac-paris.fr/api/v4")
	fs.StringVar(&o.Backend.AppID, "app-id", "", "the `id` of the OAuth application made on the forge (GitLab, Gitea)")
	fs.StringVar(&o.SiteURL, "site-url", "", "the `address` of the published site")
	fs.IntVar(&o.Backend.LocalPort, "local-port", 8081, "the `port` of decap-server, the local mode's backend on loopback")
	local := fs.Bool("local", false, "the local mode: the form saves into the site's folder through decap-server on loopback (--local-port), without a forge, login or editorial workflow")
	only := fs.String("only", "", "limit the form to these issuer `folders`, comma-separated, such as academies/paris (default: all, with programmes, guides and pages)")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "relais cms: --out is needed: the folder to write")
		return ExitUsage
	}
	if *local {
		o.Backend = cms.Backend{Name: cms.Local, LocalPort: o.Backend.LocalPort}
	}
	switch o.Backend.Name {
	case cms.Local:
	case "gitlab":
		o.Backend.AuthType = "pkce"
	case "gitea", "forgejo", "github":
	default:
		fmt.Fprintf(e.stderr, "relais cms: unknown --backend %q%s\n", o.Backend.Name, diag.DidYouMean(o.Backend.Name, []string{"gitlab", "github", "gitea", "forgejo"}))
		return ExitUsage
	}
	if *only != "" {
		o.Only = strings.Split(*only, ",")
	}
	tree, errs := load.Site(os.DirFS(*source))
	if len(errs) > 0 {
		return reportError(e, "cms", errs.Err(), "")
	}
	m, errs := cms.ModelOf(tree)
	if len(errs) > 0 {
		return reportError(e, "cms", errs.Err(), "")
	}
	files, err := cms.Admin(m, o, tree, os.DirFS(*decap))
	if err != nil {
		fmt.Fprintf(e.stderr, "relais cms : %v\n", err)
		return ExitFailure
	}
	for _, f := range files {
		p := filepath.Join(*out, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(e.stderr, "relais cms : %v\n", err)
			return ExitFailure
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			fmt.Fprintf(e.stderr, "relais cms : %v\n", err)
			return ExitFailure
		}
	}
	fmt.Fprintf(e.stderr, "relais cms : formulaire écrit dans %s (%d fichiers)\n", *out, len(files))
	return ExitOK
}
