package orderform

import (
	"fmt"
	"strings"
	"testing"

	"bluegreen/logview"
	"bluegreen/sim/simtest"
	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

func newForm(t *testing.T, theme string) Model {
	t.Helper()
	world, _ := simtest.Classroom(t)
	return New(tuitest.Common(t, theme, world))
}

func press(t *testing.T, f Model, names ...string) (Model, []tea.Msg) {
	t.Helper()
	var asked []tea.Msg
	for _, n := range names {
		var cmd tea.Cmd
		f, cmd = f.Update(tuitest.Key(t, n))
		asked = append(asked, tuitest.Run(cmd)...)
	}
	return f, asked
}

// The defaults are a pen register on you, entered now for the 60 days
// the statute allows; enter serves exactly that.
func TestDefaultsServeAPenRegisterOnYou(t *testing.T) {
	f := newForm(t, "none")
	if f.Focused() != FieldTarget || f.Value(FieldTarget) != simtest.Self.Address() {
		t.Fatalf("focus %d, target %q; want the target field holding your number", f.Focused(), f.Value(FieldTarget))
	}
	_, asked := press(t, f, "enter")
	if len(asked) != 1 {
		t.Fatalf("enter asked %v, want the order served", asked)
	}
	serve, ok := asked[0].(ServeMsg)
	if !ok || serve.Order.Kind != logview.PenRegister || serve.Order.Target != simtest.Self {
		t.Fatalf("enter asked %#v, want a pen register on you", asked[0])
	}
	if days := serve.Order.Period.To.Sub(serve.Order.Period.From).Hours() / 24; days != logview.StatuteDays {
		t.Errorf("the default period is %.0f days, want %d", days, logview.StatuteDays)
	}
	if !serve.Order.Period.From.Equal(serve.Order.EnteredAt()) || !serve.At.Equal(serve.Order.EnteredAt()) {
		t.Errorf("period from %v, entered %v, produced %v: want all now", serve.Order.Period.From, serve.Order.EnteredAt(), serve.At)
	}
}

// Up from the target reaches the kind, where space changes it; a bad date
// is refused with its reason and no order; esc asks to close.
func TestKindDatesAndCancel(t *testing.T) {
	f := newForm(t, "none")
	f, _ = press(t, f, "up", "space")
	if f.Focused() != FieldKind || f.v.kind != logview.TrapAndTrace {
		t.Fatalf("focus %d kind %s after ↑ space, want the kind changed", f.Focused(), f.v.kind)
	}
	f, _ = press(t, f, "tab", "tab", "tab", "tab")
	if f.Focused() != FieldEntered {
		t.Fatalf("four tabs from the kind reach field %d, want Entered", f.Focused())
	}
	for f.Value(FieldEntered) != "" {
		f, _ = press(t, f, "backspace")
	}
	f, _ = press(t, f, "x")
	f, asked := press(t, f, "enter")
	if len(asked) != 0 || !strings.Contains(f.Err(), "entered: want") {
		t.Fatalf("a bad date asked %v with error %q, want no order and the reason", asked, f.Err())
	}
	f.SetSize(76, 40)
	if !strings.Contains(ansi.Strip(f.View()), "! entered: want") {
		t.Error("the form does not show why it was refused")
	}
	f, _ = press(t, f, "backspace")
	if f.Err() != "" {
		t.Errorf("editing left the error %q", f.Err())
	}
	if _, asked := press(t, f, "esc"); len(asked) != 1 || asked[0] != (CancelMsg{}) {
		t.Errorf("esc asked %v, want the form closed", asked)
	}
}

// The form's lines fit its width at every size, in colour and without.
func TestGoldenAtItsWidths(t *testing.T) {
	for _, theme := range []string{"dark", "none"} {
		for _, w := range []int{56, 76, 116} {
			f := newForm(t, theme)
			t.Run(fmt.Sprintf("w%d/%s", w, theme), func(t *testing.T) {
				f.SetSize(w, 40)
				lines := strings.Split(f.View(), "\n")
				for i, l := range lines {
					if got := ansi.StringWidth(l); got > w {
						t.Errorf("line %d is %d cells, wider than %d: %q", i, got, w, ansi.Strip(l))
					}
				}
				golden.RequireEqual(t, []byte(ansi.Strip(strings.Join(lines, "\n"))))
			})
		}
	}
}

// Leaving a field with a bad value says what is wrong at once (huh's own
// check), before anything is served; fixing it clears the message.
func TestLeavingABadFieldSaysWhy(t *testing.T) {
	f := newForm(t, "none")
	f.SetSize(76, 40)
	for f.Value(FieldTarget) != "" {
		f, _ = press(t, f, "backspace")
	}
	f, _ = press(t, f, "x", "tab")
	if !strings.Contains(f.Err(), "target:") || !strings.Contains(ansi.Strip(f.View()), "! target:") {
		t.Fatalf("after leaving a target of x: error %q, view\n%s", f.Err(), ansi.Strip(f.View()))
	}
	f, _ = press(t, f, "shift+tab", "backspace")
	f, _ = press(t, f, strings.Split("4155550132", "")...)
	if f, _ = press(t, f, "tab"); f.Err() != "" {
		t.Errorf("a good target still shows %q", f.Err())
	}
}

// In a window too short for every field, the fields scroll so the one in
// focus is always whole on screen, with the notes and keys still below.
func TestShortWindowKeepsTheFocusedFieldInSight(t *testing.T) {
	f := newForm(t, "none")
	f.SetSize(56, 14)
	visible := func(label string) {
		t.Helper()
		view := ansi.Strip(f.View())
		tuitest.CheckSize(t, f.View(), 56, strings.Count(view, "\n")+1)
		if lines := strings.Count(view, "\n") + 1; lines > 14 {
			t.Fatalf("the form drew %d lines in 14", lines)
		}
		if !strings.Contains(view, "┃ "+label) || !strings.Contains(view, "enter serve") {
			t.Fatalf("focus on %s, but the view shows\n%s", label, view)
		}
	}
	f, _ = press(t, f, "down", "down", "down", "down")
	visible("Produced")
	f, _ = press(t, f, "up", "up", "up", "up", "up")
	visible("Kind")
	if view := ansi.Strip(f.View()); !strings.Contains(view, "stored records") {
		t.Errorf("the kind's last option is out of sight:\n%s", view)
	}
}

// Under NO_COLOR (the none theme) the form draws no colour at all: focus,
// choice and errors are marked by ┃, ● and !.
func TestNoColourThemeDrawsNoColour(t *testing.T) {
	f := newForm(t, "none")
	f.SetSize(76, 40)
	f, _ = press(t, f, "up", "right", "enter")
	for _, sgr := range []string{"\x1b[38;", "\x1b[48;", "\x1b[3", "\x1b[9"} {
		if strings.Contains(f.View(), sgr) {
			t.Fatalf("the none theme drew colour %q:\n%q", sgr, f.View())
		}
	}
	dark := newForm(t, "dark")
	dark.SetSize(76, 40)
	if !strings.Contains(dark.View(), "\x1b[38;") {
		t.Error("the dark theme drew no colour: the test above would prove nothing")
	}
}

// BenchmarkOrderFormKeystroke times one key typed into the case number
// and the form drawn again at 76 × 40 (huh lays out every field on each
// key), alternating a digit and backspace so the text stays the same.
func BenchmarkOrderFormKeystroke(b *testing.B) {
	world, _ := simtest.Classroom(b)
	f := New(tuitest.Common(b, "dark", world))
	f.SetSize(76, 40)
	for f.Focused() != FieldCase {
		f, _ = f.Update(tuitest.Key(b, "down"))
	}
	keys := []tea.KeyPressMsg{tuitest.Key(b, "7"), tuitest.Key(b, "backspace")}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f, _ = f.Update(keys[i%2])
		_ = f.View()
	}
}
