package app

import (
	"fmt"
	"strings"

	"bluegreen/sim"
	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// studentWide is the width from which a student sees the phone beside
// the wire and their log; narrower windows show one at a time, with tabs.
const studentWide = 100

// studentCaptionLines is the most lines the caption takes.
const studentCaptionLines = 3

// studentMin is the smallest window a student's screen is drawn in.
const studentMinW, studentMinH = 60, 16

// View draws the student's screen.
func (m Student) View() tea.View {
	v := tea.NewView(m.frames.draw(m.render))
	v.AltScreen = true
	v.WindowTitle = "bluegreen · class"
	return v
}

func (m Student) render() string {
	w, h := m.com.Width, m.com.Height
	switch {
	case w == 0:
		return ""
	case w < studentMinW || h < studentMinH:
		return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, lipgloss.NewStyle().Width(max(w-2, 1)).Align(lipgloss.Center).Render(
			fmt.Sprintf("bluegreen needs a larger window: at least %d\u00a0×\u00a0%d (now %d\u00a0×\u00a0%d).\nctrl+c quits.", studentMinW, studentMinH, w, h)))
	}
	header, caption, bar := m.header(w), m.captionBlock(w), m.keyBar(w)
	if m.sideBySide(w) {
		return common.BesideIn([]string{header}, []string{caption, bar}, m.phone.View(), m.rightColumn(w))
	}
	return common.Stack(header, m.body(w, h-2-studentCaptionLines), caption, bar)
}

// sideBySide reports whether the phone is drawn beside the wire and the
// log (a wide window, no help or lesson card open).
func (m Student) sideBySide(w int) bool { return !m.helpOn && !m.card.IsOpen() && w >= studentWide }

// captionBlock is the caption wrapped and padded to its lines, drawn
// again only when its words, the width or the theme change.
func (m Student) captionBlock(w int) string {
	key := m.com.Styles.Theme.Name + "\x00" + m.caption.Text + "\x00" + m.caption.Source
	if c := m.cap; c.width == w && c.theme == key {
		return c.text
	}
	m.cap = cachedLine{width: w, theme: key, text: strings.Join(common.FitLines(m.captionLines(w), w, studentCaptionLines), "\n")}
	return m.cap.text
}

// keyBar is the one-line key help, drawn once per width and theme.
func (m Student) keyBar(w int) string {
	if c := m.bar; c.width == w && c.theme == m.com.Styles.Theme.Name {
		return c.text
	}
	m.bar = cachedLine{width: w, theme: m.com.Styles.Theme.Name, text: common.Fit(m.help.ShortHelpView(m.keys.ShortHelp()), w)}
	return m.bar.text
}

// header says whose phone this is and what kind: the one line that
// explains an Android phone's silence.
func (m Student) header(w int) string {
	s, snap := m.com.Styles, m.com.Snap
	kinds := []string{"iPhone · every number you type asks Apple", "iPhone · asks Apple"}
	if m.android {
		kinds = []string{"ANDROID · not on iMessage: it never asks Apple", "ANDROID · never asks Apple"}
	}
	who := sim.Printable(snap.Owner) + " " + snap.Self.Address()
	sent := fmt.Sprintf(" · %s sent to Apple · ", sim.Plural(m.wire.Asked(), "lookup", "lookups"))
	kind := kinds[0]
	if ansi.StringWidth(who+sent+kind) > w { // a narrow window keeps the short words whole rather than cut the long
		kind = kinds[1]
	}
	return common.Fit(s.Accent.Render(who)+s.Faint.Render(sent)+s.Text.Render(kind), w)
}

func (m Student) body(w, h int) string {
	if m.helpOn {
		lines := strings.Split(m.help.FullHelpView(m.keys.FullHelp()), "\n")
		lines = append(lines, "", m.com.Styles.Faint.Render("esc or F1 closes this"))
		return m.com.Styles.Frame("Keys", lines, w, h, true)
	}
	if m.card.IsOpen() {
		return m.card.View()
	}
	return common.Stack(m.tabs(w), m.paneView())
}

// rightColumn is the wire above the student's log, redrawn only when
// something other than the phone changed.
func (m Student) rightColumn(w int) string {
	if c := m.right; c.text != "" && c.width == w {
		return c.text
	}
	m.right = cachedLine{width: w, text: common.Stack(m.wire.View(), m.log.View())}
	return m.right.text
}

func (m Student) paneView() string {
	switch m.focus {
	case PanePhone:
		return m.phone.View()
	case PaneWire:
		return m.wire.View()
	}
	return m.log.View()
}

// tabs names the three panes, the one shown in brackets (not colour alone).
func (m Student) tabs(w int) string {
	s := m.com.Styles
	names := [...]string{"Phone", "Wire", "What Apple logged from you"}
	parts := make([]string, len(names))
	for i, n := range names {
		if Pane(i) == m.focus {
			parts[i] = s.Accent.Render("[" + n + "]")
		} else {
			parts[i] = s.Faint.Render(" " + n + " ")
		}
	}
	return common.Fit(strings.Join(parts, " ")+s.Faint.Render("  tab: next"), w)
}

// captionLines is the caption wrapped to w.
func (m Student) captionLines(w int) []string {
	if m.caption.Text == "" && m.caption.Source == "" {
		return nil
	}
	return captionText(m.com.Styles, m.caption, w)
}

// layOut sizes the panes for the window.
func (m *Student) layOut() {
	w, h := m.com.Width, m.com.Height
	bodyH := max(h-2-studentCaptionLines, 4)
	m.card.SetSize(w, bodyH)
	if w >= studentWide {
		pw := min(max(w*2/5, 44), 64)
		wireH := bodyH / 2
		m.phone.SetSize(pw, bodyH)
		m.wire.SetSize(w-pw, wireH)
		m.log.SetSize(w-pw, bodyH-wireH)
		return
	}
	m.phone.SetSize(w, bodyH-1)
	m.wire.SetSize(w, bodyH-1)
	m.log.SetSize(w, bodyH-1)
}
