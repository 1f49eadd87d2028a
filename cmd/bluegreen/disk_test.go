package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bluegreen/internal/tinyfs"
	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
	"bluegreen/tui/scripts"
)

// rowsIn counts the log's rows by opening the file as bluegreen does.
func rowsIn(t *testing.T, db string) int {
	t.Helper()
	s, err := sqlitelog.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("reopening %s: %v", db, err)
	}
	defer s.Close()
	n, err := s.Count(context.Background(), sim.LogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// lookup --db on a disk that fills: the command that cannot log says the
// disk is full, naming the file, exits 1 and prints no answer it could not
// log; every row of the commands that succeeded is still in the file.
func TestLookupOnAFullDisk(t *testing.T) {
	dir, ok := tinyfs.Full(t, 256<<10)
	if !ok {
		return
	}
	db := filepath.Join(dir, "log.db")
	logged := 0
	// After the first lookup the disk is filled until less and less room is
	// left, so some lookups succeed before one cannot fit.
	for i, room := 0, 160<<10; room > 0; i, room = i+1, room-4<<10 {
		code, out, errOut := runCLI(t, "lookup", "--db", db, fmt.Sprintf("415555%04d", 100+i))
		if code == exitOK {
			logged = rowsIn(t, db)
			tinyfs.Leave(t, dir, room)
			continue
		}
		t.Logf("lookup %d (%d rows logged before): exit %d: %s", i+1, logged, code, errOut)
		if i == 0 {
			t.Fatal("the first lookup already failed: the disk has no room for a log at all")
		}
		if code != exitInternal || !strings.Contains(errOut, db+": the disk is full") || strings.Contains(errOut, "not a bluegreen") || strings.Contains(errOut, "panic") {
			t.Errorf("lookup on a full disk: exit %d %q; want 1 and the disk is full, naming %s", code, errOut, db)
		}
		if out != "" {
			t.Errorf("a lookup that could not be logged printed an answer: %q", out)
		}
		if got := rowsIn(t, db); got != logged {
			t.Errorf("the log holds %d rows after the failure; the lookups that succeeded logged %d", got, logged)
		}
		return
	}
	t.Fatal("the disk never filled")
}

// --db in a read-only folder: a new log and an existing one are both
// refused as unwritable (exit 2, the path is the user's choice), naming
// the file and why, never as "not a bluegreen database".
func TestDBInAReadOnlyFolder(t *testing.T) {
	dir := tinyfs.ReadOnly(t, func(dir string) {
		if code, _, errOut := runCLI(t, "lookup", "--db", filepath.Join(dir, "log.db"), "4155550132"); code != exitOK {
			t.Fatal(errOut)
		}
	})
	for _, args := range [][]string{
		{"lookup", "--db", filepath.Join(dir, "new.db"), "4155550132"},
		{"lookup", "--db", filepath.Join(dir, "log.db"), "4155550132"},
		{"log", "--db", filepath.Join(dir, "log.db")},
	} {
		code, out, errOut := runCLI(t, args...)
		t.Logf("%s: exit %d: %s", args, code, errOut)
		db := args[2]
		if code != exitUsage || !strings.Contains(errOut, db+": cannot be written") || strings.Contains(errOut, "not a bluegreen") || out != "" {
			t.Errorf("%s: exit %d %q %q; want 2 and cannot be written, naming %s", args, code, out, errOut, db)
		}
		if !strings.Contains(errOut, "read-only file system") && !strings.Contains(errOut, "you may not write") {
			t.Errorf("%s: %q does not say why", args, errOut)
		}
	}
}

// Speaker notes on a disk that fills: the talk goes on, the notes stop,
// and the error at the end names the file, the cause and the first step
// missing.
func TestSpeakerNotesOnAFullDisk(t *testing.T) {
	dir, ok := tinyfs.Full(t, 64<<10)
	if !ok {
		return
	}
	path := filepath.Join(dir, "notes.txt")
	notes, err := openNotes(path)
	if err != nil {
		t.Fatal(err)
	}
	step := scripts.Step{Caption: "A caption", Notes: strings.Repeat("Say this slowly. ", 200)}
	for i := 1; i <= 100; i++ {
		notes.write(i, 100, step)
	}
	err = notes.close()
	t.Logf("notes: %v", err)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "missing") ||
		!(errors.Is(err, os.ErrNotExist) || isInternal(err)) {
		t.Errorf("notes on a full disk: %v; want the file, what is missing and the cause", err)
	}
}
