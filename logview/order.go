package logview

import (
	"fmt"
	"strings"
	"time"

	"bluegreen/sim"
)

// OrderKind is which way a court order points at the log (FACTS.md §3).
type OrderKind string

// The two kinds of order under 18 U.S.C. §§3121–3127.
const (
	// PenRegister records what the target's device sends out: here, every
	// handle the target looked up (target = source handle).
	PenRegister OrderKind = "pen-register"
	// TrapAndTrace records what reaches the target: here, everyone who
	// looked the target up (target = lookup handle).
	TrapAndTrace OrderKind = "trap-and-trace"
)

// ParseOrderKind reads "pen-register" or "trap-and-trace".
func ParseOrderKind(s string) (OrderKind, error) {
	switch k := OrderKind(s); k {
	case PenRegister, TrapAndTrace:
		return k, nil
	}
	return "", fmt.Errorf("unknown order kind %q: use pen-register or trap-and-trace", s)
}

// Title is the kind in words.
func (k OrderKind) Title() string {
	if k == TrapAndTrace {
		return "trap and trace"
	}
	return "pen register"
}

// Describe says what the kind returns from this log.
func (k OrderKind) Describe() string {
	if k == TrapAndTrace {
		return "everyone who looked the target up (target = lookup handle)"
	}
	return "every number or address the target looked up (target = source handle)"
}

// filter selects the target's rows: by source handle for a pen register,
// by lookup handle for a trap and trace.
func (k OrderKind) filter(target sim.Handle) sim.LogFilter {
	if k == TrapAndTrace {
		return sim.LogFilter{Lookup: target}
	}
	return sim.LogFilter{Source: target}
}

// counterpart is the other party of a row: whom the target looked up, or
// who looked the target up.
func (k OrderKind) counterpart(e sim.LogEntry) sim.Handle {
	if k == TrapAndTrace {
		return e.SourceHandle
	}
	return e.LookupHandle
}

// StatuteDays is how long a pen-register or trap-and-trace order, and each
// extension, may last: 18 U.S.C. §3123(c) (FACTS.md §3).
const StatuteDays = 60

// Order is a court order served on Apple for one target's log rows.
type Order struct {
	Kind       OrderKind
	Case       string     // the case number, as the officer wrote it
	Target     sim.Handle // a source handle (pen register) or lookup handle (trap and trace)
	Period     Window     // rows whose time falls inside are asked for
	Extensions int        // each allows StatuteDays more
}

// DefaultPeriod is the period of an order taking effect at from that runs
// as long as the statute allows without an extension.
func DefaultPeriod(from time.Time) Window {
	return Window{From: from, To: from.Add(StatuteDays * day)}
}

// Check reports what makes the order unusable.
func (o Order) Check() error {
	if _, err := ParseOrderKind(string(o.Kind)); err != nil {
		return err
	}
	switch {
	case o.Target == "":
		return fmt.Errorf("the order names no target")
	case !o.Period.To.After(o.Period.From):
		return fmt.Errorf("the order's period ends (%s) before it starts (%s)", FormatTime(o.Period.To), FormatTime(o.Period.From))
	case o.Extensions < 0:
		return fmt.Errorf("extensions cannot be negative (%d)", o.Extensions)
	case strings.TrimSpace(o.Case) != o.Case || len(o.Case) > 64:
		return fmt.Errorf("case number %q: at most 64 characters, no surrounding spaces", sim.Printable(o.Case))
	}
	return nil
}

// Allowed is the longest period the statute allows for this order.
func (o Order) Allowed() time.Duration { return time.Duration(1+o.Extensions) * StatuteDays * day }

// StatuteNote is empty when the period fits the statute, else a sentence
// saying by how much it does not.
func (o Order) StatuteNote() string {
	length := o.Period.To.Sub(o.Period.From)
	if length <= o.Allowed() {
		return ""
	}
	if o.Extensions == 0 {
		return fmt.Sprintf("The period is %s: longer than the %d days 18 U.S.C. §3123(c) allows without an extension.",
			days(length), StatuteDays)
	}
	return fmt.Sprintf("The period is %s: longer than the %d days 18 U.S.C. §3123(c) allows with %s of up to %d days each.",
		days(length), int(o.Allowed()/day), sim.Plural(o.Extensions, "extension", "extensions"), StatuteDays)
}

const day = 24 * time.Hour

// Window is a span of time, From inclusive and To exclusive.
type Window struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Empty reports whether the window holds no time.
func (w Window) Empty() bool { return !w.To.After(w.From) }

// filter selects rows inside the window.
func (w Window) filter(f sim.LogFilter) sim.LogFilter {
	f.From, f.To = w.From, w.To
	return f
}

// String is the window in words.
func (w Window) String() string {
	return fmt.Sprintf("%s to %s (%s)", FormatTime(w.From), FormatTime(w.To), days(w.To.Sub(w.From)))
}

// days prints a duration in days, with hours when it is not whole days;
// a window ending just after an instant counts as ending at it.
func days(d time.Duration) string {
	d = d.Round(time.Second)
	whole := int(d / day)
	if rest := d - time.Duration(whole)*day; rest >= time.Hour {
		return fmt.Sprintf("%s %s", sim.Plural(whole, "day", "days"), sim.Plural(int(rest/time.Hour), "hour", "hours"))
	}
	return sim.Plural(whole, "day", "days")
}
