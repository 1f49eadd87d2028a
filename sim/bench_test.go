package sim

import (
	"context"
	"testing"
)

// BenchmarkLookup measures one whole lookup: the phone misses its cache,
// sends a query, Apple answers and appends a log row (in memory), and the
// colour decision is made.
func BenchmarkLookup(b *testing.B) {
	w := newClassroom(b)
	w.Server.limit = RateLimit{} // measure the lookup, not the refusal
	ctx := context.Background()
	handles := []Handle{ana, ben, chloe, dev, "tel:+447700900123", "tel:+14155550199"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		w.Phone.Cache.Clear()
		res, err := w.Lookup(ctx, []Handle{handles[i%len(handles)]}, TriggerTyped)
		if err != nil || len(res.Exchanges) != 1 {
			b.Fatalf("lookup %d: %v, %d exchanges", i, err, len(res.Exchanges))
		}
		_ = w.Decide(res.Answers)
	}
}
