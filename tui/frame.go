package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// fit makes one line exactly width cells: cut with an ellipsis or padded.
func fit(line string, width int) string {
	if width <= 0 {
		return ""
	}
	w := ansi.StringWidth(line)
	if w > width {
		line = ansi.Truncate(line, width, "…")
		w = ansi.StringWidth(line)
	}
	return line + strings.Repeat(" ", width-w)
}

// fitLines makes lines exactly width × height: extra lines are dropped,
// missing ones are blank.
func fitLines(lines []string, width, height int) []string {
	out := make([]string, height)
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], width)
		} else {
			out[i] = strings.Repeat(" ", max(width, 0))
		}
	}
	return out
}

// wrap breaks text into lines of at most width cells, at spaces when it can.
func wrap(text string, width int) []string {
	if width <= 0 {
		return nil
	}
	return strings.Split(ansi.Hardwrap(ansi.Wordwrap(text, width, " "), width, true), "\n")
}

// frame draws a w × h box with title in its top border around body.
func (s Styles) frame(title string, body []string, w, h int, focused bool) string {
	if w < 2 || h < 2 {
		return strings.Join(fitLines(body, max(w, 0), max(h, 0)), "\n")
	}
	border, edge, titleStyle := lipgloss.RoundedBorder(), s.Pane, s.Title
	if focused {
		border, edge, titleStyle = lipgloss.ThickBorder(), s.PaneFocus, s.TitleFocus
	}
	paint := lipgloss.NewStyle()
	if c := edge.GetBorderTopForeground(); c != nil {
		paint = paint.Foreground(c)
	}
	inner := w - 2
	label := ""
	if title != "" && inner > 4 {
		label = titleStyle.Render(" " + ansi.Truncate(title, inner-4, "…") + " ")
	}
	fill := inner - 1 - ansi.StringWidth(label)
	var b strings.Builder
	b.WriteString(paint.Render(border.TopLeft+border.Top) + label + paint.Render(strings.Repeat(border.Top, max(fill, 0))+border.TopRight))
	for _, line := range fitLines(body, inner, h-2) {
		b.WriteString("\n" + paint.Render(border.Left) + line + paint.Render(border.Right))
	}
	b.WriteString("\n" + paint.Render(border.BottomLeft+strings.Repeat(border.Bottom, inner)+border.BottomRight))
	return b.String()
}
