package app

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"bluegreen/tui/tuitest"
)

// Golden View tests: each pane alone, and the whole screen, at the widths
// and themes of the issue, ANSI stripped. Regenerate with
//
//	go test ./tui -run TestGolden -update
var (
	goldenWidths = []int{60, 80, 120, 160, 200}
	goldenThemes = []string{"dark", "none", "colour-blind"}
)

const (
	goldenPaneHeight   = 24 // a pane drawn alone
	goldenScreenHeight = 36 // the whole screen
)

// goldenSession puts the app in a state worth looking at, through the real
// Update flow: a blue message to Ana, an MMS to Ana and Ben, and a number
// typed and deleted (its row stays in the log).
func goldenSession(t *testing.T, theme string) *harness {
	t.Helper()
	h := newHarness(t, theme, 160, 45)
	h.typeText("4155550132")
	h.press("enter", "enter")
	h.typeText("Running late, 10 min")
	h.press("enter")
	h.press("up")
	h.typeText("Be")
	h.press("enter", "enter")
	h.typeText("Dinner at 8?")
	h.press("enter")
	h.press("up")
	h.typeText("4155550199")
	h.eraseTo()
	if got := len(h.rows()); got != 3 {
		t.Fatalf("golden session: %d log rows, want 3", got)
	}
	return h
}

func TestGolden(t *testing.T) {
	for _, theme := range goldenThemes {
		h := goldenSession(t, theme)
		for _, w := range goldenWidths {
			h.resize(w, goldenScreenHeight)
			views := []struct {
				name string
				h    int
				raw  string
			}{
				{"phone", goldenPaneHeight, viewAt(h.m.phone, w, goldenPaneHeight, true)},
				{"wire", goldenPaneHeight, viewAt(h.m.wire, w, goldenPaneHeight, false)},
				{"log", goldenPaneHeight, viewAt(h.m.log, w, goldenPaneHeight, false)},
				{"screen", goldenScreenHeight, h.raw()},
			}
			for _, v := range views {
				t.Run(fmt.Sprintf("%s/w%d/%s", v.name, w, theme), func(t *testing.T) {
					tuitest.CheckSize(t, v.raw, w, v.h)
					checkColours(t, theme, v.raw)
					golden.RequireEqual(t, []byte(ansi.Strip(v.raw)))
				})
			}
			// Blue and green are never told apart by hue alone.
			phone := flat(views[0].raw)
			mustContain(t, fmt.Sprintf("phone pane %d %s", w, theme), phone,
				"■ Ana · iMessage", "□ Ben · SMS", // lozenges
				"Running late, 10 min ■ iMessage", "Dinner at 8? □ MMS", // bubbles
			)
		}
	}
}

// sgr matches one Select Graphic Rendition sequence and captures its
// parameters.
var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// colourParams lists the colour parameters of the SGR sequences in s:
// 30–39 and 90–97 foreground, 40–49 and 100–107 background, 58/59
// underline colour.
func colourParams(s string) []string {
	var out []string
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for p := range strings.SplitSeq(m[1], ";") {
			n, err := strconv.Atoi(strings.SplitN(p, ":", 2)[0])
			if err != nil {
				continue
			}
			if n >= 30 && n <= 49 || n >= 90 && n <= 107 || n == 58 || n == 59 {
				out = append(out, m[0])
				break
			}
		}
	}
	return out
}

// checkColours: the none theme emits no colour at all; the others do (so
// the check above is known to see colours when they are there).
func checkColours(t *testing.T, theme, raw string) {
	t.Helper()
	got := colourParams(raw)
	switch {
	case theme == "none" && len(got) > 0:
		t.Errorf("theme none emits colour codes %q", got[:min(len(got), 5)])
	case theme != "none" && len(got) == 0:
		t.Errorf("theme %s emits no colour codes", theme)
	}
}

func TestColourParams(t *testing.T) {
	for in, want := range map[string]int{
		"\x1b[1mbold\x1b[0m":              0,
		"\x1b[4;3mx\x1b[22;24m":           0,
		"\x1b[38;2;10;132;255mblue\x1b[m": 1,
		"\x1b[1;48;5;22mbg\x1b[m":         1,
		"\x1b[31mred\x1b[39m":             2,
		"\x1b[4:3;58;5;1mcurly\x1b[m":     1,
	} {
		if got := len(colourParams(in)); got != want {
			t.Errorf("colourParams(%q) = %d, want %d", in, got, want)
		}
	}
}
