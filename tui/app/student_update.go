package app

import (
	"strings"

	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/lessons"
	"bluegreen/tui/logpane"
	"bluegreen/tui/overlay"
	"bluegreen/tui/phonepane"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Update handles one message: the terminal's, the panes' requests and the
// world's answers.
func (m Student) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if !m.phoneOnly(msg) {
		m.right = cachedLine{}
	}
	switch msg := msg.(type) {
	case doneMsg:
		if !m.engine.take(msg.ticket) {
			return m, nil
		}
		return m.Update(msg.msg)
	case tea.WindowSizeMsg:
		m.com.Width, m.com.Height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		m.layOut()
		if m.card.IsOpen() { // the card is laid out for the window: again for this one
			return m, tea.Batch(m.log.Fetch(), overlay.RenderLessonCmd(m.card.Topic(), m.cardWidth(), m.com.Styles))
		}
		return m, m.log.Fetch()
	case tea.BackgroundColorMsg:
		m.darkBG = msg.IsDark()
		if m.auto {
			t, _ := common.ThemeByName("auto", m.darkBG)
			m.setTheme(t)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, tea.Batch(m.key(msg), m.frames.hold())
	case redrawMsg:
		m.frames.release()
		return m, nil
	case tea.PasteMsg:
		var cmd tea.Cmd
		if m.focus == PanePhone && !m.helpOn {
			m.phone, cmd = m.phone.Update(msg)
		}
		return m, cmd
	case PlatformMsg:
		if msg.Android == m.android {
			return m, nil
		}
		m.android = msg.Android
		m.caption = androidCaption(msg.Android)
		return m, m.act(opAndroid(msg.Android))
	case DesignMsg:
		m.caption = classDesignCaption(msg.Design)
		return m, m.act(opReread())
	}
	return m, m.answer(msg)
}

// phoneOnly reports whether msg can change nothing but the phone pane: a
// key or paste the phone takes, or a redraw.
func (m Student) phoneOnly(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case redrawMsg, phonepane.LookupTypedMsg, phonepane.ConfirmMsg, phonepane.SendMsg:
		return true // the wire and the log change when the world answers
	case tea.PasteMsg:
		return m.focus == PanePhone
	case tea.KeyPressMsg:
		return m.focus == PanePhone && !m.helpOn && !m.card.IsOpen() && !m.keys.matchAny(msg)
	}
	return false
}

// answer handles what the panes ask and what the world answers.
func (m *Student) answer(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case phonepane.LookupTypedMsg:
		return m.act(opType(msg.Seq, msg.Text, msg.Superseded))
	case phonepane.ConfirmMsg:
		return m.act(opConfirm(msg.Seq, string(msg.Handle)))
	case phonepane.SendMsg:
		return m.act(opSend(msg.To, msg.Text))
	case phonepane.NoticeMsg:
		m.caption = caption{Text: msg.Text, Source: msg.Source}
	case lookupMsg:
		cmd := m.lookedUp(msg)
		m.asked.Store(int64(m.wire.Asked()))
		return cmd
	case sentMsg:
		m.com.Snap = msg.Snap
		m.caption = sentCaption(msg)
		if msg.Err == nil && applySent(&m.phone, &m.wire, msg) {
			m.asked.Store(int64(m.wire.Asked()))
			return m.log.Fetch()
		}
	case stateMsg:
		return m.changed(msg)
	case logpane.RowsMsg:
		m.log, _ = m.log.Update(msg)
	case overlay.ShowLessonMsg:
		return m.showCard(msg.Topic)
	case overlay.LessonMsg:
		m.cardArrived(msg)
	}
	return nil
}

func (m *Student) lookedUp(msg lookupMsg) tea.Cmd {
	if msg.Superseded {
		return nil
	}
	m.com.Snap = msg.Snap
	c, said := applyLookup(&m.phone, &m.wire, msg)
	if !said {
		return nil
	}
	c.Text = strings.Replace(c.Text, reverseHint, "", 1) // the reversal is the app's, not a student's
	m.caption = c
	if !msg.sentQuery() {
		return nil
	}
	return m.log.Fetch()
}

