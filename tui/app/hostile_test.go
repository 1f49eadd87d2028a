package app

import (
	"testing"

	"bluegreen/internal/hostile"
	"bluegreen/sim"
	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The screen meets the same hostile set as every other output path: typed
// or pasted into the To: field and the message body, and sent. What is
// drawn (styling codes aside) must be safe, and the screen keeps its size.
func TestHostileTextNeverReachesTheScreen(t *testing.T) {
	for _, s := range hostile.Strings() {
		h := newHarness(t, "none", 100, 30)
		h.send(tea.PasteMsg{Content: s})
		h.typeText("4155550132")
		h.press("enter")
		h.send(tea.PasteMsg{Content: s})
		h.typeText(s[:min(len(s), 40)])
		h.press("enter")
		for _, screen := range []string{h.raw()} {
			tuitest.CheckSize(t, screen, 100, 30)
			if err := hostile.Check(ansi.Strip(screen), true, sim.MaxCombiningMarks); err != nil {
				t.Errorf("%.30q: %v", s, err)
			}
		}
	}
}
