package overlay

import (
	"fmt"

	"bluegreen/sim"
	"bluegreen/tui/common"
)

// sourceGroup is one section of the Sources screen: the facts of one
// status, with a line saying what puts a fact there.
type sourceGroup struct {
	Status  sim.FactStatus
	Heading string
	Meaning string
}

// sourceGroups are the Sources screen's sections, firmest first.
func sourceGroups() []sourceGroup {
	return []sourceGroup{
		{sim.Confirmed, "Confirmed", "From a law, a court decision, Apple's own documents or a published study."},
		{sim.Reported, "Reported, unconfirmed", "From press reports of the leaked police document, what Apple told journalists, or open-source clients of Apple's service."},
		{sim.Assumption, "Simulator assumption", "A choice bluegreen makes where no source settles it, or something it invents."},
	}
}

// SourcesScreen is the Sources screen as lines, each exactly width cells:
// every fact of sim.Facts grouped by status (Confirmed, Reported,
// unconfirmed, Simulator assumption), each with its source. It returns
// lines rather than a model because the screen is a plain scrollable list:
// the caller keeps the offset and shows lines[offset:offset+height], the
// way the wire pane scrolls, and rebuilds the lines only when the width or
// the theme changes. Colour never carries the grouping: headings are
// words, and each fact's source line says "source:".
func SourcesScreen(width int, s common.Styles) []string {
	if width <= 0 {
		return nil
	}
	facts := sim.Facts()
	var lines []string
	add := func(st interface{ Render(...string) string }, text, first, rest string) {
		for i, l := range common.Wrap(text, max(width-len(rest), 1)) {
			prefix := rest
			if i == 0 {
				prefix = first
			}
			lines = append(lines, common.Fit(st.Render(prefix+l), width))
		}
	}
	add(s.Bold, "Sources — every claim bluegreen makes, where it comes from, and how sure it is.", "", "")
	add(s.Faint, "Claims are in bluegreen's own words; the people, numbers and IP addresses in the app are fictional.", "", "")
	for _, g := range sourceGroups() {
		var group []sim.Fact
		for _, f := range facts {
			if f.Status == g.Status {
				group = append(group, f)
			}
		}
		lines = append(lines, common.Fit("", width))
		add(s.Accent, fmt.Sprintf("%s (%d)", g.Heading, len(group)), "", "")
		add(s.Faint, g.Meaning, "", "")
		for _, f := range group {
			lines = append(lines, common.Fit("", width))
			add(s.Text, f.Claim, "• ", "  ")
			add(s.Source, "source: "+f.Source, "  ", "  ")
		}
	}
	return lines
}
