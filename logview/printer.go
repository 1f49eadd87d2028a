package logview

import (
	"fmt"
	"io"

	"bluegreen/sim"
)

// Printer writes plain text line by line and keeps the first write error,
// so a report reads as a plain sequence of lines. It is the one text
// writer of logview's formats and of the command line's reports.
type Printer struct {
	w   io.Writer
	err error
}

// NewPrinter writes to w.
func NewPrinter(w io.Writer) *Printer { return &Printer{w: w} }

// Line writes one formatted line, unless an earlier write failed.
func (p *Printer) Line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

// Table writes rows as the police table, indented.
func (p *Printer) Table(rows []sim.LogEntry, indent string) {
	if p.err == nil {
		p.err = WriteTable(p.w, rows, indent)
	}
}

// Err is the first write error, if any.
func (p *Printer) Err() error { return p.err }
