package logview_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
)

var (
	you = sim.Handle("tel:+14155550100")
	ana = sim.Handle("tel:+14155550132")
	ben = sim.Handle("tel:+14155550147")
	dev = sim.Handle("mailto:dev@example.com")

	produced = time.Date(2016, 9, 28, 0, 0, 0, 0, time.UTC)
	keep2016 = sim.MustRetention(sim.Preset2016)
	keepNow  = sim.MustRetention(sim.PresetToday)
)

type row struct {
	at             time.Time
	source, lookup sim.Handle
	ip             string
}

func logOf(t *testing.T, rows ...row) *sim.MemoryLog {
	t.Helper()
	m := sim.NewMemoryLog()
	for _, r := range rows {
		ip := r.ip
		if ip == "" {
			ip = "203.0.113.24"
		}
		e := sim.LogEntry{Time: r.at, SourceHandle: r.source, LookupHandle: r.lookup, ClientIP: ip, LookupDevices: 1}
		if _, err := m.Append(context.Background(), e, sim.Truth{App: "Messages", Action: "typed in To: field"}); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func order(kind logview.OrderKind, target sim.Handle, from, to time.Time) logview.Order {
	return logview.Order{Kind: kind, Case: "2016-PR-0042", Target: target, Period: logview.Window{From: from, To: to}}
}

func produce(t *testing.T, store sim.LogStore, o logview.Order, keep sim.Retention, dates ...time.Time) *logview.Return {
	t.Helper()
	ret, err := logview.Produce(context.Background(), store, logview.Request{Order: o, Retention: keep, Produced: dates})
	if err != nil {
		t.Fatalf("Produce: %v", err)
	}
	return ret
}

func times(rows []sim.LogEntry) []time.Time {
	out := make([]time.Time, len(rows))
	for i, e := range rows {
		out[i] = e.Time
	}
	return out
}

// TestPeriodMeetsRetention checks every edge where the order's period and
// the retention rule meet.
func TestPeriodMeetsRetention(t *testing.T) {
	from, to := time.Date(2016, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC)
	exactly30 := produced.Add(-30 * 24 * time.Hour)
	cases := []struct {
		name string
		at   time.Time
		keep sim.Retention
		in   bool
	}{
		{"exactly 30 days old is kept", exactly30, keep2016, true},
		{"a nanosecond older has expired", exactly30.Add(-time.Nanosecond), keep2016, false},
		{"30 days old under today's 25 days has expired", exactly30, keepNow, false},
		{"exactly 25 days old under today's rule is kept", produced.Add(-25 * 24 * time.Hour), keepNow, true},
		{"logged at the production instant", produced, keep2016, true},
		{"logged after the production", produced.Add(time.Second), keep2016, false},
		{"1 Aug had expired by 28 Sep", time.Date(2016, 8, 1, 10, 0, 0, 0, time.UTC), keep2016, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := logOf(t, row{at: c.at, source: you, lookup: ana})
			ret := produce(t, store, order(logview.PenRegister, you, from, to), c.keep, produced)
			if got := len(ret.Rows()); got != map[bool]int{true: 1, false: 0}[c.in] {
				t.Errorf("rows = %d, want in = %v", got, c.in)
			}
		})
	}
}

func TestPeriodBoundsAreFromInclusiveToExclusive(t *testing.T) {
	from, to := produced.Add(-10*24*time.Hour), produced.Add(-5*24*time.Hour)
	store := logOf(t,
		row{at: from.Add(-time.Second), source: you, lookup: ana},
		row{at: from, source: you, lookup: ana},
		row{at: to.Add(-time.Second), source: you, lookup: ana},
		row{at: to, source: you, lookup: ana},
	)
	ret := produce(t, store, order(logview.PenRegister, you, from, to), keep2016, produced)
	if got, want := times(ret.Rows()), []time.Time{from, to.Add(-time.Second)}; !slices.Equal(got, want) {
		t.Errorf("rows at %v, want %v", got, want)
	}
}

// TestLateOrderIsEmptyAndSaysWhy: the order was issued after every row in
// its period had expired.
func TestLateOrderIsEmptyAndSaysWhy(t *testing.T) {
	aug := time.Date(2016, 8, 1, 0, 0, 0, 0, time.UTC)
	store := logOf(t, row{at: aug.Add(10 * time.Hour), source: you, lookup: ana}, row{at: aug.Add(20 * 24 * time.Hour), source: you, lookup: ben})
	late := time.Date(2016, 10, 15, 0, 0, 0, 0, time.UTC)
	ret := produce(t, store, order(logview.PenRegister, you, aug, aug.AddDate(0, 1, 0)), keep2016, late)
	p := ret.Productions[0]
	if len(p.Rows) != 0 || !p.Covered.Empty() {
		t.Fatalf("late production holds %d rows, covers %v; want nothing", len(p.Rows), p.Covered)
	}
	notes := strings.Join(p.Notes(ret), " ")
	for _, want := range []string{"Nothing in the period was still kept", "30 days", "2016-09-15 00:00:00 UTC"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q do not say %q", notes, want)
		}
	}
	if lost := ret.Lost(); len(lost) != 1 || !lost[0].From.Equal(aug) || !lost[0].To.Equal(aug.AddDate(0, 1, 0)) {
		t.Errorf("Lost = %v; want the whole period", lost)
	}
}

