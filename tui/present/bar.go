package present

import (
	"fmt"
	"strings"

	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// barCache is the presenter's key line, drawn by help.Model once per
// width and theme.
type barCache struct {
	width int
	theme string
	keys  string
}

// View draws the app above the presenter bar.
func (p *Player) View() tea.View {
	v := tea.NewView(p.Screen())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "bluegreen — " + p.script.Title
	return v
}

// Screen is the whole screen as a string, exactly width × height.
func (p *Player) Screen() string {
	if p.width == 0 {
		return ""
	}
	return p.d.app.View().Content + "\n" + p.presenterBar()
}

// presenterBar is the presenter's caption: large, high-contrast, step n
// of m, then the mode and the keys.
func (p *Player) presenterBar() string {
	s := p.d.app.Styles()
	w := p.width
	caption := ""
	if p.step > 0 {
		caption = p.script.Steps[p.step-1].Caption
	}
	if p.err != nil {
		caption = "! " + sim.Printable(p.err.Error())
	}
	lines := common.FitLines(common.Wrap(sim.Printable(caption), w-2), w-2, 2)
	big := lipgloss.NewStyle().Bold(true)
	if s.Theme.Name != "none" {
		big = big.Foreground(lipgloss.BrightWhite).Background(lipgloss.Color("#1F3A5F"))
	}
	mode := "step mode"
	switch {
	case p.takeover:
		mode = "YOU HAVE THE KEYBOARD (ctrl+t hands back)"
	case p.auto:
		mode = fmt.Sprintf("auto ×%.1f", p.speed)
	}
	status := fmt.Sprintf("▶ %s — step %d of %d · %s · ", sim.Printable(p.script.Title), p.step, len(p.script.Steps), mode)
	return strings.Join([]string{
		s.Faint.Render(strings.Repeat("━", w)),
		big.Render(" " + lines[0] + " "),
		big.Render(" " + lines[1] + " "),
		common.Fit(s.Accent.Render(status)+p.keyLine(s), w),
	}, "\n")
}

// keyLine is the presenter's keys from their bindings, through help.Model;
// the line is cut to the window by Fit, as the status before it is.
func (p *Player) keyLine(s common.Styles) string {
	if c := p.bar; c.width == p.width && c.theme == s.Theme.Name && c.keys != "" {
		return c.keys
	}
	h := help.New()
	h.ShortSeparator = " · "
	h.Styles.ShortKey, h.Styles.ShortDesc, h.Styles.ShortSeparator = s.Faint, s.Faint, s.Faint
	p.bar = barCache{width: p.width, theme: s.Theme.Name, keys: h.ShortHelpView(p.keys.ShortHelp())}
	return p.bar.keys
}
