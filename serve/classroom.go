package serve

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"bluegreen/sim"

	tea "charm.land/bubbletea/v2"
)

// student is one phone in the class. Its world belongs to the student's
// session while they are connected; the roster only reads the fields set
// at join.
type student struct {
	Seat    int // join order from 1, kept across restarts: it seeds the phone
	Name    string
	Number  sim.Handle
	WiFiIP  string
	CellIP  string
	Android bool // chosen at join or set by the instructor
	KeyID   string
	Joined  time.Time

	mu       sync.Mutex
	world    *sim.World
	screen   tea.Model // the phone's screen as the student left it, restored on reconnect
	online   bool
	restored bool // back from the roster of a server before this one: no screen was kept
	// leftUnder is the class's design when the student left: a switch made
	// while they were away is told to their phone when they return.
	leftUnder sim.Design
}

// RosterRow is one line of the instructor's roster.
type RosterRow struct {
	Name, WiFiIP, CellIP string
	Number               sim.Handle
	Android, Online      bool
	Lookups              int
}

// classroom is the room: the shared Apple, the roster and the sessions
// to push to. Safe for concurrent use.
type classroom struct {
	class       *sim.Class
	began       time.Time // the class clock when the server started: older rows are an earlier class's
	code        string
	max         int
	instructors InstructorKeys
	store       RosterStore                      // where the roster outlives the server; nil: in memory only
	warn        func(format string, args ...any) // the server's log, for what only the instructor should read

	mu       sync.Mutex
	students []*student
	byKey    map[string]*student
	numbers  []sim.Handle
	wifi     []string
	cell     []string
	programs map[*tea.Program]bool // every session's program; true for an instructor's
	shown    *Shown
	showSeq  uint64 // orders pushes of shown returns: a student keeps the latest
	ended    bool
}

func newClassroom(class *sim.Class, code string, max int, instructors InstructorKeys) *classroom {
	c := &classroom{
		class: class, began: class.Now(), code: code, max: max, instructors: instructors,
		byKey: map[string]*student{}, programs: map[*tea.Program]bool{}, warn: func(string, ...any) {},
	}
	for _, h := range numberPlan() {
		if !class.Taken(h) {
			c.numbers = append(c.numbers, h)
		}
	}
	for _, ip := range addressPlan("192.0.2") {
		if !class.IPTaken(ip) {
			c.wifi = append(c.wifi, ip)
		}
	}
	for _, ip := range addressPlan("198.51.100") {
		if !class.IPTaken(ip) {
			c.cell = append(c.cell, ip)
		}
	}
	return c
}

// returning is the student who joined earlier with this key, if any; it
// marks them online. A key with an open session is refused.
func (c *classroom) returning(keyID string) (*student, error) {
	if keyID == "" {
		return nil, nil
	}
	c.mu.Lock()
	st := c.byKey[keyID]
	c.mu.Unlock()
	if st == nil {
		return nil, nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.online {
		return nil, ErrOnline
	}
	st.online = true
	return st, nil
}

// hasRoom reports whether a new student could join now.
func (c *classroom) hasRoom() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.students) < c.max
}

// joinRequest is what the join screen collects.
type joinRequest struct {
	Name    string
	Code    string
	Android bool
	KeyID   string // "" for a student without a key: no reconnect
}

// join admits a new student: the code must match, the name be free, and
// the class have room. The phone gets the next free number and addresses,
// and the roster keeps them before the student is let in: a place the
// database could not record would be lost at the next restart.
func (c *classroom) join(req joinRequest) (*student, error) {
	if !codeMatches(req.Code, c.code) {
		return nil, ErrWrongCode
	}
	name, err := CleanName(req.Name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.ended:
		return nil, fmt.Errorf("the class has ended")
	case len(c.students) >= c.max:
		return nil, fmt.Errorf("%w: all %d places are taken", ErrFull, c.max)
	case c.nameTakenLocked(name):
		return nil, ErrNameTaken
	case req.KeyID != "" && c.byKey[req.KeyID] != nil:
		return nil, ErrOnline
	}
	st, ok := c.nextPlaceLocked()
	if !ok {
		return nil, ErrNoNumbers
	}
	st.Name, st.Android, st.KeyID, st.Joined, st.online = name, req.Android, req.KeyID, c.class.Now(), true
	if err := c.save(st); err != nil {
		return nil, err
	}
	if err := c.admitLocked(st); err != nil {
		return nil, err
	}
	return st, nil
}

