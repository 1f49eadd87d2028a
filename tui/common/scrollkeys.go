package common

import "charm.land/bubbles/v2/key"

// ScrollKeys are the keys of a pane that scrolls: the wire (where ↑ ↓ pick
// an older or newer lookup), the return and the overlays. Taken from the
// app's KeyMap, so help and dispatch share one table.
type ScrollKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// NewScrollKeys takes the scrolling bindings from k.
func NewScrollKeys(k KeyMap) ScrollKeys {
	return ScrollKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom}
}

// ShortHelp is the scrolling keys' bar.
func (k ScrollKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// FullHelp lists every scrolling key.
func (k ScrollKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
