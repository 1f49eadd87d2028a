package serve

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
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

// logLines is Apple's whole log as the app's log pane lays it out: the
// longest form of the table that fits the width (dates, then country codes
// and headers shorten; a handle is never cut, a row takes two lines
// before that), a who column naming students and the scenario's people,
// and the design of each row once comparison rows are in it. The newest
// rows that fit in room lines are shown.
func (c *console) logLines(room int) []string {
	if len(c.data.tail) == 0 {
		return []string{c.st.header.Render("Apple's log"), "Nothing logged yet. When a student types a complete number, its row appears here."}
	}
	t := common.LayoutLogTable(c.data.tail, max(c.width, 1), common.WhoOf(c.com.Snap), true)
	var rows []string
	for i := len(t.Rows) - 1; i >= 0 && len(rows)+len(t.Rows[i]) <= room-1; i-- {
		rows = append(slices.Clone(t.Rows[i]), rows...)
	}
	return append([]string{c.st.header.Render(t.Header)}, rows...)
}

// rosterHeader names the roster's columns. When the console is narrow the
// cellular IP, then the Wi-Fi IP, then the platform give way, so each
// student's number, status and lookups stay on a projector's 80 columns.
func rosterHeader() []string {
	return []string{"Name", "Number", "Wi-Fi IP", "Cellular IP", "Phone", "Status", "Lookups"}
}

func (c *console) rosterLines() []string {
	if len(c.data.roster) == 0 {
		return []string{c.st.header.Render("  " + strings.Join(rosterHeader(), "  ")), "  Nobody has joined yet."}
	}
	cells := [][]string{rosterHeader()}
	for _, r := range c.data.roster {
		phone, status := "iPhone", "○ away"
		if r.Android {
			phone = "Android"
		}
		if r.Online {
			status = "● online"
		}
		cells = append(cells, []string{r.Name, r.Number.Address(), r.WiFiIP, r.CellIP, phone, status, strconv.Itoa(r.Lookups)})
	}
	keep := fitColumns(cells, c.width-2, []int{3, 2, 4})
	out := make([]string, len(cells))
	for i, row := range cells {
		mark := "  "
		if i-1 == c.sel {
			mark = "▶ "
		}
		line := mark + joinColumns(row, keep)
		switch {
		case i == 0:
			line = c.st.header.Render(line)
		case i-1 == c.sel:
			line = c.st.selected.Render(line)
		}
		out[i] = line
	}
	return out
}

// fitColumns is the width of each column of rows (0: dropped), dropping
// the columns in drop, in order, until the rest fit in width with two
// spaces between them.
func fitColumns(rows [][]string, width int, drop []int) []int {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], ansi.StringWidth(cell))
		}
	}
	total := func() int {
		n := 0
		for _, w := range widths {
			if w > 0 {
				n += w + 2
			}
		}
		return n - 2
	}
	for _, d := range drop {
		if total() <= width {
			break
		}
		widths[d] = 0
	}
	return widths
}

// joinColumns writes row's cells padded to widths, skipping dropped ones.
func joinColumns(row []string, widths []int) string {
	var parts []string
	for i, cell := range row {
		if widths[i] > 0 {
			parts = append(parts, cell+strings.Repeat(" ", widths[i]-ansi.StringWidth(cell)))
		}
	}
	return strings.TrimRight(strings.Join(parts, "  "), " ")
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
