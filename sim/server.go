package sim

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Retention is how long Apple keeps lookup logs.
type Retention struct {
	Name string        // "2016" or "today"
	Keep time.Duration // rows older than this are purged
}

// The retention presets of FACTS.md §3: what Apple told The Intercept in
// 2016, and "up to 25 days" from its current Legal Process Guidelines.
const (
	Preset2016         = "2016"
	PresetToday        = "today"
	retention2016Days  = 30
	retentionTodayDays = 25
	day                = 24 * time.Hour
)

// ParseRetention reads a preset name, "2016" or "today".
func ParseRetention(name string) (Retention, error) {
	switch name {
	case Preset2016:
		return Retention{Name: name, Keep: retention2016Days * day}, nil
	case PresetToday:
		return Retention{Name: name, Keep: retentionTodayDays * day}, nil
	}
	return Retention{}, fmt.Errorf("unknown retention %q: use 2016 (30 days) or today (25 days)", name)
}

// MustRetention is ParseRetention for the preset constants above.
func MustRetention(name string) Retention {
	r, err := ParseRetention(name)
	if err != nil {
		panic(err)
	}
	return r
}

// Days is the retention in whole days.
func (r Retention) Days() int { return int(r.Keep / day) }

// Cutoff is the oldest time still kept at now: rows before it are purged.
func (r Retention) Cutoff(now time.Time) time.Time { return now.Add(-r.Keep) }

// RateLimit caps lookups per account over a sliding window; 0 Max = none.
//
// The window is counted from the log itself (see Server.quota), so it can
// be no longer than the retention: rows the retention has purged no longer
// count. A scenario with a longer window is refused on load rather than
// given a second, non-expiring record of each account's lookups: that
// record would itself be lookup metadata kept past the retention the
// lesson teaches, and real limits count minutes or hours, not weeks.
type RateLimit struct {
	Max int
	Per time.Duration
}

// Trigger is what made the phone look a handle up — "App: action" —
// simulator-only truth.
type Trigger string

// The triggers the simulator knows.
const (
	TriggerTyped     Trigger = "Messages: typed in To: field"
	TriggerCommitted Trigger = "Messages: confirmed recipient"
	TriggerSend      Trigger = "Messages: pressed Send"
	TriggerCard      Trigger = "Contacts: opened contact card"
)

// App is the app that made the lookup.
func (t Trigger) App() string { app, _, _ := strings.Cut(string(t), ": "); return app }

// Action is what the person did in that app.
func (t Trigger) Action() string { _, action, _ := strings.Cut(string(t), ": "); return action }

// Server is Apple's identity service: it answers lookups from the
// directory and writes one log row per handle looked up.
type Server struct {
	dir       *Directory
	log       LogStore
	clock     *Clock
	retention Retention
	limit     RateLimit
	recent    map[Handle][]time.Time // lookup times per account, for the rate limit
	fakes     *fakes
	purged    int // rows purged so far, however the purge was triggered
	design    Design
	disc      Discovery
	orders    []Intercept // forward-looking orders in force
	gate      *sync.Mutex // shared by every server of a class: one answer at a time, so rows reach the log in clock order
}

// NewServer builds Apple's side of the world.
func NewServer(dir *Directory, log LogStore, clock *Clock, retention Retention, limit RateLimit, seed uint64) *Server {
	return &Server{
		dir: dir, log: log, clock: clock, retention: retention, limit: limit,
		recent: map[Handle][]time.Time{}, fakes: newFakes(seed ^ 0x5eed), design: DesignApple,
	}
}

// Log is the server's log store.
func (s *Server) Log() LogStore { return s.log }

// Directory is the identity directory the server answers from.
func (s *Server) Directory() *Directory { return s.dir }

// Retention is how long the server keeps log rows.
func (s *Server) Retention() Retention { return s.retention }

// Purge drops the rows retention no longer allows at the current time,
// and lets a store that keeps the server's clock remember it.
func (s *Server) Purge(ctx context.Context) (int, error) {
	if cs, ok := s.log.(ClockStore); ok {
		if err := cs.SetServerTime(ctx, s.clock.Now()); err != nil {
			return 0, err // the store names what failed
		}
	}
	n, err := s.log.Purge(ctx, s.retention.Cutoff(s.clock.Now()))
	s.purged += n
	return n, err
}

