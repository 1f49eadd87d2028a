package app

import (
	"testing"
)

func TestLayoutModesByWidth(t *testing.T) {
	for _, tt := range []struct {
		w, h int
		want Mode
	}{{59, 40, TooSmall}, {80, 15, TooSmall}, {60, 16, Narrow}, {99, 30, Narrow}, {100, 30, Medium}, {149, 40, Medium}, {150, 40, Wide}, {200, 60, Wide}} {
		if got := ComputeLayout(tt.w, tt.h, PanePhone).Mode; got != tt.want {
			t.Errorf("%d×%d: mode %v, want %v", tt.w, tt.h, got, tt.want)
		}
	}
}

// Every cell of the body belongs to exactly one visible pane, and nothing
// spills outside the window.
func TestLayoutTilesTheWindow(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}, {160, 45}, {200, 60}, {151, 17}, {100, 16}} {
		for active := PanePhone; active < paneCount; active++ {
			l := ComputeLayout(size[0], size[1], active)
			covered := make(map[[2]int]int)
			for _, r := range append(l.Panes[:], l.Tabs, l.Caption, l.Help) {
				for y := r.Y; y < r.Y+r.H; y++ {
					for x := r.X; x < r.X+r.W; x++ {
						covered[[2]int{x, y}]++
					}
				}
			}
			if len(covered) != size[0]*size[1] {
				t.Errorf("%v active %v: %d cells covered, want %d", size, active, len(covered), size[0]*size[1])
			}
			for cell, n := range covered {
				if n != 1 || cell[0] >= size[0] || cell[1] >= size[1] {
					t.Fatalf("%v active %v: cell %v covered %d times", size, active, cell, n)
				}
			}
		}
	}
}

func TestNarrowShowsOnlyTheActivePane(t *testing.T) {
	l := ComputeLayout(80, 24, PaneLog)
	if !l.Panes[PanePhone].Empty() || !l.Panes[PaneWire].Empty() || l.Panes[PaneLog].Empty() || l.Tabs.Empty() {
		t.Errorf("narrow layout = %+v", l)
	}
	if p, ok := l.PaneAt(10, 5); !ok || p != PaneLog {
		t.Errorf("PaneAt = %v %v", p, ok)
	}
}
