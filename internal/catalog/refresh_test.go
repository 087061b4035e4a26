package catalog

import (
	"strings"
	"testing"
)

func TestProgrammeRefreshSaysToCheck(t *testing.T) {
	t.Parallel()
	if !strings.Contains(programmeRefresh, "toutes les 12 heures") || !strings.Contains(programmeRefresh, "vérifiez son horaire") {
		t.Errorf("programme note %q does not say the 12 hours, nor to check the time of a broadcast", programmeRefresh)
	}
}
