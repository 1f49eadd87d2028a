package common

import "charm.land/bubbles/v2/viewport"

// Scroller is the scrolling body of a framed pane or overlay (the wire,
// the return, help and lesson cards): the lines its owner lays out when
// the content, width or theme change — never in View — and a viewport
// that keeps the scroll within them, so it never runs past the first or
// last screenful.
type Scroller struct {
	vp    viewport.Model
	lines []string
}

// NewScroller is an empty body at the top.
func NewScroller() Scroller { return Scroller{vp: viewport.New()} }

// SetSize fits the body inside a w × h frame, keeping the scroll within
// the lines (a taller frame may now show the end).
func (s *Scroller) SetSize(w, h int) {
	s.vp.SetWidth(max(w-2, 0))
	s.vp.SetHeight(max(h-2, 0))
	s.vp.SetYOffset(s.vp.YOffset())
}

// SetLines replaces the lines, keeping the scroll within them.
func (s *Scroller) SetLines(lines []string) {
	s.lines = lines
	offset := s.vp.YOffset()
	s.vp.SetContentLines(lines)
	s.vp.SetYOffset(offset)
}

// Clear forgets the lines but not the place: a hidden pane lays its lines
// out again when it is shown, and scrolls back to where it was.
func (s *Scroller) Clear() { s.lines = nil }

// Lines are all the lines, shown or not.
func (s Scroller) Lines() []string { return s.lines }

// Offset is the first line shown.
func (s Scroller) Offset() int { return s.vp.YOffset() }

// SetOffset shows line i first, or the last screenful if that is sooner.
func (s *Scroller) SetOffset(i int) { s.vp.SetYOffset(i) }

// Scroll moves the view by delta lines (negative: up).
func (s *Scroller) Scroll(delta int) {
	if delta < 0 {
		s.vp.ScrollUp(-delta)
	} else {
		s.vp.ScrollDown(delta)
	}
}

// Top shows the first line.
func (s *Scroller) Top() { s.vp.GotoTop() }

// Bottom shows the last screenful.
func (s *Scroller) Bottom() { s.vp.GotoBottom() }

// Visible are the lines from the first shown on; the frame helper cuts
// them to its height.
func (s Scroller) Visible() []string { return s.lines[min(s.vp.YOffset(), len(s.lines)):] }
