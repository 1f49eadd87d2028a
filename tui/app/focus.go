package app

import (
	"slices"

	tea "charm.land/bubbletea/v2"
)

// logHeight is the log pane's height, or a screenful when it is hidden so
// the rows are ready when its tab is chosen.
func (m Model) logHeight() int {
	if r := m.scr.layout.Panes[PaneLog]; !r.Empty() {
		return r.H
	}
	return max(m.scr.layout.BodyHeight()-tabsHeight, MinHeight)
}

// relayout computes the layout afresh for the window and what is shown,
// and gives every pane its rectangle and its focus.
func (m *Model) relayout() {
	w, h, s := m.com.Width, m.com.Height, &m.scr
	switch {
	case len(s.present) > 0:
		s.logNeeds = max(s.logNeeds, m.log.NeededWidth())
		s.layout = ComputePresenterLayout(w, h, s.present, s.logNeeds, len(m.captionLines(w)))
	default:
		s.layout = ComputeLayoutFor(w, h, s.focus, s.showRet, len(m.captionLines(w)))
	}
	if !s.layout.Visible(s.focus) && s.layout.Mode != TooSmall {
		s.focus = m.firstVisible()
		m.relayout()
		return
	}
	m.sizePanes()
}

// sizePanes gives each pane its rectangle and tells it whether it has focus.
func (m *Model) sizePanes() {
	l := m.scr.layout
	m.phone.SetSize(l.Panes[PanePhone].W, l.Panes[PanePhone].H)
	m.wire.SetSize(l.Panes[PaneWire].W, l.Panes[PaneWire].H)
	logW := l.Panes[PaneLog].W
	m.log.SetSize(logW, m.logHeight())
	m.ret.SetSize(logW, l.Panes[PaneLog].H)
	m.overlay.SetSize(l.W, l.BodyHeight())
	if m.modal.palette.Focused() {
		m.modal.palette.SetSize(l.W, l.BodyHeight())
	}
	if m.scr.focus != PanePhone {
		m.phone.Blur()
	}
	m.wire.Blur()
	m.log.Blur()
	m.ret.Blur()
	switch {
	case m.scr.focus == PanePhone:
		if !m.overlay.IsOpen() {
			m.phone.Focus()
		}
	case m.scr.focus == PaneWire:
		m.wire.Focus()
	case m.scr.focus == PaneLog && m.scr.showRet:
		m.ret.Focus()
	case m.scr.focus == PaneLog:
		m.log.Focus()
	}
}

func (m Model) firstVisible() Pane {
	for p := PanePhone; p < paneCount; p++ {
		if m.scr.layout.Visible(p) {
			return p
		}
	}
	return PanePhone
}

// nextVisible is the next pane on screen after p going in direction step.
func (m Model) nextVisible(p Pane, step int) Pane {
	for range paneCount {
		p = Pane((int(p) + step + int(paneCount)) % int(paneCount))
		if m.scr.layout.Visible(p) || m.scr.layout.Mode == TooSmall {
			return p
		}
	}
	return p
}

// setFocus moves focus to pane p (and, in narrow mode, shows it).
func (m *Model) setFocus(p Pane) tea.Cmd {
	m.scr.focus = p
	m.relayout()
	return nil
}

// typing reports whether printable keys go into a text field now.
func (m Model) typing() bool {
	if m.overlay.IsOpen() {
		return false
	}
	return m.scr.focus == PanePhone || m.scr.focus == PaneLog && !m.scr.showRet && m.log.Editing()
}

// stop is where tab can put focus: a pane, and for the log pane whether
// it shows the return.
type stop struct {
	pane Pane
	ret  bool
}

// tabStops are tab's stops in order. Below the wide layout, once an order
// has been served, the return is a stop of its own after Apple's log (it
// takes the log pane's place, and in the medium layout the whole width),
// so tab reaches it and comes back to the phone; the wide layout shows it
// beside the phone, and tab moves between what is on screen.
func (m Model) tabStops() []stop {
	if len(m.scr.present) > 0 || m.ret.Case() == nil || m.com.Width >= WideWidth {
		return nil
	}
	return []stop{{PanePhone, false}, {PaneWire, false}, {PaneLog, false}, {PaneLog, true}}
}

// cycleFocus moves focus step stops along (tab: 1, shift+tab: -1).
func (m *Model) cycleFocus(step int) tea.Cmd {
	stops := m.tabStops()
	if stops == nil {
		return m.setFocus(m.nextVisible(m.scr.focus, step))
	}
	here := stop{m.scr.focus, m.scr.focus == PaneLog && m.scr.showRet}
	i := max(slices.Index(stops, here), 0)
	next := stops[(i+step+len(stops))%len(stops)]
	var cmd tea.Cmd
	if next.ret != m.scr.showRet {
		m.scr.showRet = next.ret
		cmd = m.log.Fetch()
	}
	return tea.Batch(m.setFocus(next.pane), cmd)
}
