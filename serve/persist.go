package serve

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
	"bluegreen/tui/phonepane"

	tea "charm.land/bubbletea/v2"
)

// RosterStore keeps the class's roster where a restarted server finds it:
// sqlitelog.Store, in the same file as Apple's log, so one --db is one
// class. It holds who joined, their number, addresses and phone, and the
// fingerprint of their SSH key — never the class code.
type RosterStore interface {
	Class(ctx context.Context) (sqlitelog.ClassInfo, []sqlitelog.ClassMember, bool, error)
	BeginClass(ctx context.Context, info sqlitelog.ClassInfo) error
	AddClassMember(ctx context.Context, m sqlitelog.ClassMember) error
	SetClassPlatforms(ctx context.Context, android map[string]bool) error
}

// ErrNotSaved refuses a join the database could not record: the student
// would lose their phone at the next restart. The instructor's log says why.
var ErrNotSaved = errors.New("the class could not save your place on its roster: tell your instructor")

// ErrOtherScenario refuses a database whose class was taught on another
// scenario: its students' numbers may belong to this one's people.
var ErrOtherScenario = errors.New("the database holds a class taught on another scenario")

// saveTime bounds one write of the roster (SQLite waits up to 5 s for a
// lock another process holds).
const saveTime = 10 * time.Second

// restoredNotice is the caption of a phone rebuilt after a restart: what
// came back, and what did not.
const restoredNotice = "Welcome back. The class's server restarted: your name, number and addresses are yours again, and " +
	"Apple's log still holds every lookup you made. Your old thread and the phone's cache lived in the server's memory and are gone."

// keep makes the roster outlive the server: it brings back the class the
// store holds (fresh: forgets it and begins a new one) and records every
// join from now on. It says how many students came back.
func (c *classroom) keep(ctx context.Context, store RosterStore, fresh bool) (int, error) {
	var info sqlitelog.ClassInfo
	var members []sqlitelog.ClassMember
	ok := false
	if !fresh { // a new class need not read the old one: even a damaged roster is replaced
		var err error
		if info, members, ok, err = store.Class(ctx); err != nil {
			return 0, err
		}
	}
	if !ok {
		if err := store.BeginClass(ctx, sqlitelog.ClassInfo{Scenario: c.class.Name(), Began: c.began}); err != nil {
			return 0, err
		}
		c.store = store
		return 0, nil
	}
	if info.Scenario != c.class.Name() {
		return 0, fmt.Errorf("%w (%q, not %q)", ErrOtherScenario, info.Scenario, c.class.Name())
	}
	if err := c.restore(info, members); err != nil {
		return 0, err
	}
	c.store = store
	return len(members), nil
}

