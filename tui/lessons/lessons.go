package lessons

import (
	"embed"
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
)

// The lesson cards are markdown files compiled into the binary, so a card
// opens without touching the disk or the network, and a teacher can read
// or review them as plain files in the repository.
//
//go:embed *.md
var lessonFiles embed.FS

// Topic names a lesson card; its value is the card's file name under
// tui/lessons/ without ".md".
type Topic string

// The lesson cards. Each log column has a card of its own so the card
// opened from the log pane speaks about the column in focus only.
const (
	TopicAbout               Topic = "about"                  // everything is simulated; the three kinds of claim
	TopicLookup              Topic = "lookup"                 // what the phone sends when you type a number, and to whom
	TopicColours             Topic = "colours"                // how Messages picks blue, green or red
	TopicColumnDateTime      Topic = "column-date-time"       // log column Date/Time
	TopicColumnSourceHandle  Topic = "column-source-handle"   // log column Source handle
	TopicColumnLookupHandle  Topic = "column-lookup-handle"   // log column Lookup handle
	TopicColumnClientIP      Topic = "column-client-ip"       // log column Client IP
	TopicColumnLookupDevices Topic = "column-lookup-devices"  // log column Lookup devices
	TopicCaching             Topic = "caching"                // why a repeat lookup sends nothing
	TopicRetention           Topic = "retention"              // Apple's retention vs the order's period
	TopicPenRegister         Topic = "pen-register"           // pen register vs trap and trace, the statute, Smith v. Maryland
	TopicCannotProve         Topic = "cannot-prove"           // what the log cannot prove
	TopicNotDelivered        Topic = "not-delivered"          // Not Delivered and Send as SMS
	TopicStaleRegistration   Topic = "stale-registration"     // blue, but it never arrives
	TopicDesignsThatLeakLess Topic = "designs-that-leak-less" // hashing, enclaves, PSI/PIR
	TopicDesignHashed        Topic = "design-hashed"          // comparison: truncated hashes, reversed
	TopicDesignPrivate       Topic = "design-private"         // comparison: OPRF discovery and its rate limit
	TopicDesignPrivateRelay  Topic = "design-private-relay"   // comparison: OPRF through a relay, two logs
	TopicDesignNoLog         Topic = "design-no-log"          // comparison: no log, but orders look forward
	TopicClassmatesLookups   Topic = "classmates-lookups"     // in a class: who looked you up, and who can see it
	TopicLookupGraph         Topic = "lookup-graph"           // in a class: what a graph of lookups reveals
)

// DesignTopic is the card for a comparison design; ok is false for Apple's.
func DesignTopic(d sim.Design) (t Topic, ok bool) {
	switch d {
	case sim.DesignHashed:
		return TopicDesignHashed, true
	case sim.DesignPrivate:
		return TopicDesignPrivate, true
	case sim.DesignPrivateRelay:
		return TopicDesignPrivateRelay, true
	case sim.DesignNoLog:
		return TopicDesignNoLog, true
	}
	return "", false
}

// LessonTopics lists every card in reading order: a menu can show them as
// they come. It returns a fresh slice each call.
func LessonTopics() []Topic {
	return []Topic{
		TopicAbout, TopicLookup, TopicColours,
		TopicColumnDateTime, TopicColumnSourceHandle, TopicColumnLookupHandle, TopicColumnClientIP, TopicColumnLookupDevices,
		TopicCaching, TopicRetention, TopicPenRegister, TopicCannotProve,
		TopicNotDelivered, TopicStaleRegistration, TopicDesignsThatLeakLess,
		TopicDesignHashed, TopicDesignPrivate, TopicDesignPrivateRelay, TopicDesignNoLog,
		TopicClassmatesLookups, TopicLookupGraph,
	}
}

// ColumnTopic is the card for the log column at index column, counted in
// the order police receive them (Date/Time, Source handle, Lookup handle,
// Client IP, Lookup devices), so the log pane can open the card for the
// column in focus; ok is false outside 0–4.
func ColumnTopic(column int) (t Topic, ok bool) {
	columns := []Topic{TopicColumnDateTime, TopicColumnSourceHandle, TopicColumnLookupHandle, TopicColumnClientIP, TopicColumnLookupDevices}
	if column < 0 || column >= len(columns) {
		return "", false
	}
	return columns[column], true
}

