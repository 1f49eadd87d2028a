package tui

import (
	"fmt"
	"slices"

	"github.com/charmbracelet/x/ansi"
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
)

// returnPane shows the latest return for the served order: the timeline
// of retention against the order's period, then the production exactly as
// `bluegreen return --format text` prints it, and — only when the educator
// overlay is on — marks that are plainly not part of it.
type returnPane struct {
	offset   int
	educator bool
}

// scroll moves the view by delta lines, from the top to the last
// screenful of total lines in a pane of height h, never past it.
func (p *returnPane) scroll(delta, total, h int) {
	p.offset = min(max(p.offset+delta, 0), max(total-(h-2), 0))
}

func (p returnPane) view(s Styles, c *courtCase, snap snapshot, w, h int, focused bool) string {
	inner := w - 2
	if c == nil {
		lines := append([]string{s.Bold.Render("No court order yet.")},
			styleAll(s.Faint, wrap("Press alt+o (or F12) to serve one: a pen register on you lists every number your phone looked up, with times and IPs — typed-and-abandoned ones too. alt+v switches between Apple's log and the return.", inner))...)
		return s.frame("Return — as police receive it", lines, w, h, focused)
	}
	lines := p.lines(s, c, snap.Now, inner)
	start := min(p.offset, max(len(lines)-(h-2), 0))
	title := fmt.Sprintf("Return — %s on %s — production %d", c.order.Kind.Title(), c.order.Target.Address(), len(c.productions))
	return s.frame(title, lines[start:], w, h, focused)
}

// lines is all the pane shows of a case, before scrolling.
func (p returnPane) lines(s Styles, c *courtCase, now time.Time, inner int) []string {
	lines := timelineLines(s, c, now, inner)
	lines = append(lines, "")
	if p.educator {
		lines = append(lines, educatorBanner(s, c, inner)...)
	}
	lines = append(lines, p.markedText(s, c, inner)...)
	return append(lines, hourChart(s, c.report.Inference.ByHourUTC)...)
}

// markedText is the return's text; with the overlay on, each returned row
// gets a mark in a gutter left of the text, outside the return itself.
func (p returnPane) markedText(s Styles, c *courtCase, inner int) []string {
	never := neverMessaged(c)
	out := make([]string, 0, len(c.text))
	for _, l := range c.text {
		l = sim.Printable(l)
		width, gutter := inner, ""
		if p.educator {
			width, gutter = inner-3, "   "
			if mark, ok := never[rowKey(l)]; ok {
				gutter = s.Warning.Render(mark) + " "
			}
		}
		for i, part := range wrapLong(l, width) {
			if i > 0 && p.educator {
				gutter = "   "
			}
			out = append(out, gutter+part)
		}
	}
	return out
}

// wrapLong keeps a line that fits and breaks one that does not, the
// continuation indented, so no part of the return is ever cut off.
func wrapLong(line string, width int) []string {
	if ansi.StringWidth(line) <= width || width <= 12 {
		return []string{line}
	}
	const indent = "      "
	parts := wrap(line, width)
	rest := strings.TrimSpace(strings.Join(parts[1:], " "))
	out := []string{parts[0]}
	for _, r := range wrap(rest, width-len(indent)) {
		out = append(out, indent+r)
	}
	return out
}

// neverMessaged maps a printed row to its overlay mark: ✗ when no message
// ever followed the lookup, ✓ when one did.
func neverMessaged(c *courtCase) map[string]string {
	marks := map[string]string{}
	for _, r := range c.report.Return.Rows() {
		cells := logview.Cells(r)
		mark := "✗ "
		if c.truths[r.ID].Messaged {
			mark = "✓ "
		}
		marks[cells[0]+"|"+cells[1]+"|"+cells[2]] = mark
	}
	return marks
}

// rowKey reads time, source and lookup handle back from a printed row.
func rowKey(line string) string {
	f := strings.Fields(line)
	if len(f) < 4 {
		return ""
	}
	return f[0] + " " + f[1] + "|" + f[2] + "|" + f[3]
}

func educatorBanner(s Styles, c *courtCase, inner int) []string {
	g := c.report.Truth
	text := fmt.Sprintf("EDUCATOR OVERLAY — simulator ground truth, NOT part of the return: %d of %d returned rows never led to a message (✗); ✓ = a message followed. alt+u hides this.",
		g.NeverMessaged, g.Returned)
	out := []string{s.Warning.Render(strings.Repeat("▚", inner))}
	for _, l := range wrap(text, inner) {
		out = append(out, s.Warning.Render(l))
	}
	return append(out, s.Warning.Render(strings.Repeat("▚", inner)), "")
}

// timelineLines draws Apple's retention window and the order's period as
// two bars on one time axis, with a marker at the simulated now.
func timelineLines(s Styles, c *courtCase, now time.Time, inner int) []string {
	const label = 14
	barW := max(inner-label-5, 10)
	kept := logview.Window{From: c.retention.Cutoff(now), To: now}
	lo := slices.MinFunc([]time.Time{kept.From, c.order.Period.From}, time.Time.Compare)
	hi := slices.MaxFunc([]time.Time{c.order.Period.To, now}, time.Time.Compare)
	col := func(t time.Time) int {
		return min(max(int(float64(barW-1)*t.Sub(lo).Seconds()/max(hi.Sub(lo).Seconds(), 1)), 0), barW-1)
	}
	bar := func(w logview.Window) string {
		a, b := col(w.From), col(w.To)
		return strings.Repeat("·", a) + strings.Repeat("█", max(b-a+1, 1)) + strings.Repeat("·", max(barW-b-1, 0))
	}
	stamp := "now " + now.UTC().Format("01-02 15:04")
	marker := strings.Repeat(" ", col(now)) + "▲ " + stamp
	if at := col(now); label+at+2+len(stamp) > inner && at > len(stamp) {
		// near the right edge the stamp goes left of the arrow, never cut off
		marker = strings.Repeat(" ", at-len(stamp)-1) + stamp + " ▲"
	}
	return []string{
		s.Bold.Render(fit("Timeline UTC", label)) + s.Faint.Render(fit(lo.UTC().Format("2006-01-02"), barW/2)+fmt.Sprintf("%*s", barW-barW/2, hi.UTC().Format("2006-01-02"))),
		fit("Apple keeps", label) + s.Tint(sim.Blue, "").Render(bar(kept)) + s.Faint.Render(fmt.Sprintf(" %dd", c.retention.Days())),
		fit("Order period", label) + s.Tint(sim.Green, "").Render(bar(c.order.Period)) + s.Faint.Render(fmt.Sprintf(" %dd", int(c.order.Period.To.Sub(c.order.Period.From).Hours()/24))),
		strings.Repeat(" ", label) + s.Accent.Render(marker),
	}
}

// hourChart draws the return's lookups by hour of day as bars: when a
// person is awake and using the phone shows without any message content.
func hourChart(s Styles, byHour [24]int) []string {
	top := 0
	for _, n := range byHour {
		top = max(top, n)
	}
	if top == 0 {
		return nil
	}
	steps := []rune("▁▂▃▄▅▆▇█")
	var bars strings.Builder
	for _, n := range byHour {
		if n == 0 {
			bars.WriteString("·  ")
			continue
		}
		bars.WriteString(string(steps[(n*len(steps)-1)/top]) + "  ")
	}
	return []string{
		"",
		s.Bold.Render("Lookups by hour of day (UTC)"),
		"  " + bars.String(),
		s.Faint.Render("  0        3        6        9        12       15       18       21"),
		s.Faint.Render("  tallest bar = " + plural(top, "lookup", "lookups")),
	}
}
