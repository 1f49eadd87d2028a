package present

import (
	"testing"

	"bluegreen/tui/tuitest"
)

// TestPresenterContrast measures every colour pair of the talk's first
// screens — the caption banner, the status line and its keys, the panes —
// in every colour theme, at truecolour, 256 and 16 colours: 4.5:1 for text
// (7:1 in high contrast). The panes' later states are the app's own
// screens, measured in tui/app (TestScreenContrast).
func TestPresenterContrast(t *testing.T) {
	for _, theme := range tuitest.ColourThemes() {
		p := playerFor(t, "talk", theme)
		p.Update(windowSize(120, 40))
		for n := 1; n <= min(p.Steps(), 4); n++ {
			p.advanceTo(n)
			for _, pair := range tuitest.LowContrast(theme, p.Screen()) {
				t.Errorf("%s step %d: %s\n\tin line %q", theme, n, pair, pair.SampleLine)
			}
		}
	}
}
