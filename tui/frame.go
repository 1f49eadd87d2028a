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
	w := cellWidth(line)
	if w > width {
		line = ansi.Truncate(line, width, "…")
		w = ansi.StringWidth(line)
	}
	return line + strings.Repeat(" ", width-w)
}

// cellWidth is ansi.StringWidth with a fast path for plain ASCII, which most
// of the screen is: StringWidth segments graphemes, and did so for every
// cell on every keystroke.
func cellWidth(s string) int {
	for i := range len(s) {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
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
	if s.open {
		return s.openFrame(title, body, w, h)
	}
	border, edges, titles := lipgloss.RoundedBorder(), s.frames.edge, s.frames.title
	if focused {
		border, edges, titles = lipgloss.ThickBorder(), s.frames.focusEdge, s.frames.focusTitle
	}
	inner := w - 2
	label := ""
	if title != "" && inner > 4 {
		plain := " " + ansi.Truncate(title, inner-4, "…") + " "
		label = titles.apply(plain)
		title = plain
	}
	fill := inner - 1 - ansi.StringWidth(title)
	if label == "" {
		fill = inner - 1
	}
	var b strings.Builder
	b.WriteString(edges.apply(border.TopLeft+border.Top) + label + edges.apply(strings.Repeat(border.Top, max(fill, 0))+border.TopRight))
	left, right := edges.apply(border.Left), edges.apply(border.Right)
	lines := fitLines(body, inner, h-2)
	size := b.Len() * 2
	for _, line := range lines {
		size += 1 + len(left) + len(line) + len(right)
	}
	b.Grow(size)
	for _, line := range lines {
		b.WriteString("\n")
		b.WriteString(left)
		b.WriteString(line)
		b.WriteString(right)
	}
	b.WriteString("\n" + edges.apply(border.BottomLeft+strings.Repeat(border.Bottom, inner)+border.BottomRight))
	return b.String()
}

// stack puts blocks one under another. Every block is already exactly as
// wide as the others (each is drawn to its rectangle), so unlike
// lipgloss.JoinVertical nothing is measured or padded: measuring every
// cell of the screen on every keystroke was a third of its cost.
func stack(blocks ...string) string { return strings.Join(blocks, "\n") }

// beside puts blocks of the same height side by side, line by line (see
// stack for why not lipgloss.JoinHorizontal).
func beside(blocks ...string) string {
	cols := make([][]string, len(blocks))
	height := 0
	for i, b := range blocks {
		cols[i] = strings.Split(b, "\n")
		height = max(height, len(cols[i]))
	}
	var sb strings.Builder
	sb.Grow(totalLen(blocks) + height)
	for y := range height {
		if y > 0 {
			sb.WriteByte('\n')
		}
		for _, c := range cols {
			if y < len(c) {
				sb.WriteString(c[y])
			}
		}
	}
	return sb.String()
}

func totalLen(blocks []string) int {
	n := 0
	for _, b := range blocks {
		n += len(b)
	}
	return n
}

// openFrame is the presenter's frame: no box, the title in capitals over a
// heavy rule, and a margin of one column each side, so panes read from the
// back of a room. It keeps the boxed frame's geometry: the same body width
// and height.
func (s Styles) openFrame(title string, body []string, w, h int) string {
	inner := w - 2
	heading := s.frames.focusTitle.apply(fit(strings.ToUpper(title), inner))
	lines := []string{" " + heading + " ", " " + s.frames.edge.apply(strings.Repeat("━", inner)) + " "}
	for _, l := range fitLines(body, inner, h-2) {
		lines = append(lines, " "+l+" ")
	}
	return strings.Join(lines, "\n")
}
