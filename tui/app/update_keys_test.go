package app

import (
	"slices"
	"strings"
	"testing"

	"bluegreen/sim"
	"bluegreen/tui/tuitest"

	"github.com/charmbracelet/x/ansi"
)

func TestQuitKeys(t *testing.T) {
	t.Run("q types while a text field has focus", func(t *testing.T) {
		h := newHarness(t, "dark", 120, 40)
		h.typeText("q")
		if h.quit {
			t.Fatal("q quit while the To: field had focus")
		}
		if v := h.m.phone.ToText(); v != "q" {
			t.Fatalf("To: holds %q, want q", v)
		}
		h.press("esc")
		h.typeText("4155550132")
		h.press("enter", "enter") // Ana confirmed; the message field has focus
		h.typeText("q")
		if h.quit {
			t.Fatal("q quit while the message field had focus")
		}
		if v := h.m.phone.BodyText(); v != "q" {
			t.Fatalf("message field holds %q, want q", v)
		}
	})
	for _, pane := range []struct {
		name string
		keys []string
	}{{"wire", []string{"tab"}}, {"log", []string{"tab", "tab"}}, {"log, backwards", []string{"shift+tab"}}} {
		t.Run("q quits from the "+pane.name+" pane", func(t *testing.T) {
			h := newHarness(t, "dark", 120, 40)
			h.press(pane.keys...)
			if h.m.scr.focus == PanePhone {
				t.Fatal("focus did not leave the phone")
			}
			h.typeText("q")
			if !h.quit {
				t.Fatal("q did not quit with no text field focused")
			}
		})
	}
	t.Run("q quits from the help screen", func(t *testing.T) {
		h := newHarness(t, "dark", 120, 40)
		h.press("f1")
		h.typeText("q")
		if !h.quit {
			t.Fatal("q did not quit from the help screen")
		}
	})
	for _, where := range []struct {
		name string
		keys []string
	}{{"To: field with text", nil}, {"message field", []string{"enter", "enter"}}, {"log pane", []string{"tab", "tab"}}, {"help", []string{"f1"}}} {
		t.Run("ctrl+c quits from the "+where.name, func(t *testing.T) {
			h := newHarness(t, "dark", 120, 40)
			h.typeText("4155550132")
			h.press(where.keys...)
			if h.quit {
				t.Fatal("quit too early")
			}
			h.press("ctrl+c")
			if !h.quit {
				t.Fatal("ctrl+c did not quit")
			}
		})
	}
}

// A scripted session, replayed with resizes at every step — including
// between a key and the answer to the query it started — ends in exactly
// the state of the same session without them.
func TestResizeKeepsState(t *testing.T) {
	script := func(h *harness, between func()) {
		keys := []string{"4", "1", "5", "5", "5", "5", "0", "1", "3", "2", "enter", "enter",
			"h", "i", "enter", "up", "B", "e", "enter", "enter", "y", "o", "enter",
			"f4", "up", "4", "1", "5", "5", "5", "5", "0", "1", "9", "9",
			"backspace", "backspace", "tab", "up", "tab", "shift+tab", "shift+tab", "f6"}
		for _, k := range keys {
			cmd := h.update(keyMsg(h.tb, k))
			between() // a resize while the key's work is still in flight
			h.run(cmd)
			between()
		}
	}
	plain := newHarness(t, "dark", 160, 45)
	script(plain, func() {})

	sizes := [][2]int{{70, 20}, {200, 60}, {40, 10}, {120, 40}, {60, 16}, {99, 30}, {150, 30}, {80, 24}}
	i := 0
	resized := newHarness(t, "dark", 80, 24)
	script(resized, func() {
		s := sizes[i%len(sizes)]
		i++
		resized.resize(s[0], s[1])
	})
	resized.resize(160, 45)

	if got, want := resized.screen(), plain.screen(); got != want {
		t.Errorf("after resizes the screen differs.\nwith resizes:\n%s\nwithout:\n%s", got, want)
	}
	if got, want := resized.lookups(), plain.lookups(); !slices.Equal(got, want) {
		t.Errorf("log %v, want %v", got, want)
	}
	if len(resized.world.Thread) != 2 || len(plain.world.Thread) != 2 {
		t.Errorf("threads: %d and %d messages, want 2", len(resized.world.Thread), len(plain.world.Thread))
	}
	for _, h := range []*harness{plain, resized} {
		mustContain(t, "screen", h.screen(), "Clock now 2016-09-27 16:00 UTC", "+14155550199", cellIP)
	}
}

