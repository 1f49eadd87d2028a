package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/orderform"
	"bluegreen/tui/returnpane"

	tea "charm.land/bubbletea/v2"
)

// serveOrder asks Apple for the first production of a checked order.
func (m *Model) serveOrder(msg orderform.ServeMsg) tea.Cmd {
	m.closeOverlay()
	order := msg.Order
	c := returnpane.Case{Order: order, Retention: m.com.Snap.Retention, HeldFrom: m.engine.heldFrom}
	text := "Order served: " + order.Kind.Title() + " on " + order.Target.Address() + ". Apple is producing the records…"
	if m.ret.Case() != nil {
		text += " (It replaces the earlier order on screen; export that one first to keep it.)"
	}
	m.below.caption = caption{Text: text, Source: order.Kind.LegalBasis()}
	if i, ok := interceptFor(order, msg.At); ok {
		// From its entry the order makes Apple record the target, whatever
		// the design's own logging (it matters under no-log).
		return tea.Sequence(m.engine.run(opIntercept(i)), returnpane.ProduceCmd(m.engine.store, c, msg.At))
	}
	return returnpane.ProduceCmd(m.engine.store, c, msg.At)
}

// produceAgain asks Apple for another production now, for the same order.
func (m *Model) produceAgain() tea.Cmd {
	if m.ret.Case() == nil {
		m.below.caption = caption{Text: "No order yet: alt+o (F12) serves one."}
		return nil
	}
	c := *m.ret.Case()
	c.Retention = m.com.Snap.Retention
	return returnpane.ProduceCmd(m.engine.store, c, m.com.Snap.Now)
}

// renewOrder extends the served order by the statute's 60 days, granted
// now on the simulated clock; the earlier productions stay as they were.
func (m *Model) renewOrder() tea.Cmd {
	c := m.ret.Case()
	if c == nil {
		m.below.caption = caption{Text: "No order to renew: alt+o (F12) serves one."}
		return nil
	}
	o, err := c.Order.Renew(m.com.Snap.Now, logview.StatuteDays)
	if err != nil {
		m.below.caption = caption{Text: "Not renewed: " + sim.Printable(err.Error()), Source: sim.SrcStatute}
		return nil
	}
	next := *c
	next.Order = o
	return returnpane.RenewCmd(m.engine.store, next)
}

func (m *Model) handleRenewed(msg returnpane.RenewedMsg) tea.Cmd {
	if msg.Err != nil {
		m.below.caption = caption{Text: "Could not renew: " + sim.Printable(msg.Err.Error())}
		return nil
	}
	m.ret.SetCase(msg.Case)
	m.scr.showRet = true
	o := msg.Case.Order
	m.below.caption = caption{Text: fmt.Sprintf("Order renewed (extension %d): it now runs to %s UTC, %d days more from where it would have ended. Produce again (alt+p) to collect.",
		o.Extensions(), o.Authorised().To.UTC().Format("2006-01-02 15:04"), logview.StatuteDays), Source: "18 U.S.C. §3123(c)(2)"}
	m.relayout()
	return nil
}

func (m *Model) handleProduced(msg returnpane.ProducedMsg) tea.Cmd {
	if msg.Err != nil {
		m.below.caption = caption{Text: "Apple could not produce: " + sim.Printable(msg.Err.Error())}
		return nil
	}
	m.ret.SetCase(msg.Case)
	m.scr.showRet = true
	if len(msg.Case.Report.Return.Rows()) > 0 {
		m.below.guide.tick(foundReturn)
	}
	m.below.caption = producedCaption(msg.Case)
	if m.scr.layout.Mode == Narrow {
		return m.setFocus(PaneLog)
	}
	m.relayout()
	return m.log.Fetch()
}

// producedCaption says what the newest production holds and lost.
func producedCaption(c returnpane.Case) caption {
	p := c.Productions[len(c.Productions)-1]
	text := fmt.Sprintf("Production %d: %s.", len(c.Productions), sim.Plural(len(p.Rows), "record", "records"))
	if n := p.ExpiredSinceEarlier(c.Report.Return); n > 0 {
		text += fmt.Sprintf(" %s from earlier productions had expired — gone from Apple, kept only by police.", sim.Plural(n, "row", "rows"))
	} else if !p.Expired.Empty() {
		text += " Rows before " + p.Cutoff.UTC().Format("2006-01-02 15:04") + " had expired and are not in it."
	}
	text += " Police so far: " + strings.TrimSuffix(c.Report.Inference.Headline, ".") + "."
	return caption{Text: text, Source: sim.RetentionSource(c.Retention)}
}

func (m *Model) switchLogView() tea.Cmd {
	m.scr.showRet = !m.scr.showRet
	m.relayout()
	return m.log.Fetch()
}

func (m *Model) toggleEducator() tea.Cmd {
	if m.ret.Case() == nil {
		m.below.caption = caption{Text: "The educator overlay marks rows of a return: serve an order first (alt+o)."}
		return nil
	}
	m.ret.ToggleEducator()
	m.scr.showRet = true
	m.relayout()
	return nil
}

func (m *Model) exportReturn() tea.Cmd {
	c := m.ret.Case()
	if c == nil {
		m.below.caption = caption{Text: "Nothing to export yet: serve an order first (alt+o)."}
		return nil
	}
	return returnpane.ExportCmd(c.Report, m.engine.exportDir, returnpane.ExportBase(*c))
}

func (m *Model) handleExported(msg returnpane.ExportedMsg) {
	if msg.Err != nil {
		m.below.caption = caption{Text: "Export failed: " + sim.Printable(msg.Err.Error())}
		return
	}
	m.ret.AddExported(msg.Paths)
	m.below.caption = caption{Text: exportedText(msg.Paths)}
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
	c := m.ret.Case()
	if c == nil || !m.ret.Educator() {
		return nil
	}
	return returnpane.RefreshTruthCmd(m.engine.store, *c)
}

// Case is the court case on screen (nil before an order is served): the
// order, its productions and the return, for a presenter or a test that
// checks what a caption claims against what the screen shows.
func (m Model) Case() *returnpane.Case { return m.ret.Case() }
