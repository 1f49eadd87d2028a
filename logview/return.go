package logview

import (
	"context"
	"fmt"
	"slices"
	"time"

	"bluegreen/sim"
)

// Request is what a return is built from: the order, Apple's retention
// rule, and the dates Apple produced records under it.
type Request struct {
	Order     Order
	Retention sim.Retention
	Produced  []time.Time // one production per date; sorted and deduplicated
	// HeldFrom is the oldest time the store still holds: the simulated
	// server has purged rows before it on its own clock (zero: nothing was
	// purged). A production that reaches further back may be incomplete.
	HeldFrom time.Time
}

// Production is what Apple hands over on one date: the target's rows inside
// the order's period that were still retained that day, oldest first.
type Production struct {
	Produced time.Time
	Cutoff   time.Time // rows older than this had expired on Produced
	Covered  Window    // the part of the period this production could include
	Expired  Window    // the part of the period it could no longer include
	Pending  Window    // the part of the period after the production date
	// Incomplete: the store had purged rows this production would have held.
	Incomplete bool
	Rows       []sim.LogEntry
}

// Return is every production made under one order.
type Return struct {
	Order       Order
	Retention   sim.Retention
	HeldFrom    time.Time
	Productions []Production
}

// Produce builds the return: one production per date in req.Produced.
func Produce(ctx context.Context, store sim.LogStore, req Request) (*Return, error) {
	if err := req.Order.Check(); err != nil {
		return nil, err
	}
	if len(req.Produced) == 0 {
		return nil, fmt.Errorf("a return needs at least one production date")
	}
	if req.Retention.Keep <= 0 {
		return nil, fmt.Errorf("retention must be positive")
	}
	dates := slices.Clone(req.Produced)
	slices.SortFunc(dates, time.Time.Compare)
	dates = slices.CompactFunc(dates, time.Time.Equal)
	if entered := req.Order.EnteredAt(); dates[0].Before(entered) {
		return nil, fmt.Errorf("a production on %s comes before the order was entered (%s): Apple produces under an order only once it exists",
			FormatTime(dates[0]), FormatTime(entered))
	}
	ret := &Return{Order: req.Order, Retention: req.Retention, HeldFrom: req.HeldFrom}
	for _, at := range dates {
		p, err := produce(ctx, store, req, at)
		if err != nil {
			return nil, err
		}
		ret.Productions = append(ret.Productions, p)
	}
	return ret, nil
}

// Reach is the span of the log a production on `at` may include, before
// retention: for a pen register or trap and trace, the order's authorised
// period (never before its entry); for stored records, everything up to
// the production.
func (o Order) Reach(at time.Time) Window {
	if o.Kind.Forward() {
		return Window{From: o.reachFrom(), To: o.Authorised().To}
	}
	return Window{From: time.Time{}, To: at.Add(time.Nanosecond)}
}

// reachFrom is where a forward-looking order starts collecting: just
// after the instant it was entered — a lookup logged at that very instant
// came before the order (the simulated clock does not move while an
// officer serves it).
func (o Order) reachFrom() time.Time { return o.EnteredAt().Add(time.Nanosecond) }

// produce is one production. The rows asked for are the order's reach cut
// to what was retained on the day (from the cutoff) and what existed by
// then (up to and including the production instant).
func produce(ctx context.Context, store sim.LogStore, req Request, at time.Time) (Production, error) {
	reach := req.Order.Reach(at)
	cutoff := req.Retention.Cutoff(at)
	existed := at.Add(time.Nanosecond) // a row logged at the production instant is included
	p := Production{
		Produced: at.UTC(),
		Cutoff:   cutoff.UTC(),
		Covered:  clip(Window{From: cutoff, To: existed}, reach),
	}
	if req.Order.Kind.Forward() {
		p.Expired = clip(Window{From: reach.From, To: cutoff}, reach)
		p.Pending = clip(Window{From: existed, To: reach.To}, reach)
	}
	p.Incomplete = !req.HeldFrom.IsZero() && !p.Covered.Empty() && p.Covered.From.Before(req.HeldFrom)
	if p.Covered.Empty() {
		return p, nil
	}
	rows, err := store.Entries(ctx, p.Covered.filter(req.Order.filter()))
	if err != nil {
		return p, fmt.Errorf("reading Apple's log for the production of %s: %w", FormatTime(at), err)
	}
	p.Rows = rows
	return p, nil
}

// clip is w cut to fit inside bounds; empty windows keep From <= To.
func clip(w, bounds Window) Window {
	w.From, w.To = maxTime(w.From, bounds.From), minTime(w.To, bounds.To)
	if w.To.Before(w.From) {
		w.To = w.From
	}
	return Window{From: w.From.UTC(), To: w.To.UTC()}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// Rows is every row police hold after all productions, oldest first, each
// once even when productions overlapped.
func (r *Return) Rows() []sim.LogEntry {
	seen := map[int64]bool{}
	var out []sim.LogEntry
	for _, p := range r.Productions {
		for _, e := range p.Rows {
			if !seen[e.ID] {
				seen[e.ID] = true
				out = append(out, e)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b sim.LogEntry) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		return compareIDs(a.ID, b.ID)
	})
	return out
}

func compareIDs(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Lost is what no production included, up to the last one: for a pen
// register or trap and trace, the parts of the order's period whose rows
// expired before any production asked; for stored records, the stretches
// between productions further apart than the retention period.
func (r *Return) Lost() []Window {
	if len(r.Productions) == 0 {
		return nil
	}
	first, last := r.Productions[0], r.Productions[len(r.Productions)-1]
	todo := Window{From: first.Cutoff, To: last.Produced.Add(time.Nanosecond)}
	if r.Order.Kind.Forward() {
		todo = clip(Window{From: r.Order.reachFrom(), To: last.Produced.Add(time.Nanosecond)}, r.Order.Authorised())
	}
	covered := make([]Window, 0, len(r.Productions))
	for _, p := range r.Productions {
		if !p.Covered.Empty() {
			covered = append(covered, p.Covered)
		}
	}
	return subtract(todo, covered)
}

// subtract is what remains of w after removing the windows in cut.
func subtract(w Window, cut []Window) []Window {
	slices.SortFunc(cut, func(a, b Window) int { return a.From.Compare(b.From) })
	var out []Window
	at := w.From
	for _, c := range cut {
		if c.From.After(at) {
			out = append(out, Window{From: at, To: minTime(c.From, w.To)})
		}
		at = maxTime(at, c.To)
		if !at.Before(w.To) {
			break
		}
	}
	if at.Before(w.To) {
		out = append(out, Window{From: at, To: w.To})
	}
	return slices.DeleteFunc(out, Window.Empty)
}
