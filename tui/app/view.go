package app

import (
	"fmt"
	"sort"
	"strings"

	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// View draws the screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.look.frames.draw(m.render))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "bluegreen"
	return v
}

// render draws the screen as a string of exactly width × height cells.
func (m Model) render() string {
	if m.com.Width == 0 {
		return ""
	}
	l := m.scr.layout
	if l.Mode == TooSmall {
		return m.tooSmall()
	}
	below := []string{m.captionView(l.Caption.W)}
	if !l.Help.Empty() {
		below = append(below, m.helpBar(l.Help.W))
	}
	switch {
	case m.modal.palette.Focused():
		return common.Stack(append([]string{m.modal.palette.View()}, below...)...)
	case m.overlay.IsOpen():
		return common.Stack(append([]string{m.overlay.View()}, below...)...)
	case l.Mode == Wide:
		return common.BesideIn(nil, below, m.visiblePanes(func(Rect) bool { return true })...)
	}
	return common.Stack(append([]string{m.panes(l)}, below...)...)
}

func (m Model) tooSmall() string {
	w, h := m.com.Width, m.com.Height
	msg := lipgloss.NewStyle().Width(max(w-2, 1)).Align(lipgloss.Center).Render(
		fmt.Sprintf("bluegreen needs a larger window: at least %d\u00a0×\u00a0%d (now %d\u00a0×\u00a0%d).\nctrl+c quits.", MinWidth, MinHeight, w, h))
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, msg)
}

func (m Model) paneView(p Pane) string {
	switch p {
	case PanePhone:
		return m.phone.View()
	case PaneWire:
		return m.wire.View()
	default:
		if m.scr.showRet {
			return m.ret.View()
		}
		return m.log.View()
	}
}

func (m Model) panes(l Layout) string {
	switch l.Mode {
	case Wide:
		return common.Beside(m.visiblePanes(func(Rect) bool { return true })...)
	case Stacked:
		return common.Stack(m.visiblePanes(func(Rect) bool { return true })...)
	case Medium:
		right := common.Stack(m.visiblePanes(func(r Rect) bool { return r.X > 0 })...)
		return common.Beside(append(m.visiblePanes(func(r Rect) bool { return r.X == 0 }), right)...)
	default:
		return common.Stack(m.tabBar(l.Tabs.W), m.paneView(m.scr.focus))
	}
}

// visiblePanes draws the panes on screen whose rectangle passes keep, in
// reading order (left to right, top to bottom).
func (m Model) visiblePanes(keep func(Rect) bool) []string {
	var ps []Pane
	for p := PanePhone; p < paneCount; p++ {
		if r := m.scr.layout.Panes[p]; !r.Empty() && keep(r) {
			ps = append(ps, p)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := m.scr.layout.Panes[ps[i]], m.scr.layout.Panes[ps[j]]
		return a.X < b.X || a.X == b.X && a.Y < b.Y
	})
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = m.paneView(p)
	}
	return out
}

// tabBar labels the panes in narrow mode — and, once an order has been
// served, the return as a tab of its own; the active one is marked with
// brackets as well as style.
func (m Model) tabBar(w int) string {
	s := m.com.Styles
	stops := m.tabStops()
	if stops == nil {
		for p := PanePhone; p < paneCount; p++ {
			stops = append(stops, stop{p, p == PaneLog && m.scr.showRet})
		}
	}
	here := stop{m.scr.focus, m.scr.focus == PaneLog && m.scr.showRet}
	var parts []string
	for _, st := range stops {
		name := st.pane.String()
		if st.ret {
			name = "Return"
		}
		if st == here {
			parts = append(parts, s.TabActive.Render("["+name+"]"))
		} else {
			parts = append(parts, s.TabInactive.Render(" "+name+" "))
		}
	}
	return common.Fit(strings.Join(parts, " ")+s.Faint.Render("  tab: next pane"), w)
}

// stopAt is the tab under column x of the tab bar (each label is its name
// and two cells of brackets or spaces, one space apart).
func (m Model) stopAt(x int) (stop, bool) {
	stops := m.tabStops()
	if stops == nil {
		for p := PanePhone; p < paneCount; p++ {
			stops = append(stops, stop{p, p == PaneLog && m.scr.showRet})
		}
	}
	left := 0
	for _, st := range stops {
		name := st.pane.String()
		if st.ret {
			name = "Return"
		}
		right := left + ansi.StringWidth(name) + 2
		if x >= left && x < right {
			return st, true
		}
		left = right + 1
	}
	return stop{}, false
}

func (m Model) captionView(w int) string {
	return strings.Join(common.FitLines(m.captionLines(w), w, m.scr.layout.Caption.H), "\n")
}

// cachedLine is a drawn line and what it was drawn for.
type cachedLine struct {
	width int
	theme string
	keys  string // the entries drawn (barSignature)
	text  string
}
