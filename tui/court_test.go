package tui

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"

	tea "charm.land/bubbletea/v2"
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
func (h *harness) serve(keys ...string) *courtCase {
	h.tb.Helper()
	h.press("alt+o")
	if h.m.overlay.kind != overlayOrder {
		h.tb.Fatalf("alt+o did not open the order form (overlay %v)", h.m.overlay.kind)
	}
	h.press(keys...)
	h.press("enter")
	if h.m.overlay.kind == overlayOrder {
		h.tb.Fatalf("the form is still open after enter: %q\n%s", h.m.form.err, h.screen())
	}
	if h.m.court == nil {
		h.tb.Fatalf("no order served:\n%s", h.screen())
	}
	return h.m.court
}

// formField focuses field i of the open order form and replaces its text.
func (h *harness) formField(i int, value string) {
	h.tb.Helper()
	for n := 0; h.m.form.focus != i; n++ {
		if n > formFields {
			h.tb.Fatalf("cannot focus form field %d", i)
		}
		h.press("down")
	}
	for n := 0; h.m.form.inputs[i].Value() != ""; n++ {
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
	before := h.m.snap.Now
	for range n / 7 {
		h.press("f7")
	}
	for range n % 7 {
		h.press("f6")
	}
	if got := h.m.snap.Now.Sub(before); got != time.Duration(n)*24*time.Hour {
		h.tb.Fatalf("the clock moved %s, want %d days", got, n)
	}
}

// returnPane draws the return tab alone at width w and exactly the height
// that holds all of it (so nothing is scrolled out of the text searched,
// and nothing is blank below it).
func (h *harness) returnPane(w int) string {
	h.tb.Helper()
	const tall = 400
	draw := func(ht int) string { return h.m.ret.view(h.m.styles, h.m.court, h.m.snap, w, ht, true) }
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
	return flat(h.m.overlay.view(h.m.styles, h.m.layout.W, h.m.layout.BodyHeight()))
}

// rowPattern is one returned row as the text format prints it (once
// flattened: a row wrapped at a narrow width reads as one again).
var rowPattern = regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} (?:tel|mailto):\S+ (?:tel|mailto):\S+ [0-9a-f.:]+ \d+`)

// shownRows are the returned rows a rendered return shows, in order.
func shownRows(pane string) []string {
	return rowPattern.FindAllString(flat(pane), -1)
}

// rowText is a log row as shownRows reads it.
func rowText(e sim.LogEntry) string {
	return strings.Join(logview.Cells(e), " ")
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

	if c.order.Kind != logview.PenRegister || c.order.Target != you {
		t.Fatalf("order %v on %s, want a pen register on you", c.order.Kind, c.order.Target)
	}
	if len(c.productions) != 1 {
		t.Fatalf("%d productions, want 1", len(c.productions))
	}
	rows := c.productions[0].Rows
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
	mustContain(t, "return", flat(pane), "Headline: 2 lookups of 2 numbers from 1 place (simulated)", "Home, Mission District, San Francisco")
	if got, want := shownRows(pane), rowTexts(rows); !slices.Equal(got, want) {
		t.Errorf("the return shows rows\n%q\nwant\n%q", got, want)
	}
	mustNotContain(t, "return", flat(pane), "198.51.100.23") // Ana's IP: not the target's rows

	// Exactly what `bluegreen return --format text` prints for the same
	// order and production date, without the educators' section.
	rep, err := logview.BuildReport(context.Background(), h.store, logview.Request{
		Order: c.order, Retention: c.retention, Produced: []time.Time{c.productions[0].Produced},
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteReturnText(&b); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(c.text, "\n"), strings.TrimRight(b.String(), "\n"); got != want {
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
	first := c.productions[0]
	if got := lookupsOf(first.Rows); !slices.Equal(got, []sim.Handle{ben, abandoned}) {
		t.Fatalf("production 1 holds %v, want Ben and the abandoned number", got)
	}

	h.advanceDays(7)
	h.press("alt+p")
	c = h.m.court
	if len(c.productions) != 2 {
		t.Fatalf("after alt+p: %d productions, want 2", len(c.productions))
	}
	if p := c.productions[1]; len(p.Rows) != 2 || p.ExpiredSinceEarlier(c.report.Return) != 0 {
		t.Errorf("a week later: %d rows, %d expired; want the same 2 rows, none expired", len(p.Rows), p.ExpiredSinceEarlier(c.report.Return))
	}
	mustContain(t, "screen", h.screen(), "Production 2: 2 records.", "production 2")

	h.advanceDays(24) // 31 days after the lookups
	if mine, _ := h.store.Entries(context.Background(), sim.LogFilter{Source: you}); len(mine) != 0 {
		t.Fatalf("31 days later Apple's log still holds %d of your rows", len(mine))
	}
	h.press("alt+p")
	c = h.m.court
	if len(c.productions) != 3 {
		t.Fatalf("after the second alt+p: %d productions, want 3", len(c.productions))
	}
	last := c.productions[2]
	if len(last.Rows) != 0 {
		t.Errorf("31 days later the production holds %d rows, want none", len(last.Rows))
	}
	if got := last.ExpiredSinceEarlier(c.report.Return); got != 2 {
		t.Errorf("ExpiredSinceEarlier = %d, want 2 (production 1's rows)", got)
	}
	if got := len(c.report.Return.Rows()); got != 2 {
		t.Errorf("police hold %d rows across productions, want 2", got)
	}
	// Earlier productions are frozen: still what they were when made.
	if got := c.productions[0]; !got.Produced.Equal(first.Produced) || len(got.Rows) != len(first.Rows) {
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

// A trap and trace on you lists who looked you up: Ana from her own IP
// most mornings, and the stranger — and none of your own lookups.
func TestTrapAndTraceOnYouListsAnasLookups(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.typeText("4155550132") // your own lookup: not in a trap and trace on you
	h.press("esc")
	h.advanceDays(4)

	h.press("alt+o", "up")
	if h.m.form.focus != formKind {
		t.Fatalf("up from the target focused field %d, want the kind", h.m.form.focus)
	}
	h.press("space")
	mustContain(t, "form", h.formText(), "( ) pen register ( ● ) trap and trace", "who looked the target up")
	h.press("enter")
	c := h.m.court
	if c == nil || c.order.Kind != logview.TrapAndTrace || c.order.Target != you {
		t.Fatalf("served %+v, want a trap and trace on you", c)
	}

	lookedUpYou, err := h.store.Entries(context.Background(), sim.LogFilter{Lookup: you})
	if err != nil {
		t.Fatal(err)
	}
	rows := c.report.Return.Rows()
	if !slices.Equal(rowTexts(rows), rowTexts(lookedUpYou)) {
		t.Fatalf("the trap and trace holds\n%q\nApple's log has these lookups of you\n%q", rowTexts(rows), rowTexts(lookedUpYou))
	}
	var anas int
	for _, r := range rows {
		if r.SourceHandle == ana {
			anas++
			if r.ClientIP != "198.51.100.23" || r.Time.UTC().Format("15:04") != "15:10" {
				t.Errorf("Ana's row %+v: want 198.51.100.23 at 15:10 UTC", r)
			}
		}
	}
	if anas < 2 {
		t.Errorf("Ana looked you up %d times in 4 days, want most mornings", anas)
	}

	pane := flat(h.returnPane(160))
	mustContain(t, "return", pane,
		"RETURN ON A TRAP AND TRACE ORDER",
		"Accounts that looked the target up:",
		"tel:+14155550132", "198.51.100.23",
		"mailto:stranger@example.org", "192.0.2.77",
	)
	if got := shownRows(h.returnPane(160)); !slices.Equal(got, rowTexts(rows)) {
		t.Errorf("the return shows\n%q\nwant\n%q", got, rowTexts(rows))
	}
	for _, r := range rows {
		if r.SourceHandle == you {
			t.Errorf("your own lookup %+v is in a trap and trace on you", r)
		}
	}
	mustContain(t, "screen", h.screen(), "Return — trap and trace on +14155550100")
}

// A pen register on Ana, typed into the form's Target like the To: field,
// holds her lookups of you — and typing her number in the form asked
// Apple nothing.
func TestPenRegisterOnAnaTypedInTheForm(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.advanceDays(3)
	before := len(h.rows())
	h.press("alt+o")
	h.formField(formTarget, "(415) 555-0132")
	if n := len(h.rows()); n != before {
		t.Fatalf("typing a number in the order form logged %d lookups", n-before)
	}
	h.press("enter")
	c := h.m.court
	if c == nil || c.order.Target != ana {
		t.Fatalf("served %+v, want a pen register on Ana", c)
	}
	rows := c.report.Return.Rows()
	if len(rows) == 0 {
		t.Fatal("a pen register on Ana holds nothing after 3 days")
	}
	for _, r := range rows {
		if r.SourceHandle != ana || r.LookupHandle != you {
			t.Errorf("row %+v: want Ana looking you up", r)
		}
	}
}

// Export writes CSV, JSON and text that their parsers read back with the
// return's rows, and a second export never overwrites the first.
func TestExportReadsBackAndNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	h := startWith(t, Options{Theme: "dark", ExportDir: dir}, 160, 45)

	h.press("alt+e") // nothing served yet
	mustContain(t, "caption", h.screen(), "Nothing to export yet")
	if files := listDir(t, dir); len(files) != 0 {
		t.Fatalf("export without an order wrote %v", files)
	}

	h.abandonAndMessageAna()
	c := h.serve()
	want := rowTexts(c.report.Return.Rows())
	h.press("alt+e")
	first := listDir(t, dir)
	if len(first) != 3 {
		t.Fatalf("first export wrote %v, want CSV, JSON and text", first)
	}
	mustContain(t, "caption", words(h.screen()), "Exported to", strings.TrimSuffix(first[0], ".csv")+".{csv,json,txt}")
	contents := map[string][]byte{}
	for _, f := range first {
		contents[f] = readFile(t, filepath.Join(dir, f))
	}

	for _, f := range first {
		path := filepath.Join(dir, f)
		switch filepath.Ext(f) {
		case ".csv":
			recs, err := csv.NewReader(bytes.NewReader(contents[f])).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if len(recs) != 1+len(want) || !slices.Equal(recs[0], logview.Columns()) {
				t.Fatalf("%s: %d records, header %q; want a header and %d rows", f, len(recs), recs[0], len(want))
			}
			for i, r := range recs[1:] {
				if r[2] != string(c.report.Return.Rows()[i].LookupHandle) || r[3] != wifiIP {
					t.Errorf("%s row %d = %q", f, i+1, r)
				}
			}
		case ".json":
			var doc struct {
				Return struct {
					Kind        string `json:"kind"`
					Productions []struct {
						RecordCount int            `json:"record_count"`
						Rows        []sim.LogEntry `json:"rows"`
					} `json:"productions"`
				} `json:"return"`
				Inference struct {
					Headline string `json:"headline"`
				} `json:"inference"`
			}
			if err := json.Unmarshal(contents[f], &doc); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			p := doc.Return.Productions
			if doc.Return.Kind != "pen-register" || len(p) != 1 || p[0].RecordCount != len(want) || len(p[0].Rows) != len(want) {
				t.Fatalf("%s: %+v; want one production of %d rows", f, doc.Return, len(want))
			}
			if got := rowTexts(p[0].Rows); !slices.Equal(got, want) {
				t.Errorf("%s rows %q, want %q", f, got, want)
			}
			if !strings.HasPrefix(doc.Inference.Headline, "2 lookups of 2 numbers") {
				t.Errorf("%s headline %q", f, doc.Inference.Headline)
			}
		case ".txt":
			mustContain(t, path, string(contents[f]), "RETURN ON A PEN REGISTER ORDER", "tel:+14155550199", logview.Disclaimer)
		default:
			t.Errorf("unexpected export %s", f)
		}
	}

	h.press("alt+e")
	all := listDir(t, dir)
	if len(all) != 6 {
		t.Fatalf("after a second export the directory holds %v, want 6 files", all)
	}
	for f, b := range contents {
		if got := readFile(t, filepath.Join(dir, f)); !bytes.Equal(got, b) {
			t.Errorf("the second export overwrote %s", f)
		}
	}
	if got := len(h.m.court.exported); got != 6 {
		t.Errorf("the case remembers %d exported paths, want 6", got)
	}
	second := h.m.court.exported[3:]
	for _, p := range second {
		if slices.Contains(first, filepath.Base(p)) {
			t.Errorf("second export reused the name %s", p)
		}
	}
}

func TestExportIntoMissingDirectorySaysSo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "no", "such", "dir")
	h := startWith(t, Options{Theme: "dark", ExportDir: dir}, 160, 45)
	h.abandonAndMessageAna()
	h.serve()
	h.press("alt+e")
	mustContain(t, "caption", words(h.screen()), "Export failed:")
	if len(h.m.court.exported) != 0 {
		t.Errorf("a failed export is remembered as %v", h.m.court.exported)
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The educator overlay marks rows beside the return and never changes the
// return's rows, at any width; turned off, the pane is as it was.
func TestEducatorOverlayNeverChangesTheRows(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.press("alt+u") // before any order: says why, changes nothing
	mustContain(t, "caption", words(h.screen()), "serve an order first")
	if h.m.ret.educator {
		t.Fatal("the overlay turned on with no return to mark")
	}

	h.abandonAndMessageAna()
	c := h.serve()
	report, text := c.report, slices.Clone(c.text)
	want := rowTexts(report.Return.Rows())
	widths := []int{80, 120, 160, 200}
	off := map[int]string{}
	for _, w := range widths {
		off[w] = h.returnPane(w)
		if got := shownRows(off[w]); !slices.Equal(got, want) {
			t.Fatalf("overlay off, width %d: rows %q, want %q", w, got, want)
		}
		mustNotContain(t, "return", off[w], "EDUCATOR OVERLAY", "✗", "✓")
	}

	h.press("alt+u")
	if !h.m.ret.educator {
		t.Fatal("alt+u did not turn the overlay on")
	}
	if h.m.court.report != report || !slices.Equal(h.m.court.text, text) {
		t.Error("turning the overlay on changed the report or its text")
	}
	for _, w := range widths {
		on := h.returnPane(w)
		if got := shownRows(on); !slices.Equal(got, want) {
			t.Errorf("overlay on, width %d: rows %q, want %q", w, got, want)
		}
		fl := flat(on)
		mustContain(t, "return with overlay", fl,
			"EDUCATOR OVERLAY — simulator ground truth, NOT part of the return: 1 of 2 returned rows never led to a message",
			"✗ "+rowText(report.Return.Rows()[0])[:19], // the abandoned number: never messaged
			"✓ "+rowText(report.Return.Rows()[1])[:19], // Ana: messaged
		)
	}
	mustContain(t, "screen", h.screen(), "EDUCATOR OVERLAY")

	h.press("alt+u")
	for _, w := range widths {
		if got := h.returnPane(w); got != off[w] {
			t.Errorf("width %d: the pane after the overlay was turned off differs from before", w)
		}
	}
}

// The order form refuses what it cannot serve, says why, and stays open
// with the officer's text; fixing the field clears the message.
func TestOrderFormRejectsBadInput(t *testing.T) {
	cases := []struct {
		name  string
		field int
		value string
		want  string
	}{
		{"impossible from date", formFrom, "2016-02-30", `from: want a date like 2016-09-26, got "2016-02-30"`},
		{"to date in another format", formTo, "26/10/2016", `to: want a date like 2016-09-26, got "26/10/2016"`},
		{"period ending before it starts", formTo, "2016-08-01", "the order's period ends (2016-08-01 00:00:00 UTC) before it starts"},
		{"target that is no handle", formTarget, "not a number", "target:"},
		{"empty target", formTarget, "", "target:"},
		{"production after the clock", formProduced, "2016-12-01", "produced: 2016-12-01 is after the simulated clock (2016-09-26): advance the clock first"},
		{"production date in words", formProduced, "yesterday", `produced: want a date like 2016-09-26, got "yesterday"`},
		{"case number too long", formCase, strings.Repeat("9", 65), "at most 64 characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, "dark", 80, 24) // the smallest classroom screen: the whole message must show
			h.press("alt+o")
			h.formField(tc.field, tc.value)
			h.press("enter")
			if h.m.overlay.kind != overlayOrder {
				t.Fatalf("the form closed on a bad %s", tc.name)
			}
			if h.m.court != nil {
				t.Fatalf("an order was served from a bad form")
			}
			if !strings.Contains(h.m.form.err, tc.want) {
				t.Errorf("form error %q, want it to contain %q", h.m.form.err, tc.want)
			}
			scr := strings.ReplaceAll(h.formText(), "- ", "-") // wrapping may break a date after a hyphen
			mustContain(t, "form", scr, "! "+sim.Printable(h.m.form.err))
			if tc.value != "" {
				mustContain(t, "form", scr, tc.value[:min(len(tc.value), 20)]) // the officer's text is kept
			}
			h.typeText("x") // any edit clears the message
			if h.m.form.err != "" {
				t.Errorf("editing the field left the error %q", h.m.form.err)
			}
			h.press("esc")
			if h.m.overlay.isOpen() || h.m.court != nil {
				t.Errorf("esc: overlay %v, court %v; want the form closed and no order", h.m.overlay.kind, h.m.court)
			}
		})
	}
}

// Letters typed in the form go into its fields: q does not quit, ? does
// not open help.
func TestOrderFormTakesLetters(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.press("alt+o")
	h.formField(formCase, "q?x")
	if h.quit || h.m.overlay.kind != overlayOrder {
		t.Fatalf("typing q? in the form: quit %v, overlay %v", h.quit, h.m.overlay.kind)
	}
	c := h.serve()
	if c.order.Case != "q?x" {
		t.Errorf("case number %q, want q?x", c.order.Case)
	}
}

// A period longer than 60 days is warned about in the form and carried
// into the return's header; 60 days exactly is within the statute.
func TestOrderFormWarnsPastSixtyDays(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.press("alt+o")
	mustContain(t, "form", h.formText(), "Period: 60 days — within the 60 days §3123(c) allows without an extension.")
	h.formField(formFrom, "2016-09-01")
	h.formField(formTo, "2016-10-31")
	mustContain(t, "form", h.formText(), "Period: 60 days — within")
	h.formField(formTo, "2016-11-01")
	mustContain(t, "form", h.formText(), "! The period is 61 days: longer than the 60 days 18 U.S.C. §3123(c) allows without an extension.")
	h.formField(formTo, "2016-11-30")
	warning := "! The period is 90 days: longer than the 60 days 18 U.S.C. §3123(c) allows without an extension."
	mustContain(t, "form", h.formText(), warning)

	c := h.serve()
	if c.order.Period.To.Sub(c.order.Period.From) != 90*24*time.Hour {
		t.Fatalf("served period %v", c.order.Period)
	}
	mustContain(t, "return", flat(h.returnPane(160)), warning)
}

func TestProduceAgainWithoutAnOrder(t *testing.T) {
	h := newHarness(t, "dark", 120, 40)
	h.press("alt+p")
	mustContain(t, "caption", words(h.screen()), "No order yet: alt+o (F12) serves one.")
	if h.m.court != nil {
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
	c := h.m.court
	if g := c.report.Truth; g.Returned != 2 || g.NeverMessaged != 1 || g.Messaged != 1 || g.Unrecorded != 0 {
		t.Errorf("ground truth after Apple purged the rows: %+v; want 1 never messaged, 1 messaged", g)
	}
	pane := flat(h.returnPane(160))
	rows := c.report.Return.Rows()
	mustContain(t, "overlay", pane, want,
		"✗ "+rowText(rows[0])[:19], // the abandoned number
		"✓ "+rowText(rows[1])[:19], // Ana
	)
	// The educators' section of the exported text agrees.
	var b bytes.Buffer
	if err := c.report.Write(&b, logview.FormatText); err != nil {
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
	if g := h.m.court.report.Truth; g.NeverMessaged != 1 {
		t.Fatalf("before any message: %+v", g)
	}
	h.press("tab") // back to the phone
	for h.m.focus != PanePhone {
		h.press("tab")
	}
	h.typeText("4155550132")
	h.press("enter", "enter")
	h.typeText("hello")
	h.press("enter")
	h.press("f5", "alt+p")
	if g := h.m.court.report.Truth; g.Messaged != 1 || g.NeverMessaged != 0 {
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
	for h.m.focus != PaneLog {
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
		h.send(tea.MouseWheelMsg{X: h.m.layout.Panes[PaneLog].X + 5, Y: 5, Button: tea.MouseWheelDown})
	}
	if got := pane(); got != bottom {
		t.Fatalf("the wheel moved past the end:\n%s", got)
	}
	h.send(tea.MouseWheelMsg{X: h.m.layout.Panes[PaneLog].X + 5, Y: 5, Button: tea.MouseWheelUp})
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
	if g := h.m.court.report.Truth; g.NeverMessaged != 1 {
		t.Fatalf("before any message: %+v", g)
	}
	for h.m.focus != PanePhone {
		h.press("tab")
	}
	h.typeText("4155550132")
	h.press("enter", "enter")
	h.typeText("hello")
	h.press("enter")
	if g := h.m.court.report.Truth; g.Messaged != 1 || g.NeverMessaged != 0 {
		t.Errorf("after messaging Ana with the overlay on: %+v; want the row marked messaged", g)
	}
	if n := len(h.m.court.productions); n != 1 {
		t.Errorf("refreshing the truth made a production: %d productions", n)
	}
}

// After growing the window, one ↑ still moves the return at once.
func TestReturnScrollIsClampedOnResize(t *testing.T) {
	h := newHarness(t, "dark", 120, 30)
	h.abandonAndMessageAna()
	h.serve()
	for h.m.focus != PaneLog {
		h.press("tab")
	}
	h.press("end")
	h.resize(120, 60)
	before := h.m.ret.offset
	h.press("up")
	if before > 0 && h.m.ret.offset != before-1 {
		t.Errorf("after growing the window, ↑ moved the return from %d to %d", before, h.m.ret.offset)
	}
	lines := len(h.m.ret.lines(h.m.styles, h.m.court, h.m.snap.Now, h.m.layout.Panes[PaneLog].W-2))
	if limit := max(lines-(h.m.layout.Panes[PaneLog].H-2), 0); before > limit {
		t.Errorf("offset %d is past the last screenful (%d) after a resize", before, limit)
	}
}
