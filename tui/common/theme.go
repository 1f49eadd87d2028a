package common

import (
	"fmt"
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// Theme names the colour roles of the screen. A nil colour means "no
// colour": the none theme leaves every role nil and relies on words,
// glyphs, bold and underline alone.
type Theme struct {
	Name      string
	Text      color.Color // body text
	Faint     color.Color // secondary text
	Border    color.Color // pane borders
	Focus     color.Color // the focused pane's border and title
	Accent    color.Color // headings, keys in help
	Highlight color.Color // background of the newest log row
	IMessage  color.Color // blue bubbles
	SMS       color.Color // green bubbles (SMS, MMS)
	RCS       color.Color // green bubbles labelled RCS
	Failure   color.Color // red: Not Delivered, iMessage can't be used
	Pending   color.Color // waiting for Apple
	OnBubble  color.Color // text on a coloured bubble
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

func darkTheme() Theme {
	return Theme{
		Name: "dark", Text: lipgloss.Color("#E6E6E6"), Faint: lipgloss.Color("#8A8A8A"),
		Border: lipgloss.Color("#4E4E4E"), Focus: lipgloss.Color("#5FAFFF"), Accent: lipgloss.Color("#D7AF5F"),
		Highlight: lipgloss.Color("#3A3A00"), IMessage: lipgloss.Color("#0A84FF"), SMS: lipgloss.Color("#30D158"),
		RCS: lipgloss.Color("#32C28A"), Failure: lipgloss.Color("#FF453A"), Pending: lipgloss.Color("#8A8A8A"),
		OnBubble: lipgloss.Color("#FFFFFF"),
	}
}

func lightTheme() Theme {
	return Theme{
		Name: "light", Text: lipgloss.Color("#1C1C1C"), Faint: lipgloss.Color("#6C6C6C"),
		Border: lipgloss.Color("#B2B2B2"), Focus: lipgloss.Color("#005FD7"), Accent: lipgloss.Color("#875F00"),
		Highlight: lipgloss.Color("#FFF3B0"), IMessage: lipgloss.Color("#007AFF"), SMS: lipgloss.Color("#1E9E45"),
		RCS: lipgloss.Color("#178A6A"), Failure: lipgloss.Color("#D70015"), Pending: lipgloss.Color("#6C6C6C"),
		OnBubble: lipgloss.Color("#FFFFFF"),
	}
}

// highContrastTheme is for projectors: the 16 basic colours, which every
// projector and terminal renders at full strength.
func highContrastTheme() Theme {
	return Theme{
		Name: "high-contrast", Text: lipgloss.BrightWhite, Faint: lipgloss.White,
		Border: lipgloss.White, Focus: lipgloss.BrightYellow, Accent: lipgloss.BrightYellow,
		Highlight: lipgloss.Blue, IMessage: lipgloss.BrightBlue, SMS: lipgloss.BrightGreen,
		RCS: lipgloss.BrightCyan, Failure: lipgloss.BrightRed, Pending: lipgloss.White,
		OnBubble: lipgloss.Black,
	}
}

// colourBlindTheme uses the Okabe–Ito palette: blue and orange stay apart
// for every common kind of colour blindness (labels still carry meaning).
func colourBlindTheme() Theme {
	return Theme{
		Name: "colour-blind", Text: lipgloss.Color("#E6E6E6"), Faint: lipgloss.Color("#999999"),
		Border: lipgloss.Color("#555555"), Focus: lipgloss.Color("#56B4E9"), Accent: lipgloss.Color("#F0E442"),
		Highlight: lipgloss.Color("#3A3A3A"), IMessage: lipgloss.Color("#0072B2"), SMS: lipgloss.Color("#E69F00"),
		RCS: lipgloss.Color("#CC79A7"), Failure: lipgloss.Color("#D55E00"), Pending: lipgloss.Color("#999999"),
		OnBubble: lipgloss.Color("#000000"),
	}
}
