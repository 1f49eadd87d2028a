package common

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Fit makes one line exactly width cells: cut with an ellipsis or padded.
func Fit(line string, width int) string {
	if width <= 0 {
		return ""
	}
	w := CellWidth(line)
	if w > width {
		line = ansi.Truncate(line, width, "…")
		w = ansi.StringWidth(line)
	}
	return line + strings.Repeat(" ", width-w)
}

// CellWidth is ansi.StringWidth with a fast path for plain ASCII, which most
// of the screen is: StringWidth segments graphemes, and did so for every
// cell on every keystroke.
func CellWidth(s string) int {
	for i := range len(s) {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// FitLines makes lines exactly width × height: extra lines are dropped,
// missing ones are blank.
func FitLines(lines []string, width, height int) []string {
	out := make([]string, height)
	for i := range out {
		if i < len(lines) {
			out[i] = Fit(lines[i], width)
		} else {
			out[i] = strings.Repeat(" ", max(width, 0))
		}
	}
	return out
}

// Wrap breaks text into lines of at most width cells, at spaces when it can.
func Wrap(text string, width int) []string {
	if width <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Hardwrap(ansi.Wordwrap(text, width, " "), width, true), "\n")
	if slices.Contains(lines, "-") {
		// x/ansi's word wrap, breaking at a hyphen one column past the
		// width, leaves the hyphen on a line of its own ("[open" / "-" /
		// "source"): such text is wrapped at spaces only.
		return WrapWords(text, width)
	}
	return lines
}

// unbreakable are the spans prose is never broken inside: a date with its
// time, and a statute's title and section.
var unbreakable = regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?(?: UTC)?|\d+ U\.S\.C\. §+[\d–()a-z]+|Fla\. Stat\. §+[\d.–]+`)

// WrapWords is Wrap for prose a room reads — captions: it breaks only at
// spaces, never at a hyphen ("end-to-end") nor inside a date or a statute
// citation; only a word longer than the line is cut.
func WrapWords(text string, width int) []string {
	// Inside a span spaces, and everywhere hyphens, become their
	// non-breaking forms until the lines are made.
	glue := strings.NewReplacer(" ", "\u00a0")
	unglue := strings.NewReplacer("\u00a0", " ", "\u2011", "-")
	glued := strings.ReplaceAll(unbreakable.ReplaceAllStringFunc(text, glue.Replace), "-", "\u2011")
	lines := Wrap(glued, width)
	for i, l := range lines {
		lines[i] = unglue.Replace(l)
	}
	return lines
}

// Frame draws a w × h box with title in its top border around body.
func (s Styles) Frame(title string, body []string, w, h int, focused bool) string {
	if w < 2 || h < 2 {
		return strings.Join(FitLines(body, max(w, 0), max(h, 0)), "\n")
	}
	if s.Open {
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
		label = titles.Apply(plain)
		title = plain
	}
	fill := inner - 1 - ansi.StringWidth(title)
	if label == "" {
		fill = inner - 1
	}
	var b strings.Builder
	b.WriteString(edges.Apply(border.TopLeft+border.Top) + label + edges.Apply(strings.Repeat(border.Top, max(fill, 0))+border.TopRight))
	left, right := edges.Apply(border.Left), edges.Apply(border.Right)
	lines := FitLines(body, inner, h-2)
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
	b.WriteString("\n" + edges.Apply(border.BottomLeft+strings.Repeat(border.Bottom, inner)+border.BottomRight))
	return b.String()
}

// Stack puts blocks one under another. Every block is already exactly as
// wide as the others (each is drawn to its rectangle), so unlike
// lipgloss.JoinVertical nothing is measured or padded: measuring every
// cell of the screen on every keystroke was a third of its cost.
func Stack(blocks ...string) string { return strings.Join(blocks, "\n") }

// Beside puts blocks of the same height side by side, line by line (see
// stack for why not lipgloss.JoinHorizontal).
func Beside(blocks ...string) string { return BesideIn(nil, nil, blocks...) }

// BesideIn is Beside with whole lines above and below the blocks, written
// in one pass: a screen of panes side by side under a header and over a
// caption is then copied once, not once per join.
func BesideIn(above, below []string, blocks ...string) string {
	cols := make([][]string, len(blocks))
	height := 0
	for i, b := range blocks {
		cols[i] = strings.Split(b, "\n")
		height = max(height, len(cols[i]))
	}
	var sb strings.Builder
	sb.Grow(totalLen(blocks) + totalLen(above) + totalLen(below) + height + len(above) + len(below))
	for _, line := range above {
		sb.WriteString(line)
		sb.WriteByte('\n')
	}
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
	for _, line := range below {
		sb.WriteByte('\n')
		sb.WriteString(line)
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
	heading := s.frames.focusTitle.Apply(Fit(strings.ToUpper(title), inner))
	lines := []string{" " + heading + " ", " " + s.frames.edge.Apply(strings.Repeat("━", inner)) + " "}
	for _, l := range FitLines(body, inner, h-2) {
		lines = append(lines, " "+l+" ")
	}
	return strings.Join(lines, "\n")
}

// StyleAll renders every line with st.
func StyleAll(st interface{ Render(...string) string }, lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = st.Render(l)
	}
	return out
}

// Thousands writes n with thousands separators: 10,000,000.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
