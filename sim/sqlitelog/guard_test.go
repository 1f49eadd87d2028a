package sqlitelog_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
)

// foreignSQLite makes another application's SQLite database.
func foreignSQLite(t *testing.T, path string, wal bool) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	script := "PRAGMA application_id = 1234; CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES ('buy milk')"
	if wal {
		script = "PRAGMA journal_mode = WAL; CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES ('buy milk')"
	}
	if _, err := db.Exec(script); err != nil {
		t.Fatal(err)
	}
}

func TestRefusesFilesThatAreNotBluegreen(t *testing.T) {
	random := make([]byte, 8192)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	cases := []struct {
		name    string
		make    func(t *testing.T, path string)
		message string
	}{
		{"random bytes", func(t *testing.T, p string) { write(t, p, random) }, "not a SQLite file"},
		{"short text", func(t *testing.T, p string) { write(t, p, []byte("hello\n")) }, "not a SQLite file"},
		{"SQLite magic then garbage", func(t *testing.T, p string) {
			write(t, p, append([]byte("SQLite format 3\x00"), random...))
		}, "SQLite cannot read it"},
		{"another app's database", func(t *testing.T, p string) { foreignSQLite(t, p, false) }, "application ID 0x4d2"},
		{"another app's WAL database", func(t *testing.T, p string) { foreignSQLite(t, p, true) }, "no bluegreen application ID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "other.db")
			c.make(t, path)
			before := snapshot(t, dir)
			s, err := sqlitelog.Open(context.Background(), path)
			if err == nil {
				s.Close()
				t.Fatal("Open accepted a file that is not a bluegreen database")
			}
			if !errors.Is(err, sqlitelog.ErrNotBluegreen) || !strings.Contains(err.Error(), c.message) {
				t.Errorf("error = %q; want ErrNotBluegreen mentioning %q", err, c.message)
			}
			after := snapshot(t, dir)
			if !bytes.Equal(before[path], after[path]) {
				t.Error("the refused file was changed")
			}
			if len(after) != len(before) {
				t.Errorf("refusing the file left %d files beside it, want %d (no -wal or -shm)", len(after), len(before))
			}
		})
	}
}

func TestRefusesADirectory(t *testing.T) {
	_, err := sqlitelog.Open(context.Background(), t.TempDir())
	if !errors.Is(err, sqlitelog.ErrNotBluegreen) {
		t.Fatalf("Open(directory) = %v; want ErrNotBluegreen", err)
	}
}

func TestRefusesANewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	s := openAt(t, path)
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := sqlitelog.Open(context.Background(), path); !errors.Is(err, sqlitelog.ErrNewerSchema) {
		t.Fatalf("Open = %v; want ErrNewerSchema", err)
	}
}

// setVersion stamps a bluegreen file with another schema version.
func setVersion(t *testing.T, path string, version int) {
	t.Helper()
	s := openAt(t, path)
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
		t.Fatal(err)
	}
}

// A negative schema version once indexed the migrations with -1.
func TestRefusesANegativeSchemaVersion(t *testing.T) {
	for _, v := range []int{-1, -2147483648} {
		path := filepath.Join(t.TempDir(), "log.db")
		setVersion(t, path, v)
		if _, err := sqlitelog.Open(context.Background(), path); !errors.Is(err, sqlitelog.ErrNotBluegreen) {
			t.Errorf("schema version %d: Open = %v; want ErrNotBluegreen", v, err)
		}
	}
}

func TestAcceptsAnEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	write(t, path, nil) // as `mktemp` leaves it
	s := openAt(t, path)
	seed(t, s)
}

// TestRecognisesItsOwnFileBeforeCheckpoint reopens a log while another
// store still has it open, so the header with the application ID may still
// be only in the -wal file.
func TestRecognisesItsOwnFileBeforeCheckpoint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	first := openAt(t, path)
	seed(t, first)
	second := openAt(t, path)
	if n, err := second.Count(context.Background(), sim.LogFilter{}); err != nil || n != 6 {
		t.Fatalf("second store: Count = %d, %v; want 6", n, err)
	}
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file in dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[p] = b
	}
	return out
}
