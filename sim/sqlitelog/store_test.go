package sqlitelog_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
)

var (
	ana    = sim.Handle("tel:+14155550132")
	ben    = sim.Handle("tel:+14155550147")
	dev    = sim.Handle("mailto:dev@example.com")
	you    = sim.Handle("tel:+14155550100")
	friend = sim.Handle("tel:+14155550199")
	t0     = time.Date(2016, 9, 1, 10, 0, 0, 0, time.UTC)
)

func openFile(t testing.TB) *sqlitelog.Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "log.db"))
}

func openAt(t testing.TB, path string) *sqlitelog.Store {
	t.Helper()
	s, err := sqlitelog.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openMemory(t testing.TB) *sqlitelog.Store {
	t.Helper()
	s, err := sqlitelog.OpenMemory(context.Background())
	if err != nil {
		t.Fatalf("OpenMemory: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// seed appends rows in time order — the store refuses a row older than
// its server clock (see TestAppendRefusesARowOlderThanTheClock) — with
// two rows at the same time, whose IDs break the tie.
func seed(t testing.TB, store sim.LogStore) {
	t.Helper()
	rows := []struct {
		at             time.Duration
		source, lookup sim.Handle
		ip             string
		devices        int
	}{
		{0, you, ben, "203.0.113.24", 0},
		{time.Hour, friend, you, "198.51.100.77", 1},
		{time.Hour, you, ana, "203.0.113.24", 3},
		{2 * time.Hour, you, ana, "203.0.113.24", 3},
		{2 * time.Hour, you, dev, "2001:db8::24", 2}, // same time as the row before: ID breaks the tie
		{30 * 24 * time.Hour, you, ana, "192.0.2.9", 3},
	}
	for i, r := range rows {
		e := sim.LogEntry{Time: t0.Add(r.at), SourceHandle: r.source, LookupHandle: r.lookup, ClientIP: r.ip, LookupDevices: r.devices}
		id, err := store.Append(context.Background(), e, sim.Truth{App: "Messages", Action: "typed in To: field"})
		if err != nil {
			t.Fatalf("Append row %d: %v", i, err)
		}
		if id != int64(i+1) {
			t.Fatalf("Append row %d: ID %d, want %d", i, id, i+1)
		}
	}
}

// TestMirrorsMemoryLog runs the same operations on sim.MemoryLog and on the
// SQLite store (file and memory) and wants identical answers: the SQLite
// store must be a drop-in replacement.
func TestMirrorsMemoryLog(t *testing.T) {
	filters := map[string]sim.LogFilter{
		"all":                {},
		"pen register":       {Source: you},
		"trap and trace":     {Lookup: ana},
		"pair":               {Source: you, Lookup: ana},
		"from inclusive":     {From: t0.Add(time.Hour)},
		"to exclusive":       {To: t0.Add(2 * time.Hour)},
		"window":             {Source: you, From: t0.Add(time.Hour), To: t0.Add(3 * time.Hour)},
		"offset and limit":   {Offset: 1, Limit: 2},
		"filtered page":      {Source: you, Offset: 2, Limit: 1},
		"offset past end":    {Offset: 10},
		"last page":          {Offset: 4, Limit: 2},
		"page past the end":  {Offset: 5, Limit: 3},
		"page far past end":  {Offset: 9, Limit: 3},
		"filtered last page": {Source: you, Offset: 3, Limit: 5},
		"negative offset":    {Offset: -3, Limit: -1},
		"nobody":             {Source: "tel:+14155550198"},
		"far past and after": {From: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), To: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)},
		"either way, you":    {Either: you},
		"either way, ana":    {Either: ana},
		"either way, nobody": {Either: "tel:+14155550198"},
		"either, a page":     {Either: you, Offset: 1, Limit: 2},
		"either, last page":  {Either: you, Offset: 3, Limit: 5},
		"either, window":     {Either: you, From: t0.Add(time.Hour), To: t0.Add(3 * time.Hour)},
		"either, not mine":   {Either: you, NotSource: you},
		"either and lookup":  {Either: you, Lookup: ana},
		"not mine":           {NotSource: you},
		"not mine, a page":   {NotSource: you, Offset: 0, Limit: 1},
		"not mine, window":   {NotSource: you, To: t0.Add(2 * time.Hour)},
		"not anybody's":      {NotSource: "tel:+14155550198"},
	}
	for name, open := range map[string]func(testing.TB) *sqlitelog.Store{"file": openFile, "memory": openMemory} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			want, got := sim.NewMemoryLog(), open(t)
			seed(t, want)
			seed(t, got)
			compare := func(stage string) {
				t.Helper()
				for fname, f := range filters {
					we, _ := want.Entries(ctx, f)
					ge, err := got.Entries(ctx, f)
					if err != nil {
						t.Fatalf("%s %s: Entries: %v", stage, fname, err)
					}
					if !sameEntries(we, ge) {
						t.Errorf("%s %s: Entries\n got %v\nwant %v", stage, fname, ge, we)
					}
					wc, _ := want.Count(ctx, f)
					gc, err := got.Count(ctx, f)
					if err != nil || gc != wc {
						t.Errorf("%s %s: Count = %d, %v; want %d", stage, fname, gc, err, wc)
					}
				}
				wr, wd, _ := want.Stats(ctx)
				gr, gd, err := got.Stats(ctx)
				if err != nil || gr != wr || gd != wd {
					t.Errorf("%s: Stats = %d, %d, %v; want %d, %d", stage, gr, gd, err, wr, wd)
				}
				ids := []int64{1, 2, 3, 4, 5, 6, 99}
				wt, _ := want.Truths(ctx, ids)
				gt, err := got.Truths(ctx, ids)
				if err != nil || !reflect.DeepEqual(gt, wt) {
					t.Errorf("%s: Truths = %v, %v; want %v", stage, gt, err, wt)
				}
			}
			compare("fresh")
			for _, s := range []sim.LogStore{want, got} {
				if err := s.MarkMessaged(ctx, you, ana, t0.Add(2*time.Hour)); err != nil {
					t.Fatal(err)
				}
			}
			compare("after MarkMessaged")
			for _, before := range []time.Time{{}, t0.Add(time.Hour), t0.Add(2 * time.Hour)} {
				wn, _ := want.Purge(ctx, before)
				gn, err := got.Purge(ctx, before)
				if err != nil || gn != wn {
					t.Fatalf("Purge(%v) = %d, %v; want %d", before, gn, err, wn)
				}
				compare("after Purge " + before.String())
			}
		})
	}
}

