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
	if f.Focused() != FieldKind || f.kind != logview.TrapAndTrace {
		t.Fatalf("focus %d kind %s after ↑ space, want the kind changed", f.Focused(), f.kind)
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
	if !strings.Contains(ansi.Strip(strings.Join(f.Lines(76), "\n")), "! entered: want") {
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
				lines := f.Lines(w)
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
