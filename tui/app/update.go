package app

import (
	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/logpane"
	"bluegreen/tui/orderform"
	"bluegreen/tui/overlay"
	"bluegreen/tui/palette"
	"bluegreen/tui/phonepane"
	"bluegreen/tui/returnpane"
	"bluegreen/tui/wirepane"

	tea "charm.land/bubbletea/v2"
)

// Update handles one message: the terminal's, the components' requests,
// the world's answers and the presenter's messages. A caption that now
// takes more or fewer lines gets a layout computed afresh around it.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	before := m.below.caption
	next, cmd := m.update(msg)
	m = next.(Model)
	if m.look.bar.keys != barSignature(m.barBindings()) {
		m.cacheHelpBar() // focus or what can act has changed: the key bar follows
	}
	if m.below.caption == before || m.com.Width == 0 {
		return m, cmd
	}
	logRect := m.scr.layout.Panes[PaneLog]
	m.relayout()
	if m.scr.layout.Panes[PaneLog] != logRect {
		cmd = tea.Batch(cmd, m.log.Fetch())
	}
	return m, cmd
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case doneMsg:
		if !m.engine.take(msg.ticket) {
			return m, nil // delivered twice (a resumed session): taken already
		}
		return m.update(msg.msg)
	case tea.WindowSizeMsg:
		return m, m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		m.look.darkBG = msg.IsDark()
		if m.look.auto {
			t, _ := common.ThemeByName("auto", m.look.darkBG)
			m.setTheme(t)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, tea.Batch(m.handleKey(msg), m.look.frames.hold())
	case redrawMsg:
		m.look.frames.release()
		return m, nil
	case tea.PasteMsg:
		var cmd tea.Cmd
		switch {
		case m.typing() && m.scr.focus == PaneLog:
			m.log, cmd = m.log.Update(msg)
		case m.typing():
			m.phone, cmd = m.phone.Update(msg)
		}
		return m, cmd
	case tea.MouseClickMsg:
		return m, m.handleClick(msg.Mouse())
	case tea.MouseWheelMsg:
		return m, m.handleWheel(msg.Mouse())
	}
	if cmd, ok := m.fromComponent(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.fromWorld(msg); ok {
		return m, cmd
	}
	return m, m.fromPresenter(msg)
}

// act runs a person's action on the world. The log's ▶ marks the rows
// that land from here until the next action: what this one caused (or
// what happened meanwhile, such as other people's lookups as time passes).
func (m *Model) act(op worldOp) tea.Cmd {
	m.log.MarkLanded()
	return m.engine.run(op)
}

// fromComponent handles what a component asks of the shell.
func (m *Model) fromComponent(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case phonepane.LookupTypedMsg:
		return m.act(opType(msg.Seq, msg.Text, msg.Superseded)), true
	case phonepane.ConfirmMsg:
		return m.act(opConfirm(msg.Seq, string(msg.Handle))), true
	case phonepane.SendMsg:
		return m.act(opSend(msg.To, msg.Text)), true
	case phonepane.NoticeMsg:
		m.below.caption = caption{Text: msg.Text, Source: msg.Source}
		if msg.Abandoned {
			m.below.guide.tick(foundAbandoned)
		}
		return nil, true
	case orderform.ServeMsg:
		return m.serveOrder(msg), true
	case orderform.CancelMsg:
		return m.closeOverlay(), true
	case overlay.LessonMsg:
		m.lessonArrived(msg)
		return nil, true
	case overlay.ShowLessonMsg:
		return m.showLesson(msg.Topic), true
	case palette.RunMsg:
		return m.runAction(msg.Action), true
	case palette.CloseMsg:
		m.closePalette()
		return nil, true
	}
	return nil, false
}

// fromWorld handles the engine's and the stores' answers.
func (m *Model) fromWorld(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case lookupMsg:
		return m.handleLookup(msg), true
	case sentMsg:
		return m.handleSent(msg), true
	case stateMsg:
		return m.handleState(msg), true
	case logpane.RowsMsg:
		m.log, _ = m.log.Update(msg)
		if s := &m.scr; len(s.present) > 0 && m.log.NeededWidth() > s.logNeeds {
			// A demo step's log may now need the whole width. What it needs
			// only grows within a step, so the layout cannot flip back and forth.
			s.logNeeds = m.log.NeededWidth()
			before := s.layout.Panes[PaneLog]
			m.relayout()
			if s.layout.Panes[PaneLog] != before {
				return m.log.Fetch(), true
			}
		}
		return nil, true
	case returnpane.ProducedMsg:
		return m.handleProduced(msg), true
	case returnpane.RenewedMsg:
		return m.handleRenewed(msg), true
	case returnpane.TruthMsg:
		if msg.Err == nil {
			m.ret.SetTruth(msg.Case)
		}
		return nil, true
	case returnpane.ExportedMsg:
		m.handleExported(msg)
		return nil, true
	case checklistKeptMsg:
		m.below.caption = caption{Text: "The checklist's state could not be kept for next time: " + sim.Printable(msg.err.Error())}
		return nil, true
	case compareMsg:
		m.compareArrived(msg)
		return nil, true
	case reverseProgressMsg:
		return m.reverseProgress(msg), true
	case reverseDoneMsg:
		m.reverseDone(msg)
		return nil, true
	case enumerateMsg:
		return m.enumerated(msg), true
	}
	return nil, false
}

