package app

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/orderform"
	"bluegreen/tui/overlay"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The order form refuses what it cannot serve, says why, and stays open
// with the officer's text; fixing the field clears the message.
func TestOrderFormRejectsBadInput(t *testing.T) {
	cases := []struct {
		name  string
		field int
		value string
		want  string
	}{
		{"impossible entry date", orderform.FieldEntered, "2016-02-30", `entered: want "now" or a date like 2016-09-26, got "2016-02-30"`},
		{"entry date in another format", orderform.FieldEntered, "26/10/2016", `entered: want "now" or a date like 2016-09-26, got "26/10/2016"`},
		{"entered in the future", orderform.FieldEntered, "2016-10-01", "entered: 2016-10-01 is after the simulated clock (2016-09-26): an order cannot be entered in the future"},
		{"produced before the order", orderform.FieldProduced, "2016-09-25", "produced (2016-09-25) is before the order was entered (2016-09-26)"},
		{"target that is no handle", orderform.FieldTarget, "not a number", "target:"},
		{"empty target", orderform.FieldTarget, "", "target:"},
		{"production after the clock", orderform.FieldProduced, "2016-12-01", "produced: 2016-12-01 is after the simulated clock (2016-09-26): advance the clock first"},
		{"production date in words", orderform.FieldProduced, "yesterday", `produced: want "now" or a date like 2016-09-26, got "yesterday"`},
		{"case number too long", orderform.FieldCase, strings.Repeat("9", 65), "at most 64 characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, "dark", 80, 24) // the smallest classroom screen: the whole message must show
			h.press("alt+o")
			h.formField(tc.field, tc.value)
			h.press("enter")
			if h.m.overlay.Kind() != overlay.Order {
				t.Fatalf("the form closed on a bad %s", tc.name)
			}
			if h.m.ret.Case() != nil {
				t.Fatalf("an order was served from a bad form")
			}
			if !strings.Contains(h.m.modal.form.Err(), tc.want) {
				t.Errorf("form error %q, want it to contain %q", h.m.modal.form.Err(), tc.want)
			}
			scr := strings.ReplaceAll(h.formText(), "- ", "-") // wrapping may break a date after a hyphen
			mustContain(t, "form", scr, "! "+sim.Printable(h.m.modal.form.Err()))
			if tc.value != "" {
				mustContain(t, "form", scr, tc.value[:min(len(tc.value), 20)]) // the officer's text is kept
			}
			h.typeText("x") // any edit clears the message
			if h.m.modal.form.Err() != "" {
				t.Errorf("editing the field left the error %q", h.m.modal.form.Err())
			}
			h.press("esc")
			if h.m.overlay.IsOpen() || h.m.ret.Case() != nil {
				t.Errorf("esc: overlay %v, court %v; want the form closed and no order", h.m.overlay.Kind(), h.m.ret.Case())
			}
		})
	}
}

// Letters typed in the form go into its fields: q does not quit, ? does
// not open help.
func TestOrderFormTakesLetters(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.press("alt+o")
	h.formField(orderform.FieldCase, "q?x")
	if h.quit || h.m.overlay.Kind() != overlay.Order {
		t.Fatalf("typing q? in the form: quit %v, overlay %v", h.quit, h.m.overlay.Kind())
	}
	c := h.serve()
	if c.Order.Case != "q?x" {
		t.Errorf("case number %q, want q?x", c.Order.Case)
	}
}

// The form offers the three kinds with what each needs, says how far
// each reaches in time, and serves a stored-records order in the
// direction chosen.
func TestOrderFormKindsReachAndStandards(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.press("alt+o")
	mustContain(t, "form", words(h.formText()), "● pen register", "the government certifies relevance (§3123(a))",
		"Period: from entry (2016-09-26) for 60 days, to 2016-11-25 — never before it")
	for h.m.modal.form.Focused() != orderform.FieldKind {
		h.press("up")
	}
	h.press("right")
	mustContain(t, "form", words(h.formText()), "● trap and trace", "who looked the target up")
	h.press("right")
	mustContain(t, "form", words(h.formText()), "● stored records", "specific and articulable facts", "Reach: back over what Apple still retains")
	h.press("down", "down", "space") // the direction: target as lookup handle
	mustContain(t, "form", words(h.formText()), "● target as lookup")
	h.press("enter")
	c := h.m.ret.Case()
	if c == nil || c.Order.Kind != logview.StoredRecords || c.Order.Side() != logview.AsLookup {
		t.Fatalf("served %+v; want a stored-records order on you as lookup handle", c)
	}
	mustContain(t, "return", flat(h.returnPane(160)), "RETURN ON A STORED-RECORDS ORDER", "Legal basis: 18 U.S.C. §2703(c)(1)(B)")
}