// restore puts back the students of a class served before, offline until
// they return. Anyone can edit the file, so every row is checked as a
// join would check it: a row the class would never have written is an
// error that names it, and nothing is restored.
func (c *classroom) restore(info sqlitelog.ClassInfo, members []sqlitelog.ClassMember) error {
	now := c.class.Now()
	if info.Began.After(now) {
		return fmt.Errorf("%w: the class began at %s, after the class clock (%s)", sqlitelog.ErrBadClass, info.Began.Format(time.RFC3339), now.Format(time.RFC3339))
	}
	plan := newPlanSets(c)
	students := make([]*student, 0, len(members))
	for _, m := range members {
		st, err := plan.check(m, now)
		if err != nil {
			return fmt.Errorf("%w: the student in seat %d: %v", sqlitelog.ErrBadClass, m.Seat, err)
		}
		students = append(students, st)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range students {
		if err := c.admitLocked(st); err != nil {
			return fmt.Errorf("%w: the student in seat %d: %v", sqlitelog.ErrBadClass, st.Seat, err)
		}
	}
	c.began = info.Began
	return nil
}

// planSets are what a restored student may hold, and what the students
// restored so far already hold.
type planSets struct {
	numbers     map[sim.Handle]bool
	wifi, cell  map[string]bool
	contacts    map[string]bool // the scenario's people's names, folded
	seats       map[int]bool
	names, keys map[string]bool
	held        map[string]bool // numbers and addresses already restored
}

func newPlanSets(c *classroom) *planSets {
	p := &planSets{numbers: map[sim.Handle]bool{}, wifi: map[string]bool{}, cell: map[string]bool{}, contacts: map[string]bool{},
		seats: map[int]bool{}, names: map[string]bool{}, keys: map[string]bool{}, held: map[string]bool{}}
	for _, h := range c.numbers {
		p.numbers[h] = true
	}
	for _, ip := range c.wifi {
		p.wifi[ip] = true
	}
	for _, ip := range c.cell {
		p.cell[ip] = true
	}
	for _, ct := range c.class.Contacts() {
		p.contacts[foldName(ct.Name)] = true
	}
	return p
}

// check turns a row of the roster into an offline student, or says what
// no join would have written.
func (p *planSets) check(m sqlitelog.ClassMember, now time.Time) (*student, error) {
	name, err := CleanName(m.Name)
	number := sim.Handle(m.Number)
	switch {
	case m.Seat < 1 || m.Seat > sqlitelog.MaxClassMembers || p.seats[m.Seat]:
		return nil, errors.New("its seat is out of range or taken twice")
	case err != nil || name != m.Name:
		return nil, fmt.Errorf("%q is not a name the class gives", m.Name)
	case p.names[foldName(name)] || p.contacts[foldName(name)]:
		return nil, fmt.Errorf("the name %q is taken twice", name)
	case !p.numbers[number]:
		return nil, fmt.Errorf("%q is not one of the fictional numbers a class on this scenario gives", m.Number)
	case !p.wifi[m.WiFiIP] || !p.cell[m.CellIP]:
		return nil, fmt.Errorf("%q and %q are not the documentation addresses a class gives", m.WiFiIP, m.CellIP)
	case p.held[m.Number] || p.held[m.WiFiIP] || p.held[m.CellIP]:
		return nil, errors.New("its number or an address is another student's too")
	case m.KeyFingerprint != "" && (!validFingerprint(m.KeyFingerprint) || p.keys[m.KeyFingerprint]):
		return nil, errors.New("its key fingerprint is not a SHA256 fingerprint, or is another student's too")
	case m.Joined.After(now) || sim.CheckTime(m.Joined) != nil:
		return nil, fmt.Errorf("it joined at %s, after the class clock (%s)", m.Joined.Format(time.RFC3339), now.Format(time.RFC3339))
	}
	p.seats[m.Seat], p.names[foldName(name)] = true, true
	p.held[m.Number], p.held[m.WiFiIP], p.held[m.CellIP] = true, true, true
	if m.KeyFingerprint != "" {
		p.keys[m.KeyFingerprint] = true
	}
	return &student{
		Seat: m.Seat, Name: name, Number: number, WiFiIP: m.WiFiIP, CellIP: m.CellIP, Android: m.Android,
		KeyID: m.KeyFingerprint, Joined: m.Joined, restored: true,
	}, nil
}

// validFingerprint is OpenSSH's "SHA256:" and 43 characters of unpadded
// base64, as golang.org/x/crypto/ssh.FingerprintSHA256 writes it.
func validFingerprint(s string) bool {
	b64, ok := strings.CutPrefix(s, "SHA256:")
	if !ok || len(b64) != 43 {
		return false
	}
	raw, err := base64.RawStdEncoding.DecodeString(b64)
	return err == nil && len(raw) == 32
}

// save records a new student on the roster, before they are let in. The
// caller holds c.mu.
func (c *classroom) save(st *student) error {
	if c.store == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), saveTime)
	defer cancel()
	err := c.store.AddClassMember(ctx, sqlitelog.ClassMember{
		Seat: st.Seat, Name: st.Name, Number: string(st.Number), WiFiIP: st.WiFiIP, CellIP: st.CellIP,
		Android: st.Android, KeyFingerprint: st.KeyID, Joined: st.Joined,
	})
	if err != nil {
		c.warn("%s could not join: %v", st.Name, err)
		return ErrNotSaved
	}
	return nil
}

// savePlatforms records which phones the instructor made Android. A
// failure leaves the class as it is now and tells the instructor what a
// restart would bring back instead.
func (c *classroom) savePlatforms(android map[sim.Handle]bool) {
	if c.store == nil || len(android) == 0 {
		return
	}
	byNumber := make(map[string]bool, len(android))
	for h, a := range android {
		byNumber[string(h)] = a
	}
	ctx, cancel := context.WithTimeout(context.Background(), saveTime)
	defer cancel()
	if err := c.store.SetClassPlatforms(ctx, byNumber); err != nil {
		c.warn("the roster could not record which phones are Android (a restart would bring back the old ones): %v", err)
	}
}

// restoredNote is the caption that tells a student whose phone was rebuilt
// after a restart what it kept and what it lost.
func restoredNote() tea.Cmd {
	return func() tea.Msg { return phonepane.NoticeMsg{Text: restoredNotice} }
}