// Below the minimum size the screen says so, and keys still work.
func TestTooSmallKeepsWorking(t *testing.T) {
	h := newHarness(t, "dark", 50, 12)
	out := h.raw()
	tuitest.CheckSize(t, out, 50, 12)
	mustContain(t, "screen", strings.Join(strings.Fields(ansi.Strip(out)), " "), "needs a larger window", "at least 60 × 16", "now 50 × 12")
	h.typeText("4155550132")
	if n := len(h.rows()); n != 1 {
		t.Fatalf("typing in a small window: %d rows, want 1", n)
	}
	h.resize(160, 45)
	mustContain(t, "screen", h.screen(), "1 row · 1 handle", "To: (415) 555-0132")
}

// An email cannot fall back to a text: the caption must not offer one.
func TestOfflineEmailIsNotDeliveredWithoutATextOffer(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.typeText("dev@example.com")
	h.press("enter")
	h.press("f4")
	h.press("f4") // no data
	h.press("enter")
	h.typeText("hi")
	h.press("enter")
	screen := flat(h.screen())
	mustContain(t, "screen", screen, "Not Delivered", "an email address cannot get a text message")
	if strings.Contains(screen, "Send as Text Message (alt+x)") {
		t.Errorf("an email's failure offers Send as Text Message:\n%s", screen)
	}
}

// Enter confirms a recipient and moves to the message field, as Messages does.
func TestConfirmMovesToTheMessage(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.typeText("4155550132")
	h.press("enter")
	h.typeText("hello")
	if got := h.m.phone.BodyText(); got != "hello" {
		t.Fatalf("after enter, typing went to %q in the message field (To: %q)", got, h.m.phone.ToText())
	}
	mustContain(t, "phone", flat(h.paneView(PanePhone)), "↑ add another recipient")
	h.press("enter")
	if len(h.world.Thread) != 1 || h.world.Thread[0].Text != "hello" {
		t.Fatalf("thread %+v, want the message to Ana", h.world.Thread)
	}
}

// The ▶ mark means one thing: rows that landed since your last action.
func TestNewestMarkIsSinceYourLastAction(t *testing.T) {
	h := newHarness(t, "none", 160, 45)
	marked := func() []sim.Handle {
		var out []sim.Handle
		for _, r := range h.m.log.NewRows() {
			out = append(out, r.LookupHandle)
		}
		return out
	}
	h.typeText("4155550132") // a lookup: its row lands
	if got := marked(); !slices.Equal(got, []sim.Handle{ana}) {
		t.Fatalf("after typing Ana's number ▶ marks %v, want her row", got)
	}
	mustContain(t, "log", flat(h.paneView(PaneLog)), "▶ new since your last action")
	h.press("f2") // iMessage off: an action that lands nothing
	if got := marked(); len(got) != 0 {
		t.Fatalf("after an action that logged nothing ▶ still marks %v", got)
	}
	mustNotContain(t, "log", flat(h.paneView(PaneLog)), "▶")
	h.press("f2", "f7") // a week passes: Ana and a stranger look you up
	got := h.m.log.NewRows()
	if len(got) == 0 {
		t.Fatal("a week passed and ▶ marks nothing")
	}
	for _, r := range got {
		if r.LookupHandle != you {
			t.Errorf("▶ marks %v, which did not land during the week", r)
		}
	}
}

// q asks before quitting when Apple's log lives only in memory and holds
// rows, and says how to keep one; any other key stays, a second q quits.
func TestQuitAsksWhenTheLogWouldBeLost(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.typeText("4155550132")
	h.press("esc", "tab") // the wire pane: q is not typed into a field
	h.typeText("q")
	if h.quit {
		t.Fatal("q quit at once with an in-memory log of 1 row")
	}
	mustContain(t, "caption", words(h.screen()), "Quit? Apple's log (1 row) lives only in memory", "--db FILE", "Press q again to quit")
	h.press("down") // any other key: stay
	h.typeText("q")
	if h.quit {
		t.Fatal("q after another key quit without asking again")
	}
	h.typeText("q")
	if !h.quit {
		t.Fatal("the second q did not quit")
	}
}

// A lozenge coloured while iMessage was off is asked about again when it
// comes back on.
func TestLozengeRefreshedWhenIMessageComesBack(t *testing.T) {
	h := newHarness(t, "none", 120, 40)
	h.press("f2") // iMessage off
	h.typeText("4155550132")
	h.press("enter")
	if r := h.m.phone.Lozenges(); len(r) != 1 || r[0].Colour == sim.Blue {
		t.Fatalf("with iMessage off Ana's lozenge is %+v, want not blue", r)
	}
	h.press("f2") // on again
	r := h.m.phone.Lozenges()
	if len(r) != 1 || r[0].Pending || r[0].Colour != sim.Blue || r[0].Label != "iMessage" {
		t.Fatalf("after iMessage came back Ana's lozenge is %+v, want blue iMessage", r)
	}
	mustContain(t, "phone", flat(h.paneView(PanePhone)), "■ Ana · iMessage")
}

