package sqlitelog_test

import (
	"context"
	"testing"
	"time"

	"bluegreen/sim"
)

// Every row keeps the design it was written under, through the file and
// back, whichever index answers the read.
func TestDesignRoundTrips(t *testing.T) {
	ctx := context.Background()
	s := openFile(t)
	at := time.Date(2016, 9, 26, 16, 0, 0, 0, time.UTC)
	for i, d := range sim.Designs() {
		e := sim.LogEntry{Time: at.Add(time.Duration(i) * time.Second), SourceHandle: "tel:+14155550100",
			LookupHandle: sim.NotLearnt, ClientIP: sim.ViaRelay, LookupDevices: i, Design: d}
		if _, err := s.Append(ctx, e, sim.Truth{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []sim.LogFilter{{}, {Source: "tel:+14155550100"}, {Lookup: sim.NotLearnt}, {Offset: 3, Limit: 2}} {
		rows, err := s.Entries(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if want := sim.Designs()[r.LookupDevices]; r.Design != want || r.ClientIP != sim.ViaRelay || r.LookupHandle != sim.NotLearnt {
				t.Errorf("filter %+v: row %+v, want design %s", f, r, want)
			}
		}
	}
}
