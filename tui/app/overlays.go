package app

import (
	"strings"

	"bluegreen/sim"
	"bluegreen/tui/lessons"
	"bluegreen/tui/orderform"
	"bluegreen/tui/overlay"

	tea "charm.land/bubbletea/v2"
)

func (m *Model) toggleHelp() tea.Cmd {
	if m.overlay.Kind() == overlay.Help {
		return m.closeOverlay()
	}
	m.openOverlay(overlay.Open(m.com, overlay.Help, "Help", m.helpLines()))
	return nil
}

func (m *Model) openOverlay(o overlay.Model) {
	m.overlay = o
	m.overlay.SetSize(m.scr.layout.W, m.scr.layout.BodyHeight())
	m.phone.Blur()
}

func (m *Model) closeOverlay() tea.Cmd {
	m.overlay = overlay.Model{}
	if m.scr.focus == PanePhone {
		m.phone.Focus()
	}
	return nil
}

// overlayWidth is the text width inside the overlay's frame.
func (m Model) overlayWidth() int { return max(m.com.Width-4, 20) }

// openLesson opens the card for what has focus.
func (m *Model) openLesson() tea.Cmd {
	return m.showLesson(m.topicInFocus())
}

// showLesson opens card t; ← → in a card move through all of them.
func (m *Model) showLesson(t lessons.Topic) tea.Cmd {
	m.openOverlay(overlay.OpenLesson(m.com, t, t.Title(), []string{m.com.Styles.Faint.Render("…")}))
	return overlay.RenderLessonCmd(t, m.overlayWidth(), m.com.Styles)
}

// lessonArrived shows a rendered card if it is still the one open.
func (m *Model) lessonArrived(msg overlay.LessonMsg) {
	if m.overlay.Kind() != overlay.Lesson || m.overlay.Topic() != msg.Topic || msg.Width != m.overlayWidth() {
		return // another card, or rendered for an old width (a newer render is on its way)
	}
	if msg.Err != nil {
		m.overlay.SetLines([]string{m.com.Styles.Warning.Render("cannot show this card: " + msg.Err.Error())})
		return
	}
	m.overlay.SetLines(overlay.LessonLines(msg.Text))
}

// topicInFocus picks the lesson card for the focused pane and its state.
func (m Model) topicInFocus() lessons.Topic {
	focus := m.scr.focus
	switch {
	case m.overlay.Kind() == overlay.Help:
		return lessons.TopicAbout
	case m.overlay.Kind() == overlay.Sources || m.overlay.Kind() == overlay.Compare:
		return lessons.TopicDesignsThatLeakLess
	case m.overlay.Kind() == overlay.Reverse:
		return lessons.TopicDesignHashed
	case focus == PaneLog && m.scr.showRet:
		return lessons.TopicPenRegister
	case focus == PaneLog && m.log.Column() < 0:
		return lessons.TopicRetention
	}
	if t, ok := m.designTopic(); ok && focus != PanePhone {
		return t
	}
	switch focus {
	case PaneWire:
		if m.wire.ShowsCacheHit() {
			return lessons.TopicCaching
		}
		return lessons.TopicLookup
	case PaneLog:
		if t, ok := lessons.ColumnTopic(m.log.Column()); ok {
			return t
		}
		return lessons.TopicCannotProve
	}
	if b, ok := m.phone.LastBubble(); ok {
		switch {
		case len(b.Decision.NeverArrives) > 0:
			return lessons.TopicStaleRegistration
		case b.Decision.Route == sim.RouteNotDelivered:
			return lessons.TopicNotDelivered
		}
		return lessons.TopicColours
	}
	return lessons.TopicLookup
}

func (m *Model) openSources() tea.Cmd {
	m.openOverlay(overlay.Open(m.com, overlay.Sources, "Sources — every fact bluegreen states", overlay.SourcesScreen(m.overlayWidth(), m.com.Styles)))
	return nil
}

// refreshOverlay rebuilds the overlay's lines for a new width or theme.
func (m *Model) refreshOverlay() tea.Cmd {
	switch m.overlay.Kind() {
	case overlay.Help:
		m.overlay.SetLines(m.helpLines())
	case overlay.Sources:
		m.overlay.SetLines(overlay.SourcesScreen(m.overlayWidth(), m.com.Styles))
	case overlay.Lesson:
		return overlay.RenderLessonCmd(m.overlay.Topic(), m.overlayWidth(), m.com.Styles)
	case overlay.Order:
		m.modal.form.SetStyles()
		m.overlay.SetLines(m.formLines())
	case overlay.Compare:
		if c := m.designs.comparison; c != nil {
			m.overlay.SetLines(compareLines(m.com.Styles, c, m.overlayWidth()))
		}
	case overlay.Reverse:
		m.refreshReverse()
	}
	return nil
}

func (m *Model) overlayKey(msg tea.KeyPressMsg) tea.Cmd {
	var cmd tea.Cmd
	m.overlay, cmd = m.overlay.Update(msg)
	return cmd
}

// helpLines is the full key list, derived from the key map.
func (m Model) helpLines() []string {
	return overlay.HelpLines(m.com.Keys, m.com.Styles, m.overlayWidth())
}

// openOrderForm shows the court-order form, filled with defaults.
func (m *Model) openOrderForm() tea.Cmd {
	m.modal.form = orderform.New(m.com)
	m.openOverlay(overlay.Open(m.com, overlay.Order, "Serve a court order on Apple", nil))
	m.overlay.SetLines(m.formLines())
	return nil
}

// formKey sends keys to the order form.
func (m *Model) formKey(msg tea.KeyPressMsg) tea.Cmd {
	var cmd tea.Cmd
	m.modal.form, cmd = m.modal.form.Update(msg)
	m.overlay.SetLines(m.formLines())
	return cmd
}

// formLines sizes the order form to the overlay's inside and draws it, a
// column in from the frame (which would otherwise touch the bar marking
// the field in focus).
func (m *Model) formLines() []string {
	m.modal.form.SetSize(m.overlayWidth(), m.scr.layout.BodyHeight()-2)
	lines := strings.Split(m.modal.form.View(), "\n")
	for i, l := range lines {
		lines[i] = " " + l
	}
	return lines
}
