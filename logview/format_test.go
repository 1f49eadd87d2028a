package logview_test

import (
	hostileset "bluegreen/internal/hostile"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"bluegreen/logview"
	"bluegreen/sim"
)

// hostile are names a crafted database could hold in its text columns, and
// the shared set, so every
// output path meets the same strings.
var hostile = append([]string{
	`mailto:"Smith, Jr."@example.com`,
	"tel:+14155550132\nFAKE ROW,tel:+1,1.2.3.4,9",
	"mailto:\x1b[31mred\x1b[0m\x1b]0;pwned\x07@example.com",
	"=HYPERLINK(\"http://example.com\")",
	"tel:\u202e2310555514+",
	"mailto:\u009b2J\r@example.com",
	"\xff\xfe not UTF-8",
}, hostileset.Strings()...)

func hostileLog(t *testing.T) *sim.MemoryLog {
	t.Helper()
	var rows []row
	for i, name := range hostile {
		at := produced.Add(-time.Duration(i+1) * time.Hour)
		rows = append(rows, row{at: at, source: you, lookup: sim.Handle(name), ip: name})
	}
	return logOf(t, rows...)
}

func hostileReport(t *testing.T) *logview.Report {
	t.Helper()
	o := order(logview.PenRegister, you, produced.Add(-10*24*time.Hour), produced)
	o.Case = "CASE\x1b[2J"
	r, err := logview.BuildReport(context.Background(), hostileLog(t), logview.Request{Order: o, Retention: keep2016, Produced: []time.Time{produced}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func render(t *testing.T, w interface {
	Write(*bytes.Buffer, logview.Format) error
}, f logview.Format) string {
	t.Helper()
	var b bytes.Buffer
	if err := w.Write(&b, f); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

type reportWriter struct{ r *logview.Report }

func (w reportWriter) Write(b *bytes.Buffer, f logview.Format) error { return w.r.Write(b, f) }

// assertTerminalSafe: nothing a terminal would act on survives.
func assertTerminalSafe(t *testing.T, format, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s output is not valid UTF-8", format)
	}
	for _, r := range out {
		if r == '\x1b' || r == '\x07' || r == '\r' && format != "csv" || r >= 0x80 && r <= 0x9f || r == '\u202e' {
			t.Errorf("%s output carries %U", format, r)
		}
	}
}

func TestCSVSurvivesHostileNames(t *testing.T) {
	out := render(t, reportWriter{hostileReport(t)}, logview.FormatCSV)
	assertTerminalSafe(t, "csv", strings.ReplaceAll(out, "\r\n", "\n"))
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read it back: %v\n%s", err, out)
	}
	if len(records) != 1+len(hostile) {
		t.Fatalf("%d records, want a header and %d rows", len(records), len(hostile))
	}
	if strings.Join(records[0], "|") != strings.Join(logview.Columns(), "|") {
		t.Errorf("header %q", records[0])
	}
	// Rows come oldest first: the last hostile name is the oldest row.
	for i, rec := range records[1:] {
		name := hostile[len(hostile)-1-i]
		if len(rec) != 5 {
			t.Fatalf("row %d has %d fields", i, len(rec))
		}
		if rec[2] != logview.CSVCell(name) || rec[3] != logview.CSVCell(name) {
			t.Errorf("row %d read back %q, want %q", i, rec[2], logview.CSVCell(name))
		}
		if _, err := time.Parse(time.RFC3339, rec[0]); err != nil || !strings.HasSuffix(rec[0], "Z") {
			t.Errorf("row %d time %q is not ISO 8601 UTC", i, rec[0])
		}
	}
	if got := logview.CSVCell(hostile[0]); got != hostile[0] {
		t.Errorf("commas and quotes must survive as they are: %q", got)
	}
	if got := logview.CSVCell(hostile[1]); got != hostile[1] {
		t.Errorf("newlines must survive as they are: %q", got)
	}
	if got := logview.CSVCell(hostile[3]); !strings.HasPrefix(got, "'=") {
		t.Errorf("formula not neutralised: %q", got)
	}
}

func TestTextNeutralisesHostileNames(t *testing.T) {
	out := render(t, reportWriter{hostileReport(t)}, logview.FormatText)
	assertTerminalSafe(t, "text", out)
	if strings.Contains(out, "\nFAKE ROW") {
		t.Error("a newline in a handle started a line of its own")
	}
	for _, want := range []string{`\x1b[31mred`, `\u202e`, `\u009b2J\r`, `\xff\xfe`, `CASE\x1b[2J`} {
		if !strings.Contains(out, want) {
			t.Errorf("text output does not show %q visibly", want)
		}
	}
}

func TestJSONIsValidAndSafe(t *testing.T) {
	r := hostileReport(t)
	out := render(t, reportWriter{r}, logview.FormatJSON)
	assertTerminalSafe(t, "json", out)
	var doc struct {
		Return struct {
			Productions []struct {
				Rows []sim.LogEntry `json:"rows"`
			} `json:"productions"`
		} `json:"return"`
		Truth map[string]any `json:"simulator_ground_truth"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	rows := doc.Return.Productions[0].Rows
	if len(rows) != len(hostile) || string(rows[len(rows)-3].LookupHandle) != hostile[2] {
		t.Errorf("JSON must carry the data itself (escaped, not altered): got %q", rows[len(rows)-3].LookupHandle)
	}
	if doc.Truth["returned_rows"] != float64(len(hostile)) {
		t.Errorf("ground truth beside the return: %v", doc.Truth)
	}
	if strings.Contains(out[:strings.Index(out, `"simulator_ground_truth"`)], "messaged") {
		t.Error("ground truth leaked inside the return")
	}
}

func TestDoneWhenReturn(t *testing.T) {
	// The sequence: lookups on 1 Aug, 1 Sep and 20 Sep, produced 28 Sep.
	store := logOf(t,
		row{at: time.Date(2016, 8, 1, 10, 0, 0, 0, time.UTC), source: you, lookup: ana},
		row{at: time.Date(2016, 9, 1, 10, 0, 0, 0, time.UTC), source: you, lookup: ben},
		row{at: time.Date(2016, 9, 20, 10, 0, 0, 0, time.UTC), source: you, lookup: dev},
	)
	o := order(logview.PenRegister, you, time.Date(2016, 8, 1, 0, 0, 0, 0, time.UTC), time.Date(2016, 9, 30, 0, 0, 0, 0, time.UTC))
	for keep, want := range map[sim.Retention]int{keep2016: 2, keepNow: 1} {
		r, err := logview.BuildReport(context.Background(), store, logview.Request{Order: o, Retention: keep, Produced: []time.Time{produced}})
		if err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(strings.NewReader(render(t, reportWriter{r}, logview.FormatCSV))).ReadAll()
		if err != nil || len(records) != 1+want {
			t.Errorf("%s: %d CSV records, %v; want a header and %d rows", keep.Name, len(records), err, want)
		}
	}
	r, _ := logview.BuildReport(context.Background(), store, logview.Request{Order: o, Retention: keep2016, Produced: []time.Time{produced}})
	text := render(t, reportWriter{r}, logview.FormatText)
	for _, want := range []string{
		logview.Disclaimer,
		"Headline: 2 lookups of 2 handles (1 number, 1 address) from 1 place (simulated) over 19 days",
		"Case:        2016-PR-0042",
		"Period:      2016-08-01 00:00:00 UTC to 2016-09-30 00:00:00 UTC (60 days), from the order's entry",
		"Legal basis: 18 U.S.C. §§3121–3127",
		"Simulator rule (assumption): how Apple really answers these orders for this log is not public",
		"Reach:       forward only, from the order's entry",
		"No longer included — expired before this production: 2016-08-01 00:00:00 UTC to 2016-08-29 00:00:00 UTC (28 days)",
		"Not yet included — after this production",
		"2 of 2 returned rows never led to a message",
		"San Francisco, CA (city-level)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text return lacks %q\n%s", want, text)
		}
	}
}

func TestGroundTruthCountsMessagedRows(t *testing.T) {
	ctx := context.Background()
	base := produced.Add(-2 * 24 * time.Hour)
	store := logOf(t,
		row{at: base, source: you, lookup: ana},
		row{at: base.Add(time.Hour), source: you, lookup: ben},
		row{at: base.Add(2 * time.Hour), source: you, lookup: ana},
	)
	if err := store.MarkMessaged(ctx, you, ana, base.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	rows, _ := store.Entries(ctx, sim.LogFilter{})
	g, err := logview.Truth(ctx, store, rows)
	if err != nil {
		t.Fatal(err)
	}
	if g.Returned != 3 || g.Messaged != 1 || g.NeverMessaged != 2 || g.ByTrigger[0].Count != 3 {
		t.Errorf("ground truth %+v; want 1 messaged, 2 never", g)
	}
	if !strings.HasPrefix(g.Sentence(), "2 of 3 returned rows never led to a message") {
		t.Errorf("Sentence = %q", g.Sentence())
	}
}

func TestInference(t *testing.T) {
	places, err := logview.LoadPlaces()
	if err != nil {
		t.Fatal(err)
	}
	day1 := time.Date(2016, 9, 1, 0, 0, 0, 0, time.UTC)
	rows := []sim.LogEntry{
		{ID: 1, Time: day1.Add(8 * time.Hour), SourceHandle: you, LookupHandle: ana, ClientIP: "203.0.113.24"},
		{ID: 2, Time: day1.Add(9 * time.Hour), SourceHandle: you, LookupHandle: ben, ClientIP: "198.51.100.77"},
		{ID: 3, Time: day1.Add(29*24*time.Hour + 8*time.Hour), SourceHandle: you, LookupHandle: ana, ClientIP: "203.0.113.200"},
		{ID: 4, Time: day1.Add(29*24*time.Hour + 23*time.Hour), SourceHandle: you, LookupHandle: ana, ClientIP: "203.0.113.24"},
	}
	inf := logview.Infer(logview.PenRegister, rows, places)
	if want := "4 lookups of 2 numbers from 3 places (simulated) over 30 days"; inf.Headline != want {
		t.Errorf("Headline = %q, want %q", inf.Headline, want)
	}
	if inf.ByHourUTC[8] != 2 || inf.ByHourUTC[9] != 1 || inf.ByHourUTC[23] != 1 {
		t.Errorf("ByHourUTC = %v", inf.ByHourUTC)
	}
	top := inf.Counterparts[0]
	if top.Handle != ana || top.Count != 3 || !top.First.Equal(rows[0].Time) || !top.Last.Equal(rows[3].Time) {
		t.Errorf("top counterpart %+v", top)
	}
	if home := inf.Places[0]; home.Count != 2 || !strings.Contains(home.Network, "residential ISP") || len(home.IPs) != 1 {
		t.Errorf("top place %+v", home)
	}
	if got := logview.Infer(logview.PenRegister, nil, places).Headline; !strings.Contains(got, "no rows") {
		t.Errorf("empty headline %q", got)
	}
}

// Places are coarse: an IP gives a city, an ISP or a carrier gateway,
// never a home or an office at street level.
func TestPlacesAreCoarse(t *testing.T) {
	places, err := logview.LoadPlaces()
	if err != nil {
		t.Fatal(err)
	}
	for _, ip := range []string{"203.0.113.24", "203.0.113.200", "198.51.100.77", "198.51.100.200", "192.0.2.1", "2001:db8::1", "2001:db8:1::1"} {
		p := places.Lookup(ip)
		for _, street := range []string{"Home,", "Office,", "Café,", "District", "Street", "Temescal", "South of Market"} {
			if strings.Contains(p.Name, street) {
				t.Errorf("%s is placed at %q: finer than IP geolocation gives", ip, p.Name)
			}
		}
	}
	if p := places.Lookup("198.51.100.77"); !strings.Contains(p.Name+p.Network, "gateway") {
		t.Errorf("the cellular IP %+v must be labelled a carrier gateway", p)
	}
}

func TestPlacesCoverTheDocumentationRanges(t *testing.T) {
	places, err := logview.LoadPlaces()
	if err != nil {
		t.Fatal(err)
	}
	for _, ip := range []string{"192.0.2.1", "198.51.100.1", "198.51.100.200", "203.0.113.1", "203.0.113.250", "2001:db8::1", "2001:db8:1::1", "2001:db8:ffff::1", "::ffff:203.0.113.24"} {
		if p := places.Lookup(ip); !p.Known {
			t.Errorf("%s is not in the simulated table", ip)
		}
	}
	for _, ip := range []string{"8.8.8.8", "not an ip", ""} {
		if p := places.Lookup(ip); p.Known {
			t.Errorf("%s placed at %s; only documentation ranges are simulated", ip, p.Name)
		}
	}
}

type snapshotWriter struct{ s logview.LogSnapshot }

func (w snapshotWriter) Write(b *bytes.Buffer, f logview.Format) error { return w.s.Write(b, f) }

func TestLogSnapshotKeepsOnlyRetainedRows(t *testing.T) {
	clock := time.Date(2016, 9, 20, 10, 0, 0, 0, time.UTC)
	store := logOf(t,
		row{at: time.Date(2016, 8, 1, 10, 0, 0, 0, time.UTC), source: you, lookup: ana},
		row{at: time.Date(2016, 9, 1, 10, 0, 0, 0, time.UTC), source: you, lookup: ben},
		row{at: clock, source: you, lookup: dev},
	)
	s, err := logview.Snapshot(context.Background(), store, clock, keep2016)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Clock time.Time      `json:"server_clock"`
		Rows  []sim.LogEntry `json:"rows"`
	}
	if err := json.Unmarshal([]byte(render(t, snapshotWriter{s}, logview.FormatJSON)), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Rows) != 2 || !doc.Clock.Equal(clock) || doc.Rows[0].LookupHandle != ben {
		t.Errorf("snapshot JSON: clock %v, rows %v; want the 2 rows kept on 20 Sep", doc.Clock, doc.Rows)
	}
	text := render(t, snapshotWriter{s}, logview.FormatText)
	if !strings.Contains(text, "rows before 2016-08-21 10:00:00 UTC have been purged") || !strings.Contains(text, logview.Disclaimer) {
		t.Errorf("snapshot text:\n%s", text)
	}
}

func TestParsers(t *testing.T) {
	for _, ok := range []string{"text", "csv", "json"} {
		if _, err := logview.ParseFormat(ok); err != nil {
			t.Errorf("ParseFormat(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "TEXT", "xml"} {
		if _, err := logview.ParseFormat(bad); err == nil {
			t.Errorf("ParseFormat(%q): no error", bad)
		}
		if _, err := logview.ParseOrderKind(bad); err == nil {
			t.Errorf("ParseOrderKind(%q): no error", bad)
		}
	}
}
