package sim

import (
	"bluegreen/internal/hostile"
	"errors"
	"strings"
	"testing"
)

func TestParseInputCompleteForms(t *testing.T) {
	tests := []struct {
		input, region string
		want          Handle
		display       string
	}{
		{"(415) 555-0132", "US", "tel:+14155550132", "(415) 555-0132"},
		{"415-555-0132", "US", "tel:+14155550132", "(415) 555-0132"},
		{"415.555.0132", "US", "tel:+14155550132", "(415) 555-0132"},
		{"415 555 0132", "US", "tel:+14155550132", "(415) 555-0132"},
		{"4155550132", "US", "tel:+14155550132", "(415) 555-0132"},
		{"+1 415 555 0132", "US", "tel:+14155550132", "+1 415-555-0132"},
		{"+1 (415) 555-0132", "US", "tel:+14155550132", "+1 415-555-0132"},
		{"tel:+14155550132", "US", "tel:+14155550132", "+1 415-555-0132"},
		{"TEL:+14155550132", "US", "tel:+14155550132", "+1 415-555-0132"},
		{"  4155550132  ", "US", "tel:+14155550132", "(415) 555-0132"},
		{"+44 7700 900123", "US", "tel:+447700900123", "+44 7700 900123"},
		{"07700 900123", "GB", "tel:+447700900123", "07700 900123"},
		{"dev@example.com", "US", "mailto:dev@example.com", "dev@example.com"},
		{"Dev@Example.COM", "US", "mailto:dev@example.com", "dev@example.com"},
		{"mailto:Dev@example.com", "US", "mailto:dev@example.com", "dev@example.com"},
	}
	for _, tt := range tests {
		p := ParseInput(tt.input, tt.region)
		if p.Status != Complete || p.Handle != tt.want {
			t.Errorf("ParseInput(%q, %s) = %v %q (%v), want complete %q", tt.input, tt.region, p.Status, p.Handle, p.Err, tt.want)
			continue
		}
		if p.Display != tt.display {
			t.Errorf("ParseInput(%q).Display = %q, want %q", tt.input, p.Display, tt.display)
		}
	}
}

func TestParseInputIncompleteIsNotAnError(t *testing.T) {
	for _, in := range []string{"4", "415", "415555013", "(415) 555-01", "+", "+1", "+1415555", "+44 7700 900", "dev@", "dev@example", "dev@example.", "dev@example.c", "555-0132"} {
		p := ParseInput(in, "US")
		if p.Status != Incomplete {
			t.Errorf("ParseInput(%q) = %v (%v), want incomplete", in, p.Status, p.Err)
			continue
		}
		if p.Err == nil || p.Err.Error() == "" || !strings.Contains(p.Err.Error(), "incomplete") {
			t.Errorf("ParseInput(%q) incomplete without a message: %v", in, p.Err)
		}
	}
}

func TestParseInputInvalidReasons(t *testing.T) {
	tests := []struct {
		input string
		want  error
	}{
		{"hello", ErrNotAHandle},
		{"call me", ErrNotAHandle},
		{"41555501321", ErrTooLong},
		{"+1 415 555 0132 9", ErrTooLong},
		{"41555501321234567890", ErrTooLong}, // twenty digits: too long, never "too short"
		{"+44 7700 900123 456789012", ErrTooLong},
		{"+999 1234567", ErrUnknownCountryCode},
		{"+0 123", ErrUnknownCountryCode},
		{"dev@@example.com", ErrBadEmail},
		{"dev@exa mple.com", ErrBadEmail},
		{"@example.com", ErrBadEmail},
		{"dev@-example.com", ErrBadEmail},
		{"dev\x1b[31m@example.com", ErrBadEmail},
		{strings.Repeat("1", 400), ErrTooLong},
	}
	for _, tt := range tests {
		p := ParseInput(tt.input, "US")
		if p.Status != Invalid {
			t.Errorf("ParseInput(%q) = %v, want invalid", tt.input, p.Status)
			continue
		}
		if !errors.Is(p.Err, tt.want) {
			t.Errorf("ParseInput(%q) reason = %v, want %v", tt.input, p.Err, tt.want)
		}
	}
}

func TestParseHandleErrors(t *testing.T) {
	if _, err := ParseHandle("+1415555", "US"); err == nil || !strings.Contains(err.Error(), "incomplete") || !errors.Is(err, ErrTooShort) {
		t.Errorf("ParseHandle(+1415555) error = %v, want incomplete / too short", err)
	}
	if _, err := ParseHandle("", "US"); !errors.Is(err, ErrEmpty) {
		t.Errorf("ParseHandle(\"\") error = %v, want ErrEmpty", err)
	}
	h, err := ParseHandle("415-555-0147", "US")
	if err != nil || h != "tel:+14155550147" {
		t.Errorf("ParseHandle(415-555-0147) = %q, %v", h, err)
	}
}

