package discovery

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"bluegreen/sim"
)

func TestHashHandleIsTruncatedSHA256(t *testing.T) {
	// sha256("tel:+14155550132"), first 10 bytes, computed independently.
	h := HashHandle("tel:+14155550132")
	if len(h.String()) != HashLen {
		t.Fatalf("hash %s: want %d hex digits", h, HashLen)
	}
	back, err := ParseHash(h.String())
	if err != nil || back != h {
		t.Fatalf("ParseHash(%s) = %s, %v", h, back, err)
	}
	if HashHandle("tel:+14155550147") == h {
		t.Fatal("two numbers hash alike")
	}
}

func TestParseHashRejects(t *testing.T) {
	for _, in := range []string{"", "abc", "zz000000000000000000", "0123456789abcdef012\x1b"} {
		if _, err := ParseHash(in); err == nil {
			t.Errorf("ParseHash(%q) accepted", in)
		}
	}
}

func TestReverseRecoversBlockAndSaysNotFound(t *testing.T) {
	want := []sim.Handle{"tel:+14155550132", "tel:+14155550199", "tel:+14155550100"}
	notANumber := HashHandle("mailto:dev@example.com")
	targets := []Hash{HashHandle(want[0]), notANumber, HashHandle(want[1]), HashHandle(want[2])}
	var calls atomic.Int64
	res, err := Reverse(context.Background(), targets, BlockSpace("415"), 2, func(done, total int64) {
		calls.Add(1)
		if done > total {
			t.Errorf("progress %d of %d", done, total)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Found) != 3 {
		t.Fatalf("found %v, want 3", res.Found)
	}
	for i, f := range res.Found {
		if f.Handle != want[i] || f.Hash != HashHandle(want[i]) {
			t.Errorf("found[%d] = %v, want %s", i, f, want[i])
		}
	}
	if len(res.NotFound) != 1 || res.NotFound[0] != notANumber {
		t.Errorf("not found = %v, want the email's hash", res.NotFound)
	}
	if res.Tried != 100 || calls.Load() == 0 {
		t.Errorf("tried %d (want all 100), progress calls %d", res.Tried, calls.Load())
	}
}

func TestReverseAreaCodeFindsNumberOutsideTheBlock(t *testing.T) {
	if testing.Short() {
		t.Skip("hashes up to 10^7 numbers")
	}
	target := sim.Handle("tel:+14152345678")
	res, err := Reverse(context.Background(), []Hash{HashHandle(target)}, AreaCodeSpace("415"), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Found) != 1 || res.Found[0].Handle != target {
		t.Fatalf("found %v, want %s", res.Found, target)
	}
	if res.Tried >= AreaCodeSpace("415").Size() {
		t.Errorf("tried %d: should stop once every target is found", res.Tried)
	}
	if res.Rate() <= 0 || res.Extrapolate(NANPSize) <= 0 {
		t.Errorf("rate %v, extrapolation %v", res.Rate(), res.Extrapolate(NANPSize))
	}
}

func TestReverseListSpaceAndCancel(t *testing.T) {
	list := Space{Name: "file", List: []sim.Handle{"mailto:dev@example.com", "tel:+14155550163"}}
	res, err := Reverse(context.Background(), []Hash{HashHandle("mailto:dev@example.com")}, list, 1, nil)
	if err != nil || len(res.Found) != 1 || res.Found[0].Handle != "mailto:dev@example.com" {
		t.Fatalf("list space: %v, %v", res, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err = Reverse(ctx, []Hash{HashHandle("tel:+1")}, AreaCodeSpace("415"), 2, nil)
	if err == nil || res.Tried != 0 {
		t.Fatalf("cancelled: tried %d, err %v", res.Tried, err)
	}
	if err := (Space{Digits: 13}).Check(); err == nil {
		t.Error("a 13-digit space was accepted")
	}
}

func TestIncrementCarries(t *testing.T) {
	d := []byte("0199")
	increment(d)
	if string(d) != "0200" {
		t.Fatalf("increment(0199) = %s", d)
	}
	writeDigits(d, 42)
	if string(d) != "0042" {
		t.Fatalf("writeDigits(42) = %s", d)
	}
}

// BenchmarkReverseAreaCode hashes all 10^7 numbers of the 415 area code on
// every core and matches each against 100 target hashes: 99 numbers spread
// over the area code and one that is not a number, so the whole space is
// always enumerated.
func BenchmarkReverseAreaCode(b *testing.B) {
	space := AreaCodeSpace("415")
	targets := []Hash{HashHandle("mailto:dev@example.com")}
	for i := range 99 {
		targets = append(targets, HashHandle(sim.Handle(fmt.Sprintf("tel:+1415%07d", i*101_010))))
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := Reverse(context.Background(), targets, space, 0, nil)
		if err != nil || len(res.Found) != 99 || res.Tried != space.Size() {
			b.Fatalf("found %d, tried %d, err %v", len(res.Found), res.Tried, err)
		}
	}
	b.ReportMetric(float64(space.Size()*int64(b.N))/b.Elapsed().Seconds(), "hashes/s")
}