// `/` filters the log by a handle typed as in the To: field (or a contact's
// name) and by mine / others; the store answers, and esc clears it.
func TestLogFilter(t *testing.T) {
	h := newHarness(t, "none", 160, 45)
	h.typeText("4155550132")
	h.press("esc")
	h.typeText("4155550147")
	h.press("esc", "f7") // a week: Ana and a stranger look you up
	total := len(h.rows())
	h.focusPane(PaneLog)
	h.press("/")
	h.typeText("Ana")
	if !h.m.typing() {
		t.Fatal("the filter field does not take printable keys")
	}
	mustContain(t, "log", flat(h.paneView(PaneLog)), "shows Ana +14155550132")
	h.press("enter")
	rows := h.m.log.OnScreen()
	if len(rows) < 2 || h.m.log.Total() >= total {
		t.Fatalf("filter Ana: %d of %d rows, want her rows only", h.m.log.Total(), total)
	}
	for _, r := range rows {
		if r.SourceHandle != ana && r.LookupHandle != ana {
			t.Errorf("filter Ana shows %+v", r)
		}
	}
	mustContain(t, "log", flat(h.paneView(PaneLog)), "filter: Ana +14155550132", "rows match")

	h.press("/", "down", "down") // all → mine → others
	h.press("enter")
	for _, r := range h.m.log.OnScreen() {
		if r.SourceHandle != ana {
			t.Errorf("Ana · others shows %+v, want only Ana's lookups of you", r)
		}
	}
	h.press("/")
	h.press("esc") // closes the field, keeps the filter
	if !h.m.log.CurrentFilter().Active() {
		t.Fatal("esc in the field cleared the filter")
	}
	h.press("esc") // clears it
	if h.m.log.CurrentFilter().Active() || h.m.log.Total() != total {
		t.Fatalf("after esc: filter %+v, %d rows, want all %d", h.m.log.CurrentFilter(), h.m.log.Total(), total)
	}
	h.typeText("q") // q again quits-when-idle (asks: the log is in memory)
	mustContain(t, "caption", words(h.screen()), "Quit?")

	h.press("down", "/")
	h.typeText("4155550")
	mustContain(t, "log", flat(h.paneView(PaneLog)), "incomplete: too short")
	h.press("enter")
	if !h.m.log.Editing() {
		t.Error("enter on an incomplete number closed the field")
	}
}

// Until the store has answered, the log's header says it is counting —
// never "0 rows" over a log that may hold a million.
func TestLogSaysCountingUntilCounted(t *testing.T) {
	world, _ := newClassroom(t)
	m, err := New(world, Options{Theme: "none"})
	if err != nil {
		t.Fatal(err)
	}
	pane := flat(viewAt(m.log, 80, 20, false))
	mustContain(t, "log before its first fetch", pane, "counting Apple's log…")
	mustNotContain(t, "log before its first fetch", pane, "0 rows", "empty")
}

// The first run's checklist ticks each discovery as it is made, always
// names the key for the next, hides with alt+j and never shows in
// presenter mode.
func TestFirstRunChecklist(t *testing.T) {
	h := startWith(t, Options{Theme: "none", HumanPace: DefaultHumanPace, Checklist: true}, 120, 40)
	scr := func() string { return words(h.screen()) }
	mustContain(t, "screen", scr(), "First run: ☐ abandoned number", "Next: type a number, then delete it (backspace)")
	h.typeText("4155550199")
	h.eraseTo()
	mustContain(t, "screen", scr(), "☑ abandoned number", "☐ cache", "Next: type the same number again")
	h.typeText("4155550199")
	mustContain(t, "screen", scr(), "☑ cache", "Next: F4 (alt+n)")
	h.press("esc", "f4")
	mustContain(t, "screen", scr(), "☑ IP", "Next: F7 (alt+w)")
	h.press("f7", "f7", "f7", "f7", "f7")
	mustContain(t, "screen", scr(), "☑ retention", "Next: F12 (alt+o)")
	h.press("f4", "f4") // back on Wi-Fi
	h.typeText("4155550132")
	h.press("esc")
	h.send(ServeOrderMsg{Kind: "stored-records"})
	mustContain(t, "screen", scr(), "☑ court order", "All five found")
	h.press("alt+j")
	mustNotContain(t, "screen", scr(), "First run:")
	h.press("alt+j")
	mustContain(t, "screen", scr(), "First run:")
	h.send(ShowPanesMsg{Panes: []string{"phone", "log"}})
	mustNotContain(t, "presenter screen", scr(), "First run:")
}
