package serve

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

// The console serves orders with the app's own order form and shows what
// Apple produces in the app's return pane, so a class is taught the same
// law the same way: the kind and its legal standard, the order looking
// forward from its entry or back over retention, each production frozen.

// openForm opens the order form on the selected student, kind chosen and
// the student the target; the instructor may change every field.
func (c *console) openForm(kind logview.OrderKind) tea.Cmd {
	row, ok := c.selected()
	if !ok {
		c.status = "No student yet: an order needs a student to name (↑/↓ on the roster)."
		return nil
	}
	now := c.room.class.Now()
	c.com.Snap.Now = now
	f := orderform.New(c.com)
	f.Fill(orderform.Filled{Kind: string(kind), Target: row.Number.Address(), Case: "CLASS-" + now.UTC().Format("0102-1504")})
	c.form, c.formFor = &f, row.Name
	c.status = fmt.Sprintf("The order names %s (%s). enter serves it on Apple, esc cancels.", row.Name, row.Number.Address())
	return nil
}

// formKey gives a key to the open form (ctrl+c still closes the console).
func (c *console) formKey(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	f, cmd := c.form.Update(msg)
	c.form = &f
	return cmd
}

// formView draws the open form in a frame naming the student.
func (c *console) formView(h int) string {
	c.form.SetSize(max(c.width-2, 10), max(h-2, 1))
	title := "Court order on " + sim.Printable(c.formFor) + " — served on Apple"
	return c.st.com.Frame(title, strings.Split(c.form.View(), "\n"), c.width, h, true)
}

// court handles the form's and the return pane's messages.
func (c *console) court(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case orderform.CancelMsg:
		c.form = nil
		c.status = "No order served."
	case orderform.ServeMsg:
		return c.serve(msg)
	case returnpane.ProducedMsg:
		return c.produced(msg)
	case returnpane.RenewedMsg:
		return c.renewed(msg)
	case returnpane.TruthMsg:
		if msg.Err == nil {
			c.ret.SetTruth(msg.Case)
		}
	case returnpane.ExportedMsg:
		c.exported(msg)
	}
	return nil
}

// serve puts the form's order on Apple and asks for its first production.
// A pen register or trap and trace also makes Apple record the target
// from its entry, whatever the design's own logging (it matters under
// no-log); a stored-records order reaches back over what Apple holds.
func (c *console) serve(msg orderform.ServeMsg) tea.Cmd {
	c.form = nil
	o := msg.Order
	subject := c.data.names[o.Target] // the form's student, or whoever's number the instructor typed instead
	if o.Kind.Forward() {
		from := o.Entered
		if from.IsZero() {
			from = msg.At
		}
		c.room.class.Intercept(sim.Intercept{Kind: string(o.Kind), Target: o.Target, From: from, To: o.Period.To})
	}
	cs := returnpane.Case{Order: o, Retention: c.room.class.Server().Retention(), HeldFrom: c.room.began, Subject: subject}
	c.tab = tabReturn
	c.status = "Order served: " + o.Kind.Title() + " on " + c.who(cs) + ". Apple is producing the records…"
	return returnpane.ProduceCmd(c.store(), cs, msg.At)
}

// who names a case's target as the room knows them.
func (c *console) who(cs returnpane.Case) string {
	if cs.Subject != "" {
		return cs.Subject
	}
	return cs.Order.Target.Address()
}

func (c *console) store() sim.LogStore { return c.room.class.Server().Log() }

// produceNow asks Apple for another production under the order.
func (c *console) produceNow() tea.Cmd {
	cs := c.ret.Case()
	if cs == nil {
		c.status = "No order yet: p, t or r on a student first."
		return nil
	}
	c.tab = tabReturn
	return returnpane.ProduceCmd(c.store(), *cs, c.room.class.Now())
}

func (c *console) produced(msg returnpane.ProducedMsg) tea.Cmd {
	if msg.Err != nil {
		c.status = "Apple could not produce: " + sim.Printable(msg.Err.Error())
		return nil
	}
	c.ret.SetCase(msg.Case)
	rows := msg.Case.Report.Return.Rows()
	c.retRows = mergeRows(c.retRows, rows)
	p := msg.Case.Productions[len(msg.Case.Productions)-1]
	c.status = fmt.Sprintf("Production %d under the %s on %s: %s. Police so far: %s s shows it to the class.",
		len(msg.Case.Productions), msg.Case.Order.Kind.Title(), c.who(msg.Case), sim.Plural(len(p.Rows), "row", "rows"), msg.Case.Report.Inference.Headline)
	return c.fetch()
}

