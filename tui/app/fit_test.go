package app

import (
	"fmt"
	"strings"
	"testing"

	"bluegreen/sim"
	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Issue 12, tables that fit: at every width from 60 columns, each row on
// screen — in Apple's log and in the return — shows both of its handles in
// full, however short the rest of the row has to become.

// logWithStrangers is a log with your rows, Ana's, a stranger's and a long
// email address looked up.
func logWithStrangers(t *testing.T, long bool) *harness {
	t.Helper()
	h := startWith(t, Options{Theme: "none", HumanPace: DefaultHumanPace}, 160, 45)
	h.abandonAndMessageAna()
	if long {
		h.press("ctrl+n")
		h.send(tea.PasteMsg{Content: "someone.with.a.long.address@example.net"}) // pasted: typed, it would be looked up at each letter
		h.press("enter")
	}
	h.advanceDays(7) // Ana looks you up most mornings; a stranger once, from Contacts
	sources := map[sim.Handle]bool{}
	lookups := map[sim.Handle]bool{}
	for _, r := range h.rows() {
		sources[r.SourceHandle], lookups[r.LookupHandle] = true, true
	}
	if !sources[ana] || !sources["mailto:stranger@example.org"] || long && !lookups["mailto:someone.with.a.long.address@example.net"] {
		t.Fatalf("the log lacks Ana's, the stranger's or the long address's rows: %v", h.lookups())
	}
	return h
}

// focusPane tabs to pane p (in narrow mode only the focused pane is drawn).
func (h *harness) focusPane(p Pane) {
	h.tb.Helper()
	for n := 0; h.m.scr.focus != p; n++ {
		if n > int(paneCount) {
			h.tb.Fatalf("tab never reaches pane %v", p)
		}
		h.press("tab")
	}
}

// handleForms are the ways a table may write h in full.
func handleForms(h sim.Handle, who common.Who) []string {
	return []string{string(h), h.Address(), who.Local(h)}
}

// requireRowsWhole checks that, in order, each row has a line (or two, when
// the table stacks it) holding its time and both handles in full.
func requireRowsWhole(t *testing.T, what, pane string, rows []sim.LogEntry, who common.Who) {
	t.Helper()
	lines := strings.Split(strings.NewReplacer("┃", " ", "│", " ").Replace(ansi.Strip(pane)), "\n")
	at := 0
	for _, r := range rows {
		found := false
		for ; at < len(lines) && !found; at++ {
			text := lines[at]
			if at+1 < len(lines) {
				text += " " + lines[at+1]
			}
			found = strings.Contains(lines[at], r.Time.UTC().Format("15:04")) &&
				containsAny(text, handleForms(r.SourceHandle, who)) && containsAny(text, handleForms(r.LookupHandle, who))
		}
		if !found {
			t.Fatalf("%s: no line shows %s → %s in full:\n%s", what, r.SourceHandle, r.LookupHandle, pane)
		}
	}
}

// containsAny reports whether text holds one of forms as a whole word.
func containsAny(text string, forms []string) bool {
	for _, f := range forms {
		for _, word := range strings.Fields(text) {
			if word == f {
				return true
			}
		}
	}
	return false
}

func TestLogNeverCutsAHandle(t *testing.T) {
	h := logWithStrangers(t, true)
	who := common.WhoOf(h.m.com.Snap)
	for w := MinWidth; w <= 200; w++ {
		h.resize(w, 30)
		h.focusPane(PaneLog)
		rows := h.m.log.OnScreen()
		if len(rows) < 3 {
			t.Fatalf("width %d: only %d rows on screen", w, len(rows))
		}
		requireRowsWhole(t, fmt.Sprintf("log at %d columns", w), ansi.Strip(h.paneView(PaneLog)), rows, who)
	}
}

func TestReturnNeverCutsAHandle(t *testing.T) {
	// Stored-records orders in both directions: they reach the rows already
	// logged (a pen register or trap and trace served now would hold none).
	for _, kind := range []string{"source", "lookup"} {
		h := logWithStrangers(t, true)
		h.send(ServeOrderMsg{Kind: "stored-records", Direction: kind})
		c := h.m.ret.Case()
		if c == nil || len(c.Report.Return.Rows()) < 2 {
			t.Fatalf("%s: no return with rows", kind)
		}
		who := common.WhoOf(h.m.com.Snap)
		for _, educator := range []bool{false, true} {
			if h.m.ret.Educator() != educator {
				h.press("alt+u")
			}
			for w := MinWidth; w <= 200; w++ {
				requireRowsWhole(t, fmt.Sprintf("%s return at %d columns (educator %v)", kind, w, educator), ansi.Strip(h.returnPane(w)), c.Report.Return.Rows(), who)
			}
		}
	}
}

// The who column names both sides from the phone's contacts where it fits.
func TestLogWhoColumn(t *testing.T) {
	h := logWithStrangers(t, false)
	h.resize(200, 40)
	pane := ansi.Strip(h.paneView(PaneLog))
	mustContain(t, "log at 200", pane, "Who", "you → Ana", "Ana → you", "stranger → you", "you → unknown")
}
