package app

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"
)

// waitLimit bounds how long the whole-program test waits for the screen to
// show something; reaching it is a failure, never a measurement.
const waitLimit = 15 * time.Second

// terminal replays a program's output through a terminal emulator, so the
// test reads the screen a person would see.
type terminal struct {
	t   *testing.T
	out io.Reader
	emu *vt.Emulator
	buf []byte
}

func newTerminal(t *testing.T, out io.Reader, w, h int) *terminal {
	emu := vt.NewEmulator(w, h)
	// The emulator answers the program's terminal queries on its input
	// pipe; nobody reads that here, so drain it or writes would block.
	go func() { _, _ = io.Copy(io.Discard, emu) }()
	t.Cleanup(func() {
		if pw, ok := emu.InputPipe().(*io.PipeWriter); ok {
			_ = pw.Close()
		}
	})
	return &terminal{t: t, out: out, emu: emu, buf: make([]byte, 64<<10)}
}

// pump feeds what the program wrote so far into the emulator. The program
// writes to a buffer, not a terminal, so its renderer counts on the tty
// driver turning "\n" into "\r\n" (ONLCR); the emulator has no driver, so
// pump does that.
func (term *terminal) pump() {
	for {
		n, _ := term.out.Read(term.buf)
		if n == 0 {
			return
		}
		_, _ = term.emu.Write(bytes.ReplaceAll(term.buf[:n], []byte("\n"), []byte("\r\n")))
	}
}

// waitFor pumps output until the screen contains every want.
func (term *terminal) waitFor(step string, wants ...string) {
	term.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		term.pump()
		scr := term.emu.String()
		missing := ""
		for _, w := range wants {
			if !strings.Contains(scr, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("%s: the screen never showed %q:\n%s", step, missing, scr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (term *terminal) resize(w, h int) { term.pump(); term.emu.Resize(w, h) }

func press(code rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code} }

// The whole program, as a person uses it: type Ana's number, watch the
// query, the colour and the log row; confirm; send; shrink the window to
// tabs and back; quit with ctrl+c and find the terminal restored.
func TestProgram(t *testing.T) {
	world, store := newClassroom(t)
	m, err := New(world, Options{Theme: "dark", NetworkDelay: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(160, 45),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.TrueColor)))
	term := newTerminal(t, tm.Output(), 160, 45)

	term.waitFor("start", "Phone — Messages", "Type a number in the To: field", "0 rows · 0 handles")
	tm.Type("4155550132")
	term.waitFor("typed Ana's number",
		"To: (415) 555-0132", "■ Ana · iMessage  3 devices", // the hint under To:
		`{"uris":["tel:+14155550132"]}`, "tel:+14155550132 — 3 devices", // the wire pane
		"1 row · 1 handle", "+14155550132  "+wifiIP+"  3", // the log pane
	)
	tm.Send(press(tea.KeyEnter))
	term.waitFor("confirmed", "■ Ana · iMessage")
	tm.Send(press(tea.KeyEnter))
	tm.Type("see you soon")
	tm.Send(press(tea.KeyEnter))
	term.waitFor("sent", "see you soon", "Sent as iMessage: end-to-end encrypted")

	tm.Send(tea.WindowSizeMsg{Width: 70, Height: 20})
	term.resize(70, 20)
	term.waitFor("narrow", "[Phone]", "tab: next pane", "■ Ana · iMessage", "see you soon")
	tm.Send(tea.WindowSizeMsg{Width: 160, Height: 45})
	term.resize(160, 45)
	term.waitFor("wide again", "Apple's server log — every account", "1 row · 1 handle", "■ Ana · iMessage", "see you soon")

	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(waitLimit))
	term.pump()
	if term.emu.IsAltScreen() {
		t.Error("after quitting the terminal is still on the alternate screen")
	}
	if term.emu.CursorHidden() {
		t.Error("after quitting the cursor is still hidden")
	}
	if scr := strings.TrimSpace(term.emu.String()); scr != "" {
		t.Errorf("after quitting the main screen holds leftovers:\n%s", scr)
	}

	final, ok := tm.FinalModel(t).(Model)
	if !ok {
		t.Fatalf("final model is %T", tm.FinalModel(t))
	}
	if got := final.phone.Recipients(); !slices.Equal(got, []sim.Handle{ana}) {
		t.Errorf("final recipients %v, want Ana", got)
	}
	if len(final.phone.Thread()) != 1 || final.phone.Thread()[0].Decision.Route != sim.RouteIMessage {
		t.Errorf("final thread %+v, want one iMessage", final.phone.Thread())
	}
	rows, err := store.Count(t.Context(), sim.LogFilter{})
	if err != nil || rows != 1 {
		t.Errorf("Apple's log holds %d rows (%v), want 1", rows, err)
	}
}
