package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"bluegreen/internal/hostile"
	"bluegreen/sim"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/fang"
)

func TestDatesOutsideTheSupportedRangeAreBadInput(t *testing.T) {
	code, _, errOut := runCLI(t, "lookup", "--at", "2400-01-01T00:00:00Z", "4155550132")
	if code != exitUsage || !strings.Contains(errOut, "supported dates") {
		t.Errorf("lookup --at 2400 = %d %q; want 2 and a message about the date", code, errOut)
	}
	for _, c := range []struct{ from, to string }{
		{"start: 2016-09-26T16:00:00Z", "start: 9999-12-31T00:00:00Z"},
		{"first: 2016-09-27T15:10:00Z", "first: 1700-01-01T00:00:00Z"},
	} {
		path := scenarioWith(t, c.from, c.to)
		code, _, errOut := runCLI(t, "lookup", "--scenario", path, "4155550132")
		if code != exitUsage || !strings.Contains(errOut, path+":") || !strings.Contains(errOut, "supported dates") {
			t.Errorf("%s: exit %d %q; want 2 at load naming file:line", c.to, code, errOut)
		}
	}
}

// scenarioWith writes the classroom scenario with one text replaced.
func scenarioWith(t *testing.T, from, to string) string {
	t.Helper()
	s, err := os.ReadFile("../../sim/scenarios/classroom.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(s, []byte(from)) {
		t.Fatalf("classroom.yaml has no %q", from)
	}
	path := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(path, bytes.ReplaceAll(s, []byte(from), []byte(to)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Every error path meets the same hostile set, and nothing it prints can
// act on a terminal.
func TestErrorsNeverCarryEscapes(t *testing.T) {
	dir := t.TempDir()
	for _, s := range hostile.Strings() {
		badKey := filepath.Join(dir, "key.yaml")
		if err := os.WriteFile(badKey, []byte("name: x\n\""+strings.ReplaceAll(s, `"`, "")+"\": 1\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"lookup", s},
			{"lookup", "dev" + s + "@example.com"},
			{"lookup", "--from", s, "4155550132"},
			{"lookup", "--scenario", filepath.Join(dir, s), "4155550132"},
			{"lookup", "--scenario", badKey, "4155550132"},
			{"lookup", "--at", s, "4155550132"},
			{"return", "--target", s},
			{"play", filepath.Join(dir, s)},
		} {
			code, out, errOut := runCLI(t, args...)
			if code != exitUsage {
				t.Errorf("%.60q: exit %d, want 2", args, code)
			}
			for _, text := range []string{out, errOut} {
				if err := hostile.Check(text, true, sim.MaxCombiningMarks); err != nil {
					t.Errorf("%.60q: %v", args, err)
				}
			}
		}
	}
}

// fang's own handler title-cases the first word of an error, turning paths
// and flags into what was never typed.
func TestErrorsPrintAsTyped(t *testing.T) {
	styles := fang.Styles{ErrorText: lipgloss.NewStyle().Transform(strings.ToUpper), ErrorHeader: lipgloss.NewStyle().SetString("ERROR")}
	for _, styled := range []bool{true, false} {
		var b bytes.Buffer
		writeError(&b, styles, errors.New("/tmp/rel-probe/x.yaml: --db: not found"), styled)
		if !strings.Contains(b.String(), "/tmp/rel-probe/x.yaml: --db: not found") {
			t.Errorf("styled=%v: %q", styled, b.String())
		}
	}
}

// The rate limit's window is the database: separate processes share it.
func TestTheRateLimitHoldsAcrossCommands(t *testing.T) {
	path := scenarioWith(t, "  max: 100\n", "  max: 3\n")
	db := filepath.Join(t.TempDir(), "log.db")
	for i := range 5 {
		if code, _, errOut := runCLI(t, "lookup", "--scenario", path, "--db", db, "415555010"+string(rune('1'+i))); code != exitOK {
			t.Fatalf("lookup %d: exit %d %s", i, code, errOut)
		}
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var rows int
	if err := conn.QueryRow("SELECT count(*) FROM log").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != 3 {
		t.Errorf("five commands in one hour with a limit of 3 logged %d rows", rows)
	}
}

func TestARateLimitOfZeroIsRefused(t *testing.T) {
	path := scenarioWith(t, "  max: 100\n", "  max: 0\n")
	if code, _, errOut := runCLI(t, "lookup", "--scenario", path, "4155550132"); code != exitUsage || !strings.Contains(errOut, "leave rate_limit out") {
		t.Errorf("max: 0 = %d %q", code, errOut)
	}
}

// A schema version of -1 once indexed the migrations out of range.
func TestANegativeSchemaVersionIsRefusedWithoutAPanic(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	if code, _, errOut := runCLI(t, "lookup", "--db", db, "4155550132"); code != exitOK {
		t.Fatal(errOut)
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec("PRAGMA user_version = -1"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	code, _, errOut := runCLI(t, "lookup", "--db", db, "4155550132")
	if code != exitUsage || !strings.Contains(errOut, "not a bluegreen database") || strings.Contains(errOut, "panic") {
		t.Errorf("schema -1: exit %d %q", code, errOut)
	}
}

// One handle, one parse: a number is accepted in every form or in none.
func TestAHandleIsAcceptedInEveryFormOrNone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	if code, _, errOut := runCLI(t, "lookup", "--db", db, "4155550132"); code != exitOK {
		t.Fatal(errOut)
	}
	for _, forms := range [][]string{
		{"+840 0000000 0", "tel:+8400000000", "+8400000000"},
		{"(415) 555-0132", "tel:+14155550132", "+14155550132"},
	} {
		first, _, _ := runCLI(t, "lookup", forms[0])
		for _, f := range forms[1:] {
			if code, _, errOut := runCLI(t, "lookup", f); code != first {
				t.Errorf("lookup %q exits %d but lookup %q exits %d (%s)", forms[0], first, f, code, errOut)
			}
			if code, _, errOut := runCLI(t, "return", "--db", db, "--target", f); (code == exitOK) != (first == exitOK) {
				t.Errorf("return --target %q exits %d, lookup %q %d (%s)", f, code, forms[0], first, errOut)
			}
		}
	}
}

func TestSpeakerNotesCarryNoEscapes(t *testing.T) {
	for _, s := range hostile.Strings() {
		if err := hostile.Check(printableNotes("line one\n"+s+"\nline three"), true, sim.MaxCombiningMarks); err != nil {
			t.Error(err)
		}
	}
	if got := printableNotes("a\nb"); got != "a\nb" {
		t.Errorf("notes lost their line breaks: %q", got)
	}
}

// A signal cancels the program's context (the screen then restores the
// terminal and the database closes) and is remembered for the exit status.
func TestASignalCancelsAndIsRemembered(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT} {
		ctx, signalled := onSignals(context.Background())
		if _, ok := signalled(); ok {
			t.Fatal("a signal before any was sent")
		}
		if err := syscall.Kill(os.Getpid(), sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
			t.Fatalf("%v did not cancel the context", sig)
		}
		if got, ok := signalled(); !ok || got != sig || exitSignal+int(got) != 128+int(sig) {
			t.Errorf("signalled() = %v, %v; want %v", got, ok, sig)
		}
	}
}