// sameEntries compares rows field by field, times by instant.
func sameEntries(a, b []sim.LogEntry) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.ID != y.ID || !x.Time.Equal(y.Time) || x.SourceHandle != y.SourceHandle ||
			x.LookupHandle != y.LookupHandle || x.ClientIP != y.ClientIP || x.LookupDevices != y.LookupDevices {
			return false
		}
	}
	return true
}

func TestIDsAreNeverReused(t *testing.T) {
	ctx := context.Background()
	s := openFile(t)
	seed(t, s)
	if _, err := s.Purge(ctx, t0.Add(365*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	id, err := s.Append(ctx, sim.LogEntry{Time: t0.Add(365 * 24 * time.Hour), SourceHandle: you, LookupHandle: ben}, sim.Truth{})
	if err != nil || id != 7 {
		t.Fatalf("Append after purging everything = %d, %v; want ID 7 (IDs are never reused)", id, err)
	}
}

// Another process may have logged a later row between this one reading the
// clock and appending: the append is refused, in the same transaction that
// would have inserted it, so the file stays in time order.
func TestAppendRefusesARowOlderThanTheClock(t *testing.T) {
	ctx := context.Background()
	s := openFile(t)
	if _, err := s.Append(ctx, sim.LogEntry{Time: t0.Add(time.Hour), SourceHandle: you, LookupHandle: ben}, sim.Truth{}); err != nil {
		t.Fatal(err)
	}
	_, err := s.Append(ctx, sim.LogEntry{Time: t0, SourceHandle: you, LookupHandle: ana}, sim.Truth{})
	if !errors.Is(err, sim.ErrClockBehind) {
		t.Fatalf("an older row = %v, want sim.ErrClockBehind", err)
	}
	if n, _ := s.Count(ctx, sim.LogFilter{}); n != 1 {
		t.Errorf("%d rows after a refused append, want 1", n)
	}
	if _, err := s.Append(ctx, sim.LogEntry{Time: t0.Add(time.Hour), SourceHandle: you, LookupHandle: ana}, sim.Truth{}); err != nil {
		t.Errorf("a row at the clock's own time = %v", err)
	}
}

func TestServerClock(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "log.db")
	s := openAt(t, path)
	if got, err := s.ServerTime(ctx); err != nil || !got.IsZero() {
		t.Fatalf("new log: ServerTime = %v, %v; want zero", got, err)
	}
	steps := []struct {
		set  time.Time
		want time.Time
	}{
		{t0, t0},
		{t0.Add(-time.Hour), t0}, // never back
		{time.Time{}, t0},        // zero changes nothing
		{t0.Add(time.Hour), t0.Add(time.Hour)},
	}
	for _, st := range steps {
		if err := s.SetServerTime(ctx, st.set); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ServerTime(ctx); !got.Equal(st.want) {
			t.Errorf("after SetServerTime(%v): ServerTime = %v, want %v", st.set, got, st.want)
		}
	}
	// An appended row is a time the server has seen.
	later := t0.Add(5 * time.Hour)
	if _, err := s.Append(ctx, sim.LogEntry{Time: later, SourceHandle: you, LookupHandle: ana}, sim.Truth{}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	reopened := openAt(t, path)
	if got, _ := reopened.ServerTime(ctx); !got.Equal(later) {
		t.Errorf("reopened: ServerTime = %v, want %v (the clock outlives the program)", got, later)
	}
}

func TestAppendRefusesTimesItCannotStore(t *testing.T) {
	s := openMemory(t)
	for _, at := range []time.Time{{}, time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if _, err := s.Append(context.Background(), sim.LogEntry{Time: at, SourceHandle: you, LookupHandle: ana}, sim.Truth{}); err == nil {
			t.Errorf("Append at %v: no error", at)
		}
	}
	if n, _ := s.Count(context.Background(), sim.LogFilter{}); n != 0 {
		t.Errorf("Count = %d after refused appends, want 0", n)
	}
}

func TestLogOutlivesTheProgram(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "log.db")
	s := openAt(t, path)
	seed(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	reopened := openAt(t, path)
	if n, err := reopened.Count(ctx, sim.LogFilter{}); err != nil || n != 6 {
		t.Fatalf("reopened Count = %d, %v; want 6", n, err)
	}
}

// TestHostileValuesRoundTrip: whatever a handle or IP holds — spaces,
// separators, NUL, newlines, escape sequences, invalid UTF-8 — comes back
// byte for byte.
func TestHostileValuesRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openFile(t)
	values := []string{"", " ", "a b c", "1 2 3 4 5 ", "tel:\x00nul", "new\nline", "\x1b[31mred", "\xff\xfe", "日本語", strings.Repeat("x", 5000)}
	for i, v := range values {
		e := sim.LogEntry{Time: t0.Add(time.Duration(i) * time.Second), SourceHandle: sim.Handle(v), LookupHandle: sim.Handle(v + v), ClientIP: v, LookupDevices: -i}
		if _, err := s.Append(ctx, e, sim.Truth{App: v, Action: v}); err != nil {
			t.Fatalf("Append(%q): %v", v, err)
		}
	}
	for _, f := range []sim.LogFilter{{}, {From: t0}} {
		rows, err := s.Entries(ctx, f)
		if err != nil || len(rows) != len(values) {
			t.Fatalf("Entries = %d rows, %v", len(rows), err)
		}
		for i, e := range rows {
			v := values[i]
			if string(e.SourceHandle) != v || string(e.LookupHandle) != v+v || e.ClientIP != v || e.LookupDevices != -i {
				t.Errorf("row %d came back as %.40q / %.40q / %.40q, want %.40q", i, e.SourceHandle, e.LookupHandle, e.ClientIP, v)
			}
		}
	}
	for i, v := range values[1:] { // an empty handle in a filter means "any"
		rows, err := s.Entries(ctx, sim.LogFilter{Source: sim.Handle(v)})
		if err != nil || len(rows) != 1 || rows[0].ID != int64(i+2) {
			t.Errorf("pen register on %.20q: %d rows, %v", v, len(rows), err)
		}
	}
}