// Title is the card's heading, plain text, for menus and pane titles; an
// unknown topic's title is its name.
func (t Topic) Title() string {
	md, err := lessonMarkdown(t)
	if err != nil {
		return string(t)
	}
	first, _, _ := strings.Cut(md, "\n")
	return strings.TrimSpace(strings.TrimPrefix(first, "# "))
}

// lessonMarkdown reads a known topic's card. Only listed topics are read,
// so a Topic built from user input cannot name another embedded file.
func lessonMarkdown(t Topic) (string, error) {
	known := false
	for _, k := range LessonTopics() {
		known = known || k == t
	}
	if !known {
		return "", fmt.Errorf("no lesson card %q", string(t))
	}
	b, err := lessonFiles.ReadFile(string(t) + ".md")
	if err != nil {
		return "", fmt.Errorf("lesson card %q: %w", string(t), err)
	}
	return string(b), nil
}

// minLessonWidth is the narrowest card worth rendering: glamour keeps a
// two-cell margin, and below this a word per line is all that fits.
const minLessonWidth = 20

// RenderLesson renders the card for t with glamour, word-wrapped so that
// no line is wider than width cells. The glamour style follows the theme:
// "light" for the light theme, "notty" (and no escape codes at all) for
// the none theme, "dark" for the others, which all draw on a dark
// background. The style is chosen here, never from the environment, so
// the same call always gives the same bytes. Leading and trailing blank
// lines and trailing padding are removed; the caller frames the result.
// It takes about a millisecond (BenchmarkRenderLesson), fast enough to
// call on a key press.
func RenderLesson(t Topic, width int, s common.Styles) (string, error) {
	md, err := lessonMarkdown(t)
	if err != nil {
		return "", err
	}
	if width < minLessonWidth {
		return "", fmt.Errorf("lesson card %q: %d columns is too narrow (at least %d)", string(t), width, minLessonWidth)
	}
	r, err := glamour.NewTermRenderer(glamour.WithStyles(glamourConfig(s.Theme)), glamour.WithWordWrap(width))
	if err != nil {
		return "", fmt.Errorf("lesson card %q: %w", string(t), err)
	}
	out, err := r.Render(unwrapMarkdown(md))
	if err != nil {
		return "", fmt.Errorf("lesson card %q: %w", string(t), err)
	}
	if s.Theme.Name == "none" {
		out = ansi.Strip(out) // notty draws none, but the promise must hold whatever glamour does
	}
	return tidyLines(out, width), nil
}

// glamourConfig is the standard glamour style for the theme's background,
// without the "## " markers glamour puts before headings: on a card they
// read as stray markdown.
func glamourConfig(t common.Theme) gansi.StyleConfig {
	var c gansi.StyleConfig
	switch t.Name {
	case "none":
		c = styles.NoTTYStyleConfig
	case "light":
		c = styles.LightStyleConfig
	default:
		c = styles.DarkStyleConfig
	}
	for _, h := range []*gansi.StyleBlock{&c.H2, &c.H3, &c.H4, &c.H5, &c.H6} {
		h.Prefix = ""
	}
	if t.Name != "none" {
		// glamour's own headings (yellow on violet, 4.4:1; blue 39, 2.4:1
		// at 16 colours) and inline code (red on grey, 2.3:1 in light) fall short of the contrast every theme keeps
		// (common's contrast test): headings take the theme's focus colour,
		// the title the blue bubble's fill and text; inline code (handles,
		// IPs) the accent colour on the card's own background.
		c.Heading.Color = glamourColour(t.Focus)
		c.H1.Color, c.H1.BackgroundColor = glamourColour(t.IMessage.OnFill), glamourColour(t.IMessage.Fill)
		c.Code.Color, c.Code.BackgroundColor = glamourColour(t.Accent), nil
	}
	if t.Name == "none" { // notty spells styles out in markdown: "# ", "**", "*"
		c.H1.Prefix = ""
		c.Strong.BlockPrefix, c.Strong.BlockSuffix = "", ""
		c.Emph.BlockPrefix, c.Emph.BlockSuffix = "", ""
	}
	return c
}

