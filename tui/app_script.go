package tui

import (
	"strings"

	"bluegreen/logview"

	tea "charm.land/bubbletea/v2"
)

// scriptShow shows only the named panes ("return" is the log pane showing
// the return), focusing the first.
func (m *Model) scriptShow(names []string) {
	m.present = m.present[:0]
	m.showRet = false
	for _, n := range names {
		p, ret, _ := paneNamed(n)
		m.present = append(m.present, p)
		m.showRet = m.showRet || ret
	}
	m.focus = m.present[0]
	m.styles.open = true
	m.relayout()
	if m.focus == PanePhone {
		m.phone.refocus()
	} else {
		m.phone.blur()
	}
}

// scriptOrder fills the order form from a script and serves it.
func (m *Model) scriptOrder(o OrderStep) tea.Cmd {
	m.form = newOrderForm(m.styles, m.snap)
	if o.Kind != "" {
		m.form.kind = logview.OrderKind(o.Kind)
	}
	for field, v := range map[int]string{formTarget: o.Target, formCase: o.Case, formFrom: o.From, formTo: o.To} {
		if v != "" {
			m.form.inputs[field].SetValue(v)
		}
	}
	m.overlay = overlay{kind: overlayOrder}
	return m.serveOrder()
}

// find scrolls the return so the first line holding text is near the top.
func (p *returnPane) find(c *courtCase, text string) {
	if c == nil {
		return
	}
	for i, l := range c.text {
		if strings.Contains(l, text) {
			p.offset = max(i+timelineRows-3, 0)
			return
		}
	}
}

// timelineRows is how many lines come before the return's text.
const timelineRows = 5
