package sim

import (
	"os/exec"
	"strings"
	"testing"
)

// The house rule: imports flow cmd → tui → logview → sim, and the domain
// packages never import terminal UI code.
func TestDomainPackagesStayFreeOfUI(t *testing.T) {
	for pkg, forbidden := range map[string][]string{
		"bluegreen/sim":     {"charm.land/", "github.com/charmbracelet/", "bluegreen/logview", "bluegreen/tui", "bluegreen/cmd"},
		"bluegreen/logview": {"charm.land/", "github.com/charmbracelet/", "bluegreen/tui", "bluegreen/cmd"},
		// The designs' cryptography: sim and circl, nothing of the screen.
		"bluegreen/sim/discovery": {"charm.land/", "github.com/charmbracelet/", "bluegreen/logview", "bluegreen/tui", "bluegreen/cmd"},
	} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, f := range forbidden {
				if strings.HasPrefix(dep, f) {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}
