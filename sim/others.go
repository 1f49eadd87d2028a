package sim

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// Other is another account whose phone looks handles up on a schedule —
// Ana checking on you most mornings, a stranger once. Their rows sit in
// Apple's log beside yours; a return for you shows only yours.
type Other struct {
	Name    string
	Account Handle   // their handle: the source handle of their rows
	IP      string   // where their queries come from
	LooksUp []Handle // what their phone asks about each time
	First   time.Time
	Every   time.Duration // 0 = once
	Chance  float64       // probability each occurrence happens (1 = always)
	Trigger Trigger
}

// occurrence is the nth time an Other's schedule comes round. A scenario's
// first and every keep n*Every inside the supported dates (see CheckTime),
// so the product cannot overflow.
func (o Other) occurrence(n int) time.Time {
	return o.First.Add(time.Duration(n) * o.Every)
}

// firstAtOrAfter is the number of the first occurrence at or after t,
// computed rather than counted: a database whose clock is years past the
// scenario's start must not walk every minute in between.
func (o Other) firstAtOrAfter(t time.Time) int {
	if !t.After(o.First) {
		return 0
	}
	if o.Every == 0 {
		return 1 // the single lookup lies in the past
	}
	gap := t.Sub(o.First)
	n := int(gap / o.Every)
	if gap%o.Every != 0 {
		n++
	}
	return n
}

// happens decides, from the seed alone, whether occurrence n takes place,
// so a schedule plays out the same however the clock is advanced.
func (o Other) happens(seed uint64, n int) bool {
	if o.Chance >= 1 {
		return true
	}
	sum := sha256.Sum256([]byte(strconv.FormatUint(seed, 10) + "\x00" + string(o.Account) + "\x00" + strconv.Itoa(n)))
	return float64(binary.BigEndian.Uint64(sum[:8])>>11)/(1<<53) < o.Chance
}

// schedule tracks the next occurrence of each Other.
type schedule struct {
	others []Other
	next   []int // next occurrence number per other
	seed   uint64
}

// pending reports whether other i has an occurrence still to come.
func (s *schedule) pending(i int) bool { return s.others[i].Every > 0 || s.next[i] == 0 }

// due returns the earliest pending occurrence at or before until.
func (s *schedule) due(until time.Time) (int, time.Time, bool) {
	best, bestAt := -1, time.Time{}
	for i, o := range s.others {
		if !s.pending(i) {
			continue
		}
		at := o.occurrence(s.next[i])
		if !at.After(until) && (best < 0 || at.Before(bestAt)) {
			best, bestAt = i, at
		}
	}
	return best, bestAt, best >= 0
}

// skipBefore moves every schedule past occurrences before t: they belong
// to a time the world did not live through (e.g. before a database's clock).
func (s *schedule) skipBefore(t time.Time) {
	for i, o := range s.others {
		s.next[i] = max(s.next[i], o.firstAtOrAfter(t))
	}
}

// skipThrough moves every schedule past occurrences at or before t and
// returns how many lookups (handles) they would have made.
func (s *schedule) skipThrough(t time.Time) int {
	skipped := 0
	for i, o := range s.others {
		if !s.pending(i) {
			continue
		}
		after := o.firstAtOrAfter(t.Add(time.Nanosecond))
		if o.Every == 0 {
			after = min(after, 1)
		}
		skipped += max(after-s.next[i], 0) * len(o.LooksUp)
		s.next[i] = max(s.next[i], after)
	}
	return skipped
}

// MaxScheduledLookups bounds the other accounts' lookups one advance of the
// clock may log. A scenario may schedule far more (an account looking up
// fifty handles every minute makes 72,000 rows a day): past the bound the
// advance still reaches its time, the rest are skipped, and the advance
// reports a *ScheduleCapError so the screen can say so.
const MaxScheduledLookups = 2000

// ScheduleCapError says an advance skipped scheduled lookups past
// MaxScheduledLookups. The clock did reach Until.
type ScheduleCapError struct {
	Logged, Skipped int
	Until           time.Time
}

func (e *ScheduleCapError) Error() string {
	return fmt.Sprintf("the clock moved to %s, but one step logs at most %d scheduled lookups by other accounts: "+
		"%d more on the way were skipped (advance in smaller steps to see them)",
		e.Until.UTC().Format("2006-01-02 15:04 UTC"), e.Logged, e.Skipped)
}

// runOthers plays every scheduled lookup up to until, in time order, each
// at its own time on the clock, stopping at MaxScheduledLookups and when
// ctx is cancelled.
func (w *World) runOthers(ctx context.Context, until time.Time) error {
	logged := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		// A shared log's clock may have carried this one past occurrences
		// (see Server.Answer): they are gone, as before a database's clock.
		w.others.skipBefore(w.Now())
		i, at, ok := w.others.due(until)
		if !ok {
			return nil
		}
		o := w.others.others[i]
		if logged+len(o.LooksUp) > MaxScheduledLookups {
			return &ScheduleCapError{Logged: logged, Skipped: w.others.skipThrough(until), Until: until}
		}
		n := w.others.next[i]
		w.others.next[i]++
		if !o.happens(w.others.seed, n) {
			continue
		}
		if at.After(w.Now()) { // a running clock may already be past it: then it happens now
			if err := w.Clock.Set(at); err != nil {
				return err
			}
		}
		if err := w.otherLooksUp(ctx, o); err != nil {
			return fmt.Errorf("%s's scheduled lookup: %w", o.Name, err)
		}
		logged += len(o.LooksUp)
	}
}

// otherLooksUp sends o's query from o's phone to Apple.
func (w *World) otherLooksUp(ctx context.Context, o Other) error {
	phone := &Phone{Self: o.Account}
	for _, batch := range SplitBatches(o.LooksUp) {
		if _, err := w.exchange(ctx, phone, o.IP, batch, o.Trigger); err != nil {
			return err
		}
	}
	return nil
}

// Others lists the scheduled accounts, sorted by name.
func (w *World) Others() []Other {
	out := append([]Other(nil), w.others.others...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
