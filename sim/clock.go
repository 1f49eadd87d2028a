package sim

import (
	"errors"
	"fmt"
	"time"
)

// The supported dates: every time bluegreen accepts — a flag, a scenario's
// start or schedule, a database's clock — lies in [2000-01-01, 2100-01-01)
// UTC. The range holds every year a lesson about iMessage needs (it
// launched in 2011), and keeps all arithmetic on simulated time far from
// the limits of time.Duration (292 years) and of the log's nanosecond
// timestamps (1678–2262), so nothing can overflow.
const (
	FirstYear = 2000 // the first supported year
	LastYear  = 2099 // the last supported year
)

// ErrTimeRange is returned (wrapped) for a time outside the supported dates.
var ErrTimeRange = errors.New("outside the supported dates")

// earliest and latest bound the supported dates: [earliest, latest).
func earliest() time.Time { return time.Date(FirstYear, 1, 1, 0, 0, 0, 0, time.UTC) }
func latest() time.Time   { return time.Date(LastYear+1, 1, 1, 0, 0, 0, 0, time.UTC) }

// CheckTime returns an error wrapping ErrTimeRange when t is outside the
// supported dates.
func CheckTime(t time.Time) error {
	if t.Before(earliest()) || !t.Before(latest()) {
		return fmt.Errorf("%s is %w, %d-01-01 to %d-12-31 (UTC)", t.UTC().Format(time.RFC3339), ErrTimeRange, FirstYear, LastYear)
	}
	return nil
}

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
// Apple's log never runs backwards, and so is a time past the supported dates.
func (c *Clock) Advance(d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("the clock only moves forward (asked to move %s)", d)
	}
	return c.Set(c.now.Add(d))
}

// Set moves the clock to t, which must not be earlier than now and must
// lie in the supported dates.
func (c *Clock) Set(t time.Time) error {
	if t.Before(c.now) {
		return fmt.Errorf("the clock only moves forward: %s is before %s", t.UTC().Format(time.RFC3339), c.now.Format(time.RFC3339))
	}
	if err := CheckTime(t); err != nil {
		return fmt.Errorf("the clock cannot move on: %w", err)
	}
	c.now = t.UTC()
	return nil
}
