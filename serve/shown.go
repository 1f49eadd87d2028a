package serve

import (
	"sync"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/returnpane"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Shown is a return the instructor pushed to every student screen: the
// very case the console shows, which each student's screen lays out in
// the app's return pane at its own size. Safe for concurrent use: every
// student session draws from the one Shown.
type Shown struct {
	Title    string
	Case     returnpane.Case
	People   []sim.Contact // the names the overlay gives the handles
	Now      time.Time     // the class clock when it was shown: the timeline's marker
	Educator bool          // the instructor had the educator overlay on

	mu    sync.Mutex
	drawn map[shownSize]returnpane.Model // laid out once per size, whoever asks first
}

type shownSize struct {
	w, h int
	st   string // the theme's name
}

func newShown(title string, c returnpane.Case, people []sim.Contact, now time.Time, educator bool) *Shown {
	return &Shown{Title: title, Case: c, People: people, Now: now, Educator: educator, drawn: map[shownSize]returnpane.Model{}}
}

// maxShownSizes bounds the layouts a Shown keeps (a class resizing
// windows all lesson must not grow it without end).
const maxShownSizes = 64

// laidOut is the return laid out at w × h in the styles st.
func (s *Shown) laidOut(st styles, w, h int) returnpane.Model {
	key := shownSize{w, h, st.com.Theme.Name}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.drawn[key]; ok {
		return p
	}
	keys := common.DefaultKeyMap()
	keys.Educator.SetEnabled(false) // a student cannot hide the overlay the instructor showed
	com := &common.Common{Styles: st.com, Keys: keys, Width: w, Height: h, Snap: common.Snapshot{Contacts: s.People, Now: s.Now}}
	p := returnpane.New(com)
	p.SetCase(s.Case)
	if s.Educator {
		p.ToggleEducator()
	}
	p.SetNow(s.Now)
	p.SetSize(w, h)
	if len(s.drawn) >= maxShownSizes {
		clear(s.drawn)
	}
	s.drawn[key] = p
	return p
}

// shownHead is how many lines stand above the return on a student's screen.
const shownHead = 2

// bottom is the first line of the last screenful at w × h.
func (s *Shown) bottom(st styles, w, h int) int {
	room := max(h-shownHead, 2)
	return max(s.laidOut(st, w, room).LineCount()-(room-2), 0)
}

// view is the shown return full screen on a student's terminal, from
// line top of the return.
func (s *Shown) view(st styles, w, h, top int) string {
	p := s.laidOut(st, w, max(h-shownHead, 2))
	p.Scroll(top) // this screen's copy: the laid-out lines are shared, read only
	// The pane comes fitted to its size: only the two lines above it are
	// fitted here (lipgloss's general Render would measure every line again).
	return common.Fit(st.title.Render("SHOWN TO THE CLASS BY YOUR INSTRUCTOR · read-only"), w) + "\n" +
		common.Fit(st.faint.Render(sim.Printable(s.Title)+" — ↑/↓ pgup/pgdn scroll · esc closes it on your screen; your phone keeps running underneath"), w) + "\n" +
		p.View()
}

// scrollShown moves the student's view of the shown return with the
// app's scrolling keys, within its first line and its last screenful.
func (s *studentSession) scrollShown(k tea.KeyPressMsg) {
	shownKeys := common.NewScrollKeys(common.DefaultKeyMap())
	page := max(s.height/2, 1)
	switch {
	case key.Matches(k, shownKeys.Up):
		s.top--
	case key.Matches(k, shownKeys.Down):
		s.top++
	case key.Matches(k, shownKeys.PageUp):
		s.top -= page
	case key.Matches(k, shownKeys.PageDown):
		s.top += page
	case key.Matches(k, shownKeys.Top):
		s.top = 0
	case key.Matches(k, shownKeys.Bottom):
		s.top = s.shown.bottom(s.st, s.width, s.height)
	default:
		return
	}
	s.top = min(max(s.top, 0), s.shown.bottom(s.st, s.width, s.height))
}