// Purged is how many rows retention has removed since the server started.
func (s *Server) Purged() int { return s.purged }

// Answer handles one query arriving from clientIP under the design in
// force. It logs one row per handle asked with the time, the asker's handle
// (x-id-self-uri), what it learnt of the handle, the IP and the device
// count — unless the design keeps no log and no order makes it. A
// rate-limited query is answered 7000 and not logged (an assumption: no
// source says whether refused lookups are kept).
//
// A log shared with other processes (a file several commands, a TUI and a
// classroom server write to) may have a clock ahead of this server's: the
// server follows it before answering, and again if another writer moves it
// on between that read and the insert, so the log stays in time order.
func (s *Server) Answer(ctx context.Context, q Query, clientIP string, why Trigger) (Response, error) {
	if s.gate != nil {
		s.gate.Lock()
		defer s.gate.Unlock()
	}
	for attempt := 0; ; attempt++ {
		resp, err := s.answerOnce(ctx, q, clientIP, why)
		if !errors.Is(err, ErrClockBehind) || attempt == maxClockRetries {
			return resp, err
		}
	}
}

// maxClockRetries bounds how often one answer follows a clock that other
// writers keep moving; each retry needs another writer's commit in between.
const maxClockRetries = 8

func (s *Server) answerOnce(ctx context.Context, q Query, clientIP string, why Trigger) (Response, error) {
	if err := s.followStore(ctx); err != nil {
		return Response{}, err
	}
	if _, err := s.Purge(ctx); err != nil {
		return Response{}, err
	}
	source := Handle(q.Headers.Get("x-id-self-uri"))
	now := s.clock.Now()
	asking := q.Body.Items()
	if !s.allowHere(source, asking, now) {
		return rateLimited(), nil
	}
	evs, err := s.evaluate(q.Body)
	if err != nil {
		return Response{Status: StatusBadRequest, Message: "bad request"}, nil
	}
	resp := Response{Status: StatusOK}
	var rows []LogEntry
	for _, ev := range evs {
		s.answer(&resp, ev)
		rows = append(rows, LogEntry{Time: now, SourceHandle: source, LookupHandle: ev.Logged, ClientIP: clientIP, LookupDevices: ev.Devices, Design: s.design})
	}
	switch err := s.record(ctx, s.quota(source, asking, now), rows, Truth{App: why.App(), Action: why.Action()}); {
	case errors.Is(err, ErrOverQuota):
		return rateLimited(), nil
	case err != nil:
		return Response{}, err
	}
	s.remember(source, asking, now)
	return resp, nil
}

func rateLimited() Response { return Response{Status: StatusRateLimit, Message: "rate limited"} }

// StatusBadRequest answers a query the server cannot read (simulated code).
const StatusBadRequest = 5000

// evaluate is what the server makes of each item in the body: handles in
// the clear are looked up, sealed ones handed to the designs' cryptography.
func (s *Server) evaluate(b QueryBody) ([]Evaluation, error) {
	if len(b.URIs) > 0 {
		out := make([]Evaluation, len(b.URIs))
		for i, h := range b.URIs {
			out[i] = Evaluation{Logged: h, Devices: s.dir.Lookup(h).Devices, Known: true}
		}
		return out, nil
	}
	if s.disc == nil {
		return nil, fmt.Errorf("no cryptography for sealed lookups")
	}
	if len(b.Hashes) > 0 {
		return s.disc.Evaluate(DesignHashed, b.Hashes)
	}
	return s.disc.Evaluate(DesignPrivate, b.Blinded)
}

// answer adds one evaluated item to the response: device records for what
// Apple could look up, the OPRF answer for what it could not.
func (s *Server) answer(resp *Response, ev Evaluation) {
	if !ev.Known {
		resp.Evaluated = append(resp.Evaluated, ev.Answer)
		return
	}
	if resp.Results == nil {
		resp.Results = map[Handle]URIResult{}
	}
	resp.Results[ev.Logged] = URIResult{Status: StatusOK, Identities: s.fakes.identities(ev.Logged, ev.Devices)}
}

