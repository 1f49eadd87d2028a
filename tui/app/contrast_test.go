package app

import (
	"fmt"
	"testing"

	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
)

// contrastScreens drives the app through the screens a session shows — the
// first run with its checklist and hints, blue, green and red bubbles, the
// log with its newest row highlighted, help, a lesson card (glamour's
// colours), the sources, the order form, the return with the educator
// overlay, the comparison of designs — and returns each screen as drawn.
func contrastScreens(t *testing.T, theme string, w, ht int) map[string]string {
	t.Helper()
	h := startWith(t, Options{Theme: theme, Checklist: true}, w, ht)
	out := map[string]string{"first run": h.raw()}
	h.typeText("41555")
	out["typing a number"] = h.raw()
	h.eraseTo()
	h.abandonAndMessageAna()
	h.press("up")
	h.typeText("Be")
	h.press("enter", "enter")
	h.typeText("Dinner at 8?")
	h.press("enter")
	out["blue and green bubbles"] = h.raw()
	h.press("f4", "f4") // no data
	h.typeText("lost?")
	h.press("enter")
	out["not delivered"] = h.raw()
	h.press("f4")
	for name, keys := range map[string][]string{
		"help": {"f1"}, "lesson card": {"f10"}, "palette": {"ctrl+k"}, "sources": {"f11"}, "compare": {"alt+m"}, "order form": {"f12"},
	} {
		h.press(keys...)
		out[name] = h.raw()
		h.press("esc")
	}
	h.serve()
	h.focusPane(PaneLog)
	out["return"] = h.raw()
	h.press("alt+u")
	out["return with educator overlay"] = h.raw()
	h.press("alt+u", "alt+v")
	out["Apple's log"] = h.raw()
	return out
}

// TestScreenContrast measures every colour pair of every screen above, in
// every theme, as a terminal shows it at truecolour, 256 and 16 colours:
// text at 4.5:1 (7:1 in high contrast), borders at 3:1 (4.5:1).
func TestScreenContrast(t *testing.T) {
	for _, theme := range tuitest.ColourThemes() {
		sizes := [][2]int{{120, 40}}
		if theme == "dark" || theme == "high-contrast" {
			sizes = append(sizes, [2]int{80, 24}) // the narrow layout's tabs draw in the same styles
		}
		for _, size := range sizes {
			for name, raw := range contrastScreens(t, theme, size[0], size[1]) {
				t.Run(fmt.Sprintf("%s/%dx%d/%s", theme, size[0], size[1], name), func(t *testing.T) {
					if len(tuitest.ScreenPairs(raw, tuitest.Profiles[0], tuitest.Backdrops(theme, tuitest.Profiles[0])[0])) < 3 {
						t.Fatalf("fewer than 3 colour pairs: the screen is not coloured as expected")
					}
					for _, p := range tuitest.LowContrast(theme, raw) {
						t.Errorf("%s\n\tin line %q", p, p.SampleLine)
					}
				})
			}
		}
	}
}

// TestStudentScreenContrast: a student's screen in a class (their phone,
// the wire, what Apple logged from them, their key bar and help) keeps the
// same minimums in every colour theme.
func TestStudentScreenContrast(t *testing.T) {
	for _, theme := range tuitest.ColourThemes() {
		w, store := newClassroom(t)
		s, err := NewStudent(w, StudentOptions{Theme: theme})
		if err != nil {
			t.Fatal(err)
		}
		h := &studentHarness{t: t, m: s, store: store}
		h.run(s.Init())
		h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
		h.typeText("4155550132")
		h.press("enter")
		screens := map[string]string{"a lookup": h.m.View().Content}
		h.press("f1")
		screens["help"] = h.m.View().Content
		for name, raw := range screens {
			if len(tuitest.ScreenPairs(raw, tuitest.Profiles[0], tuitest.Backdrops(theme, tuitest.Profiles[0])[0])) < 3 {
				t.Errorf("%s student %s: fewer than 3 colour pairs: the screen is not coloured as expected", theme, name)
			}
			for _, p := range tuitest.LowContrast(theme, raw) {
				t.Errorf("%s student %s: %s\n\tin line %q", theme, name, p, p.SampleLine)
			}
		}
	}
}
