package main

import (
	"testing"

	"bluegreen/internal/hostile"
	"bluegreen/sim"
)

// FuzzTimeFlags: --at and the return's date flags accept only times in the
// supported dates, and never panic; what they refuse is said printably.
func FuzzTimeFlags(f *testing.F) {
	for _, s := range []string{"2016-09-26T16:00:00Z", "2016-09-26", "2400-01-01T00:00:00Z", "1700-01-01", "2099-12-31T23:59:59Z",
		"2100-01-01", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-23:59", "2016-13-45", ""} {
		f.Add(s)
	}
	for _, s := range hostile.Strings() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if at, err := parseAt(s); err == nil && s != "" && sim.CheckTime(at) != nil {
			t.Fatalf("--at %q accepted %s", s, at)
		} else if err != nil && hostile.Check(sim.Printable(err.Error()), false, sim.MaxCombiningMarks) != nil {
			t.Fatalf("--at %q: unsafe error", s)
		}
		if d, _, err := parseDate("--produced", s); err == nil && sim.CheckTime(d) != nil {
			t.Fatalf("--produced %q accepted %s", s, d)
		}
	})
}
