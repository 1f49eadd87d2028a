package app

import (
	"strings"
	"testing"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/sim/discovery"
	"bluegreen/tui/orderform"

	"github.com/charmbracelet/x/ansi"
)

// switchTo presses the design key until d is in force.
func (h *harness) switchTo(d sim.Design) {
	h.tb.Helper()
	for range sim.Designs() {
		if h.m.com.Snap.Design == d {
			return
		}
		h.press("alt+g")
	}
	h.tb.Fatalf("the design key never reached %s (at %s)", d, h.m.com.Snap.Design)
}

func TestPrivateDesignShowsBlindedElementAndNotLearnt(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.switchTo(sim.DesignPrivate)
	mustContain(t, "phone status", flat(h.paneView(PanePhone)), "design private (comparison)")
	h.typeText("4155550132")

	rows := h.rows()
	if len(rows) != 1 || rows[0].LookupHandle != sim.NotLearnt || rows[0].Design != sim.DesignPrivate || rows[0].ClientIP != wifiIP {
		t.Fatalf("log %+v: want one row, not learnt, under private, with the IP", rows)
	}
	wire := flat(h.paneView(PaneWire))
	mustContain(t, "wire pane", wire, "blinded_elements", "design private")
	mustNotContain(t, "wire body", wire, `"uris"`)
	log := ansi.Strip(h.paneView(PaneLog))
	mustContain(t, "log pane", log, "— (not learnt)", "private")
	mustNotContain(t, "log pane", log, "4155550132")
	if h.m.com.Snap.Design != sim.DesignPrivate || !strings.Contains(h.m.below.caption.Text, "not learnt") {
		t.Errorf("caption %q", h.m.below.caption.Text)
	}
	// The phone still knows: Ana is blue.
	mustContain(t, "phone", flat(h.paneView(PanePhone)), "Ana · iMessage")
}

func TestHashedDesignAndTheLiveReversal(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.switchTo(sim.DesignHashed)
	h.typeText("4155550132")
	rows := h.rows()
	hash := discovery.HashHandle(ana).String()
	if len(rows) != 1 || string(rows[0].LookupHandle) != hash {
		t.Fatalf("log %+v: want the hash %s", rows, hash)
	}
	h.m.designs.spaces = func(area string) []discovery.Space { return []discovery.Space{discovery.BlockSpace(area)} }
	h.press("alt+b")
	scr := flat(h.screen())
	mustContain(t, "reversal", scr, hash+" → +14155550132", "100 numbers hashed", "10^10 numbers) would take")
}

func TestPrivateEnumerationStopsAtTheRateLimit(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.switchTo(sim.DesignPrivate)
	h.typeText("4155550132") // one of the hour's hundred lookups
	h.press("alt+b")
	scr := flat(h.screen())
	mustContain(t, "enumeration", scr, "stopped it", "learnt 80 numbers", "it learnt 100 numbers of 100")
	if n := len(h.rows()); n != 81 {
		t.Errorf("%d rows: want Ana's and the 80 the limit let through", n)
	}
	for _, r := range h.rows() {
		if r.LookupHandle != sim.NotLearnt {
			t.Fatalf("row %+v: Apple learnt a number through the OPRF", r)
		}
	}
}

func TestCompareScreenRowsPerDesign(t *testing.T) {
	h := newHarness(t, "dark", 100, 60)
	h.typeText("4155550132")
	h.press("alt+m")
	scr := flat(h.screen())
	for _, want := range []string{
		"apple — Apple's log (as reported) holds: time ✓ · source ✓ · lookup ✓ · IP ✓",
		"private — Apple's log (comparison) holds: time ✓ · source ✓ · lookup ✗ · IP ✓",
		"private+relay — relay's log (comparison) holds: time ✓ · source ✗ · lookup ✗ · IP ✓",
		"no-log — Apple's log (comparison) holds: time ✗",
	} {
		mustContain(t, "compare screen", scr, want)
	}
}

func TestNoLogRecordsFromAServedPenRegister(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.switchTo(sim.DesignNoLog)
	h.typeText("4155550132")
	if n := len(h.rows()); n != 0 {
		t.Fatalf("no-log kept %d rows", n)
	}
	entered := h.m.com.Snap.Now
	h.send(orderform.ServeMsg{Order: logview.NewOrder(logview.PenRegister, h.m.com.Snap.Self, entered), At: entered})
	h.eraseTo()
	h.typeText("4155550147")
	rows := h.rows()
	if len(rows) != 1 || rows[0].LookupHandle != ben || rows[0].Time.Before(entered) || rows[0].Design != sim.DesignNoLog {
		t.Fatalf("rows %+v: want Ben's lookup only, from the order on", rows)
	}
}
