package sim

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

func newTestClass(t *testing.T, pace func() time.Time) *Class {
	t.Helper()
	s, err := LoadScenario(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClass(context.Background(), s, NewMemoryLog(), pace)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func studentPhone(t *testing.T, c *Class, n int) *World {
	t.Helper()
	number := mustPhone(fmt.Sprintf("+1 415 555 01%02d", 50+n))
	c.Enrol(number, false)
	w, err := c.NewPhone(Student{
		Name: fmt.Sprintf("Student %d", n), Number: number,
		WiFiIP: fmt.Sprintf("192.0.2.%d", 10+n), CellIP: fmt.Sprintf("198.51.100.%d", 10+n), Seed: uint64(n),
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestClassPhonesShareOneLogAndSeeOnlyTheirOwnRows(t *testing.T) {
	ctx := context.Background()
	c := newTestClass(t, nil)
	a, b := studentPhone(t, c, 1), studentPhone(t, c, 2)
	if _, err := a.Lookup(ctx, []Handle{b.Phone.Self}, TriggerTyped); err != nil {
		t.Fatal(err)
	}
	res, err := b.Lookup(ctx, []Handle{a.Phone.Self, mustPhone("+1 415 555 0132")}, TriggerTyped)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Answers[0].Devices; got != 1 {
		t.Errorf("a classmate's iPhone has %d devices in the directory, want 1", got)
	}
	all, _ := c.Server().Log().Count(ctx, LogFilter{})
	if all != 3 {
		t.Fatalf("the shared log holds %d rows, want 3", all)
	}
	for _, w := range []*World{a, b} {
		rows, err := w.Server.Log().Entries(ctx, LogFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.SourceHandle != w.Phone.Self {
				t.Errorf("%s's view shows a row from %s", w.Phone.Owner, r.SourceHandle)
			}
		}
		if other, _ := w.Server.Log().Count(ctx, LogFilter{Source: mustPhone("+1 415 555 0100")}); other != 0 {
			t.Errorf("%s can count another phone's rows: %d", w.Phone.Owner, other)
		}
	}
	if err := a.Server.Log().Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Server().Log().Count(ctx, LogFilter{}); err != nil {
		t.Errorf("closing a student's view closed the class log: %v", err)
	}
}

func TestAStudentCannotMoveTheClassClock(t *testing.T) {
	c := newTestClass(t, nil)
	w := studentPhone(t, c, 1)
	before := c.Now()
	if _, err := w.Advance(context.Background(), time.Hour); !errors.Is(err, ErrClockNotYours) {
		t.Errorf("a student moving the clock: %v, want ErrClockNotYours", err)
	}
	if _, err := c.Advance(context.Background(), time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := w.Now().Sub(before); got != time.Hour {
		t.Errorf("after the instructor's +1 h the student's phone moved %s", got)
	}
}

func TestARunningClassClockRunsAndJumps(t *testing.T) {
	var mu sync.Mutex
	wall := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	pace := func() time.Time { mu.Lock(); defer mu.Unlock(); return wall }
	c := newTestClass(t, pace)
	start := c.Now()
	mu.Lock()
	wall = wall.Add(90 * time.Second)
	mu.Unlock()
	if got := c.Now().Sub(start); got != 90*time.Second {
		t.Errorf("the running clock moved %s in 90 s", got)
	}
	if _, err := c.Advance(context.Background(), 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := c.Now().Sub(start); got != 24*time.Hour+90*time.Second {
		t.Errorf("after +1 d the clock is %s past the start", got)
	}
	if err := c.CatchUp(context.Background()); err != nil {
		t.Errorf("catching up the scheduled accounts: %v", err)
	}
}

func TestConcurrentPhonesLoseNoRows(t *testing.T) {
	ctx := context.Background()
	c := newTestClass(t, nil)
	const phones, each = 8, 20
	var wg sync.WaitGroup
	errs := make(chan error, phones)
	for i := range phones {
		w := studentPhone(t, c, i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range each {
				h := mustPhone(fmt.Sprintf("+1 415 555 01%02d", j))
				if _, err := w.Lookup(ctx, []Handle{h}, TriggerTyped); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	go func() {
		for range 5 {
			_, _ = c.Advance(ctx, time.Minute)
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	mine := 0
	for i := range phones {
		k, _ := c.Server().Log().Count(ctx, LogFilter{Source: mustPhone(fmt.Sprintf("+1 415 555 01%02d", 50+i))})
		mine += k
	}
	if mine != phones*each {
		t.Errorf("the students' rows: %d, want %d", mine, phones*each)
	}
}

func TestTakenCoversTheScenarioPeople(t *testing.T) {
	c := newTestClass(t, nil)
	for _, h := range []string{"+1 415 555 0100", "+1 415 555 0132", "+1 415 555 0147"} {
		if !c.Taken(mustPhone(h)) {
			t.Errorf("%s belongs to the scenario but is not taken", h)
		}
	}
	if c.Taken(mustPhone("+1 415 555 0199")) {
		t.Error("an unused number is taken")
	}
	if !c.IPTaken("198.51.100.77") || c.IPTaken("192.0.2.250") {
		t.Error("IPTaken disagrees with the scenario's addresses")
	}
}

func mustPhone(s string) Handle {
	h, err := ParseHandle(s, "US")
	if err != nil {
		panic(err)
	}
	return h
}

func TestClassmatesJoinEveryAddressBook(t *testing.T) {
	c := newTestClass(t, nil)
	a := studentPhone(t, c, 1)
	c.AddClassmate("Student 1", a.Phone.Self, "classmate, iPhone")
	b := studentPhone(t, c, 2)
	c.AddClassmate("Student 2", b.Phone.Self, "classmate, iPhone")
	if ct, ok := a.ContactFor(b.Phone.Self); !ok || ct.Name != "Student 2" {
		t.Errorf("a phone made before a classmate joined lacks them: %v %v", ct, ok)
	}
	if _, ok := a.ContactFor(a.Phone.Self); ok {
		t.Error("a student is in their own contacts")
	}
	if n, want := len(b.ContactList()), len(b.Contacts)+1; n != want {
		t.Errorf("%d contacts, want its own and one classmate: %d", n, want)
	}
}
