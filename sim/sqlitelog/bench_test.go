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
