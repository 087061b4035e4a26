// Package citemplate holds the continuous-integration files relais writes
// for a site's repository (`relais init ci gitlab|github`): a pipeline that
// runs `relais check` on every merge or pull request, builds and deploys
// the main branch, and rebuilds on a schedule once the moment the last
// build wrote (pipeline.NextChangePath, read by `relais due`) has come.
//
// The templates are plain YAML files embedded from templates/; a test
// parses them and checks each job and step is there.
package citemplate

import (
	"embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed templates/*.yml
var templates embed.FS

// Host is a kind of forge a pipeline is written for.
type Host struct {
	Name     string // "gitlab", "github"
	Path     string // where the file goes in the repository
	template string
}

// Hosts are the forges relais writes a pipeline for.
var Hosts = []Host{
	{Name: "gitlab", Path: ".gitlab-ci.yml", template: "templates/gitlab-ci.yml"},
	{Name: "github", Path: ".github/workflows/relais.yml", template: "templates/github-actions.yml"},
}

// Names are the names of Hosts.
func Names() []string {
	var out []string
	for _, h := range Hosts {
		out = append(out, h.Name)
	}
	return out
}

// Lookup returns the host called name.
func Lookup(name string) (Host, bool) {
	i := slices.IndexFunc(Hosts, func(h Host) bool { return h.Name == strings.ToLower(name) })
	if i < 0 {
		return Host{}, false
	}
	return Hosts[i], true
}

// File returns the pipeline file of h.
func (h Host) File() []byte {
	data, err := templates.ReadFile(h.template)
	if err != nil {
		panic(fmt.Sprintf("pipeline: template %s is not embedded: %v", h.template, err))
	}
	return data
}