// TestTrapAndTraceMirrorsPenRegister: a row appears in the pen register of
// its source exactly when it appears in the trap and trace of its lookup
// handle, and each names the other party as counterpart.
func TestTrapAndTraceMirrorsPenRegister(t *testing.T) {
	base := produced.Add(-10 * 24 * time.Hour)
	store := logOf(t,
		row{at: base, source: you, lookup: ana},
		row{at: base.Add(time.Hour), source: ana, lookup: you},
		row{at: base.Add(2 * time.Hour), source: ben, lookup: ana},
		row{at: base.Add(3 * time.Hour), source: you, lookup: dev},
		row{at: base.Add(4 * time.Hour), source: you, lookup: ana},
	)
	period := [2]time.Time{base.Add(-time.Hour), produced}
	handles := []sim.Handle{you, ana, ben, dev}
	pen := map[sim.Handle][]sim.LogEntry{}
	trap := map[sim.Handle][]sim.LogEntry{}
	for _, h := range handles {
		pen[h] = produce(t, store, order(logview.PenRegister, h, period[0], period[1]), keep2016, produced).Rows()
		trap[h] = produce(t, store, order(logview.TrapAndTrace, h, period[0], period[1]), keep2016, produced).Rows()
	}
	all, _ := store.Entries(context.Background(), sim.LogFilter{})
	for _, e := range all {
		if !slices.ContainsFunc(pen[e.SourceHandle], func(x sim.LogEntry) bool { return x.ID == e.ID }) ||
			!slices.ContainsFunc(trap[e.LookupHandle], func(x sim.LogEntry) bool { return x.ID == e.ID }) {
			t.Errorf("row %d (%s → %s) missing from the pen register of its source or the trap and trace of its lookup", e.ID, e.SourceHandle, e.LookupHandle)
		}
	}
	total := 0
	for _, h := range handles {
		total += len(pen[h])
		if !sameRows(trap[h], only(all, func(e sim.LogEntry) bool { return e.LookupHandle == h })) {
			t.Errorf("trap and trace on %s = %v", h, trap[h])
		}
	}
	if total != len(all) {
		t.Errorf("pen registers hold %d rows in all, the log %d", total, len(all))
	}
	places, _ := logview.LoadPlaces()
	penInf := logview.Infer(logview.PenRegister, pen[you], places)
	trapInf := logview.Infer(logview.TrapAndTrace, trap[ana], places)
	if penInf.Counterparts[0].Handle != ana || penInf.Counterparts[0].Count != 2 {
		t.Errorf("pen register on you: top counterpart %+v; want ana ×2", penInf.Counterparts[0])
	}
	if trapInf.Counterparts[0].Handle != you || trapInf.Counterparts[0].Count != 2 || trapInf.Counterparts[1].Handle != ben {
		t.Errorf("trap and trace on ana: counterparts %+v; want you ×2 then ben", trapInf.Counterparts)
	}
}

