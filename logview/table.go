// Package logview is the law-enforcement side of bluegreen: what Apple's
// identity-lookup log looks like when police receive it.
package logview

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"bluegreen/sim"
)

// Columns are the five columns of the log as police receive it, in the
// reported order (FACTS.md §2; the exact header spelling is uncertain).
func Columns() []string {
	return []string{"Date/Time (UTC)", "Source handle", "Lookup handle", "Client IP", "Lookup devices"}
}

// TimeLayout is how the log's times are printed: UTC, to the second.
const TimeLayout = "2006-01-02 15:04:05"

// Disclaimer is the caveat the reported law-enforcement table carries.
const Disclaimer = "These logs do not indicate that any communication took place."

// ColumnsNote is the caveat on the columns themselves (FACTS.md §2).
const ColumnsNote = "Columns as reported from the FDLE document; their exact spelling, date format and time zone are an assumption."

// Cells is one log row as the five printed columns, safe for a terminal:
// text from the log passes through Printable.
func Cells(e sim.LogEntry) []string {
	return []string{
		e.Time.UTC().Format(TimeLayout),
		sim.Printable(string(e.SourceHandle)),
		sim.Printable(string(e.LookupHandle)),
		sim.Printable(e.ClientIP),
		DevicesCell(e),
	}
}

// DevicesCell is the device count, or "—" when Apple never learnt which
// handle it was asked about (the private designs).
func DevicesCell(e sim.LogEntry) string {
	if e.LookupHandle == sim.NotLearnt {
		return "—"
	}
	return strconv.Itoa(e.LookupDevices)
}

// DesignColumn heads the column a table gains when any row was written
// under a comparison design.
const DesignColumn = "Design (simulator)"

// HasComparison reports whether any row was written under a design other
// than Apple's, so a table must say which design each row was written under.
func HasComparison(rows []sim.LogEntry) bool {
	for _, e := range rows {
		if e.DesignOrApple() != sim.DesignApple {
			return true
		}
	}
	return false
}

// WriteTable prints rows under the five column headers, aligned, and a
// sixth naming each row's design when any is a comparison.
func WriteTable(w io.Writer, rows []sim.LogEntry, indent string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	designs := HasComparison(rows)
	writeRow(tw, indent, withDesign(Columns(), DesignColumn, designs))
	for _, e := range rows {
		writeRow(tw, indent, withDesign(Cells(e), string(e.DesignOrApple()), designs))
	}
	return tw.Flush()
}

func withDesign(cells []string, design string, add bool) []string {
	if !add {
		return cells
	}
	return append(cells, design)
}

func writeRow(w io.Writer, indent string, cells []string) {
	fmt.Fprint(w, indent)
	for i, c := range cells {
		if i > 0 {
			fmt.Fprint(w, "\t")
		}
		fmt.Fprint(w, c)
	}
	fmt.Fprintln(w)
}

// FormatTime prints t the way the log does.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) + " UTC" }
