package serve

import (
	"context"
	"fmt"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"

	tea "charm.land/bubbletea/v2"
)

// consoleData is what one refresh read from the class.
type consoleData struct {
	now    time.Time
	roster []RosterRow
	total  int
	tail   []sim.LogEntry
	names  map[sim.Handle]string
	people []sim.Contact // the students and the scenario's contacts, for the return's names
	graph  Graph
	shown  bool
	design sim.Design
	online int
	err    error
}

// fetch reads the class off the UI goroutine.
func (c *console) fetch() tea.Cmd {
	room, rows, fromRet := c.room, max(c.height-6, 1), c.fromRet
	retRows := append([]sim.LogEntry(nil), c.retRows...)
	graphWanted := c.tab == tabGraph
	return func() tea.Msg {
		return consoleDataMsg{data: readClass(room, rows, graphWanted, fromRet, retRows)}
	}
}

func readClass(room *classroom, rows int, graphWanted, fromRet bool, retRows []sim.LogEntry) consoleData {
	ctx := context.Background()
	log := room.class.Server().Log()
	d := consoleData{now: room.class.Now(), names: room.names(), people: room.people(), design: room.class.Design()}
	if err := room.class.CatchUp(ctx); err != nil {
		d.err = err
	}
	var err error
	if d.roster, err = room.roster(ctx); err != nil {
		d.err = err
		return d
	}
	for _, r := range d.roster {
		if r.Online {
			d.online++
		}
	}
	if d.total, err = log.Count(ctx, sim.LogFilter{}); err != nil {
		d.err = err
		return d
	}
	if d.tail, err = log.Entries(ctx, sim.LogFilter{Offset: max(d.total-rows, 0), Limit: rows}); err != nil {
		d.err = err
	}
	if graphWanted {
		src := retRows
		if !fromRet {
			src, err = log.Entries(ctx, sim.LogFilter{From: room.began, Limit: maxGraphRows})
			if err != nil {
				d.err = err
			}
		}
		d.graph = BuildGraph(src)
	}
	room.mu.Lock()
	d.shown = room.shown != nil
	room.mu.Unlock()
	return d
}

// maxGraphRows bounds the rows the graph reads, so a huge log cannot stall it.
const maxGraphRows = 200_000

func (c *console) name(h sim.Handle) string { return namesFrom(c.data.names)(h) }

func (c *console) logLines() []string {
	out := []string{c.st.header.Render(fmt.Sprintf("%-19s  %-24s  %-24s  %-15s  %s", "Date/Time (UTC)", "Source handle", "Lookup handle", "Client IP", "Devices"))}
	if len(c.data.tail) == 0 {
		return append(out, "Nothing logged yet. When a student types a complete number, its row appears here.")
	}
	for _, e := range c.data.tail {
		cells := logview.Cells(e)
		out = append(out, fmt.Sprintf("%-19s  %-24s  %-24s  %-15s  %s", cells[0],
			c.labelled(e.SourceHandle), c.labelled(e.LookupHandle), cells[3], devicesWord(e.LookupDevices)))
	}
	return out
}

// labelled is a handle with the name the class knows it by.
func (c *console) labelled(h sim.Handle) string {
	addr := sim.Printable(h.Address())
	if n, ok := c.data.names[h]; ok {
		return addr + " " + n
	}
	return addr
}

// devicesWord says the device count with its meaning, not by colour.
func devicesWord(n int) string {
	if n == 0 {
		return "0 (not on iMessage)"
	}
	return fmt.Sprintf("%d (iMessage)", n)
}

func (c *console) rosterLines() []string {
	out := []string{c.st.header.Render(fmt.Sprintf("  %-24s  %-16s  %-15s  %-15s  %-8s  %-9s  %s", "Name", "Number", "Wi-Fi IP", "Cellular IP", "Phone", "Status", "Lookups"))}
	if len(c.data.roster) == 0 {
		return append(out, "  Nobody has joined yet.")
	}
	for i, r := range c.data.roster {
		phone, status := "iPhone", "○ away"
		if r.Android {
			phone = "Android"
		}
		if r.Online {
			status = "● online"
		}
		mark := "  "
		if i == c.sel {
			mark = "▶ "
		}
		line := fmt.Sprintf("%s%-24s  %-16s  %-15s  %-15s  %-8s  %-9s  %d", mark, r.Name, r.Number.Address(), r.WiFiIP, r.CellIP, phone, status, r.Lookups)
		if i == c.sel {
			line = c.st.selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}

func (c *console) graphLines() []string {
	src := "from Apple's log since this class began (what Apple could draw)"
	if c.fromRet {
		src = "from the returns only (what police hold) — g for the whole log"
	} else {
		src += " — g for the returns only"
	}
	out := []string{c.st.header.Render("WHO LOOKED UP WHOM, " + src)}
	if row, ok := c.selected(); ok {
		out = append(out, "", c.st.title.Render("Two hops from "+row.Name+" (↑/↓ chooses another student):"))
		out = append(out, c.data.graph.HopLines(row.Number, c.name)...)
	}
	out = append(out, "", c.st.title.Render("Every edge (──▶ = looked up, ×n = lookups):"))
	return append(out, c.data.graph.EdgeLines(c.name, max(c.height, 10))...)
}

func rowsWord(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// people are everyone the class knows by name, as contacts: the students
// first (a name is theirs in this room), then the scenario's contacts.
func (c *classroom) people() []sim.Contact {
	c.mu.Lock()
	out := make([]sim.Contact, 0, len(c.students))
	for _, st := range c.students {
		out = append(out, sim.Contact{Name: st.Name, Handles: []sim.Handle{st.Number}, Note: "student"})
	}
	c.mu.Unlock()
	return append(out, c.class.Contacts()...)
}
