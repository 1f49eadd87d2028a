package logview

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"bluegreen/sim"
)

// OrderKind is the legal process served on Apple for the lookup log.
type OrderKind string

// The kinds of order. A pen register and a trap and trace (18 U.S.C.
// §§3121–3127) look forward from when they are entered; a stored-records
// order (18 U.S.C. §2703(d)) reaches back over what Apple already holds.
const (
	// PenRegister records what the target's device sends out: here, every
	// handle the target looked up (target = source handle).
	PenRegister OrderKind = "pen-register"
	// TrapAndTrace records what reaches the target: here, everyone who
	// looked the target up (target = lookup handle).
	TrapAndTrace OrderKind = "trap-and-trace"
	// StoredRecords compels the rows Apple still holds on the production
	// date, in the direction the order names.
	StoredRecords OrderKind = "stored-records"
)

// OrderKinds lists the kinds in the order a form offers them.
func OrderKinds() []OrderKind { return []OrderKind{PenRegister, TrapAndTrace, StoredRecords} }

// ParseOrderKind reads "pen-register", "trap-and-trace" or "stored-records".
func ParseOrderKind(s string) (OrderKind, error) {
	switch k := OrderKind(s); k {
	case PenRegister, TrapAndTrace, StoredRecords:
		return k, nil
	}
	return "", fmt.Errorf("unknown order kind %q: use pen-register, trap-and-trace or stored-records", s)
}

// Title is the kind in words.
func (k OrderKind) Title() string {
	switch k {
	case TrapAndTrace:
		return "trap and trace"
	case StoredRecords:
		return "stored-records order"
	}
	return "pen register"
}

// Forward reports whether the kind collects from its entry on (a pen
// register or trap and trace) rather than reaching back (stored records).
func (k OrderKind) Forward() bool { return k != StoredRecords }

// LegalBasis names the law the kind rests on.
func (k OrderKind) LegalBasis() string {
	if k == StoredRecords {
		return "18 U.S.C. §2703(c)(1)(B), with a court order under §2703(d)"
	}
	return "18 U.S.C. §§3121–3127 (order under §3123)"
}

// Standard is what the government must show to get the kind.
func (k OrderKind) Standard() string {
	if k == StoredRecords {
		return "specific and articulable facts showing reasonable grounds to believe the records are relevant and material to an ongoing criminal investigation (§2703(d)) — more than a certification, less than probable cause"
	}
	return "the government certifies the information is likely relevant to an ongoing criminal investigation; the court shall issue the order without weighing evidence (§3123(a))"
}

// WarrantNote says what none of these orders reaches.
const WarrantNote = "Message content needs a search warrant on probable cause; this log holds none (18 U.S.C. §3127 excludes contents)."

// Side is which column of the log an order matches the target in.
type Side string

// The two sides of a log row.
const (
	// AsSource: the target made the lookups (whom the target looked up).
	AsSource Side = "source"
	// AsLookup: the target was looked up (who looked the target up).
	AsLookup Side = "lookup"
)

// ParseSide reads "source" or "lookup".
func ParseSide(s string) (Side, error) {
	switch d := Side(s); d {
	case AsSource, AsLookup:
		return d, nil
	}
	return "", fmt.Errorf("unknown direction %q: use source (whom the target looked up) or lookup (who looked the target up)", s)
}

// Describe says what an order on this side returns.
func (d Side) Describe() string {
	if d == AsLookup {
		return "everyone who looked the target up (target = lookup handle)"
	}
	return "every number or address the target looked up (target = source handle)"
}

// Side is the column the order matches its target in: fixed by the kind
// for a pen register or trap and trace, named by a stored-records order.
func (o Order) Side() Side {
	switch o.Kind {
	case TrapAndTrace:
		return AsLookup
	case StoredRecords:
		if o.Direction == AsLookup {
			return AsLookup
		}
	}
	return AsSource
}

// Describe says what the order returns from this log.
func (o Order) Describe() string { return o.Side().Describe() }