func (m *Model) resize(w, h int) tea.Cmd {
	m.com.Width, m.com.Height = w, h
	m.relayout()
	m.look.help.SetWidth(w)
	m.cacheHelpBar()
	return tea.Batch(m.log.Fetch(), m.refreshOverlay())
}

func (m *Model) handleLookup(msg lookupMsg) tea.Cmd {
	if msg.Superseded {
		return nil // newer text is on its way: nothing happened
	}
	m.setSnap(msg.Snap)
	c, said := applyLookup(&m.phone, &m.wire, msg)
	if !said {
		return nil
	}
	m.below.caption = c
	if len(msg.Answers) == 0 {
		return nil // the lookup failed (a full disk, say): the caption says why
	}
	if !msg.sentQuery() && msg.Answers[0].Answer.Source == sim.FromCache {
		m.below.guide.tick(foundCache)
	}
	m.designs.remember(msg.Result.Exchanges)
	if !msg.sentQuery() {
		return nil
	}
	return m.log.Fetch()
}

// applyLookup puts a lookup's outcome on the phone and the wire, and says
// what the caption should tell (said: there is something to tell).
func applyLookup(phone *phonepane.Model, wire *wirepane.Model, msg lookupMsg) (c caption, said bool) {
	switch msg.Purpose {
	case lookupTyped:
		phone.ApplyTyped(msg.Seq, msg.Answers)
	case lookupConfirmed:
		phone.ApplyConfirmed(msg.Seq, msg.Err, msg.Answers)
	}
	if len(msg.Answers) == 0 && msg.Err == nil {
		return caption{}, false
	}
	if len(msg.Result.Answers) > 0 {
		wire.Add(wirepane.Event{At: msg.Snap.Now, Trigger: triggerOf(msg), Exchanges: msg.Result.Exchanges, Answers: msg.Answers, Decision: msg.Decision})
	}
	return lookupCaption(msg), true
}

func triggerOf(msg lookupMsg) sim.Trigger {
	if len(msg.Result.Exchanges) > 0 {
		return msg.Result.Exchanges[0].Trigger
	}
	if msg.Purpose == lookupTyped {
		return sim.TriggerTyped
	}
	return sim.TriggerCommitted
}

func (m *Model) handleSent(msg sentMsg) tea.Cmd {
	m.setSnap(msg.Snap)
	m.below.caption = sentCaption(msg)
	if msg.Err != nil {
		return nil
	}
	m.designs.remember(msg.Result.Lookup.Exchanges)
	refresh := m.refreshTruth()
	if !applySent(&m.phone, &m.wire, msg) {
		return refresh
	}
	return tea.Batch(refresh, m.log.Fetch())
}

// applySent puts a sent message in the thread and its lookup on the wire;
// it reports whether the send asked Apple (the log grew).
func applySent(phone *phonepane.Model, wire *wirepane.Model, msg sentMsg) (asked bool) {
	phone.ApplySent(msg.Index, msg.Result.Message, msg.Answers)
	if len(msg.Result.Lookup.Answers) > 0 {
		wire.Add(wirepane.Event{At: msg.Snap.Now, Trigger: sim.TriggerSend, Exchanges: msg.Result.Lookup.Exchanges, Answers: msg.Answers, Decision: msg.Result.Message.Decision})
	}
	return len(msg.Result.Lookup.Exchanges) > 0
}

func (m *Model) handleState(msg stateMsg) tea.Cmd {
	m.setSnap(msg.Snap)
	if msg.What == changedStart {
		return m.log.Fetch()
	}
	if c := stateCaption(msg); c.Text != "" {
		m.below.caption = c
	}
	switch {
	case msg.What == changedNetwork && msg.Snap.IP != "":
		m.below.guide.tick(foundIP)
	case msg.What == changedClock && msg.Purged > 0:
		m.below.guide.tick(foundRetention)
	}
	if msg.What == changedIMessage && msg.Snap.Settings.IMessage {
		return m.phone.Recheck()
	}
	if msg.What == changedClock {
		return m.log.Fetch()
	}
	return nil
}
