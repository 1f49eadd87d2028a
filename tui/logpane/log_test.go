package logpane

import (
	"fmt"
	"strings"
	"testing"

	"bluegreen/sim"
	"bluegreen/sim/simtest"
	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// newLog is the pane over a log of n rows, sized and with its first fetch in.
func newLog(t *testing.T, theme string, n, w, h int) Model {
	t.Helper()
	store := simtest.FilledLog(t, n)
	world, _ := simtest.ClassroomOn(t, store)
	p := New(tuitest.Common(t, theme, world), store, world.Server.Retention())
	p.SetSize(w, h)
	p.Focus()
	return fetched(t, p, p.Fetch())
}

// fetched runs the fetches cmd asked for and gives the pane their rows.
func fetched(t *testing.T, p Model, cmd tea.Cmd) Model {
	t.Helper()
	for _, msg := range tuitest.Run(cmd) {
		rows, ok := msg.(RowsMsg)
		if !ok {
			t.Fatalf("the log pane asked for %T, want only its rows", msg)
		}
		p, _ = p.Update(rows)
	}
	return p
}

func press(t *testing.T, p Model, name string) Model {
	t.Helper()
	p, cmd := p.Update(tuitest.Key(t, name))
	return fetched(t, p, cmd)
}

// The pane follows the newest rows; page up fetches the page before, and
// end follows again.
func TestPagesThroughTheStore(t *testing.T) {
	p := newLog(t, "none", 500, 120, 20)
	if p.Total() != 500 || len(p.Rows()) != VisibleRows(20) || p.Offset() != 500-VisibleRows(20) {
		t.Fatalf("first fetch: total %d, %d rows from %d; want the last %d of 500", p.Total(), len(p.Rows()), p.Offset(), VisibleRows(20))
	}
	bottom := p.Offset()
	p = press(t, p, "pgup")
	if p.Offset() != bottom-VisibleRows(20) {
		t.Errorf("pgup moved from %d to %d, want one page", bottom, p.Offset())
	}
	p = press(t, p, "home")
	if p.Offset() != 0 || p.Rows()[0].ID != 1 {
		t.Errorf("home shows rows from %d (first id %d), want the oldest", p.Offset(), p.Rows()[0].ID)
	}
	p = press(t, p, "end")
	if p.Offset() != bottom {
		t.Errorf("end shows rows from %d, want the newest (%d)", p.Offset(), bottom)
	}
}

// A fetch overtaken by a newer one is dropped.
func TestStaleFetchIsDropped(t *testing.T) {
	p := newLog(t, "none", 100, 120, 20)
	old := tuitest.Run(p.Fetch())
	p = fetched(t, p, p.Scroll(-10))
	at := p.Offset()
	p, _ = p.Update(old[0])
	if p.Offset() != at {
		t.Errorf("an older fetch moved the pane from %d to %d", at, p.Offset())
	}
}

// ← → choose the column whose lesson card the app opens.
func TestColumnFocus(t *testing.T) {
	p := newLog(t, "none", 10, 120, 20)
	if p.Column() != -1 {
		t.Fatalf("column %d before any key, want none", p.Column())
	}
	for range 7 {
		p = press(t, p, "right")
	}
	if p.Column() != 4 {
		t.Errorf("column %d after 7 →, want the last (4)", p.Column())
	}
	p = press(t, p, "left")
	if !strings.Contains(ansi.Strip(p.View()), "[") {
		t.Errorf("the focused column is not marked with brackets:\n%s", ansi.Strip(p.View()))
	}
}

// The pane draws exactly its size at its widths and themes.
func TestGoldenAtItsSizes(t *testing.T) {
	for _, theme := range []string{"dark", "none"} {
		for _, size := range [][2]int{{60, 12}, {100, 16}, {160, 20}} {
			p := newLog(t, theme, 1000, size[0], size[1])
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], theme), func(t *testing.T) {
				v := p.View()
				tuitest.CheckSize(t, v, size[0], size[1])
				if !strings.Contains(ansi.Strip(v), sim.Plural(1000, "row", "rows")) {
					t.Errorf("the header does not count the rows:\n%s", ansi.Strip(v))
				}
				golden.RequireEqual(t, []byte(ansi.Strip(v)))
			})
		}
	}
}
