package discovery

import (
	"strings"
	"testing"
)

func FuzzReadSpace(f *testing.F) {
	for _, s := range []string{"+1 415 555 0132\n# c\n\ndev@example.com", "\x1b[31m", strings.Repeat("9", 300), "415-555-01\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := ReadSpace(strings.NewReader(s), "fuzz", "US")
		if err != nil {
			if strings.ContainsAny(err.Error(), "\x1b\x00") {
				t.Fatalf("error carries control characters: %q", err)
			}
			return
		}
		for _, h := range sp.List {
			if !h.IsPhone() && !h.IsEmail() {
				t.Fatalf("read %q, not a handle", h)
			}
		}
	})
}

func FuzzParseHash(f *testing.F) {
	f.Add("0123456789abcdef0123")
	f.Add("\x1bzz")
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHash(s)
		if err == nil && h.String() != strings.ToLower(strings.TrimSpace(s)) {
			t.Fatalf("ParseHash(%q) = %s", s, h)
		}
	})
}

func TestReadSpaceBounds(t *testing.T) {
	if _, err := ReadSpace(strings.NewReader("+1 415 555 0132\nnot a number\n"), "f", "US"); err == nil || !strings.Contains(err.Error(), "f:2") {
		t.Errorf("bad line: %v", err)
	}
	if _, err := ReadSpace(strings.NewReader(strings.Repeat("x", 400)), "f", "US"); err == nil {
		t.Error("a 400-byte line was accepted")
	}
	sp, err := ParseSpace("555-01xx", "415", "US")
	if err != nil || sp.Size() != 100 || sp.Handles()[32] != "tel:+14155550132" {
		t.Errorf("555-01xx: %+v, %v", sp, err)
	}
	if sp, _ := ParseSpace("212", "415", "US"); sp.Size() != 1e7 || sp.Prefix != "tel:+1212" {
		t.Errorf("212: %+v", sp)
	}
	if _, err := ParseSpace("/nonexistent\x1b", "415", "US"); err == nil || strings.Contains(err.Error(), "\x1b") {
		t.Errorf("missing file: %v", err)
	}
}
