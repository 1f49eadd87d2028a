package present

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/scripts"

	"github.com/charmbracelet/x/ansi"
)

// What a caption may claim, and how the screen beside it must bear it out.
var (
	recordsClaim = regexp.MustCompile(`\b(\d+) records?\b`)
	devicesClaim = regexp.MustCompile(`\b(\d+) devices?\b`)
	ipClaim      = regexp.MustCompile(`\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b`)
)

// TestCaptionsMatchTheScreen plays every built-in script and, at every
// step, checks each count or claim its caption makes against the state on
// screen at that step: record counts against the newest production, "string
// together" against a production with records and no gap, "gap" against rows
// that expired between productions, IPs and device counts against the
// screen, the kind of order a caption names against the order served, and
// the people a return is said to show against its rows.
func TestCaptionsMatchTheScreen(t *testing.T) {
	for _, name := range scripts.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			p := playerFor(t, name, "none")
			p.Update(windowSize(160, 45))
			for n := 1; n <= p.Steps(); n++ {
				p.advanceTo(n)
				st := p.script.Steps[n-1]
				if strings.TrimSpace(st.Caption) == "" {
					t.Errorf("step %d has no caption", n)
					continue
				}
				for _, problem := range captionProblems(p, st.Caption) {
					t.Errorf("step %d: %q: %s", n, st.Caption, problem)
				}
			}
		})
	}
}

func captionProblems(p *Player, caption string) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	screen := ansi.Strip(p.Screen())
	flat := strings.Join(strings.Fields(screen), " ")
	c := p.d.app.Case()
	var ret *logview.Return
	if c != nil {
		ret = c.Report.Return
	}
	latest := func() logview.Production { return ret.Productions[len(ret.Productions)-1] }

	for _, m := range recordsClaim.FindAllStringSubmatch(caption, -1) {
		want, _ := strconv.Atoi(m[1])
		switch {
		case ret == nil:
			bad("claims %s but no order is served", m[0])
		case len(latest().Rows) != want:
			bad("claims %s; the newest production holds %d", m[0], len(latest().Rows))
		case !strings.Contains(flat, fmt.Sprintf("Production %d: %s", len(ret.Productions), sim.Plural(want, "record", "records"))):
			bad("claims %s; the screen does not say so", m[0])
		}
	}
	if strings.Contains(caption, "string together") {
		switch {
		case ret == nil || len(ret.Productions) < 2:
			bad("says productions string together, but there are not two")
		case len(latest().Rows) == 0:
			bad("says productions string together, but the newest holds no records")
		case len(ret.Lost()) > 0:
			bad("says productions string together, but there is a gap: %v", ret.Lost())
		}
	}
	if strings.Contains(caption, "a gap") {
		switch {
		case ret == nil || len(ret.Lost()) == 0:
			bad("claims a gap, but every stretch was produced")
		case !strings.Contains(flat, "Gaps — never produced") && !strings.Contains(flat, "gap"):
			bad("claims a gap the screen does not show")
		}
	}
	for _, m := range devicesClaim.FindAllStringSubmatch(caption, -1) {
		if !strings.Contains(flat, m[0]) {
			bad("claims %s; the screen does not show it", m[0])
		}
	}
	for _, ip := range ipClaim.FindAllString(caption, -1) {
		if !strings.Contains(flat, ip) {
			bad("names the IP %s; the screen does not show it", ip)
		}
	}
	out = append(out, orderClaims(caption, c != nil, ret)...)
	return out
}

// orderClaims checks what a caption says about the order on screen: its
// kind, that a forward-looking one starts at its entry and holds nothing
// from before, that a stored-records one reaches before it, and whose
// lookups a return is said to show.
func orderClaims(caption string, served bool, ret *logview.Return) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	kinds := map[string]logview.OrderKind{
		"stored-records order":  logview.StoredRecords,
		"trap and trace on you": logview.TrapAndTrace,
		"pen register on you":   logview.PenRegister,
	}
	for phrase, kind := range kinds {
		if strings.Contains(caption, phrase) && (!served || ret.Order.Kind != kind) {
			bad("names a %s, but the order on screen is not one", kind.Title())
		}
	}
	if !served {
		return out
	}
	o := ret.Order
	if o.Kind.Forward() && !o.Period.From.Equal(o.EnteredAt()) {
		bad("the order's period starts %v, not when it was entered (%v)", o.Period.From, o.EnteredAt())
	}
	for _, r := range ret.Rows() {
		if o.Kind.Forward() && !r.Time.After(o.EnteredAt()) {
			bad("a forward-looking order holds a row from %v, before its entry", r.Time)
		}
	}
	who := map[string]sim.Handle{
		"Ana looked you up":   "tel:+14155550132",
		"a stranger":          "mailto:stranger@example.org",
		"your lookup of Ana":  "tel:+14155550132",
		"the typo":            "tel:+14155550148",
		"the abandoned draft": "tel:+14155550199",
		"Dev":                 "mailto:dev@example.com",
	}
	for phrase, h := range who {
		if !strings.Contains(caption, phrase) || !strings.Contains(caption, "record") && !strings.Contains(caption, "looked you up") && !strings.Contains(caption, "in the return") && !strings.Contains(caption, "a stranger once") {
			continue
		}
		found := false
		for _, r := range ret.Rows() {
			found = found || r.SourceHandle == h || r.LookupHandle == h
		}
		if !found {
			bad("says the return shows %q, but no returned row involves %s", phrase, h)
		}
	}
	if o.Kind == logview.StoredRecords && strings.Contains(caption, "already holds") {
		before := false
		for _, r := range ret.Rows() {
			before = before || r.Time.Before(o.EnteredAt())
		}
		if !before {
			bad("says a stored-records order reaches what Apple already holds, but it holds nothing from before the order")
		}
	}
	return out
}
