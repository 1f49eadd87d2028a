package tuitest

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"unicode"

	"bluegreen/tui/common"

	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// This file measures contrast the way a reader meets it: from the escape
// codes a screen is drawn with, cell by cell, as a terminal of a given
// colour profile shows them. A pair is a foreground and a background that
// some visible character is actually drawn in, so a style nobody draws is
// not counted and a pair somebody draws cannot be missed.

// Minimum contrast ratios (WCAG 2.1): text 4.5:1 (AA, SC 1.4.3) and 7:1 for
// the high-contrast theme (AAA, SC 1.4.6); pane borders and rules, which are
// not text, 3:1 (SC 1.4.11), 4.5:1 in high contrast.
const (
	MinText             = 4.5
	MinTextHighContrast = 7.0
	MinLine             = 3.0
	MinLineHighContrast = 4.5
)

// Profiles are the colour profiles a screen is measured at: what a terminal
// shows depends on how many colours it has, and lipgloss's truecolour is
// rounded to the nearest of 256 or of 16.
var Profiles = []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.ANSI}

// Backdrop is a terminal's own colours: what a cell with no colour of
// ours is drawn in.
type Backdrop struct {
	Name   string
	Fg, Bg color.Color
}

// Backdrops are the terminal colours a theme is meant for at profile p.
// With 256 colours or more, the darkest and lightest plausible: a dark
// theme on black and on the dark grey of common editor themes, the light
// theme on white and on a light grey. A 16-colour terminal draws its own
// palette, here the one x/ansi converts to (black 0, white 15), so its
// background is that palette's black or white.
func Backdrops(theme string, p colorprofile.Profile) []Backdrop {
	light := theme == "light"
	switch {
	case light && p == colorprofile.ANSI:
		return []Backdrop{{"white terminal", rgb(0x00, 0x00, 0x00), rgb(0xFF, 0xFF, 0xFF)}}
	case light:
		return []Backdrop{
			{"white terminal", rgb(0x33, 0x33, 0x33), rgb(0xFF, 0xFF, 0xFF)},
			{"light grey terminal", rgb(0x00, 0x00, 0x00), rgb(0xEE, 0xEE, 0xEE)},
		}
	case p == colorprofile.ANSI:
		return []Backdrop{{"black terminal", rgb(0xC0, 0xC0, 0xC0), rgb(0x00, 0x00, 0x00)}}
	}
	return []Backdrop{
		{"black terminal", rgb(0xC0, 0xC0, 0xC0), rgb(0x00, 0x00, 0x00)},
		{"dark grey terminal", rgb(0xFF, 0xFF, 0xFF), rgb(0x1C, 0x1C, 0x1C)},
	}
}

func rgb(r, g, b uint8) color.Color { return color.RGBA{R: r, G: g, B: b, A: 0xFF} }

// Pair is one foreground on one background, as drawn, with a sample of the
// text drawn in it.
type Pair struct {
	Fg, Bg     color.Color // as the terminal shows them (after the profile)
	SetFg      color.Color // as the screen asked for them (nil: the terminal's own)
	SetBg      color.Color
	Line       bool // box-drawing and rules, not text
	Sample     string
	Ratio      float64
	Backdrop   string
	Profile    colorprofile.Profile
	SampleLine string
}

// String describes the pair so a failure says where to look.
func (p Pair) String() string {
	kind := "text"
	if p.Line {
		kind = "line"
	}
	return fmt.Sprintf("%.2f:1 %s %q: %s on %s (%s, %s)", p.Ratio, kind, p.Sample,
		describe(p.SetFg, p.Fg), describe(p.SetBg, p.Bg), p.Profile, p.Backdrop)
}

func describe(set, shown color.Color) string {
	if set == nil {
		return "terminal default " + hex(shown)
	}
	if hex(set) == hex(shown) {
		return hex(shown)
	}
	return fmt.Sprintf("%s shown as %s", colourName(set), hex(shown))
}

func colourName(c color.Color) string {
	switch c := c.(type) {
	case ansi.BasicColor:
		return fmt.Sprintf("ANSI %d", int(c))
	case ansi.IndexedColor:
		return fmt.Sprintf("colour %d", int(c))
	}
	return hex(c)
}

func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

// ScreenPairs lists the distinct colour pairs of the visible characters of
// screen, as a terminal of profile p with backdrop d shows them.
func ScreenPairs(screen string, p colorprofile.Profile, d Backdrop) []Pair {
	return pairsOf(styledRuns(screen), p, d)
}

// run is the text drawn in one pen (and as text or as lines), with the
// line of the screen it was first seen in.
type run struct {
	style      uv.Style
	line       bool
	sample     string
	sampleLine string
}

// styledRuns decodes screen once into its distinct pens, each with a
// sample of the text drawn in it: measuring is then per pen, not per cell.
func styledRuns(screen string) []run {
	seen := map[string]int{}
	var runs []run
	for _, line := range strings.Split(screen, "\n") {
		for _, c := range drawnCells(line) {
			isL := isLine(c.text)
			id := fmt.Sprintf("%v/%v/%d/%v", c.style.Fg, c.style.Bg, c.style.Attrs, isL)
			if i, ok := seen[id]; ok {
				if len([]rune(runs[i].sample)) < 24 {
					runs[i].sample += c.text
				}
				continue
			}
			seen[id] = len(runs)
			runs = append(runs, run{style: c.style, line: isL, sample: c.text, sampleLine: ansi.Strip(line)})
		}
	}
	return runs
}

