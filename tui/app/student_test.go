package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/lessons"
	"bluegreen/tui/phonepane"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// studentHarness drives a student's screen the way the runtime does, one
// command at a time, failing when a command blocks.
type studentHarness struct {
	t     *testing.T
	m     tea.Model
	store sim.LogStore
}

func newStudentHarness(t *testing.T, android bool) *studentHarness {
	t.Helper()
	w, store := newClassroom(t)
	s, err := NewStudent(w, StudentOptions{Theme: "none", Android: android})
	if err != nil {
		t.Fatal(err)
	}
	h := &studentHarness{t: t, m: s, store: store}
	h.run(s.Init())
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	return h
}

func (h *studentHarness) send(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	h.m, cmd = h.m.Update(msg)
	h.run(cmd)
	return cmd
}

func (h *studentHarness) run(cmds ...tea.Cmd) {
	h.t.Helper()
	common.RunCommandsWith(h.exec, func(msg tea.Msg) tea.Cmd {
		var next tea.Cmd
		h.m, next = h.m.Update(msg)
		return next
	}, cmds...)
}

func (h *studentHarness) exec(cmd tea.Cmd) tea.Msg {
	h.t.Helper()
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(5 * time.Second):
		h.t.Fatal("a command blocked: the engine waits for work that was never run")
		return nil
	}
}

func (h *studentHarness) press(name string) {
	h.t.Helper()
	k, err := common.KeyPress(name)
	if err != nil {
		h.t.Fatal(err)
	}
	h.send(k)
}

func (h *studentHarness) typeText(s string) {
	for _, r := range s {
		h.press(string(r))
	}
}

func (h *studentHarness) screen() string { return ansi.Strip(h.m.View().Content) }

func (h *studentHarness) rows() int {
	n, err := h.store.Count(context.Background(), sim.LogFilter{})
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

// typeLeaving types a number whose lookup the engine is asked for, and
// drops that command as a session that ends does: it is never run.
func (h *studentHarness) typeLeaving(number string) {
	h.t.Helper()
	h.typeText(number[:len(number)-1])
	k, _ := common.KeyPress(number[len(number)-1:])
	var cmd tea.Cmd
	h.m, cmd = h.m.Update(k)
	for _, msg := range h.flatten(cmd) {
		if ask, ok := msg.(phonepane.LookupTypedMsg); ok {
			h.m, _ = h.m.Update(ask) // the engine's command is dropped with the session
		}
	}
}

// flatten runs cmd and its batches, returning their messages unhandled.
func (h *studentHarness) flatten(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := h.exec(cmd)
	inner, ok := common.CommandsIn(msg)
	if !ok {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range inner {
		out = append(out, h.flatten(c)...)
	}
	return out
}

// A student who leaves with a lookup queued: the lookup is still made,
// once, and the screen they come back to shows its answer instead of
// "asking Apple" for ever; their next lookups are not held up behind it.
func TestALookupQueuedAsTheStudentLeavesIsMadeOnceAndShownOnReturn(t *testing.T) {
	h := newStudentHarness(t, false)
	h.typeLeaving("4155550132")
	if !strings.Contains(h.screen(), "asking Apple") {
		t.Fatalf("the phone does not show the lookup under way:\n%s", h.screen())
	}
	deadline := time.Now().Add(5 * time.Second)
	for h.rows() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond) // the engine does the work without its command
	}
	if n := h.rows(); n != 1 {
		t.Fatalf("Apple's log holds %d rows after the student left mid-lookup, want 1", n)
	}
	h.run(h.m.(Student).Resume())
	scr := h.screen()
	if strings.Contains(scr, "asking Apple") || !strings.Contains(scr, "1 lookup sent to Apple") {
		t.Errorf("the returning student's screen:\n%s", scr)
	}
	h.run(h.m.(Student).Resume()) // resuming again delivers nothing twice
	h.press("ctrl+n")
	h.typeText("4155550147")
	if n, asked := h.rows(), h.m.(Student).Asked(); n != 2 || asked != 2 {
		t.Errorf("after the next lookup: %d rows, the wire shows %d", n, asked)
	}
	if strings.Contains(h.screen(), "asking Apple") {
		t.Errorf("the next lookup is stuck:\n%s", h.screen())
	}
}

