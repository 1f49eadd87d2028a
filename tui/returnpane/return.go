package returnpane

import (
	"fmt"
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// View draws the pane at its size from the lines laid out beforehand.
func (p Model) View() string {
	s, c := p.com.Styles, p.c
	title := "Return — as police receive it"
	if c != nil {
		target := c.Order.Target.Address()
		if c.Subject != "" {
			target = sim.Printable(c.Subject) + " (" + target + ")"
		}
		title = fmt.Sprintf("Return — %s on %s — production %d", c.Order.Kind.Title(), target, len(c.Productions))
	}
	return s.Frame(title, p.scroll.Visible(), p.width, p.height, p.focused)
}

// layOut builds everything the pane shows at its width: the timeline, the
// educator banner, the marked text and the hour chart. It runs when the
// case, the width, the overlay or the theme changes — never per frame.
func (p *Model) layOut() {
	s, c, inner := p.com.Styles, p.c, p.width-2
	if c == nil {
		p.body = append([]string{s.Bold.Render("No court order yet.")},
			common.StyleAll(s.Faint, common.Wrap("Press alt+o (or F12) to serve one. A pen register on you collects, from the day it is entered, the lookups your phone makes that reach Apple (answers from the phone's cache send nothing), as long as Apple still retains them when it produces; a stored-records order reaches back over what Apple still holds. alt+v switches between Apple's server log and the return.", inner))...)
		p.timeline = nil
		p.join()
		return
	}
	body := []string{""}
	if p.educator {
		body = append(body, educatorBanner(s, c, inner, p.com.Keys.Educator)...)
	}
	body = append(body, p.markedText(s, c, inner)...)
	p.body = append(body, hourChart(s, c.Report.Inference.ByHourUTC)...)
	p.layOutTimeline()
}

// layOutTimeline draws the timeline for the simulated now.
func (p *Model) layOutTimeline() {
	if p.c != nil {
		p.timeline = TimelineLines(p.com.Styles, p.c, p.now, p.width-2)
	}
	p.join()
}

// join puts the timeline above the body and gives them to the viewport,
// keeping the scroll within them.
func (p *Model) join() {
	p.scroll.SetLines(append(append(make([]string, 0, len(p.timeline)+len(p.body)), p.timeline...), p.body...))
}

// markedText is the return's text with each production's table laid out
// afresh at the pane's width (handles never cut, never wrapped mid-row);
// with the overlay on, each returned row gets a mark in a gutter left of
// the text, outside the return itself, and a who column from the phone's
// contacts (police have no such column).
func (p Model) markedText(s common.Styles, c *Case, inner int) []string {
	width, gutter := inner, ""
	if p.educator {
		width, gutter = inner-3, "   "
	}
	tables := productionTables(c)
	out := make([]string, 0, len(c.Text))
	for i := 0; i < len(c.Text); i++ {
		l := sim.Printable(c.Text[i])
		if len(tables) > 0 && isTableHeader(l) {
			rows := tables[0]
			tables = tables[1:]
			out = append(out, p.tableLines(s, c, rows, width, gutter)...)
			i += len(rows)
			continue
		}
		for _, part := range wrapLong(l, width) {
			out = append(out, gutter+part)
		}
	}
	return out
}

// tableIndent is how far the printed return indents its tables.
const tableIndent = "   "

// isTableHeader reports whether a printed line heads a production's table.
func isTableHeader(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " "), logview.Columns()[0])
}

// productionTables are the rows of each production that prints a table, in order.
func productionTables(c *Case) [][]sim.LogEntry {
	var out [][]sim.LogEntry
	for _, prod := range c.Productions {
		if len(prod.Rows) > 0 {
			out = append(out, prod.Rows)
		}
	}
	return out
}

