// Package logpane shows Apple's server log — every account's lookups, as
// Apple keeps them (police receive only a return) — reading only
// the rows on screen from the store.
package logpane

import (
	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Model is the log pane. It holds only the rows on screen: a million-row
// log costs no more to draw than ten.
type Model struct {
	com       *common.Common
	Keys      KeyMap
	width     int
	height    int
	focused   bool
	store     sim.LogStore
	retention sim.Retention
	total     int
	distinct  int
	offset    int  // index of the first row on screen
	follow    bool // keep the newest row in view
	rows      []sim.LogEntry
	landed    int64 // rows with an ID above this landed with the latest lookup
	maxID     int64 // the highest ID seen
	fetches   uint64
	primed    bool // the first fetch has arrived: rows already there are not "new"
	column    int  // the column in focus, for its lesson card; -1 = none
	err       error
	table     common.LogTable // the rows laid out at the pane's width
	heading   []string        // the header line, wrapped to the pane's width
	filter    Filter          // what / narrowed the log to
	edit      filterEdit      // the filter field, while open
	counting  bool            // a fetch for a new filter (or the first) is on its way: the counts are not known
	needs     int             // the pane width that holds every row on one line
	title     string          // the frame's title; "" is Apple's whole log
	first     int             // the first of rows on screen (rows that take two lines may not all fit)
	shown     int             // how many of rows are on screen
}

const logChromeRows = 3 // the header line, the column line, and a spare for the notice

// New is the pane over store, following the newest rows.
func New(com *common.Common, store sim.LogStore, retention sim.Retention) Model {
	return Model{com: com, Keys: NewKeyMap(com.Keys), store: store, retention: retention, follow: true, column: -1, counting: true}
}

// SetTitle names the pane: a store that holds only some accounts' rows
// (a student's own) says whose they are.
func (p *Model) SetTitle(t string) { p.title = t }

// KeyMap is what the log pane's keys do.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Oldest, Newest, ColumnLeft, ColumnRight key.Binding
	Filter, Apply, Cancel                                               key.Binding
}

// NewKeyMap takes the log pane's bindings from the app's key map.
func NewKeyMap(k common.KeyMap) KeyMap {
	return KeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Oldest: k.Top, Newest: k.Bottom, ColumnLeft: k.ColumnLeft, ColumnRight: k.ColumnRight,
		Filter: k.Filter, Apply: k.Confirm, Cancel: k.Cancel}
}

// ShortHelp is the log pane's key bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Filter, k.Up, k.Down, k.PageUp, k.PageDown, k.ColumnLeft, k.ColumnRight}
}

// FullHelp lists every log pane key.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ShortHelp(), {k.Oldest, k.Newest}}
}

// SetSize sets the pane's size (also when hidden: the rows are then
// ready when it is shown).
func (p *Model) SetSize(w, h int) {
	p.width, p.height = w, h
	p.layout()
}

// markerWidth is the room left of each row for the ▶ of new rows.
const markerWidth = 2

// layout lays the rows out at the pane's width and picks those that fit:
// while following, the newest; otherwise from the first fetched.
func (p *Model) layout() {
	who := common.WhoOf(p.com.Snap)
	p.table = common.LayoutLogTable(p.rows, max(p.width-2-markerWidth, 1), who, true)
	p.needs = common.LogTableWidth(p.rows, who) + 2 + markerWidth
	p.fit()
}

// fit picks the laid-out rows that fit under the heading, which is
// worked out again: its counts and its "▶ new" note change with them.
func (p *Model) fit() {
	p.pick(VisibleRows(p.height))
	p.heading = p.headingLines()
	if len(p.heading) > 1 {
		p.pick(VisibleRows(p.height) + 1 - len(p.heading))
		p.heading = p.headingLines()
	}
}