// renew extends the order by the statute's 60 days, granted now on the
// class clock (18 U.S.C. §3123(c)(2)); earlier productions stay as made.
func (c *console) renew() tea.Cmd {
	cs := c.ret.Case()
	if cs == nil {
		c.status = "No order to renew: p, t or r on a student first."
		return nil
	}
	o, err := cs.Order.Renew(c.room.class.Now(), logview.StatuteDays)
	if err != nil {
		c.status = "Not renewed: " + sim.Printable(err.Error())
		return nil
	}
	next := *cs
	next.Order = o
	return returnpane.RenewCmd(c.store(), next)
}

func (c *console) renewed(msg returnpane.RenewedMsg) tea.Cmd {
	if msg.Err != nil {
		c.status = "Could not renew: " + sim.Printable(msg.Err.Error())
		return nil
	}
	c.ret.SetCase(msg.Case)
	o := msg.Case.Order
	if o.Kind.Forward() {
		c.room.class.Intercept(sim.Intercept{Kind: string(o.Kind), Target: o.Target, From: o.Authorised().From, To: o.Authorised().To})
	}
	c.status = fmt.Sprintf("Order renewed (extension %d, 18 U.S.C. §3123(c)(2)): it now runs to %s UTC. n produces again.",
		o.Extensions(), o.Authorised().To.UTC().Format("2006-01-02 15:04"))
	c.tab = tabReturn
	return nil
}

// toggleOverlay shows or hides the educator overlay: the students' names
// beside the return's handles and whether a message followed each lookup
// — simulator truth police never receive.
func (c *console) toggleOverlay() {
	if c.ret.Case() == nil {
		c.status = "The overlay marks a return's rows: serve an order first."
		return
	}
	c.ret.ToggleEducator()
	c.tab = tabReturn
	c.status = "Educator overlay off: the return as police receive it."
	if c.ret.Educator() {
		c.status = "Educator overlay on: names from the roster and ✓/✗ (a message followed) — not part of the return."
	}
}

func (c *console) export() tea.Cmd {
	cs := c.ret.Case()
	if cs == nil {
		c.status = "Nothing to export yet: serve an order first."
		return nil
	}
	dir := c.opts.exportDir
	if dir == "" {
		dir = "."
	}
	return returnpane.ExportCmd(cs.Report, dir, returnpane.ExportBase(*cs))
}

func (c *console) exported(msg returnpane.ExportedMsg) {
	if msg.Err != nil {
		c.status = "Export failed: " + sim.Printable(msg.Err.Error())
		return
	}
	c.ret.AddExported(msg.Paths)
	names := make([]string, len(msg.Paths))
	for i, p := range msg.Paths {
		names[i] = filepath.Base(p)
	}
	c.status = sim.Printable("Exported on the server: " + strings.Join(names, ", ") + " — the CSV holds only what police receive.")
}

// mergeRows adds rows not yet in have (by ID).
func mergeRows(have, rows []sim.LogEntry) []sim.LogEntry {
	seen := make(map[int64]bool, len(have))
	for _, r := range have {
		seen[r.ID] = true
	}
	for _, r := range rows {
		if !seen[r.ID] {
			have = append(have, r)
			seen[r.ID] = true
		}
	}
	return have
}

// showToClass pushes the return on screen to every student, read-only:
// the same case, laid out by each student's screen for its own width.
func (c *console) showToClass() {
	cs := c.ret.Case()
	if cs == nil {
		c.status = "Nothing to show yet: serve an order first (p, t or r)."
		return
	}
	title := fmt.Sprintf("Return on the %s on %s", cs.Order.Kind.Title(), c.who(*cs))
	c.room.show(newShown(title, *cs, c.data.people, c.data.now, c.ret.Educator()))
	c.status = "Shown on every student screen until you press x."
}