// The student's keys change their own phone only: no clock, court order
// or design key exists, and help lists only what the student can do.
func TestAStudentHasNoClockOrderOrDesignKeys(t *testing.T) {
	h := newStudentHarness(t, false)
	before := h.m.(Student).com.Snap
	for _, k := range []string{"f5", "f6", "f7", "alt+d", "f12", "alt+o", "alt+g", "alt+m", "alt+b", "alt+p"} {
		h.press(k)
	}
	after := h.m.(Student).com.Snap
	if !after.Now.Equal(before.Now) || after.Design != before.Design {
		t.Errorf("a student's keys moved the clock or the design: %v %s → %v %s", before.Now, before.Design, after.Now, after.Design)
	}
	h.press("f1")
	help := h.screen()
	for _, want := range []string{"new message", "iMessage on/off", "clear phone's cache"} {
		if !strings.Contains(help, want) {
			t.Errorf("the student's help lacks %q:\n%s", want, help)
		}
	}
	for _, never := range []string{"clock +1", "court order", "design", "compare"} {
		if strings.Contains(help, never) {
			t.Errorf("the student's help offers %q:\n%s", never, help)
		}
	}
}

// An Android phone is not on iMessage and never asks Apple, and says so.
func TestAnAndroidStudentNeverAsksApple(t *testing.T) {
	h := newStudentHarness(t, false)
	h.send(PlatformMsg{Android: true})
	h.typeText("4155550132")
	h.press("f2") // an Android phone has no iMessage to turn on
	scr := h.screen()
	if n := h.rows(); n != 0 {
		t.Errorf("an Android phone's typing left %d rows in Apple's log", n)
	}
	if !strings.Contains(scr, "ANDROID") || !strings.Contains(scr, "never asks Apple") {
		t.Errorf("the Android phone does not say so:\n%s", scr)
	}
	h.send(PlatformMsg{Android: false})
	h.press("ctrl+n")
	h.typeText("4155550147")
	if n := h.rows(); n != 1 {
		t.Errorf("an iPhone again: %d rows, want 1", n)
	}
}

// The header's first line says what kind of phone this is in words, whole,
// at 80 columns as at 120: the short words when the long do not fit.
func TestTheStudentHeaderKeepsItsWordsAtEightyColumns(t *testing.T) {
	for _, android := range []bool{false, true} {
		h := newStudentHarness(t, false)
		h.send(PlatformMsg{Android: android})
		want := map[bool][2]string{false: {"iPhone · every number you type asks Apple", "iPhone · asks Apple"},
			true: {"not on iMessage: it never asks Apple", "ANDROID · never asks Apple"}}[android]
		for i, w := range []int{120, 80} {
			h.send(tea.WindowSizeMsg{Width: w, Height: 30})
			first := strings.SplitN(h.screen(), "\n", 2)[0]
			if !strings.Contains(first, want[i]) || strings.Contains(first, "…") {
				t.Errorf("android %v at %d columns the header reads %q, want %q whole", android, w, first, want[i])
			}
		}
	}
}

// F10 opens the class's own lesson card on a student's phone; esc closes it.
func TestAStudentReadsTheClassLessonCard(t *testing.T) {
	h := newStudentHarness(t, false)
	h.press("f10")
	if scr := h.screen(); !strings.Contains(scr, lessons.TopicClassmatesLookups.Title()) || strings.Contains(scr, "Phone — Messages") {
		t.Errorf("F10 on a student's phone:\n%s", scr)
	}
	h.press("esc")
	if scr := h.screen(); !strings.Contains(scr, "Phone — Messages") {
		t.Errorf("esc did not close the card:\n%s", scr)
	}
}
