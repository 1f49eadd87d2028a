package app

import (
	"fmt"
	"strings"
	"testing"

	"bluegreen/tui/returnpane"
	"bluegreen/tui/tuitest"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// Golden views of the court order (issue 5): the return tab and the
// timeline, after the classroom story (a number typed and abandoned, a
// message to Ana, a pen register on yourself), then again 31 days later
// after Apple produced a second time. ANSI stripped; every view is
// exactly the size it was given. Regenerate with
//
//	go test ./tui -run TestCourtGolden -update
var (
	courtWidths = []int{80, 120, 160}
	courtThemes = []string{"dark", "none"}
	// the tmux sizes of the issue: the whole screen at each width
	courtScreenHeight = map[int]int{80: 24, 120: 40, 160: 45}
)

const timelineHeight = 6 // the timeline's four lines in a frame

// courtView is one rendering to compare with its golden file.
type courtView struct {
	name string
	w, h int
	raw  string
}

// courtViews renders the return pane whole (tall enough for every line),
// the timeline in a frame of its own, and the whole screen.
func courtViews(h *harness, stage string, w int, withScreen bool) []courtView {
	h.tb.Helper()
	c, s := h.m.ret.Case(), h.m.com.Styles
	pane := h.returnPane(w)
	tl := s.Frame("Timeline", returnpane.TimelineLines(s, c, h.m.com.Snap.Now, w-2), w, timelineHeight, false)
	views := []courtView{
		{stage + "-return", w, strings.Count(pane, "\n") + 1, pane},
		{stage + "-timeline", w, timelineHeight, tl},
	}
	if withScreen {
		views = append(views, courtView{stage + "-screen", w, courtScreenHeight[w], h.raw()})
	}
	return views
}

func TestCourtGolden(t *testing.T) {
	for _, theme := range courtThemes {
		h := startWith(t, Options{Theme: theme, HumanPace: DefaultHumanPace}, 160, 45)
		h.abandonAndMessageAna()
		h.serve()
		for n := 0; h.m.scr.focus != PaneLog; n++ { // focus the return: in narrow mode it is the tab shown
			if n > int(paneCount) {
				t.Fatal("tab never focuses the log pane")
			}
			h.press("tab")
		}

		var views []courtView
		for _, w := range courtWidths {
			h.resize(w, courtScreenHeight[w])
			if !h.m.scr.showRet || h.m.scr.focus != PaneLog {
				t.Fatalf("w%d: the return is not the pane in focus (showRet %v, focus %v)", w, h.m.scr.showRet, h.m.scr.focus)
			}
			views = append(views, courtViews(h, "served", w, true)...)
			mustContain(t, fmt.Sprintf("w%d screen", w), words(h.screen()), "Return — pen register on +14155550100 — production 1")
		}

		h.resize(160, 45)
		h.advanceDays(31)
		h.press("alt+p")
		for _, w := range courtWidths {
			h.resize(w, courtScreenHeight[w])
			views = append(views, courtViews(h, "day31", w, false)...)
		}
		h.press("alt+u")
		for _, w := range courtWidths {
			h.resize(w, courtScreenHeight[w])
			vs := courtViews(h, "day31-educator", w, false)
			views = append(views, vs[0]) // the timeline is the same with the overlay on
		}

		for _, v := range views {
			t.Run(fmt.Sprintf("%s/w%d/%s", v.name, v.w, theme), func(t *testing.T) {
				tuitest.CheckSize(t, v.raw, v.w, v.h)
				checkColours(t, theme, v.raw)
				golden.RequireEqual(t, []byte(ansi.Strip(v.raw)))
			})
		}
	}
}

// The timeline's now marker sits under the end of Apple's retention bar
// (which ends now) and shows its date in full at every width and wherever
// now falls: before, inside and after the order's period.
func TestTimelineNowMarker(t *testing.T) {
	h := newHarness(t, "none", 160, 45)
	h.typeText("4155550199")
	h.eraseTo()
	c := h.serve()
	for _, days := range []int{0, 10, 30, 31, 45, 90} {
		if days > 0 {
			h.advanceDays(days - daysSince(h, c))
		}
		now := h.m.com.Snap.Now
		stamp := "now " + now.UTC().Format("01-02 15:04")
		for w := MinWidth; w <= 200; w++ { // no layout makes the return pane narrower than the window minimum
			inner := w - 2
			lines := returnpane.TimelineLines(h.m.com.Styles, c, now, inner)
			for i, l := range lines {
				if got := ansi.StringWidth(l); got > inner {
					t.Errorf("day %d, width %d: timeline line %d is %d cells, wider than the pane's %d: %q", days, w, i+1, got, inner, ansi.Strip(l))
				}
			}
			kept, marker := []rune(ansi.Strip(lines[1])), []rune(ansi.Strip(lines[5]))
			end := strings.LastIndex(string(kept), "█")
			arrow := strings.Index(string(marker), "▲")
			if end < 0 || arrow < 0 || len([]rune(string(kept)[:end])) != len([]rune(string(marker)[:arrow])) {
				t.Errorf("day %d, width %d: the ▲ is not under the end of Apple's window:\n%s\n%s", days, w, string(kept), string(marker))
			}
			if !strings.Contains(string(marker), stamp) {
				t.Errorf("day %d, width %d: the marker line %q does not show %q", days, w, string(marker), stamp)
			}
		}
	}
}

func daysSince(h *harness, c *returnpane.Case) int {
	return int(h.m.com.Snap.Now.Sub(c.Productions[0].Produced).Hours() / 24)
}
