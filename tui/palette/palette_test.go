package palette

import (
	"strings"
	"testing"

	"bluegreen/sim/simtest"
	"bluegreen/tui/common"
	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// every is each binding of the key map as the app lists it.
func every(k common.KeyMap) []Action {
	var out []Action
	for i, g := range k.FullHelp() {
		for _, b := range g {
			out = append(out, Action{Binding: b, Group: k.GroupNames()[i], Now: true})
		}
	}
	return out
}

func newPalette(t *testing.T) Model {
	t.Helper()
	world, _ := simtest.Classroom(t)
	com := tuitest.Common(t, "dark", world)
	p := New(com, every(com.Keys))
	p.SetSize(80, 20)
	return p
}

func typeText(p Model, s string) Model {
	for _, r := range s {
		p, _ = p.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return p
}

// Typing filters, words before fuzzy matches; ↓ moves; enter asks for
// the chosen action; esc asks to close.
func TestPaletteFiltersAndAsks(t *testing.T) {
	p := newPalette(t)
	if got, want := len(p.Visible()), len(every(p.com.Keys)); got != want {
		t.Fatalf("before typing: %d actions, want %d", got, want)
	}
	p = typeText(p, "ren")
	if a, _ := p.Selected(); a.Binding.Help().Desc != p.com.Keys.Renew.Help().Desc {
		t.Errorf("ren chooses %q, want renew", a.Binding.Help().Desc)
	}
	p = typeText(p, "ew")
	if n := len(p.Visible()); n != 1 {
		t.Errorf("renew matches %d actions, want 1", n)
	}
	p = typeText(p, "")
	p, _ = p.Update(tuitest.Key(t, "backspace"))
	p, _ = p.Update(tuitest.Key(t, "backspace"))
	p, _ = p.Update(tuitest.Key(t, "down"))
	second := p.Visible()[1]
	if a, _ := p.Selected(); a.Binding.Help().Desc != second.Binding.Help().Desc {
		t.Errorf("↓ chose %q, want the second match %q", a.Binding.Help().Desc, second.Binding.Help().Desc)
	}
	_, cmd := p.Update(tuitest.Key(t, "enter"))
	msgs := tuitest.Run(cmd)
	if len(msgs) != 1 {
		t.Fatalf("enter asked %v", msgs)
	}
	if run, ok := msgs[0].(RunMsg); !ok || run.Action.Binding.Help().Desc != second.Binding.Help().Desc {
		t.Errorf("enter asked %#v, want RunMsg for %q", msgs[0], second.Binding.Help().Desc)
	}
	_, cmd = p.Update(tuitest.Key(t, "esc"))
	if msgs := tuitest.Run(cmd); len(msgs) != 1 || msgs[0] != (CloseMsg{}) {
		t.Errorf("esc asked %v, want CloseMsg", msgs)
	}
}

// The view is exactly its size at every width, and says when nothing
// matches; an action that cannot act now is marked.
func TestPaletteView(t *testing.T) {
	for _, w := range []int{60, 80, 120, 200} {
		p := newPalette(t)
		p.SetSize(w, 16)
		tuitest.CheckSize(t, p.View(), w, 16)
		if !strings.Contains(ansi.Strip(p.View()), "Every action —") {
			t.Errorf("w%d: no title", w)
		}
		p = typeText(p, "zzzzqqq")
		tuitest.CheckSize(t, p.View(), w, 16)
		if !strings.Contains(ansi.Strip(p.View()), "No action matches") {
			t.Errorf("w%d: nothing matches, and the view does not say so", w)
		}
	}
	p := newPalette(t)
	acts := every(p.com.Keys)
	acts[0].Now = false
	p = New(p.com, acts)
	p.SetSize(100, 16)
	if !strings.Contains(ansi.Strip(p.View()), "(not now)") {
		t.Error("an action that cannot act now is not marked")
	}
}