func (m *Student) changed(msg stateMsg) tea.Cmd {
	m.com.Snap = msg.Snap
	m.log.SetRetention(msg.Snap.Retention)
	switch {
	case msg.What == changedStart:
		return m.log.Fetch()
	case msg.What == changedPlatform:
		return nil // the caption was set when the class said so
	}
	if c := stateCaption(msg); c.Text != "" {
		m.caption = c
	}
	if msg.What == changedIMessage && msg.Snap.Settings.IMessage {
		return m.phone.Recheck()
	}
	return nil
}

// key offers a key to the student's table, then to the pane in focus.
func (m *Student) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if m.helpOn && !key.Matches(msg, k.Quit) {
		if key.Matches(msg, k.Help, k.CloseHelp) {
			m.helpOn = false
		}
		return nil
	}
	if m.card.IsOpen() && !key.Matches(msg, k.Quit) {
		if key.Matches(msg, k.Lesson, k.CloseHelp) {
			m.card = overlay.Model{}
			return nil
		}
		var cmd tea.Cmd
		m.card, cmd = m.card.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Lesson):
		return m.showCard(lessons.TopicClassmatesLookups)
	case key.Matches(msg, k.Help):
		m.helpOn = true
		return nil
	case key.Matches(msg, k.NextPane):
		m.setFocus(m.nextPane(1))
		return nil
	case key.Matches(msg, k.PrevPane):
		m.setFocus(m.nextPane(-1))
		return nil
	case key.Matches(msg, k.NewMessage):
		m.phone.NewConversation()
		m.setFocus(PanePhone)
		return nil
	case key.Matches(msg, k.ToggleIMsg) && m.android:
		m.caption = caption{Text: "An Android phone has no iMessage to turn on: it never asks Apple. It was chosen when you joined, or by your instructor, who can change it.", Source: sim.SrcAssumption}
		return nil
	case key.Matches(msg, k.ToggleIMsg):
		return m.act(opChange(changedIMessage, 0))
	case key.Matches(msg, k.ToggleSMS):
		return m.act(opChange(changedSendAsSMS, 0))
	case key.Matches(msg, k.CycleNetwork):
		return m.act(opChange(changedNetwork, 0))
	case key.Matches(msg, k.ClearCache):
		return m.act(opChange(changedCache, 0))
	case key.Matches(msg, k.TryAgain, k.SendAsText):
		op, c := redBubbleOp(m.phone, m.com.Snap, key.Matches(msg, k.TryAgain))
		if op == nil {
			m.caption = c
			return nil
		}
		return m.act(op)
	case key.Matches(msg, k.SwitchTheme):
		m.auto = false
		m.setTheme(common.NextTheme(m.com.Styles.Theme, m.darkBG))
		m.caption = caption{Text: "Theme: " + m.com.Styles.Theme.Name + "."}
		return nil
	}
	var cmd tea.Cmd
	switch m.focus {
	case PanePhone:
		m.phone, cmd = m.phone.Update(msg)
	case PaneWire:
		m.wire, cmd = m.wire.Update(msg)
	default:
		m.log, cmd = m.log.Update(msg)
	}
	return cmd
}

// matchAny reports whether msg is one of the student's own keys (not one
// the pane in focus takes).
func (k StudentKeys) matchAny(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, k.Help, k.Quit, k.Lesson, k.NextPane, k.PrevPane, k.NewMessage, k.ToggleIMsg, k.ToggleSMS,
		k.CycleNetwork, k.ClearCache, k.TryAgain, k.SendAsText, k.SwitchTheme)
}

func (m *Student) nextPane(step int) Pane {
	return Pane((int(m.focus) + step + int(paneCount)) % int(paneCount))
}

func (m *Student) setFocus(p Pane) {
	m.focus = p
	m.phone.Blur()
	m.wire.Blur()
	m.log.Blur()
	switch p {
	case PanePhone:
		m.phone.Focus()
	case PaneWire:
		m.wire.Focus()
	default:
		m.log.Focus()
	}
}
