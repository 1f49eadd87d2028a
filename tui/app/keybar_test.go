package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"bluegreen/tui/overlay"
	"bluegreen/tui/tuitest"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// keyStates puts the app in the states whose key bar differs: the phone
// at first, with a Not Delivered bubble, the wire, Apple's log, the
// return, an overlay, the palette.
func keyStates(t *testing.T, w, ht int) []struct {
	name string
	h    *harness
} {
	t.Helper()
	type state = struct {
		name string
		h    *harness
	}
	var out []state
	at := func(name string, setup func(h *harness)) {
		h := startWith(t, Options{Theme: "dark"}, w, ht)
		setup(h)
		out = append(out, state{name, h})
	}
	at("phone", func(*harness) {})
	at("not delivered", func(h *harness) {
		h.typeText("4155550132")                     // Ana, on iMessage (the phone caches it)
		h.press("enter", "ctrl+n", "f4", "f4", "f3") // no data, Send as SMS off
		h.typeText("4155550132")
		h.press("enter")
		h.typeText("there?")
		h.press("enter")
		if _, ok := h.m.phone.LastRed(); !ok {
			t.Fatalf("no Not Delivered bubble:\n%s", h.screen())
		}
	})
	at("wire", func(h *harness) { h.focusPane(PaneWire) })
	at("log", func(h *harness) { h.focusPane(PaneLog) })
	at("return", func(h *harness) {
		h.abandonAndMessageAna()
		h.serve()
		h.focusReturn()
	})
	at("help", func(h *harness) { h.press("f1") })
	at("lesson", func(h *harness) { h.press("f10") })
	at("palette", func(h *harness) { h.press("ctrl+k") })
	return out
}

// focusReturn tabs to the return (served already).
func (h *harness) focusReturn() {
	h.tb.Helper()
	for n := 0; h.m.scr.focus != PaneLog || !h.m.scr.showRet; n++ {
		if n > int(paneCount)+1 {
			h.tb.Fatalf("tab never reaches the return:\n%s", h.screen())
		}
		h.press("tab")
	}
}

// actionSet names bindings by their keys and help, to compare sets.
func actionSet(bs []key.Binding) []string {
	var out []string
	for _, b := range bs {
		out = append(out, strings.Join(b.Keys(), ",")+" = "+b.Help().Key+" "+b.Help().Desc)
	}
	slices.Sort(out)
	return out
}

// TestHelpKeyBarAndPaletteAgree: help and the palette list the same
// actions — every binding of the one key map, with the same keys and
// words — and every entry of the key bar is one of them (or a key of the
// open overlay or palette), can act now, and is whole on an 80-column bar.
func TestHelpKeyBarAndPaletteAgree(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		for _, s := range keyStates(t, size[0], size[1]) {
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], s.name), func(t *testing.T) {
				m := s.h.m
				var help []key.Binding
				for _, g := range m.com.Keys.FullHelp() {
					help = append(help, g...)
				}
				helpText := strings.Join(m.helpLines(), "\n")
				for _, b := range help {
					if !strings.Contains(ansi.Strip(helpText), b.Help().Desc) {
						t.Errorf("the help screen leaves out %q", b.Help().Desc)
					}
				}
				var listed []key.Binding
				for _, a := range m.actions() {
					listed = append(listed, a.Binding)
				}
				if got, want := actionSet(listed), actionSet(help); !slices.Equal(got, want) {
					t.Errorf("the palette's actions differ from help's:\npalette %q\nhelp    %q", got, want)
				}
				own := append(m.overlay.Keys.FullHelp()[0], m.modal.palette.Keys.ShortHelp()...)
				bar := ansi.Strip(m.helpBar(m.com.Width))
				for _, b := range m.barBindings() {
					inHelp := slices.ContainsFunc(help, func(h key.Binding) bool { return sameKeys(h, b) })
					inOwn := slices.ContainsFunc(own, func(h key.Binding) bool { return sameKeys(h, b) })
					if !inHelp && !inOwn {
						t.Errorf("the key bar's %q is in neither help nor the palette", b.Help().Key+" "+b.Help().Desc)
					}
					if inHelp && !inOwn && !m.canAct(b) {
						t.Errorf("the key bar shows %q, which cannot act now", b.Help().Key)
					}
				}
				if ansi.StringWidth(bar) > m.com.Width {
					t.Errorf("the bar is %d wide", ansi.StringWidth(bar))
				}
				if strings.Contains(bar, "…") {
					t.Errorf("the bar cuts an entry: %q", bar)
				}
				if s.name != "palette" && !strings.Contains(bar, "ctrl+k") {
					t.Errorf("the bar does not offer the palette: %q", bar)
				}
			})
		}
	}
}

