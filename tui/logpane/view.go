package logpane

import (
	"fmt"
	"strings"

	"bluegreen/sim"
	"bluegreen/tui/common"

	"github.com/charmbracelet/x/ansi"
)

// View draws the pane at its size.
func (p Model) View() string {
	s, w, h, focused := p.com.Styles, p.width, p.height, p.focused
	lines := append([]string(nil), p.heading...)
	if p.err != nil {
		lines = append(lines, s.Warning.Render("cannot read the log: "+sim.Printable(p.err.Error())))
	}
	lead := strings.Repeat(" ", markerWidth)
	lines = append(lines, s.Bold.Render(p.headerWithFocus()))
	for i := p.first; i < p.first+p.shown && i < len(p.rows); i++ {
		r := p.rows[i]
		for j, line := range p.table.Rows[i] {
			switch {
			case r.ID > p.landed:
				marker := "▶ "
				if j > 0 {
					marker = lead
				}
				line = s.Rows.Highlight.Apply(marker + line)
			case r.LookupDevices > 0:
				line = s.Rows.Text.Apply(lead + line)
			default:
				line = s.Rows.Faint.Apply(lead + line)
			}
			lines = append(lines, line)
		}
	}
	switch {
	case p.total == 0 && p.counting:
	case p.total == 0 && p.filter.Active():
		lines = append(lines, s.Faint.Render("(no row matches the filter — esc clears it)"))
	case p.total == 0:
		lines = append(lines, s.Faint.Render("(empty — type a number in the To: field)"))
	}
	title := p.title
	if title == "" {
		title = "Apple's server log — every account"
	}
	return s.Frame(title, lines, w, h, focused)
}

// headerWithFocus marks the column in focus with brackets (not colour alone).
func (p Model) headerWithFocus() string {
	t := p.table
	header := strings.Repeat(" ", markerWidth) + t.Header
	if !p.focused || p.column < 0 || p.column >= len(t.Columns) {
		return header
	}
	start, name := t.Starts[p.column]+markerWidth, t.Columns[p.column]
	cut := ansi.Cut(header, 0, start-1)
	rest := ansi.Cut(header, start+ansi.StringWidth(name)+1, ansi.StringWidth(header))
	return common.Fit(cut+"["+name+"]"+rest, ansi.StringWidth(header))
}

// headingLines are the lines above the table: the filter field while it
// is open, the filter in force, and the counts.
func (p Model) headingLines() []string {
	s, width := p.com.Styles, max(p.width-2, 1)
	var lines []string
	if p.edit.on {
		lines = append(lines, p.filterLines(width)...)
	} else if p.filter.Active() {
		lines = append(lines, common.StyleAll(s.Accent, common.Wrap("filter: "+p.filter.String()+" · / changes it · esc clears", width))...)
	}
	return append(lines, common.StyleAll(s.Faint, common.Wrap(p.header(), width))...)
}

func (p Model) header() string {
	pos := ""
	if p.total > p.shown && p.shown > 0 {
		pos = fmt.Sprintf(" · rows %d–%d", p.offset+p.first+1, p.offset+p.first+p.shown)
	}
	if len(p.NewRows()) > 0 {
		pos += " · ▶ new since your last action"
	}
	switch {
	case p.counting:
		return "counting Apple's log…"
	case p.filter.Active():
		return fmt.Sprintf("%s match%s", sim.Plural(p.total, "row", "rows"), pos)
	case p.com.Snap.Design != "" && p.com.Snap.Design != sim.DesignApple:
		return fmt.Sprintf("%s · design: %s (comparison) · kept %s (%s)%s",
			sim.Plural(p.total, "row", "rows"), p.com.Snap.Design, p.retention.Phrase(), p.retention.Name, pos)
	}
	return fmt.Sprintf("%s · %s looked up · kept %s (%s)%s · not proof of any communication",
		sim.Plural(p.total, "row", "rows"), sim.Plural(p.distinct, "handle", "handles"), p.retention.Phrase(), p.retention.Name, pos)
}
