package app

import (
	"sync"
	"testing"

	"bluegreen/sim"
	"bluegreen/sim/simtest"

	tea "charm.land/bubbletea/v2"
)

// Benchmarks: a keystroke (and a page of the log) must cost the same with
// a million log rows as with a thousand, because the log pane holds only
// the rows on screen. Run with
//
//	go test ./tui -run '^$' -bench . -benchmem
//
// Figures are in docs/PERFORMANCE.md.

// fixtureLogs caches the big fixture logs: building a million rows takes
// a second, and the benchmark functions run several times.
var fixtureLogs sync.Map // rows (int) → *sim.MemoryLog

// fixtureLog is an in-memory log of n rows spread over the 29 days before
// the classroom scenario starts (inside its 30-day retention), appended
// directly rather than through lookups.
func fixtureLog(b *testing.B, n int) *sim.MemoryLog {
	b.Helper()
	if l, ok := fixtureLogs.Load(n); ok {
		return l.(*sim.MemoryLog)
	}
	store := simtest.FilledLog(b, n)
	fixtureLogs.Store(n, store)
	return store
}

// benchHarness starts the app at 160×45 on the classroom world over a
// fixture log of n rows, with the log pane's first fetch done.
func benchHarness(b *testing.B, n int) *harness {
	b.Helper()
	store := fixtureLog(b, n)
	world, _ := newClassroomOn(b, store)
	// Ana's answer is in the phone's cache, so typing her number sends no
	// query: the log holds exactly n rows for the whole benchmark.
	world.Phone.Cache.Put(sim.CacheEntry{Handle: ana, Devices: 3, FetchedAt: world.Now()})
	h := startHarness(b, world, store, "dark", 160, 45)
	if h.m.log.Total() != n || len(h.m.log.Rows()) == 0 {
		b.Fatalf("the log pane has not fetched: total %d, %d rows on screen", h.m.log.Total(), len(h.m.log.Rows()))
	}
	return h
}

func BenchmarkKeystroke(b *testing.B)         { benchmarkKeystroke(b, 1_000_000) }
func BenchmarkKeystrokeSmallLog(b *testing.B) { benchmarkKeystroke(b, 1_000) }

// benchmarkKeystroke times Update + View for one digit typed into the To:
// field. The digits of Ana's number are typed in turn; the tenth completes
// it, and the as-you-type lookup it starts (served from the cache) and
// clearing the field happen outside the timing.
func benchmarkKeystroke(b *testing.B, n int) {
	h := benchHarness(b, n)
	const digits = "4155550132"
	keys := make([]tea.KeyPressMsg, len(digits))
	for i, d := range digits {
		keys[i] = tea.KeyPressMsg{Code: d, Text: string(d)}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		cmd := h.update(keys[i%len(keys)])
		if v := h.m.View(); v.Content == "" {
			b.Fatal("empty view")
		}
		if cmd == nil && i%len(keys) != len(keys)-1 {
			continue
		}
		b.StopTimer()
		h.run(cmd)
		if i%len(keys) == len(keys)-1 {
			h.press("esc")
		}
		b.StartTimer()
	}
	b.StopTimer()
	if h.m.log.Total() != n || len(h.rows()) != n {
		b.Fatalf("the log changed during the benchmark: pane %d, store %d rows, want %d", h.m.log.Total(), len(h.rows()), n)
	}
	mustContain(b, "screen", h.screen(), sim.Plural(n, "row", "rows")+" · ")
}

func BenchmarkLogPageUp(b *testing.B)         { benchmarkLogPageUp(b, 1_000_000) }
func BenchmarkLogPageUpSmallLog(b *testing.B) { benchmarkLogPageUp(b, 1_000) }

// benchmarkLogPageUp times one page up in the log pane: Update, the fetch
// of the page from the store, Update with its rows, and View. At the top
// the pane jumps back to the newest rows, outside the timing.
func benchmarkLogPageUp(b *testing.B, n int) {
	h := benchHarness(b, n)
	h.press("tab", "tab")
	if h.m.scr.focus != PaneLog {
		b.Fatal("the log pane does not have focus")
	}
	pgup := keyMsg(b, "pgup")
	b.ReportAllocs()
	for b.Loop() {
		if h.m.log.Offset() == 0 {
			b.StopTimer()
			h.press("end")
			b.StartTimer()
		}
		before := h.m.log.Offset()
		cmd := h.update(pgup)
		h.update(cmd())
		if h.m.log.Offset() >= before {
			b.Fatalf("page up did not move: offset %d → %d", before, h.m.log.Offset())
		}
		if v := h.m.View(); v.Content == "" {
			b.Fatal("empty view")
		}
	}
}