// nextPlaceLocked is the next seat and the first number and addresses no
// student holds, whoever joined before a restart.
func (c *classroom) nextPlaceLocked() (*student, bool) {
	st := &student{Seat: 1}
	numbers, wifi, cell := map[sim.Handle]bool{}, map[string]bool{}, map[string]bool{}
	for _, o := range c.students {
		st.Seat = max(st.Seat, o.Seat+1)
		numbers[o.Number], wifi[o.WiFiIP], cell[o.CellIP] = true, true, true
	}
	var okN, okW, okC bool
	st.Number, okN = firstFree(c.numbers, numbers)
	st.WiFiIP, okW = firstFree(c.wifi, wifi)
	st.CellIP, okC = firstFree(c.cell, cell)
	return st, okN && okW && okC
}

func firstFree[T comparable](plan []T, taken map[T]bool) (T, bool) {
	for _, x := range plan {
		if !taken[x] {
			return x, true
		}
	}
	var zero T
	return zero, false
}

// admitLocked puts a student in the class: Apple's directory, a phone of
// their own, and every classmate's contacts.
func (c *classroom) admitLocked(st *student) error {
	c.class.Enrol(st.Number, st.Android)
	w, err := c.class.NewPhone(sim.Student{
		Name: st.Name, Number: st.Number, WiFiIP: st.WiFiIP, CellIP: st.CellIP, Android: st.Android,
		Contacts: c.class.Contacts(), Seed: uint64(st.Seat), Since: st.Joined,
	})
	if err != nil {
		return err
	}
	st.world = w
	c.class.AddClassmate(st.Name, st.Number, platformNote(st.Android))
	c.students = append(c.students, st)
	if st.KeyID != "" {
		c.byKey[st.KeyID] = st
	}
	return nil
}

// nameTakenLocked: a classmate's name, or a scenario contact's (two "Ana"s
// in every contact list would make completion ambiguous).
func (c *classroom) nameTakenLocked(name string) bool {
	for _, st := range c.students {
		if foldName(st.Name) == foldName(name) {
			return true
		}
	}
	for _, ct := range c.class.Contacts() {
		if foldName(ct.Name) == foldName(name) {
			return true
		}
	}
	return false
}

// platformNote is how a classmate's contact card describes their phone.
func platformNote(android bool) string {
	if android {
		return "classmate, Android"
	}
	return "classmate, iPhone"
}

// leave marks a student offline, keeping the screen to restore.
func (c *classroom) leave(st *student) {
	design := c.class.Design()
	st.mu.Lock()
	st.online, st.leftUnder = false, design
	st.mu.Unlock()
}

// setAndroid makes a student's phone an Android phone or an iPhone: Apple's
// directory lists an Android phone with no iMessage device, so classmates
// see green, and the phone itself leaves iMessage, so it never asks Apple.
func (c *classroom) setAndroid(number sim.Handle, android bool) {
	c.mu.Lock()
	for _, st := range c.students {
		if st.Number == number {
			st.Android = android
			c.class.Enrol(number, android)
		}
	}
	c.mu.Unlock()
	c.savePlatforms(map[sim.Handle]bool{number: android})
	c.push(func(instructor bool) tea.Msg {
		if instructor {
			return nil
		}
		return platformChangedMsg{}
	})
}

// android reports whether the class has made st an Android phone.
func (c *classroom) android(st *student) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return st.Android
}

// androidShares are the shares of Android phones the instructor cycles through.
var androidShares = []int{0, 25, 50, 75}

