package app

import (
	"context"
	"slices"
	"testing"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/orderform"
)

// A trap and trace on you, served now, lists who looked you up from then
// on: Ana from her own IP most mornings, and the stranger — and none of
// your own lookups.
func TestTrapAndTraceOnYouListsAnasLookups(t *testing.T) {
	h := newHarness(t, "dark", 160, 45)
	h.press("alt+o", "up")
	if h.m.modal.form.Focused() != orderform.FieldKind {
		t.Fatalf("up from the target focused field %d, want the kind", h.m.modal.form.Focused())
	}
	h.press("space")
	mustContain(t, "form", h.formText(), "● trap and trace", "who looked the target up")
	mustNotContain(t, "form", h.formText(), "● pen register")
	h.press("enter")
	c := h.m.ret.Case()
	if c == nil || c.Order.Kind != logview.TrapAndTrace || c.Order.Target != you || len(c.Report.Return.Rows()) != 0 {
		t.Fatalf("served %+v, want an empty first production of a trap and trace on you", c)
	}
	for h.m.scr.focus != PanePhone {
		h.press("tab")
	}
	h.typeText("4155550132") // your own lookup: not in a trap and trace on you
	h.press("esc")
	h.advanceDays(4)
	h.press("alt+p")
	c = h.m.ret.Case()

	lookedUpYou, err := h.store.Entries(context.Background(), sim.LogFilter{Lookup: you})
	if err != nil {
		t.Fatal(err)
	}
	rows := c.Report.Return.Rows()
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
	before := len(h.rows())
	h.press("alt+o")
	h.formField(orderform.FieldTarget, "(415) 555-0132")
	if n := len(h.rows()); n != before {
		t.Fatalf("typing a number in the order form logged %d lookups", n-before)
	}
	h.press("enter")
	h.advanceDays(3)
	h.press("alt+p")
	c := h.m.ret.Case()
	if c == nil || c.Order.Target != ana {
		t.Fatalf("served %+v, want a pen register on Ana", c)
	}
	rows := c.Report.Return.Rows()
	if len(rows) == 0 {
		t.Fatal("a pen register on Ana holds nothing after 3 days")
	}
	for _, r := range rows {
		if r.SourceHandle != ana || r.LookupHandle != you {
			t.Errorf("row %+v: want Ana looking you up", r)
		}
	}
}
