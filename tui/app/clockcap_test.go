package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"
)

// An advance that hit the bound on scheduled lookups says so on screen.
func TestACappedAdvanceIsSaidOnScreen(t *testing.T) {
	now := time.Date(2016, 9, 27, 16, 0, 0, 0, time.UTC)
	capped := &sim.ScheduleCapError{Logged: sim.MaxScheduledLookups, Skipped: 70000, Until: now}
	msg := stateMsg{What: changedClock, Snap: common.Snapshot{Now: now}, Err: fmt.Errorf("advancing: %w", capped)}
	c := stateCaption(msg)
	for _, want := range []string{"capped at 2000", "70000 lookups skipped", "2016-09-27 16:00"} {
		if !strings.Contains(c.Text, want) {
			t.Errorf("caption %q lacks %q", c.Text, want)
		}
	}
	other := stateCaption(stateMsg{What: changedClock, Err: fmt.Errorf("the clock cannot move on: %w", sim.ErrTimeRange)})
	if !strings.Contains(other.Text, "did not move") {
		t.Errorf("caption for a clock past the dates: %q", other.Text)
	}
}
