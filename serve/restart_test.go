package serve

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
)

// joinAndroid joins as an Android phone: right arrow on the phone field.
func (c *client) joinAndroid(name string) {
	c.t.Helper()
	c.waitFor("join screen", "join the class")
	c.send(name, "\r", testCode, "\r", "\x1b[C", "\r")
	c.waitFor(name+"'s phone", name+" · Wi-Fi")
	c.number = c.numberOf(name)
}

// rosterRow is name's line of the roster.
func rosterRow(t *testing.T, tc *testClass, name string) RosterRow {
	t.Helper()
	rows, err := tc.srv.room.roster(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("%s is not on the roster %v", name, rows)
	return RosterRow{}
}

// TestTheClassSurvivesARestart: two students join, the server stops and a
// new one starts on the same database. The student who comes back with
// the same key gets the same phone — name, number, addresses, platform —
// and is told that its thread and cache did not survive; the other is on
// the roster, away, with the lookups Apple logged; a newcomer can take
// neither's name nor number.
func TestTheClassSurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	first := startClass(t, inFolder(dir))
	kimKey, leeKey := newSigner(t), newSigner(t)
	kim := first.dial(t, "student", kimKey, 120, 40)
	kim.joinAndroid("Kim")
	lee := first.dial(t, "student", leeKey, 120, 40)
	lee.join("Lee")
	lee.lookUp(studentNumber(1)) // Lee looks Kim up: Kim's phone is an Android phone, green
	lee.clearTo()
	lee.lookUp("4155550132")
	before := map[string]RosterRow{"Kim": rosterRow(t, first, "Kim"), "Lee": rosterRow(t, first, "Lee")}
	if before["Lee"].Lookups != 2 || !before["Kim"].Android {
		t.Fatalf("before the restart: %+v", before)
	}
	first.stop(t)
	for _, c := range []*client{kim, lee} {
		c.ended("the first server stops")
	}

	second := startClass(t, inFolder(dir))
	if n := second.srv.Restored(); n != 2 {
		t.Fatalf("the restarted server restored %d students, want 2", n)
	}
	for name, was := range before {
		now := rosterRow(t, second, name)
		was.Online = false
		if now != was {
			t.Errorf("after the restart %s is %+v, was %+v", name, now, was)
		}
	}
	back := second.dial(t, "student", kimKey, 120, 40)
	scr := back.waitFor("Kim is back", "Kim · Wi-Fi 192.0.2.10", "server restarted", "thread and the phone's cache")
	if strings.Contains(scr, "join the class") {
		t.Errorf("a returning key was asked to join again:\n%s", scr)
	}
	if r := rosterRow(t, second, "Kim"); !r.Online || !r.Android || r.Number != before["Kim"].Number || r.CellIP != before["Kim"].CellIP {
		t.Errorf("Kim came back as %+v, was %+v", r, before["Kim"])
	}
	console := second.dial(t, InstructorUser, second.instructor, 160, 40)
	console.waitFor("the console", "INSTRUCTOR", "2 students, 1 online")
	console.send("2")
	console.waitFor("the roster after the restart", "Kim", "● online", "Lee", "○ away")
	console.send("4") // the class began before the restart: its graph still holds Lee's lookup of Kim
	console.waitFor("the class graph after the restart", "WHO LOOKED UP WHOM", "Lee ──▶ Kim  ×1")

	newcomer := second.dial(t, "student", newSigner(t), 120, 40)
	newcomer.waitFor("join screen", "join the class")
	newcomer.send("lee", "\r", testCode, "\r", "\r")
	newcomer.waitFor("a persisted name", "already has that name")
	newcomer.send("\x15", "Max", "\r", "\r", "\r") // the cursor is back in the name field: clear it, retype
	newcomer.waitFor("Max's phone", "Max · Wi-Fi 192.0.2.12")
	if r := rosterRow(t, second, "Max"); r.Number != handle(t, studentNumber(3)) {
		t.Errorf("the newcomer got %s, want the first number no one holds, %s", r.Number, studentNumber(3))
	}
}

// A roster row no join would write — someone edited the file — stops the
// server with an error naming the row, before anyone is let in.
func TestAnEditedRosterIsAClearError(t *testing.T) {
	for _, tc := range []struct {
		why  string
		edit func(*sqlitelog.ClassMember)
		want string
	}{
		{"an escape sequence in a name", func(m *sqlitelog.ClassMember) { m.Name = "Kim\x1b[2J" }, "not a name the class gives"},
		{"a scenario person's number", func(m *sqlitelog.ClassMember) { m.Number = "tel:+14155550132" }, "not one of the fictional numbers"},
		{"a real address", func(m *sqlitelog.ClassMember) { m.WiFiIP = "8.8.8.8" }, "not the documentation addresses"},
		{"a key that is not a fingerprint", func(m *sqlitelog.ClassMember) { m.KeyFingerprint = "ssh-ed25519 AAAA" }, "not a SHA256 fingerprint"},
		{"a name too long to read", func(m *sqlitelog.ClassMember) { m.Name = strings.Repeat("K", 1000) }, "longer than 256 bytes"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			dir := t.TempDir()
			class := startClass(t, inFolder(dir)) // begins the class, on the scenario, in the file
			class.stop(t)
			store, err := sqlitelog.Open(context.Background(), filepath.Join(dir, "class.db"))
			if err != nil {
				t.Fatal(err)
			}
			m := sqlitelog.ClassMember{Seat: 1, Name: "Kim", Number: "tel:+14155550101", WiFiIP: "192.0.2.10", CellIP: "198.51.100.10",
				KeyFingerprint: "SHA256:" + strings.Repeat("A", 43), Joined: class.class.Now().Add(-time.Minute)}
			tc.edit(&m)
			if err := store.AddClassMember(context.Background(), m); err != nil {
				t.Fatal(err)
			}
			store.Close()
			err = newOnFolder(t, dir, false)
			if !errors.Is(err, sqlitelog.ErrBadClass) || !strings.Contains(err.Error(), "seat 1") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("a roster with %s: %v; want ErrBadClass naming seat 1 and %q", tc.why, err, tc.want)
			}
			if err := newOnFolder(t, dir, true); err != nil {
				t.Errorf("--new-class on a roster with %s: %v", tc.why, err)
			}
			if err := newOnFolder(t, dir, false); err != nil {
				t.Errorf("the new class, started again: %v", err)
			}
		})
	}
}

