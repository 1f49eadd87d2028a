package logview_test

import (
	"os/exec"
	"strings"
	"testing"
)

// logview works on any sim.LogStore: it must not reach for the SQLite store
// or for terminal UI code.
func TestLogviewDependsOnlyOnSim(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "bluegreen/logview").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, bad := range []string{"bluegreen/sim/sqlitelog", "modernc.org/", "charm.land/", "github.com/charmbracelet/", "bluegreen/tui", "bluegreen/cmd"} {
			if strings.HasPrefix(dep, bad) {
				t.Errorf("logview depends on %s", dep)
			}
		}
	}
}