// filter selects the target's rows on the order's side.
func (o Order) filter() sim.LogFilter {
	if o.Side() == AsLookup {
		return sim.LogFilter{Lookup: o.Target}
	}
	return sim.LogFilter{Source: o.Target}
}

// counterpart is the other party of a row: whom the target looked up, or
// who looked the target up.
func (d Side) counterpart(e sim.LogEntry) sim.Handle {
	if d == AsLookup {
		return e.SourceHandle
	}
	return e.LookupHandle
}

// StatuteDays is how long a pen-register or trap-and-trace order, and each
// extension, may last: 18 U.S.C. §3123(c).
const StatuteDays = 60

// Renewal is an extension the court granted: Days more, from the end of
// the period as it stood, granted At (before the order lapsed).
type Renewal struct {
	At   time.Time `json:"granted"`
	Days int       `json:"days"`
}

// Order is a court order served on Apple for one target's log rows.
type Order struct {
	Kind   OrderKind
	Case   string     // the case number, as the officer wrote it
	Target sim.Handle // matched on the order's Side
	// Direction is the side a stored-records order names; a pen register
	// and a trap and trace fix their own.
	Direction Side
	// Entered is when the court entered the order. A pen register or trap
	// and trace collects from then on; zero means Period.From.
	Entered time.Time
	// Period is a forward-looking order's first period: from Entered, at
	// most StatuteDays long. Renewals extend it. Empty for stored records.
	Period Window
	// renewals are the extensions granted, oldest first, behind a pointer
	// so an Order stays comparable (a screen checks a production belongs
	// to the order it shows) and a copy never shares an append.
	renewals *[]Renewal
}

// Renewals are the extensions the court granted, oldest first.
func (o Order) Renewals() []Renewal {
	if o.renewals == nil {
		return nil
	}
	return slices.Clone(*o.renewals)
}

// NewOrder is an order of kind on target entered at entered, with the
// longest first period the statute allows.
func NewOrder(kind OrderKind, target sim.Handle, entered time.Time) Order {
	o := Order{Kind: kind, Target: target, Entered: entered.UTC()}
	if kind.Forward() {
		o.Period = DefaultPeriod(o.Entered)
	}
	return o
}

// DefaultPeriod is the period of an order entered at from that runs as
// long as the statute allows without an extension.
func DefaultPeriod(from time.Time) Window {
	return Window{From: from, To: from.Add(StatuteDays * day)}
}

// EnteredAt is when the order was entered.
func (o Order) EnteredAt() time.Time {
	if o.Entered.IsZero() {
		return o.Period.From
	}
	return o.Entered
}

// Authorised is the whole span a forward-looking order covers: its first
// period and every renewal. Empty for stored records.
func (o Order) Authorised() Window {
	if !o.Kind.Forward() {
		return Window{}
	}
	w := o.Period
	for _, r := range o.Renewals() {
		w.To = w.To.Add(time.Duration(r.Days) * day)
	}
	return w
}

// Extensions is how many renewals the court granted.
func (o Order) Extensions() int { return len(o.Renewals()) }

// Renew is the order extended by days from the end of its period, granted
// at; it fails when the statute or the calendar does not allow it.
func (o Order) Renew(at time.Time, days int) (Order, error) {
	end := o.Authorised().To
	switch {
	case !o.Kind.Forward():
		return o, fmt.Errorf("a stored-records order has no period to extend: it reaches what Apple holds when it produces; serve another for later records")
	case days < 1 || days > StatuteDays:
		return o, fmt.Errorf("an extension lasts 1 to %d days (18 U.S.C. §3123(c)(2)), not %d", StatuteDays, days)
	case at.Before(o.EnteredAt()):
		return o, fmt.Errorf("an extension (%s) cannot come before the order was entered (%s)", FormatTime(at), FormatTime(o.EnteredAt()))
	case at.After(end):
		return o, fmt.Errorf("the order lapsed on %s: an extension must be granted before then (18 U.S.C. §3123(c)(2)); serve a new order, which looks forward from its own entry", FormatTime(end))
	}
	next := append(o.Renewals(), Renewal{At: at.UTC(), Days: days})
	o.renewals = &next
	return o, nil
}

