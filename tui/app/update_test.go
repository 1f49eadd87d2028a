package app

import (
	"slices"
	"strings"
	"testing"

	"bluegreen/sim"

	"github.com/charmbracelet/x/ansi"
)

// Update tests: each drives the app with keys through Update, runs every
// command, and checks the world (Apple's log, the thread) and the screen.

func TestTypoCorrectedLogsBothNumbers(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("4155550131")
	h.press("backspace")
	h.typeText("2")

	want := []sim.Handle{"tel:+14155550131", ana}
	if got := h.lookups(); !slices.Equal(got, want) {
		t.Fatalf("Apple's log holds lookups %v, want %v (the typo and the fix)", got, want)
	}
	scr := h.screen()
	mustContain(t, "screen", scr,
		"2 rows · 2 handles",
		"+14155550131", "+14155550132",
		"To: (415) 555-0132",
		"■ Ana · iMessage  3 devices",
	)
}

func TestCachedRepeatSendsNothing(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("4155550132")
	if n := len(h.rows()); n != 1 {
		t.Fatalf("after the first lookup the log has %d rows, want 1", n)
	}
	h.press("esc") // abandon the draft
	h.typeText("4155550132")

	if n := len(h.rows()); n != 1 {
		t.Fatalf("a repeat within the cache's lifetime added a row: %d rows, want 1", n)
	}
	mustContain(t, "wire pane", flat(h.paneView(PaneWire)), "lookup 2 of 2", "Served from the phone's cache — nothing sent to Apple, nothing logged.")
	mustContain(t, "log pane", flat(h.paneView(PaneLog)), "1 row · 1 handle")
	mustContain(t, "phone pane", flat(h.paneView(PanePhone)), "■ Ana · iMessage 3 devices (cached)") // the hint under To: (cut at this width)
	mustContain(t, "caption", h.screen(), "came from the phone's cache: nothing was sent to Apple")

	h.press("f8") // clear the phone's cache: the next lookup is sent, and logged
	h.press("esc")
	h.typeText("4155550132")
	if n := len(h.rows()); n != 2 {
		t.Fatalf("after clearing the cache a repeat should be logged: %d rows, want 2", n)
	}
}

func TestOfflineWithoutSendAsSMSIsNotDelivered(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("4155550132") // online: Apple answers, the phone caches Ana
	h.press("enter")
	h.press("f4", "f4") // Wi-Fi → cellular → no data
	h.press("f3")       // Send as SMS off
	if s := h.m.com.Snap; s.Network != sim.Offline || s.Settings.SendAsSMS {
		t.Fatalf("network %v, Send as SMS %v; want offline and off", s.Network, s.Settings.SendAsSMS)
	}
	h.press("enter") // to the message field
	h.typeText("are you there?")
	h.press("enter")

	if len(h.world.Thread) != 1 {
		t.Fatalf("thread has %d messages, want 1", len(h.world.Thread))
	}
	d := h.world.Thread[0].Decision
	if d.Route != sim.RouteNotDelivered || !slices.Equal(d.Offers, []string{"Try Again", "Send as Text Message"}) {
		t.Fatalf("decision %v %q offers %q; want Not Delivered offering Try Again and Send as Text Message", d.Route, d.Label, d.Offers)
	}
	// The red bubble itself must offer both actions, with their keys, at the
	// size the issue names (the phone pane is at its narrowest in wide mode).
	phone := ansi.Strip(h.paneView(PanePhone))
	mustContain(t, "phone pane", phone, "are you there?", "! Not Delivered", "Try Again (alt+r)", "Send as Text Message (alt+x)")
	mustContain(t, "caption", h.screen(), "Not Delivered: iMessage needs data and Send as SMS is off")

	h.press("alt+x") // Send as Text Message
	if d := h.world.Thread[0].Decision; d.Route != sim.RouteSMS || d.Label != "Sent as Text Message" {
		t.Fatalf("after Send as Text Message: %v %q", d.Route, d.Label)
	}
	phone = ansi.Strip(viewAt(h.m.phone, 80, 24, true))
	mustContain(t, "phone pane", phone, "□ Sent as Text Message")
	mustNotContain(t, "phone pane", phone, "Not Delivered")
}

func TestTryAgainStaysRedWhileOffline(t *testing.T) {
	h := newHarness(t, "dark", 80, 24)
	h.typeText("4155550132")
	h.press("enter", "f4", "f4", "f3", "enter")
	h.typeText("hi")
	h.press("enter")
	h.press("alt+r") // Try Again: still no data, still red — and the caption says why
	if len(h.world.Thread) != 1 || h.world.Thread[0].Decision.Route != sim.RouteNotDelivered {
		t.Fatalf("Try Again offline: thread %+v, want the one Not Delivered message", h.world.Thread)
	}
	mustContain(t, "caption", words(h.screen()), "Still no data connection: Try Again cannot deliver")
	h.press("f4") // data again (Wi-Fi)
	h.press("alt+r")
	if len(h.world.Thread) != 1 || h.world.Thread[0].Decision.Route != sim.RouteIMessage {
		t.Fatalf("Try Again on Wi-Fi: thread %+v, want the same message, now iMessage", h.world.Thread)
	}
	phone := flat(viewAt(h.m.phone, 80, 24, true))
	if n := strings.Count(phone, "hi ■ iMessage"); n != 1 || strings.Contains(phone, "Not Delivered") {
		t.Errorf("the phone shows the message %d times (want once, replaced):\n%s", n, phone)
	}
}