// TestKeyBarFollowsFocus: the return's bar offers its actions (renew,
// produce, overlay, export, back) even at 80×24; the phone's drops Try
// Again until a bubble is Not Delivered; the log's offers the filter.
func TestKeyBarFollowsFocus(t *testing.T) {
	for _, s := range keyStates(t, 80, 24) {
		bar := ansi.Strip(s.h.m.helpBar(80))
		switch s.name {
		case "return":
			mustContain(t, "the return's bar", bar, "alt+k renew", "alt+p produce", "alt+u overlay", "alt+e export", "alt+v back", "ctrl+k more")
		case "phone":
			mustNotContain(t, "the phone's bar", bar, "alt+r", "alt+x", "alt+p")
		case "not delivered":
			mustContain(t, "the bar under a Not Delivered bubble", bar, "alt+r try again", "alt+x as text")
		case "log":
			mustContain(t, "the log's bar", bar, "/ filter")
		case "lesson":
			mustContain(t, "a lesson card's bar", bar, "esc close", "← previous card")
		}
	}
}

// TestPaletteFindsAndRunsActions: ctrl+k lists every action; typing
// filters them (bubbles' list filtering); enter runs the chosen one as its
// key would (court → the order form, F10 → a lesson card), esc closes.
func TestPaletteFindsAndRunsActions(t *testing.T) {
	h := startWith(t, Options{Theme: "dark"}, 80, 24)
	h.press("ctrl+k")
	if !h.m.modal.palette.Focused() {
		t.Fatal("ctrl+k did not open the palette")
	}
	if got, want := len(h.m.modal.palette.Visible()), len(h.m.actions()); got != want {
		t.Errorf("the palette shows %d actions before typing, want all %d", got, want)
	}
	mustContain(t, "the palette", words(h.screen()), fmt.Sprintf("Every action — %d of %d", len(h.m.actions()), len(h.m.actions())), "F2/alt+i iMessage on/off")
	h.typeText("court")
	vis := h.m.modal.palette.Visible()
	if len(vis) == 0 || len(vis) == len(h.m.actions()) {
		t.Fatalf("typing court shows %d of %d actions", len(vis), len(h.m.actions()))
	}
	if a, _ := h.m.modal.palette.Selected(); !sameKeys(a.Binding, h.m.com.Keys.ServeOrder) {
		t.Errorf("court chooses %q first, want the court order", a.Binding.Help().Desc)
	}
	h.press("enter")
	if h.m.modal.palette.Focused() || h.m.overlay.Kind() != overlay.Order {
		t.Fatalf("enter on the court order: palette open %v, overlay %v", h.m.modal.palette.Focused(), h.m.overlay.Kind())
	}
	h.press("esc")
	h.press("ctrl+k")
	h.typeText("lesson")
	h.press("enter")
	if h.m.overlay.Kind() != overlay.Lesson {
		t.Errorf("the lesson action opened overlay %v", h.m.overlay.Kind())
	}
	h.press("esc")
	h.press("ctrl+k")
	h.typeText("quit (wire")
	h.press("enter")
	if h.m.phone.ToText() != "" {
		t.Errorf("q from the palette typed into the phone: %q", h.m.phone.ToText())
	}
	h.press("ctrl+k", "esc")
	if h.m.modal.palette.Focused() || h.m.phone.ToText() != "" {
		t.Errorf("esc: palette open %v, To: %q", h.m.modal.palette.Focused(), h.m.phone.ToText())
	}
}

