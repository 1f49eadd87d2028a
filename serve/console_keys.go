package serve

import (
	"charm.land/bubbles/v2/key"
)

// consoleKeys are the console's bindings; help and the key bar are
// derived from them (and from the order form's while it is open).
type consoleKeys struct {
	NextTab, PrevTab, Up, Down, Pages    key.Binding
	Hour, Day, Week                      key.Binding
	PenRegister, TrapTrace, Stored       key.Binding
	Produce, Renew, Overlay, Export      key.Binding
	Show, Dismiss, GraphSource, Platform key.Binding
	Share, Design, Theme                 key.Binding
	Help, Quit                           key.Binding
}

func newConsoleKeys() consoleKeys {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return consoleKeys{
		NextTab:     b([]string{"tab", "right"}, "tab", "next page"),
		PrevTab:     b([]string{"shift+tab", "left"}, "shift+tab", "previous page"),
		Pages:       b([]string{"1", "2", "3", "4"}, "1-4", "go to a page"),
		Up:          b([]string{"up", "k"}, "↑", "previous student / scroll"),
		Down:        b([]string{"down", "j"}, "↓", "next student / scroll"),
		Hour:        b([]string{"h"}, "h", "clock +1 h"),
		Day:         b([]string{"d"}, "d", "clock +1 d"),
		Week:        b([]string{"w"}, "w", "clock +7 d"),
		PenRegister: b([]string{"p"}, "p", "pen register on student"),
		TrapTrace:   b([]string{"t"}, "t", "trap and trace on student"),
		Stored:      b([]string{"r"}, "r", "stored records on student"),
		// The return's keys are the app's too (alt+p, alt+k, alt+u, alt+e):
		// the order form and the lesson cards name those.
		Produce:     b([]string{"n", "alt+p"}, "n", "Apple produces now"),
		Renew:       b([]string{"R", "alt+k"}, "R", "renew the order +60 d (§3123(c)(2))"),
		Overlay:     b([]string{"u", "alt+u"}, "u", "educator overlay: names, ✓/✗"),
		Export:      b([]string{"e", "alt+e"}, "e", "export the return (CSV, JSON, text)"),
		Show:        b([]string{"s"}, "s", "show return to class"),
		Dismiss:     b([]string{"x"}, "x", "dismiss shown return"),
		GraphSource: b([]string{"g"}, "g", "graph: log / returns"),
		Platform:    b([]string{"a"}, "a", "student iPhone/Android"),
		Share:       b([]string{"A"}, "A", "class share of Android 0/25/50/75 %"),
		Design:      b([]string{"D"}, "D", "next design: apple, hashed, private, +relay, no-log"),
		Theme:       b([]string{"T"}, "T", "next theme"),
		Help:        b([]string{"?"}, "?", "all keys"),
		Quit:        b([]string{"q", "ctrl+c"}, "q", "close console"),
	}
}

// ShortHelp implements help.KeyMap.
func (k consoleKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.NextTab, k.Down, k.Day, k.PenRegister, k.TrapTrace, k.Produce, k.Show, k.Design, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k consoleKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextTab, k.PrevTab, k.Pages, k.Up, k.Down},
		{k.Hour, k.Day, k.Week, k.Platform, k.Share},
		{k.PenRegister, k.TrapTrace, k.Stored, k.Produce, k.Renew},
		{k.Overlay, k.Export, k.Show, k.Dismiss},
		{k.GraphSource, k.Design, k.Theme, k.Help, k.Quit},
	}
}

// bar is the key bar for the page on screen, in short words: the
// return's commands on the Return page, the roster's orders and the class
// elsewhere. Help (?) lists every key.
func (k consoleKeys) bar(t consoleTab) []key.Binding {
	if t == tabReturn {
		return []key.Binding{short(k.Help, "keys"), short(k.Quit, "quit"), short(k.Down, "scroll"), short(k.Produce, "produce"),
			short(k.Renew, "renew"), short(k.Overlay, "overlay"), short(k.Export, "export"), short(k.Show, "show class"), short(k.Dismiss, "dismiss"), short(k.NextTab, "page")}
	}
	return []key.Binding{short(k.Help, "keys"), short(k.Quit, "quit"), short(k.NextTab, "page"), short(k.Down, "student"),
		short(k.PenRegister, "pen register"), short(k.TrapTrace, "trap and trace"), short(k.Stored, "stored records"),
		short(k.Day, "+1 d"), short(k.Design, "design"), short(k.Show, "show class")}
}

// short is b with a shorter description, for the key bar.
func short(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}