// glamourColour spells a theme colour as glamour reads one: an ANSI
// colour by its number (so a 16-colour theme stays in the terminal's own
// palette), any other as #RRGGBB.
func glamourColour(c color.Color) *string {
	if c == nil {
		return nil
	}
	var s string
	switch c := c.(type) {
	case ansi.BasicColor:
		s = strconv.Itoa(int(c))
	case ansi.IndexedColor:
		s = strconv.Itoa(int(c))
	default:
		r, g, b, _ := c.RGBA()
		s = fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
	}
	return &s
}

// unwrapMarkdown joins the hard-wrapped lines of each paragraph and list
// item into one. The cards are written wrapped at 76 columns to read well
// as files, but glamour keeps a list item's line breaks, which would leave
// ragged half-lines at every width but one.
func unwrapMarkdown(md string) string {
	var out []string
	inFence := false
	for _, line := range strings.Split(md, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inFence = !inFence
		}
		if !inFence && len(out) > 0 && continues(out[len(out)-1], trimmed) {
			out[len(out)-1] += " " + trimmed
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// continues reports whether line carries on the block of prev rather
// than starting a new one.
func continues(prev, line string) bool {
	p := strings.TrimSpace(prev)
	if p == "" || line == "" || strings.HasPrefix(p, "#") || strings.HasPrefix(p, "```") {
		return false
	}
	for _, start := range []string{"- ", "* ", "#", "```", ">", "|"} {
		if strings.HasPrefix(line, start) {
			return false
		}
	}
	return !startsNumberedItem(line)
}

// startsNumberedItem reports whether line begins "1. ", "12. " and so on.
func startsNumberedItem(line string) bool {
	digits := len(line) - len(strings.TrimLeft(line, "0123456789"))
	return digits > 0 && strings.HasPrefix(line[digits:], ". ")
}

// tidyLines drops the blank lines glamour puts around a document, trims
// each line's trailing padding and hard-wraps any line still wider than
// width (a long unbroken token), so the size promise always holds.
func tidyLines(out string, width int) string {
	lines := strings.Split(out, "\n")
	var kept []string
	for _, line := range lines {
		line = trimPadding(line)
		if ansi.StringWidth(line) > width {
			kept = append(kept, strings.Split(ansi.Hardwrap(line, width, true), "\n")...)
			continue
		}
		kept = append(kept, line)
	}
	for len(kept) > 0 && kept[0] == "" {
		kept = kept[1:]
	}
	for len(kept) > 0 && kept[len(kept)-1] == "" {
		kept = kept[:len(kept)-1]
	}
	return strings.Join(kept, "\n")
}

// trimPadding removes the spaces glamour pads a line with, and the escape
// codes wrapped around them, while keeping spaces drawn on a background
// colour (a heading's badge, inline code), which are part of the picture.
// A line that used escape codes ends with a reset so nothing leaks into
// what the caller draws next. x/ansi reads the sequences and their colours.
func trimPadding(line string) string {
	p := ansi.GetParser()
	defer ansi.PutParser(p)
	var state byte
	keep, styled, background := 0, false, false
	for i := 0; i < len(line); {
		seq, width, n, next := ansi.DecodeSequence(line[i:], state, p)
		state = next
		if n <= 0 {
			n = 1
		}
		switch {
		case width == 0 && ansi.HasCsiPrefix(seq):
			styled = true
			if ansi.Cmd(p.Command()).Final() == 'm' {
				background = setsBackground(p.Params(), background)
			}
		case seq != " " || background:
			keep = i + n
		}
		i += n
	}
	if !styled {
		return line[:keep]
	}
	if keep == 0 {
		return ""
	}
	return line[:keep] + "\x1b[m"
}

// setsBackground reports whether a background colour is set after an SGR
// sequence with params, given whether one was set before it.
func setsBackground(params ansi.Params, before bool) bool {
	if len(params) == 0 {
		return false // ESC [ m resets everything
	}
	bg := before
	for i := 0; i < len(params); i++ {
		switch p := params[i].Param(0); {
		case p == 0 || p == 49:
			bg = false
		case p == 38 || p == 48 || p == 58:
			var c color.Color
			i += max(ansi.ReadStyleColor(params[i:], &c)-1, 0)
			bg = bg || p == 48
		case p >= 40 && p <= 47, p >= 100 && p <= 107:
			bg = true
		}
	}
	return bg
}
