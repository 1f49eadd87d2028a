package overlay

import (
	"regexp"
	"strings"
	"testing"

	"bluegreen/sim"
	"bluegreen/tui/common"

	"github.com/charmbracelet/x/ansi"
)

// screenText is the Sources screen as one plain string, wrapped lines
// joined again, so a search does not depend on where a line broke.
func screenText(lines []string) string {
	var words []string
	for _, l := range lines {
		words = append(words, strings.Fields(ansi.Strip(l))...)
	}
	return strings.Join(words, " ")
}

func TestSourcesScreenFitsEveryWidth(t *testing.T) {
	for _, s := range allThemes(t) {
		for _, width := range []int{40, 60, 80, 120} {
			lines := SourcesScreen(width, s)
			if len(lines) == 0 {
				t.Fatalf("%s/%d: no lines", s.Theme.Name, width)
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w != width {
					t.Errorf("%s/%d: line %d is %d cells: %q", s.Theme.Name, width, i, w, ansi.Strip(l))
				}
				if strings.Contains(l, "\n") {
					t.Errorf("%s/%d: line %d holds a newline", s.Theme.Name, width, i)
				}
			}
		}
	}
	if got := SourcesScreen(0, noneStyles(t)); got != nil {
		t.Errorf("width 0 gave %d lines", len(got))
	}
}

func TestSourcesScreenCitesTheKeySources(t *testing.T) {
	text := screenText(SourcesScreen(80, noneStyles(t)))
	for _, want := range []string{
		"The Intercept, 2016-09-28", "Sam Biddle", "18 U.S.C. §3123", "Smith v. Maryland",
		"Confirmed", "Reported, unconfirmed", "Simulator assumption", "source: assumption ·",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Sources screen lacks %q", want)
		}
	}
}

func TestSourcesScreenListsEveryFactUnderItsStatus(t *testing.T) {
	// Compare without spaces: wrapping may break a line after a hyphen
	// ("as-you-" / "type"), which rejoining with a space would not undo.
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	text := squash(screenText(SourcesScreen(100, noneStyles(t))))
	confirmed := strings.Index(text, squash("Confirmed ("))
	reported := strings.Index(text, squash("Reported, unconfirmed ("))
	assumed := strings.Index(text, squash("Simulator assumption ("))
	if confirmed < 0 || reported < confirmed || assumed < reported {
		t.Fatalf("groups missing or out of order: %d %d %d", confirmed, reported, assumed)
	}
	for _, f := range sim.Facts() {
		at := strings.Index(text, squash("• "+f.Claim+" source: "+f.Source))
		if at < 0 {
			t.Errorf("fact %q is missing, or not followed by its source", f.ID)
			continue
		}
		var lo, hi int
		switch f.Status {
		case sim.Confirmed:
			lo, hi = confirmed, reported
		case sim.Reported:
			lo, hi = reported, assumed
		default:
			lo, hi = assumed, len(text)
		}
		if at < lo || at > hi {
			t.Errorf("fact %q (%s) is listed outside its group", f.ID, f.Status)
		}
	}
}

func TestSourcesScreenNoneThemeHasNoColour(t *testing.T) {
	for _, l := range SourcesScreen(80, noneStyles(t)) {
		if hasColourSGR(l) {
			t.Fatalf("theme none coloured a line: %q", l)
		}
	}
	th, _ := common.ThemeByName("dark", true)
	if !hasColourSGR(strings.Join(SourcesScreen(80, common.NewStyles(th)), "\n")) {
		t.Error("theme dark drew no colour: the none check above proves nothing")
	}
}

// allThemes builds the styles of every named theme ("auto" resolves to
// dark or light, both already in the list).
func allThemes(t testing.TB) []common.Styles {
	t.Helper()
	var out []common.Styles
	for _, name := range common.ThemeNames()[1:] {
		th, err := common.ThemeByName(name, true)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, common.NewStyles(th))
	}
	return out
}

func noneStyles(t testing.TB) common.Styles {
	t.Helper()
	th, err := common.ThemeByName("none", true)
	if err != nil {
		t.Fatal(err)
	}
	return common.NewStyles(th)
}

// hasColourSGR reports whether s sets a foreground or background colour
// (bold, italic and underline are not colour: the none theme may use them).
func hasColourSGR(s string) bool {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.Split(m[1], ";") {
			switch {
			case p == "38" || p == "48",
				len(p) == 2 && (p[0] == '3' || p[0] == '4') && p[1] >= '0' && p[1] <= '7',
				len(p) == 2 && p[0] == '9' && p[1] >= '0' && p[1] <= '7',
				len(p) == 3 && p[:2] == "10" && p[2] >= '0' && p[2] <= '7':
				return true
			}
		}
	}
	return false
}

var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")