func TestAsYouTypeDisplay(t *testing.T) {
	steps := []struct{ typed, shown string }{
		{"4", "4"},
		{"41", "41"},
		{"415", "415"},
		{"4155", "(415) 5"},
		{"415555", "(415) 555"},
		{"4155550", "(415) 555-0"},
		{"415555013", "(415) 555-013"},
		{"4155550132", "(415) 555-0132"},
		{"+1415", "+1 415"},
		{"+14155", "+1 415-5"},
		{"+447700", "+44 7700"},
		{"+4477009", "+44 7700 9"},
	}
	for _, s := range steps {
		if got := ParseInput(s.typed, "US").Display; got != s.shown {
			t.Errorf("typing %q shows %q, want %q", s.typed, got, s.shown)
		}
	}
}

func TestHandleParts(t *testing.T) {
	tel, mail := Handle("tel:+14155550132"), Handle("mailto:dev@example.com")
	if !tel.IsPhone() || tel.IsEmail() || tel.Address() != "+14155550132" {
		t.Errorf("tel handle parts wrong: %v %v %q", tel.IsPhone(), tel.IsEmail(), tel.Address())
	}
	if mail.IsPhone() || !mail.IsEmail() || mail.Address() != "dev@example.com" {
		t.Errorf("mailto handle parts wrong: %v %v %q", mail.IsPhone(), mail.IsEmail(), mail.Address())
	}
}

func FuzzParseInput(f *testing.F) {
	for _, s := range []string{"(415) 555-0132", "+44 7700 900123", "tel:+1", "dev@example.com", "hello", "+", "@", "mailto:", "\x1b[2J", "٤١٥٥٥٥٠١٣٢", "+1 (((415)))"} {
		f.Add(s, "US")
	}
	f.Add("07700900123", "GB")
	f.Add("+840 0000000 0", "US") // once accepted as +8400000000, which itself was refused
	for _, s := range hostile.Strings() {
		f.Add("dev"+s+"@example.com", "US")
	}
	f.Fuzz(func(t *testing.T, input, region string) {
		p := ParseInput(input, region)
		switch p.Status {
		case Complete:
			if !p.Handle.IsPhone() && !p.Handle.IsEmail() {
				t.Fatalf("complete %q gave handle %q without a scheme", input, p.Handle)
			}
			if p.Err != nil {
				t.Fatalf("complete %q carries error %v", input, p.Err)
			}
			// One handle, one parse: its scheme form and its bare address
			// (E.164 for a number) read back as the same handle.
			for _, form := range []string{string(p.Handle), p.Handle.Address()} {
				if again := ParseInput(form, region); again.Status != Complete || again.Handle != p.Handle {
					t.Fatalf("%q gave %q, but %q reads back as %v %q", input, p.Handle, form, again.Status, again.Handle)
				}
			}
			if HasUnsafe(string(p.Handle)) {
				t.Fatalf("handle %q carries an unsafe rune", p.Handle)
			}
		default:
			if p.Err == nil || p.Err.Error() == "" {
				t.Fatalf("%v input %q has no message", p.Status, input)
			}
		}
		if hostile.Check(p.Display, false, MaxCombiningMarks) != nil {
			t.Fatalf("display of %q carries an escape character: %q", input, p.Display)
		}
	})
}

// Only reserved example domains are fictional (RFC 2606): an address on
// its way to one is still being typed; any other is refused, so it can
// never be looked up or logged.
func TestEmailsMustUseReservedDomains(t *testing.T) {
	for _, tt := range []struct {
		in     string
		status ParseStatus
	}{
		{"dev@example.com", Complete},
		{"dev@example.org", Complete},
		{"dev@example.net", Complete},
		{"dev@mail.example.com", Complete},
		{"dev@shop.test", Complete},
		{"dev@a.example", Complete},
		{"dev@x.invalid", Complete},
		{"dev@example.co", Incomplete},
		{"dev@example.ne", Incomplete},
		{"dev@mail.example.co", Incomplete},
		{"dev@shop.te", Incomplete},
		{"dev@gmail.com", Invalid},
		{"dev@example.comx", Invalid},
		{"dev@example.co.uk", Invalid},
		{"dev@test", Incomplete},
	} {
		p := ParseInput(tt.in, "US")
		if p.Status != tt.status {
			t.Errorf("%s: %v (%v), want %v", tt.in, p.Status, p.Err, tt.status)
		}
		if tt.status != Complete && !errors.Is(p.Err, ErrUnreservedDomain) && !errors.Is(p.Err, ErrBadEmail) {
			t.Errorf("%s: error %v", tt.in, p.Err)
		}
	}
	if _, err := ParseHandle("bob@gmail.com", "US"); err == nil || !strings.Contains(err.Error(), "example.com") {
		t.Errorf("ParseHandle(bob@gmail.com) = %v, want an error naming the reserved domains", err)
	}
}
