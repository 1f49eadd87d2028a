package app

import (
	"fmt"

	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/overlay"
	"bluegreen/tui/phonepane"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// binding is one entry of the global key table: keys, when they apply,
// and what they do. The table is data: dispatch walks it, and help is
// derived from the same key.Bindings.
type binding struct {
	key  key.Binding
	when func(m *Model) bool
	do   func(m *Model) tea.Cmd
}

func always(*Model) bool { return true }

func idle(m *Model) bool { return !m.typing() }

func overlayOpen(m *Model) bool { return m.overlay.IsOpen() }

func quit(*Model) tea.Cmd { return tea.Quit }

// change asks the engine to change a setting or the clock.
func change(what stateChange, k int) func(m *Model) tea.Cmd {
	return func(m *Model) tea.Cmd { return m.act(opChange(what, clockStep(k))) }
}

// globalBindings is the app's key table, in the order keys are tried.
func globalBindings(k common.KeyMap) []binding {
	return []binding{
		{k.Quit, always, quit},
		{k.QuitWhenIdle, idle, (*Model).quitWhenIdle},
		{k.Help, always, (*Model).toggleHelp},
		{k.HelpWhenIdle, idle, (*Model).toggleHelp},
		{k.Cancel, overlayOpen, (*Model).closeOverlay},
		{k.Lesson, always, (*Model).openLesson},
		{k.ServeOrder, always, (*Model).openOrderForm},
		{k.ProduceAgain, always, (*Model).produceAgain},
		{k.Renew, always, (*Model).renewOrder},
		{k.SwitchLog, always, (*Model).switchLogView},
		{k.Educator, always, (*Model).toggleEducator},
		{k.Export, always, (*Model).exportReturn},
		{k.Sources, always, (*Model).openSources},
		{k.Checklist, always, (*Model).toggleChecklist},
		{k.Palette, always, (*Model).openPalette},
		{k.NextPane, always, func(m *Model) tea.Cmd { return m.cycleFocus(1) }},
		{k.PrevPane, always, func(m *Model) tea.Cmd { return m.cycleFocus(-1) }},
		{k.ToggleIMsg, always, change(changedIMessage, 0)},
		{k.ToggleSMS, always, change(changedSendAsSMS, 0)},
		{k.CycleNetwork, always, change(changedNetwork, 0)},
		{k.ClearCache, always, change(changedCache, 0)},
		{k.PlusHour, always, change(changedClock, 0)},
		{k.PlusDay, always, change(changedClock, 1)},
		{k.PlusWeek, always, change(changedClock, 2)},
		{k.SwitchTheme, always, (*Model).switchTheme},
		{k.NewMessage, always, func(m *Model) tea.Cmd { m.phone.NewConversation(); return m.setFocus(PanePhone) }},
		{k.TryAgain, always, (*Model).tryAgain},
		{k.SendAsText, always, (*Model).sendAsText},
		{k.CycleDesign, always, change(changedDesign, 0)},
		{k.Compare, always, (*Model).openCompare},
		{k.Reverse, always, (*Model).attack},
	}
}

// handleKey offers a key to the order form when it is open, then to the
// global table, then to the overlay or the focused pane.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.com.Keys
	if m.below.caption.asksQuit && !key.Matches(msg, k.QuitWhenIdle) {
		m.below.caption = caption{Text: "Still here: Apple's log is kept for as long as bluegreen runs."}
	}
	if m.overlay.Kind() == overlay.Order && !key.Matches(msg, k.Quit) {
		return m.formKey(msg)
	}
	if m.modal.palette.Focused() && !key.Matches(msg, k.Quit) {
		var cmd tea.Cmd
		m.modal.palette, cmd = m.modal.palette.Update(msg)
		return cmd
	}
	for _, b := range globalBindings(k) {
		if key.Matches(msg, b.key) && b.when(m) {
			return b.do(m)
		}
	}
	if m.overlay.IsOpen() {
		return m.overlayKey(msg)
	}
	var cmd tea.Cmd
	switch {
	case m.scr.focus == PanePhone:
		m.phone, cmd = m.phone.Update(msg)
	case m.scr.focus == PaneWire:
		m.wire, cmd = m.wire.Update(msg)
	case m.scr.showRet:
		m.ret, cmd = m.ret.Update(msg)
	default:
		m.log, cmd = m.log.Update(msg)
	}
	return cmd
}

