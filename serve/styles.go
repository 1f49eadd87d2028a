package serve

import "charm.land/lipgloss/v2"

// styles are the classroom screens' styles. They rely on bold, faint and
// reverse, plus words and glyphs, so nothing depends on colour alone and a
// monochrome projector shows everything.
type styles struct {
	title, faint, warn, focus, selected, header, good lipgloss.Style
}

func newStyles() styles {
	return styles{
		title:    lipgloss.NewStyle().Bold(true),
		faint:    lipgloss.NewStyle().Faint(true),
		warn:     lipgloss.NewStyle().Bold(true),
		focus:    lipgloss.NewStyle().Bold(true).Underline(true),
		selected: lipgloss.NewStyle().Reverse(true),
		header:   lipgloss.NewStyle().Bold(true).Underline(true),
		good:     lipgloss.NewStyle().Bold(true),
	}
}
