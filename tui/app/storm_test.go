package app

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// stormKeys is what the key storm sends: every kind of key a person or a
// cat can press — digits and letters, editing keys, the function keys
// that move the clock, panes, overlays and the order form — but not the
// quit keys, which end the storm.
func stormKeys() []tea.KeyPressMsg {
	keys := []tea.KeyPressMsg{
		{Code: tea.KeyEnter}, {Code: tea.KeyEscape}, {Code: tea.KeyTab}, {Code: tea.KeyTab, Mod: tea.ModShift},
		{Code: tea.KeyBackspace}, {Code: tea.KeyUp}, {Code: tea.KeyDown}, {Code: tea.KeyLeft}, {Code: tea.KeyRight},
		{Code: tea.KeyPgUp}, {Code: tea.KeyPgDown}, {Code: tea.KeyHome}, {Code: tea.KeyEnd}, {Code: tea.KeySpace, Text: " "},
		{Code: 'n', Mod: tea.ModCtrl}, {Code: 'w', Mod: tea.ModCtrl}, {Code: 'x', Mod: tea.ModAlt}, {Code: 'r', Mod: tea.ModAlt},
		{Code: 'h', Mod: tea.ModAlt}, {Code: '@', Text: "@"}, {Code: '+', Text: "+"}, {Code: '.', Text: "."}, {Code: '?', Text: "?"},
	}
	for f := tea.KeyF1; f <= tea.KeyF12; f++ {
		keys = append(keys, tea.KeyPressMsg{Code: f})
	}
	for _, r := range "0123456789abcdefghijklmnoprstuvwxyz" {
		keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return keys
}

// The storm: thousands of random keys and dozens of resizes (from far too
// small to very large) through the real program, drawing at most once per
// frame as on a terminal. Nothing may panic, the program must still quit
// on ctrl+c, and the terminal must come back restored.
func TestKeyAndResizeStorm(t *testing.T) {
	world, _ := newClassroom(t)
	m, err := New(world, Options{Theme: "dark", NetworkDelay: time.Millisecond, Frame: DefaultFrame})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.TrueColor)))
	term := newTerminal(t, tm.Output(), 120, 40)
	term.waitFor("start", "Phone — Messages")

	rng := rand.New(rand.NewPCG(10, 5000))
	keys := stormKeys()
	w, h := 120, 40
	for i := range stormKeyCount {
		if i%(stormKeyCount/stormResizes) == 0 {
			w, h = 10+rng.IntN(230), 4+rng.IntN(70)
			tm.Send(tea.WindowSizeMsg{Width: w, Height: h})
			term.resize(w, h)
		}
		tm.Send(keys[rng.IntN(len(keys))])
		if i%200 == 0 {
			term.pump()
		}
	}
	w, h = 120, 40
	tm.Send(tea.WindowSizeMsg{Width: w, Height: h})
	term.resize(w, h)
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}) // a second time, should the first only ask
	tm.WaitFinished(t, teatest.WithFinalTimeout(2*waitLimit))
	term.pump()
	if term.emu.IsAltScreen() {
		t.Error("after the storm the terminal is still on the alternate screen")
	}
	if term.emu.CursorHidden() {
		t.Error("after the storm the cursor is still hidden")
	}
	final, ok := tm.FinalModel(t).(Model)
	if !ok {
		t.Fatalf("final model is %T", tm.FinalModel(t))
	}
	final.look.frames.release()
	if v := final.View().Content; strings.Count(v, "\n")+1 != h {
		t.Errorf("after the storm the screen is %d lines, want %d", strings.Count(v, "\n")+1, h)
	}
}