// A pen register served now holds nothing from before it; lookups made
// after it are in the next production; renewing extends its period.
func TestPenRegisterLooksForwardAndRenews(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("4155550199")
	h.eraseTo()
	h.press("alt+o", "enter") // entered now, produced now
	c := h.m.ret.Case()
	if c == nil || len(c.Report.Return.Rows()) != 0 {
		t.Fatalf("a pen register entered now returned rows from before it: %+v", c)
	}
	for h.m.scr.focus != PanePhone {
		h.press("tab")
	}
	h.press("f5")
	h.typeText("4155550147")
	h.press("alt+p")
	if rows := h.m.ret.Case().Report.Return.Rows(); len(rows) != 1 || rows[0].LookupHandle != "tel:+14155550147" {
		t.Fatalf("after the order: %v; want only the lookup made after it", rows)
	}
	before := h.m.ret.Case().Order.Authorised().To
	h.press("alt+k")
	after := h.m.ret.Case().Order.Authorised().To
	if after.Sub(before) != 60*24*time.Hour {
		t.Fatalf("renewing moved the end from %v to %v", before, after)
	}
	mustContain(t, "caption", words(h.screen()), "Order renewed (extension 1)")
	mustContain(t, "return", flat(h.returnPane(160)), "extension 1 granted", "▒")
}

func TestProduceAgainWithoutAnOrder(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.press("alt+p")
	mustContain(t, "caption", words(h.screen()), "No order yet: alt+o (F12) serves one.")
	if h.m.ret.Case() != nil {
		t.Fatal("alt+p made a case out of nothing")
	}
}

// The educator overlay's ground truth outlives Apple's retention: after
// the returned rows are purged from Apple's log, police still hold them
// and the overlay must still know which led to a message (Ana) and which
// did not (the abandoned number) — its count and its marks agreeing.
func TestEducatorOverlaySurvivesApplePurging(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.abandonAndMessageAna()
	h.serve()
	h.press("alt+u")
	want := "1 of 2 returned rows never led to a message"
	mustContain(t, "overlay", flat(h.returnPane(160)), want)

	h.advanceDays(31)
	h.press("alt+p")
	c := h.m.ret.Case()
	if g := c.Report.Truth; g.Returned != 2 || g.NeverMessaged != 1 || g.Messaged != 1 || g.Unrecorded != 0 {
		t.Errorf("ground truth after Apple purged the rows: %+v; want 1 never messaged, 1 messaged", g)
	}
	pane := h.returnPane(160)
	rows := c.Report.Return.Rows()
	mustContain(t, "overlay", flat(pane), want)
	marked := markedRows(pane)
	mustContain(t, "overlay marks", strings.Join(marked, "\n"),
		"✗ "+rowText(rows[0]), // the abandoned number
		"✓ "+rowText(rows[1]), // Ana
	)
	// The educators' section of the exported text agrees.
	var b bytes.Buffer
	if err := c.Report.Write(&b, logview.FormatText); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "text export", b.String(), want+":")
	mustNotContain(t, "text export", b.String(), "without recorded truth")
}

// A message sent after a production turns the row's mark to ✓ at the next
// production: the ground truth is read afresh, not frozen.
func TestEducatorOverlayFollowsLaterMessages(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("4155550132")
	h.press("esc")
	h.serve()
	if g := h.m.ret.Case().Report.Truth; g.NeverMessaged != 1 {
		t.Fatalf("before any message: %+v", g)
	}
	h.press("tab") // back to the phone
	for h.m.scr.focus != PanePhone {
		h.press("tab")
	}
	h.typeText("4155550132")
	h.press("enter", "enter")
	h.typeText("hello")
	h.press("enter")
	h.press("f5", "alt+p")
	if g := h.m.ret.Case().Report.Truth; g.Messaged != 1 || g.NeverMessaged != 0 {
		t.Errorf("after messaging Ana and producing again: %+v; want the row messaged", g)
	}
}

