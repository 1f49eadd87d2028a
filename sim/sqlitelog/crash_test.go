package sqlitelog_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
)

// crashChildEnv switches the test binary into the appending child of
// TestAppendIsDurableWhenKilled; its value is the database path.
const crashChildEnv = "BLUEGREEN_SQLITELOG_CRASH_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		os.Exit(appendForever(path))
	}
	os.Exit(m.Run())
}

// appendForever appends rows and prints each ID once Append has returned,
// until it is killed.
func appendForever(path string) int {
	ctx := context.Background()
	s, err := sqlitelog.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := 0; ; i++ {
		e := sim.LogEntry{Time: t0.Add(time.Duration(i) * time.Second), SourceHandle: you, LookupHandle: ana, ClientIP: "203.0.113.24", LookupDevices: 3}
		id, err := s.Append(ctx, e, sim.Truth{App: "Messages", Action: "typed in To: field"})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintln(os.Stdout, id) // unbuffered: the parent sees it at once
	}
}

// TestAppendIsDurableWhenKilled kills an appending child process with
// SIGKILL mid-way and checks that every ID it reported is in the database.
func TestAppendIsDurableWhenKilled(t *testing.T) {
	const killAfter = 40
	path := filepath.Join(t.TempDir(), "log.db")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	child := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), crashChildEnv+"="+path)
	child.Stderr = os.Stderr
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	var reported []int64
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		id, err := strconv.ParseInt(lines.Text(), 10, 64)
		if err != nil {
			t.Fatalf("child printed %q", lines.Text())
		}
		reported = append(reported, id)
		if len(reported) == killAfter {
			if err := child.Process.Kill(); err != nil { // SIGKILL on Unix
				t.Fatal(err)
			}
		}
	}
	_ = child.Wait() // "signal: killed" is the point
	if len(reported) < killAfter {
		t.Fatalf("child reported only %d appends before exiting", len(reported))
	}
	s := openAt(t, path)
	truths, err := s.Truths(context.Background(), reported)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range reported {
		if _, ok := truths[id]; !ok {
			t.Errorf("row %d was reported durable but is not in the database", id)
		}
	}
	if n, _ := s.Count(context.Background(), sim.LogFilter{}); n < len(reported) {
		t.Errorf("database holds %d rows, child reported %d", n, len(reported))
	}
}
