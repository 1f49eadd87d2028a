package sim

import (
	"context"
	"errors"
	"slices"
	"sort"
	"sync"
	"time"
)

// LogEntry is one row of Apple's identity-lookup log with exactly the
// columns police receive (FACTS.md §2).
type LogEntry struct {
	ID            int64     `json:"-"`
	Time          time.Time `json:"time"`
	SourceHandle  Handle    `json:"source_handle"`
	LookupHandle  Handle    `json:"lookup_handle"`
	ClientIP      string    `json:"client_ip"`
	LookupDevices int       `json:"lookup_devices"`
	// Design is the design in force when the row was written ("" = apple,
	// for rows from before designs existed).
	Design Design `json:"design,omitempty"`
}

// DesignOrApple is the row's design, Apple's when none was recorded.
func (e LogEntry) DesignOrApple() Design {
	if e.Design == "" {
		return DesignApple
	}
	return e.Design
}

// Truth is what only the simulator knows about a log row: why the lookup
// happened and whether a message followed. It is kept apart from the log
// and is never part of what police receive.
type Truth struct {
	App      string `json:"app"`      // e.g. "Messages", "Contacts"
	Action   string `json:"action"`   // e.g. "typed in To: field"
	Messaged bool   `json:"messaged"` // a message was later sent to the lookup handle
}

// LogFilter selects log rows. Zero fields select everything, and the
// fields that are set must all hold; From is inclusive and To exclusive.
// Rows come oldest first.
type LogFilter struct {
	Source Handle
	Lookup Handle
	// Either selects rows where this handle is the source or the lookup
	// handle: everything the log says about one person, both ways.
	Either Handle
	// NotSource selects rows some other account made: "not mine".
	NotSource Handle
	From      time.Time
	To        time.Time
	Offset    int
	Limit     int // 0 = no limit
}

func (f LogFilter) match(e LogEntry) bool {
	return (f.Source == "" || e.SourceHandle == f.Source) &&
		(f.Lookup == "" || e.LookupHandle == f.Lookup) &&
		(f.Either == "" || e.SourceHandle == f.Either || e.LookupHandle == f.Either) &&
		(f.NotSource == "" || e.SourceHandle != f.NotSource) &&
		(f.From.IsZero() || !e.Time.Before(f.From)) &&
		(f.To.IsZero() || e.Time.Before(f.To))
}

// selectsAll reports whether the filter, ignoring Offset and Limit, selects
// every row.
func (f LogFilter) selectsAll() bool {
	f.Offset, f.Limit = 0, 0
	return f == LogFilter{}
}

// LogStore keeps Apple's log and the simulator's ground truth beside it.
type LogStore interface {
	// Append stores a row and its truth, returning the row's ID once stored.
	Append(ctx context.Context, e LogEntry, t Truth) (int64, error)
	// Entries returns the rows the filter selects, oldest first.
	Entries(ctx context.Context, f LogFilter) ([]LogEntry, error)
	// Count returns how many rows the filter selects (ignoring Offset and Limit).
	Count(ctx context.Context, f LogFilter) (int, error)
	// Purge deletes rows older than before, with their truth, and says how many.
	Purge(ctx context.Context, before time.Time) (int, error)
	// MarkMessaged records that source sent a message to lookup at time at:
	// every earlier row for that pair is marked in the ground truth.
	MarkMessaged(ctx context.Context, source, lookup Handle, at time.Time) error
	// Truths returns the ground truth for the given row IDs.
	Truths(ctx context.Context, ids []int64) (map[int64]Truth, error)
	// Close releases the store.
	Close() error
}

// ClockStore is a LogStore that also remembers Apple's server clock — the
// latest simulated time it has seen — so a log kept in a file continues
// from where it stopped instead of from the wall clock.
type ClockStore interface {
	LogStore
	// ServerTime is the remembered time; zero when none was ever set.
	ServerTime(ctx context.Context) (time.Time, error)
	// SetServerTime remembers t if it is later than the remembered time.
	SetServerTime(ctx context.Context, t time.Time) error
}

// ErrClockBehind is returned (wrapped) by a ClockStore's Append when the
// row is older than the store's clock: another process sharing the file
// has moved Apple's clock on, and the log must stay in time order.
var ErrClockBehind = errors.New("the row is older than the log's server clock")

// Quota is a rate limit a store checks in the same transaction as the rows
// it appends: Source may have at most Max rows logged at or after Since,
// counting the Asking lookups of the query being appended (a design that
// keeps no log asks without logging, so Asking may exceed the rows).
// A zero Max checks nothing.
type Quota struct {
	Source Handle
	Since  time.Time
	Max    int
	Asking int
}

// allows reports whether an account with logged rows in the window may
// make the quota's lookups.
func (q Quota) allows(logged int) bool { return q.Max <= 0 || logged+q.Asking <= q.Max }

// ErrOverQuota is returned (wrapped) by AppendWithin when the account's
// rate limit is used up, possibly by another process writing the same log;
// nothing was appended.
var ErrOverQuota = errors.New("the account's rate limit is used up")

// QuotaStore is a LogStore that appends a query's rows only if its quota
// allows them, as one step: two writers at the limit cannot both pass the
// check and then both append, even from different processes.
type QuotaStore interface {
	LogStore
	// AppendWithin appends rows, all with truth t, if q allows them, and
	// returns their IDs; ErrOverQuota if it does not, appending nothing.
	// It checks q even when rows is empty.
	AppendWithin(ctx context.Context, q Quota, rows []LogEntry, t Truth) ([]int64, error)
}

