package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// cellWidth's ASCII fast path must agree with ansi.StringWidth everywhere.
func TestCellWidthMatchesStringWidth(t *testing.T) {
	for _, s := range []string{
		"", "plain", "2016-09-26 16:00:00", "tel:+14155550132", "~!@#$%^&*()_+{}|:<>?",
		"a\tb", "bell\a", "del\x7f", "\x1b[1mbold\x1b[0m", "·", "■ iMessage", "— dash", "日本", "👩‍👩‍👧", "é",
	} {
		if got, want := CellWidth(s), ansi.StringWidth(s); got != want {
			t.Errorf("CellWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

func TestStackAndBeside(t *testing.T) {
	a, b := "ab\ncd", "1\n2"
	if got := Beside(a, b); got != "ab1\ncd2" {
		t.Errorf("beside = %q", got)
	}
	if got := Stack(a, b); got != "ab\ncd\n1\n2" {
		t.Errorf("stack = %q", got)
	}
	if got := Beside(Stack("x", "y"), "z\nw"); got != "xz\nyw" {
		t.Errorf("Beside(stack) = %q", got)
	}
	above, below := []string{"head"}, []string{"cap", "keys"}
	if got, want := BesideIn(above, below, a, b), Stack("head", Beside(a, b), "cap", "keys"); got != want {
		t.Errorf("BesideIn = %q, want %q (the stack of the same lines)", got, want)
	}
	if got := BesideIn(nil, nil, a, b); got != Beside(a, b) {
		t.Errorf("BesideIn with nothing around = %q", got)
	}
}

// A hyphen one column past the width is never left on a line of its own.
func TestWrapNeverLeavesALoneHyphen(t *testing.T) {
	text := "Why ■ iMessage: +14155550132 — 3 devices registered for iMessage [open-source IDS clients (behaviour only)]."
	for w := 20; w <= 80; w++ {
		lines := Wrap(text, w)
		for _, l := range lines {
			if strings.TrimSpace(l) == "-" || ansi.StringWidth(l) > w {
				t.Fatalf("at %d columns Wrap gave %q", w, lines)
			}
		}
		if got := strings.Join(lines, " "); strings.ReplaceAll(got, "- ", "-") != text && got != text {
			t.Errorf("at %d columns the words changed: %q", w, got)
		}
	}
}
