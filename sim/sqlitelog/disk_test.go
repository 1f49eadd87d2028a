package sqlitelog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bluegreen/internal/tinyfs"
	"bluegreen/sim"
)

var diskBase = time.Date(2016, 9, 26, 16, 0, 0, 0, time.UTC)

func diskRow(i int) sim.LogEntry {
	return sim.LogEntry{Time: diskBase.Add(time.Duration(i) * time.Second), SourceHandle: "tel:+14155550100",
		LookupHandle: sim.Handle(fmt.Sprintf("tel:+1415555%04d", i%10000)), ClientIP: "192.0.2.1", LookupDevices: 1}
}

// A log on a disk that fills up: the append that cannot fit fails with an
// error that names the file and says the disk is full, and every append
// acknowledged before it is in the file, before and after reopening.
func TestAFullDiskNamesTheFileAndLosesNoRow(t *testing.T) {
	dir, ok := tinyfs.Full(t, 256<<10)
	if !ok {
		return
	}
	ctx := context.Background()
	path := filepath.Join(dir, "log.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("opening a new log on an empty small disk: %v", err)
	}
	acked, err := fillUp(ctx, s)
	if acked == 0 {
		t.Fatalf("not one row fitted: %v", err)
	}
	t.Logf("%d rows acknowledged, then: %v", acked, err)
	if !errors.Is(err, ErrDiskFull) || errors.Is(err, ErrNotBluegreen) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), rowsKept) {
		t.Errorf("append on a full disk: %v; want ErrDiskFull naming %s and saying the rows are kept", err, path)
	}
	if _, err := s.Append(ctx, diskRow(acked+1), sim.Truth{}); !errors.Is(err, ErrDiskFull) {
		t.Errorf("a second append on the full disk: %v", err)
	}
	assertRows(t, s, acked)
	if err := s.Close(); err != nil {
		t.Errorf("closing on a full disk: %v", err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopening the log on the full disk: %v", err)
	}
	defer s.Close()
	assertRows(t, s, acked)
}

// fillUp appends rows until one fails, and says how many were acknowledged.
func fillUp(ctx context.Context, s *Store) (int, error) {
	for i := range 10_000 {
		if _, err := s.Append(ctx, diskRow(i), sim.Truth{App: "Messages", Action: "typed in To: field"}); err != nil {
			return i, err
		}
	}
	return 10_000, errors.New("the disk never filled")
}

// assertRows checks that the log holds exactly rows 0..n-1 of diskRow.
func assertRows(t *testing.T, s *Store, n int) {
	t.Helper()
	rows, err := s.Entries(context.Background(), sim.LogFilter{})
	if err != nil {
		t.Fatalf("reading the log: %v", err)
	}
	if len(rows) != n {
		t.Fatalf("the log holds %d rows; %d were acknowledged", len(rows), n)
	}
	for i, r := range rows {
		if want := diskRow(i); !r.Time.Equal(want.Time) || r.LookupHandle != want.LookupHandle {
			t.Errorf("row %d = %v %s; want %v %s", i, r.Time, r.LookupHandle, want.Time, want.LookupHandle)
		}
	}
}

// A read-only folder: a new log cannot be created in it and an existing
// one cannot be opened for writing; both say so, naming the file, and
// neither is called "not a bluegreen database" or gains side files.
func TestAReadOnlyFolderIsReportedAsSuch(t *testing.T) {
	ctx := context.Background()
	dir := tinyfs.ReadOnly(t, func(dir string) {
		s, err := Open(ctx, filepath.Join(dir, "log.db"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Append(ctx, diskRow(0), sim.Truth{}); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	})
	before, err := os.ReadFile(filepath.Join(dir, "log.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"new.db", "log.db"} {
		path := filepath.Join(dir, name)
		s, err := Open(ctx, path)
		if err == nil {
			s.Close()
			t.Errorf("%s opened for writing in a read-only folder", name)
			continue
		}
		msg := err.Error()
		if !errors.Is(err, ErrUnwritable) || errors.Is(err, ErrNotBluegreen) || !strings.Contains(msg, path) {
			t.Errorf("%s: %v; want ErrUnwritable naming the file", name, err)
		}
		if !strings.Contains(msg, "read-only file system") && !strings.Contains(msg, "you may not write") {
			t.Errorf("%s: %q does not say why it cannot be written", name, msg)
		}
	}
	after, err := os.ReadFile(filepath.Join(dir, "log.db"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the existing log changed (%v)", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the read-only folder holds %v; want log.db alone", entries)
	}
}
