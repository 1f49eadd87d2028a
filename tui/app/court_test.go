package app

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/orderform"
	"bluegreen/tui/overlay"
	"bluegreen/tui/returnpane"

	"github.com/charmbracelet/x/ansi"
)

// Flow tests of issue 5: a court order served from the screen, through
// Update with every command run, checked on the screen and in the case.

const you sim.Handle = "tel:+14155550100"

// startWith starts the app on a fresh classroom world with opts.
func startWith(tb testing.TB, opts Options, w, h int) *harness {
	tb.Helper()
	world, store := newClassroom(tb)
	m, err := New(world, opts)
	if err != nil {
		tb.Fatal(err)
	}
	hs := &harness{tb: tb, m: m, world: world, store: store}
	hs.run(m.Init())
	hs.resize(w, h)
	return hs
}

// abandonAndMessageAna is the classroom story: a number typed and
// deleted, then a message to Ana.
func (h *harness) abandonAndMessageAna() {
	h.tb.Helper()
	h.typeText("4155550199")
	h.eraseTo()
	h.typeText("4155550132")
	h.press("enter", "enter")
	h.typeText("see you at 8")
	h.press("enter")
	if len(h.world.Thread) != 1 {
		h.tb.Fatalf("the message to Ana was not sent: %d messages", len(h.world.Thread))
	}
}

// serve opens the order form, presses keys in it, then enter, and
// requires an order to have been served.
func (h *harness) serve(keys ...string) *returnpane.Case {
	h.tb.Helper()
	h.press("alt+o")
	if h.m.overlay.Kind() != overlay.Order {
		h.tb.Fatalf("alt+o did not open the order form (overlay %v)", h.m.overlay.Kind())
	}
	// Entered at the start of the scenario's first day, so the lookups a
	// test made before serving fall inside a forward-looking order.
	h.formField(orderform.FieldEntered, h.world.Now().UTC().Format(orderform.DateLayout))
	h.press(keys...)
	h.press("enter")
	if h.m.overlay.Kind() == overlay.Order {
		h.tb.Fatalf("the form is still open after enter: %q\n%s", h.m.modal.form.Err(), h.screen())
	}
	if h.m.ret.Case() == nil {
		h.tb.Fatalf("no order served:\n%s", h.screen())
	}
	return h.m.ret.Case()
}

// formField focuses field i of the open order form and replaces its text.
func (h *harness) formField(i int, value string) {
	h.tb.Helper()
	for n := 0; h.m.modal.form.Focused() != i; n++ {
		if n > orderform.Fields {
			h.tb.Fatalf("cannot focus form field %d", i)
		}
		h.press("down")
	}
	for n := 0; h.m.modal.form.Value(i) != ""; n++ {
		if n > 100 {
			h.tb.Fatalf("backspace does not empty form field %d", i)
		}
		h.press("backspace")
	}
	h.typeText(value)
}

// advanceDays moves the simulated clock with the clock keys (F7 = a week,
// F6 = a day), as a person would.
func (h *harness) advanceDays(n int) {
	h.tb.Helper()
	before := h.m.com.Snap.Now
	for range n / 7 {
		h.press("f7")
	}
	for range n % 7 {
		h.press("f6")
	}
	if got := h.m.com.Snap.Now.Sub(before); got != time.Duration(n)*24*time.Hour {
		h.tb.Fatalf("the clock moved %s, want %d days", got, n)
	}
}

// returnPane draws the return tab alone at width w and exactly the height
// that holds all of it (so nothing is scrolled out of the text searched,
// and nothing is blank below it).
func (h *harness) returnPane(w int) string {
	h.tb.Helper()
	const tall = 400
	draw := func(ht int) string { return viewAt(h.m.ret, w, ht, true) }
	lines := strings.Split(ansi.Strip(draw(tall)), "\n")
	used := 0 // body lines up to the last one with text
	for i, l := range lines[1 : len(lines)-1] {
		if r := []rune(l); strings.TrimSpace(string(r[1:len(r)-1])) != "" {
			used = i + 1
		}
	}
	if used >= tall-2 {
		h.tb.Fatalf("the return does not fit %d lines", tall)
	}
	return draw(used + 2)
}

// words is a screen's text as one line: runs of spaces and line breaks
// folded to one, so a sentence is found wherever it wrapped. (flat is for
// one framed pane; a whole screen has several side by side.)
func words(screen string) string { return strings.Join(strings.Fields(ansi.Strip(screen)), " ") }

