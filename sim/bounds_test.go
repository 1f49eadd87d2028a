package sim

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"bluegreen/internal/hostile"
)

// minimal is the smallest scenario that loads; tests append to it.
const minimal = `name: bounds
description: a test world
start: 2016-09-26T16:00:00Z
phone:
  number: "+1 415 555 0100"
  wifi_ip: 203.0.113.24
  cellular_ip: 198.51.100.77
`

// aliasBomb is 9 levels of lists of 9 aliases of the level below: a few
// hundred bytes that once expanded to billions of values.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString(minimal + "x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&b, "x%d: &x%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*x%d, ", i-1), 9), ", "))
	}
	return b.String()
}

// hostileYAML are files that once hung the loader or exhausted memory.
func hostileYAML() map[string]string {
	var manyKeys strings.Builder
	for i := range 30000 {
		fmt.Fprintf(&manyKeys, "k%d: v\n", i)
	}
	var indent strings.Builder
	for i := range 200 {
		fmt.Fprintf(&indent, "%sk%d:\n", strings.Repeat(" ", i), i)
	}
	return map[string]string{
		"alias bomb":          aliasBomb(),
		"merge key":           minimal + "contacts:\n  - <<: {name: Ana}\n    handles: [\"+1 415 555 0132\"]\n",
		"100,000 [":           "name: " + strings.Repeat("[", 100000),
		"50,000-deep map":     "name: " + strings.Repeat("{a: ", 50000),
		"a line of dashes":    "contacts: " + strings.Repeat("- ", 100000),
		"deep indentation":    indent.String(),
		"30,000 keys":         manyKeys.String(),
		"two documents":       minimal + "---\n" + minimal,
		"a tag":               minimal + "others:\n  - name: A\n    looks_up: !00\n", // crashed the YAML decoder
		"larger than a limit": minimal + "# " + strings.Repeat("x", MaxYAMLBytes),
	}
}

func TestHostileYAMLIsRefusedWithAPosition(t *testing.T) {
	for name, data := range hostileYAML() {
		t.Run(name, func(t *testing.T) {
			_, err := ParseScenario("hostile.yaml", []byte(data))
			var se *ScenarioError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a *ScenarioError", err)
			}
			if se.Line == 0 && !strings.Contains(se.Msg, "larger than") && !strings.Contains(se.Msg, "document") {
				t.Errorf("%v: no line", err)
			}
		})
	}
}

func TestReadYAMLFileReadsRegularFilesOnly(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, MaxYAMLBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"/dev/zero": "a device", fifo: "a FIFO", dir: "a directory", big: "larger than"} {
		if _, err := ReadYAMLFile(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadYAMLFile(%s) = %v, want %q", path, err, want)
		}
		if _, err := LoadScenario(path); err == nil {
			t.Errorf("LoadScenario(%s) loaded", path)
		}
	}
}

// scenarioError loads minimal plus extra and returns the error's position
// and message.
func scenarioError(t *testing.T, yaml string) (line int, msg string) {
	t.Helper()
	_, err := ParseScenario("s.yaml", []byte(yaml))
	var se *ScenarioError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *ScenarioError for\n%s", err, yaml)
	}
	return se.Line, se.Error()
}

func lineOf(yaml, key string) int {
	for i, l := range strings.Split(yaml, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " -"), key) {
			return i + 1
		}
	}
	return -1
}

