package serve

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/discovery"
	"bluegreen/tui/common"
	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// consoleHarness drives a console model directly, without SSH: a class of
// three students who have looked each other up.
type consoleHarness struct {
	t    testing.TB
	room *classroom
	c    *console
}

func newConsoleHarness(t testing.TB, theme string, w, h int) *consoleHarness {
	t.Helper()
	ctx := context.Background()
	s, err := sim.LoadScenario(sim.DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	class, err := sim.NewClass(ctx, s, sim.NewMemoryLog(), nil)
	if err != nil {
		t.Fatal(err)
	}
	class.UseDiscovery(discovery.Attach) // as New does
	room := newClassroom(class, testCode, DefaultMax, InstructorKeys{})
	var students []*student
	for _, name := range []string{"Kim", "Lee", "Max"} {
		st, err := room.join(joinRequest{Name: name, Code: testCode})
		if err != nil {
			t.Fatal(err)
		}
		students = append(students, st)
	}
	for i, st := range students {
		other := students[(i+1)%len(students)].Number
		if _, err := st.world.Lookup(ctx, []sim.Handle{other, "tel:+14155550132"}, sim.TriggerTyped); err != nil {
			t.Fatal(err)
		}
	}
	ch := &consoleHarness{t: t, room: room, c: newConsole(room, &farewell{}, newStyles(themeFor(theme)), consoleOptions{theme: theme})}
	ch.send(tea.WindowSizeMsg{Width: w, Height: h})
	return ch
}

// send delivers msg and runs what it asks for; a command still running
// after a moment (the live refresh's tick) is dropped.
func (h *consoleHarness) send(msg tea.Msg) {
	h.t.Helper()
	exec := tuitest.ExecWithin(300 * time.Millisecond)
	deliver := func(msg tea.Msg) tea.Cmd { _, cmd := h.c.Update(msg); return cmd }
	common.RunCommandsWith(exec, deliver, func() tea.Msg { return msg })
}

func (h *consoleHarness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		msg, err := common.KeyPress(k)
		if err != nil {
			h.t.Fatal(err)
		}
		h.send(msg)
	}
}

func (h *consoleHarness) screen() string { return ansi.Strip(h.c.render()) }

func (h *consoleHarness) want(step string, wants ...string) string {
	h.t.Helper()
	scr := h.screen()
	for _, w := range wants {
		if !strings.Contains(scr, w) {
			h.t.Fatalf("%s: the console does not show %q:\n%s", step, w, scr)
		}
	}
	return scr
}

// TestTheOrderFormOpensOnTheStudentAndItsKeysHoldTheBar: p, t and r open
// the app's order form with the kind chosen and the selected student as
// target; while it is open the key bar is the form's; esc closes it with
// nothing served, enter serves and the return pane shows the production.
func TestTheOrderFormOpensOnTheStudentAndItsKeysHoldTheBar(t *testing.T) {
	h := newConsoleHarness(t, "none", 120, 40)
	h.press("2", "down", "t")
	bar := h.want("the form", "Court order on Lee", "+14155550102", "● trap and trace", "enter serve", "esc cancel")
	if strings.Contains(bar, "tab page") {
		t.Errorf("the console's own keys are in the bar while the form is open:\n%s", bar)
	}
	h.press("esc")
	if scr := h.want("after esc", "No order served.", "tab page", "p pen register"); strings.Contains(scr, "Court order on") {
		t.Errorf("esc left the form open:\n%s", scr)
	}
	if h.c.ret.Case() != nil {
		t.Fatal("esc served an order")
	}
	h.press("r")
	h.want("stored records", "● stored records", "+14155550102")
	h.press("enter")
	h.want("the return and its keys", "Return — stored-records order on Lee (+14155550102) — production 1", "Timeline UTC", "2 records", "n produce", "R renew", "u overlay")
	if got := len(h.c.ret.Case().Report.Return.Rows()); got != 2 {
		t.Errorf("Lee looked up Max and Ana before any order: the stored-records return holds %d rows, want 2", got)
	}
	h.press("u")
	h.want("the overlay", "EDUCATOR OVERLAY")
	h.c.ret.Find("Production 1 of 1")
	h.want("the overlay's names", "tel:+14155550103", "Max", "tel:+14155550132", "Ana")
	h.press("R")
	h.want("renewing stored records", "Not renewed")
}

// TestAForwardOrderRecordsUnderNoLog: the console's pen register puts the
// order in force at the class's Apple, so under no-log the student's
// lookups from its entry are still recorded and produced.
func TestAForwardOrderRecordsUnderNoLog(t *testing.T) {
	h := newConsoleHarness(t, "none", 120, 40)
	if err := h.room.setDesign(sim.DesignNoLog); err != nil {
		t.Fatal(err)
	}
	h.press("2", "p", "enter")
	h.want("the pen register", "pen register on Kim")
	h.press("h") // an hour after the order's entry
	kim := h.room.students[0]
	if _, err := kim.world.Lookup(context.Background(), []sim.Handle{"tel:+14155550147"}, sim.TriggerTyped); err != nil {
		t.Fatal(err)
	}
	h.press("n")
	h.c.ret.Find("Production 2 of 2")
	h.want("the second production", "Production 2 of 2", "1 record", "tel:+14155550147")
}

