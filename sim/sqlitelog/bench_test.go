package sqlitelog_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
)

// BenchmarkAppendSQLite is one durable log entry (row and ground truth, one
// fsynced commit) per op into a file database, through the Store.
func BenchmarkAppendSQLite(b *testing.B) {
	ctx := context.Background()
	s := openFile(b)
	truth := sim.Truth{App: "Messages", Action: "typed in To: field"}
	i := 0
	for b.Loop() {
		e := sim.LogEntry{Time: t0.Add(time.Duration(i) * time.Second), SourceHandle: you, LookupHandle: ana, ClientIP: "203.0.113.24", LookupDevices: 3}
		if _, err := s.Append(ctx, e, truth); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkAppendRawSQLite is the floor for BenchmarkAppendSQLite: the same
// transaction (the log INSERT and the ground-truth INSERT, one commit) on
// the same schema with the same durability settings (WAL, synchronous=FULL,
// BEGIN IMMEDIATE), written with database/sql alone.
func BenchmarkAppendRawSQLite(b *testing.B) {
	path := filepath.Join(b.TempDir(), "log.db")
	s, err := sqlitelog.Open(context.Background(), path) // the schema only
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	insertLog, err := db.Prepare("INSERT INTO log(time_ns, source_handle, lookup_handle, client_ip, lookup_devices) VALUES (?, ?, ?, ?, ?)")
	if err != nil {
		b.Fatal(err)
	}
	insertTruth, err := db.Prepare("INSERT INTO ground_truth(log_id, app, action, messaged) VALUES (?, ?, ?, ?)")
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		res, err := tx.Stmt(insertLog).Exec(t0.Add(time.Duration(i)*time.Second).UnixNano(), "tel:+14155550100", "tel:+14155550132", "203.0.113.24", 3)
		if err != nil {
			b.Fatal(err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Stmt(insertTruth).Exec(id, "Messages", "typed in To: field", false); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// millionRows is the size of BenchmarkReturnMillion's log: 100 targets
// (+1 415 555 0100 … 0199), each looking up 100 numbers, over the 30 days a
// 2016 log keeps — so nothing has expired and every target has 10,000 rows.
const (
	millionRows = 1_000_000
	targets     = 100
)

// millionRowLog builds the fixture in a file database: the schema through
// Open, then one INSERT … SELECT over a generated series inside a single
// transaction, which is far faster than a million Appends.
func millionRowLog(b *testing.B, start time.Time, span time.Duration) *sqlitelog.Store {
	b.Helper()
	path := filepath.Join(b.TempDir(), "million.db")
	s, err := sqlitelog.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?_journal_mode=WAL&_synchronous=OFF")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	fill := `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - 1)
		INSERT INTO log(time_ns, source_handle, lookup_handle, client_ip, lookup_devices)
		SELECT ?2 + i * ?3,
		       printf('tel:+1415555%04d', 100 + i % ?4),
		       printf('tel:+1212555%04d', 100 + (i / ?4) % 100),
		       CASE i % 3 WHEN 0 THEN '203.0.113.24' WHEN 1 THEN '198.51.100.77' ELSE '192.0.2.9' END,
		       i % 4
		FROM n;
		INSERT INTO ground_truth(log_id, app, action, messaged) SELECT id, 'Messages', 'typed in To: field', id % 5 = 0 FROM log;`
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := tx.Exec(fill, millionRows, start.UnixNano(), int64(span)/millionRows, targets); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return openAt(b, path)
}

// BenchmarkReturnMillion is a pen-register return (logview.Produce) for one
// of 100 targets out of 1,000,000 rows in a file database: 10,000 rows.
func BenchmarkReturnMillion(b *testing.B) {
	ctx := context.Background()
	span := 30 * 24 * time.Hour
	store := millionRowLog(b, t0, span)
	produced := t0.Add(span)
	req := logview.Request{
		Order: logview.Order{
			Kind: logview.PenRegister, Case: "BENCH-1", Target: "tel:+14155550142",
			Period: logview.DefaultPeriod(t0.Add(-time.Hour)),
		},
		Retention: sim.MustRetention(sim.Preset2016),
		Produced:  []time.Time{produced},
	}
	var rows int
	for b.Loop() {
		ret, err := logview.Produce(ctx, store, req)
		if err != nil {
			b.Fatal(err)
		}
		rows = len(ret.Productions[0].Rows)
	}
	if rows != millionRows/targets {
		b.Fatalf("the return holds %d rows, want %d", rows, millionRows/targets)
	}
	b.ReportMetric(float64(rows), "rows/return")
}

// BenchmarkMillionRowScreen is what a screen following a million-row log
// asks after every lookup: the row and distinct-handle counts, and the last
// page of 30 rows.
func BenchmarkMillionRowScreen(b *testing.B) {
	ctx := context.Background()
	store := millionRowLog(b, t0, 30*24*time.Hour)
	b.Run("Stats", func(b *testing.B) {
		for b.Loop() {
			if rows, distinct, err := store.Stats(ctx); err != nil || rows != millionRows || distinct != 100 {
				b.Fatalf("Stats = %d, %d, %v", rows, distinct, err)
			}
		}
	})
	b.Run("LastPage", func(b *testing.B) {
		for b.Loop() {
			if rows, err := store.Entries(ctx, sim.LogFilter{Offset: millionRows - 30, Limit: 30}); err != nil || len(rows) != 30 {
				b.Fatalf("last page: %d rows, %v", len(rows), err)
			}
		}
	})
}

// BenchmarkLogFilterMillion is the log pane's filter on a million-row log:
// the count and the newest page of 30 rows for one person either way (the
// handle typed after /), for "mine" and for "others". The goal is under
// 20 ms each, so the filter feels instant at any size.
func BenchmarkLogFilterMillion(b *testing.B) {
	ctx := context.Background()
	store := millionRowLog(b, t0, 30*24*time.Hour)
	mine := sim.Handle("tel:+14155550100") // one of the 100 sources: 10,000 rows
	person := sim.Handle("tel:+12125550142")
	for _, c := range []struct {
		name string
		f    sim.LogFilter
		want int
	}{
		{"Person", sim.LogFilter{Either: person}, millionRows / 100},
		{"Mine", sim.LogFilter{Source: mine}, millionRows / targets},
		{"Others", sim.LogFilter{NotSource: mine}, millionRows - millionRows/targets},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				n, err := store.Count(ctx, c.f)
				if err != nil || n != c.want {
					b.Fatalf("Count = %d, %v; want %d", n, err, c.want)
				}
				page := c.f
				page.Offset, page.Limit = n-30, 30
				rows, err := store.Entries(ctx, page)
				if err != nil || len(rows) != 30 {
					b.Fatalf("newest page: %d rows, %v", len(rows), err)
				}
			}
		})
	}
}
