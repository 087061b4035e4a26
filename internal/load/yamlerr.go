package load

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
)

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlError turns a YAML syntax error into a positioned error with a plain
// explanation of the usual causes.
func yamlError(p string, err error) *diag.Error {
	msg := err.Error()
	line := 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	hint := ""
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		hint = ": a value contains \": \"; put it between quotes"
	case strings.Contains(msg, "found character that cannot start any token"):
		hint = ": YAML does not allow tabs for indentation; use spaces"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-' indicator"):
		hint = ": check the indentation of this line and the one before"
	case strings.Contains(msg, "could not find expected ':'"):
		hint = ": a field is written \"name: value\""
	case strings.Contains(msg, "found unexpected end of stream"), strings.Contains(msg, "found unexpected end"):
		hint = ": a quote or bracket is not closed"
	}
	return diag.Errorf(diag.Pos{File: p, Line: line, Col: 1}, "invalid YAML: %s%s", msg, hint)
}
