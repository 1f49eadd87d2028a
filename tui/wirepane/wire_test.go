package wirepane

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"bluegreen/sim"
	"bluegreen/sim/simtest"
	"bluegreen/tui/common"
	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// lookupOf is the event of a real lookup of handles in the classroom world.
func lookupOf(t *testing.T, w *sim.World, handles ...sim.Handle) Event {
	t.Helper()
	res, err := w.Lookup(context.Background(), handles, sim.TriggerTyped)
	if err != nil {
		t.Fatal(err)
	}
	answers := make([]common.AnswerView, len(res.Answers))
	for i, a := range res.Answers {
		c, l := w.Colour(a)
		answers[i] = common.AnswerView{Answer: a, Colour: c, Label: l}
	}
	return Event{At: w.Now(), Trigger: sim.TriggerTyped, Exchanges: res.Exchanges, Answers: answers, Decision: w.Decide(res.Answers)}
}

func newPane(t *testing.T, theme string, w, h int) (Model, *sim.World) {
	t.Helper()
	world, _ := simtest.Classroom(t)
	p := New(tuitest.Common(t, theme, world))
	p.SetSize(w, h)
	p.Focus()
	return p, world
}

func press(t *testing.T, p Model, names ...string) Model {
	t.Helper()
	for _, n := range names {
		var cmd tea.Cmd
		p, cmd = p.Update(tuitest.Key(t, n))
		if cmd != nil {
			t.Fatalf("%s asked for a command: the wire pane only scrolls", n)
		}
	}
	return p
}

// The wire pane at 160×20 (44 × 17 in the wide layout): after paging down
// past the end, one page up moves the view at once.
func TestScrollClamps(t *testing.T) {
	p, world := newPane(t, "dark", 44, 17)
	p.Add(lookupOf(t, world, simtest.Ana, simtest.Ben))
	if p.Offset() != 0 {
		t.Fatalf("a new lookup starts at line %d, want its top", p.Offset())
	}
	for range 20 {
		p = press(t, p, "pgdown")
	}
	bottom, before := p.Offset(), ansi.Strip(p.View())
	if bottom == 0 {
		t.Fatalf("20 pgdn did not scroll a lookup of %d lines", len(p.body.Lines()))
	}
	if max := len(p.body.Lines()) - (17 - 2); bottom != max {
		t.Errorf("20 pgdn left the view at line %d, want the last screenful (%d)", bottom, max)
	}
	p = press(t, p, "pgup")
	if p.Offset() >= bottom || ansi.Strip(p.View()) == before {
		t.Errorf("1 pgup after 20 pgdn did not move the view (offset %d → %d)", bottom, p.Offset())
	}
}

// Older and newer lookups are chosen with ↑ ↓; a new lookup does not take
// over while an older one is being read, and end comes back to the newest.
func TestSelectsLookupsAndPins(t *testing.T) {
	p, world := newPane(t, "none", 60, 20)
	p.Add(lookupOf(t, world, simtest.Ana))
	p.Add(lookupOf(t, world, simtest.Ben))
	title := func() string { return strings.SplitN(ansi.Strip(p.View()), "\n", 2)[0] }
	if !strings.Contains(title(), "lookup 2 of 2") {
		t.Fatalf("title %q, want the newest lookup", title())
	}
	p = press(t, p, "up")
	p.Add(lookupOf(t, world, simtest.Abandoned))
	if !strings.Contains(title(), "lookup 1 of 3 · 2 newer ↓") {
		t.Errorf("after ↑ and a new lookup the title is %q, want lookup 1 of 3 and 2 newer", title())
	}
	p = press(t, p, "end")
	if !strings.Contains(title(), "lookup 3 of 3") || strings.Contains(title(), "newer") || !strings.Contains(ansi.Strip(p.View()), "5550199") {
		t.Errorf("end shows %q, want the newest lookup (555-0199)", title())
	}
}

// Keys do nothing while another pane has focus.
func TestBlurredIgnoresKeys(t *testing.T) {
	p, world := newPane(t, "none", 60, 20)
	p.Add(lookupOf(t, world, simtest.Ana))
	p.Add(lookupOf(t, world, simtest.Ben))
	p.Blur()
	p = press(t, p, "up", "home")
	if p.selected != 1 {
		t.Errorf("a blurred pane moved to lookup %d", p.selected+1)
	}
}

// The pane draws exactly its size at every width, before and after a lookup.
func TestGoldenAtItsSizes(t *testing.T) {
	for _, theme := range []string{"dark", "none"} {
		for _, size := range [][2]int{{40, 12}, {44, 17}, {80, 24}} {
			p, world := newPane(t, theme, size[0], size[1])
			empty := p.View()
			tuitest.CheckSize(t, empty, size[0], size[1])
			p.Add(lookupOf(t, world, simtest.Ana))
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], theme), func(t *testing.T) {
				v := p.View()
				tuitest.CheckSize(t, v, size[0], size[1])
				golden.RequireEqual(t, []byte(ansi.Strip(empty)+"\n"+ansi.Strip(v)))
			})
		}
	}
}

// A class's server keeps every student's wire for hours: past MaxEvents
// the oldest lookups are forgotten, while the count of what was asked and
// the numbering go on from the first.
func TestForgetsTheOldestLookupsPastMaxEvents(t *testing.T) {
	p, world := newPane(t, "none", 60, 20)
	e := lookupOf(t, world, simtest.Ana)
	per := p.asked
	p.Add(e)
	per = p.asked - per
	if per == 0 {
		t.Fatal("the lookup asked Apple nothing: it cannot show the count")
	}
	for range MaxEvents + 9 {
		p.Add(e)
	}
	title := func() string { return strings.SplitN(ansi.Strip(p.View()), "\n", 2)[0] }
	total := MaxEvents + 10
	if len(p.events) != MaxEvents || p.Asked() != total*per {
		t.Fatalf("after %d lookups the wire holds %d and counts %d asked, want %d and %d", total, len(p.events), p.Asked(), MaxEvents, total*per)
	}
	if want := fmt.Sprintf("lookup %d of %d", total, total); !strings.Contains(title(), want) {
		t.Errorf("title %q, want %q", title(), want)
	}
	p = press(t, p, "home")
	if want := fmt.Sprintf("lookup 11 of %d", total); !strings.Contains(title(), want) {
		t.Errorf("the oldest kept is titled %q, want %q", title(), want)
	}
	p.Add(e) // the one being read is forgotten: the oldest kept takes its place
	if want := fmt.Sprintf("lookup 12 of %d", total+1); !strings.Contains(title(), want) || !strings.Contains(ansi.Strip(p.View()), "5550132") {
		t.Errorf("after the lookup being read was forgotten the title is %q, want %q", title(), want)
	}
}
