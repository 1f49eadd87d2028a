package discovery_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/discovery"
)

const (
	ana  sim.Handle = "tel:+14155550132" // 3 devices in the classroom scenario
	ben  sim.Handle = "tel:+14155550147" // not on iMessage
	self sim.Handle = "tel:+14155550100"
)

func classroom(t testing.TB, d sim.Design) *sim.World {
	t.Helper()
	s, err := sim.LoadScenario(sim.DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.Build(context.Background(), sim.NewMemoryLog())
	if err != nil {
		t.Fatal(err)
	}
	if err := discovery.Attach(w); err != nil {
		t.Fatal(err)
	}
	if err := w.SetDesign(d); err != nil {
		t.Fatal(err)
	}
	return w
}

func rows(t testing.TB, w *sim.World) []sim.LogEntry {
	t.Helper()
	rs, err := w.Server.Log().Entries(context.Background(), sim.LogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func lookup(t testing.TB, w *sim.World, hs ...sim.Handle) sim.LookupResult {
	t.Helper()
	res, err := w.Lookup(context.Background(), hs, sim.TriggerCommitted)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestEveryDesignsLogColumns looks Ana and Ben up under each design and
// checks what each of the log's columns holds.
func TestEveryDesignsLogColumns(t *testing.T) {
	type row struct {
		lookup sim.Handle
		ip     string
	}
	start := time.Date(2016, 9, 26, 16, 0, 0, 0, time.UTC)
	tests := []struct {
		design sim.Design
		want   []row
	}{
		{sim.DesignApple, []row{{ana, "203.0.113.24"}, {ben, "203.0.113.24"}}},
		{sim.DesignHashed, []row{{sim.Handle(discovery.HashHandle(ana).String()), "203.0.113.24"}, {sim.Handle(discovery.HashHandle(ben).String()), "203.0.113.24"}}},
		{sim.DesignPrivate, []row{{sim.NotLearnt, "203.0.113.24"}, {sim.NotLearnt, "203.0.113.24"}}},
		// Two evaluations Apple cannot read, then the key fetch for Ana, the
		// only one in the published set: her OPRF output, and no IP.
		{sim.DesignPrivateRelay, []row{{sim.NotLearnt, sim.ViaRelay}, {sim.NotLearnt, sim.ViaRelay}, {"oprf:", sim.ViaRelay}}},
		{sim.DesignNoLog, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.design), func(t *testing.T) {
			w := classroom(t, tt.design)
			res := lookup(t, w, ana, ben)
			if res.Answers[0].Devices != 3 || res.Answers[1].Devices != 0 {
				t.Fatalf("answers %+v: Ana has 3 devices, Ben none, whatever the design", res.Answers)
			}
			got := rows(t, w)
			if len(got) != len(tt.want) {
				t.Fatalf("%d rows, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, r := range got {
				w := tt.want[i]
				okLookup := r.LookupHandle == w.lookup || w.lookup == "oprf:" && strings.HasPrefix(string(r.LookupHandle), "oprf:")
				if !okLookup || r.ClientIP != w.ip || r.Design != tt.design || r.SourceHandle != self || !r.Time.Equal(start) {
					t.Errorf("row %d = %+v, want lookup %s, IP %s, design %s", i, r, w.lookup, w.ip, tt.design)
				}
			}
		})
	}
}

func TestRelayLogHoldsIPAndTimeOnly(t *testing.T) {
	w := classroom(t, sim.DesignPrivateRelay)
	lookup(t, w, ana)
	relay := w.Relay.Entries()
	if len(relay) != 2 { // the evaluation and the key fetch
		t.Fatalf("relay log = %+v, want two rows", relay)
	}
	for _, e := range relay {
		doc, _ := json.Marshal(e)
		if e.ClientIP != "203.0.113.24" || strings.Contains(string(doc), "555") {
			t.Errorf("relay row %s: want the phone's IP and no handle", doc)
		}
	}
	for _, r := range rows(t, w) {
		if r.ClientIP == "203.0.113.24" {
			t.Errorf("Apple's row %+v holds the phone's IP", r)
		}
	}
}

// spy records everything Apple's side of the OPRF is handed.
type spy struct {
	*discovery.Engine
	received []string
}

func (s *spy) Evaluate(d sim.Design, items []string) ([]sim.Evaluation, error) {
	s.received = append(s.received, items...)
	return s.Engine.Evaluate(d, items)
}

func TestOPRFMatchesAndServerNeverSeesTheHandle(t *testing.T) {
	w := classroom(t, sim.DesignApple)
	e, err := discovery.New(w.Server.Directory(), w.Seed)
	if err != nil {
		t.Fatal(err)
	}
	s := &spy{Engine: e}
	w.SetDiscovery(s)
	if err := w.SetDesign(sim.DesignPrivate); err != nil {
		t.Fatal(err)
	}
	res := lookup(t, w, ana, ben)
	if res.Answers[0].Devices != 3 || res.Answers[1].Devices != 0 {
		t.Fatalf("answers %+v", res.Answers)
	}
	ex := res.Exchanges[0]
	body, _ := json.Marshal(ex.Query)
	if len(ex.Query.Body.URIs) != 0 || len(ex.Query.Body.Blinded) != 2 {
		t.Fatalf("query body %+v: want two blinded elements and no URIs", ex.Query.Body)
	}
	for _, leak := range []string{"4155550132", "4155550147", discovery.HashHandle(ana).String()} {
		if strings.Contains(string(body), leak) || strings.Contains(strings.Join(s.received, " "), leak) {
			t.Errorf("the server received %q", leak)
		}
	}
	if len(s.received) != 2 || s.received[0] != ex.Query.Body.Blinded[0] {
		t.Fatalf("the server received %v", s.received)
	}
	// Asking again blinds afresh: Apple cannot even tell it is the same number.
	w.Phone.Cache = sim.NewCache(sim.CacheTTL{})
	again := lookup(t, w, ana)
	if again.Exchanges[0].Query.Body.Blinded[0] == ex.Query.Body.Blinded[0] {
		t.Error("the same handle was blinded the same way twice")
	}
	if again.Exchanges[0].Opened[ana].Tag != ex.Opened[ana].Tag {
		t.Error("the OPRF output of one handle changed between lookups")
	}
}

func TestEnumerationThroughOPRFStopsAtTheRateLimit(t *testing.T) {
	w := classroom(t, sim.DesignPrivate) // 100 lookups an hour per account
	lookup(t, w, ana)                    // one of the hour's hundred already used
	block := discovery.BlockSpace("415").Handles()
	more := discovery.Space{Name: "next", Prefix: "tel:+141555502", Digits: 2}.Handles()
	res, err := w.Enumerate(context.Background(), append(block, more...))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Limited || res.Learnt != 80 || res.Tried != 200 {
		t.Fatalf("enumeration %+v: want it stopped by the limit after 80 (four batches of 20 fit in the 99 left)", res)
	}
	if len(res.Registered) == 0 {
		t.Error("the enumeration learnt nobody on iMessage: the OPRF should not hide that from the asker")
	}

	open := classroom(t, sim.DesignPrivate)
	open.Server = sim.NewServer(open.Server.Directory(), sim.NewMemoryLog(), open.Clock, open.Server.Retention(), sim.RateLimit{}, open.Seed)
	if err := discovery.Attach(open); err != nil {
		t.Fatal(err)
	}
	if err := open.SetDesign(sim.DesignPrivate); err != nil {
		t.Fatal(err)
	}
	res, err = open.Enumerate(context.Background(), block)
	if err != nil || res.Limited || res.Learnt != 100 {
		t.Fatalf("without a limit: %+v, %v: want the whole block learnt", res, err)
	}
}

func TestNoLogWithPenRegisterRecordsFromTheOrderOn(t *testing.T) {
	w := classroom(t, sim.DesignNoLog)
	ctx := context.Background()
	lookup(t, w, ana)
	if _, err := w.Advance(ctx, time.Hour); err != nil {
		t.Fatal(err)
	}
	entered := w.Now()
	w.Server.Intercept(sim.Intercept{Kind: "pen-register", Target: self, From: entered})
	w.Phone.Cache = sim.NewCache(sim.CacheTTL{})
	lookup(t, w, ana, ben)
	got := rows(t, w)
	if len(got) != 2 {
		t.Fatalf("rows %+v: want the two lookups after the order, none before", got)
	}
	for _, r := range got {
		if r.Time.Before(entered) || r.Design != sim.DesignNoLog {
			t.Errorf("row %+v from before the order", r)
		}
	}
}