// tableLines lays one production's rows out at width, marking each row
// when the educator overlay is on.
func (p Model) tableLines(s common.Styles, c *Case, rows []sim.LogEntry, width int, gutter string) []string {
	t := common.LayoutLogTable(rows, max(width-len(tableIndent), 1), common.WhoOf(p.com.Snap), p.educator)
	out := []string{gutter + tableIndent + t.Header}
	for i, r := range rows {
		mark := gutter
		if p.educator {
			mark = s.Warning.Render("✗") + "  "
			if c.Truths[r.ID].Messaged {
				mark = s.Warning.Render("✓") + "  "
			}
		}
		for j, line := range t.Rows[i] {
			if j > 0 {
				mark = gutter
			}
			out = append(out, mark+tableIndent+line)
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
	parts := common.Wrap(line, width)
	rest := strings.TrimSpace(strings.Join(parts[1:], " "))
	out := []string{parts[0]}
	for _, r := range common.Wrap(rest, width-len(indent)) {
		out = append(out, indent+r)
	}
	return out
}

// educatorBanner heads the overlay, naming the key that hides it when the
// screen has one (a student shown the return has not).
func educatorBanner(s common.Styles, c *Case, inner int, hide key.Binding) []string {
	g := c.Report.Truth
	text := fmt.Sprintf("EDUCATOR OVERLAY — simulator ground truth, NOT part of the return: %d of %d returned rows never led to a message (✗); ✓ = a message followed.",
		g.NeverMessaged, g.Returned)
	if hide.Enabled() {
		text += " " + hide.Help().Key + " hides this."
	}
	out := []string{s.Warning.Render(strings.Repeat("▚", inner))}
	for _, l := range common.Wrap(text, inner) {
		out = append(out, s.Warning.Render(l))
	}
	return append(out, s.Warning.Render(strings.Repeat("▚", inner)), "")
}

// TimelineLines draws the two clocks the lesson keeps apart on one time
// axis — what Apple still retains now, and the order's period going
// forward (with its extensions) — then each production as a numbered mark
// over the span it could reach, the gaps no production reached, the
// simulated now, and a legend. Glyphs, not colours, tell the rows apart.
func TimelineLines(s common.Styles, c *Case, now time.Time, inner int) []string {
	const label = 14
	tl := c.Report.Return.Timeline(now)
	barW := max(inner-label-6, 10)
	span := max(tl.To.Sub(tl.From).Seconds(), 1)
	col := func(t time.Time) int {
		return min(max(int(float64(barW-1)*t.Sub(tl.From).Seconds()/span), 0), barW-1)
	}
	row := func() []rune { return []rune(strings.Repeat("·", barW)) }
	paint := func(r []rune, w logview.Window, glyph rune) {
		if w.Empty() {
			return
		}
		for x := col(w.From); x <= col(w.To); x++ {
			r[x] = glyph
		}
	}
	kept := row()
	paint(kept, tl.Kept, '█')
	order := row()
	orderNote := ""
	if c.Order.Kind.Forward() {
		paint(order, tl.Period, '▓')
		for _, rn := range tl.Renewals {
			paint(order, rn, '▒')
		}
		orderNote = fmt.Sprintf(" %dd", int(c.Order.Authorised().To.Sub(c.Order.Authorised().From).Hours()/24))
	} else {
		order[col(tl.Entered)] = '▼'
		orderNote = " entered"
	}
	marks := row()
	for _, m := range tl.Marks {
		paint(marks, m.Reached, '─')
	}
	for i, m := range tl.Marks {
		marks[col(m.At)] = markGlyph(i)
	}
	gaps := row()
	for _, g := range tl.Gaps {
		paint(gaps, g, '░')
	}
	stamp := "now " + now.UTC().Format("01-02 15:04")
	marker := strings.Repeat(" ", col(now)) + "▲ " + stamp
	if at := col(now); label+at+2+len(stamp) > inner && at > len(stamp) {
		// near the right edge the stamp goes left of the arrow, never cut off
		marker = strings.Repeat(" ", at-len(stamp)-1) + stamp + " ▲"
	}
	orderLabel := "Order period"
	if !c.Order.Kind.Forward() {
		orderLabel = "Order (§2703)"
	}
	gapNote := " none"
	if len(tl.Gaps) > 0 {
		gapNote = " " + sim.Plural(len(tl.Gaps), "gap", "gaps")
	}
	lines := []string{
		s.Bold.Render(common.Fit("Timeline UTC", label)) + s.Faint.Render(common.Fit(tl.From.UTC().Format("2006-01-02"), barW/2)+fmt.Sprintf("%*s", barW-barW/2, tl.To.UTC().Format("2006-01-02"))),
		common.Fit("Apple keeps", label) + s.Tint(sim.Blue, "").Render(string(kept)) + s.Faint.Render(fmt.Sprintf(" %dd", c.Retention.Days())),
		common.Fit(orderLabel, label) + s.Tint(sim.Green, "").Render(string(order)) + s.Faint.Render(orderNote),
		common.Fit("Productions", label) + string(marks) + s.Faint.Render(" "+fmt.Sprint(len(tl.Marks))),
		common.Fit("Gaps", label) + s.Warning.Render(string(gaps)) + s.Faint.Render(gapNote),
		strings.Repeat(" ", label) + s.Accent.Render(marker),
	}
	legend := "█ what Apple retains now · ▓ the order's period from its entry · ▒ an extension · 1 2 3 productions, ─ what each could reach · ░ rows that expired between productions, never produced"
	if !c.Order.Kind.Forward() {
		legend = "█ what Apple retains now · ▼ the order's entry · 1 2 3 productions, ─ what each could reach (back over retention) · ░ rows that expired between productions, never produced"
	}
	return append(lines, common.StyleAll(s.Faint, common.Wrap(legend, inner))...)
}

// markGlyph is production i's mark: its number, 1 to 9, then +.
func markGlyph(i int) rune {
	if i < 9 {
		return rune('1' + i)
	}
	return '+'
}

// hourChart draws the return's lookups by hour of day as bars: when a
// person is awake and using the phone shows without any message content.
func hourChart(s common.Styles, byHour [24]int) []string {
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
		s.Faint.Render("  tallest bar = " + sim.Plural(top, "lookup", "lookups")),
	}
}
