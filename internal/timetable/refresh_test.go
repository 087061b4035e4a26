package timetable

import (
	"strings"
	"testing"
)

func TestLevelRefreshPointsToTheBannersAndFeeds(t *testing.T) {
	t.Parallel()
	if !strings.Contains(levelRefresh, "toutes les 12 heures") || !strings.Contains(levelRefresh, "bandeaux") || !strings.Contains(levelRefresh, "flux") {
		t.Errorf("level note %q does not say the 12 hours, nor point to the banners and feeds", levelRefresh)
	}
}