func TestGroupWithBenIsMMS(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("4155550132")
	h.press("enter", "up") // enter confirms Ana and moves to the message; up goes back to To:
	h.typeText("4155550147")
	h.press("enter")
	if got := h.m.phone.Recipients(); !slices.Equal(got, []sim.Handle{ana, ben}) {
		t.Fatalf("recipients %v, want Ana and Ben", got)
	}
	mustContain(t, "screen", h.screen(), "■ Ana · iMessage", "□ Ben · SMS", "Message: Text Message")
	h.press("enter")
	h.typeText("dinner at 8?")
	h.press("enter")

	if len(h.world.Thread) != 1 {
		t.Fatalf("thread has %d messages, want 1", len(h.world.Thread))
	}
	if d := h.world.Thread[0].Decision; d.Route != sim.RouteMMSGroup || d.Label != "MMS" {
		t.Fatalf("group message: %v %q, want MMS", d.Route, d.Label)
	}
	mustContain(t, "screen", h.screen(), "dinner at 8?", "□ MMS", "Why □ MMS: group of 2")
}

func TestCellularLookupLogsCellularIP(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.press("f4") // Wi-Fi → cellular
	if h.m.com.Snap.Network != sim.Cellular || h.m.com.Snap.IP != cellIP {
		t.Fatalf("after one network step: %v %s", h.m.com.Snap.Network, h.m.com.Snap.IP)
	}
	h.typeText("4155550147")

	rows := h.rows()
	if len(rows) != 1 || rows[0].LookupHandle != ben || rows[0].ClientIP != cellIP {
		t.Fatalf("log rows %+v, want one row for Ben from %s", rows, cellIP)
	}
	scr := h.screen()
	mustContain(t, "screen", scr, "Cellular "+cellIP, "query sent from "+cellIP, "+14155550147  "+cellIP)
	mustNotContain(t, "log pane", ansi.Strip(h.paneView(PaneLog)), wifiIP)
}

func TestAbandonedNumberKeepsItsRow(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("4155550199")
	h.eraseTo()
	if got := h.lookups(); !slices.Equal(got, []sim.Handle{abandoned}) {
		t.Fatalf("Apple's log holds %v, want the abandoned number", got)
	}
	scr := h.screen()
	mustContain(t, "screen", scr, "+14155550199", "1 row · 1 handle", "You never messaged +14155550199")
	if len(h.world.Thread) != 0 {
		t.Errorf("nothing was sent, yet the thread has %d messages", len(h.world.Thread))
	}
}

func TestBackspaceOnEmptyToRemovesLastRecipient(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.typeText("4155550132")
	h.press("enter", "up") // enter confirms Ana and moves to the message; up goes back to To:
	h.typeText("4155550147")
	h.press("enter", "up")
	h.typeText("41")
	h.eraseTo()
	if got := h.m.phone.Recipients(); !slices.Equal(got, []sim.Handle{ana, ben}) {
		t.Fatalf("erasing the draft removed recipients: %v", got)
	}
	h.press("backspace")
	if got := h.m.phone.Recipients(); !slices.Equal(got, []sim.Handle{ana}) {
		t.Fatalf("backspace on an empty To: left %v, want Ana only", got)
	}
	mustNotContain(t, "screen", h.screen(), "Ben · SMS")
}

func TestContactCompletion(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("An")
	mustContain(t, "hint", h.screen(), "↵ Ana +14155550132")
	if n := len(h.rows()); n != 0 {
		t.Fatalf("typing a name asked Apple: %d rows", n)
	}

	// While the query is in flight the lozenge is pending.
	cmd := h.update(keyMsg(t, "enter"))
	if r := h.m.phone.Lozenges(); len(r) != 1 || !r[0].Pending || r[0].Name != "Ana" || r[0].Handle != ana {
		t.Fatalf("recipients before the answer: %+v", r)
	}
	mustContain(t, "screen", h.screen(), "… Ana · asking Apple…")
	h.run(cmd)

	r := h.m.phone.Lozenges()
	if len(r) != 1 || r[0].Pending || r[0].Colour != sim.Blue || r[0].Label != "iMessage" {
		t.Fatalf("recipients after the answer: %+v", r)
	}
	if got := h.lookups(); !slices.Equal(got, []sim.Handle{ana}) {
		t.Fatalf("confirming Ana logged %v", got)
	}
	mustContain(t, "screen", h.screen(), "■ Ana · iMessage")
	if v := h.m.phone.ToText(); v != "" {
		t.Errorf("To: text after confirming: %q", v)
	}
}