// formText is the open overlay (the order form) as one line, borders
// dropped, so a message is found wherever it wrapped.
func (h *harness) formText() string {
	return flat(h.m.overlay.View())
}

// rowPattern is one returned row in any of the forms the table takes at
// some width (full URIs and dates, or shorter: no scheme, no year, no
// seconds, no +1), once flattened; an educator mark may precede it.
var rowPattern = regexp.MustCompile(`(?:([✗✓]) +)?(?:\d{4}-)?(\d{2}-\d{2}) (\d{2}:\d{2})(?::\d{2})? (?:tel:|mailto:)?(\S+) (?:→ )?(?:tel:|mailto:)?(\S+) (?:· )?([0-9a-f.:]+) (?:· )?(\d+)`)

// shownRows are the returned rows a rendered return shows, in order, in
// the form rowText writes them.
func shownRows(pane string) []string {
	var out []string
	for _, m := range rowPattern.FindAllStringSubmatch(flat(pane), -1) {
		out = append(out, strings.Join([]string{m[2], m[3], canonHandle(m[4]), canonHandle(m[5]), m[6], m[7]}, " "))
	}
	return out
}

// markedRows are shownRows with the educator's mark (✗, ✓ or none) before each.
func markedRows(pane string) []string {
	var out []string
	for i, m := range rowPattern.FindAllStringSubmatch(flat(pane), -1) {
		out = append(out, strings.TrimSpace(m[1]+" "+shownRows(pane)[i]))
	}
	return out
}

// canonHandle is a handle as every table form can be read back: no
// scheme, no +1.
func canonHandle(s string) string {
	return strings.TrimPrefix(sim.Handle(s).Address(), "+1")
}

// rowText is a log row as shownRows reads it.
func rowText(e sim.LogEntry) string {
	return strings.Join([]string{e.Time.UTC().Format("01-02 15:04"), canonHandle(string(e.SourceHandle)), canonHandle(string(e.LookupHandle)),
		e.ClientIP, strconv.Itoa(e.LookupDevices)}, " ")
}

func rowTexts(rows []sim.LogEntry) []string {
	out := make([]string, len(rows))
	for i, e := range rows {
		out[i] = rowText(e)
	}
	return out
}

