package sim

import (
	"strings"
	"testing"

	"bluegreen/internal/hostile"
)

func TestPrintableMakesEveryHostileStringSafe(t *testing.T) {
	for _, s := range hostile.Strings() {
		out := Printable(s)
		if err := hostile.Check(out, false, MaxCombiningMarks); err != nil {
			t.Errorf("Printable(%.40q): %v", s, err)
		}
		if Printable(out) != out {
			t.Errorf("Printable is not idempotent on %.40q", s)
		}
	}
}

func TestPrintableShowsWhatWasThere(t *testing.T) {
	for in, want := range map[string]string{
		"\u202emoc":     `\u202emoc`,
		"a\x1b[2Jb":     `a\x1b[2Jb`,
		"\xff":          `\xff`,
		"Vi\u1ec7t":     "Vi\u1ec7t",
		"e\u0301\u0302": "e\u0301\u0302",
		"plain text":    "plain text",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Printable("Z" + strings.Repeat("\u0301", 5000)); got != "Z"+strings.Repeat("\u0301", MaxCombiningMarks) {
		t.Errorf("5,000 combining marks kept %d bytes", len(got))
	}
}

func TestPrintableKeepingKeepsOnlyWhatItIsTold(t *testing.T) {
	got := PrintableKeeping("a\nb\tc\x1bd", func(r rune) bool { return r == '\n' })
	if got != `a`+"\n"+`b\tc\x1bd` {
		t.Errorf("PrintableKeeping = %q", got)
	}
}

// Handles carrying an unsafe rune are refused when parsed, not only
// escaped when shown.
func TestHandlesWithUnsafeRunesAreRefused(t *testing.T) {
	for _, s := range hostile.Strings() {
		for _, in := range []string{"dev" + s + "@example.com", s + "dev@example.com", "+1415555" + s + "0132"} {
			if h, err := ParseHandle(in, "US"); err == nil {
				t.Errorf("ParseHandle(%.40q) = %q, want an error", in, h)
			}
			if p := ParseInput(in, "US"); hostile.Check(p.Display, false, MaxCombiningMarks) != nil {
				t.Errorf("display of %.40q is unsafe: %.60q", in, p.Display)
			}
		}
	}
}

func FuzzPrintable(f *testing.F) {
	for _, s := range hostile.Strings() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Printable(s)
		if err := hostile.Check(out, false, MaxCombiningMarks); err != nil {
			t.Fatal(err)
		}
		if Printable(out) != out {
			t.Fatalf("Printable is not idempotent on %q", s)
		}
		if !HasUnsafe(s) && !strings.ContainsAny(s, "\\") && len(out) > len(s) {
			t.Fatalf("Printable(%q) grew safe text to %q", s, out)
		}
	})
}
