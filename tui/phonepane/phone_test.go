package phonepane

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/simtest"
	"bluegreen/tui/common"
	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

func newPhone(t *testing.T, theme string, w, h int) Model {
	t.Helper()
	world, _ := simtest.Classroom(t)
	p := New(tuitest.Common(t, theme, world))
	p.SetSize(w, h)
	p.Focus()
	return p
}

// keys presses each key (a single character types it) and returns what the
// phone asked of its parent, in order.
func keys(t *testing.T, p *Model, names ...string) []tea.Msg {
	t.Helper()
	var asked []tea.Msg
	for _, n := range names {
		var cmd tea.Cmd
		*p, cmd = p.Update(tuitest.Key(t, n))
		asked = append(asked, tuitest.Run(cmd)...)
	}
	return asked
}

func typed(t *testing.T, p *Model, text string) []tea.Msg {
	t.Helper()
	var names []string
	for _, r := range text {
		names = append(names, string(r))
	}
	return keys(t, p, names...)
}

func answer(h sim.Handle, c sim.Colour, label string, devices int) []common.AnswerView {
	return []common.AnswerView{{Answer: sim.Answer{Handle: h, Source: sim.FromApple, Devices: devices}, Colour: c, Label: label}}
}

// Typing a complete number asks for a lookup as you type, and only then.
func TestTypingAsksForALookupWhenComplete(t *testing.T) {
	p := newPhone(t, "none", 60, 24)
	if asked := typed(t, &p, "415555013"); len(asked) != 0 {
		t.Fatalf("an incomplete number asked for %v", asked)
	}
	asked := typed(t, &p, "2")
	if len(asked) != 1 {
		t.Fatalf("the tenth digit asked for %v, want one lookup", asked)
	}
	look, ok := asked[0].(LookupTypedMsg)
	if !ok || look.Text != simtest.Ana.Address() {
		t.Fatalf("asked %#v, want a typed lookup of %s", asked[0], simtest.Ana)
	}
	if got := p.ToText(); got != "(415) 555-0132" {
		t.Errorf("the To: field reads %q, want the number formatted as you type", got)
	}
	p.ApplyTyped(look.Seq, answer(simtest.Ana, sim.Blue, "iMessage", 3))
	if v := ansi.Strip(p.View()); !strings.Contains(v, "■ Ana · iMessage") || !strings.Contains(v, "3 devices") {
		t.Errorf("the answer is not shown:\n%s", v)
	}
	p.ApplyTyped(look.Seq+1, answer(simtest.Ana, sim.Green, "SMS", 0))
	if v := ansi.Strip(p.View()); strings.Contains(v, "Ana · SMS") || !strings.Contains(v, "■ Ana · iMessage") {
		t.Errorf("an answer for other text was shown:\n%s", v)
	}
}

// Enter confirms a recipient (asking the parent), enter again moves to the
// message, and enter there asks to send it to the recipients.
func TestConfirmThenSend(t *testing.T) {
	p := newPhone(t, "none", 60, 24)
	typed(t, &p, "ana")
	asked := keys(t, &p, "enter")
	confirm, ok := only[ConfirmMsg](asked)
	if !ok || confirm.Handle != simtest.Ana {
		t.Fatalf("enter on a contact's name asked %v, want Ana confirmed", asked)
	}
	if l := p.Lozenges(); len(l) != 1 || !l[0].Pending || l[0].Name != "Ana" {
		t.Fatalf("lozenges %+v, want Ana pending", l)
	}
	p.ApplyConfirmed(confirm.Seq, nil, answer(simtest.Ana, sim.Blue, "iMessage", 3))
	if v := ansi.Strip(p.View()); !strings.Contains(v, "■ Ana · iMessage") {
		t.Errorf("the confirmed lozenge is not blue and labelled:\n%s", v)
	}
	keys(t, &p, "enter")
	typed(t, &p, "hi")
	send, ok := only[SendMsg](keys(t, &p, "enter"))
	if !ok || send.Text != "hi" || len(send.To) != 1 || send.To[0] != simtest.Ana {
		t.Fatalf("enter in the message asked %+v, want hi to Ana", send)
	}
	if p.BodyText() != "" {
		t.Errorf("the message field still holds %q after sending", p.BodyText())
	}
}

// Sending with nobody to send to asks the parent to say so; a bad number
// is refused with its reason; backspace in an empty To: drops the last
// recipient.
func TestNoticesAndRemovingRecipients(t *testing.T) {
	p := newPhone(t, "none", 60, 24)
	typed(t, &p, "12")
	notice, ok := only[NoticeMsg](keys(t, &p, "enter"))
	if !ok || !strings.Contains(notice.Text, "Cannot add that recipient") {
		t.Fatalf("enter on 12 asked %+v, want a notice", notice)
	}
	keys(t, &p, "esc")
	typed(t, &p, "4155550132")
	keys(t, &p, "enter")
	if len(p.Recipients()) != 1 {
		t.Fatalf("recipients %v, want Ana", p.Recipients())
	}
	keys(t, &p, "up", "backspace") // enter moved to the message: ↑ comes back to To:
	if len(p.Recipients()) != 0 {
		t.Errorf("backspace in an empty To: left %v", p.Recipients())
	}
}

// A phone without focus takes no keys.
func TestBlurredTakesNoKeys(t *testing.T) {
	p := newPhone(t, "none", 60, 24)
	p.Blur()
	if asked := typed(t, &p, "4155550132"); len(asked) != 0 || p.ToText() != "" {
		t.Errorf("a blurred phone took keys: %q, asked %v", p.ToText(), asked)
	}
}

