package sim_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"bluegreen/sim"
	"bluegreen/sim/discovery"
)

func designClass(t *testing.T) *sim.Class {
	t.Helper()
	s, err := sim.LoadScenario(sim.DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	c, err := sim.NewClass(context.Background(), s, sim.NewMemoryLog(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// join enrols student n (an iPhone) and builds their phone.
func join(t *testing.T, c *sim.Class, n int) *sim.World {
	t.Helper()
	number := sim.Handle(fmt.Sprintf("tel:+141555501%02d", 50+n))
	c.Enrol(number, false)
	w, err := c.NewPhone(sim.Student{
		Name: fmt.Sprintf("Student %d", n), Number: number,
		WiFiIP: fmt.Sprintf("192.0.2.%d", 10+n), CellIP: fmt.Sprintf("198.51.100.%d", 10+n), Seed: uint64(n),
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func lastRow(t *testing.T, c *sim.Class) sim.LogEntry {
	t.Helper()
	rows, err := c.Server().Log().Entries(context.Background(), sim.LogFilter{})
	if err != nil || len(rows) == 0 {
		t.Fatalf("the class log: %d rows, %v", len(rows), err)
	}
	return rows[len(rows)-1]
}

func TestClassSetDesignNeedsTheCryptographyForConcealingDesigns(t *testing.T) {
	c := designClass(t)
	a := join(t, c, 1)
	if err := c.SetDesign(sim.DesignHashed); err == nil {
		t.Fatal("hashed without the designs' cryptography was accepted")
	}
	if err := c.SetDesign(sim.DesignNoLog); err != nil {
		t.Fatalf("no-log needs no cryptography: %v", err)
	}
	if a.Design() != sim.DesignNoLog || c.Design() != sim.DesignNoLog {
		t.Errorf("after the switch: class %s, phone %s; want no-log", c.Design(), a.Design())
	}
	if err := a.SetDesign(sim.DesignApple); err == nil {
		t.Error("a student's phone switched the class's design on its own")
	}
	if err := c.SetDesign("quantum"); err == nil {
		t.Error("an unknown design was accepted")
	}
}

// TestClassSetDesignReachesEveryPhoneAndLaterJoiners switches to hashed
// and private with one phone in the class, then a second joins: both
// phones' lookups are logged under the design, and each reads the other's
// devices right although the second joined after the cryptography was
// attached (the hash index and the published set follow the directory).
func TestClassSetDesignReachesEveryPhoneAndLaterJoiners(t *testing.T) {
	ctx := context.Background()
	c := designClass(t)
	c.UseDiscovery(discovery.Attach)
	a := join(t, c, 1)
	if err := c.SetDesign(sim.DesignHashed); err != nil {
		t.Fatal(err)
	}
	b := join(t, c, 2)
	if b.Design() != sim.DesignHashed {
		t.Fatalf("a phone joining after the switch runs %s, want hashed", b.Design())
	}
	for _, pair := range [][2]*sim.World{{a, b}, {b, a}} {
		res, err := pair[0].Lookup(ctx, []sim.Handle{pair[1].Phone.Self}, sim.TriggerTyped)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Answers[0].Devices; got != 1 {
			t.Errorf("%s read %d devices for %s under hashed, want 1", pair[0].Phone.Owner, got, pair[1].Phone.Owner)
		}
		row := lastRow(t, c)
		want := sim.Handle(discovery.HashHandle(pair[1].Phone.Self).String())
		if row.Design != sim.DesignHashed || row.LookupHandle != want {
			t.Errorf("row %s %q, want hashed %q", row.Design, row.LookupHandle, want)
		}
	}
	if err := c.SetDesign(sim.DesignPrivate); err != nil {
		t.Fatal(err)
	}
	a.Phone.Cache.Clear()
	res, err := a.Lookup(ctx, []sim.Handle{b.Phone.Self}, sim.TriggerTyped)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Answers[0].Devices; got != 1 {
		t.Errorf("private: %d devices for a classmate who joined after the key was made, want 1", got)
	}
	if row := lastRow(t, c); row.Design != sim.DesignPrivate || row.LookupHandle != sim.NotLearnt {
		t.Errorf("private row %s %q, want %q", row.Design, row.LookupHandle, sim.NotLearnt)
	}
	c.Enrol(b.Phone.Self, true) // the instructor makes b an Android phone
	a.Phone.Cache.Clear()
	if res, _ = a.Lookup(ctx, []sim.Handle{b.Phone.Self}, sim.TriggerTyped); res.Answers[0].Devices != 0 {
		t.Errorf("private: an Android classmate reads %d devices, want 0", res.Answers[0].Devices)
	}
}

// TestClassSetDesignUnderConcurrentLookups switches the design over and
// over while four phones look numbers up: no row is lost, and every row
// carries the design it was written under (its lookup column says so).
func TestClassSetDesignUnderConcurrentLookups(t *testing.T) {
	ctx := context.Background()
	c := designClass(t)
	c.UseDiscovery(discovery.Attach)
	phones := []*sim.World{join(t, c, 1), join(t, c, 2), join(t, c, 3), join(t, c, 4)}
	const lookups = 40
	made := make([]map[sim.Design]int, len(phones))
	var wg sync.WaitGroup
	errs := make(chan error, len(phones))
	for i, w := range phones {
		made[i] = map[sim.Design]int{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range lookups {
				res, err := w.Lookup(ctx, []sim.Handle{sim.Handle(fmt.Sprintf("tel:+141555501%02d", n))}, sim.TriggerTyped)
				if err != nil {
					errs <- err
					return
				}
				for _, ex := range res.Exchanges {
					if ex.Response.Status == sim.StatusOK {
						made[i][ex.Design] += len(ex.Handles())
					}
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	cycle := []sim.Design{sim.DesignHashed, sim.DesignPrivate, sim.DesignApple}
	switches := 0
	for running := true; running; switches++ {
		select {
		case <-done:
			running = false
		default:
			if err := c.SetDesign(cycle[switches%len(cycle)]); err != nil {
				t.Fatal(err)
			}
		}
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	want := map[sim.Design]int{}
	total := 0
	for _, m := range made {
		for d, n := range m {
			want[d] += n
			total += n
		}
	}
	rows, err := c.Server().Log().Entries(ctx, sim.LogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != total {
		t.Fatalf("the log holds %d rows for %d lookups answered (%d switches)", len(rows), total, switches)
	}
	got := map[sim.Design]int{}
	for _, r := range rows {
		got[r.Design]++
		lookup := string(r.LookupHandle)
		switch r.Design {
		case sim.DesignApple:
			if !strings.HasPrefix(lookup, "tel:") {
				t.Errorf("an apple row logged %q, not the number", lookup)
			}
		case sim.DesignHashed:
			if strings.HasPrefix(lookup, "tel:") || len(lookup) < 16 {
				t.Errorf("a hashed row logged %q, not a hash", lookup)
			}
		case sim.DesignPrivate:
			if r.LookupHandle != sim.NotLearnt {
				t.Errorf("a private row logged %q", lookup)
			}
		}
	}
	for _, d := range cycle {
		if got[d] != want[d] {
			t.Errorf("%s: %d rows in the log, %d lookups answered under it", d, got[d], want[d])
		}
	}
	t.Logf("%d switches, %d rows: %v", switches, total, got)
}

// TestClassInterceptRecordsUnderNoLog: under no-log a pen register on a
// student makes Apple record their lookups from its entry, on a phone that
// joined before the order and on one that joined after.
func TestClassInterceptRecordsUnderNoLog(t *testing.T) {
	ctx := context.Background()
	c := designClass(t)
	a := join(t, c, 1)
	if err := c.SetDesign(sim.DesignNoLog); err != nil {
		t.Fatal(err)
	}
	ana := sim.Handle("tel:+14155550132")
	if _, err := a.Lookup(ctx, []sim.Handle{ana}, sim.TriggerTyped); err != nil {
		t.Fatal(err)
	}
	c.Intercept(sim.Intercept{Kind: "pen-register", Target: a.Phone.Self, From: c.Now()})
	b := join(t, c, 2)
	c.Intercept(sim.Intercept{Kind: "pen-register", Target: b.Phone.Self, From: c.Now()})
	for _, w := range []*sim.World{a, b} {
		if _, err := w.Lookup(ctx, []sim.Handle{sim.Handle("tel:+14155550147")}, sim.TriggerTyped); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := c.Server().Log().Entries(ctx, sim.LogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].SourceHandle != a.Phone.Self || rows[1].SourceHandle != b.Phone.Self {
		t.Errorf("under no-log with pen registers the log holds %v, want the two lookups after the orders", rows)
	}
}
