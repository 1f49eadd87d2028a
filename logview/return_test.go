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

// order is a forward-looking order entered at from whose first period
// ends at to.
func order(kind logview.OrderKind, target sim.Handle, from, to time.Time) logview.Order {
	return logview.Order{Kind: kind, Case: "2016-PR-0042", Target: target, Entered: from, Period: logview.Window{From: from, To: to}}
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
	from, to := time.Date(2016, 8, 1, 0, 0, 0, 0, time.UTC), time.Date(2016, 9, 30, 0, 0, 0, 0, time.UTC)
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

// A forward-looking order collects after the instant it was entered (a
// row logged at that instant came before it) and up to, not including,
// the end of its period.
func TestPeriodBoundsExcludeTheEntryInstantAndTheEnd(t *testing.T) {
	from, to := produced.Add(-10*24*time.Hour), produced.Add(-5*24*time.Hour)
	store := logOf(t,
		row{at: from.Add(-time.Second), source: you, lookup: ana},
		row{at: from, source: you, lookup: ana},
		row{at: to.Add(-time.Second), source: you, lookup: ana},
		row{at: to, source: you, lookup: ana},
	)
	ret := produce(t, store, order(logview.PenRegister, you, from, to), keep2016, produced)
	if got, want := times(ret.Rows()), []time.Time{to.Add(-time.Second)}; !slices.Equal(got, want) {
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
	for _, want := range []string{"Nothing in the order's reach was still kept", "30 days", "2016-09-15 00:00:00 UTC", "Produced after the order's period ended"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q do not say %q", notes, want)
		}
	}
	if lost := ret.Lost(); len(lost) != 1 || !lost[0].From.Equal(aug.Add(time.Nanosecond)) || !lost[0].To.Equal(aug.AddDate(0, 1, 0)) {
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
		{From: start.Add(time.Nanosecond), To: start.Add(5 * 24 * time.Hour)},
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
	backdated := good
	backdated.Period.From = good.Period.From.Add(-24 * time.Hour)
	tooLong := order(logview.PenRegister, you, produced.Add(-61*24*time.Hour), produced)
	stored := logview.Order{Kind: logview.StoredRecords, Target: you}
	badSide := logview.NewOrder(logview.StoredRecords, you, produced)
	badSide.Direction = "sideways"
	cases := map[string]logview.Request{
		"no production":           {Order: good, Retention: keep2016},
		"no retention":            {Order: good, Produced: []time.Time{produced}},
		"no target":               {Order: order(logview.PenRegister, "", produced.Add(-time.Hour), produced), Retention: keep2016, Produced: []time.Time{produced}},
		"backwards period":        {Order: order(logview.PenRegister, you, produced, produced.Add(-time.Hour)), Retention: keep2016, Produced: []time.Time{produced}},
		"unknown kind":            {Order: order("wiretap", you, produced.Add(-time.Hour), produced), Retention: keep2016, Produced: []time.Time{produced}},
		"period before entry":     {Order: backdated, Retention: keep2016, Produced: []time.Time{produced}},
		"period over 60 days":     {Order: tooLong, Retention: keep2016, Produced: []time.Time{produced}},
		"production before entry": {Order: good, Retention: keep2016, Produced: []time.Time{produced.Add(-2 * time.Hour)}},
		"stored, no entry date":   {Order: stored, Retention: keep2016, Produced: []time.Time{produced}},
		"stored, unknown side":    {Order: badSide, Retention: keep2016, Produced: []time.Time{produced}},
		"stored before its entry": {Order: logview.NewOrder(logview.StoredRecords, you, produced), Retention: keep2016, Produced: []time.Time{produced.Add(-time.Hour)}},
	}
	for name, req := range cases {
		if _, err := logview.Produce(context.Background(), store, req); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// A pen register or trap and trace looks forward: a row logged before the
// order was entered is never in it, however soon Apple produces.
func TestForwardOrderNeverReachesBeforeEntry(t *testing.T) {
	sep1 := time.Date(2016, 9, 1, 10, 0, 0, 0, time.UTC)
	sep10 := time.Date(2016, 9, 10, 0, 0, 0, 0, time.UTC)
	store := logOf(t, row{at: sep1, source: you, lookup: ana}, row{at: sep10.Add(time.Hour), source: you, lookup: ben})
	for _, kind := range []logview.OrderKind{logview.PenRegister, logview.TrapAndTrace} {
		target := map[logview.OrderKind]sim.Handle{logview.PenRegister: you, logview.TrapAndTrace: ana}[kind]
		ret := produce(t, store, logview.NewOrder(kind, target, sep10), keep2016, sep10, sep10.Add(5*24*time.Hour))
		for _, e := range ret.Rows() {
			if e.Time.Before(sep10) {
				t.Errorf("%s entered %s returned a row from %s", kind, sep10, e.Time)
			}
		}
	}
	pen := produce(t, store, logview.NewOrder(logview.PenRegister, you, sep10), keep2016, sep10.Add(5*24*time.Hour))
	if got := times(pen.Rows()); !slices.Equal(got, []time.Time{sep10.Add(time.Hour)}) {
		t.Errorf("pen register rows %v, want only the row after entry", got)
	}
}

// A stored-records order reaches back over what Apple still retains on
// the production date, before the order and after it alike.
func TestStoredRecordsReachBackOverRetention(t *testing.T) {
	sep1 := time.Date(2016, 9, 1, 10, 0, 0, 0, time.UTC)
	store := logOf(t, row{at: sep1, source: you, lookup: ana})
	sep10, oct5 := time.Date(2016, 9, 10, 0, 0, 0, 0, time.UTC), time.Date(2016, 10, 5, 0, 0, 0, 0, time.UTC)
	if n := len(produce(t, store, logview.NewOrder(logview.StoredRecords, you, sep10), keep2016, sep10).Rows()); n != 1 {
		t.Errorf("stored records produced 09-10: %d rows, want 1", n)
	}
	late := produce(t, store, logview.NewOrder(logview.StoredRecords, you, oct5), keep2016, oct5)
	if n := len(late.Rows()); n != 0 {
		t.Errorf("stored records produced 10-05: %d rows, want 0 (expired after 30 days)", n)
	}
	if notes := strings.Join(late.Productions[0].Notes(late), " "); !strings.Contains(notes, "2016-09-05") {
		t.Errorf("notes %q do not say how far back it reached", notes)
	}
}

func TestStoredRecordsWorkInEitherDirection(t *testing.T) {
	base := produced.Add(-3 * 24 * time.Hour)
	store := logOf(t,
		row{at: base, source: you, lookup: ana},
		row{at: base.Add(time.Hour), source: ana, lookup: you},
		row{at: base.Add(2 * time.Hour), source: ben, lookup: you},
	)
	bySource := logview.NewOrder(logview.StoredRecords, you, produced)
	byLookup := bySource
	byLookup.Direction = logview.AsLookup
	if got := produce(t, store, bySource, keep2016, produced).Rows(); len(got) != 1 || got[0].LookupHandle != ana {
		t.Errorf("as source: %v", got)
	}
	got := produce(t, store, byLookup, keep2016, produced)
	if len(got.Rows()) != 2 {
		t.Fatalf("as lookup: %v", got.Rows())
	}
	places, _ := logview.LoadPlaces()
	inf := logview.Infer(byLookup, got.Rows(), places)
	if inf.Counterparts[0].Handle != ana || inf.Counterparts[1].Handle != ben {
		t.Errorf("who looked you up: %+v", inf.Counterparts)
	}
}

// Productions far enough apart leave a gap: rows that expired between two
// productions and were never produced.
func TestLateProductionLeavesAGap(t *testing.T) {
	start := time.Date(2016, 9, 1, 0, 0, 0, 0, time.UTC)
	var rows []row
	for d := range 80 {
		rows = append(rows, row{at: start.Add(time.Duration(d)*24*time.Hour + 12*time.Hour), source: you, lookup: ana})
	}
	store := logOf(t, rows...)
	o, err := logview.NewOrder(logview.PenRegister, you, start).Renew(start.Add(50*24*time.Hour), 30)
	if err != nil {
		t.Fatal(err)
	}
	first, late := start.Add(20*24*time.Hour), start.Add(80*24*time.Hour)
	ret := produce(t, store, o, keep2016, first, late)
	lost := ret.Lost()
	if len(lost) != 1 || !lost[0].From.Equal(first.Add(time.Nanosecond)) || !lost[0].To.Equal(late.Add(-30*24*time.Hour)) {
		t.Fatalf("lost %v; want one gap from the first production to 30 days before the late one", lost)
	}
	if n := len(ret.Rows()); n != 20+30 {
		t.Errorf("%d rows, want 50 (20 days, then the last 30)", n)
	}
}

func TestRenew(t *testing.T) {
	start := time.Date(2016, 9, 1, 0, 0, 0, 0, time.UTC)
	o := logview.NewOrder(logview.PenRegister, you, start)
	r, err := o.Renew(start.Add(59*24*time.Hour), 60)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Authorised().To; !got.Equal(start.Add(120 * 24 * time.Hour)) {
		t.Errorf("renewed through %v", got)
	}
	if o.Extensions() != 0 {
		t.Errorf("Renew changed the original order")
	}
	for name, try := range map[string]func() error{
		"61 days":      func() error { _, err := o.Renew(start.Add(24*time.Hour), 61); return err },
		"after lapse":  func() error { _, err := o.Renew(start.Add(61*24*time.Hour), 30); return err },
		"before entry": func() error { _, err := o.Renew(start.Add(-time.Hour), 30); return err },
		"stored": func() error {
			_, err := logview.NewOrder(logview.StoredRecords, you, start).Renew(start, 30)
			return err
		},
	} {
		if err := try(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestTimelineKeepsBothClocks(t *testing.T) {
	start := time.Date(2016, 9, 1, 0, 0, 0, 0, time.UTC)
	store := logOf(t, row{at: start.Add(time.Hour), source: you, lookup: ana})
	o, _ := logview.NewOrder(logview.PenRegister, you, start).Renew(start.Add(40*24*time.Hour), 30)
	first, late := start.Add(10*24*time.Hour), start.Add(75*24*time.Hour)
	tl := produce(t, store, o, keep2016, first, late).Timeline(late)
	if !tl.Kept.From.Equal(late.Add(-30*24*time.Hour)) || !tl.Kept.To.Equal(late) {
		t.Errorf("retention window %v", tl.Kept)
	}
	if !tl.Period.From.Equal(start) || len(tl.Renewals) != 1 || !tl.Renewals[0].To.Equal(start.Add(90*24*time.Hour)) {
		t.Errorf("period %v renewals %v", tl.Period, tl.Renewals)
	}
	if len(tl.Marks) != 2 || tl.Marks[0].Rows != 1 || tl.Marks[1].Rows != 0 {
		t.Errorf("marks %+v", tl.Marks)
	}
	if len(tl.Gaps) != 1 || !tl.From.Equal(start) || !tl.To.Equal(start.Add(90*24*time.Hour)) {
		t.Errorf("gaps %v, axis %v–%v", tl.Gaps, tl.From, tl.To)
	}
}
