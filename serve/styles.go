package serve

import (
	"bluegreen/tui/common"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// styles are the classroom screens' styles, every one taken from the one
// common.Styles a theme builds, so the console and the join and shown
// screens read as the app does on the same projector. They also carry
// words and glyphs, so nothing depends on colour alone.
type styles struct {
	com                                               common.Styles
	title, faint, warn, focus, selected, header, good lipgloss.Style
}

// newStyles builds the classroom's styles from theme t.
func newStyles(t common.Theme) styles {
	s := common.NewStyles(t)
	return styles{
		com:      s,
		title:    s.Bold,
		faint:    s.Faint,
		warn:     s.Warning,
		focus:    s.TabActive,
		selected: s.Highlight.Reverse(t.Highlight == nil), // a theme without colours marks the row by reverse video
		header:   s.Accent.Underline(true),
		good:     s.Bold,
	}
}

// themeFor is the theme a name gives ("" or "auto": dark, which the console
// corrects once the terminal says its background is light); a name
// themeErr refuses gives the dark theme.
func themeFor(name string) common.Theme {
	t, err := common.ThemeByName(name, true)
	if err != nil {
		t, _ = common.ThemeByName("dark", true)
	}
	return t
}

// themeErr says why a theme's name is not one.
func themeErr(name string) error {
	_, err := common.ThemeByName(name, true)
	return err
}

// helpStyles are a key bar's styles in the theme.
func (s styles) helpStyles() help.Styles {
	c := s.com
	return help.Styles{
		ShortKey: c.HelpKey, ShortDesc: c.HelpDesc, ShortSeparator: c.Faint,
		FullKey: c.HelpKey, FullDesc: c.HelpDesc, FullSeparator: c.Faint, Ellipsis: c.Faint,
	}
}

// inputStyles are a text field's styles in the theme: bubbles' defaults
// are fixed greys that a light or dark projector cannot both read. The
// cursor is a steady block in the text's colour.
func (s styles) inputStyles() textinput.Styles {
	c := s.com
	focused := textinput.StyleState{Text: c.Text, Placeholder: c.Faint, Suggestion: c.Faint, Prompt: c.Bold}
	blurred := focused
	blurred.Prompt = c.Text
	return textinput.Styles{Focused: focused, Blurred: blurred, Cursor: textinput.CursorStyle{Color: c.Theme.Text, Shape: tea.CursorBlock}}
}
