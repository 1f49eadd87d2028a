package tui

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"bluegreen/sim"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// openOrderForm shows the court-order form, filled with defaults.
func (m *Model) openOrderForm() tea.Cmd {
	m.form = newOrderForm(m.styles, m.snap)
	m.openOverlay(overlay{kind: overlayOrder, title: "Serve a court order on Apple", lines: m.form.view(m.styles, m.overlayWidth())})
	return nil
}

// formKey sends keys to the order form; enter serves the order.
func (m *Model) formKey(msg tea.KeyPressMsg) tea.Cmd {
	action, cmd := m.form.update(msg, m.keys)
	switch action {
	case formCancel:
		return m.closeOverlay()
	case formSubmit:
		return m.serveOrder()
	}
	m.overlay.lines = m.form.view(m.styles, m.overlayWidth())
	return cmd
}

// serveOrder checks the form and asks Apple for the first production.
func (m *Model) serveOrder() tea.Cmd {
	order, at, err := m.form.order()
	if err != nil {
		m.form.err = err.Error()
		m.overlay.lines = m.form.view(m.styles, m.overlayWidth())
		return nil
	}
	m.closeOverlay()
	c := courtCase{order: order, retention: m.snap.Retention, heldFrom: m.heldFrom}
	text := "Order served: " + order.Kind.Title() + " on " + order.Target.Address() + ". Apple is producing the records…"
	if m.court != nil {
		text += " (It replaces the earlier order on screen; export that one first to keep it.)"
	}
	m.caption = caption{Text: text, Source: sim.SrcStatute}
	return produceCmd(m.store, c, at)
}

// produceAgain asks Apple for another production now, for the same order.
func (m *Model) produceAgain() tea.Cmd {
	if m.court == nil {
		m.caption = caption{Text: "No order yet: alt+o (F12) serves one."}
		return nil
	}
	c := *m.court
	c.retention = m.snap.Retention
	return produceCmd(m.store, c, m.snap.Now)
}

func (m *Model) handleProduced(msg producedMsg) tea.Cmd {
	if msg.err != nil {
		m.caption = caption{Text: "Apple could not produce: " + sim.Printable(msg.err.Error())}
		return nil
	}
	c := msg.c
	m.court = &c
	m.showRet, m.ret.offset = true, 0
	m.caption = producedCaption(c)
	if m.layout.Mode == Narrow {
		return m.setFocus(PaneLog)
	}
	m.relayout()
	return m.log.fetch(m.logHeight())
}

// producedCaption says what the newest production holds and lost.
func producedCaption(c courtCase) caption {
	p := c.productions[len(c.productions)-1]
	text := fmt.Sprintf("Production %d: %s.", len(c.productions), plural(len(p.Rows), "record", "records"))
	if n := p.ExpiredSinceEarlier(c.report.Return); n > 0 {
		text += fmt.Sprintf(" %s from earlier productions had expired — gone from Apple, kept only by police.", plural(n, "row", "rows"))
	} else if !p.Expired.Empty() {
		text += " Rows before " + p.Cutoff.UTC().Format("2006-01-02 15:04") + " had expired and are not in it."
	}
	text += " Police so far: " + strings.TrimSuffix(c.report.Inference.Headline, ".") + "."
	return caption{Text: text, Source: sim.SrcRetention}
}

func (m *Model) switchLogView() tea.Cmd {
	m.showRet = !m.showRet
	m.relayout()
	return m.log.fetch(m.logHeight())
}

func (m *Model) toggleEducator() tea.Cmd {
	if m.court == nil {
		m.caption = caption{Text: "The educator overlay marks rows of a return: serve an order first (alt+o)."}
		return nil
	}
	m.ret.educator = !m.ret.educator
	m.showRet = true
	m.relayout()
	return nil
}

func (m *Model) exportReturn() tea.Cmd {
	if m.court == nil {
		m.caption = caption{Text: "Nothing to export yet: serve an order first (alt+o)."}
		return nil
	}
	dir := m.export
	if dir == "" {
		dir = "."
	}
	return exportCmd(m.court.report, dir, exportBase(*m.court))
}

func (m *Model) handleExported(msg exportedMsg) {
	if msg.err != nil {
		m.caption = caption{Text: "Export failed: " + sim.Printable(msg.err.Error())}
		return
	}
	if m.court != nil {
		m.court.exported = append(m.court.exported, msg.paths...)
	}
	m.caption = caption{Text: exportedText(msg.paths)}
}

// returnKey scrolls the return.
func (m *Model) returnKey(msg tea.KeyPressMsg) tea.Cmd {
	k, page := m.keys, max(m.logHeight()/2, 1)
	switch {
	case key.Matches(msg, k.Up):
		m.scrollReturn(-1)
	case key.Matches(msg, k.Down):
		m.scrollReturn(1)
	case key.Matches(msg, k.PageUp):
		m.scrollReturn(-page)
	case key.Matches(msg, k.PageDown):
		m.scrollReturn(page)
	case key.Matches(msg, k.Top):
		m.ret.offset = 0
	case key.Matches(msg, k.Bottom):
		m.scrollReturn(math.MaxInt32)
	}
	return nil
}

// scrollReturn scrolls the return by delta lines, never past its end (so
// the way back up starts at once).
func (m *Model) scrollReturn(delta int) {
	r := m.layout.Panes[PaneLog]
	if m.court == nil || r.Empty() {
		return
	}
	m.ret.scroll(delta, len(m.ret.lines(m.styles, m.court, m.snap.Now, r.W-2)), r.H)
}

// exportedText names the exported files briefly: the directory once, then
// the one base name with its three extensions.
func exportedText(paths []string) string {
	if len(paths) == 0 {
		return "Nothing exported."
	}
	dir, base := filepath.Split(paths[0])
	base = strings.TrimSuffix(base, filepath.Ext(base))
	exts := make([]string, len(paths))
	for i, p := range paths {
		exts[i] = strings.TrimPrefix(filepath.Ext(p), ".")
	}
	if dir == "" {
		dir = "./"
	}
	return sim.Printable(fmt.Sprintf("Exported to %s: %s.{%s} — the CSV holds only what police receive.", dir, base, strings.Join(exts, ",")))
}

// refreshTruth rereads the served case's ground truth when the educator
// overlay shows it; nothing otherwise.
func (m *Model) refreshTruth() tea.Cmd {
	if m.court == nil || !m.ret.educator {
		return nil
	}
	return refreshTruthCmd(m.store, *m.court)
}
