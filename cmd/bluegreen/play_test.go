package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bluegreen/tui/scripts"
)

func TestPlayHeadlessPrintsEveryStep(t *testing.T) {
	code, out, errOut := runCLI(t, "play", "talk", "--headless", "--width", "120", "--height", "40")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	talk, err := scripts.Load("talk")
	if err != nil {
		t.Fatal(err)
	}
	n := len(talk.Steps)
	if got := strings.Count(out, "── step "); got != n {
		t.Errorf("printed %d steps, want %d", got, n)
	}
	if !strings.Contains(out, fmt.Sprintf("step %d of %d", n, n)) || strings.ContainsRune(out, '\x1b') {
		t.Error("headless output lacks the last step or carries escape codes")
	}
}

func TestPlayRefusesBadScriptsBeforeDrawing(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("name: x\nsteps:\n  - keys: [warp]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"play", "nope", "--headless"}, "built-ins: group, switched, talk"},
		{[]string{"play", bad, "--headless"}, "bad.yaml:3:12: steps[0].keys[0]: unknown key"},
		{[]string{"play", "talk", "--headless", "--width", "30"}, "at least 60"},
		{[]string{"play", "talk", "--speed", "0", "--headless"}, "--speed"},
		{[]string{"play", "talk", "--headless", "--db", filepath.Join(t.TempDir(), "x.db")}, "fresh in-memory world"},
	} {
		code, out, errOut := runCLI(t, tt.args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %q; want 2, nothing, %q", tt.args, code, len(out), errOut, tt.want)
		}
	}
}

func TestPlayRecordNeverOverwrites(t *testing.T) {
	cast := filepath.Join(t.TempDir(), "group.cast")
	if code, _, errOut := runCLI(t, "play", "group", "--record", cast); code != 0 {
		t.Fatalf("first recording: exit %d: %s", code, errOut)
	}
	before, _ := os.ReadFile(cast)
	if !strings.HasPrefix(string(before), `{"version":2,`) {
		t.Fatalf("not an asciicast v2 file: %.60q", before)
	}
	if code, _, _ := runCLI(t, "play", "group", "--record", cast); code == 0 {
		t.Error("a second recording over the same file succeeded")
	}
	after, _ := os.ReadFile(cast)
	if string(after) != string(before) {
		t.Error("the existing recording was changed")
	}
}
