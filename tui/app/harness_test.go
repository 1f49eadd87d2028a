package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/simtest"
	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// This file holds the helpers the tui tests share: a harness that drives
// Model through Update exactly as the Bubble Tea runtime would, but
// synchronously, running every command it returns and feeding the
// resulting messages back in.

// cmdTimeout bounds one command. The engine serialises world work with
// tickets: a command run out of order waits forever, and this turns that
// bug (in the harness or the app) into a clear failure instead of a hang.
const cmdTimeout = 10 * time.Second

// Handles of the classroom scenario the tests use.
const (
	ana       = simtest.Ana
	ben       = simtest.Ben
	abandoned = simtest.Abandoned
	wifiIP    = simtest.WiFiIP
	cellIP    = simtest.CellIP
)

// newClassroom builds the classroom world over a fresh in-memory log.
func newClassroom(tb testing.TB) (*sim.World, *sim.MemoryLog) {
	tb.Helper()
	return simtest.Classroom(tb)
}

// newClassroomOn builds the classroom world over store.
func newClassroomOn(tb testing.TB, store *sim.MemoryLog) (*sim.World, *sim.MemoryLog) {
	tb.Helper()
	return simtest.ClassroomOn(tb, store)
}

// harness drives a Model synchronously.
type harness struct {
	tb    testing.TB
	m     Model
	world *sim.World
	store *sim.MemoryLog
	quit  bool // a command returned tea.QuitMsg
}

// newHarness starts the app on the classroom world with the given theme,
// runs Init and sends a first window size.
func newHarness(tb testing.TB, theme string, w, h int) *harness {
	tb.Helper()
	world, store := newClassroom(tb)
	return startHarness(tb, world, store, theme, w, h)
}

func startHarness(tb testing.TB, world *sim.World, store *sim.MemoryLog, theme string, w, h int) *harness {
	tb.Helper()
	m, err := New(world, Options{Theme: theme, NetworkDelay: 0})
	if err != nil {
		tb.Fatal(err)
	}
	hs := &harness{tb: tb, m: m, world: world, store: store}
	hs.run(m.Init())
	hs.resize(w, h)
	return hs
}

// update passes one message to Update and returns its command unrun.
func (h *harness) update(msg tea.Msg) tea.Cmd {
	h.tb.Helper()
	next, cmd := h.m.Update(msg)
	m, ok := next.(Model)
	if !ok {
		h.tb.Fatalf("Update returned %T, want tui.Model", next)
	}
	h.m = m
	return cmd
}

// send passes msg to Update and runs everything that follows from it.
func (h *harness) send(msg tea.Msg) {
	h.tb.Helper()
	h.run(h.update(msg))
}

// run executes commands the way the runtime does, but one at a time and
// in the order they were created, so the engine's tickets are served in
// order: batches and sequences are expanded in place at the front of the
// queue; a command's message goes to Update and the command Update returns
// joins the back of the queue.
func (h *harness) run(cmds ...tea.Cmd) {
	h.tb.Helper()
	common.RunCommandsWith(func(cmd tea.Cmd) tea.Msg {
		msg := h.exec(cmd)
		if _, ok := msg.(tea.QuitMsg); ok {
			h.quit = true
		}
		return msg
	}, h.update, cmds...)
}

// exec runs one command, failing the test if it blocks.
func (h *harness) exec(cmd tea.Cmd) tea.Msg {
	h.tb.Helper()
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(cmdTimeout):
		h.tb.Fatalf("a command did not return within %s: run out of ticket order, or it sleeps", cmdTimeout)
		return nil
	}
}

// keyMsg builds the key press a terminal would deliver for name, in the
// spelling key.Binding uses ("enter", "ctrl+n", "alt+x", "f4", "q").
func keyMsg(tb testing.TB, name string) tea.KeyPressMsg {
	tb.Helper()
	k, err := common.KeyPress(name)
	if err != nil {
		tb.Fatalf("keyMsg: %v", err)
	}
	return k
}

// press sends named keys, running each one's commands before the next.
func (h *harness) press(names ...string) {
	h.tb.Helper()
	for _, n := range names {
		h.send(keyMsg(h.tb, n))
	}
}

// typeText types s one character at a time, as a person would.
func (h *harness) typeText(s string) {
	h.tb.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// eraseTo presses backspace until the To: field is empty, as a person
// deleting a number would (formatting changes its length as it shrinks),
// and never once more: on an empty field backspace removes a recipient.
func (h *harness) eraseTo() {
	h.tb.Helper()
	for i := 0; h.m.phone.ToText() != ""; i++ {
		if i > 100 {
			h.tb.Fatalf("backspace does not empty the To: field: %q", h.m.phone.ToText())
		}
		h.press("backspace")
	}
}

// resize sends a window size.
func (h *harness) resize(w, ht int) {
	h.tb.Helper()
	h.send(tea.WindowSizeMsg{Width: w, Height: ht})
}

// raw is the whole screen as drawn, escape codes included.
func (h *harness) raw() string { return h.m.View().Content }

// screen is the whole screen as text.
func (h *harness) screen() string { return ansi.Strip(h.raw()) }

// paneView draws pane p alone at the size the layout gives it.
func (h *harness) paneView(p Pane) string {
	r := h.m.scr.layout.Panes[p]
	if r.Empty() {
		h.tb.Fatalf("pane %v is not on screen", p)
	}
	return h.m.paneView(p)
}

// flat is a framed pane's text as one line: borders dropped and runs of
// spaces (including line breaks from wrapping) folded to one, so a
// sentence can be found wherever the pane wrapped it.
func flat(pane string) string {
	var words []string
	for _, l := range strings.Split(ansi.Strip(pane), "\n") {
		r := []rune(l)
		if len(r) >= 2 {
			r = r[1 : len(r)-1]
		}
		words = append(words, strings.Fields(string(r))...)
	}
	return strings.Join(words, " ")
}

// rows is Apple's log as stored.
func (h *harness) rows() []sim.LogEntry {
	h.tb.Helper()
	rows, err := h.store.Entries(context.Background(), sim.LogFilter{})
	if err != nil {
		h.tb.Fatal(err)
	}
	return rows
}

// lookups lists the looked-up handles of Apple's log, oldest first.
func (h *harness) lookups() []sim.Handle {
	h.tb.Helper()
	var out []sim.Handle
	for _, r := range h.rows() {
		out = append(out, r.LookupHandle)
	}
	return out
}

// mustContain fails unless text contains every want.
func mustContain(tb testing.TB, what, text string, wants ...string) {
	tb.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			tb.Errorf("%s does not contain %q:\n%s", what, w, text)
		}
	}
}

// mustNotContain fails if text contains any of bad.
func mustNotContain(tb testing.TB, what, text string, bad ...string) {
	tb.Helper()
	for _, b := range bad {
		if strings.Contains(text, b) {
			tb.Errorf("%s contains %q:\n%s", what, b, text)
		}
	}
}

// viewAt draws a copy of a component alone at w × h, focused or not.
func viewAt[T any, P interface {
	*T
	SetSize(w, h int)
	Focus()
	Blur()
	View() string
}](c T, w, h int, focused bool) string {
	p := P(&c)
	p.SetSize(w, h)
	if focused {
		p.Focus()
	} else {
		p.Blur()
	}
	return p.View()
}
