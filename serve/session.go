package serve

import (
	"errors"
	"sync"

	"bluegreen/tui/app"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// farewell is the line printed on a session's terminal after its screen
// closes. The screen sets it; the farewell middleware prints it.
type farewell struct {
	mu   sync.Mutex
	line string
}

func (f *farewell) set(line string) {
	f.mu.Lock()
	f.line = line
	f.mu.Unlock()
}

func (f *farewell) get() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.line
}

// endedLine is every session's last line when the server stops.
const endedLine = "The class is over: the instructor stopped the server. Goodbye."

// phoneMaker builds the phone screen for a student; the server supplies it
// so tests and the benchmark can choose options.
type phoneMaker func(st *student) (tea.Model, error)

// studentSession is one student's whole session: the join screen, then
// their phone, with what the instructor shows the class on top.
type studentSession struct {
	room    *classroom
	keyID   string
	bye     *farewell
	makeFn  phoneMaker
	st      styles
	join    joinModel
	student *student  // nil until admitted
	phone   tea.Model // the student's phone screen
	shown   *Shown    // the return the instructor shows the class, nil none
	seq     uint64    // the latest shown push applied
	hidden  bool      // the student closed the shown return on their screen
	top     int       // the shown return's first line on this screen
	width   int
	height  int
	message string // a full-screen sentence instead of a screen (class full, refused)
	keys    studentKeys
	// returning is the student whose phone this key already has: Init
	// opens it instead of the join screen.
	returning *student
}

type studentKeys struct {
	Hide key.Binding
}

func newStudentSession(room *classroom, keyID string, bye *farewell, makeFn phoneMaker, st styles, returning *student) *studentSession {
	s := &studentSession{
		room: room, keyID: keyID, bye: bye, makeFn: makeFn, st: st, join: newJoinModel(st),
		keys: studentKeys{Hide: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close it on your screen"))},
	}
	s.returning = returning
	return s
}

// admitted opens the student's phone: the one they left, if they return.
func (s *studentSession) admitted(st *student) tea.Cmd {
	s.student = st
	s.bye.set(goodbyeLine(st.Name, st.KeyID != ""))
	st.mu.Lock()
	screen, leftUnder := st.screen, st.leftUnder
	st.mu.Unlock()
	if screen != nil { // a returning student: their phone as they left it
		s.phone = screen
		cmds := []tea.Cmd{s.phoneSize(), s.platform()}
		if now := s.room.class.Design(); leftUnder != "" && now != leftUnder {
			cmds = append(cmds, func() tea.Msg { return app.DesignMsg{Design: now} }) // switched while they were away
		}
		if r, ok := screen.(interface{ Resume() tea.Cmd }); ok {
			cmds = append(cmds, r.Resume()) // what it did while away, a lookup queued as they left
		}
		return tea.Batch(cmds...)
	}
	phone, err := s.makeFn(st)
	if err != nil {
		s.message = "Your phone could not be opened: " + err.Error()
		return tea.Quit
	}
	s.phone = phone
	if st.restored {
		return tea.Batch(tea.Sequence(phone.Init(), restoredNote()), s.phoneSize())
	}
	return tea.Batch(phone.Init(), s.phoneSize())
}

// goodbyeLine is what a student reads on leaving: how to come back.
func goodbyeLine(name string, hasKey bool) string {
	if !hasKey {
		return "Goodbye, " + name + ". You joined without an SSH key, so this phone cannot be given back: next time, ssh with a key."
	}
	return "Goodbye, " + name + ". ssh in again with the same key to get your phone back: its thread and cache are kept while the server runs, your number and name even after it restarts."
}

// platform tells the phone what the class has made it, Android or iPhone.
func (s *studentSession) platform() tea.Cmd {
	if s.student == nil || s.phone == nil {
		return nil
	}
	msg := app.PlatformMsg{Android: s.room.android(s.student)}
	return func() tea.Msg { return msg }
}

func (s *studentSession) phoneSize() tea.Cmd {
	if s.width == 0 {
		return nil
	}
	w, h := s.width, s.height
	return func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} }
}

// Init implements tea.Model.
func (s *studentSession) Init() tea.Cmd {
	if s.returning != nil {
		return s.admitted(s.returning)
	}
	return nil
}

// Update implements tea.Model.
func (s *studentSession) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.width, s.height = msg.Width, msg.Height
	case classEndedMsg:
		s.bye.set(endedLine)
		return s, tea.Quit
	case shownMsg:
		if msg.seq >= s.seq {
			s.seq, s.shown, s.hidden, s.top = msg.seq, msg.shown, false, 0
		}
		return s, nil
	case joinSubmitMsg:
		return s, s.tryJoin(msg.req)
	case joinResultMsg:
		return s, s.joinAnswered(msg)
	case platformChangedMsg:
		return s, s.platform()
	}
	if s.phone == nil {
		var cmd tea.Cmd
		s.join, cmd = s.join.Update(msg)
		return s, cmd
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && s.showing() {
		if key.Matches(k, s.keys.Hide) {
			s.hidden = true
		}
		s.scrollShown(k)
		if k.String() != "ctrl+c" {
			return s, nil // the shown return is read-only and on top: keys stay with it
		}
	}
	var cmd tea.Cmd
	s.phone, cmd = s.phone.Update(msg)
	s.student.mu.Lock()
	s.student.screen = s.phone
	s.student.mu.Unlock()
	return s, cmd
}

// joinResultMsg is the classroom's answer to a join.
type joinResultMsg struct {
	student *student
	err     error
}

// tryJoin asks the classroom, off the UI goroutine.
func (s *studentSession) tryJoin(req joinRequest) tea.Cmd {
	req.KeyID = s.keyID
	room := s.room
	return func() tea.Msg {
		st, err := room.join(req)
		return joinResultMsg{student: st, err: err}
	}
}

// joinAnswered opens the phone, or counts a wrong code: the third ends
// the session.
func (s *studentSession) joinAnswered(msg joinResultMsg) tea.Cmd {
	if msg.err == nil {
		return s.admitted(msg.student)
	}
	if errors.Is(msg.err, ErrWrongCode) {
		s.join.tries++
		if s.join.tries >= MaxCodeTries {
			s.bye.set("That was not the class code, three times. Ask your instructor for it, then ssh in again.")
			return tea.Quit
		}
	}
	var cmd tea.Cmd
	s.join, cmd = s.join.Update(joinRefusedMsg{err: msg.err})
	return cmd
}

func (s *studentSession) showing() bool { return s.shown != nil && !s.hidden }

// View implements tea.Model.
func (s *studentSession) View() tea.View {
	var v tea.View
	switch {
	case s.width == 0:
		v = tea.NewView("")
	case s.message != "":
		v = tea.NewView(lipgloss.NewStyle().Width(s.width).Padding(1, 2).Render(s.message))
	case s.phone == nil:
		v = tea.NewView(s.join.View(s.width, s.height))
	case s.showing():
		v = tea.NewView(s.shownView())
	default:
		v = s.phone.View()
	}
	v.AltScreen = true
	return v
}

// shownView draws the return the instructor shows the class, full screen
// and read-only.
func (s *studentSession) shownView() string { return s.shown.view(s.st, s.width, s.height, s.top) }
