// Package simtest is the one classroom fixture every test package uses: the
// built-in classroom world over an in-memory log, its people's handles and
// the phone's IPs, and a log filled with n rows for benchmarks.
package simtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"bluegreen/sim"
)

// Handles and IPs of the classroom scenario.
const (
	Ana       sim.Handle = "tel:+14155550132" // a contact on iMessage
	Ben       sim.Handle = "tel:+14155550147" // a contact on SMS
	Abandoned sim.Handle = "tel:+14155550199" // a number typed and never messaged
	Self      sim.Handle = "tel:+14155550100" // the phone's own number
	WiFiIP               = "203.0.113.24"
	CellIP               = "198.51.100.77"
)

// Classroom builds the classroom world over a fresh in-memory log.
func Classroom(tb testing.TB) (*sim.World, *sim.MemoryLog) {
	tb.Helper()
	return ClassroomOn(tb, sim.NewMemoryLog())
}

// ClassroomOn builds the classroom world over store.
func ClassroomOn(tb testing.TB, store *sim.MemoryLog) (*sim.World, *sim.MemoryLog) {
	tb.Helper()
	w, err := NewWorld(sim.DefaultScenario, store)
	if err != nil {
		tb.Fatal(err)
	}
	return w, store
}

// NewWorld builds the named scenario over store (a demo's fresh world).
func NewWorld(scenario string, store sim.LogStore) (*sim.World, error) {
	s, err := sim.LoadScenario(scenario)
	if err != nil {
		return nil, err
	}
	return s.Build(context.Background(), store)
}

// FilledLog is an in-memory log of n rows spread over the 29 days before
// the classroom scenario starts (inside its 30-day retention), over 10,000
// distinct numbers, appended directly rather than through lookups.
func FilledLog(tb testing.TB, n int) *sim.MemoryLog {
	tb.Helper()
	s, err := sim.LoadScenario(sim.DefaultScenario)
	if err != nil {
		tb.Fatal(err)
	}
	const distinct = 10000
	handles := make([]sim.Handle, distinct)
	for i := range handles {
		handles[i] = sim.Handle(fmt.Sprintf("tel:+1202555%04d", i))
	}
	span := 29 * 24 * time.Hour
	first, step := s.Start.Add(-span), span/time.Duration(n)
	store, ctx := sim.NewMemoryLog(), context.Background()
	for i := range n {
		e := sim.LogEntry{
			Time: first.Add(time.Duration(i) * step), SourceHandle: Self,
			LookupHandle: handles[i%distinct], ClientIP: WiFiIP, LookupDevices: i % 4,
		}
		if _, err := store.Append(ctx, e, sim.Truth{App: "Messages", Action: "fixture"}); err != nil {
			tb.Fatal(err)
		}
	}
	return store
}