// appendWithin is QuotaStore.AppendWithin for any store: a store that
// cannot check and append as one step is checked first and appended to
// after, which is exact only while this process is its one writer.
func appendWithin(ctx context.Context, store LogStore, q Quota, rows []LogEntry, t Truth) ([]int64, error) {
	if qs, ok := store.(QuotaStore); ok {
		return qs.AppendWithin(ctx, q, rows, t)
	}
	if q.Max > 0 {
		logged, err := store.Count(ctx, LogFilter{Source: q.Source, From: q.Since})
		if err != nil {
			return nil, err
		}
		if !q.allows(logged) {
			return nil, ErrOverQuota
		}
	}
	ids := make([]int64, 0, len(rows))
	for _, e := range rows {
		id, err := store.Append(ctx, e, t)
		if err != nil {
			return ids, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// LogStats is a LogStore that can count its rows and distinct lookup
// handles cheaply (a screen shows both after every lookup).
type LogStats interface {
	Stats(ctx context.Context) (rows, distinctLookups int, err error)
}

// MemoryLog is a LogStore held in memory; safe for concurrent use.
type MemoryLog struct {
	mu      sync.RWMutex
	entries []LogEntry // sorted by time, then ID
	truths  map[int64]Truth
	lookups map[Handle]int // rows per lookup handle, for Stats
	nextID  int64
}

// NewMemoryLog returns an empty in-memory log.
func NewMemoryLog() *MemoryLog {
	return &MemoryLog{truths: map[int64]Truth{}, lookups: map[Handle]int{}, nextID: 1}
}

// Stats implements LogStats.
func (m *MemoryLog) Stats(context.Context) (rows, distinctLookups int, err error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.entries), len(m.lookups), nil
}

// Append implements LogStore.
func (m *MemoryLog) Append(_ context.Context, e LogEntry, t Truth) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.appendLocked(e, t), nil
}

// AppendWithin implements QuotaStore: the count and the append happen
// under one lock.
func (m *MemoryLog) AppendWithin(_ context.Context, q Quota, rows []LogEntry, t Truth) ([]int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if q.Max > 0 && !q.allows(m.countLocked(LogFilter{Source: q.Source, From: q.Since})) {
		return nil, ErrOverQuota
	}
	ids := make([]int64, len(rows))
	for i, e := range rows {
		ids[i] = m.appendLocked(e, t)
	}
	return ids, nil
}

func (m *MemoryLog) appendLocked(e LogEntry, t Truth) int64 {
	e.ID = m.nextID
	m.nextID++
	i := len(m.entries)
	if i > 0 && e.Time.Before(m.entries[i-1].Time) {
		i = sort.Search(len(m.entries), func(j int) bool { return m.entries[j].Time.After(e.Time) })
	}
	m.entries = append(m.entries, LogEntry{})
	copy(m.entries[i+1:], m.entries[i:])
	m.entries[i] = e
	m.truths[e.ID] = t
	m.lookups[e.LookupHandle]++
	return e.ID
}

// Entries implements LogStore.
func (m *MemoryLog) Entries(_ context.Context, f LogFilter) ([]LogEntry, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if f.selectsAll() {
		return window(m.entries, f.Offset, f.Limit), nil
	}
	var out []LogEntry
	skipped := 0
	for _, e := range m.entries {
		if !f.match(e) {
			continue
		}
		if skipped < f.Offset {
			skipped++
			continue
		}
		out = append(out, e)
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out, nil
}

func window(all []LogEntry, offset, limit int) []LogEntry {
	if offset >= len(all) {
		return nil
	}
	all = all[max(offset, 0):]
	if limit > 0 && limit < len(all) {
		all = all[:limit]
	}
	return append([]LogEntry(nil), all...)
}

// Count implements LogStore.
func (m *MemoryLog) Count(_ context.Context, f LogFilter) (int, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.countLocked(f), nil
}

func (m *MemoryLog) countLocked(f LogFilter) int {
	if f.selectsAll() {
		return len(m.entries)
	}
	n := 0
	for _, e := range m.entries[m.firstAtOrAfter(f.From):] {
		if f.match(e) {
			n++
		}
	}
	return n
}

// firstAtOrAfter is the index of the first row at or after t (rows are
// kept in time order), so a count over a recent window reads only it.
func (m *MemoryLog) firstAtOrAfter(t time.Time) int {
	if t.IsZero() {
		return 0
	}
	return sort.Search(len(m.entries), func(i int) bool { return !m.entries[i].Time.Before(t) })
}

// Purge implements LogStore.
func (m *MemoryLog) Purge(_ context.Context, before time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := sort.Search(len(m.entries), func(i int) bool { return !m.entries[i].Time.Before(before) })
	if n == 0 {
		return 0, nil
	}
	for _, e := range m.entries[:n] {
		delete(m.truths, e.ID)
		if m.lookups[e.LookupHandle]--; m.lookups[e.LookupHandle] == 0 {
			delete(m.lookups, e.LookupHandle)
		}
	}
	m.entries = slices.Delete(m.entries, 0, n)
	return n, nil
}

// MarkMessaged implements LogStore.
func (m *MemoryLog) MarkMessaged(_ context.Context, source, lookup Handle, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.entries {
		if e.SourceHandle == source && e.LookupHandle == lookup && !e.Time.After(at) {
			t := m.truths[e.ID]
			t.Messaged = true
			m.truths[e.ID] = t
		}
	}
	return nil
}

// Truths implements LogStore.
func (m *MemoryLog) Truths(_ context.Context, ids []int64) (map[int64]Truth, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make(map[int64]Truth, len(ids))
	for _, id := range ids {
		if t, ok := m.truths[id]; ok {
			out[id] = t
		}
	}
	return out, nil
}

// Close implements LogStore.
func (m *MemoryLog) Close() error { return nil }
