package sqlitelog_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
)

// schemaV1 is, frozen, what bluegreen's schema version 1 wrote: the log with
// a time index and the ground truth, no police indexes, no server clock.
const schemaV1 = `
PRAGMA journal_mode = WAL;
CREATE TABLE log (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	time_ns        INTEGER NOT NULL,
	source_handle  TEXT    NOT NULL,
	lookup_handle  TEXT    NOT NULL,
	client_ip      TEXT    NOT NULL,
	lookup_devices INTEGER NOT NULL
);
CREATE INDEX log_by_time ON log(time_ns);
CREATE TABLE ground_truth (
	log_id   INTEGER PRIMARY KEY,
	app      TEXT    NOT NULL,
	action   TEXT    NOT NULL,
	messaged INTEGER NOT NULL DEFAULT 0
);
PRAGMA application_id = 1651271538;
PRAGMA user_version = 1;
`

func TestMigratesFromSchemaVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	latest := t0.Add(48 * time.Hour)
	makeV1(t, path, []time.Time{t0, latest, t0.Add(time.Hour)})

	s := openAt(t, path)
	rows, err := s.Entries(ctx, sim.LogFilter{})
	if err != nil || len(rows) != 3 || !rows[0].Time.Equal(t0) || !rows[2].Time.Equal(latest) {
		t.Fatalf("after migration: Entries = %v, %v; want the 3 rows oldest first", rows, err)
	}
	truths, err := s.Truths(ctx, []int64{1, 2, 3})
	if err != nil || !truths[2].Messaged || truths[1].Messaged || truths[1].App != "Messages" {
		t.Errorf("after migration: Truths = %v, %v; want the v1 ground truth kept", truths, err)
	}
	if clock, _ := s.ServerTime(ctx); !clock.Equal(latest) {
		t.Errorf("after migration: ServerTime = %v; want the latest logged time %v", clock, latest)
	}
	// Version 3's counts start from the rows already there.
	if n, distinct, err := s.Stats(ctx); err != nil || n != 3 || distinct != 1 {
		t.Errorf("after migration: Stats = %d, %d, %v; want 3 rows of 1 lookup handle", n, distinct, err)
	}
	if n, err := s.Count(ctx, sim.LogFilter{Source: you}); err != nil || n != 3 {
		t.Errorf("after migration: Count(mine) = %d, %v; want 3", n, err)
	}
	if id, err := s.Append(ctx, sim.LogEntry{Time: latest.Add(time.Hour), SourceHandle: you, LookupHandle: dev}, sim.Truth{}); err != nil || id != 4 {
		t.Errorf("Append after migration = %d, %v; want ID 4", id, err)
	}
	if clock, _ := s.ServerTime(ctx); !clock.Equal(latest.Add(time.Hour)) {
		t.Errorf("ServerTime after Append = %v; want it moved forward", clock)
	}
	s.Close()
	assertSchema(t, path)
}

func makeV1(t *testing.T, path string, times []time.Time) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(schemaV1); err != nil {
		t.Fatal(err)
	}
	for i, at := range times {
		_, err := db.Exec("INSERT INTO log(time_ns, source_handle, lookup_handle, client_ip, lookup_devices) VALUES (?, ?, ?, ?, ?)",
			at.UnixNano(), string(you), string(ana), "203.0.113.24", 3)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("INSERT INTO ground_truth VALUES (?, 'Messages', 'typed in To: field', ?)", i+1, i == 1); err != nil {
			t.Fatal(err)
		}
	}
}

// assertSchema checks what versions 2 and 3 promise, read with plain SQL.
func assertSchema(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version, appID int
	if err := db.QueryRow("SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)").Scan(&version, &appID); err != nil {
		t.Fatal(err)
	}
	if version != sqlitelog.SchemaVersion || appID != sqlitelog.ApplicationID {
		t.Errorf("user_version %d, application_id %#x; want %d, %#x", version, appID, sqlitelog.SchemaVersion, sqlitelog.ApplicationID)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name IN ('log_by_source', 'log_by_lookup', 'server_clock', 'police_log')").Scan(&n); err != nil || n != 4 {
		t.Errorf("version 2 objects present: %d, %v; want 4", n, err)
	}
	var first, design string
	if err := db.QueryRow("SELECT time_utc, design FROM police_log LIMIT 1").Scan(&first, &design); err != nil || first != "2016-09-01T10:00:00Z" || design != "apple" {
		t.Errorf("police_log first row = %q, design %q, %v; rows from before designs are Apple's", first, design, err)
	}
}
