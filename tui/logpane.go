package tui

import (
	"context"
	"fmt"
	"strings"

	"bluegreen/logview"
	"bluegreen/sim"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// logPane shows Apple's log as police receive it. It holds only the rows
// on screen: a million-row log costs no more to draw than ten.
type logPane struct {
	store     sim.LogStore
	retention sim.Retention
	total     int
	distinct  int
	offset    int  // index of the first row on screen
	follow    bool // keep the newest row in view
	rows      []sim.LogEntry
	landed    int64 // rows with an ID above this landed with the latest lookup
	maxID     int64 // the highest ID seen
	fetches   uint64
	primed    bool // the first fetch has arrived: rows already there are not "new"
	column    int  // the column in focus, for its lesson card; -1 = none
	err       error
}

// logRowsMsg carries the rows of one fetch.
type logRowsMsg struct {
	Fetch    uint64
	Total    int
	Distinct int
	Offset   int
	Rows     []sim.LogEntry
	Err      error
}

const logChromeRows = 3 // the header line, the column line, and a spare for the notice

func newLogPane(store sim.LogStore, retention sim.Retention) logPane {
	return logPane{store: store, retention: retention, follow: true, column: -1}
}

// visibleRows is how many log rows fit in a pane of height h.
func visibleRows(h int) int { return max(h-2-logChromeRows, 1) }

// fetch asks the store for the rows that fit in height h, off the UI goroutine.
func (p *logPane) fetch(h int) tea.Cmd {
	p.fetches++
	fetchID, store, offset, follow, limit := p.fetches, p.store, p.offset, p.follow, visibleRows(h)
	return func() tea.Msg {
		return readLog(context.Background(), store, fetchID, offset, limit, follow)
	}
}

func readLog(ctx context.Context, store sim.LogStore, fetchID uint64, offset, limit int, follow bool) logRowsMsg {
	msg := logRowsMsg{Fetch: fetchID}
	msg.Total, msg.Distinct, msg.Err = logStats(ctx, store)
	if msg.Err != nil {
		return msg
	}
	if follow || offset > msg.Total-limit {
		offset = msg.Total - limit
	}
	msg.Offset = max(offset, 0)
	msg.Rows, msg.Err = store.Entries(ctx, sim.LogFilter{Offset: msg.Offset, Limit: limit})
	return msg
}

// logStats counts rows and distinct numbers, cheaply when the store can.
func logStats(ctx context.Context, store sim.LogStore) (rows, distinct int, err error) {
	if s, ok := store.(sim.LogStats); ok {
		return s.Stats(ctx)
	}
	all, err := store.Entries(ctx, sim.LogFilter{})
	if err != nil {
		return 0, 0, err
	}
	seen := map[sim.Handle]bool{}
	for _, e := range all {
		seen[e.LookupHandle] = true
	}
	return len(all), len(seen), nil
}

// apply takes in a fetch's rows unless a newer fetch was asked for.
func (p *logPane) apply(msg logRowsMsg) {
	if msg.Fetch != p.fetches {
		return
	}
	p.err = msg.Err
	if msg.Err != nil {
		return
	}
	p.total, p.distinct, p.offset, p.rows = msg.Total, msg.Distinct, msg.Offset, msg.Rows
	for _, r := range msg.Rows {
		p.maxID = max(p.maxID, r.ID)
	}
	if !p.primed {
		p.primed, p.landed = true, p.maxID
	}
}

// markLanded remembers which rows are new when the next fetch arrives.
func (p *logPane) markLanded() { p.landed = p.maxID }

// scroll moves the window by delta rows; it follows again at the bottom.
func (p *logPane) scroll(delta, h int) tea.Cmd {
	limit := visibleRows(h)
	p.offset = min(max(p.offset+delta, 0), max(p.total-limit, 0))
	p.follow = p.offset >= p.total-limit
	return p.fetch(h)
}

func (p *logPane) scrollToEnd(newest bool, h int) tea.Cmd {
	if newest {
		p.follow = true
	} else {
		p.offset, p.follow = 0, false
	}
	return p.fetch(h)
}

// view draws the pane at w × h.
func (p logPane) view(s Styles, w, h int, focused bool) string {
	inner := w - 2
	lines := []string{s.Faint.Render(p.header())}
	if p.err != nil {
		lines = append(lines, s.Warning.Render("cannot read the log: "+sim.Printable(p.err.Error())))
	}
	table := layoutLogTable(p.rows, inner)
	lines = append(lines, s.Bold.Render(table.headerWithFocus(p.column, focused)))
	for i, r := range p.rows {
		line := table.lines[i]
		switch {
		case r.ID > p.landed:
			line = s.rows.highlight.apply(fit("▶"+strings.TrimPrefix(line, " "), inner))
		case r.LookupDevices > 0:
			line = s.rows.text.apply(line)
		default:
			line = s.rows.faint.apply(line)
		}
		lines = append(lines, line)
	}
	if p.total == 0 {
		lines = append(lines, s.Faint.Render("(empty — type a number in the To: field)"))
	}
	return s.frame("Apple's log — as police receive it", lines, w, h, focused)
}

func (p logPane) header() string {
	pos := ""
	if p.total > len(p.rows) && len(p.rows) > 0 {
		pos = fmt.Sprintf(" · rows %d–%d", p.offset+1, p.offset+len(p.rows))
	}
	return fmt.Sprintf("%s · %s · Apple says it keeps them %d days (%s)%s",
		plural(p.total, "row", "rows"), plural(p.distinct, "number", "numbers"), p.retention.Days(), p.retention.Name, pos)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// logTable is the rows laid out to a width.
type logTable struct {
	header  string
	lines   []string
	columns []string // the header cells as laid out
	starts  []int    // where each column starts in header, in cells
}

// headerWithFocus marks the column in focus with brackets (not colour alone).
func (t logTable) headerWithFocus(column int, focused bool) string {
	if !focused || column < 0 || column >= len(t.columns) {
		return t.header
	}
	start := t.starts[column]
	name := t.columns[column]
	cut := ansi.Cut(t.header, 0, max(start-1, 0))
	rest := ansi.Cut(t.header, start+ansi.StringWidth(name)+1, ansi.StringWidth(t.header))
	return fit(cut+"["+name+"]"+rest, ansi.StringWidth(t.header))
}

// layoutLogTable lays the five police columns out in width cells, using
// shorter forms (no URI scheme, shorter dates) only when the full ones do
// not fit.
func layoutLogTable(rows []sim.LogEntry, width int) logTable {
	const levels = 4
	full := fullCells(rows)
	for level := range levels {
		header, cells := logCells(full, level)
		widths := columnWidths(header, cells)
		gap := 3
		if level >= 2 {
			gap = 2
		}
		spare := width - 2 - gap*(len(widths)-1) - sum(widths)
		if spare >= 0 || level == levels-1 {
			if spare < 0 {
				widths[1] = max(widths[1]+spare, 3) // the source is usually "you" on every row: shorten it first
			}
			return renderTable(header, cells, widths, gap, width)
		}
	}
	return logTable{}
}

// fullCells formats the rows once, in the police columns' full form.
func fullCells(rows []sim.LogEntry) [][]string {
	cells := make([][]string, len(rows))
	for i, r := range rows {
		c := logview.Cells(r)
		for j := range c {
			c[j] = sim.Printable(c[j])
		}
		cells[i] = c
	}
	return cells
}

// logCells derives a level's shorter forms from the full cells: handles
// without their URI scheme (level 1+), the date without its year (2+).
func logCells(full [][]string, level int) ([]string, [][]string) {
	header := logview.Columns()
	switch level {
	case 1, 2:
		header = []string{"Date/Time UTC", "Source", "Lookup", "Client IP", "Devices"}
	case 3:
		header = []string{"UTC", "Source", "Lookup", "Client IP", "Dev"}
	}
	if level == 0 {
		return header, full
	}
	cells := make([][]string, len(full))
	for i, f := range full {
		c := append([]string(nil), f...)
		c[1], c[2] = sim.Handle(c[1]).Address(), sim.Handle(c[2]).Address()
		if level > 1 && len(c[0]) > len("2006-") {
			c[0] = c[0][len("2006-"):]
		}
		cells[i] = c
	}
	return header, cells
}

func columnWidths(header []string, cells [][]string) []int {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = cellWidth(h)
	}
	for _, row := range cells {
		for i, c := range row {
			widths[i] = max(widths[i], cellWidth(c))
		}
	}
	return widths
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func renderTable(header []string, cells [][]string, widths []int, gap, width int) logTable {
	sep := strings.Repeat(" ", gap)
	join := func(row []string) string {
		parts := make([]string, len(row))
		for i, c := range row {
			parts[i] = fit(c, widths[i])
		}
		return fit("  "+strings.Join(parts, sep), width)
	}
	t := logTable{header: join(header), columns: header}
	pos := 2
	for i := range header {
		t.starts = append(t.starts, pos)
		pos += widths[i] + gap
	}
	for _, row := range cells {
		t.lines = append(t.lines, join(row))
	}
	return t
}