// Every refused value is reported at its own key, with a message about it.
func TestScenarioErrorsPointAtTheRightKey(t *testing.T) {
	other := "others:\n  - name: O\n    account: \"+1 415 555 0132\"\n    ip: 192.0.2.1\n    looks_up: [\"+1 415 555 0100\"]\n    first: 2016-09-27T15:10:00Z\n"
	cases := []struct {
		yaml, key, want string
	}{
		{strings.Replace(minimal, "a test world", "a \x1b]0;x\x07 world", 1), "description:", "control"},
		{strings.Replace(minimal, "2016-09-26T16:00:00Z", "2016-13-45T00:00:00Z", 1), "start:", "not a time"},
		{strings.Replace(minimal, "2016-09-26T16:00:00Z", "9999-12-31T00:00:00Z", 1), "start:", "supported dates"},
		{strings.Replace(minimal, "2016-09-26T16:00:00Z", "1999-12-31T23:59:59Z", 1), "start:", "supported dates"},
		{minimal + strings.Replace(other, "2016-09-27T15:10:00Z", "1700-01-01T00:00:00Z", 1), "first:", "supported dates"},
		{minimal + other + "    every: 100000h\n", "every:", "must be from"},
		{minimal + other + "    chance: .nan\n", "chance:", "finite"},
		{minimal + "directory:\n  - handle: \"+1 415 555 0132\"\n    devices: 2.5\n", "devices:", "whole number"},
		{minimal + "rate_limit:\n  max: 0\n  per: 1h\n", "max:", "leave rate_limit out"},
		{minimal + "rate_limit:\n  max: 10\n  per: 721h\n", "per:", "longer than the 30 days"},
		{minimal + "retention: today\nrate_limit:\n  max: 10\n  per: 601h\n", "per:", "longer than the 25 days"},
		{minimal + "contacts:\n  - name: \"Ana\u202e\"\n    handles: [\"+1 415 555 0132\"]\n", "name: \"Ana", "bidirectional"},
		{minimal + "contacts:\n  - name: Ana\n    handles: [\"dev\u202e@example.com\"]\n", "handles:", "bidirectional"},
		{minimal + "\x1b[31mbad: 1\n", "\x1b", `\x1b`},
		{minimal + "contacts:\n  - name: \"Z" + strings.Repeat("\u0301", 5000) + "\"\n    handles: [\"+1 415 555 0132\"]\n", "name: \"Z", "combining"},
		{strings.Replace(minimal, "phone:\n", "phone:\n  owner: \"\x1b]52;c;eA==\x07\"\n", 1), "owner:", "control"},
	}
	for _, c := range cases {
		line, msg := scenarioError(t, c.yaml)
		if want := lineOf(c.yaml, c.key); line != want || !strings.Contains(msg, c.want) {
			t.Errorf("error %q at line %d, want line %d containing %q", msg, line, want, c.want)
		}
		if err := hostile.Check(msg, false, MaxCombiningMarks); err != nil {
			t.Errorf("error message unsafe: %v", err)
		}
	}
}

func TestListsAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(minimal + "others:\n  - name: O\n    account: \"+1 415 555 0132\"\n    ip: 192.0.2.1\n    first: 2016-09-27T15:10:00Z\n    looks_up:\n")
	for i := range maxLooksUp + 1 {
		fmt.Fprintf(&b, "      - \"+1 415 555 %04d\"\n", 100+i%100)
	}
	if _, msg := scenarioError(t, b.String()); !strings.Contains(msg, "at most") {
		t.Errorf("msg = %q", msg)
	}
}

// busyScenario has maxOthers accounts each looking up maxLooksUp handles
// every minute: the most a scenario may schedule.
func busyScenario(t *testing.T) *Scenario {
	t.Helper()
	var b strings.Builder
	b.WriteString(minimal + "others:\n")
	for i := range maxOthers {
		fmt.Fprintf(&b, "  - name: O%d\n    account: o%d@example.com\n    ip: 192.0.2.1\n    first: 2016-09-26T16:00:00Z\n    every: 1m\n    looks_up: [", i, i)
		for j := range maxLooksUp {
			fmt.Fprintf(&b, "\"h%d@example.com\", ", j)
		}
		b.WriteString("]\n")
	}
	s, err := ParseScenario("busy.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOneAdvanceLogsAtMostMaxScheduledLookups(t *testing.T) {
	ctx := context.Background()
	log := NewMemoryLog()
	w, err := busyScenario(t).Build(ctx, log)
	if err != nil {
		t.Fatal(err)
	}
	target := w.Now().Add(24 * time.Hour)
	_, err = w.Advance(ctx, 24*time.Hour)
	var capped *ScheduleCapError
	if !errors.As(err, &capped) || capped.Skipped == 0 {
		t.Fatalf("Advance = %v, want a *ScheduleCapError", err)
	}
	if n, _ := log.Count(ctx, LogFilter{}); n > MaxScheduledLookups || n == 0 {
		t.Errorf("one advance logged %d rows, bound %d", n, MaxScheduledLookups)
	}
	if !w.Now().Equal(target) {
		t.Errorf("clock at %s, want %s", w.Now(), target)
	}
	// The next advance starts from the new time: nothing skipped is replayed.
	before, _ := log.Count(ctx, LogFilter{})
	if _, err := w.Advance(ctx, time.Second); err != nil {
		t.Fatal(err)
	}
	if n, _ := log.Count(ctx, LogFilter{}); n != before {
		t.Errorf("a one-second advance after the cap logged %d rows", n-before)
	}
}

func TestAdvanceStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w, err := busyScenario(t).Build(context.Background(), NewMemoryLog())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Advance(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Advance on a cancelled context = %v", err)
	}
}

