package site

import (
	"strings"
	"testing"
)

func TestRefreshNoteSaysTheInterval(t *testing.T) {
	t.Parallel()
	for _, n := range []string{levelRefresh, programmeRefresh} {
		if !strings.Contains(n, "toutes les 12 heures") || !strings.Contains(n, "quelques heures") {
			t.Errorf("refresh note %q does not say the calendar's 12 hours and the applications' delay", n)
		}
	}
	if !strings.Contains(levelRefresh, "bandeaux") || !strings.Contains(levelRefresh, "flux") {
		t.Errorf("level note %q does not point to the banners and feeds", levelRefresh)
	}
}