func only(rows []sim.LogEntry, keep func(sim.LogEntry) bool) []sim.LogEntry {
	var out []sim.LogEntry
	for _, e := range rows {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

func sameRows(a, b []sim.LogEntry) bool {
	return slices.EqualFunc(a, b, func(x, y sim.LogEntry) bool { return x.ID == y.ID })
}

// TestProductionsStringTogether: monthly productions under a 30-day rule
// miss nothing; under today's 25 days each leaves a 5-day hole.
func TestProductionsStringTogether(t *testing.T) {
	start := time.Date(2016, 9, 1, 0, 0, 0, 0, time.UTC)
	var rows []row
	for d := range 60 {
		rows = append(rows, row{at: start.Add(time.Duration(d)*24*time.Hour + 12*time.Hour), source: you, lookup: ana})
	}
	store := logOf(t, rows...)
	o := order(logview.PenRegister, you, start, start.Add(60*24*time.Hour))
	monthly := []time.Time{start.Add(30 * 24 * time.Hour), start.Add(60 * 24 * time.Hour)}

	full := produce(t, store, o, keep2016, monthly...)
	if n := len(full.Rows()); n != 60 || len(full.Lost()) != 0 {
		t.Errorf("2016 rule: %d rows, lost %v; want all 60 and no gap", n, full.Lost())
	}
	holed := produce(t, store, o, keepNow, monthly...)
	lost := holed.Lost()
	wantLost := []logview.Window{
		{From: start, To: start.Add(5 * 24 * time.Hour)},
		{From: start.Add(30*24*time.Hour + time.Nanosecond), To: start.Add(35 * 24 * time.Hour)},
	}
	if len(lost) != 2 || !lost[0].From.Equal(wantLost[0].From) || !lost[0].To.Equal(wantLost[0].To) ||
		!lost[1].From.Equal(wantLost[1].From) || !lost[1].To.Equal(wantLost[1].To) {
		t.Errorf("today's rule: lost %v; want %v", lost, wantLost)
	}
	if n := len(holed.Rows()); n != 50 {
		t.Errorf("today's rule: %d rows; want 50 (two 5-day holes)", n)
	}
}

func TestIncompleteWhenTheServerHasPurged(t *testing.T) {
	store := logOf(t, row{at: produced.Add(-20 * 24 * time.Hour), source: you, lookup: ana})
	o := order(logview.PenRegister, you, produced.Add(-40*24*time.Hour), produced)
	ret, err := logview.Produce(context.Background(), store, logview.Request{
		Order: o, Retention: keep2016, Produced: []time.Time{produced}, HeldFrom: produced.Add(-25 * 24 * time.Hour),
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ret.Productions[0].Incomplete || !strings.Contains(strings.Join(ret.Productions[0].Notes(ret), " "), "may be missing") {
		t.Errorf("a production reaching before what the server still holds must say it may be incomplete")
	}
}

func TestProduceRefusesBadRequests(t *testing.T) {
	store := sim.NewMemoryLog()
	good := order(logview.PenRegister, you, produced.Add(-time.Hour), produced)
	cases := map[string]logview.Request{
		"no production":     {Order: good, Retention: keep2016},
		"no retention":      {Order: good, Produced: []time.Time{produced}},
		"no target":         {Order: order(logview.PenRegister, "", produced.Add(-time.Hour), produced), Retention: keep2016, Produced: []time.Time{produced}},
		"backwards period":  {Order: order(logview.PenRegister, you, produced, produced.Add(-time.Hour)), Retention: keep2016, Produced: []time.Time{produced}},
		"unknown kind":      {Order: order("wiretap", you, produced.Add(-time.Hour), produced), Retention: keep2016, Produced: []time.Time{produced}},
		"negative extended": {Order: logview.Order{Kind: logview.PenRegister, Target: you, Period: good.Period, Extensions: -1}, Retention: keep2016, Produced: []time.Time{produced}},
	}
	for name, req := range cases {
		if _, err := logview.Produce(context.Background(), store, req); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestStatuteNote(t *testing.T) {
	from := time.Date(2016, 7, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		to         time.Time
		extensions int
		want       string
	}{
		{logview.DefaultPeriod(from).To, 0, ""},
		{from.AddDate(0, 0, 92), 0, "92 days: longer than the 60 days 18 U.S.C. §3123(c) allows without an extension"},
		{from.AddDate(0, 0, 92), 1, ""},
		{from.AddDate(0, 0, 121), 1, "longer than the 120 days 18 U.S.C. §3123(c) allows with 1 extension of up to 60 days each"},
	}
	for _, c := range cases {
		o := logview.Order{Kind: logview.PenRegister, Target: you, Period: logview.Window{From: from, To: c.to}, Extensions: c.extensions}
		got := o.StatuteNote()
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%v +%d: StatuteNote = %q; want %q", c.to, c.extensions, got, c.want)
		}
	}
}
