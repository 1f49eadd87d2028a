package logpane

import (
	"strings"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/common"

	"github.com/charmbracelet/x/ansi"
)

import ()

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
	return common.Fit(cut+"["+name+"]"+rest, ansi.StringWidth(t.header))
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
		widths[i] = common.CellWidth(h)
	}
	for _, row := range cells {
		for i, c := range row {
			widths[i] = max(widths[i], common.CellWidth(c))
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
			parts[i] = common.Fit(c, widths[i])
		}
		return common.Fit("  "+strings.Join(parts, sep), width)
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
