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
	n, cw := p.captionLines(), bannerWidth(w)
	lines := common.FitLines(common.WrapWords(sim.Printable(caption), cw), cw, n)
	if p.bannerPadding() {
		blank := strings.Repeat(" ", cw)
		lines = append(append([]string{blank}, lines...), blank)
	}
	// The banner is bright white on a dark blue whatever the theme (the
	// room reads it from the back): 13:1, and a 16-colour terminal rounds
	// the blue to its own dark blue, 16:1 (contrast_test.go); with no
	// colour, bold alone.
	big := lipgloss.NewStyle().Bold(true)
	if s.Theme.Name != "none" {
		big = big.Foreground(lipgloss.BrightWhite).Background(lipgloss.Color("#1C2E5A"))
	}
	out := []string{s.Faint.Render(strings.Repeat("━", w))}
	for _, l := range lines {
		out = append(out, big.Render("  "+l+"  "))
	}
	return strings.Join(append(out, common.Fit(p.statusLine(s), w)), "\n")
}

// statusLine is the title, "step n of m", the mode and — live only, never
// in a handout — the presenter's keys.
func (p *Player) statusLine(s common.Styles) string {
	mode := "step mode"
	switch {
	case p.goTo != "":
		mode = "go to step " + p.goTo + " ↵"
	case p.takeover:
		mode = "YOU HAVE THE KEYBOARD (ctrl+t hands back)"
	case p.auto:
		mode = fmt.Sprintf("auto ×%.1f", p.speed)
	}
	status := fmt.Sprintf("▶ %s — step %d of %d", sim.Printable(p.script.Title), p.step, len(p.script.Steps))
	if p.headless {
		return s.Accent.Render(status)
	}
	return s.Accent.Render(status+" · "+mode+" · ") + p.keyLine(s)
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
