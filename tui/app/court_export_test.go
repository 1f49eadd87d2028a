package app

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bluegreen/logview"
	"bluegreen/sim"
)

// Export writes CSV, JSON and text that their parsers read back with the
// return's rows, and a second export never overwrites the first.
func TestExportReadsBackAndNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	h := startWith(t, Options{Theme: "dark", ExportDir: dir}, 160, 45)

	h.press("alt+e") // nothing served yet
	mustContain(t, "caption", h.screen(), "Nothing to export yet")
	if files := listDir(t, dir); len(files) != 0 {
		t.Fatalf("export without an order wrote %v", files)
	}

	h.abandonAndMessageAna()
	c := h.serve()
	want := rowTexts(c.Report.Return.Rows())
	h.press("alt+e")
	first := listDir(t, dir)
	if len(first) != 3 {
		t.Fatalf("first export wrote %v, want CSV, JSON and text", first)
	}
	mustContain(t, "caption", words(h.screen()), "Exported to", strings.TrimSuffix(first[0], ".csv")+".{csv,json,txt}")
	contents := map[string][]byte{}
	for _, f := range first {
		contents[f] = readFile(t, filepath.Join(dir, f))
	}

	for _, f := range first {
		path := filepath.Join(dir, f)
		switch filepath.Ext(f) {
		case ".csv":
			recs, err := csv.NewReader(bytes.NewReader(contents[f])).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if len(recs) != 1+len(want) || !slices.Equal(recs[0], logview.Columns()) {
				t.Fatalf("%s: %d records, header %q; want a header and %d rows", f, len(recs), recs[0], len(want))
			}
			for i, r := range recs[1:] {
				if r[2] != string(c.Report.Return.Rows()[i].LookupHandle) || r[3] != wifiIP {
					t.Errorf("%s row %d = %q", f, i+1, r)
				}
			}
		case ".json":
			var doc struct {
				Return struct {
					Kind        string `json:"kind"`
					Productions []struct {
						RecordCount int            `json:"record_count"`
						Rows        []sim.LogEntry `json:"rows"`
					} `json:"productions"`
				} `json:"return"`
				Inference struct {
					Headline string `json:"headline"`
				} `json:"inference"`
			}
			if err := json.Unmarshal(contents[f], &doc); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			p := doc.Return.Productions
			if doc.Return.Kind != "pen-register" || len(p) != 1 || p[0].RecordCount != len(want) || len(p[0].Rows) != len(want) {
				t.Fatalf("%s: %+v; want one production of %d rows", f, doc.Return, len(want))
			}
			if got := rowTexts(p[0].Rows); !slices.Equal(got, want) {
				t.Errorf("%s rows %q, want %q", f, got, want)
			}
			if !strings.HasPrefix(doc.Inference.Headline, "2 lookups of 2 numbers") {
				t.Errorf("%s headline %q", f, doc.Inference.Headline)
			}
		case ".txt":
			mustContain(t, path, string(contents[f]), "RETURN ON A PEN REGISTER ORDER", "tel:+14155550199", logview.Disclaimer)
		default:
			t.Errorf("unexpected export %s", f)
		}
	}

	h.press("alt+e")
	all := listDir(t, dir)
	if len(all) != 6 {
		t.Fatalf("after a second export the directory holds %v, want 6 files", all)
	}
	for f, b := range contents {
		if got := readFile(t, filepath.Join(dir, f)); !bytes.Equal(got, b) {
			t.Errorf("the second export overwrote %s", f)
		}
	}
	if got := len(h.m.ret.Case().Exported); got != 6 {
		t.Errorf("the case remembers %d exported paths, want 6", got)
	}
	second := h.m.ret.Case().Exported[3:]
	for _, p := range second {
		if slices.Contains(first, filepath.Base(p)) {
			t.Errorf("second export reused the name %s", p)
		}
	}
}

func TestExportIntoMissingDirectorySaysSo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "no", "such", "dir")
	h := startWith(t, Options{Theme: "dark", ExportDir: dir}, 160, 45)
	h.abandonAndMessageAna()
	h.serve()
	h.press("alt+e")
	mustContain(t, "caption", words(h.screen()), "Export failed:")
	if len(h.m.ret.Case().Exported) != 0 {
		t.Errorf("a failed export is remembered as %v", h.m.ret.Case().Exported)
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The educator overlay marks rows beside the return and never changes the
// return's rows, at any width; turned off, the pane is as it was.
func TestEducatorOverlayNeverChangesTheRows(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.press("alt+u") // before any order: says why, changes nothing
	mustContain(t, "caption", words(h.screen()), "serve an order first")
	if h.m.ret.Educator() {
		t.Fatal("the overlay turned on with no return to mark")
	}

	h.abandonAndMessageAna()
	c := h.serve()
	report, text := c.Report, slices.Clone(c.Text)
	want := rowTexts(report.Return.Rows())
	widths := []int{80, 120, 160, 200}
	off := map[int]string{}
	for _, w := range widths {
		off[w] = h.returnPane(w)
		if got := shownRows(off[w]); !slices.Equal(got, want) {
			t.Fatalf("overlay off, width %d: rows %q, want %q", w, got, want)
		}
		mustNotContain(t, "return", off[w], "EDUCATOR OVERLAY", "✗", "✓")
	}

	h.press("alt+u")
	if !h.m.ret.Educator() {
		t.Fatal("alt+u did not turn the overlay on")
	}
	if h.m.ret.Case().Report != report || !slices.Equal(h.m.ret.Case().Text, text) {
		t.Error("turning the overlay on changed the report or its text")
	}
	for _, w := range widths {
		on := h.returnPane(w)
		if got := shownRows(on); !slices.Equal(got, want) {
			t.Errorf("overlay on, width %d: rows %q, want %q", w, got, want)
		}
		fl := flat(on)
		mustContain(t, "return with overlay", fl,
			"EDUCATOR OVERLAY — simulator ground truth, NOT part of the return: 1 of 2 returned rows never led to a message")
		marks := []string{"✗ " + want[0], "✓ " + want[1]} // the abandoned number: never messaged; Ana: messaged
		if got := markedRows(on); !slices.Equal(got, marks) {
			t.Errorf("overlay on, width %d: marked rows %q, want %q", w, got, marks)
		}
	}
	mustContain(t, "screen", h.screen(), "EDUCATOR OVERLAY")

	h.press("alt+u")
	for _, w := range widths {
		if got := h.returnPane(w); got != off[w] {
			t.Errorf("width %d: the pane after the overlay was turned off differs from before", w)
		}
	}
}
