// Package arch holds no code: its test checks that imports between the
// packages of relais point one way, toward the leaves, as
// docs/architecture.md says:
//
//	cli -> {serve, deploy} -> build -> {render, publish, asset} -> site -> domains -> vocab -> diag
package arch