// pick chooses the rows that fit in room lines.
func (p *Model) pick(room int) {
	p.first, p.shown = 0, 0
	used := 0
	order := func(i int) int { return i }
	if p.follow {
		order = func(i int) int { return len(p.rows) - 1 - i }
	}
	for i := range p.table.Rows {
		n := len(p.table.Rows[order(i)])
		if used+n > room {
			break
		}
		used += n
		p.shown++
	}
	if p.follow {
		p.first = len(p.rows) - p.shown
	}
}

// Focus marks the pane focused.
func (p *Model) Focus() { p.focused = true }

// Blur marks the pane unfocused.
func (p *Model) Blur() { p.focused = false }

// SetRetention tells the pane Apple's retention (for its header).
func (p *Model) SetRetention(r sim.Retention) { p.retention = r }

// Column is the column in focus (-1 = none), for its lesson card.
func (p Model) Column() int { return p.column }

// Total is how many rows the log held at the last fetch.
func (p Model) Total() int { return p.total }

// Rows are the rows on screen.
func (p Model) Rows() []sim.LogEntry { return p.rows }

// Offset is the index of the first row on screen.
func (p Model) Offset() int { return p.offset }

// Update handles the pane's keys when it has focus, and the rows it asked for.
func (p Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case RowsMsg:
		p.apply(msg)
	case tea.KeyPressMsg:
		if p.focused && p.edit.on {
			return p, p.filterKey(msg)
		}
		if p.focused {
			return p, p.key(msg)
		}
	case tea.PasteMsg:
		if p.focused && p.edit.on {
			return p, p.filterKey(msg)
		}
	}
	return p, nil
}

func (p *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k, page := p.Keys, VisibleRows(p.height)
	switch {
	case key.Matches(msg, k.Filter):
		p.startFilter()
		return nil
	case key.Matches(msg, k.Cancel) && p.filter.Active():
		return p.SetFilter(Filter{})
	case key.Matches(msg, k.Up):
		return p.Scroll(-1)
	case key.Matches(msg, k.Down):
		return p.Scroll(1)
	case key.Matches(msg, k.PageUp):
		return p.Scroll(-page)
	case key.Matches(msg, k.PageDown):
		return p.Scroll(page)
	case key.Matches(msg, k.Oldest):
		return p.scrollToEnd(false)
	case key.Matches(msg, k.Newest):
		return p.scrollToEnd(true)
	case key.Matches(msg, k.ColumnLeft):
		p.column = max(p.column-1, 0)
	case key.Matches(msg, k.ColumnRight):
		p.column = min(p.column+1, 4)
	}
	return nil
}

// VisibleRows is how many log rows fit in a pane of height h.
func VisibleRows(h int) int { return max(h-2-logChromeRows, 1) }

// MarkLanded starts a new action: rows that arrive from now on are new (▶).
func (p *Model) MarkLanded() {
	p.landed = p.maxID
	p.fit() // the rows and the width are unchanged: only the ▶ and the heading
}

// Scroll moves the window by delta rows; it follows again at the bottom.
func (p *Model) Scroll(delta int) tea.Cmd {
	h := p.height
	limit := VisibleRows(h)
	p.offset = min(max(p.offset+p.first+delta, 0), max(p.total-limit, 0))
	p.follow = p.offset >= p.total-limit
	return p.Fetch()
}

func (p *Model) scrollToEnd(newest bool) tea.Cmd {
	if newest {
		p.follow = true
	} else {
		p.offset, p.follow = 0, false
	}
	return p.Fetch()
}

// NewRows are the rows on screen that landed since the last action (▶).
func (p Model) NewRows() []sim.LogEntry {
	var out []sim.LogEntry
	for _, r := range p.OnScreen() {
		if r.ID > p.landed {
			out = append(out, r)
		}
	}
	return out
}

// NeededWidth is the pane width that shows every row on one line.
func (p Model) NeededWidth() int { return p.needs }

// OnScreen are the rows the pane shows, oldest first.
func (p Model) OnScreen() []sim.LogEntry {
	return p.rows[p.first:min(p.first+p.shown, len(p.rows))]
}
