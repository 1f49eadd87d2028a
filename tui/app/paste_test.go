package app

import (
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
)

// paste delivers s as a terminal without bracketed paste does: one key
// press per character, all of them before any command has run.
func (h *harness) paste(s string) {
	h.tb.Helper()
	var cmds []tea.Cmd
	for _, r := range s {
		cmds = append(cmds, h.update(tea.KeyPressMsg{Code: r, Text: string(r)}))
	}
	h.run(cmds...)
}

// Keys that arrive faster than the world can answer them start no lookup
// for a state a newer key already replaced: pasting "4155550132 7" asks
// Apple nothing about the number that was complete for one keystroke.
func TestAPasteStartsNoLookupForSupersededText(t *testing.T) {
	h := newHarness(t, "none", 120, 40)
	h.paste("41555501327")
	if got := h.lookups(); len(got) != 0 {
		t.Errorf("a paste passing through a complete number looked up %v", got)
	}
	h.eraseTo()
	h.paste("4155550132")
	if got := h.lookups(); len(got) != 1 || got[0] != sim.Handle("tel:+14155550132") {
		t.Errorf("a pasted number that stays complete looked up %v, want it once", got)
	}
}

// Typed one key at a time, with each answer in before the next key, every
// complete state is still looked up: the lesson's as-you-type behaviour.
func TestTypingStillLooksUpEachCompleteState(t *testing.T) {
	h := newHarness(t, "none", 120, 40)
	h.typeText("4155550148")
	h.press("backspace")
	h.typeText("7")
	if got := h.lookups(); len(got) != 2 {
		t.Errorf("typing a typo and its fix looked up %v, want both numbers", got)
	}
}

// A 20 KB paste stays bounded: the To: field keeps at most its limit and
// the screen keeps its size.
func TestAHugePasteIsBounded(t *testing.T) {
	h := newHarness(t, "none", 100, 30)
	h.paste(strings.Repeat("4155550132 ", 2000))
	tuitest.CheckSize(t, h.raw(), 100, 30)
	if n := len(h.lookups()); n > 1 {
		t.Errorf("a 22 KB paste made %d lookups", n)
	}
}

// benchmarkPaste times a 20 KB paste without bracketed paste — 20,000 key
// presses, each through Update and View as Bubble Tea delivers them —
// drawing after every key (frame 0) or at most once per frame.
func benchmarkPaste(b *testing.B, frame time.Duration) {
	world, _ := newClassroom(b)
	m, err := New(world, Options{Theme: "none", Frame: frame})
	if err != nil {
		b.Fatal(err)
	}
	h := &harness{tb: b, m: m, world: world}
	h.run(m.Init())
	h.resize(120, 40)
	text := strings.Repeat("415555013 ", 2000)
	keys := make([]tea.KeyPressMsg, 0, len(text))
	for _, r := range text {
		keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, k := range keys {
			h.update(k)
			if h.m.View().Content == "" {
				b.Fatal("empty view")
			}
		}
		b.StopTimer()
		h.press("esc")
		if h.m.phone.ToText() != "" {
			b.Fatalf("esc left %q in the To: field", h.m.phone.ToText())
		}
		b.StartTimer()
	}
}

func BenchmarkPaste20KB(b *testing.B)         { benchmarkPaste(b, DefaultFrame) }
func BenchmarkPaste20KBEveryKey(b *testing.B) { benchmarkPaste(b, 0) }

// Within a frame a key reuses the last drawing and one redraw is asked
// for; the redraw shows the latest state.
func TestTheFrameGateHoldsThenRedraws(t *testing.T) {
	g := frameGate{every: time.Hour}
	if got := g.draw(func() string { return "first" }); got != "first" {
		t.Fatalf("first draw = %q", got)
	}
	if g.hold() == nil {
		t.Fatal("a key within the frame asked for no redraw")
	}
	if g.hold() != nil {
		t.Error("a second key asked for a second redraw")
	}
	if got := g.draw(func() string { return "second" }); got != "first" {
		t.Errorf("held draw = %q, want the last drawing", got)
	}
	g.release()
	if got := g.draw(func() string { return "third" }); got != "third" {
		t.Errorf("after the redraw = %q, want a fresh drawing", got)
	}
	if (&frameGate{}).hold() != nil {
		t.Error("a gate without a frame held a key")
	}
}
