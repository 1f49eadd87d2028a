package returnpane

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"bluegreen/logview"
	"bluegreen/sim/simtest"
	"bluegreen/tui/tuitest"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// served is the return of a pen register on you after you typed three
// numbers, and the pane showing it at w × h.
func served(t *testing.T, theme string, w, h int) Model {
	t.Helper()
	world, store := simtest.Classroom(t)
	ctx := context.Background()
	for _, n := range []string{"4155550132", "4155550147", "4155550199"} {
		if _, _, err := world.TypeTo(ctx, n); err != nil {
			t.Fatal(err)
		}
		if _, err := world.Advance(ctx, time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	from := world.Server.Retention().Cutoff(world.Now()).UTC().Truncate(24 * time.Hour)
	order := logview.Order{Kind: logview.PenRegister, Case: "T-1", Target: simtest.Self,
		Period: logview.Window{From: from, To: from.Add(logview.StatuteDays * 24 * time.Hour)}}
	msgs := tuitest.Run(ProduceCmd(store, Case{Order: order, Retention: world.Server.Retention()}, world.Now()))
	produced, ok := msgs[0].(ProducedMsg)
	if len(msgs) != 1 || !ok || produced.Err != nil {
		t.Fatalf("producing gave %v", msgs)
	}
	p := New(tuitest.Common(t, theme, world))
	p.SetNow(world.Now())
	p.SetSize(w, h)
	p.Focus()
	p.SetCase(produced.Case)
	return p
}

// The pane shows the production and its lookups, scrolls no further than
// its last screenful, and a hidden pane keeps its place.
func TestScrollClampsAndHiddenKeepsItsPlace(t *testing.T) {
	p := served(t, "none", 100, 12)
	if v := ansi.Strip(p.View()); !strings.Contains(strings.ToLower(v), "return — pen register on +14155550100 — production 1") {
		t.Fatalf("the title does not name the order:\n%s", v)
	}
	for range 30 {
		p, _ = p.Update(tuitest.Key(t, "pgdown"))
	}
	end := p.Offset()
	if end != p.LineCount()-(12-2) {
		t.Fatalf("30 pgdn left the view at %d, want the last screenful (%d)", end, p.LineCount()-10)
	}
	p, _ = p.Update(tuitest.Key(t, "up"))
	if p.Offset() != end-1 {
		t.Errorf("↑ at the end moved to %d, want %d", p.Offset(), end-1)
	}
	p.SetSize(0, 0)
	p.SetSize(100, 12)
	if p.Offset() != end-1 {
		t.Errorf("hiding and showing the pane moved it from %d to %d", end-1, p.Offset())
	}
}

// The educator overlay adds its banner and marks, and Find brings a line
// near the top.
func TestEducatorAndFind(t *testing.T) {
	p := served(t, "none", 120, 30)
	plain := p.LineCount()
	p.ToggleEducator()
	v := ansi.Strip(p.View())
	if !strings.Contains(v, "EDUCATOR OVERLAY") || p.LineCount() <= plain {
		t.Fatalf("the overlay adds no banner (%d → %d lines):\n%s", plain, p.LineCount(), v)
	}
	p.Find("+14155550199")
	top := strings.Join(strings.Split(ansi.Strip(p.View()), "\n")[:8], "\n")
	if !strings.Contains(top, "4155550199") {
		t.Errorf("Find did not bring the abandoned number near the top:\n%s", top)
	}
}

// The pane draws exactly its size with and without an order.
func TestGoldenAtItsSizes(t *testing.T) {
	for _, theme := range []string{"dark", "none"} {
		for _, size := range [][2]int{{80, 30}, {120, 40}} {
			p := served(t, theme, size[0], size[1])
			none := New(p.com)
			none.SetSize(size[0], size[1])
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], theme), func(t *testing.T) {
				for _, v := range []string{none.View(), p.View()} {
					tuitest.CheckSize(t, v, size[0], size[1])
				}
				if !strings.Contains(ansi.Strip(none.View()), "No court order yet.") {
					t.Error("the pane before an order does not say so")
				}
				golden.RequireEqual(t, []byte(ansi.Strip(none.View())+"\n"+ansi.Strip(p.View())))
			})
		}
	}
}
