package common_test

import (
	"image/color"
	"reflect"
	"strings"
	"testing"

	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/tuitest"

	"charm.land/lipgloss/v2"
	"github.com/lucasb-eyer/go-colorful"
)

// specimen draws every style of s: each lipgloss.Style field (found by
// reflection, so a style added later is measured too), each row paint, a
// focused and an unfocused frame, and every bubble and tint.
func specimen(s common.Styles) string {
	var lines []string
	v := reflect.ValueOf(s)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		switch x := v.Field(i).Interface().(type) {
		case lipgloss.Style:
			lines = append(lines, x.Render(f.Name+" Aa 0132"))
		case common.RowPaints:
			rv := reflect.ValueOf(x)
			for j := range rv.NumField() {
				lines = append(lines, rv.Field(j).Interface().(common.Paint).Apply("row "+rv.Type().Field(j).Name))
			}
		}
	}
	lines = append(lines, s.Frame("Focused", []string{"in focus"}, 20, 3, true), s.Frame("Pane", []string{"not in focus"}, 20, 3, false))
	for _, c := range []sim.Colour{sim.Blue, sim.Green, sim.Red, sim.Grey} {
		for _, label := range []string{"iMessage", "SMS", "RCS"} {
			lines = append(lines, s.Bubble(c, label).Render(common.Glyph(c, label)+" "+label+" Running late"), s.Tint(c, label).Render(label+" tint"))
		}
	}
	return strings.Join(lines, "\n")
}

// TestThemeContrast measures every pair of colours each theme draws text in
// — body, faint, hints, titles, keys, highlighted rows, borders, bubble
// fills and their text — at truecolour, 256 and 16 colours, on the
// terminal backgrounds the theme is for: 4.5:1 at least (7:1 in high
// contrast), 3:1 for borders (4.5:1).
func TestThemeContrast(t *testing.T) {
	for _, name := range tuitest.ColourThemes() {
		t.Run(name, func(t *testing.T) {
			th, err := common.ThemeByName(name, true)
			if err != nil {
				t.Fatal(err)
			}
			screen := specimen(common.NewStyles(th))
			if n := len(tuitest.ScreenPairs(screen, tuitest.Profiles[0], tuitest.Backdrops(name, tuitest.Profiles[0])[0])); n < 10 {
				t.Fatalf("the specimen shows %d colour pairs: the measurement is not seeing the styles", n)
			}
			for _, p := range tuitest.LowContrast(name, screen) {
				t.Errorf("%s", p)
			}
		})
	}
}

// TestContrastCatchesLowPairs proves the measurement fails the pair the
// issue found (white on the dark theme's old SMS green, 1.85:1 at 256
// colours) and passes black on white.
func TestContrastCatchesLowPairs(t *testing.T) {
	old := lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#30D158")).Render("□ SMS")
	low := tuitest.LowContrast("dark", old)
	if len(low) == 0 {
		t.Fatal("white on #30D158 passes; it is 1.85:1 at 256 colours")
	}
	for _, p := range low {
		if p.Profile.String() == "ANSI256" && (p.Ratio < 1.8 || p.Ratio > 1.9) {
			t.Errorf("white on colour 77 measured %.2f:1, want 1.85:1", p.Ratio)
		}
	}
	if low := tuitest.LowContrast("light", lipgloss.NewStyle().Foreground(lipgloss.Color("#000000")).Render("text")); len(low) > 0 {
		t.Errorf("black text on a light terminal fails: %v", low)
	}
}

// Colour-vision deficiencies as Machado, Oliveira and Fernandes (2009)
// simulate them at full severity: matrices on linear RGB.
var deficiencies = map[string][3][3]float64{
	"protanopia":   {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
	"deuteranopia": {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	"tritanopia":   {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
}

// seenWith is c as a viewer with deficiency m sees it.
func seenWith(m [3][3]float64, c color.Color) colorful.Color {
	in, _ := colorful.MakeColor(c)
	r, g, b := in.LinearRgb()
	v := [3]float64{}
	for i := range v {
		v[i] = m[i][0]*r + m[i][1]*g + m[i][2]*b
	}
	return colorful.LinearRgb(v[0], v[1], v[2]).Clamped()
}

// How far apart (CIEDE2000, on colorful's 0–1 scale: 0.10 is a
// difference anyone notices at a glance) blue and green must stay for
// every viewer: the bubbles' fills 0.10; their colours as text 0.09, since
// a 16-colour terminal's only blue and green readable on black are bright
// cyan and bright green, 0.093 apart for a tritanope (text in these
// colours always carries its words: "Delivered", "Sent as Text Message").
const (
	minFillDistance = 0.10
	minTextDistance = 0.09
)

// TestBlueAndGreenStayApartForColourBlindViewers: in every colour theme,
// at every colour profile, the blue bubble's fill and the green ones (SMS,
// RCS), and their text colours, stay clearly different for protanopes,
// deuteranopes and tritanopes — beside the glyph and word every bubble
// carries.
func TestBlueAndGreenStayApartForColourBlindViewers(t *testing.T) {
	for _, name := range tuitest.ColourThemes() {
		th, err := common.ThemeByName(name, true)
		if err != nil {
			t.Fatal(err)
		}
		pairs := map[string][2]color.Color{
			"fill iMessage/SMS": {th.IMessage.Fill, th.SMS.Fill}, "fill iMessage/RCS": {th.IMessage.Fill, th.RCS.Fill},
			"text iMessage/SMS": {th.IMessage.Text, th.SMS.Text}, "text iMessage/RCS": {th.IMessage.Text, th.RCS.Text},
		}
		for _, p := range tuitest.Profiles {
			for what, pair := range pairs {
				blue, green := p.Convert(pair[0]), p.Convert(pair[1])
				for kind, m := range deficiencies {
					want := minFillDistance
					if strings.HasPrefix(what, "text") {
						want = minTextDistance
					}
					if d := seenWith(m, blue).DistanceCIEDE2000(seenWith(m, green)); d < want {
						t.Errorf("%s %s at %s: %s sees them %.3f apart, want ≥ %.2f", name, what, p, kind, d, want)
					}
				}
			}
		}
	}
}
