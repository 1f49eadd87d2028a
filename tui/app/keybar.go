package app

import (
	"slices"
	"strings"

	"bluegreen/tui/common"
	"bluegreen/tui/overlay"
	"bluegreen/tui/palette"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The key bar, the command palette and help come from the one key map
// (common.KeyMap) and this file's one rule of what can act now: help lists
// every binding, the palette every binding (those that cannot act now
// marked), and the key bar what the focused part can do now, most useful
// first, cut to the width with ctrl+k reaching the rest.

// sameKeys reports whether two bindings are the same keys.
func sameKeys(a, b key.Binding) bool { return slices.Equal(a.Keys(), b.Keys()) }

// canAct reports whether b can do something now; the key bar leaves out
// the bindings that cannot, and the palette marks them.
func (m Model) canAct(b key.Binding) bool {
	k := m.com.Keys
	hasCase := m.ret.Case() != nil
	_, red := m.phone.LastRed()
	logShown := m.scr.focus == PaneLog && !m.scr.showRet
	onPhone := m.scr.focus == PanePhone && !m.overlay.IsOpen()
	switch {
	case sameKeys(b, k.TryAgain), sameKeys(b, k.SendAsText):
		return red
	case sameKeys(b, k.ProduceAgain), sameKeys(b, k.Renew), sameKeys(b, k.Educator), sameKeys(b, k.Export):
		return hasCase
	case sameKeys(b, k.SwitchLog):
		return hasCase || m.scr.showRet
	case sameKeys(b, k.Compare):
		return len(m.designs.session) > 0
	case sameKeys(b, k.Filter), sameKeys(b, k.ColumnLeft), sameKeys(b, k.ColumnRight):
		return logShown
	case sameKeys(b, k.Confirm), sameKeys(b, k.Send), sameKeys(b, k.RemoveLastRcp):
		return onPhone
	case sameKeys(b, k.Up):
		return true
	case sameKeys(b, k.Down), sameKeys(b, k.PageUp), sameKeys(b, k.PageDown), sameKeys(b, k.Top), sameKeys(b, k.Bottom):
		return !onPhone
	case sameKeys(b, k.QuitWhenIdle), sameKeys(b, k.HelpWhenIdle):
		return !m.typing()
	case sameKeys(b, k.Cancel):
		return m.overlay.IsOpen() || onPhone
	}
	return true
}

// actions are every binding of the key map, in help's groups and order,
// each with whether it can act now: what the palette lists. (The palette
// keeps a binding that cannot act now, marked, so that what it lists is
// what help lists; the key bar leaves such bindings out, disabled.)
func (m Model) actions() []palette.Action {
	k := m.com.Keys
	var out []palette.Action
	for i, group := range k.FullHelp() {
		for _, b := range group {
			if b.Enabled() {
				out = append(out, palette.Action{Binding: b, Group: k.GroupNames()[i], Now: m.canAct(b)})
			}
		}
	}
	return out
}

// barBindings is the key bar for what has focus, most useful first: the
// focused part's own actions, then the app's, with ctrl+k (every action)
// always among them. A binding that cannot act now is left out.
func (m Model) barBindings() []key.Binding {
	k := m.com.Keys
	help, all := brief(k.Help, "help"), brief(k.Palette, "all keys")
	var own []key.Binding
	switch {
	case m.modal.palette.Focused():
		return m.modal.palette.Keys.ShortHelp()
	case m.overlay.Kind() == overlay.Order:
		// the form takes every key: ↑↓ move between its fields, enter serves
		return m.fitted(m.modal.form.Keys.ShortHelp())
	case m.overlay.Kind() == overlay.Lesson:
		// the overlay's own keys (← → here are its cards, not the log's columns)
		return m.fitted([]key.Binding{brief(k.Cancel, "close"), m.overlay.Keys.PrevCard, m.overlay.Keys.NextCard, brief(k.Up, "scroll"), all, help})
	case m.overlay.IsOpen():
		return m.fitted([]key.Binding{brief(k.Cancel, "close"), brief(k.Up, "scroll"), brief(k.PageDown, "page"), all, help})
	case m.scr.focus == PaneLog && m.scr.showRet:
		own = []key.Binding{brief(k.Renew, "renew"), brief(k.ProduceAgain, "produce"), brief(k.Educator, "overlay"), brief(k.Export, "export"),
			brief(k.SwitchLog, "back"), all, brief(k.NextPane, "pane"), brief(k.Up, "scroll"), brief(k.Lesson, "lesson"), help}
	case m.scr.focus == PaneLog:
		own = []key.Binding{brief(k.Filter, "filter"), brief(k.ColumnRight, "column"), brief(k.Lesson, "card"), all, brief(k.SwitchLog, "the return"),
			brief(k.Up, "scroll"), brief(k.NextPane, "pane"), help, brief(k.QuitWhenIdle, "quit")}
	case m.scr.focus == PaneWire:
		own = []key.Binding{brief(k.Up, "older"), brief(k.Down, "newer"), brief(k.Lesson, "lesson"), all, brief(k.NextPane, "pane"),
			brief(k.ClearCache, "clear cache"), help, brief(k.QuitWhenIdle, "quit")}
	default:
		own = []key.Binding{help, all, brief(k.TryAgain, "try again"), brief(k.SendAsText, "as text"), brief(k.NextPane, "pane"), brief(k.NewMessage, "new")}
	}
	rest := []key.Binding{brief(k.ToggleIMsg, "iMessage"), brief(k.CycleNetwork, "network"), brief(k.PlusDay, "+1 day"),
		brief(k.ServeOrder, "court order"), brief(k.Lesson, "lesson"), brief(k.Sources, "sources"), brief(k.Quit, "quit")}
	entries := slices.Concat(own, rest)
	for i := range entries {
		entries[i].SetEnabled(m.canAct(entries[i])) // a copy: the key map itself stays whole
	}
	return m.fitted(entries)
}

// fitted drops disabled bindings (the ones that cannot act now) and
// repeated keys (the first entry wins).
func (m Model) fitted(bs []key.Binding) []key.Binding {
	var out []key.Binding
	for _, b := range bs {
		if b.Enabled() && !slices.ContainsFunc(out, func(o key.Binding) bool { return sameKeys(o, b) }) {
			out = append(out, b)
		}
	}
	return out
}

// helpBar is the key bar at width w: as many of barBindings as fit, whole;
// when some are left out, the palette's entry says "more".
func (m Model) helpBar(w int) string {
	bs := m.barBindings()
	sig := barSignature(bs)
	if c := m.look.bar; c.width == w && c.theme == m.com.Styles.Theme.Name && c.keys == sig && c.text != "" {
		return c.text
	}
	return m.drawBar(bs, w)
}

// drawBar draws the first entries of bs that fit w whole — with " • "
// between them, or two spaces when that fits more — and always the
// palette's entry, which reaches the rest.
func (m Model) drawBar(bs []key.Binding, w int) string {
	h := m.look.help
	h.SetWidth(0) // never cut by help.Model: whole entries are dropped here instead
	pal := slices.IndexFunc(bs, func(b key.Binding) bool { return sameKeys(b, m.com.Keys.Palette) })
	for n := len(bs); n > 0; n-- {
		cut := slices.Clone(bs[:n])
		if pal >= n {
			cut = append(cut[:n-1], bs[pal])
		}
		if n < len(bs) && pal >= 0 {
			i := slices.IndexFunc(cut, func(b key.Binding) bool { return sameKeys(b, m.com.Keys.Palette) })
			cut[i] = brief(m.com.Keys.Palette, "more")
		}
		for _, sep := range []string{" • ", "  "} {
			h.ShortSeparator = sep
			if view := h.ShortHelpView(cut); ansi.StringWidth(view) <= w {
				return common.Fit(view, w)
			}
		}
	}
	return common.Fit(h.ShortHelpView(bs), w)
}

// barSignature names a bar's entries, so a drawn bar is reused until they change.
func barSignature(bs []key.Binding) string {
	var b strings.Builder
	for _, x := range bs {
		b.WriteString(x.Help().Key + "\x00" + x.Help().Desc + "\x00")
	}
	return b.String()
}

// cacheHelpBar draws the key bar for the current width, theme and focus.
func (m *Model) cacheHelpBar() {
	w := m.scr.layout.Help.W
	bs := m.barBindings()
	m.look.bar = cachedLine{width: w, theme: m.com.Styles.Theme.Name, keys: barSignature(bs), text: m.drawBar(bs, w)}
}

// openPalette shows every action, filtered as the person types.
func (m *Model) openPalette() tea.Cmd {
	m.modal.palette = palette.New(m.com, m.actions())
	m.modal.palette.SetSize(m.scr.layout.W, m.scr.layout.BodyHeight())
	m.phone.Blur()
	return nil
}

func (m *Model) closePalette() {
	m.modal.palette = palette.Model{}
	m.sizePanes()
}

// runAction runs what the palette chose as if its key had been pressed
// where it acts: the app's own actions directly (also q and ?, which a
// text field would otherwise take), a pane's keys in that pane.
func (m *Model) runAction(a palette.Action) tea.Cmd {
	m.closePalette()
	b := a.Binding
	for _, g := range globalBindings(m.com.Keys) {
		if sameKeys(g.key, b) && (g.when(m) || !m.isPaneKey(b)) {
			return g.do(m)
		}
	}
	k := m.com.Keys
	var cmd tea.Cmd
	switch {
	case sameKeys(b, k.Filter), sameKeys(b, k.ColumnLeft), sameKeys(b, k.ColumnRight):
		if m.scr.focus != PaneLog || m.scr.showRet {
			m.scr.showRet = false
			cmd = tea.Batch(m.setFocus(PaneLog), m.log.Fetch())
		}
	case sameKeys(b, k.Confirm), sameKeys(b, k.Send), sameKeys(b, k.RemoveLastRcp):
		cmd = m.setFocus(PanePhone)
	}
	press, err := common.KeyPress(b.Keys()[0])
	if err != nil {
		return cmd
	}
	return tea.Batch(cmd, m.handleKey(press))
}

// isPaneKey reports whether b is a key a pane handles itself when the
// app's table does not take it (esc in the phone, the scroll keys).
func (m Model) isPaneKey(b key.Binding) bool {
	k := m.com.Keys
	return sameKeys(b, k.Cancel)
}
