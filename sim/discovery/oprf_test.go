package discovery

import (
	"bytes"
	"fmt"
	"testing"

	"bluegreen/sim"
)

// directoryOf registers n fictional-looking handles (every third on iMessage).
func directoryOf(n int) *sim.Directory {
	dir := sim.NewDirectory()
	for i := range n {
		dir.Register(sim.Handle(fmt.Sprintf("tel:+1415%07d", i)), sim.Registration{Devices: (i % 3) % 2 * 2})
	}
	return dir
}

func TestOPRFRoundTripMatchesPublishedSet(t *testing.T) {
	dir := directoryOf(30)
	ev, err := NewEvaluator(dir, 7)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Published() != 10 {
		t.Fatalf("published %d, want the 10 registered handles", ev.Published())
	}
	b := NewBlinder(7)
	hs := []sim.Handle{"tel:+14150000001", "tel:+14150000000", "tel:+14155550199"}
	bl, err := b.Blind(hs)
	if err != nil {
		t.Fatal(err)
	}
	for i, el := range bl.Elements {
		if bytes.Contains(el, []byte(hs[i])) || len(el) != 32 {
			t.Fatalf("blinded element %x: want 32 bytes and no handle", el)
		}
	}
	evaluated, err := ev.Evaluate(bl.Elements)
	if err != nil {
		t.Fatal(err)
	}
	outs, err := b.Finalize(bl, evaluated)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{2, 0, 0}
	for i, o := range outs {
		if d, _ := ev.Match(o); d != want[i] {
			t.Errorf("%s: %d devices, want %d", hs[i], d, want[i])
		}
	}
	if _, err := ev.Evaluate([][]byte{[]byte("not a point")}); err == nil {
		t.Error("the server evaluated garbage")
	}
	if _, err := b.Finalize(bl, evaluated[:1]); err == nil {
		t.Error("finalised with a missing element")
	}
}

// BenchmarkOPRFLookup is one blinded lookup end to end — the phone blinds a
// handle, Apple evaluates it, the phone unblinds and matches the output
// against the published set of a 1,000-handle directory.
func BenchmarkOPRFLookup(b *testing.B) {
	dir := directoryOf(1000)
	ev, err := NewEvaluator(dir, 1)
	if err != nil {
		b.Fatal(err)
	}
	bl := NewBlinder(1)
	h := []sim.Handle{"tel:+14150000001"}
	for b.Loop() {
		req, err := bl.Blind(h)
		if err != nil {
			b.Fatal(err)
		}
		evaluated, err := ev.Evaluate(req.Elements)
		if err != nil {
			b.Fatal(err)
		}
		outs, err := bl.Finalize(req, evaluated)
		if err != nil {
			b.Fatal(err)
		}
		if d, _ := ev.Match(outs[0]); d != 2 {
			b.Fatalf("%d devices", d)
		}
	}
}
