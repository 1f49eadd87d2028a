package serve

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
)

// clearTo starts a new message (ctrl+n), which empties the To: field.
func (c *client) clearTo() { c.send("\x0e") }

// ipOf is the nth student's Wi-Fi address (1-based), in join order.
func ipOf(n int) string { return "192.0.2." + strconv.Itoa(9+n) }

func handle(t *testing.T, s string) sim.Handle {
	t.Helper()
	h, err := sim.ParseHandle(s, "US")
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestAClassLooksEachOtherUpAndTheInstructorServesOrders is the lesson end
// to end: three students join, look each other up and message each other;
// the instructor serves a pen register and a trap and trace and shows a
// return to the class.
func TestAClassLooksEachOtherUpAndTheInstructorServesOrders(t *testing.T) {
	tc := startClass(t)
	names := []string{"Kim", "Lee", "Max"}
	students := make([]*client, len(names))
	for i, n := range names {
		students[i] = tc.dial(t, "student", newSigner(t), 120, 40)
		students[i].join(n)
	}
	kim, lee, max := students[0], students[1], students[2]
	lookups := 0
	kim.lookUp(studentNumber(2)) // Kim looks Lee up: he joined after her, and is in her contacts all the same
	kim.waitFor("Lee in Kim's To: field", "Lee · iMessage")
	kim.clearTo()
	lee.lookUp(studentNumber(1)) // Lee looks Kim up, then Max
	lee.clearTo()
	lee.lookUp(studentNumber(3))
	lee.clearTo()
	max.lookUp(studentNumber(1)) // Max looks Kim up and messages her: she is in his contacts
	max.waitFor("Kim in Max's To: field", "Kim · iMessage")
	max.send("\r", "\r", "hi Kim", "\r")
	max.waitSent("Max's message", "hi Kim")
	max.send("\x0e") // ctrl+n: a new message
	lookups += 4
	console := tc.dial(t, InstructorUser, tc.instructor, 160, 70)
	console.waitFor("the console", "INSTRUCTOR", "3 students, 3 online")
	console.send("2")
	console.waitFor("the roster", "Kim", "Lee", "Max", "+14155550103")
	console.send("j", "p") // a pen register on Lee, in the order form
	console.waitFor("the order form", "Court order on Lee", "+14155550102", "● pen register")
	console.send("\r")
	console.waitFor("the pen register", "pen register on Lee (+14155550102) — production 1")
	lee.lookUp("4155550132") // after the order: Lee looks Ana up
	lee.clearTo()
	lookups++
	console.send("n")
	console.waitFor("the second production", "production 2", "Production 2 of 2", "1 record", "tel:+14155550132")
	console.send("u") // the overlay names the handles from the roster
	console.waitFor("the educator overlay", "EDUCATOR OVERLAY", "Lee", "Ana")
	console.send("s")
	for i, s := range students {
		scr := s.waitFor(names[i]+" sees the return shown", "SHOWN TO THE CLASS", "pen register on Lee", "EDUCATOR OVERLAY")
		if strings.Contains(scr, "hides this") {
			t.Errorf("%s's shown return offers a key to hide the overlay:\n%s", names[i], scr)
		}
	}
	console.send("x")
	for i, s := range students {
		s.waitFor(names[i]+"'s phone is back", names[i]+" · Wi-Fi")
	}

	console.send("2", "k", "r", "\r") // stored records on Kim: who she looked up before any order
	console.waitFor("stored records on Kim", "stored-records order on Kim (+14155550101)", "tel:+14155550102")
	console.send("t", "\r") // a trap and trace on Kim looks forward: nothing yet
	console.waitFor("the trap and trace", "trap and trace on Kim (+14155550101) — production 1", "0 records")
	console.send("d") // a day later the phones' caches have gone stale
	console.waitFor("the clock", "Clock +1 d")
	lee.lookUp(studentNumber(1))
	lee.clearTo()
	max.lookUp(studentNumber(1))
	max.clearTo()
	lookups += 2
	console.send("n")
	scr := console.waitFor("the trap and trace's production", "Production 2 of 2", "2 records", "tel:+14155550102", "tel:+14155550103")
	if !strings.Contains(scr, "Lee") || !strings.Contains(scr, "Max") {
		t.Errorf("the overlay does not name Lee and Max beside their rows:\n%s", scr)
	}
	ctx := context.Background()
	ret, err := logview.Produce(ctx, tc.store, logview.Request{
		Order:     logview.Order{Kind: logview.TrapAndTrace, Target: handle(t, studentNumber(1)), Period: logview.DefaultPeriod(tc.class.Now().Add(-time.Hour))},
		Retention: tc.class.Server().Retention(), Produced: []time.Time{tc.class.Now()},
	})
	if err != nil {
		t.Fatal(err)
	}
	var who []string
	for _, r := range ret.Rows() {
		who = append(who, r.SourceHandle.Address())
	}
	if strings.Join(who, " ") != "+14155550102 +14155550103" {
		t.Errorf("the trap and trace's rows come from %v, want Lee then Max", who)
	}

	console.send("4")
	console.waitFor("the class graph", "WHO LOOKED UP WHOM", "Kim ──▶ Lee  ×1", "Lee ──▶ Kim  ×2")

	for i, s := range students {
		scr := s.screen()
		for j := range students {
			if j != i && strings.Contains(scr, ipOf(j+1)) {
				t.Errorf("%s's screen shows %s's address %s:\n%s", names[i], names[j], ipOf(j+1), scr)
			}
		}
	}
	for i := range students {
		w := rowsOf(t, tc, i+1)
		for _, r := range w {
			if r.SourceHandle != handle(t, studentNumber(i+1)) {
				t.Errorf("%s's own log view holds %v", names[i], r)
			}
		}
	}
	all, err := tc.store.Entries(ctx, sim.LogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	fromStudents := 0 // the rest are the scenario's scheduled accounts, as the clock moved a day
	for _, r := range all {
		for i := range students {
			if r.SourceHandle == handle(t, studentNumber(i+1)) {
				fromStudents++
			}
		}
	}
	if fromStudents != lookups {
		t.Errorf("Apple's log holds %d rows from students, want one per lookup made: %d", fromStudents, lookups)
	}
	kim.send("\x03")
	if out := kim.ended("Kim quits"); !strings.Contains(out, "Goodbye, Kim.") {
		t.Errorf("Kim's last line: %q", lastLine(out))
	}
}

// rowsOf is what the nth student's phone can read of Apple's log.
func rowsOf(t *testing.T, tc *testClass, n int) []sim.LogEntry {
	t.Helper()
	tc.srv.room.mu.Lock()
	w := tc.srv.room.students[n-1].world
	tc.srv.room.mu.Unlock()
	rows, err := w.Server.Log().Entries(context.Background(), sim.LogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestAStudentKeyCannotOpenTheConsole(t *testing.T) {
	tc := startClass(t)
	key := newSigner(t)
	c := tc.dial(t, InstructorUser, key, 100, 30)
	out := c.ended("a student key at the console")
	if !strings.Contains(out, "Refused: the instructor's console opens only for a key") || strings.Contains(out, "INSTRUCTOR") {
		t.Errorf("a student's key at the console got:\n%s", out)
	}
	c2 := tc.dial(t, "console", key, 100, 30)
	c2.waitFor("a student key with another login name", "join the class")
	if strings.Contains(c2.screen(), "INSTRUCTOR") {
		t.Error("a student's key reached the console")
	}
}

func TestAWrongClassCodeIsRefusedThreeTimes(t *testing.T) {
	tc := startClass(t)
	c := tc.dial(t, "student", newSigner(t), 100, 30)
	c.waitFor("join screen", "join the class")
	c.send("Kim", "\r", "AAA-111", "\r", "\r")
	c.waitFor("first wrong code", "2 tries left")
	c.send("BBB-222", "\r", "\r")
	c.waitFor("second wrong code", "One try left")
	c.send("CCC-333", "\r", "\r")
	out := c.ended("third wrong code")
	if !strings.Contains(out, "not the class code, three times") {
		t.Errorf("after three wrong codes: %q", lastLine(out))
	}
	for _, code := range []string{"AAA-111", "BBB-222", "CCC-333", testCode} {
		if strings.Contains(out, code) {
			t.Errorf("the screen showed the code %s", code)
		}
	}
	if n := len(tc.srv.room.students); n != 0 {
		t.Errorf("%d students joined with wrong codes", n)
	}
}

func TestReconnectingWithTheSameKeyRestoresThePhone(t *testing.T) {
	tc := startClass(t)
	key := newSigner(t)
	c := tc.dial(t, "student", key, 120, 40)
	c.join("Kim")
	c.lookUp("4155550132")
	c.send("\r", "\r", "see you", "\r")
	c.waitSent("Kim's message", "see you")
	c.send("\x03")
	c.ended("Kim leaves")
	console := tc.dial(t, InstructorUser, tc.instructor, 140, 30)
	console.send("2")
	console.waitFor("Kim away", "○ away")

	back := tc.dial(t, "student", key, 120, 40)
	scr := back.waitFor("Kim is back", "Kim · Wi-Fi", "see you")
	if strings.Contains(scr, "join the class") {
		t.Errorf("a returning key was asked to join again:\n%s", scr)
	}
	console.waitFor("Kim online", "● online")
	back.send("\x0e") // ctrl+n: a new message
	back.lookUpWant("4155550132", false)
	back.waitFor("the cache answers", "cache")
	if n, _ := tc.store.Count(context.Background(), sim.LogFilter{}); n != 1 {
		t.Errorf("Apple's log holds %d rows: the returning phone lost its cache", n)
	}
	other := tc.dial(t, "student", newSigner(t), 120, 40)
	other.join("Lee")
	if !strings.Contains(other.screen(), "Lee · Wi-Fi 192.0.2.11") {
		t.Errorf("a second student got Kim's address:\n%s", other.screen())
	}
}

func TestAFullClassSaysSo(t *testing.T) {
	tc := startClass(t, withMax(1))
	first := tc.dial(t, "student", newSigner(t), 100, 30)
	first.join("Kim")
	late := tc.dial(t, "student", newSigner(t), 100, 30)
	if out := late.ended("a student over --max"); !strings.Contains(out, "The class is full: all 1 places are taken") {
		t.Errorf("a student over the limit read: %q", lastLine(out))
	}
}

func TestANameIsNeverTakenTwice(t *testing.T) {
	tc := startClass(t)
	a := tc.dial(t, "student", newSigner(t), 100, 30)
	a.join("Kim")
	b := tc.dial(t, "student", newSigner(t), 100, 30)
	b.waitFor("join screen", "join the class")
	b.send("kim", "\r", testCode, "\r", "\r")
	b.waitFor("the same name", "already has that name")
	b.send("\x15", "Ana", "\r", "\r", "\r") // the cursor is back in the name field: clear it, a scenario contact's name
	b.waitFor("a contact's name", "Your name  Ana", "already has that name")
}

func TestShutdownSaysGoodbyeAndLeavesAnIntactDatabase(t *testing.T) {
	tc := startClass(t)
	s := tc.dial(t, "student", newSigner(t), 120, 40)
	s.join("Kim")
	s.lookUp("4155550132")
	console := tc.dial(t, InstructorUser, tc.instructor, 120, 30)
	console.waitFor("the console", "INSTRUCTOR")
	path := dbPath(t, tc)
	tc.stop(t)
	for _, c := range []*client{s, console} {
		if out := c.ended("shutdown"); !strings.Contains(out, endedLine) {
			t.Errorf("last line at shutdown: %q", lastLine(out))
		}
	}
	store, err := sqlitelog.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopening Apple's log after shutdown: %v", err)
	}
	defer store.Close()
	if n, err := store.Count(context.Background(), sim.LogFilter{}); err != nil || n != 1 {
		t.Errorf("after shutdown the log holds %d rows (%v), want 1", n, err)
	}
}

func dbPath(t *testing.T, tc *testClass) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(tc.hostKey.Path), "class.db"))
	if len(matches) != 1 {
		t.Fatal("no class.db")
	}
	if _, err := os.Stat(matches[0]); err != nil {
		t.Fatal(err)
	}
	return matches[0]
}