// pairsOf is what each run looks like at profile p on backdrop d, one
// pair per distinct pair of colours shown.
func pairsOf(runs []run, p colorprofile.Profile, d Backdrop) []Pair {
	seen := map[string]bool{}
	var pairs []Pair
	for _, r := range runs {
		pair := shown(r.style, r.sample, p, d)
		pair.Line, pair.SampleLine = r.line, r.sampleLine
		id := fmt.Sprintf("%s/%s/%v", hex(pair.Fg), hex(pair.Bg), pair.Line)
		if !seen[id] {
			seen[id] = true
			pairs = append(pairs, pair)
		}
	}
	return pairs
}

// cell is one visible grapheme and the pen it was drawn with.
type cell struct {
	text  string
	style uv.Style
}

// drawnCells decodes one line's escape codes (SGR through ultraviolet's
// reader, as the terminal emulator in x/vt does) and returns its visible,
// non-blank graphemes.
func drawnCells(line string) []cell {
	p := ansi.GetParser()
	defer ansi.PutParser(p)
	var pen uv.Style
	var out []cell
	var state byte
	for len(line) > 0 {
		seq, width, n, next := ansi.DecodeSequence(line, state, p)
		state = next
		if n <= 0 {
			break
		}
		line = line[n:]
		switch {
		case width == 0 && ansi.HasCsiPrefix(seq) && ansi.Cmd(p.Command()).Final() == 'm':
			uv.ReadStyle(p.Params(), &pen)
		case width > 0 && strings.TrimFunc(seq, unicode.IsSpace) != "":
			out = append(out, cell{text: seq, style: pen})
		}
	}
	return out
}

// shown is the pair a terminal of profile p with backdrop d draws style in.
func shown(st uv.Style, text string, p colorprofile.Profile, d Backdrop) Pair {
	setFg, setBg := st.Fg, st.Bg
	if st.Attrs&uv.AttrReverse != 0 {
		setFg, setBg = setBg, setFg
		if setFg == nil {
			setFg = d.Bg
		}
		if setBg == nil {
			setBg = d.Fg
		}
	}
	fg, bg := d.Fg, d.Bg
	if setFg != nil {
		fg = p.Convert(setFg)
	}
	if setBg != nil {
		bg = p.Convert(setBg)
	}
	if st.Attrs&uv.AttrFaint != 0 {
		fg = mix(fg, bg) // a faint cell is drawn halfway to its background
	}
	r := Ratio(fg, bg)
	return Pair{Fg: fg, Bg: bg, SetFg: setFg, SetBg: setBg, Sample: text, Ratio: r, Backdrop: d.Name, Profile: p}
}

func mix(a, b color.Color) color.Color {
	ar, ag, ab, _ := a.RGBA()
	br, bgr, bb, _ := b.RGBA()
	return color.RGBA64{R: uint16((ar + br) / 2), G: uint16((ag + bgr) / 2), B: uint16((ab + bb) / 2), A: 0xFFFF}
}

// isLine reports whether text is a box-drawing or rule character: part of
// a frame, which WCAG measures as a graphic (3:1) rather than text.
func isLine(text string) bool {
	for _, r := range text {
		if r < 0x2500 || r > 0x259F {
			return false
		}
	}
	return true
}

// Ratio is the WCAG 2.1 contrast ratio of two colours: (L1+0.05)/(L2+0.05)
// of their relative luminances, lighter over darker.
func Ratio(a, b color.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Luminance is the WCAG relative luminance of an sRGB colour.
func Luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v>>8) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// Minimums are the text and line minimums for theme.
func Minimums(theme string) (text, line float64) {
	if theme == "high-contrast" {
		return MinTextHighContrast, MinLineHighContrast
	}
	return MinText, MinLine
}

// LowContrast lists every pair of screen, drawn in theme, that falls below
// the theme's minimum at any profile on any of its backdrops.
func LowContrast(theme, screen string) []Pair {
	minText, minLine := Minimums(theme)
	runs := styledRuns(screen)
	var low []Pair
	for _, p := range Profiles {
		for _, d := range Backdrops(theme, p) {
			for _, pair := range pairsOf(runs, p, d) {
				min := minText
				if pair.Line {
					min = minLine
				}
				if pair.Ratio < min {
					low = append(low, pair)
				}
			}
		}
	}
	slices.SortStableFunc(low, func(a, b Pair) int { return strings.Compare(a.String(), b.String()) })
	return low
}

// ColourThemes are the themes that colour anything (none and auto left out:
// none has no colour, auto is dark or light).
func ColourThemes() []string {
	var out []string
	for _, n := range common.ThemeNames() {
		if n != "auto" && n != "none" {
			out = append(out, n)
		}
	}
	return out
}
