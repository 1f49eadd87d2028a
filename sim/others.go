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

// occurrence is the nth time an Other's schedule comes round.
func (o Other) occurrence(n int) time.Time {
	return o.First.Add(time.Duration(n) * o.Every)
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

// due returns the earliest pending occurrence at or before until.
func (s *schedule) due(until time.Time) (int, time.Time, bool) {
	best, bestAt := -1, time.Time{}
	for i, o := range s.others {
		if o.Every == 0 && s.next[i] > 0 {
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
		for (o.Every > 0 || s.next[i] == 0) && o.occurrence(s.next[i]).Before(t) {
			s.next[i]++
			if o.Every == 0 {
				break
			}
		}
	}
}

// runOthers plays every scheduled lookup up to until, in time order, each
// at its own time on the clock.
func (w *World) runOthers(ctx context.Context, until time.Time) error {
	for {
		i, at, ok := w.others.due(until)
		if !ok {
			return nil
		}
		o := w.others.others[i]
		n := w.others.next[i]
		w.others.next[i]++
		if !o.happens(w.others.seed, n) {
			continue
		}
		if err := w.Clock.Set(at); err != nil {
			return err
		}
		if err := w.otherLooksUp(ctx, o); err != nil {
			return fmt.Errorf("%s's scheduled lookup: %w", o.Name, err)
		}
	}
}

// otherLooksUp sends o's query from o's phone to Apple.
func (w *World) otherLooksUp(ctx context.Context, o Other) error {
	phone := &Phone{Self: o.Account}
	for _, batch := range SplitBatches(o.LooksUp) {
		q := w.fakes.newQuery(phone, w.UserAgent, batch, w.Now())
		if _, err := w.Server.Answer(ctx, q, o.IP, o.Trigger); err != nil {
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