// Check reports what makes the order unusable, in words that say why.
func (o Order) Check() error {
	if _, err := ParseOrderKind(string(o.Kind)); err != nil {
		return err
	}
	switch {
	case o.Target == "":
		return fmt.Errorf("the order names no target")
	case strings.TrimSpace(o.Case) != o.Case || len(o.Case) > 64:
		return fmt.Errorf("case number %q: at most 64 characters, no surrounding spaces", sim.Printable(o.Case))
	case o.Kind == StoredRecords:
		return o.checkStored()
	}
	return o.checkForward()
}

func (o Order) checkStored() error {
	switch {
	case o.Direction != "" && o.Direction != AsSource && o.Direction != AsLookup:
		_, err := ParseSide(string(o.Direction))
		return err
	case o.Entered.IsZero():
		return fmt.Errorf("a stored-records order needs the date it was entered")
	case o.Extensions() > 0:
		return fmt.Errorf("a stored-records order has no period, so it cannot be extended")
	}
	return nil
}

func (o Order) checkForward() error {
	entered, length := o.EnteredAt(), o.Period.To.Sub(o.Period.From)
	switch {
	case !o.Period.To.After(o.Period.From):
		return fmt.Errorf("the order's period ends (%s) before it starts (%s)", FormatTime(o.Period.To), FormatTime(o.Period.From))
	case !o.Period.From.Equal(entered):
		return fmt.Errorf("a %s looks forward: its period starts when it is entered (%s), not %s; records from before the order need a stored-records order (18 U.S.C. §2703(d))",
			o.Kind.Title(), FormatTime(entered), FormatTime(o.Period.From))
	case length > StatuteDays*day && !o.Entered.IsZero():
		// A caller that leaves Entered zero (the TUI's form, until it is
		// rebuilt) shows StatuteNote instead of being refused.
		return fmt.Errorf("the period is %s: longer than the %d days 18 U.S.C. §3123(c)(1) allows; renew it instead (up to %d days each)", days(length), StatuteDays, StatuteDays)
	}
	end := o.Period.To
	for i, r := range o.Renewals() {
		switch {
		case r.Days < 1 || r.Days > StatuteDays:
			return fmt.Errorf("extension %d lasts %d days: 18 U.S.C. §3123(c)(2) allows 1 to %d", i+1, r.Days, StatuteDays)
		case r.At.Before(entered) || r.At.After(end):
			return fmt.Errorf("extension %d was granted %s, outside the order's period (%s to %s): it must come before the order lapses", i+1, FormatTime(r.At), FormatTime(entered), FormatTime(end))
		}
		end = end.Add(time.Duration(r.Days) * day)
	}
	return nil
}

// PeriodText is the order's period in words, with its renewals.
func (o Order) PeriodText() string {
	if !o.Kind.Forward() {
		return "none: a stored-records order reaches back over what Apple retains on each production date"
	}
	s := fmt.Sprintf("%s, from the order's entry (up to %d days, 18 U.S.C. §3123(c)(1))", o.Period, StatuteDays)
	for i, r := range o.Renewals() {
		s += fmt.Sprintf("; extension %d granted %s: +%s", i+1, FormatTime(r.At), sim.Plural(r.Days, "day", "days"))
	}
	if o.Extensions() > 0 {
		s += "; now through " + FormatTime(o.Authorised().To)
	}
	return s
}

// StatuteNote is empty when the first period fits 18 U.S.C. §3123(c)(1),
// else a sentence saying by how much it does not (Check refuses such an
// order; a form shows the note while it is being filled in).
func (o Order) StatuteNote() string {
	length := o.Period.To.Sub(o.Period.From)
	if length <= StatuteDays*day {
		return ""
	}
	return fmt.Sprintf("The period is %s: longer than the %d days 18 U.S.C. §3123(c) allows without an extension.", days(length), StatuteDays)
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
