package returnpane

import (
	"math"
	"strings"

	"bluegreen/tui/common"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is what the return pane's keys do.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// NewKeyMap takes the return pane's bindings from the app's key map.
func NewKeyMap(k common.KeyMap) KeyMap {
	return KeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom}
}

// ShortHelp is the return pane's key bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// FullHelp lists every return pane key.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Model is the return pane: the latest return for the served order, the
// timeline of retention against the order's period, then the production
// exactly as `bluegreen return --format text` prints it, and — only when
// the educator overlay is on — marks that are plainly not part of it.
type Model struct {
	com      *common.Common
	Keys     KeyMap
	c        *Case // nil until an order is served
	offset   int
	educator bool
	width    int
	height   int
	focused  bool
}

// New is the pane before any order.
func New(com *common.Common) Model { return Model{com: com, Keys: NewKeyMap(com.Keys)} }

// SetSize sets the pane's size (zero when hidden) and keeps the scroll
// within the return.
func (p *Model) SetSize(w, h int) {
	p.width, p.height = w, h
	p.Scroll(0)
}

// Focus marks the pane focused.
func (p *Model) Focus() { p.focused = true }

// Blur marks the pane unfocused.
func (p *Model) Blur() { p.focused = false }

// Case is the served order and its productions; nil before any.
func (p Model) Case() *Case { return p.c }

// SetCase shows a new production of c from its top.
func (p *Model) SetCase(c Case) {
	p.c, p.offset = &c, 0
}

// SetTruth takes the case with its ground truth read again, unless another
// order or production has been shown since.
func (p *Model) SetTruth(c Case) {
	if p.c != nil && c.Order == p.c.Order && len(c.Productions) == len(p.c.Productions) {
		p.c = &c
	}
}

// AddExported remembers files an export wrote.
func (p *Model) AddExported(paths []string) {
	if p.c != nil {
		p.c.Exported = append(p.c.Exported, paths...)
	}
}

// ToggleEducator shows or hides the educator overlay.
func (p *Model) ToggleEducator() { p.educator = !p.educator }

// Educator reports whether the educator overlay is on.
func (p Model) Educator() bool { return p.educator }

// Offset is the first line shown.
func (p Model) Offset() int { return p.offset }

// LineCount is how many lines the return holds at the pane's width.
func (p Model) LineCount() int {
	if p.c == nil {
		return 0
	}
	return len(p.lines(p.width - 2))
}

// Update handles the pane's keys when it has focus.
func (p Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	press, ok := msg.(tea.KeyPressMsg)
	if !ok || !p.focused {
		return p, nil
	}
	k, page := p.Keys, max(p.height/2, 1)
	switch {
	case key.Matches(press, k.Up):
		p.Scroll(-1)
	case key.Matches(press, k.Down):
		p.Scroll(1)
	case key.Matches(press, k.PageUp):
		p.Scroll(-page)
	case key.Matches(press, k.PageDown):
		p.Scroll(page)
	case key.Matches(press, k.Top):
		p.offset = 0
	case key.Matches(press, k.Bottom):
		p.Scroll(math.MaxInt32)
	}
	return p, nil
}

// Scroll moves the view by delta lines, from the top to the last
// screenful, never past it (so the way back up starts at once).
func (p *Model) Scroll(delta int) {
	if p.c == nil || p.width <= 0 || p.height <= 0 {
		return
	}
	total := len(p.lines(p.width - 2))
	p.offset = min(max(p.offset+delta, 0), max(total-(p.height-2), 0))
}

// Find scrolls the return so the first line holding text is near the top.
func (p *Model) Find(text string) {
	if p.c == nil {
		return
	}
	for i, l := range p.c.Text {
		if strings.Contains(l, text) {
			p.offset = max(i+timelineRows-3, 0)
			return
		}
	}
}

// timelineRows is how many lines come before the return's text.
const timelineRows = 5
