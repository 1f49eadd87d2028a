package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"bluegreen/logview"
	"bluegreen/sim"
)

func TestCompareJSONReadsBack(t *testing.T) {
	code, out, errOut := runCLI(t, "compare", "--json", "4155550132", "4155550199")
	if code != 0 {
		t.Fatalf("compare exited %d: %s", code, errOut)
	}
	var c logview.Comparison
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("compare --json is not JSON: %v\n%s", err, out)
	}
	byDesign := map[string]logview.CompareRow{}
	for _, r := range c.Rows {
		byDesign[string(r.Design)+"/"+r.Holder] = r
	}
	if len(c.Rows) != 6 || len(c.Lookups) != 2 {
		t.Fatalf("%d rows for %v: want one per design and the relay's", len(c.Rows), c.Lookups)
	}
	want := map[string][4]string{ // time, source, lookup, IP
		"apple/Apple":         {"✓", "✓", "✓", "✓"},
		"hashed/Apple":        {"✓", "✓", "reversible", "✓"},
		"private/Apple":       {"✓", "✓", "✗", "✓"},
		"private+relay/Apple": {"✓", "✓", "reversible", "✗"},
		"private+relay/relay": {"✓", "✗", "✗", "✓"},
		"no-log/Apple":        {"✗", "✗", "✗", "✗"},
	}
	for key, cols := range want {
		r, ok := byDesign[key]
		if !ok || [4]string{r.Time, r.Source, r.Lookup, r.IP} != cols {
			t.Errorf("%s: %+v, want %v", key, r, cols)
		}
	}
	for _, e := range byDesign["private/Apple"].Rows {
		if e.LookupHandle.IsPhone() || strings.Contains(string(e.LookupHandle), "555") {
			t.Errorf("the private design's log holds %s", e.LookupHandle)
		}
	}
	if r := byDesign["no-log/Apple"]; r.StoredRecordsRows != 0 || r.PenRegisterRows != 2 {
		t.Errorf("no-log: stored %d rows, pen register %d; want none and both lookups", r.StoredRecordsRows, r.PenRegisterRows)
	}
	if byDesign["private/Apple"].BytesPerLookup <= 0 || byDesign["apple/Apple"].LatencyMicros <= 0 {
		t.Errorf("bytes and latency must be measured: %+v", byDesign["private/Apple"])
	}
}

func TestCompareTextHasOneRowPerDesign(t *testing.T) {
	code, out, errOut := runCLI(t, "compare", "4155550132", "4155550199")
	if code != 0 {
		t.Fatalf("compare exited %d: %s", code, errOut)
	}
	for _, d := range sim.Designs() {
		if !strings.Contains(out, "\n"+string(d)+" ") {
			t.Errorf("no row for %s:\n%s", d, out)
		}
	}
	if code, _, _ := runCLI(t, "compare", "12"); code != 2 {
		t.Errorf("compare of an incomplete number exited %d, want 2", code)
	}
}

func TestReturnOnAMixedDesignLog(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	for _, step := range [][3]string{
		{"apple", "2016-09-26T16:00:00Z", "4155550132"},
		{"hashed", "2016-09-26T16:05:00Z", "4155550147"},
		{"private", "2016-09-26T16:10:00Z", "4155550163"},
		{"no-log", "2016-09-26T16:15:00Z", "4155550199"},
	} {
		if code, _, errOut := runCLI(t, "lookup", "--db", db, "--design", step[0], "--at", step[1], step[2]); code != 0 {
			t.Fatalf("lookup --design %s exited %d: %s", step[0], code, errOut)
		}
	}
	code, out, errOut := runCLI(t, "return", "--db", db, "--kind", "stored-records", "--target", "4155550100", "--format", "csv")
	if code != 0 {
		t.Fatalf("return exited %d: %s", code, errOut)
	}
	rows := csvRows(t, out)
	if len(rows) != 4 || rows[0][5] != logview.DesignColumn {
		t.Fatalf("return rows %v: want a header with a design column and three rows (no-log kept nothing)", rows)
	}
	for i, want := range [][2]string{{"tel:+14155550132", "apple"}, {"", "hashed"}, {string(sim.NotLearnt), "private"}} {
		r := rows[i+1]
		if r[5] != want[1] || want[0] != "" && r[2] != want[0] || want[1] == "hashed" && len(r[2]) != 20 {
			t.Errorf("row %d = %v, want lookup %q under %s", i+1, r, want[0], want[1])
		}
	}
}