// newOnFolder builds (without serving) a class on the database in dir,
// as --new-class does when newClass, returning New's error.
func newOnFolder(t *testing.T, dir string, newClass bool) error {
	t.Helper()
	ctx := context.Background()
	store, err := sqlitelog.Open(ctx, filepath.Join(dir, "class.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	s, err := sim.LoadScenario(sim.DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	class, err := sim.NewClass(ctx, s, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	hk, err := LoadOrCreateHostKey(filepath.Join(dir, "host_key"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(Config{Class: class, Code: testCode, Max: DefaultMax, HostKey: hk, Roster: store,
		Phone: startClassPhone, NewClass: newClass})
	return err
}

// FuzzRosterRow: whatever a row of the roster holds, checking it never
// panics, and a row it accepts is one a join could have written — and
// cannot be accepted a second time.
func FuzzRosterRow(f *testing.F) {
	f.Add(1, "Kim", "tel:+14155550101", "192.0.2.10", "198.51.100.10", "SHA256:"+strings.Repeat("A", 43), int64(0))
	f.Add(0, "K\x1b[2Jim", "tel:+14155550132", "8.8.8.8", "198.51.100.10", "", int64(-1))
	f.Add(200, "Ana", "+14155550101", "192.0.2.254", "198.51.100.254", "SHA256:", int64(1<<62))
	ctx := context.Background()
	s, err := sim.LoadScenario(sim.DefaultScenario)
	if err != nil {
		f.Fatal(err)
	}
	class, err := sim.NewClass(ctx, s, sim.NewMemoryLog(), nil)
	if err != nil {
		f.Fatal(err)
	}
	room := newClassroom(class, testCode, DefaultMax, InstructorKeys{})
	now := class.Now()
	f.Fuzz(func(t *testing.T, seat int, name, number, wifi, cell, key string, joined int64) {
		m := sqlitelog.ClassMember{Seat: seat, Name: name, Number: number, WiFiIP: wifi, CellIP: cell, KeyFingerprint: key,
			Joined: now.Add(time.Duration(joined))}
		plan := newPlanSets(room)
		st, err := plan.check(m, now)
		if err != nil {
			return
		}
		if clean, _ := CleanName(st.Name); clean != st.Name || class.Taken(st.Number) || !sim.IsDocumentationIP(st.WiFiIP) ||
			!sim.IsDocumentationIP(st.CellIP) || st.Joined.After(now) || st.online {
			t.Fatalf("accepted a row no join writes: %+v", st)
		}
		if _, err := plan.check(m, now); err == nil {
			t.Fatalf("the same row was accepted twice: %+v", m)
		}
	})
}

// failingRoster is a roster store whose writes fail, as on a full disk.
type failingRoster struct{ RosterStore }

func (failingRoster) AddClassMember(context.Context, sqlitelog.ClassMember) error {
	return fmt.Errorf("class.db: %w", sqlitelog.ErrDiskFull)
}

// A join the database cannot record is refused — the student would lose
// the phone at the next restart — with a sentence for the student and the
// cause for the instructor; the place it would have taken stays free.
func TestAJoinTheRosterCannotSaveIsRefused(t *testing.T) {
	tc := startClass(t)
	var log strings.Builder
	room := tc.srv.room
	room.store = failingRoster{room.store}
	room.warn = func(format string, args ...any) { fmt.Fprintf(&log, format, args...) }
	_, err := room.join(joinRequest{Name: "Kim", Code: testCode})
	if !errors.Is(err, ErrNotSaved) || strings.Contains(err.Error(), "class.db") {
		t.Errorf("a join on a full disk: %v; want ErrNotSaved, without the file's name", err)
	}
	if !strings.Contains(log.String(), "Kim could not join") || !strings.Contains(log.String(), "disk is full") {
		t.Errorf("the instructor's log says %q", log.String())
	}
	if n := len(room.students); n != 0 || tc.class.Directory().Has(handle(t, studentNumber(1))) {
		t.Errorf("the refused student took a place: %d students", n)
	}
	room.store = nil
	st, err := room.join(joinRequest{Name: "Kim", Code: testCode})
	if err != nil || st.Number != handle(t, studentNumber(1)) {
		t.Errorf("after the refusal Kim joined as %v, %v; want the first number", st, err)
	}
}
