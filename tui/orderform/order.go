package orderform

import (
	"fmt"
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
)

// DateLayout is how the form and demo scripts write dates.
const DateLayout = "2006-01-02"

// values are what the form's fields hold. huh binds its fields to these
// by pointer, so they live apart from the (copied) Model.
type values struct {
	kind     logview.OrderKind
	dir      logview.Side // the Direction field: fixed by a forward kind
	side     logview.Side // the direction chosen for stored records
	target   string
	caseNo   string
	entered  string
	produced string
}

// rules are what the form's checks need from the world: the simulated
// clock and the region numbers are read in.
type rules struct {
	now    time.Time
	region string
}

// order reads the values into an order and its production time, or says
// what keeps them from being one.
func (r rules) order(v values) (logview.Order, time.Time, error) {
	target, err := r.target(v.target)
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	entered, err := r.enteredAt(v.entered)
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	produced, err := r.producedAt(v.produced, entered)
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	o := logview.NewOrder(v.kind, target, entered)
	o.Case = strings.TrimSpace(v.caseNo)
	if v.kind == logview.StoredRecords {
		o.Direction = v.side
	}
	return o, produced, o.Check()
}

// target reads the Target field as a handle.
func (r rules) target(v string) (sim.Handle, error) {
	h, err := sim.ParseHandle(v, r.region)
	if err != nil {
		return "", fmt.Errorf("target: %w", err)
	}
	return h, nil
}

func parseFormDate(field, v string) (time.Time, error) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(v))
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: want \"now\" or a date like 2016-09-26, got %q", field, sim.Printable(v))
	}
	return t.UTC(), nil
}

// isNow reports whether a date field means the simulated clock's now.
func isNow(v string) bool {
	v = strings.TrimSpace(v)
	return v == "" || strings.EqualFold(v, "now")
}

// enteredAt is when the court entered the order: "now", or the start of
// a day no later than today (as `bluegreen return --entered` reads a date).
func (r rules) enteredAt(v string) (time.Time, error) {
	if isNow(v) {
		return r.now, nil
	}
	t, err := parseFormDate("entered", v)
	if err != nil {
		return time.Time{}, err
	}
	if t.After(r.now) {
		return time.Time{}, fmt.Errorf("entered: %s is after the simulated clock (%s): an order cannot be entered in the future", strings.TrimSpace(v), r.now.Format(DateLayout))
	}
	return t, nil
}

// producedAt reads the Produced field: "now" on the simulated clock, or a
// day no later than today, and never before the order was entered (Apple
// produces only under an order that exists). A past day means its end, or
// now if that is sooner.
func (r rules) producedAt(v string, entered time.Time) (time.Time, error) {
	at := r.now
	if !isNow(v) {
		t, err := parseFormDate("produced", v)
		if err != nil {
			return time.Time{}, err
		}
		if t.After(r.now) {
			return time.Time{}, fmt.Errorf("produced: %s is after the simulated clock (%s): advance the clock first", strings.TrimSpace(v), r.now.Format(DateLayout))
		}
		at = earlier(t.Add(24*time.Hour-time.Second), r.now)
	}
	if at.Before(entered) {
		return time.Time{}, fmt.Errorf("produced (%s) is before the order was entered (%s): Apple produces only under an order that exists",
			at.Format(DateLayout), entered.Format(DateLayout))
	}
	return at, nil
}

// earlier is the earlier of two times.
func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// kindName is the kind as the form's choice names it.
func kindName(k logview.OrderKind) string {
	if k == logview.StoredRecords {
		return "stored records"
	}
	return k.Title()
}

// kindHint says what the kind returns and the standard a court needs.
func kindHint(k logview.OrderKind) string {
	switch k {
	case logview.TrapAndTrace:
		return "who looked the target up, from the order's entry on · needs: the government certifies relevance (§3123(a))"
	case logview.StoredRecords:
		return "what Apple still retains on the production date, from before the order too · needs: specific and articulable facts (§2703(d))"
	}
	return "whom the target looked up, from the order's entry on · needs: the government certifies relevance (§3123(a))"
}

// periodNote says what the order reaches, in time.
func (r rules) periodNote(v values, retention sim.Retention) string {
	entered, err := r.enteredAt(v.entered)
	if err != nil {
		return "Entered: \"now\" or a date as YYYY-MM-DD."
	}
	if v.kind == logview.StoredRecords {
		return fmt.Sprintf("Reach: back over what Apple still retains on the production date (%s). No period to renew.", retention.Phrase())
	}
	end := entered.Add(logview.StatuteDays * 24 * time.Hour)
	return fmt.Sprintf("Period: from entry (%s) for %d days, to %s — never before it (§3123(c)(1)); alt+k renews.",
		entered.Format(DateLayout), logview.StatuteDays, end.Format(DateLayout))
}