// record appends the rows the design keeps — all of them, or under a
// design that keeps no log only those an order in force covers — if the
// quota allows the query, checking and appending in one transaction where
// the store can (see QuotaStore).
func (s *Server) record(ctx context.Context, q Quota, rows []LogEntry, t Truth) error {
	kept := rows[:0:0]
	for _, e := range rows {
		if s.design != DesignNoLog || s.intercepted(e) {
			kept = append(kept, e)
		}
	}
	if len(kept) == 0 && q.Max <= 0 {
		return nil
	}
	_, err := appendWithin(ctx, s.log, q, kept, t)
	if err != nil && !errors.Is(err, ErrOverQuota) {
		return fmt.Errorf("writing Apple's log: %w", err)
	}
	return err
}

func (s *Server) intercepted(e LogEntry) bool {
	for _, o := range s.orders {
		if o.covers(e) {
			return true
		}
	}
	return false
}

// Intercept puts a forward-looking order in force: from its entry, the
// target's lookups are recorded even when the design keeps no log.
func (s *Server) Intercept(i Intercept) { s.orders = append(s.orders, i) }

// Intercepts lists the orders in force.
func (s *Server) Intercepts() []Intercept { return append([]Intercept(nil), s.orders...) }

// RateLimit is the per-account limit in force.
func (s *Server) RateLimit() RateLimit { return s.limit }

// SetRateLimit changes the per-account limit (a comparison lifts it to show
// what enumeration does without one).
func (s *Server) SetRateLimit(l RateLimit) { s.limit = l }

// Design is the design the server runs under.
func (s *Server) Design() Design { return s.design }

// FetchKeys is the relayed design's key fetch: the phone presents the OPRF
// outputs of handles that matched the published set, and Apple, which can
// compute the output of every handle in its directory, answers with their
// keys. Apple logs each output it was asked for, with the IP it saw.
func (s *Server) FetchKeys(ctx context.Context, source Handle, outputs []Opened, clientIP string, why Trigger) error {
	now := s.clock.Now()
	rows := make([]LogEntry, len(outputs))
	for i, o := range outputs {
		rows[i] = LogEntry{Time: now, SourceHandle: source, LookupHandle: Handle(o.Tag), ClientIP: clientIP, LookupDevices: o.Devices, Design: s.design}
	}
	return s.record(ctx, Quota{}, rows, Truth{App: why.App(), Action: why.Action() + " (key fetch)"})
}

// followStore moves the clock up to a shared log's clock when another
// writer has moved that on.
func (s *Server) followStore(ctx context.Context) error {
	cs, ok := s.log.(ClockStore)
	if !ok {
		return nil
	}
	t, err := cs.ServerTime(ctx)
	if err != nil || !t.After(s.clock.Now()) {
		return err
	}
	return s.clock.Set(t)
}

// The rate limit is counted in two places. The log itself is the window —
// the account's rows in the last Per, which only allowed lookups leave —
// so the limit holds across every process writing the same database, and
// the check and the insert are one transaction (see record). This
// server's own count of the lookups it allowed covers a design that keeps
// no log.

// quota is the rate limit's check against the log for one query.
func (s *Server) quota(source Handle, asking int, now time.Time) Quota {
	if s.limit.Max <= 0 {
		return Quota{}
	}
	return Quota{Source: source, Since: now.Add(-s.limit.Per + time.Nanosecond), Max: s.limit.Max, Asking: asking}
}

// allowHere applies the rate limit to the lookups this server allowed.
func (s *Server) allowHere(source Handle, asking int, now time.Time) bool {
	if s.limit.Max <= 0 {
		return true
	}
	kept := s.recent[source][:0]
	for _, t := range s.recent[source] {
		if now.Sub(t) < s.limit.Per {
			kept = append(kept, t)
		}
	}
	s.recent[source] = kept
	return len(kept)+asking <= s.limit.Max
}

// remember counts an allowed query's lookups towards this server's window.
func (s *Server) remember(source Handle, asking int, now time.Time) {
	if s.limit.Max <= 0 {
		return
	}
	for range asking {
		s.recent[source] = append(s.recent[source], now)
	}
}
