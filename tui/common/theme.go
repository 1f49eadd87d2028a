package common

import (
	"fmt"
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// Theme names the colour roles of the screen. A nil colour means "no
// colour": the none theme leaves every role nil and relies on words,
// glyphs, bold and underline alone. Every pair a theme draws text in is
// measured against WCAG's contrast minimums, at truecolour, 256 and 16
// colours (contrast_test.go): change a value and that test says whether
// the room can still read it.
type Theme struct {
	Name      string
	Text      color.Color // body text
	Faint     color.Color // secondary text: hints, placeholders, help
	Border    color.Color // pane borders
	Focus     color.Color // the focused pane's border and title
	Accent    color.Color // headings, keys in help
	Highlight color.Color // background of the newest log row
	IMessage  Swatch      // blue bubbles
	SMS       Swatch      // green bubbles (SMS, MMS)
	RCS       Swatch      // green bubbles labelled RCS
	Failure   Swatch      // red: Not Delivered, iMessage can't be used
	Pending   Swatch      // waiting for Apple
}

// Swatch is one kind of bubble's colours: its fill, the text drawn on the
// fill, and the colour that stands for it in text on the terminal's own
// background (labels under bubbles, warnings, the return's bars). A fill
// dark enough for white text is too dark to read as text on a dark
// screen, so the two are kept apart.
type Swatch struct {
	Fill, OnFill, Text color.Color
}

// ThemeNames lists the themes --theme accepts ("auto" picks dark or light
// from the terminal's background).
func ThemeNames() []string {
	return []string{"auto", "dark", "light", "high-contrast", "colour-blind", "none"}
}

// ThemeByName returns a theme; darkBackground chooses for "auto".
func ThemeByName(name string, darkBackground bool) (Theme, error) {
	switch strings.ToLower(name) {
	case "", "auto":
		if darkBackground {
			return darkTheme(), nil
		}
		return lightTheme(), nil
	case "dark":
		return darkTheme(), nil
	case "light":
		return lightTheme(), nil
	case "high-contrast", "projector":
		return highContrastTheme(), nil
	case "colour-blind", "color-blind", "colourblind", "colorblind":
		return colourBlindTheme(), nil
	case "none", "no-color", "no-colour":
		return Theme{Name: "none"}, nil
	}
	return Theme{}, fmt.Errorf("unknown theme %q: use %s", name, strings.Join(ThemeNames(), ", "))
}

// NextTheme cycles through the named themes (for the switch-theme key).
func NextTheme(current Theme, darkBackground bool) Theme {
	names := ThemeNames()[1:]
	for i, n := range names {
		if n == current.Name {
			t, _ := ThemeByName(names[(i+1)%len(names)], darkBackground)
			return t
		}
	}
	t, _ := ThemeByName(names[0], darkBackground)
	return t
}

// The colour values below are chosen so that the 256- and 16-colour
// terminals a classroom may have (lipgloss rounds truecolour to the
// nearest xterm colour, then to one of 16) land on readable colours too:
// at 16 colours every light blue becomes bright blue, unreadable on black,
// so the blues that are read as text lean towards cyan, and the greens
// read as text lean towards yellow to stay apart from them for viewers
// who cannot tell blue from green (tritanopes).

func darkTheme() Theme {
	t := Theme{
		Name: "dark", Text: lipgloss.Color("#E6E6E6"), Faint: lipgloss.Color("#8A8A8A"),
		Border: lipgloss.Color("#767676"), Focus: lipgloss.Color("#7CC4E8"), Accent: lipgloss.Color("#E0C860"),
		Highlight: lipgloss.Color("#1C2E5A"),
	}
	t.bubbles("#6CCFE0", "#8CD21E", "#B4D232", "#FF6B60", "#8A8A8A")
	return t
}

func lightTheme() Theme {
	t := Theme{
		Name: "light", Text: lipgloss.Color("#1C1C1C"), Faint: lipgloss.Color("#5F5F87"),
		Border: lipgloss.Color("#767676"), Focus: lipgloss.Color("#005FD7"), Accent: lipgloss.Color("#875F00"),
		Highlight: lipgloss.Color("#FFFFAF"),
	}
	t.bubbles("#005FD7", "#1A6B20", "#0F6A5A", "#B8141E", "#5F5F87")
	return t
}

// bubbles gives the dark and light themes their one set of bubbles — the
// same fills with white text on each, so a bubble looks alike on either
// background — and the colour each kind is written in on t's background
// (iMessage, SMS, RCS, failure, pending).
func (t *Theme) bubbles(imessage, sms, rcs, failure, pending string) {
	white := lipgloss.Color("#FFFFFF")
	swatch := func(fill, text string) Swatch {
		return Swatch{Fill: lipgloss.Color(fill), OnFill: white, Text: lipgloss.Color(text)}
	}
	t.IMessage, t.SMS, t.RCS = swatch("#0A60D6", imessage), swatch("#10852F", sms), swatch("#0E6E5C", rcs)
	t.Failure, t.Pending = swatch("#C0262D", failure), swatch("#3A3A3A", pending)
}

// highContrastTheme is for projectors: the 16 basic colours, which every
// terminal has, at 7:1 or more. At 16 colours no red and no blue text
// reaches 7:1 on black, so blue reads as bright cyan and warnings as
// bright yellow (each still carries its glyph and word).
func highContrastTheme() Theme {
	return Theme{
		Name: "high-contrast", Text: lipgloss.BrightWhite, Faint: lipgloss.White,
		Border: lipgloss.White, Focus: lipgloss.BrightWhite, Accent: lipgloss.BrightYellow,
		Highlight: lipgloss.Blue,
		IMessage:  Swatch{Fill: lipgloss.BrightBlue, OnFill: lipgloss.BrightWhite, Text: lipgloss.BrightCyan},
		SMS:       Swatch{Fill: lipgloss.BrightGreen, OnFill: lipgloss.Black, Text: lipgloss.BrightGreen},
		RCS:       Swatch{Fill: lipgloss.BrightCyan, OnFill: lipgloss.Black, Text: lipgloss.BrightGreen},
		Failure:   Swatch{Fill: lipgloss.Red, OnFill: lipgloss.BrightWhite, Text: lipgloss.BrightYellow},
		Pending:   Swatch{Fill: lipgloss.White, OnFill: lipgloss.Black, Text: lipgloss.White},
	}
}

// colourBlindTheme uses the Okabe–Ito palette: blue and orange stay apart
// for every common kind of colour blindness (labels still carry meaning).
func colourBlindTheme() Theme {
	black := lipgloss.Color("#000000")
	return Theme{
		Name: "colour-blind", Text: lipgloss.Color("#E6E6E6"), Faint: lipgloss.Color("#999999"),
		Border: lipgloss.Color("#767676"), Focus: lipgloss.Color("#5AC8E6"), Accent: lipgloss.Color("#F0E442"),
		Highlight: lipgloss.Color("#3A3A3A"),
		IMessage:  Swatch{Fill: lipgloss.Color("#0072B2"), OnFill: lipgloss.Color("#FFFFFF"), Text: lipgloss.Color("#5AC8E6")},
		SMS:       Swatch{Fill: lipgloss.Color("#E69F00"), OnFill: black, Text: lipgloss.Color("#E69F00")},
		RCS:       Swatch{Fill: lipgloss.Color("#CC79A7"), OnFill: black, Text: lipgloss.Color("#CC79A7")},
		Failure:   Swatch{Fill: lipgloss.Color("#D55E00"), OnFill: black, Text: lipgloss.Color("#F07030")},
		Pending:   Swatch{Fill: lipgloss.Color("#999999"), OnFill: black, Text: lipgloss.Color("#999999")},
	}
}
