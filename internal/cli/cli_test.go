package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		code      int
		out, errs string
	}{
		{nil, ExitUsage, "", "Usage:"},
		{[]string{"--help"}, ExitOK, "Commands:", ""},
		{[]string{"help", "build"}, ExitOK, "Usage: relais build", ""},
		{[]string{"build", "--help"}, ExitOK, "-dest folder", ""},
		{[]string{"version"}, ExitOK, "relais " + Version, ""},
		{[]string{"buidl"}, ExitUsage, "", `unknown command "buidl" (did you mean "build"?)`},
		{[]string{"build", "--nope"}, ExitUsage, "", "flag provided but not defined: -nope"},
		{[]string{"build", "extra"}, ExitUsage, "", `unexpected argument "extra"`},
		{[]string{"build", "--now", "hier"}, ExitUsage, "", `--now "hier" is not an RFC 3339 time`},
		{[]string{"check", "--source", "/nonexistent"}, ExitUsage, "", "--source /nonexistent is not a folder"},
	} {
		code, out, errs := run(tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.errs) {
			t.Errorf("relais %v: exit %d, stdout %q, stderr %q; want exit %d, %q, %q", tc.args, code, out, errs, tc.code, tc.out, tc.errs)
		}
	}
}

func TestCheckNeedsContent(t *testing.T) {
	code, _, errs := run("check", "--source", t.TempDir())
	if code != ExitUsage || !strings.Contains(errs, "has no content/ folder") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
