// Package palette is the command palette (ctrl+k): every action of the
// app's one key table with its key, filtered as you type by bubbles'
// list filtering, ↑ ↓ to choose, enter to run, esc to close. It lists the
// actions the parent gives it and asks the parent to run the chosen one
// (RunMsg): it never acts on the world itself.
package palette

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"bluegreen/tui/common"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Action is one entry: a binding of the app's key map, the heading help
// puts it under, and whether it can act now (one that cannot is listed,
// faint and marked, and running it explains why).
type Action struct {
	Binding key.Binding
	Group   string
	Now     bool
}

// FilterValue is what typing matches: the keys and the words.
func (a Action) FilterValue() string {
	h := a.Binding.Help()
	return h.Key + " " + h.Desc
}

// KeyMap is what the palette's own keys do; printable keys filter.
type KeyMap struct {
	Run, Close, Up, Down, PageUp, PageDown key.Binding
}

// NewKeyMap takes the palette's bindings from the app's key map.
func NewKeyMap(k common.KeyMap) KeyMap {
	return KeyMap{
		Run:      common.NewBinding([]string{"enter"}, "enter", "run the action"),
		Close:    common.NewBinding(k.Cancel.Keys(), "esc", "close"),
		Up:       common.NewBinding(k.Up.Keys(), "↑", "previous"),
		Down:     common.NewBinding(k.Down.Keys(), "↓", "next"),
		PageUp:   k.PageUp,
		PageDown: k.PageDown,
	}
}

// ShortHelp is the palette's key bar.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Run, k.Up, k.Down, k.Close} }

// FullHelp lists every palette key.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ShortHelp(), {k.PageUp, k.PageDown}}
}

// RunMsg asks the parent to run the action (the palette has closed).
type RunMsg struct{ Action Action }

// CloseMsg says the palette was closed without choosing.
type CloseMsg struct{}

// Model is the palette: a bubbles list (its filter and cursor) drawn in
// the app's frame and theme.
type Model struct {
	com     *common.Common
	Keys    KeyMap
	list    list.Model
	focused bool
	width   int
	height  int
}

// New is a palette listing actions, filtering from the first key typed.
func New(com *common.Common, actions []Action) Model {
	items := make([]list.Item, len(actions))
	for i, a := range actions {
		items[i] = a
	}
	l := list.New(items, list.NewDefaultDelegate(), 0, 0)
	l.SetShowHelp(false)
	l.SetShowStatusBar(false)
	l.SetShowPagination(false)
	l.SetShowTitle(false)
	l.DisableQuitKeybindings()
	l.Filter = wordsFirst
	l.FilterInput = common.NewInput("Filter: ", "type to find an action (e.g. court, lesson, theme)")
	l.FilterInput.SetStyles(common.InputStyles(com.Styles))
	l.SetFilterText("") // every action matches an empty filter
	l.SetFilterState(list.Filtering)
	return Model{com: com, Keys: NewKeyMap(com.Keys), list: l, focused: true}
}

// wordsFirst ranks the actions whose words contain what was typed first
// (a word that starts with it before one that holds it), in the key
// table's order, then the list's fuzzy matches: typing "ren" finds
// "renew" before a fuzzy "r…e…n" across other words.
func wordsFirst(term string, targets []string) []list.Rank {
	t := strings.ToLower(term)
	var starts, inside []list.Rank
	for i, target := range targets {
		at := strings.Index(strings.ToLower(target), t)
		if at < 0 || t == "" {
			continue
		}
		r := list.Rank{Index: i, MatchedIndexes: runeIndexes(target, at, len(t))}
		if at == 0 || strings.ContainsRune(" /+(", rune(target[at-1])) {
			starts = append(starts, r)
		} else {
			inside = append(inside, r)
		}
	}
	out := append(starts, inside...)
	for _, r := range list.DefaultFilter(term, targets) {
		if !slices.ContainsFunc(out, func(o list.Rank) bool { return o.Index == r.Index }) {
			out = append(out, r)
		}
	}
	return out
}

// runeIndexes are the rune positions of the n bytes of s from byte at.
func runeIndexes(s string, at, n int) []int {
	var out []int
	for i := range s {
		if i >= at && i < at+n {
			out = append(out, utf8.RuneCountInString(s[:i]))
		}
	}
	return out
}