// Done-when, first part: the return lists both lookups — the abandoned
// number too — with the Wi-Fi IP and a headline, exactly as the text
// format prints it, and only the target's rows.
func TestServePenRegisterOnYourself(t *testing.T) {
	h := startWith(t, Options{Theme: "dark", HumanPace: DefaultHumanPace}, 160, 45)
	h.advanceDays(2) // Ana has looked you up by now: her rows must stay out of a pen register on you
	h.abandonAndMessageAna()
	before := len(h.rows())
	c := h.serve()
	if n := len(h.rows()); n != before {
		t.Errorf("serving an order changed Apple's log: %d rows, was %d", n, before)
	}

	if c.Order.Kind != logview.PenRegister || c.Order.Target != you {
		t.Fatalf("order %v on %s, want a pen register on you", c.Order.Kind, c.Order.Target)
	}
	if len(c.Productions) != 1 {
		t.Fatalf("%d productions, want 1", len(c.Productions))
	}
	rows := c.Productions[0].Rows
	if got := lookupsOf(rows); !slices.Equal(got, []sim.Handle{abandoned, ana}) {
		t.Fatalf("production holds lookups %v, want the abandoned number then Ana", got)
	}
	for _, r := range rows {
		if r.SourceHandle != you || r.ClientIP != wifiIP {
			t.Errorf("returned row %+v: want source you, IP %s", r, wifiIP)
		}
	}
	others, err := h.store.Entries(context.Background(), sim.LogFilter{Source: ana})
	if err != nil || len(others) == 0 {
		t.Fatalf("Ana should have looked you up by now (%v): %d rows", err, len(others))
	}

	// The screen: the return tab, both rows, the IP, the headline.
	scr := h.screen()
	mustContain(t, "screen", scr,
		"Return — pen register on +14155550100 — production 1",
		"RETURN ON A PEN REGISTER ORDER",
		"These logs do not indicate that any communication took place.",
		"tel:+14155550199", "tel:+14155550132", wifiIP,
		"Production 1: 2 records.",
	)
	pane := h.returnPane(120)
	mustContain(t, "return", flat(pane), "Headline: 2 lookups of 2 numbers from 1 place (simulated)", "San Francisco, CA (city-level)")
	if got, want := shownRows(pane), rowTexts(rows); !slices.Equal(got, want) {
		t.Errorf("the return shows rows\n%q\nwant\n%q", got, want)
	}
	mustNotContain(t, "return", flat(pane), "198.51.100.23") // Ana's IP: not the target's rows

	// Exactly what `bluegreen return --format text` prints for the same
	// order and production date, without the educators' section.
	rep, err := logview.BuildReport(context.Background(), h.store, logview.Request{
		Order: c.Order, Retention: c.Retention, Produced: []time.Time{c.Productions[0].Produced},
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteReturnText(&b); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(c.Text, "\n"), strings.TrimRight(b.String(), "\n"); got != want {
		t.Errorf("the return tab's text differs from the text format:\n%s\n--- want ---\n%s", got, want)
	}
}

func lookupsOf(rows []sim.LogEntry) []sim.Handle {
	out := make([]sim.Handle, len(rows))
	for i, r := range rows {
		out[i] = r.LookupHandle
	}
	return out
}

// Produce again as the clock moves: a week later the same rows are still
// there; 31 days later they are gone from Apple and counted as expired,
// while police keep them and earlier productions stay listed.
func TestProduceAgainCountsExpiredRows(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("4155550147") // two numbers typed: both logged as you type
	h.press("esc")
	h.typeText("4155550199")
	h.eraseTo()
	c := h.serve()
	first := c.Productions[0]
	if got := lookupsOf(first.Rows); !slices.Equal(got, []sim.Handle{ben, abandoned}) {
		t.Fatalf("production 1 holds %v, want Ben and the abandoned number", got)
	}

	h.advanceDays(7)
	h.press("alt+p")
	c = h.m.ret.Case()
	if len(c.Productions) != 2 {
		t.Fatalf("after alt+p: %d productions, want 2", len(c.Productions))
	}
	if p := c.Productions[1]; len(p.Rows) != 2 || p.ExpiredSinceEarlier(c.Report.Return) != 0 {
		t.Errorf("a week later: %d rows, %d expired; want the same 2 rows, none expired", len(p.Rows), p.ExpiredSinceEarlier(c.Report.Return))
	}
	mustContain(t, "screen", h.screen(), "Production 2: 2 records.", "production 2")

	h.advanceDays(24) // 31 days after the lookups
	if mine, _ := h.store.Entries(context.Background(), sim.LogFilter{Source: you}); len(mine) != 0 {
		t.Fatalf("31 days later Apple's log still holds %d of your rows", len(mine))
	}
	h.press("alt+p")
	c = h.m.ret.Case()
	if len(c.Productions) != 3 {
		t.Fatalf("after the second alt+p: %d productions, want 3", len(c.Productions))
	}
	last := c.Productions[2]
	if len(last.Rows) != 0 {
		t.Errorf("31 days later the production holds %d rows, want none", len(last.Rows))
	}
	if got := last.ExpiredSinceEarlier(c.Report.Return); got != 2 {
		t.Errorf("ExpiredSinceEarlier = %d, want 2 (production 1's rows)", got)
	}
	if got := len(c.Report.Return.Rows()); got != 2 {
		t.Errorf("police hold %d rows across productions, want 2", got)
	}
	// Earlier productions are frozen: still what they were when made.
	if got := c.Productions[0]; !got.Produced.Equal(first.Produced) || len(got.Rows) != len(first.Rows) {
		t.Errorf("production 1 changed: %v %d rows", got.Produced, len(got.Rows))
	}

	mustContain(t, "caption", h.screen(), "Production 3: 0 records. 2 rows from earlier productions had expired")
	pane := flat(h.returnPane(160))
	mustContain(t, "return", pane,
		"production 3",
		"Production 1 of 3", "Production 2 of 3", "Production 3 of 3",
		"2 rows produced earlier for this order had expired by now and are missing here.",
		"Across 3 productions police hold 2 distinct rows.",
		"now 10-27 16:00", // the timeline's marker moved with the clock, its date in full
	)
	if got := shownRows(h.returnPane(160)); len(got) != 4 {
		t.Errorf("the return lists %d rows, want 4 (2 in each of the first two productions): %q", len(got), got)
	}
}
