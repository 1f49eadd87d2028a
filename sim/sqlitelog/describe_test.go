package sqlitelog

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
)

// A file locked by another process is busy, never "not a bluegreen
// database": the error SQLite gives when a lock outlasts the timeout is
// classified as ErrBusy.
func TestABusyFileIsNotCalledForeign(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "log.db")
	holder, err := sql.Open(driverName, fileURI(path, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	holder.SetMaxOpenConns(1)
	conn, err := holder.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA application_id = 1651271538; CREATE TABLE t(x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK") //nolint:errcheck // test cleanup
	other, err := sql.Open(driverName, fileURI(path, readOnlyParamsWithTimeout("50")))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var n int
	err = other.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n)
	if err == nil {
		t.Fatal("a read under an exclusive lock succeeded")
	}
	got := describe(path, err)
	if !errors.Is(got, ErrBusy) || errors.Is(got, ErrNotBluegreen) {
		t.Errorf("describe(%v) = %v; want ErrBusy", err, got)
	}
}

func readOnlyParamsWithTimeout(ms string) map[string][]string {
	p := readOnlyParams()
	p.Set("_busy_timeout", ms)
	return p
}