// Scrolling the return stops at its last screenful: after paging past the
// end, one ↑ moves the view at once (it used to wait until the offset had
// come back from wherever the extra pages took it); end shows the bottom.
func TestReturnScrollStopsAtTheEnd(t *testing.T) {
	h := newHarness(t, "dark", 120, 30) // the return is taller than its pane
	h.abandonAndMessageAna()
	h.serve()
	for h.m.scr.focus != PaneLog {
		h.press("tab")
	}
	pane := func() string { return ansi.Strip(h.paneView(PaneLog)) }
	top := pane()
	h.press("end")
	bottom := pane()
	if bottom == top {
		t.Fatal("end did not scroll the return")
	}
	mustContain(t, "bottom of the return", bottom, "Lookups by hour of day (UTC)")
	for range 10 {
		h.press("pgdown")
	}
	if got := pane(); got != bottom {
		t.Fatalf("paging past the end moved the view:\n%s", got)
	}
	h.press("up")
	if got := pane(); got == bottom {
		t.Error("after paging past the end, ↑ did not move the view")
	}
	for range 5 {
		h.send(tea.MouseWheelMsg{X: h.m.scr.layout.Panes[PaneLog].X + 5, Y: 5, Button: tea.MouseWheelDown})
	}
	if got := pane(); got != bottom {
		t.Fatalf("the wheel moved past the end:\n%s", got)
	}
	h.send(tea.MouseWheelMsg{X: h.m.scr.layout.Panes[PaneLog].X + 5, Y: 5, Button: tea.MouseWheelUp})
	if got := pane(); got == bottom {
		t.Error("after wheeling past the end, one wheel up did not move the view")
	}
	h.press("home")
	if got := pane(); got != top {
		t.Error("home did not go back to the top")
	}
}

// With the overlay showing, a message sent after a production turns the
// row's mark at once, without another production.
func TestEducatorOverlayRefreshesAfterAMessage(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("4155550132")
	h.press("esc")
	h.serve()
	h.press("alt+u")
	if g := h.m.ret.Case().Report.Truth; g.NeverMessaged != 1 {
		t.Fatalf("before any message: %+v", g)
	}
	for h.m.scr.focus != PanePhone {
		h.press("tab")
	}
	h.typeText("4155550132")
	h.press("enter", "enter")
	h.typeText("hello")
	h.press("enter")
	if g := h.m.ret.Case().Report.Truth; g.Messaged != 1 || g.NeverMessaged != 0 {
		t.Errorf("after messaging Ana with the overlay on: %+v; want the row marked messaged", g)
	}
	if n := len(h.m.ret.Case().Productions); n != 1 {
		t.Errorf("refreshing the truth made a production: %d productions", n)
	}
}

// After growing the window, one ↑ still moves the return at once.
func TestReturnScrollIsClampedOnResize(t *testing.T) {
	h := newHarness(t, "dark", 120, 30)
	h.abandonAndMessageAna()
	h.serve()
	for h.m.scr.focus != PaneLog {
		h.press("tab")
	}
	h.press("end")
	h.resize(120, 60)
	before := h.m.ret.Offset()
	h.press("up")
	if before > 0 && h.m.ret.Offset() != before-1 {
		t.Errorf("after growing the window, ↑ moved the return from %d to %d", before, h.m.ret.Offset())
	}
	lines := h.m.ret.LineCount()
	if limit := max(lines-(h.m.scr.layout.Panes[PaneLog].H-2), 0); before > limit {
		t.Errorf("offset %d is past the last screenful (%d) after a resize", before, limit)
	}
}

// With the form open the key bar offers the form's keys (↑↓ move between
// fields there, they do not scroll), never keys the form would swallow.
func TestKeyBarFollowsTheOrderForm(t *testing.T) {
	h := newHarness(t, "none", 120, 40)
	h.press("alt+o")
	lines := strings.Split(h.screen(), "\n")
	bar := lines[len(lines)-1]
	mustContain(t, "key bar", bar, "enter serve", "esc cancel", "tab/↓ next")
	mustNotContain(t, "key bar", bar, "scroll", "all keys")
}