func TestTimeOutsideTheSupportedDatesIsRefused(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, "classroom")
	if _, err := w.Advance(ctx, 200*365*24*time.Hour); !errors.Is(err, ErrTimeRange) {
		t.Errorf("an advance of 200 years = %v", err)
	}
	if err := w.Clock.Set(time.Date(2400, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, ErrTimeRange) {
		t.Errorf("Set(2400) = %v", err)
	}
	s, _ := LoadScenario("classroom")
	s.Start = time.Date(2400, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := s.Build(ctx, NewMemoryLog()); !errors.Is(err, ErrTimeRange) {
		t.Errorf("Build at 2400 = %v", err)
	}
}

// A world that starts long after its schedules begin skips to the present
// at once (it used to walk every occurrence in between).
func TestAScheduleStartingDecadesEarlyIsSkippedByArithmetic(t *testing.T) {
	s := busyScenario(t)
	s.Start = time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC)
	w, err := s.Build(context.Background(), NewMemoryLog())
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range w.others.others {
		if at := o.occurrence(w.others.next[i]); at.Before(s.Start) || at.Sub(s.Start) >= o.Every {
			t.Fatalf("%s's next lookup at %s, start %s", o.Name, at, s.Start)
		}
	}
}

// FuzzSchedule: the computed next occurrence matches walking the schedule,
// and neither the clock nor a schedule leaves the supported dates.
func FuzzSchedule(f *testing.F) {
	f.Add(int64(0), int64(time.Minute), int64(time.Hour))
	f.Add(int64(1e18), int64(24*time.Hour), int64(-5e17))
	f.Add(int64(3e18), int64(time.Minute), int64(3e18))
	f.Fuzz(func(t *testing.T, firstOff, every, startOff int64) {
		base := earliest()
		first := base.Add(time.Duration(firstOff))
		start := base.Add(time.Duration(startOff))
		if CheckTime(first) != nil || CheckTime(start) != nil || every < int64(time.Minute) || every > int64(maxEvery) {
			return
		}
		o := Other{First: first, Every: time.Duration(every)}
		n := o.firstAtOrAfter(start)
		if at := o.occurrence(n); at.Before(start) || n > 0 && !o.occurrence(n-1).Before(start) {
			t.Fatalf("first %s every %s start %s: n=%d at %s", first, o.Every, start, n, at)
		}
		c := NewClock(start)
		if err := c.Advance(time.Duration(every) * 1000); err == nil && CheckTime(c.Now()) != nil {
			t.Fatalf("the clock left the supported dates: %s", c.Now())
		}
	})
}

// A rate-limit window as long as the retention is the longest the log can
// count (every row in it is still kept); a longer one is refused above.
func TestARateLimitWindowAsLongAsTheRetentionLoads(t *testing.T) {
	if _, err := ParseScenario("s.yaml", []byte(minimal+"rate_limit:\n  max: 10\n  per: 720h\n")); err != nil {
		t.Fatal(err)
	}
}
