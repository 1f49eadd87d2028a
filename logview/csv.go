package logview

import (
	"encoding/csv"
	"io"
	"strings"
	"time"

	"bluegreen/sim"
)

// ISOLayout is how CSV and JSON print times: ISO 8601 in UTC.
const ISOLayout = time.RFC3339Nano

// WriteCSV writes rows as RFC 4180 CSV (CRLF line ends, quoted where
// needed) under the five column headers, times in ISO 8601 UTC.
func WriteCSV(w io.Writer, rows []sim.LogEntry) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	designs := HasComparison(rows)
	if err := cw.Write(withDesign(Columns(), DesignColumn, designs)); err != nil {
		return err
	}
	for _, e := range rows {
		if err := cw.Write(withDesign(csvRecord(e), string(e.DesignOrApple()), designs)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvRecord(e sim.LogEntry) []string {
	return []string{
		e.Time.UTC().Format(ISOLayout),
		CSVCell(string(e.SourceHandle)),
		CSVCell(string(e.LookupHandle)),
		CSVCell(e.ClientIP),
		DevicesCell(e),
	}
}

// CSVCell makes a value from the log safe in a CSV file that may be shown
// on a terminal or opened in a spreadsheet: control characters other than
// newline and tab become visible escapes (the CSV writer quotes the rest),
// and a leading = + - @ or tab gets a ' so no spreadsheet runs it as a formula.
func CSVCell(s string) string {
	s = sim.PrintableKeeping(s, csvKeeps)
	if s != "" && strings.ContainsRune("=+-@\t", rune(s[0])) {
		s = "'" + s
	}
	return s
}
