package app

import (
	"time"

	"bluegreen/sim"
	"bluegreen/tui/orderform"
	"bluegreen/tui/overlay"

	tea "charm.land/bubbletea/v2"
)

// The messages a demo script drives the app with, beside the keys a
// person would press. Each is something a presenter could do by hand.

// ShowPanesMsg shows only the named panes ("phone", "wire", "log",
// "return" — the log pane showing the return), focusing the first.
type ShowPanesMsg struct{ Panes []string }

// SetNetworkMsg puts the phone on a network.
type SetNetworkMsg struct{ Network sim.Network }

// AdvanceClockMsg moves the simulated clock forward.
type AdvanceClockMsg struct{ By time.Duration }

// ServeOrderMsg fills the order form (empty fields keep its defaults) and
// serves it.
type ServeOrderMsg struct{ Kind, Target, Case, Entered, Produced, Direction string }

// RenewOrderMsg extends the served order by up to 60 days, now.
type RenewOrderMsg struct{}

// FindInReturnMsg scrolls the return to the first line holding Text.
type FindInReturnMsg struct{ Text string }

// FocusPhoneMsg gives the phone's text fields the keyboard (the presenter
// hands it to a person).
type FocusPhoneMsg struct{}

// PaneNamed reads a pane name; "return" is the log pane showing the return.
func PaneNamed(name string) (p Pane, ret, ok bool) {
	switch name {
	case "phone":
		return PanePhone, false, true
	case "wire":
		return PaneWire, false, true
	case "log":
		return PaneLog, false, true
	case "return":
		return PaneLog, true, true
	}
	return 0, false, false
}

func (m *Model) fromPresenter(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ShowPanesMsg:
		m.showPanes(msg.Panes)
	case SetNetworkMsg:
		return m.act(opSetNetwork(msg.Network))
	case AdvanceClockMsg:
		return m.act(opChange(changedClock, msg.By))
	case ServeOrderMsg:
		return m.scriptOrder(msg)
	case RenewOrderMsg:
		return m.renewOrder()
	case FindInReturnMsg:
		m.ret.Find(msg.Text)
	case FocusPhoneMsg:
		m.phone.Focus()
	}
	return nil
}

// showPanes shows only the named panes, focusing the first.
func (m *Model) showPanes(names []string) {
	s := &m.scr
	s.present, s.showRet, s.logNeeds = s.present[:0], false, 0
	for _, n := range names {
		p, ret, _ := PaneNamed(n)
		s.present = append(s.present, p)
		s.showRet = s.showRet || ret
	}
	if len(s.present) == 0 {
		return
	}
	s.focus = s.present[0]
	m.com.Styles.Open = true
	m.relayout()
}

// scriptOrder fills the order form from a script and serves it; a bad
// order leaves the form open with its error.
func (m *Model) scriptOrder(o ServeOrderMsg) tea.Cmd {
	m.modal.form = orderform.New(m.com)
	m.modal.form.Fill(orderform.Filled{Kind: o.Kind, Target: o.Target, Case: o.Case, Entered: o.Entered, Produced: o.Produced, Direction: o.Direction})
	m.openOverlay(overlay.Open(m.com, overlay.Order, "Serve a court order on Apple", nil))
	cmd := m.modal.form.Submit()
	m.overlay.SetLines(m.formLines())
	return cmd
}
