package common

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap holds every key of the app. Printable keys always type into the
// focused field, so app actions live on enter/esc/tab, ctrl, alt and
// function keys. Help is derived from these bindings.
type KeyMap struct {
	NextPane      key.Binding
	PrevPane      key.Binding
	Confirm       key.Binding
	Send          key.Binding
	Cancel        key.Binding
	NewMessage    key.Binding
	ToggleIMsg    key.Binding
	ToggleSMS     key.Binding
	CycleNetwork  key.Binding
	PlusHour      key.Binding
	PlusDay       key.Binding
	PlusWeek      key.Binding
	ClearCache    key.Binding
	SwitchTheme   key.Binding
	TryAgain      key.Binding
	SendAsText    key.Binding
	Up            key.Binding
	Down          key.Binding
	PageUp        key.Binding
	PageDown      key.Binding
	Top           key.Binding
	Bottom        key.Binding
	Help          key.Binding
	Quit          key.Binding
	QuitWhenIdle  key.Binding // q, only when no text field has focus
	HelpWhenIdle  key.Binding // ?, only when no text field has focus
	RemoveLastRcp key.Binding
	Lesson        key.Binding
	Sources       key.Binding
	ColumnLeft    key.Binding
	ColumnRight   key.Binding
	ServeOrder    key.Binding
	ProduceAgain  key.Binding
	Renew         key.Binding
	SwitchLog     key.Binding
	Educator      key.Binding
	Export        key.Binding
	CycleDesign   key.Binding
	Compare       key.Binding
	Reverse       key.Binding
	Filter        key.Binding // /, in the log pane
	Checklist     key.Binding
	Palette       key.Binding // every action, filtered as you type
}

// DefaultKeyMap is bluegreen's key map.
func DefaultKeyMap() KeyMap {
	b := NewBinding
	return KeyMap{
		NextPane:      b([]string{"tab"}, "tab", "next pane"),
		PrevPane:      b([]string{"shift+tab"}, "shift+tab", "previous pane"),
		Confirm:       b([]string{"enter"}, "enter", "confirm recipient"),
		Send:          b([]string{"enter", "ctrl+s"}, "enter/ctrl+s", "send"),
		Cancel:        b([]string{"esc"}, "esc", "cancel / close"),
		NewMessage:    b([]string{"ctrl+n"}, "ctrl+n", "new message"),
		ToggleIMsg:    b([]string{"f2", "alt+i"}, "F2/alt+i", "iMessage on/off"),
		ToggleSMS:     b([]string{"f3", "alt+s"}, "F3/alt+s", "Send as SMS on/off"),
		CycleNetwork:  b([]string{"f4", "alt+n"}, "F4/alt+n", "Wi-Fi/cellular/no data"),
		PlusHour:      b([]string{"f5", "alt+h"}, "F5/alt+h", "clock +1 hour"),
		PlusDay:       b([]string{"f6", "alt+d"}, "F6/alt+d", "clock +1 day"),
		PlusWeek:      b([]string{"f7", "alt+w"}, "F7/alt+w", "clock +7 days"),
		ClearCache:    b([]string{"f8", "alt+c"}, "F8/alt+c", "clear phone's cache"),
		SwitchTheme:   b([]string{"f9", "alt+t"}, "F9/alt+t", "switch theme"),
		TryAgain:      b([]string{"alt+r"}, "alt+r", "Try Again (red bubble)"),
		SendAsText:    b([]string{"alt+x"}, "alt+x", "Send as Text Message"),
		Up:            b([]string{"up"}, "↑", "scroll up / older"),
		Down:          b([]string{"down"}, "↓", "scroll down / newer"),
		PageUp:        b([]string{"pgup"}, "pgup", "page up"),
		PageDown:      b([]string{"pgdown"}, "pgdn", "page down"),
		Top:           b([]string{"home"}, "home", "oldest"),
		Bottom:        b([]string{"end"}, "end", "newest"),
		Help:          b([]string{"f1", "ctrl+g"}, "F1/ctrl+g", "help"),
		Quit:          b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		QuitWhenIdle:  b([]string{"q"}, "q", "quit (wire/log pane)"),
		HelpWhenIdle:  b([]string{"?"}, "?", "help (wire/log pane)"),
		RemoveLastRcp: b([]string{"backspace"}, "backspace", "remove last recipient (empty To:)"),
		Lesson:        b([]string{"f10", "alt+l"}, "F10/alt+l", "lesson card for what has focus"),
		Sources:       b([]string{"f11", "alt+f"}, "F11/alt+f", "sources of every fact"),
		ColumnLeft:    b([]string{"left"}, "←", "log: previous column (for its card)"),
		ColumnRight:   b([]string{"right"}, "→", "log: next column (for its card)"),
		ServeOrder:    b([]string{"f12", "alt+o"}, "F12/alt+o", "serve a court order on Apple"),
		ProduceAgain:  b([]string{"alt+p"}, "alt+p", "Apple produces again (now)"),
		Renew:         b([]string{"alt+k"}, "alt+k", "renew the order: +60 days (§3123(c)(2))"),
		SwitchLog:     b([]string{"alt+v"}, "alt+v", "log pane: Apple's log ⇄ the return"),
		Educator:      b([]string{"alt+u"}, "alt+u", "educator overlay on the return"),
		Export:        b([]string{"alt+e"}, "alt+e", "export the return (CSV, JSON, text)"),
		CycleDesign:   b([]string{"alt+g"}, "alt+g", "next design: apple, hashed, private, +relay, no-log"),
		Compare:       b([]string{"alt+m"}, "alt+m", "compare every design on this session's lookups"),
		Reverse:       b([]string{"alt+b"}, "alt+b", "attack it: reverse hashes / enumerate via OPRF"),
		Filter:        b([]string{"/"}, "/", "log: filter by handle or name, mine/others"),
		Checklist:     b([]string{"alt+j"}, "alt+j", "first-run checklist on/off"),
		Palette:       b([]string{"ctrl+k"}, "ctrl+k", "every action, filtered as you type (command palette)"),
	}
}

// NewBinding is a key binding with its help, the one way bindings are made.
func NewBinding(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// ShortHelp is the key bar of a window with nothing in focus: help and
// the palette, which reaches every other action. The app's bar follows
// focus (tui/app/keybar.go).
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Help, k.Palette, k.Quit} }

// GroupNames head the groups of FullHelp, in order.
func (k KeyMap) GroupNames() []string {
	return []string{"Messages", "The phone and the clock", "Moving around", "The court order", "Designs that leak less (comparisons)", "Learning and the app"}
}

// FullHelp is the ? screen, grouped by purpose.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Confirm, k.Send, k.RemoveLastRcp, k.NewMessage, k.Cancel, k.TryAgain, k.SendAsText},
		{k.ToggleIMsg, k.ToggleSMS, k.CycleNetwork, k.ClearCache, k.PlusHour, k.PlusDay, k.PlusWeek},
		{k.NextPane, k.PrevPane, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.ColumnLeft, k.ColumnRight, k.Filter},
		{k.ServeOrder, k.ProduceAgain, k.Renew, k.SwitchLog, k.Educator, k.Export},
		{k.CycleDesign, k.Compare, k.Reverse},
		{k.Palette, k.Lesson, k.Sources, k.Checklist, k.SwitchTheme, k.Help, k.HelpWhenIdle, k.Quit, k.QuitWhenIdle},
	}
}
