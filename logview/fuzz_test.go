package logview_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"bluegreen/logview"
)

// FuzzCSVCell: any value survives a CSV round trip as CSVCell made it.
func FuzzCSVCell(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cell := logview.CSVCell(s)
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.UseCRLF = true
		if err := w.Write([]string{cell, "x"}); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		rec, err := csv.NewReader(&b).Read()
		if err != nil {
			t.Fatalf("CSVCell(%q) = %q: read back: %v", s, cell, err)
		}
		if len(rec) != 2 || rec[0] != cell {
			t.Fatalf("CSVCell(%q) = %q read back as %q", s, cell, rec)
		}
	})
}