// TestShownReturnIsTheConsolesCaseAtTheStudentsWidth: what the class sees
// is the case on the console, laid out for each student's screen.
func TestShownReturnIsTheConsolesCaseAtTheStudentsWidth(t *testing.T) {
	h := newConsoleHarness(t, "none", 160, 50)
	h.press("2", "p", "enter", "s")
	h.room.mu.Lock()
	shown := h.room.shown
	h.room.mu.Unlock()
	if shown == nil || shown.Case.Order != h.c.ret.Case().Order {
		t.Fatalf("shown %+v, want the console's case", shown)
	}
	for _, w := range []int{80, 120} {
		v := ansi.Strip(shown.view(h.c.st, w, 30, 0))
		if !strings.Contains(v, "SHOWN TO THE CLASS") || !strings.Contains(v, "pen register on Kim") {
			t.Errorf("at %d columns the shown return reads:\n%s", w, v)
		}
		for _, l := range strings.Split(v, "\n") {
			if ansi.StringWidth(l) > w {
				t.Errorf("at %d columns a line is %d wide: %q", w, ansi.StringWidth(l), l)
			}
		}
	}
}

// TestConsoleContrast measures every colour pair the console draws — each
// page, the order form, the return with its overlay, the full help — and
// the join and shown screens, in the dark, light and high-contrast themes
// (text 4.5:1, 7:1 in high contrast; borders 3:1).
func TestConsoleContrast(t *testing.T) {
	for _, theme := range []string{"dark", "light", "high-contrast"} {
		h := newConsoleHarness(t, theme, 120, 40)
		screens := map[string]string{"log": h.c.render()}
		for _, step := range []struct{ name, key string }{
			{"roster", "2"}, {"order form", "p"}, {"return", "enter"}, {"overlay", "u"}, {"graph", "4"}, {"help", "?"},
		} {
			h.press(step.key)
			screens[step.name] = h.c.render()
		}
		h.press("?", "3", "s")
		screens["shown to a student"] = h.room.shown.view(h.c.st, 100, 30, 0)
		screens["join"] = newJoinModel(h.c.st).View(100, 30)
		for name, raw := range screens {
			t.Run(fmt.Sprintf("%s/%s", theme, name), func(t *testing.T) {
				if len(tuitest.ScreenPairs(raw, tuitest.Profiles[0], tuitest.Backdrops(theme, tuitest.Profiles[0])[0])) < 3 {
					t.Fatalf("fewer than 3 colour pairs: the screen is not coloured as expected:\n%s", ansi.Strip(raw))
				}
				for _, p := range tuitest.LowContrast(theme, raw) {
					t.Errorf("%s\n\tin line %q", p, p.SampleLine)
				}
			})
		}
	}
}

// phoneStub stands for a student's phone under a shown return.
type phoneStub struct{}

func (phoneStub) Init() tea.Cmd                         { return nil }
func (p phoneStub) Update(tea.Msg) (tea.Model, tea.Cmd) { return p, nil }
func (phoneStub) View() tea.View                        { return tea.NewView("the phone") }

// shownSession is a student's session at w × ht over a stub phone, with
// the return the console shows the class on top.
func (h *consoleHarness) shownSession(w, ht int) *studentSession {
	sess := newStudentSession(h.room, "", &farewell{}, nil, h.c.st, nil)
	sess.phone, sess.student = phoneStub{}, &student{}
	sess.Update(tea.WindowSizeMsg{Width: w, Height: ht})
	h.room.mu.Lock()
	sess.Update(shownMsg{shown: h.room.shown, seq: h.room.showSeq})
	h.room.mu.Unlock()
	return sess
}

// TestAStudentScrollsTheShownReturn: a student at 80×24 reads the whole
// return with the app's scrolling keys, then esc gives the phone back.
func TestAStudentScrollsTheShownReturn(t *testing.T) {
	h := newConsoleHarness(t, "none", 120, 40)
	h.press("2", "r", "enter", "s")
	sess := h.shownSession(80, 24)
	screen := func(key string) string {
		t.Helper()
		if key != "" {
			k, err := common.KeyPress(key)
			if err != nil {
				t.Fatal(err)
			}
			sess.Update(k)
		}
		return ansi.Strip(sess.View().Content)
	}
	if scr := screen(""); !strings.Contains(scr, "Timeline UTC") || strings.Contains(scr, "tallest bar") {
		t.Fatalf("the shown return does not open at its top:\n%s", scr)
	}
	end := screen("end")
	if !strings.Contains(end, "tallest bar") || strings.Contains(end, "Timeline UTC") {
		t.Errorf("end does not show the return's last lines:\n%s", end)
	}
	screen("down") // past the end stays at the end: the way back up starts at once
	if scr := screen("up"); scr == end {
		t.Errorf("up after pressing down at the end did not move:\n%s", scr)
	}
	if scr := screen("home"); !strings.Contains(scr, "Timeline UTC") {
		t.Errorf("home does not show the top:\n%s", scr)
	}
	if scr := screen("esc"); !strings.Contains(scr, "the phone") {
		t.Errorf("esc did not give the phone back:\n%s", scr)
	}
}

// TestTheDesignKeyPressedTwiceMovesTwoDesignsOn: a second D before the
// first switch is done goes on to the design after the one asked for.
func TestTheDesignKeyPressedTwiceMovesTwoDesignsOn(t *testing.T) {
	h := newConsoleHarness(t, "none", 120, 40)
	first, second := h.c.key(keyPress(t, "D")), h.c.key(keyPress(t, "D"))
	for _, cmd := range []tea.Cmd{first, second} {
		if msg := cmd().(designSetMsg); msg.err != nil {
			t.Fatal(msg.err)
		}
	}
	if got := h.room.class.Design(); got != sim.DesignPrivate {
		t.Errorf("after D D the class runs %s, want private", got)
	}
}

func keyPress(t *testing.T, name string) tea.KeyPressMsg {
	t.Helper()
	k, err := common.KeyPress(name)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
