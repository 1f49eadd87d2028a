package app

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// DefaultFrame is how often the screen is drawn at most while keys pour in:
// a terminal shows no more, and a paste of thousands of keys without
// bracketed paste then costs one draw per frame instead of one per key.
const DefaultFrame = time.Second / 30

// frameGate coalesces drawing. Bubble Tea calls View after every message;
// a key arriving within a frame of the last draw reuses it and asks for one
// redraw a frame later, so the screen is never more than a frame behind.
type frameGate struct {
	every   time.Duration // 0: draw after every message (tests, headless)
	drawnAt time.Time
	last    string
	held    bool // the next View may reuse last
	pending bool // a redrawMsg is on its way
}

// redrawMsg asks for the drawing a held key postponed.
type redrawMsg struct{}

// hold is called for each key: within a frame of the last draw it holds
// the drawing and returns the redraw command (once per frame).
func (g *frameGate) hold() tea.Cmd {
	if g.every <= 0 || g.last == "" || time.Since(g.drawnAt) >= g.every {
		return nil
	}
	g.held = true
	if g.pending {
		return nil
	}
	g.pending = true
	return tea.Tick(g.every, func(time.Time) tea.Msg { return redrawMsg{} })
}

// release ends a hold: the next View draws afresh.
func (g *frameGate) release() { g.held, g.pending = false, false }

// draw returns the screen: the last drawing while held, else render's.
func (g *frameGate) draw(render func() string) string {
	if g.held && g.last != "" {
		return g.last
	}
	g.last, g.drawnAt = render(), time.Now()
	return g.last
}
