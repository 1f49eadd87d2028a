package logview_test

import (
	"strings"
	"testing"
	"time"

	"bluegreen/logview"
)

// TestExpiredSinceEarlier: a production counts the rows earlier
// productions of the same order held and that had expired by its own date
// — each row once, however many productions held it — and never a row no
// production ever held.
func TestExpiredSinceEarlier(t *testing.T) {
	day := 24 * time.Hour
	sep := func(d int, h int) time.Time { return time.Date(2016, 9, d, h, 0, 0, 0, time.UTC) }
	store := logOf(t,
		row{at: sep(10, 9), source: you, lookup: ana},               // held by p1; expired by p2
		row{at: sep(20, 9), source: you, lookup: ben},               // held by p1 and p2; expired by p3
		row{at: sep(27, 9), source: you, lookup: dev},               // held by p1 and p2; expired by p3
		row{at: sep(29, 9), source: you, lookup: ana},               // after p1: held by p2 only; expired by p3
		row{at: sep(30, 12), source: ana, lookup: you},              // not the target's row: never in a pen register on you
		row{at: sep(28, 12), source: you, lookup: ben},              // after p1, before p2 — held by p2; expired by p3
		row{at: sep(10, 9).Add(40 * day), source: you, lookup: ana}, // 20 Oct: after p2, kept at p3
	)
	o := order(logview.PenRegister, you, sep(1, 0), sep(1, 0).Add(60*day))
	p1, p2, p3 := sep(28, 0), sep(28, 0).Add(15*day), sep(28, 0).Add(32*day) // 28 Sep, 13 Oct, 30 Oct
	ret := produce(t, store, o, keep2016, p1, p2, p3)
	if len(ret.Productions) != 3 {
		t.Fatalf("%d productions, want 3", len(ret.Productions))
	}
	wantHeld := []int{3, 4, 1}
	wantExpired := []int{0, 1, 5}
	for i, p := range ret.Productions {
		if got := len(p.Rows); got != wantHeld[i] {
			t.Errorf("production %d holds %d rows, want %d", i+1, got, wantHeld[i])
		}
		if got := p.ExpiredSinceEarlier(ret); got != wantExpired[i] {
			t.Errorf("production %d: ExpiredSinceEarlier = %d, want %d", i+1, got, wantExpired[i])
		}
	}

	// The notes say it in words, with the right number.
	notes := func(i int) string { return strings.Join(ret.Productions[i].Notes(ret), " ") }
	if n := notes(0); strings.Contains(n, "produced earlier") {
		t.Errorf("the first production mentions earlier ones: %q", n)
	}
	if n := notes(1); !strings.Contains(n, "1 row produced earlier for this order had expired by now and is missing here") {
		t.Errorf("production 2 notes %q", n)
	}
	if n := notes(2); !strings.Contains(n, "5 rows produced earlier for this order had expired by now and are missing here") {
		t.Errorf("production 3 notes %q", n)
	}
	// Police still hold every row any production held.
	if got := len(ret.Rows()); got != 7-1 {
		t.Errorf("police hold %d distinct rows, want 6 (every row of yours)", got)
	}
}

// TestExpiredSinceEarlierIgnoresRowsNobodyHeld: rows that expired before
// any production asked for them were lost, not "expired since earlier";
// and a production made at the same instant as an earlier one counts none.
func TestExpiredSinceEarlierIgnoresRowsNobodyHeld(t *testing.T) {
	day := 24 * time.Hour
	start := time.Date(2016, 9, 1, 0, 0, 0, 0, time.UTC)
	store := logOf(t,
		row{at: start.Add(2 * day), source: you, lookup: ana},  // 3 Sep: before p1's cutoff — never produced
		row{at: start.Add(20 * day), source: you, lookup: ben}, // 21 Sep: held by p1
	)
	o := order(logview.PenRegister, you, start, start.Add(60*day))
	p1 := start.Add(35 * day) // 6 Oct, cutoff 6 Sep
	p2 := start.Add(55 * day) // 26 Oct, cutoff 26 Sep
	ret := produce(t, store, o, keep2016, p1, p2)
	if got := len(ret.Productions[0].Rows); got != 1 {
		t.Fatalf("production 1 holds %d rows, want 1 (the 3 Sep row had already expired)", got)
	}
	if got := ret.Productions[1].ExpiredSinceEarlier(ret); got != 1 {
		t.Errorf("production 2: ExpiredSinceEarlier = %d, want 1 (only the row production 1 held)", got)
	}
	if lost := ret.Lost(); len(lost) == 0 || !lost[0].From.Equal(start.Add(time.Nanosecond)) {
		t.Errorf("Lost = %v; want it to start just after the order was entered", lost)
	}

	// The same date twice is one production (Produce deduplicates), and a
	// production never counts itself.
	same := produce(t, store, o, keep2016, p1, p1)
	if len(same.Productions) != 1 || same.Productions[0].ExpiredSinceEarlier(same) != 0 {
		t.Errorf("one production date given twice: %d productions, expired %d", len(same.Productions), same.Productions[0].ExpiredSinceEarlier(same))
	}
	// Productions strung together by hand (as the TUI does, one at a time)
	// at one instant count nothing against each other.
	twice := &logview.Return{Order: o, Retention: keep2016, Productions: []logview.Production{ret.Productions[0], ret.Productions[0]}}
	if got := twice.Productions[1].ExpiredSinceEarlier(twice); got != 0 {
		t.Errorf("a production at the same instant as an earlier one counts %d expired, want 0", got)
	}
}
