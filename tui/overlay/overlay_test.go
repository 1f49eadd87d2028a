package overlay

import (
	"fmt"
	"strings"
	"testing"

	"bluegreen/sim/simtest"
	"bluegreen/tui/common"
	"bluegreen/tui/lessons"
	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

func testCommon(t *testing.T, theme string) *common.Common {
	t.Helper()
	world, _ := simtest.Classroom(t)
	return tuitest.Common(t, theme, world)
}

func numbered(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d", i+1)
	}
	return lines
}

func press(t *testing.T, o Model, names ...string) (Model, []tea.Msg) {
	t.Helper()
	var asked []tea.Msg
	for _, n := range names {
		var cmd tea.Cmd
		o, cmd = o.Update(tuitest.Key(t, n))
		asked = append(asked, tuitest.Run(cmd)...)
	}
	return o, asked
}

// Paging stops at the last screenful, so one page up moves at once.
func TestScrollClamps(t *testing.T) {
	o := Open(testCommon(t, "none"), Help, "Help", numbered(100))
	o.SetSize(80, 24)
	for range 20 {
		o, _ = press(t, o, "pgdown")
	}
	if o.Offset() != 100-22 {
		t.Fatalf("20 pgdn left the view at line %d, want the last screenful (78)", o.Offset())
	}
	o, _ = press(t, o, "pgup")
	if o.Offset() != 78-22 {
		t.Errorf("pgup moved to %d, want 56", o.Offset())
	}
	o, _ = press(t, o, "home")
	if o.Offset() != 0 {
		t.Errorf("home left the view at %d", o.Offset())
	}
	o.SetLines(numbered(10)) // a wider window: fewer lines
	o, _ = press(t, o, "end")
	if o.Offset() != 0 || !strings.Contains(ansi.Strip(o.View()), "line 10") {
		t.Errorf("ten lines in a 22-line overlay scroll to %d", o.Offset())
	}
}

// ← → in a lesson card ask for the neighbouring cards, in reading order.
func TestLessonAsksForNeighbours(t *testing.T) {
	o := OpenLesson(testCommon(t, "none"), lessons.TopicAbout, "About", []string{"…"})
	o.SetSize(80, 24)
	_, asked := press(t, o, "right")
	all := lessons.LessonTopics()
	if len(asked) != 1 || asked[0] != (ShowLessonMsg{Topic: all[1]}) {
		t.Errorf("→ asked %v, want the second card", asked)
	}
	_, asked = press(t, o, "left")
	if len(asked) != 1 || asked[0] != (ShowLessonMsg{Topic: all[len(all)-1]}) {
		t.Errorf("← on the first card asked %v, want the last", asked)
	}
	if _, asked := press(t, Open(testCommon(t, "none"), Help, "Help", nil), "right"); len(asked) != 0 {
		t.Errorf("→ in help asked %v", asked)
	}
}

// The help overlay is derived from the key map, and every overlay draws
// exactly its size.
func TestHelpGoldenAtItsSizes(t *testing.T) {
	for _, theme := range []string{"dark", "none"} {
		for _, size := range [][2]int{{60, 20}, {100, 40}} {
			com := testCommon(t, theme)
			o := Open(com, Help, "Help", HelpLines(com.Keys, com.Styles, size[0]-4))
			o.SetSize(size[0], size[1])
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], theme), func(t *testing.T) {
				v := o.View()
				tuitest.CheckSize(t, v, size[0], size[1])
				all := ansi.Strip(strings.Join(HelpLines(com.Keys, com.Styles, 200), "\n"))
				for _, group := range com.Keys.FullHelp() {
					for _, b := range group {
						if h := b.Help(); !strings.Contains(all, h.Key+" ") || !strings.Contains(all, h.Desc) {
							t.Errorf("help lacks %s %s", h.Key, h.Desc)
						}
					}
				}
				golden.RequireEqual(t, []byte(ansi.Strip(v)))
			})
		}
	}
}