// TestTabReachesTheReturnBelowTheWideLayout: at 80 and 120 columns tab
// goes phone → wire → Apple's log → the return → phone, and shift+tab back.
func TestTabReachesTheReturnBelowTheWideLayout(t *testing.T) {
	for _, w := range []int{80, 120} {
		h := startWith(t, Options{Theme: "none"}, w, 40)
		h.abandonAndMessageAna()
		h.serve()
		h.focusPane(PanePhone)
		type at struct {
			p   Pane
			ret bool
		}
		var seen []at
		for range 5 {
			h.press("tab")
			seen = append(seen, at{h.m.scr.focus, h.m.scr.showRet})
		}
		want := []at{{PaneWire, false}, {PaneLog, false}, {PaneLog, true}, {PanePhone, false}, {PaneWire, false}}
		if !slices.Equal(seen, want) {
			t.Errorf("w%d: tab goes %v, want %v", w, seen, want)
		}
		h.press("shift+tab", "shift+tab")
		if h.m.scr.focus != PaneLog || !h.m.scr.showRet {
			t.Errorf("w%d: shift+tab twice from the wire: focus %v, return %v", w, h.m.scr.focus, h.m.scr.showRet)
		}
		mustContain(t, fmt.Sprintf("w%d return", w), words(h.screen()), "Return —")
	}
}

// TestClickingTheReturnTab: in the narrow layout the return has a tab of
// its own once an order is served, and a click on it shows the return.
func TestClickingTheReturnTab(t *testing.T) {
	h := startWith(t, Options{Theme: "none"}, 80, 24)
	h.abandonAndMessageAna()
	h.serve()
	h.focusPane(PanePhone)
	tabs := strings.Split(h.screen(), "\n")[0]
	x := ansi.StringWidth(tabs[:strings.Index(tabs, "Return")])
	h.send(tea.MouseClickMsg{X: x, Y: 0, Button: tea.MouseLeft})
	if h.m.scr.focus != PaneLog || !h.m.scr.showRet {
		t.Errorf("a click on the Return tab (column %d of %q): focus %v, return %v", x, tabs, h.m.scr.focus, h.m.scr.showRet)
	}
	tabs = strings.Split(h.screen(), "\n")[0]
	h.send(tea.MouseClickMsg{X: ansi.StringWidth(tabs[:strings.Index(tabs, "Apple's log")]), Y: 0, Button: tea.MouseLeft})
	if h.m.scr.focus != PaneLog || h.m.scr.showRet {
		t.Errorf("a click on Apple's log tab: focus %v, return %v", h.m.scr.focus, h.m.scr.showRet)
	}
}

// TestLessonTitleIsNeverCut: a lesson card's title line keeps "esc
// closes" whole at every width from 60 (hints that do not fit are left
// out, never cut to "esc c…").
func TestLessonTitleIsNeverCut(t *testing.T) {
	for _, w := range []int{60, 80, 100, 120, 200} {
		h := startWith(t, Options{Theme: "none"}, w, 24)
		h.press("f10")
		top := strings.Split(h.screen(), "\n")[0]
		if !strings.Contains(top, "esc closes") || strings.Contains(top, "…") {
			t.Errorf("w%d: the card's title line is %q", w, top)
		}
	}
}

// TestChecklistChoiceIsKept: alt+j asks the program to keep the choice
// (hidden, then shown), in a command, for the next run.
func TestChecklistChoiceIsKept(t *testing.T) {
	var kept []bool
	h := startWith(t, Options{Theme: "none", Checklist: true, RememberChecklist: func(hidden bool) error {
		kept = append(kept, hidden)
		return nil
	}}, 120, 40)
	h.press("alt+j", "alt+j")
	if !slices.Equal(kept, []bool{true, false}) {
		t.Errorf("kept %v, want [true false]", kept)
	}
}

// TestPaletteFollowsTheWindow: the open palette is redrawn at a new
// window size, exactly the screen's size.
func TestPaletteFollowsTheWindow(t *testing.T) {
	h := startWith(t, Options{Theme: "dark"}, 120, 40)
	h.press("ctrl+k")
	for _, size := range [][2]int{{80, 24}, {60, 16}, {200, 60}} {
		h.resize(size[0], size[1])
		tuitest.CheckSize(t, h.raw(), size[0], size[1])
		mustContain(t, fmt.Sprintf("%dx%d", size[0], size[1]), h.screen(), "Every action —")
	}
}
