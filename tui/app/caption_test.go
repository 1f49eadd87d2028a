package app

import (
	"strings"

	"bluegreen/tui/common"
	"bluegreen/tui/tuitest"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// captionsOfASession drives the app through what a person does — typing,
// abandoning, confirming, sending online and offline, Try Again, the
// settings, the clock, an order and its productions, q — and collects
// every caption it showed on the way.
func captionsOfASession(t *testing.T) []caption {
	t.Helper()
	h := startWith(t, Options{Theme: "none", HumanPace: DefaultHumanPace}, 160, 45)
	seen := map[caption]bool{h.m.below.caption: true}
	var out []caption
	keep := func() {
		if c := h.m.below.caption; c.Text != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	out = append(out, h.m.below.caption)
	do := func(keys ...string) {
		for _, k := range keys {
			h.press(k)
			keep()
		}
	}
	typ := func(s string) { h.typeText(s); keep() }
	typ("4155550199")
	h.eraseTo()
	keep()
	typ("4155550132")
	do("enter")
	typ("hi")
	do("enter", "ctrl+n")
	typ("4155550132")
	do("enter", "ctrl+n", "f8")
	typ("dev@example.com")
	do("enter")
	typ("x")
	do("enter", "ctrl+n")
	typ("nobody@example.com")
	do("enter")
	typ("hello?")
	do("enter", "ctrl+n", "f4", "f4", "f3") // no data, Send as SMS off
	typ("4155550147")
	do("enter")
	typ("there?")
	do("enter", "alt+r", "alt+x", "ctrl+n")
	typ("dev@example.com")
	do("enter")
	typ("mail")
	do("enter", "alt+r", "f4", "f3", "f2", "f2", "f5", "f6", "f7", "f9", "alt+u", "alt+p", "alt+e")
	h.send(ServeOrderMsg{Kind: "pen-register"})
	keep()
	h.advanceDays(31)
	keep()
	do("alt+p", "alt+o")
	h.send(ServeOrderMsg{Kind: "trap-and-trace"})
	keep()
	do("esc", "tab", "q", "down")
	if len(out) < 20 {
		t.Fatalf("the session showed only %d captions", len(out))
	}
	return out
}

// Every caption the app can show renders every one of its words, at every
// width from 60 to 200: the caption area grows, nothing is cut.
func TestCaptionsNeverClip(t *testing.T) {
	caps := captionsOfASession(t)
	h := newHarness(t, "none", 160, 45)
	for w := MinWidth; w <= 200; w++ {
		h.resize(w, 40)
		for _, c := range caps {
			h.m.below.caption = c
			h.m.relayout() // as Update does when a caption changes
			want := strings.Fields(c.Text + " [" + c.Source + "]")
			if c.Source == "" {
				want = strings.Fields(c.Text)
			}
			got := strings.Fields(ansi.Strip(h.m.captionView(w)))
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("at %d columns the caption\n%q\nreads\n%q", w, strings.Join(want, " "), strings.Join(got, " "))
			}
			tuitest.CheckSize(t, h.raw(), w, 40)
		}
	}
}

// Dates and statute citations are never broken across lines.
func TestCaptionKeepsDatesAndCitationsWhole(t *testing.T) {
	text := "Clock now 2016-10-03 16:00 UTC. Orders last up to 60 days under 18 U.S.C. §3123(c)(1), and renewals as long."
	for w := 30; w <= 80; w++ {
		lines := common.WrapWords(text, w)
		joined := strings.Join(lines, "\n")
		for _, span := range []string{"2016-10-03 16:00 UTC", "18 U.S.C. §3123(c)(1)"} {
			if !strings.Contains(joined, span) {
				t.Errorf("at %d columns %q is broken:\n%s", w, span, joined)
			}
		}
	}
}
