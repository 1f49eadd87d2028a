package common

import (
	"image/color"
	"strings"

	"bluegreen/sim"

	"charm.land/lipgloss/v2"
)

// Styles are every style the screen uses, built once from a Theme.
type Styles struct {
	Theme       Theme
	Text        lipgloss.Style
	Faint       lipgloss.Style
	Bold        lipgloss.Style
	Accent      lipgloss.Style
	Title       lipgloss.Style // a pane's title
	TitleFocus  lipgloss.Style
	Pane        lipgloss.Style // a pane's border
	PaneFocus   lipgloss.Style
	Highlight   lipgloss.Style // the newest log row
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	Caption     lipgloss.Style
	Source      lipgloss.Style // a source tag: the source named, as a reader could look it up
	HelpKey     lipgloss.Style
	HelpDesc    lipgloss.Style
	Warning     lipgloss.Style
	swatches    map[sim.Colour]Swatch
	Rows        RowPaints // one-line log rows, painted without lipgloss Render
	frames      framePaints
	Open        bool // presenter mode: panes without boxes, titles in large type
}

// framePaints are the escape codes of pane borders and titles, worked out
// once per theme rather than once per pane per frame.
type framePaints struct {
	edge, focusEdge, title, focusTitle Paint
}

// borderPaint is the colour a pane style gives its border.
func borderPaint(st lipgloss.Style) Paint {
	p := lipgloss.NewStyle()
	if c := st.GetBorderTopForeground(); c != nil {
		p = p.Foreground(c)
	}
	return paintOf(p)
}

// RowPaints colour one-line log rows by wrapping them in the escape codes a
// style would produce: a long log is many rows, and lipgloss's general
// Render (which measures, wraps and pads) is most of a frame's cost.
type RowPaints struct {
	Text, Faint, Highlight Paint
}

// Paint is the opening and closing escape codes of a style.
type Paint struct{ open, close string }

func paintOf(st lipgloss.Style) Paint {
	const mark = "\x00"
	open, close, ok := strings.Cut(st.Render(mark), mark)
	if !ok {
		return Paint{}
	}
	return Paint{open: open, close: close}
}

// Apply colours one line that has no escape codes of its own.
func (p Paint) Apply(line string) string { return p.open + line + p.close }

// NewStyles builds the styles of theme t.
func NewStyles(t Theme) Styles {
	base := lipgloss.NewStyle()
	fg := func(c color.Color) lipgloss.Style {
		if c == nil {
			return base
		}
		return base.Foreground(c)
	}
	border := func(c color.Color) lipgloss.Style {
		s := base.Border(lipgloss.RoundedBorder())
		if c != nil {
			s = s.BorderForeground(c)
		}
		return s
	}
	s := Styles{
		Theme:       t,
		Text:        fg(t.Text),
		Faint:       fg(t.Faint),
		Bold:        fg(t.Text).Bold(true),
		Accent:      fg(t.Accent).Bold(true),
		Title:       fg(t.Faint).Bold(true),
		TitleFocus:  fg(t.Focus).Bold(true).Underline(t.Focus == nil),
		Pane:        border(t.Border),
		PaneFocus:   border(t.Focus).BorderStyle(lipgloss.ThickBorder()),
		Highlight:   fg(t.Text).Bold(true),
		TabActive:   fg(t.Focus).Bold(true).Underline(true),
		TabInactive: fg(t.Faint),
		Caption:     fg(t.Text),
		Source:      fg(t.Faint).Italic(true),
		HelpKey:     fg(t.Accent).Bold(true),
		HelpDesc:    fg(t.Faint),
		Warning:     fg(t.Failure.Text).Bold(true),
		swatches: map[sim.Colour]Swatch{
			sim.Blue: t.IMessage, sim.Green: t.SMS, sim.Red: t.Failure, sim.Grey: t.Pending,
		},
	}
	if t.Highlight != nil {
		s.Highlight = s.Highlight.Background(t.Highlight)
	}
	s.Rows = RowPaints{Text: paintOf(s.Text), Faint: paintOf(s.Faint), Highlight: paintOf(s.Highlight)}
	s.frames = framePaints{edge: borderPaint(s.Pane), focusEdge: borderPaint(s.PaneFocus), title: paintOf(s.Title), focusTitle: paintOf(s.TitleFocus)}
	return s
}

// swatchOf is the theme's colours for a bubble, RCS having its own.
func (s Styles) swatchOf(c sim.Colour, label string) Swatch {
	if label == "RCS" && s.Theme.RCS.Fill != nil {
		return s.Theme.RCS
	}
	return s.swatches[c]
}

// Bubble styles a message bubble or lozenge of colour c.
func (s Styles) Bubble(c sim.Colour, label string) lipgloss.Style {
	st := lipgloss.NewStyle().Padding(0, 1)
	if sw := s.swatchOf(c, label); sw.Fill != nil {
		st = st.Background(sw.Fill)
		if sw.OnFill != nil {
			st = st.Foreground(sw.OnFill)
		}
		return st
	}
	return st.Bold(c != sim.Grey)
}

// Tint colours text with a bubble's colour (for labels and log devices).
func (s Styles) Tint(c sim.Colour, label string) lipgloss.Style {
	if col := s.swatchOf(c, label).Text; col != nil {
		return lipgloss.NewStyle().Foreground(col).Bold(true)
	}
	return lipgloss.NewStyle().Bold(true)
}

// Glyph is the shape that tells bubble kinds apart without colour.
func Glyph(c sim.Colour, label string) string {
	switch {
	case c == sim.Grey:
		return "…"
	case c == sim.Red:
		return "!"
	case c == sim.Blue:
		return "■"
	case label == "RCS":
		return "◆"
	default:
		return "□"
	}
}
