package sim

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Class is one Apple shared by a room of phones: one directory (the
// scenario's people plus the students), one log store that every phone's
// lookups land in, and one clock that only the instructor moves. Each
// student's phone is a World of its own on this Apple. A Class is safe for
// concurrent use.
type Class struct {
	mu       sync.Mutex // serialises the instructor's moves of the clock
	matesMu  sync.Mutex // guards mates apart, so a long clock move never holds up a phone's screen
	mates    []Contact  // the students who have joined, one handle each
	answers  sync.Mutex // one answer at a time across every phone: rows reach the log in clock order
	purges   purger     // the phones' purges of the one log, at most one a simulated minute
	base     *World     // the scenario's world: the shared server, clock and scheduled others
	scenario *Scenario
	// designs is held for reading through each phone's exchange with Apple
	// and for writing while the instructor switches the design, so a
	// switch waits for the lookups in flight and every row carries the
	// design it was written under. It guards the fields below and every
	// phone's design and cryptography.
	designs sync.RWMutex
	phones  []*World             // every student's phone, to switch with the class
	orders  []Intercept          // forward-looking orders in force, for phones that join later
	attach  func(w *World) error // gives a world the designs' cryptography (sim/discovery.Attach)
}

// NewClass builds the class's Apple from a scenario, writing its log to
// store. With a non-nil pace the clock runs between the instructor's moves
// (time.Now for a live class); with nil it stands still, as in a test.
func NewClass(ctx context.Context, s *Scenario, store LogStore, pace func() time.Time) (*Class, error) {
	base, err := s.Build(ctx, store)
	if err != nil {
		return nil, err
	}
	if pace != nil {
		clock := NewRunningClock(base.Now(), pace)
		base.Clock, base.Server.clock = clock, clock
	}
	if base.Relay == nil {
		base.Relay = NewRelay() // one relay for the class, as there is one Apple
	}
	c := &Class{base: base, scenario: s}
	base.Server.gate = &c.answers
	base.designs = &c.designs
	return c, nil
}

// UseDiscovery is how the class gives its Apple the cryptography of the
// designs that conceal the handle (sim/discovery.Attach: sim itself stays
// free of it). Without it SetDesign accepts only apple and no-log.
func (c *Class) UseDiscovery(attach func(w *World) error) {
	c.designs.Lock()
	defer c.designs.Unlock()
	c.attach = attach
}

// Intercept puts a forward-looking order in force at the class's Apple —
// on every phone's server, and on those of phones that join later — so
// that even a design that keeps no log records the target from the
// order's entry. Like a design switch it waits for lookups in flight.
func (c *Class) Intercept(i Intercept) {
	c.designs.Lock()
	defer c.designs.Unlock()
	c.orders = append(c.orders, i)
	c.base.Server.Intercept(i)
	for _, w := range c.phones {
		w.Server.Intercept(i)
	}
}

// Design is the design the class's Apple runs under.
func (c *Class) Design() Design { return c.base.Design() }

// SetDesign switches the class's Apple — the base world's server and every
// student's phone, and the phones that join later — to d for every lookup
// from now on. It waits for the lookups in flight, so rows already logged
// keep the design they were written under. The first design that conceals
// the handle attaches the cryptography once, on the base world, and every
// phone shares it: one Apple, one OPRF key, one hash index.
func (c *Class) SetDesign(d Design) error {
	if _, err := ParseDesign(string(d)); err != nil {
		return err
	}
	c.designs.Lock()
	defer c.designs.Unlock()
	if d.Conceals() && c.base.disc == nil {
		if c.attach == nil {
			return fmt.Errorf("design %s needs its cryptography attached (Class.UseDiscovery)", d)
		}
		if err := c.attach(c.base); err != nil {
			return fmt.Errorf("attaching the designs' cryptography: %w", err)
		}
	}
	if err := c.base.setDesign(d); err != nil {
		return err
	}
	for _, w := range c.phones {
		w.disc, w.Server.disc = c.base.disc, c.base.disc
		if err := w.setDesign(d); err != nil {
			return err
		}
	}
	return nil
}

// Name is the scenario's name.
func (c *Class) Name() string { return c.base.Name }

// Now is the class's simulated time.
func (c *Class) Now() time.Time { return c.base.Now() }

// Server is Apple's server as the instructor sees it: its log holds every
// phone's rows.
func (c *Class) Server() *Server { return c.base.Server }

// Directory is Apple's shared identity directory.
func (c *Class) Directory() *Directory { return c.base.Server.Directory() }

// Advance moves the class clock forward for everyone; the scenario's
// scheduled accounts look people up on the way and Apple purges what
// retention no longer allows.
func (c *Class) Advance(ctx context.Context, d time.Duration) (purged int, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.base.Advance(ctx, d)
}

// CatchUp lets the scenario's scheduled accounts make the lookups a
// running clock has passed since the last move.
func (c *Class) CatchUp(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.base.runOthers(ctx, c.base.Now())
}

// Taken reports whether h belongs to the scenario — its phone, a contact,
// a directory entry or a scheduled account — so a student never gets a
// scenario person's number.
func (c *Class) Taken(h Handle) bool {
	if c.base.Phone.Self == h || c.Directory().Has(h) {
		return true
	}
	if _, ok := c.base.ContactFor(h); ok {
		return true
	}
	for _, o := range c.base.others.others {
		if o.Account == h || containsHandle(o.LooksUp, h) {
			return true
		}
	}
	return false
}

// IPTaken reports whether ip is an address the scenario already uses (its
// phone's or a scheduled account's).
func (c *Class) IPTaken(ip string) bool {
	if ip == c.base.Phone.WiFiIP || ip == c.base.Phone.CellIP {
		return true
	}
	for _, o := range c.base.others.others {
		if o.IP == ip {
			return true
		}
	}
	return false
}

func containsHandle(hs []Handle, h Handle) bool {
	for _, x := range hs {
		if x == h {
			return true
		}
	}
	return false
}

// AddClassmate puts a student in every phone's address book, so
// completion finds them by name; their own phone leaves them out.
func (c *Class) AddClassmate(name string, number Handle, note string) {
	c.matesMu.Lock()
	defer c.matesMu.Unlock()
	c.mates = append(c.mates, Contact{Name: name, Handles: []Handle{number}, Note: note})
}

// classmatesOf is everyone who has joined but self.
func (c *Class) classmatesOf(self Handle) []Contact {
	c.matesMu.Lock()
	defer c.matesMu.Unlock()
	out := make([]Contact, 0, len(c.mates))
	for _, m := range c.mates {
		if m.Handles[0] != self {
			out = append(out, m)
		}
	}
	return out
}

// Contacts are the scenario's contacts, which every student's phone starts with.
func (c *Class) Contacts() []Contact { return append([]Contact(nil), c.base.Contacts...) }

// Region is the scenario phone's region, used to read typed numbers.
func (c *Class) Region() string { return c.base.Phone.Region }

// Student is what a student's phone is made of.
type Student struct {
	Name     string
	Number   Handle
	WiFiIP   string
	CellIP   string
	Android  bool      // an Android phone: not on iMessage, and it never asks Apple
	Contacts []Contact // the phone's own address book (classmates are added live)
	Seed     uint64    // the phone's fake tokens
	Since    time.Time // the phone's log view starts here: when the student joined
}

// Enrol puts a student's number in the shared directory: an iPhone is
// registered on iMessage with one device, an Android phone is listed with
// none (so classmates' lookups of it come back green).
func (c *Class) Enrol(number Handle, android bool) {
	devices := 1
	if android {
		devices = 0
	}
	c.Directory().Register(number, Registration{Devices: devices, Carrier: c.base.Phone.Carrier})
}

// NewPhone builds a student's phone on the class's Apple: its queries reach
// the shared log, its clock reads the class clock and cannot move it, and
// its own log view holds only the rows it caused.
func (c *Class) NewPhone(st Student) (*World, error) {
	if !st.Number.IsPhone() {
		return nil, fmt.Errorf("a student's phone needs a phone number, not %q", st.Number)
	}
	if !IsDocumentationIP(st.WiFiIP) || !IsDocumentationIP(st.CellIP) {
		return nil, fmt.Errorf("a student's addresses must be documentation IPs (%s, %s)", st.WiFiIP, st.CellIP)
	}
	c.mu.Lock()
	policy := c.base.Policy
	c.mu.Unlock()
	base := c.base
	clock := base.Clock.Follower()
	server := base.Server
	phone := &Phone{
		Owner:    st.Name,
		Self:     st.Number,
		Region:   base.Phone.Region,
		Carrier:  base.Phone.Carrier,
		Settings: Settings{IMessage: !st.Android, SendAsSMS: true, RCS: true},
		Network:  WiFi,
		WiFiIP:   st.WiFiIP,
		CellIP:   st.CellIP,
		Cache:    NewCache(c.scenario.cacheTTL()),
	}
	own := NewServer(server.dir, ownRows{store: server.log, self: st.Number, since: st.Since, purges: &c.purges}, clock, server.retention, server.limit, st.Seed)
	c.designs.Lock()
	defer c.designs.Unlock()
	own.gate, own.design, own.disc = &c.answers, server.design, server.disc
	own.orders = append([]Intercept(nil), c.orders...)
	w := &World{
		Name:         base.Name,
		Clock:        clock,
		Phone:        phone,
		Server:       own,
		Contacts:     append([]Contact(nil), st.Contacts...),
		Policy:       policy,
		RCSAvailable: base.RCSAvailable,
		UserAgent:    base.UserAgent,
		Seed:         st.Seed,
		Relay:        base.Relay,
		disc:         base.disc,
		designs:      &c.designs,
		fakes:        newFakes(st.Seed),
		classmates:   func() []Contact { return c.classmatesOf(st.Number) },
	}
	c.phones = append(c.phones, w)
	return w, nil
}

// OwnRows is a view of a shared log that shows only the rows one phone
// caused (source handle self) from since on — "what Apple logged from
// you", and not what an earlier class's holder of the same number left in
// a reused database — while its writes reach the shared log. Closing the
// view leaves the log open: the class owns it.
// It is deliberately not a ClockStore: the class clock is the one clock,
// and the log's own trigger keeps the remembered server time, so a
// phone's lookup costs no clock reads and writes of its own.
func OwnRows(store LogStore, self Handle, since time.Time) LogStore {
	return ownRows{store: store, self: self, since: since}
}

type ownRows struct {
	store  LogStore
	self   Handle
	since  time.Time
	purges *purger // nil: every purge reaches the store
}

// purger spares the shared log a purge per answer: a hundred phones each
// asking SQLite to delete what retention no longer allows, inside the
// class's one-answer-at-a-time gate, made that gate the bottleneck of a
// busy class. The cutoff moves with the clock, so a purge whose cutoff is
// less than purgeStep past the last one can wait: a row outlives its
// retention by at most purgeStep (a minute, against weeks of retention),
// and the instructor's clock moves purge at once (Class.Advance).
type purger struct {
	mu   sync.Mutex
	last time.Time // the cutoff of the last purge
}

const purgeStep = time.Minute

// due reports whether a purge up to before is worth running now.
func (p *purger) due(before time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.last.IsZero() && before.Sub(p.last) < purgeStep {
		return false
	}
	p.last = before
	return true
}

func (o ownRows) Append(ctx context.Context, e LogEntry, t Truth) (int64, error) {
	return o.store.Append(ctx, e, t)
}

// AppendWithin counts, like Count, only the rows this phone made since it
// joined, and checks and appends in one step when the shared log can.
func (o ownRows) AppendWithin(ctx context.Context, q Quota, rows []LogEntry, t Truth) ([]int64, error) {
	if q.Since.Before(o.since) {
		q.Since = o.since
	}
	return appendWithin(ctx, o.store, q, rows, t)
}

func (o ownRows) mine(f LogFilter) (LogFilter, bool) {
	if f.Source != "" && f.Source != o.self {
		return f, false
	}
	f.Source = o.self
	if f.From.Before(o.since) {
		f.From = o.since
	}
	return f, true
}

func (o ownRows) Entries(ctx context.Context, f LogFilter) ([]LogEntry, error) {
	f, ok := o.mine(f)
	if !ok {
		return nil, nil
	}
	return o.store.Entries(ctx, f)
}

func (o ownRows) Count(ctx context.Context, f LogFilter) (int, error) {
	f, ok := o.mine(f)
	if !ok {
		return 0, nil
	}
	return o.store.Count(ctx, f)
}

func (o ownRows) Purge(ctx context.Context, before time.Time) (int, error) {
	if o.purges != nil && !o.purges.due(before) {
		return 0, nil
	}
	return o.store.Purge(ctx, before)
}

func (o ownRows) MarkMessaged(ctx context.Context, source, lookup Handle, at time.Time) error {
	return o.store.MarkMessaged(ctx, source, lookup, at)
}

// Truths passes through: the IDs a phone can ask about come from its own rows.
func (o ownRows) Truths(ctx context.Context, ids []int64) (map[int64]Truth, error) {
	return o.store.Truths(ctx, ids)
}

func (o ownRows) Close() error { return nil }

// SetPolicy is when every student's phone asks Apple (phones made after
// the change use it).
func (c *Class) SetPolicy(p TriggerPolicy) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base.Policy = p
}