// setShare lists pct percent of the class as Android phones in Apple's
// directory, spread evenly in join order, the rest as iPhones; it says
// how many are Android.
func (c *classroom) setShare(pct int) int {
	defer c.push(func(instructor bool) tea.Msg {
		if instructor {
			return nil
		}
		return platformChangedMsg{}
	})
	c.mu.Lock()
	n := 0
	platforms := make(map[sim.Handle]bool, len(c.students))
	for i, st := range c.students {
		android := (i+1)*pct/100 > i*pct/100
		st.Android = android
		c.class.Enrol(st.Number, android)
		platforms[st.Number] = android
		if android {
			n++
		}
	}
	c.mu.Unlock()
	c.savePlatforms(platforms)
	return n
}

// roster lists the students in join order with the rows each caused.
func (c *classroom) roster(ctx context.Context) ([]RosterRow, error) {
	c.mu.Lock()
	students := slices.Clone(c.students)
	c.mu.Unlock()
	log := c.class.Server().Log()
	rows := make([]RosterRow, len(students))
	for i, st := range students {
		n, err := log.Count(ctx, sim.LogFilter{Source: st.Number, From: st.Joined})
		if err != nil {
			return nil, err
		}
		st.mu.Lock()
		online := st.online
		st.mu.Unlock()
		rows[i] = RosterRow{Name: st.Name, Number: st.Number, WiFiIP: st.WiFiIP, CellIP: st.CellIP, Android: st.Android, Online: online, Lookups: n}
	}
	return rows, nil
}

// names maps every handle the class knows to a person's name: students
// and the scenario's contacts.
func (c *classroom) names() map[sim.Handle]string {
	out := map[sim.Handle]string{}
	for _, ct := range c.class.Contacts() {
		for _, h := range ct.Handles {
			out[h] = ct.Name
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.students {
		out[st.Number] = st.Name
	}
	return out
}

// attach registers a session's program for pushes; the returned function
// detaches it.
func (c *classroom) attach(p *tea.Program, instructor bool) (detach func()) {
	c.mu.Lock()
	c.programs[p] = instructor
	shown, seq := c.shown, c.showSeq
	c.mu.Unlock()
	if shown != nil && !instructor {
		go p.Send(shownMsg{shown: shown, seq: seq})
	}
	c.pushToInstructors(classChangedMsg{})
	return func() {
		c.mu.Lock()
		delete(c.programs, p)
		c.mu.Unlock()
		c.pushToInstructors(classChangedMsg{})
	}
}

// show pushes a return to every student screen (nil dismisses it).
func (c *classroom) show(s *Shown) {
	c.mu.Lock()
	c.shown = s
	c.showSeq++
	seq := c.showSeq
	c.mu.Unlock()
	c.push(func(instructor bool) tea.Msg {
		if instructor {
			return classChangedMsg{}
		}
		return shownMsg{shown: s, seq: seq}
	})
}

// end tells every session the class is over.
func (c *classroom) end() {
	c.mu.Lock()
	c.ended = true
	c.mu.Unlock()
	c.push(func(bool) tea.Msg { return classEndedMsg{} })
}

func (c *classroom) pushToInstructors(msg tea.Msg) {
	c.push(func(instructor bool) tea.Msg {
		if instructor {
			return msg
		}
		return nil
	})
}

// push sends each program its message, outside the lock: Send waits for
// the program to take it.
func (c *classroom) push(msgFor func(instructor bool) tea.Msg) {
	c.mu.Lock()
	targets := make(map[*tea.Program]bool, len(c.programs))
	for p, instr := range c.programs {
		targets[p] = instr
	}
	c.mu.Unlock()
	for p, instr := range targets {
		if msg := msgFor(instr); msg != nil {
			go p.Send(msg)
		}
	}
}

// sessions is how many programs are attached.
func (c *classroom) sessions() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.programs)
}

// shownMsg carries a return shown to the class (nil: dismissed); seq
// orders pushes that may arrive out of order.
type shownMsg struct {
	shown *Shown
	seq   uint64
}

// classChangedMsg tells a console to reread the roster and the log.
type classChangedMsg struct{}

// platformChangedMsg tells student sessions that the instructor changed
// which phones are Android: each compares its own.
type platformChangedMsg struct{}

// classEndedMsg ends a session: the server is stopping.
type classEndedMsg struct{}
