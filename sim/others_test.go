package sim

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
)

func rowsFrom(t *testing.T, w *World, source Handle) []LogEntry {
	t.Helper()
	rows, err := w.Server.Log().Entries(context.Background(), LogFilter{Source: source})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestOthersLookYouUpOnTheirSchedule(t *testing.T) {
	w := newClassroom(t)
	ctx := context.Background()
	if _, err := w.Advance(ctx, 10*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	ana := rowsFrom(t, w, "tel:+14155550132")
	if len(ana) < 5 || len(ana) > 10 {
		t.Fatalf("Ana looked you up %d times in 10 days, want most mornings (5–10)", len(ana))
	}
	for _, r := range ana {
		if r.LookupHandle != "tel:+14155550100" || r.ClientIP != "198.51.100.23" || r.Time.Format("15:04:05") != "15:10:00" || r.LookupDevices != 1 {
			t.Errorf("Ana's row = %+v", r)
		}
	}
	stranger := rowsFrom(t, w, "mailto:stranger@example.org")
	if len(stranger) != 1 || !stranger[0].Time.Equal(time.Date(2016, 9, 29, 3, 12, 0, 0, time.UTC)) {
		t.Errorf("stranger rows = %+v", stranger)
	}
	truths, _ := w.Server.Log().Truths(ctx, []int64{stranger[0].ID})
	if truths[stranger[0].ID].App != "Contacts" {
		t.Errorf("stranger's trigger = %+v", truths[stranger[0].ID])
	}
	if !w.Now().Equal(time.Date(2016, 10, 6, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("clock = %s, want start + 10 days", w.Now())
	}
}

func TestOthersPlayOutTheSameHoweverTheClockMoves(t *testing.T) {
	ctx := context.Background()
	oneJump, steps := newClassroom(t), newClassroom(t)
	oneJump.Advance(ctx, 12*24*time.Hour)
	for range 12 * 4 {
		steps.Advance(ctx, 6*time.Hour)
	}
	a, _ := oneJump.Server.Log().Entries(ctx, LogFilter{})
	b, _ := steps.Server.Log().Entries(ctx, LogFilter{})
	if !reflect.DeepEqual(a, b) {
		t.Errorf("one 12-day jump gave %d rows, 48 six-hour steps gave %d", len(a), len(b))
	}
}

func TestYourLookupsAndOthersShareTheLog(t *testing.T) {
	w := newClassroom(t)
	ctx := context.Background()
	w.Lookup(ctx, []Handle{ben}, TriggerTyped)
	w.Advance(ctx, 2*24*time.Hour)
	mine := rowsFrom(t, w, w.Phone.Self)
	all, _ := w.Server.Log().Entries(ctx, LogFilter{})
	if len(mine) != 1 || len(all) <= len(mine) {
		t.Errorf("mine %d of %d rows", len(mine), len(all))
	}
}

func TestOthersScenarioErrors(t *testing.T) {
	base := classroomYAML(t)
	for _, tt := range []struct{ from, to, want string }{
		{"ip: 198.51.100.23", "ip: 10.0.0.1", "others[0].ip"},
		{"every: 24h", "every: 1s", "others[0].every"},
		{"chance: 0.8 ", "chance: 1.5 ", "others[0].chance"},
		{`account: stranger@example.org`, `account: "stranger"`, "others[1].account"},
	} {
		if !strings.Contains(base, tt.from) {
			t.Fatalf("fixture lacks %q", tt.from)
		}
		_, err := ParseScenario("bad.yaml", []byte(strings.Replace(base, tt.from, tt.to, 1)))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "bad.yaml:") {
			t.Errorf("%s → %v, want an error about %s", tt.to, err, tt.want)
		}
	}
}