// SetSize sets the palette's size (its frame included).
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.list.SetSize(max(w-2, 1), max(h-3, 1))
}

// Focus gives the palette the keyboard.
func (m *Model) Focus() { m.focused = true; m.list.FilterInput.Focus() }

// Blur takes the keyboard away.
func (m *Model) Blur() { m.focused = false; m.list.FilterInput.Blur() }

// Focused reports whether the palette has the keyboard.
func (m Model) Focused() bool { return m.focused }

// Filter is the text typed so far.
func (m Model) Filter() string { return m.list.FilterInput.Value() }

// Visible lists the actions that match what is typed, best first.
func (m Model) Visible() []Action {
	var out []Action
	for _, it := range m.list.VisibleItems() {
		out = append(out, it.(Action))
	}
	return out
}

// Selected is the action enter would run.
func (m Model) Selected() (Action, bool) {
	a, ok := m.list.SelectedItem().(Action)
	return a, ok
}

// Update filters on printable keys, moves on ↑ ↓, runs on enter and
// closes on esc.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if press, ok := msg.(tea.KeyPressMsg); ok && m.focused {
		k := m.Keys
		switch {
		case key.Matches(press, k.Close):
			return m, func() tea.Msg { return CloseMsg{} }
		case key.Matches(press, k.Run):
			a, ok := m.Selected()
			if !ok {
				return m, nil
			}
			return m, func() tea.Msg { return RunMsg{Action: a} }
		case key.Matches(press, k.Up):
			m.list.CursorUp()
			return m, nil
		case key.Matches(press, k.Down):
			m.list.CursorDown()
			return m, nil
		case key.Matches(press, k.PageUp):
			m.list.Paginator.PrevPage()
			return m, nil
		case key.Matches(press, k.PageDown):
			m.list.Paginator.NextPage()
			return m, nil
		}
	}
	if _, ok := msg.(list.FilterMatchesMsg); ok {
		return m, nil // filtered already, below: a late answer for older text is dropped
	}
	before := m.Filter()
	m.list, _ = m.list.Update(msg)
	if m.Filter() != before {
		// The list filters in a command, whose answers can arrive out of
		// order when keys come fast; forty actions filter in microseconds,
		// so the palette filters at once, with the list's own filter.
		text := m.Filter()
		m.list.SetFilterText(text)
		m.list.SetFilterState(list.Filtering)
	}
	return m, nil
}

// View draws the palette at its size: the filter, then the matching
// actions around the chosen one, each "keys  what it does · group".
func (m Model) View() string {
	s := m.com.Styles
	inner := max(m.width-2, 1)
	lines := []string{common.Fit(m.list.FilterInput.View(), inner), ""}
	visible := m.Visible()
	room := max(m.height-2-len(lines), 1)
	if len(visible) == 0 {
		lines = append(lines, s.Faint.Render("No action matches: backspace to widen, esc to close."))
	}
	cur := m.list.Index()
	first := min(max(cur-room/2, 0), max(len(visible)-room, 0))
	keyW := min(22, inner/3)
	for i := first; i < len(visible) && i < first+room; i++ {
		lines = append(lines, m.row(visible[i], i == cur, keyW, inner))
	}
	title := fmt.Sprintf("Every action — %d of %d · type to filter · ↑↓ · enter runs · esc closes", len(visible), len(m.list.Items()))
	return s.Frame(title, lines, m.width, m.height, true)
}

// row is one action's line; the chosen one is marked with ▶ as well as
// bold, so it shows without colour.
func (m Model) row(a Action, chosen bool, keyW, w int) string {
	s := m.com.Styles
	h := a.Binding.Help()
	mark := "  "
	if chosen {
		mark = "▶ "
	}
	desc := h.Desc
	if !a.Now {
		desc += " (not now)"
	}
	group := " · " + a.Group
	keys := common.Fit(h.Key, keyW)
	text := mark + keys + " " + desc
	if ansi.StringWidth(text+group) <= w {
		text += group
	}
	text = common.Fit(text, w)
	switch {
	case chosen:
		return s.Highlight.Render(text)
	case !a.Now:
		return s.Faint.Render(text)
	}
	return s.HelpKey.Render(mark+keys) + s.Text.Render(strings.TrimPrefix(text, mark+keys))
}