// quitWhenIdle quits on q, but asks first when quitting would lose a log
// that lives only in memory, and says how to keep one.
func (m *Model) quitWhenIdle() tea.Cmd {
	if m.below.caption.asksQuit || m.engine.persistent() || m.log.Total() == 0 {
		return tea.Quit
	}
	m.below.caption = caption{Text: fmt.Sprintf("Quit? Apple's log (%s) lives only in memory and is lost when bluegreen ends. To keep it next time, start with --db FILE (e.g. bluegreen --db class.db). Press q again to quit, any other key to stay.", sim.Plural(m.log.Total(), "row", "rows")), asksQuit: true}
	return nil
}

func (m *Model) switchTheme() tea.Cmd {
	m.look.auto = false
	m.setTheme(common.NextTheme(m.com.Styles.Theme, m.look.darkBG))
	m.below.caption = caption{Text: "Theme: " + m.com.Styles.Theme.Name + "."}
	return m.refreshOverlay()
}

// tryAgain sends the Not Delivered bubble again, in its place — unless
// nothing has changed that could deliver it, which the caption explains.
func (m *Model) tryAgain() tea.Cmd { return m.redBubble(true) }

// sendAsText re-sends the Not Delivered bubble as a text, in its place.
func (m *Model) sendAsText() tea.Cmd { return m.redBubble(false) }

func (m *Model) redBubble(again bool) tea.Cmd {
	op, c := redBubbleOp(m.phone, m.com.Snap, again)
	if op == nil {
		m.below.caption = c
		return nil
	}
	return m.act(op)
}

// redBubbleOp is what alt+r (again) or alt+x does with the last Not
// Delivered bubble: the work to do, or the caption that says why there is none.
func redBubbleOp(phone phonepane.Model, snap common.Snapshot, again bool) (worldOp, caption) {
	b, ok := phone.LastRed()
	switch {
	case !ok && again:
		return nil, caption{Text: "Try Again (alt+r) re-sends a Not Delivered message: there is none in this conversation."}
	case !ok:
		return nil, caption{Text: "Send as Text Message (alt+x) re-sends a Not Delivered message: there is none in this conversation."}
	case !again:
		return opSendAsText(b.Index), caption{}
	case snap.IP == "":
		return nil, caption{Text: "Still no data connection: Try Again cannot deliver an iMessage yet. F4 (alt+n) puts the phone on Wi-Fi or cellular; Send as Text Message (alt+x) uses the mobile network instead.", Source: sim.SrcFallback}
	}
	return opTryAgain(b.Index), caption{}
}

func (m *Model) handleClick(mouse tea.Mouse) tea.Cmd {
	l := m.scr.layout
	if l.Mode == Narrow && l.Tabs.Contains(mouse.X, mouse.Y) {
		st, ok := m.stopAt(mouse.X)
		if !ok {
			return nil
		}
		var cmd tea.Cmd
		if st.ret != m.scr.showRet {
			m.scr.showRet = st.ret
			cmd = m.log.Fetch()
		}
		return tea.Batch(m.setFocus(st.pane), cmd)
	}
	if p, ok := l.PaneAt(mouse.X, mouse.Y); ok && p != m.scr.focus {
		return m.setFocus(p)
	}
	return nil
}

func (m *Model) handleWheel(mouse tea.Mouse) tea.Cmd {
	p, ok := m.scr.layout.PaneAt(mouse.X, mouse.Y)
	if !ok {
		return nil
	}
	delta := 3
	if mouse.Button == tea.MouseWheelUp {
		delta = -3
	}
	switch {
	case p == PaneLog && m.scr.showRet:
		m.ret.Scroll(delta)
	case p == PaneLog:
		return m.log.Scroll(delta)
	case p == PaneWire:
		m.wire.ScrollLines(delta)
	}
	return nil
}
