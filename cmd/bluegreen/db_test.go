package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// doneWhen runs the lookups into a new database and returns its path.
func doneWhen(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "log.db")
	for _, step := range [][2]string{
		{"2016-08-01T10:00:00Z", "415-555-0132"},
		{"2016-09-01T10:00:00Z", "415-555-0147"},
		{"2016-09-20T10:00:00Z", "dev@example.com"},
	} {
		if code, _, errOut := runCLI(t, "lookup", "--db", db, "--at", step[0], step[1]); code != 0 {
			t.Fatalf("lookup --at %s %s exited %d: %s", step[0], step[1], code, errOut)
		}
	}
	return db
}

func csvRows(t *testing.T, out string) [][]string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out)
	}
	return records
}

func TestDoneWhen(t *testing.T) {
	db := doneWhen(t)
	ret := []string{"return", "--db", db, "--target", "+1 415 555 0100", "--kind", "stored-records", "--produced", "2016-09-28"}

	code, out, errOut := runCLI(t, append(ret, "--format", "csv")...)
	if code != 0 {
		t.Fatalf("return exited %d: %s", code, errOut)
	}
	if rows := csvRows(t, out); len(rows) != 3 || rows[1][2] != "tel:+14155550147" || rows[2][2] != "mailto:dev@example.com" {
		t.Errorf("2016 retention: %q; want a header and the 1 Sep and 20 Sep rows", rows)
	}
	_, out, _ = runCLI(t, append(ret, "--format", "csv", "--retention", "today")...)
	if rows := csvRows(t, out); len(rows) != 2 || rows[1][0] != "2016-09-20T10:00:00Z" {
		t.Errorf("today's retention: %q; want a header and the 20 Sep row", rows)
	}
	_, out, _ = runCLI(t, append(ret, "--format", "text")...)
	for _, want := range []string{"These logs do not indicate that any communication took place.", "Headline: 2 lookups of 2 handles"} {
		if !strings.Contains(out, want) {
			t.Errorf("text return lacks %q", want)
		}
	}

	code, out, errOut = runCLI(t, "log", "--db", db, "--format", "json")
	var doc struct {
		Clock string           `json:"server_clock"`
		Rows  []map[string]any `json:"rows"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil {
		t.Fatalf("log --format json exited %d (%s), output:\n%s", code, errOut, out)
	}
	if doc.Clock != "2016-09-20T10:00:00Z" || len(doc.Rows) != 2 || doc.Rows[0]["time"] != "2016-09-01T10:00:00Z" {
		t.Errorf("log: clock %s, rows %v; want the 2 rows kept on 20 Sep", doc.Clock, doc.Rows)
	}
}

func TestCommandsContinueFromTheDatabaseClock(t *testing.T) {
	db := doneWhen(t)
	code, out, errOut := runCLI(t, "lookup", "--db", db, "--json", "415-555-0163")
	if code != 0 {
		t.Fatalf("lookup exited %d: %s", code, errOut)
	}
	var doc lookupDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	last := doc.Log[len(doc.Log)-1]
	if last["time"] != "2016-09-20T10:00:00Z" || last["lookup_handle"] != "tel:+14155550163" {
		t.Errorf("lookup without --at logged %v; want it at the database's clock, 2016-09-20T10:00:00Z", last)
	}
}

func TestAtBeforeTheDatabaseClockIsRefused(t *testing.T) {
	db := doneWhen(t)
	code, _, errOut := runCLI(t, "lookup", "--db", db, "--at", "2016-09-19T10:00:00Z", "415-555-0132")
	if code != exitUsage || !strings.Contains(errOut, "before the clock of Apple's server") || !strings.Contains(errOut, "2016-09-20T10:00:00Z") {
		t.Errorf("exit %d, %q; want exit 2 naming the database's clock", code, errOut)
	}
	_, out, _ := runCLI(t, "log", "--db", db, "--format", "csv")
	if rows := csvRows(t, out); len(rows) != 3 {
		t.Errorf("the refused lookup changed the log: %q", rows)
	}
}

func TestForeignFilesAreRefusedAndLeftAlone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.txt")
	original := []byte("SQLite format 3? no: my shopping list\n\x00\x01\x02")
	if err := os.WriteFile(path, original, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"lookup", "--db", path, "415-555-0132"},
		{"log", "--db", path},
		{"return", "--db", path, "--target", "415 555 0100"},
	} {
		code, _, errOut := runCLI(t, args...)
		if code != exitUsage || !strings.Contains(errOut, "not a bluegreen database") {
			t.Errorf("%s: exit %d, %q; want exit 2, not a bluegreen database", args[0], code, errOut)
		}
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Error("the file was changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files appeared beside it: %v", entries)
	}
}

func TestReturnAndLogInputErrors(t *testing.T) {
	db := doneWhen(t)
	cases := map[string]struct {
		args []string
		want string
	}{
		"no db":           {[]string{"return", "--target", "415 555 0100"}, "give --db FILE"},
		"missing db":      {[]string{"log", "--db", filepath.Join(t.TempDir(), "typo.db")}, "no such database"},
		"no target":       {[]string{"return", "--db", db}, "--target is required"},
		"bad target":      {[]string{"return", "--db", db, "--target", "555"}, "--target"},
		"bad kind":        {[]string{"return", "--db", db, "--target", "415 555 0100", "--kind", "wiretap"}, "pen-register, trap-and-trace or stored-records"},
		"bad date":        {[]string{"return", "--db", db, "--target", "415 555 0100", "--entered", "July"}, "--entered"},
		"old --from":      {[]string{"return", "--db", db, "--target", "415 555 0100", "--from", "2016-09-01"}, "looks forward from when it is entered"},
		"old --to":        {[]string{"return", "--db", db, "--target", "415 555 0100", "--to", "2016-09-01"}, "--days"},
		"before entry":    {[]string{"return", "--db", db, "--target", "415 555 0100", "--entered", "2016-09-10", "--produced", "2016-09-01"}, "before the order was entered"},
		"too long":        {[]string{"return", "--db", db, "--target", "415 555 0100", "--days", "90"}, "1 to 60 days"},
		"long extension":  {[]string{"return", "--db", db, "--target", "415 555 0100", "--extensions", "1", "--extension-days", "61"}, "1 to 60 days"},
		"stored, period":  {[]string{"return", "--db", db, "--target", "415 555 0100", "--kind", "stored-records", "--extensions", "1"}, "no period"},
		"pen, direction":  {[]string{"return", "--db", db, "--target", "415 555 0100", "--direction", "lookup"}, "--direction is for --kind stored-records"},
		"bad direction":   {[]string{"return", "--db", db, "--target", "415 555 0100", "--kind", "stored-records", "--direction", "up"}, "source"},
		"bad retention":   {[]string{"return", "--db", db, "--target", "415 555 0100", "--retention", "forever"}, "2016 (30 days) or today (25 days)"},
		"bad format":      {[]string{"log", "--db", db, "--format", "xml"}, "text, csv or json"},
		"negative extend": {[]string{"return", "--db", db, "--target", "415 555 0100", "--extensions", "-1"}, "negative"},
	}
	for name, c := range cases {
		code, _, errOut := runCLI(t, c.args...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%s: exit %d, %q; want exit 2 mentioning %q", name, code, errOut, c.want)
		}
	}
}

func TestTrapAndTraceFromTheCommandLine(t *testing.T) {
	db := doneWhen(t)
	if code, _, errOut := runCLI(t, "lookup", "--db", db, "--at", "2016-09-21T08:00:00Z", "--from", "415 555 0132", "415 555 0100"); code != 0 {
		t.Fatalf("Ana's lookup exited %d: %s", code, errOut)
	}
	_, out, _ := runCLI(t, "return", "--db", db, "--target", "(415) 555-0100", "--kind", "trap-and-trace", "--entered", "2016-09-21", "--produced", "2016-09-22", "--format", "csv")
	rows := csvRows(t, out)
	if len(rows) != 2 || rows[1][1] != "tel:+14155550132" || rows[1][2] != "tel:+14155550100" {
		t.Errorf("trap and trace on you: %q; want Ana's lookup of you only", rows)
	}
}

// The Done-when: a pen register entered after a lookup never holds
// it; a stored-records order holds it while Apple retains it (30 days).
func TestOrdersLookForwardOrReachBack(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	if code, _, errOut := runCLI(t, "lookup", "--db", db, "--at", "2016-09-01T10:00:00Z", "4155550132"); code != 0 {
		t.Fatalf("lookup: %s", errOut)
	}
	count := func(args ...string) (int, string) {
		t.Helper()
		code, out, errOut := runCLI(t, append([]string{"return", "--db", db, "--target", "415 555 0100", "--format", "csv"}, args...)...)
		if code != 0 {
			t.Fatalf("return %v exited %d: %s", args, code, errOut)
		}
		return len(csvRows(t, out)) - 1, errOut
	}
	if n, warn := count("--kind", "pen-register", "--entered", "2016-09-10"); n != 0 || !strings.Contains(warn, "looks forward") {
		t.Errorf("pen register entered 09-10: %d rows, warning %q; want 0 rows and a warning", n, warn)
	}
	if n, _ := count("--kind", "pen-register", "--entered", "2016-09-10", "--produced", "2016-09-20"); n != 0 {
		t.Errorf("pen register entered 09-10, produced 09-20: %d rows, want 0", n)
	}
	if n, _ := count("--kind", "stored-records", "--produced", "2016-09-10"); n != 1 {
		t.Errorf("stored records produced 09-10: %d rows, want 1", n)
	}
	if n, _ := count("--kind", "stored-records", "--produced", "2016-10-05"); n != 0 {
		t.Errorf("stored records produced 10-05: %d rows, want 0 (30 days)", n)
	}
	if n, _ := count("--kind", "stored-records", "--direction", "lookup", "--target", "415 555 0132", "--produced", "2016-09-10"); n != 1 {
		t.Errorf("stored records on Ana as lookup handle: %d rows, want 1", n)
	}
	_, out, _ := runCLI(t, "return", "--db", db, "--target", "415 555 0100", "--kind", "stored-records", "--produced", "2016-09-10")
	for _, want := range []string{"STORED-RECORDS ORDER (§2703(D))", "Legal basis: 18 U.S.C. §2703(c)(1)(B)", "specific and articulable facts", "Simulator rule (assumption)"} {
		if !strings.Contains(out, want) {
			t.Errorf("stored-records return lacks %q:\n%s", want, out)
		}
	}
}

func TestLateProductionWarnsAndShowsTheGap(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	for _, at := range []string{"2016-09-02T10:00:00Z", "2016-09-25T10:00:00Z", "2016-10-20T10:00:00Z"} {
		if code, _, errOut := runCLI(t, "lookup", "--db", db, "--at", at, "4155550132"); code != 0 {
			t.Fatalf("lookup: %s", errOut)
		}
		runCLI(t, "lookup", "--db", db, "--at", at, "--trigger", "on-commit", "4155550147")
	}
	args := []string{"return", "--db", db, "--target", "415 555 0100", "--entered", "2016-09-01", "--days", "30", "--produced", "2016-09-10", "--produced", "2016-11-15"}
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Gaps — never produced") || !strings.Contains(errOut, "after the order's period ended") {
		t.Errorf("want a gap in the return and a warning on stderr; got stderr %q\n%s", errOut, out)
	}
	_, renewed, errOut := runCLI(t, append(args, "--extensions", "1")...)
	if strings.Contains(errOut, "warning") || !strings.Contains(renewed, "extension 1 granted 2016-10-01") || !strings.Contains(renewed, "2016-10-20 10:00:00") {
		t.Errorf("renewed: stderr %q\n%s", errOut, renewed)
	}
}
