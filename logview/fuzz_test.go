package logview_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"

	"bluegreen/logview"
)

func FuzzPrintable(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := logview.Printable(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Printable(%q) = %q: invalid UTF-8", s, out)
		}
		if strings.ContainsFunc(out, func(r rune) bool { return r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == '\u202e' }) {
			t.Fatalf("Printable(%q) = %q keeps a control character", s, out)
		}
		if logview.Printable(out) != out {
			t.Fatalf("Printable is not idempotent on %q", s)
		}
	})
}

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
