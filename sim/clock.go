package sim

import (
	"fmt"
	"time"
)

// Clock is the simulated time. Nothing in bluegreen reads the wall clock:
// time starts where the scenario says and moves only when told to, so the
// same actions always give the same log.
type Clock struct {
	now time.Time
}

// NewClock starts a clock at t (kept in UTC, as Apple's log is).
func NewClock(t time.Time) *Clock { return &Clock{now: t.UTC()} }

// Now is the current simulated time.
func (c *Clock) Now() time.Time { return c.now }

// Advance moves the clock forward by d; a negative d is refused because
// Apple's log never runs backwards.
func (c *Clock) Advance(d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("the clock only moves forward (asked to move %s)", d)
	}
	c.now = c.now.Add(d)
	return nil
}

// Set moves the clock to t, which must not be earlier than now.
func (c *Clock) Set(t time.Time) error {
	if t.Before(c.now) {
		return fmt.Errorf("the clock only moves forward: %s is before %s", t.UTC().Format(time.RFC3339), c.now.Format(time.RFC3339))
	}
	c.now = t.UTC()
	return nil
}
