package serve

import "testing"

// BenchmarkConsoleReturnFrame is one frame of the console on its Return
// page, the return pane laid out already: what the projector redraws
// every second while the class watches a production.
func BenchmarkConsoleReturnFrame(b *testing.B) {
	h := newConsoleHarness(b, "dark", 160, 50)
	h.press("2", "r", "enter", "u")
	b.ReportAllocs()
	for b.Loop() {
		_ = h.c.render()
	}
}

// BenchmarkShownReturnFrame is one frame of a student's screen while a
// return is shown to the class: the return is laid out once per size for
// the whole class, so a frame is a scroll and a view of it.
func BenchmarkShownReturnFrame(b *testing.B) {
	h := newConsoleHarness(b, "dark", 160, 50)
	h.press("2", "r", "enter", "s")
	sess := h.shownSession(120, 40)
	b.ReportAllocs()
	for b.Loop() {
		_ = sess.View()
	}
}