// The pane draws exactly its size; blue and green carry words and glyphs.
func TestGoldenAtItsSizes(t *testing.T) {
	for _, theme := range []string{"dark", "none"} {
		for _, size := range [][2]int{{40, 20}, {60, 24}} {
			p := newPhone(t, theme, size[0], size[1])
			typed(t, &p, "4155550147")
			confirm, _ := only[ConfirmMsg](keys(t, &p, "enter"))
			p.ApplyConfirmed(confirm.Seq, nil, answer(simtest.Ben, sim.Green, "SMS", 0))
			keys(t, &p, "enter")
			p.ApplySent(0, sim.SentMessage{To: []sim.Handle{simtest.Ben}, Text: "Dinner at 8?", Decision: sim.Decision{Route: sim.RouteSMS, Label: "SMS"}}, answer(simtest.Ben, sim.Green, "SMS", 0))
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], theme), func(t *testing.T) {
				v := p.View()
				tuitest.CheckSize(t, v, size[0], size[1])
				flat := ansi.Strip(v)
				for _, want := range []string{"□ Ben · SMS", "Dinner at 8?", "□ SMS"} {
					if !strings.Contains(flat, want) {
						t.Errorf("missing %q", want)
					}
				}
				golden.RequireEqual(t, []byte(flat))
			})
		}
	}
}

// only is the one message of type T among asked.
func only[T any](asked []tea.Msg) (T, bool) {
	var zero T
	found, n := zero, 0
	for _, m := range asked {
		if v, ok := m.(T); ok {
			found, n = v, n+1
		}
	}
	return found, n == 1
}

// The status lines are drawn once and kept until their words change: a new
// network or clock shows at once, and what a caller appends to the lines
// it was given never reaches the next caller's.
func TestStatusLinesFollowTheSnapshot(t *testing.T) {
	p := newPhone(t, "none", 44, 30)
	snap := p.com.Snap
	first := p.status.lines(p.com.Styles, snap, 42)
	_ = append(first, "appended by a caller")
	again := p.status.lines(p.com.Styles, snap, 42)
	if strings.Join(again, "\n") != strings.Join(first, "\n") || len(again) != len(first) {
		t.Fatalf("the same snapshot drew %q, then %q", first, again)
	}
	snap.Network = sim.Cellular
	snap.IP = "198.51.100.7"
	moved := strings.Join(p.status.lines(p.com.Styles, snap, 42), "\n")
	if !strings.Contains(moved, "198.51.100.7") || !strings.Contains(moved, sim.Cellular.String()) {
		t.Errorf("after a change of network the status reads %q", moved)
	}
	snap.Now = snap.Now.Add(24 * time.Hour)
	if later := strings.Join(p.status.lines(p.com.Styles, snap, 42), "\n"); !strings.Contains(later, snap.Now.UTC().Format("2006-01-02")) {
		t.Errorf("a day later the status reads %q", later)
	}
	if narrow := p.status.lines(p.com.Styles, snap, 20); len(narrow) <= len(first) {
		t.Errorf("at 20 columns the status took %d lines, at 42 %d: it was not drawn again", len(narrow), len(first))
	}
}

// A long run of digits reads the same in the To: field however it
// arrives — typed, pasted as one bracketed paste, or pasted by a terminal
// a key at a time: the bare digits once they are more than a number, never
// the formatted number with the rest stuck to its end.
func TestALongRunOfDigitsIsNotHalfFormatted(t *testing.T) {
	const digits = "41555501329999"
	typedIn := newPhone(t, "none", 60, 24)
	typed(t, &typedIn, digits)
	pasted := newPhone(t, "none", 60, 24)
	var cmd tea.Cmd
	pasted, cmd = pasted.Update(tea.PasteMsg{Content: digits})
	tuitest.Run(cmd)
	for how, p := range map[string]Model{"typed": typedIn, "pasted": pasted} {
		if got := p.ToText(); got != digits {
			t.Errorf("%s, the To: field holds %q, want %q", how, got, digits)
		}
		if view := ansi.Strip(p.View()); !strings.Contains(view, "To: "+digits) || strings.Contains(view, "555-0132") {
			t.Errorf("%s, the phone shows:\n%s", how, view)
		}
	}
	p := newPhone(t, "none", 60, 24)
	for _, step := range []struct{ key, want string }{
		{"", "(415) 555-0132"}, {"9", "41555501329"}, {"backspace", "(415) 555-0132"}, {"backspace", "(415) 555-013"},
	} {
		if step.key == "" {
			typed(t, &p, "4155550132")
		} else {
			keys(t, &p, step.key)
		}
		if got := p.ToText(); got != step.want {
			t.Errorf("after %q the To: field holds %q, want %q", step.key, got, step.want)
		}
	}
	words := newPhone(t, "none", 60, 24)
	typed(t, &words, "+1 (415) 555-0132 ext 99")
	if got := words.ToText(); !strings.Contains(got, "ext 99") {
		t.Errorf("text with words lost what was typed: %q", got)
	}
	plus := newPhone(t, "none", 60, 24)
	typed(t, &plus, "+1 415 555 0132 99")
	if got := plus.ToText(); got != "+1415555013299" {
		t.Errorf("a long number typed with its country code shows %q, want the bare +1415555013299", got)
	}
}
