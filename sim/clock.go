package sim

import (
	"errors"
	"fmt"
	"sync"
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

// ErrClockNotYours is returned when a phone in a class tries to move the
// class clock: only the instructor moves it.
var ErrClockNotYours = errors.New("in a class only the instructor moves the clock")

// Clock is the simulated time. Nothing in sim reads the wall clock: time
// starts where the scenario says and moves only when told to, so the same
// actions always give the same log. A running clock (a live class) is
// given its pace from outside. A Clock is safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	pace   func() time.Time // nil: time stands still between moves
	since  time.Time        // pace's reading when now was last set
	leader *Clock           // a follower reads its leader and cannot move it
}

// NewClock starts a clock at t (kept in UTC, as Apple's log is).
func NewClock(t time.Time) *Clock { return &Clock{now: t.UTC()} }

// NewRunningClock starts a clock at t that also runs between moves at the
// pace of pace (time.Now for a live class), so rows typed seconds apart
// are logged seconds apart and an order served now never reaches rows
// typed a moment before.
func NewRunningClock(t time.Time, pace func() time.Time) *Clock {
	return &Clock{now: t.UTC(), pace: pace, since: pace()}
}

// Follower is a clock that always reads c and refuses to be moved past it
// (ErrClockNotYours): a student's phone in a class.
func (c *Clock) Follower() *Clock { return &Clock{leader: c} }

// Now is the current simulated time.
func (c *Clock) Now() time.Time {
	if c.leader != nil {
		return c.leader.Now()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nowLocked()
}

func (c *Clock) nowLocked() time.Time {
	if c.pace == nil {
		return c.now
	}
	return c.now.Add(max(c.pace().Sub(c.since), 0))
}

// Advance moves the clock forward by d; a negative d is refused because
// Apple's log never runs backwards, and so is a time past the supported dates.
func (c *Clock) Advance(d time.Duration) error {
	if c.leader != nil {
		return ErrClockNotYours
	}
	if d < 0 {
		return fmt.Errorf("the clock only moves forward (asked to move %s)", d)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.setChecked(c.nowLocked().Add(d))
}

// Set moves the clock to t, which must not be earlier than now and must
// lie in the supported dates.
func (c *Clock) Set(t time.Time) error {
	if c.leader != nil {
		if !t.After(c.leader.Now()) {
			return nil // the class clock is already there: following it moves nothing
		}
		return ErrClockNotYours
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if now := c.nowLocked(); t.Before(now) {
		return fmt.Errorf("the clock only moves forward: %s is before %s", t.UTC().Format(time.RFC3339), now.Format(time.RFC3339))
	}
	return c.setChecked(t)
}

// setChecked moves the clock to t when t lies in the supported dates.
func (c *Clock) setChecked(t time.Time) error {
	if err := CheckTime(t); err != nil {
		return fmt.Errorf("the clock cannot move on: %w", err)
	}
	c.setLocked(t)
	return nil
}

func (c *Clock) setLocked(t time.Time) {
	c.now = t.UTC()
	if c.pace != nil {
		c.since = c.pace()
	}
}
