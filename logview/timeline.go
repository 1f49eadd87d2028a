package logview

import (
	"slices"
	"time"

	"bluegreen/sim"
)

// Timeline is a return laid out on one time axis, for a screen to draw:
// the two clocks the lesson keeps apart — Apple's retention window and the
// order's period going forward — each production as a mark, and the gaps
// no production reached.
type Timeline struct {
	From, To  time.Time // the axis
	Now       time.Time
	Kept      Window // what Apple still retains at Now
	Entered   time.Time
	Period    Window   // the first period (empty for stored records)
	Renewals  []Window // each extension's span, in order
	Marks     []Mark
	Gaps      []Window // rows that expired between productions, never produced
	Retention sim.Retention
}

// Mark is one production on the timeline.
type Mark struct {
	At      time.Time
	Reached Window // what it could include
	Rows    int
}

// Timeline lays the return out around now.
func (r *Return) Timeline(now time.Time) Timeline {
	o := r.Order
	t := Timeline{
		Now: now.UTC(), Kept: Window{From: r.Retention.Cutoff(now).UTC(), To: now.UTC()},
		Entered: o.EnteredAt(), Period: o.Period, Gaps: r.Lost(), Retention: r.Retention,
	}
	if !o.Kind.Forward() {
		t.Period = Window{}
	}
	end := o.Period.To
	for _, rn := range o.Renewals() {
		next := end.Add(time.Duration(rn.Days) * day)
		t.Renewals = append(t.Renewals, Window{From: end, To: next})
		end = next
	}
	points := []time.Time{t.Kept.From, t.Now, t.Entered}
	if !t.Period.Empty() {
		points = append(points, t.Period.From, end)
	}
	for _, p := range r.Productions {
		t.Marks = append(t.Marks, Mark{At: p.Produced, Reached: p.Covered, Rows: len(p.Rows)})
		points = append(points, p.Produced)
		if !p.Covered.Empty() {
			points = append(points, p.Covered.From)
		}
	}
	t.From = slices.MinFunc(points, time.Time.Compare)
	t.To = slices.MaxFunc(points, time.Time.Compare)
	return t
}
