package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"bluegreen/internal/tinyfs"
	"bluegreen/sim"
	"bluegreen/sim/simtest"
	"bluegreen/sim/sqlitelog"
)

// A lookup the log cannot take — the disk filled under the database — is
// an error on the screen naming the file and the cause, never a panic
// (it once indexed the answers of a failed lookup), and the rows logged
// before it stay in the log pane.
func TestALookupOnAFullDiskSaysSoOnScreen(t *testing.T) {
	dir, ok := tinyfs.Full(t, 256<<10)
	if !ok {
		return
	}
	path := filepath.Join(dir, "log.db")
	store, err := sqlitelog.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	world, err := simtest.NewWorld("classroom", store)
	if err != nil {
		t.Fatal(err)
	}
	// The person's pace moves the clock before each lookup, as in the
	// product: that write is the one that fails first.
	m, err := New(world, Options{Theme: "none", HumanPace: DefaultHumanPace})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{tb: t, m: m, world: world}
	h.run(m.Init())
	h.resize(120, 40)
	h.typeText("4155550132")
	if n, _ := store.Count(context.Background(), sim.LogFilter{}); n != 1 {
		t.Fatalf("the first lookup logged %d rows", n)
	}
	tinyfs.Leave(t, dir, 0)
	h.eraseTo()
	h.typeText("4155550147")
	screen := strings.Join(strings.Fields(h.screen()), " ")
	for _, want := range []string{"the disk is full", "log.db", "every row logged before it is kept"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen does not say %q:\n%s", want, h.screen())
		}
	}
	if n, _ := store.Count(context.Background(), sim.LogFilter{}); n != 1 {
		t.Errorf("the log holds %d rows; 1 was acknowledged", n)
	}
}
