package returnpane

import (
	"strings"
	"time"

	"bluegreen/tui/common"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// KeyMap is what the return pane's keys do: it scrolls.
type KeyMap = common.ScrollKeys

// NewKeyMap takes the return pane's bindings from the app's key map.
func NewKeyMap(k common.KeyMap) KeyMap { return common.NewScrollKeys(k) }

// Model is the return pane: the latest return for the served order, the
// timeline of retention against the order's period, then the production
// exactly as `bluegreen return --format text` prints it, and — only when
// the educator overlay is on — marks that are plainly not part of it.
type Model struct {
	com      *common.Common
	Keys     KeyMap
	c        *Case // nil until an order is served
	educator bool
	now      time.Time       // the simulated time the timeline marks
	timeline []string        // laid out for now and the width
	body     []string        // the rest, laid out for the case, the width and the overlay
	scroll   common.Scroller // timeline then body
	width    int
	height   int
	focused  bool
}

// New is the pane before any order.
func New(com *common.Common) Model {
	return Model{com: com, Keys: NewKeyMap(com.Keys), scroll: common.NewScroller()}
}

// SetSize sets the pane's size and lays the return out for it. A hidden
// pane (zero size) keeps its lines and its place until it is shown again.
func (p *Model) SetSize(w, h int) {
	if w <= 0 || h <= 0 {
		p.width, p.height = w, h
		return
	}
	resized := w != p.width || len(p.scroll.Lines()) == 0
	p.width, p.height = w, h
	p.scroll.SetSize(w, h)
	if resized {
		p.layOut()
	}
}

// SetStyles lays the return out again in the current theme.
func (p *Model) SetStyles() { p.relayOut() }

// SetNow moves the timeline's marker to the simulated time t.
func (p *Model) SetNow(t time.Time) {
	if t.Equal(p.now) {
		return
	}
	p.now = t
	if p.width > 0 && p.height > 0 {
		p.layOutTimeline()
	} else {
		p.scroll.Clear() // laid out when shown
	}
}

// relayOut lays the return out again if the pane is on screen; a hidden
// pane does it when shown.
func (p *Model) relayOut() {
	if p.width > 0 && p.height > 0 {
		p.layOut()
	} else {
		p.scroll.Clear()
	}
}

// Focus marks the pane focused.
func (p *Model) Focus() { p.focused = true }

// Blur marks the pane unfocused.
func (p *Model) Blur() { p.focused = false }

// Case is the served order and its productions; nil before any.
func (p Model) Case() *Case { return p.c }

// SetCase shows a new production of c from its top.
func (p *Model) SetCase(c Case) {
	p.c = &c
	p.scroll.Top()
	p.relayOut()
}

// SetTruth takes the case with its ground truth read again, unless another
// order or production has been shown since.
func (p *Model) SetTruth(c Case) {
	if p.c != nil && c.Order == p.c.Order && len(c.Productions) == len(p.c.Productions) {
		p.c = &c
		p.relayOut()
	}
}

// AddExported remembers files an export wrote.
func (p *Model) AddExported(paths []string) {
	if p.c != nil {
		p.c.Exported = append(p.c.Exported, paths...)
	}
}

// ToggleEducator shows or hides the educator overlay.
func (p *Model) ToggleEducator() {
	p.educator = !p.educator
	p.relayOut()
}

// Educator reports whether the educator overlay is on.
func (p Model) Educator() bool { return p.educator }

// Offset is the first line shown.
func (p Model) Offset() int { return p.scroll.Offset() }

// LineCount is how many lines the return holds at the pane's width.
func (p Model) LineCount() int {
	if p.c == nil {
		return 0
	}
	return len(p.scroll.Lines())
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
		p.scroll.Top()
	case key.Matches(press, k.Bottom):
		p.scroll.Bottom()
	}
	return p, nil
}

// Scroll moves the view by delta lines, from the top to the last
// screenful, never past it (so the way back up starts at once).
func (p *Model) Scroll(delta int) {
	if p.c == nil || p.width <= 0 || p.height <= 0 {
		return
	}
	p.scroll.Scroll(delta)
}

// Find scrolls the return so the first line holding text is near the top.
func (p *Model) Find(text string) {
	if p.c == nil {
		return
	}
	for i, l := range p.scroll.Lines() {
		if strings.Contains(ansi.Strip(l), text) {
			// Two lines above the found line, not viewport.EnsureVisible:
			// a demo's find names a section heading ("WHAT POLICE CAN
			// INFER") and the room reads what follows it, but EnsureVisible
			// leaves a line already on screen where it is (perhaps the
			// last row, its section hidden) and puts one off screen on the
			// very first row, with nothing above to say where it is.
			p.scroll.SetOffset(max(i-2, 0))
			return
		}
	}
}
