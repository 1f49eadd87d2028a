package serve

import (
	"strings"
	"sync"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/returnpane"

	"charm.land/lipgloss/v2"
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
	drawn map[shownSize]string // laid out once per size, whoever asks first
}

type shownSize struct {
	w, h int
	st   string // the theme's name
}

func newShown(title string, c returnpane.Case, people []sim.Contact, now time.Time, educator bool) *Shown {
	return &Shown{Title: title, Case: c, People: people, Now: now, Educator: educator, drawn: map[shownSize]string{}}
}

// maxShownSizes bounds the layouts a Shown keeps (a class resizing
// windows all lesson must not grow it without end).
const maxShownSizes = 64

// pane is the return laid out at w × h in the styles st.
func (s *Shown) pane(st styles, w, h int) string {
	key := shownSize{w, h, st.com.Theme.Name}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.drawn[key]; ok {
		return v
	}
	com := &common.Common{Styles: st.com, Keys: common.DefaultKeyMap(), Width: w, Height: h, Snap: common.Snapshot{Contacts: s.People, Now: s.Now}}
	p := returnpane.New(com)
	p.SetCase(s.Case)
	if s.Educator {
		p.ToggleEducator()
	}
	p.SetNow(s.Now)
	p.SetSize(w, h)
	v := p.View()
	if len(s.drawn) >= maxShownSizes {
		clear(s.drawn)
	}
	s.drawn[key] = v
	return v
}

// view is the shown return full screen on a student's terminal.
func (s *Shown) view(st styles, w, h int) string {
	head := []string{
		st.title.Render("SHOWN TO THE CLASS BY YOUR INSTRUCTOR · read-only"),
		st.faint.Render(sim.Printable(s.Title) + " — esc closes it on your screen; your phone keeps running underneath"),
	}
	room := max(h-len(head), 2)
	body := strings.Join(head, "\n") + "\n" + s.pane(st, w, room)
	return lipgloss.NewStyle().Width(w).MaxWidth(w).Height(h).MaxHeight(h).Render(body)
}
