package serve

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"bluegreen/sim"

	tea "charm.land/bubbletea/v2"
)

// On a projector's 80 × 24 the console's log shows every column of every
// row — the client IP above all, which is what the lesson is about — and
// names who looked up whom; the roster keeps each student's number, status
// and lookups, and the addresses come back when there is room.
func TestTheConsolePagesFitEightyColumns(t *testing.T) {
	h := newConsoleHarness(t, "none", 80, 24)
	scr := h.want("the log at 80 columns", "Client IP", "Who", "Kim → Lee", "Lee → Max", "Max → Kim", "192.0.2.10", "192.0.2.11", "192.0.2.12")
	for _, line := range strings.Split(scr, "\n")[2:8] {
		if strings.Contains(line, "…") {
			t.Errorf("a log line is cut at 80 columns: %q\n%s", line, scr)
		}
	}
	h.press("tab")
	scr = h.want("the roster at 80 columns", "Number", "Status", "Lookups", "Kim", "+14155550101", "● online")
	for _, line := range strings.Split(scr, "\n") {
		if strings.Contains(line, "Kim") && (strings.Contains(line, "…") || !strings.HasSuffix(strings.TrimSpace(line), "2")) {
			t.Errorf("Kim's roster line at 80 columns is %q: want it whole, ending in 2 lookups", line)
		}
	}
	h.send(tea.WindowSizeMsg{Width: 160, Height: 50})
	h.want("the roster at 160 columns", "Wi-Fi IP", "Cellular IP", "198.51.100.10", "iPhone")
}

// The log page shows the newest rows when the log is longer than the page.
func TestTheConsoleLogShowsTheNewestRows(t *testing.T) {
	h := newConsoleHarness(t, "none", 80, 24)
	h.room.mu.Lock()
	kim := h.room.students[0]
	h.room.mu.Unlock()
	for i := range 30 {
		n := sim.Handle(fmt.Sprintf("tel:+1212555%04d", 100+i))
		if _, err := kim.world.Lookup(context.Background(), []sim.Handle{n}, sim.TriggerTyped); err != nil {
			t.Fatal(err)
		}
	}
	h.send(consoleTickMsg{id: h.c.tick})
	scr := h.want("a long log", "+12125550129")
	if strings.Contains(scr, "+12125550100 ") {
		t.Errorf("the oldest of 36 rows is on a 24-line page, the newest should be:\n%s", scr)
	}
}

// The console's first line keeps the design, who is online, the rows, the
// clock and a shown return on 80 columns, in shorter words.
func TestTheConsoleStatusLineFitsEightyColumns(t *testing.T) {
	h := newConsoleHarness(t, "none", 80, 24)
	first := strings.SplitN(h.screen(), "\n", 2)[0]
	for _, want := range []string{"design apple", "3 students, 3 online", "6 rows", "UTC"} {
		if !strings.Contains(first, want) || strings.Contains(first, "…") {
			t.Errorf("at 80 columns the console's first line is %q: want %q, nothing cut", first, want)
		}
	}
	h.room.mu.Lock()
	h.room.shown = &Shown{}
	h.room.mu.Unlock()
	h.send(consoleTickMsg{id: h.c.tick})
	if first = strings.SplitN(h.screen(), "\n", 2)[0]; !strings.Contains(first, "SHOWN") {
		t.Errorf("with a return shown the first line at 80 columns is %q", first)
	}
	h.send(tea.WindowSizeMsg{Width: 200, Height: 40})
	if first = strings.SplitN(h.screen(), "\n", 2)[0]; !strings.Contains(first, "bluegreen · INSTRUCTOR · classroom") || !strings.Contains(first, "clock") {
		t.Errorf("at 200 columns the first line is %q, want the long wording", first)
	}
}
