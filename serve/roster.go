package serve

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"

	"bluegreen/sim"

	"github.com/charmbracelet/x/ansi"
)

// MaxNameRunes bounds a display name: it must fit a roster column and a
// contact list on an 80-column screen.
const MaxNameRunes = 24

// The errors a join can end with, each with a sentence a student can act on.
var (
	ErrWrongCode = errors.New("that is not the class code")
	ErrFull      = errors.New("the class is full")
	ErrNameTaken = errors.New("someone in the class already has that name")
	ErrBadName   = errors.New("a name needs at least one letter")
	ErrNoNumbers = errors.New("every fictional number is taken")
	ErrOnline    = errors.New("this key's phone is already open in another terminal")
)

// CleanName makes typed text a safe display name: control characters and
// escape sequences are dropped (no byte of them reaches any terminal),
// runs of spaces become one, and at most MaxNameRunes runes are kept.
func CleanName(s string) (string, error) {
	var b strings.Builder
	space, runes, letters := false, 0, 0
	for _, r := range ansi.Strip(s) { // whole escape sequences go, not just their ESC
		switch {
		case r == utf8.RuneError || !unicode.IsPrint(r) || isFormat(r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".-'_", r):
			continue
		}
		need := 1
		if space {
			need = 2 // the space before the rune counts too
		}
		if runes+need > MaxNameRunes {
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
			runes++
		}
		if unicode.IsLetter(r) {
			letters++
		}
		b.WriteRune(r)
		runes++
	}
	if letters == 0 {
		return "", ErrBadName
	}
	return strings.TrimSpace(b.String()), nil
}

// isFormat is an invisible formatting rune (bidi overrides, zero-width
// joiners): printable to Go, but able to disguise a name.
func isFormat(r rune) bool { return unicode.Is(unicode.Cf, r) }

// foldName is how two names are compared: "ana" and "Ana" are the same.
func foldName(s string) string { return strings.ToLower(s) }

// codeAlphabet leaves out letters and digits that look alike on a projector
// (0/O, 1/I/L, 2/Z, 5/S, 8/B).
const codeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679"

// NewClassCode is a fresh random class code such as "KXM-479".
func NewClassCode() (string, error) {
	var b strings.Builder
	for i := range 6 {
		if i == 3 {
			b.WriteByte('-')
		}
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(codeAlphabet))))
		if err != nil {
			return "", err
		}
		b.WriteByte(codeAlphabet[n.Int64()])
	}
	return b.String(), nil
}

// normalCode is a code as compared: upper case, without spaces or dashes.
func normalCode(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

// codeMatches compares a typed code with the class code in constant time.
func codeMatches(typed, code string) bool {
	return subtle.ConstantTimeCompare([]byte(normalCode(typed)), []byte(normalCode(code))) == 1
}

// numberPlan is the fictional numbers a class hands out, in order:
// 555-0100…0199 is reserved for fiction in every North American area code
// (FACTS.md §6). The issue asks for +1 415 555 01xx; a class larger than
// what 415 has left continues in 628, San Francisco's overlay code.
func numberPlan() []sim.Handle {
	var out []sim.Handle
	for _, area := range []string{"415", "628"} {
		for n := 1; n <= 100; n++ {
			h, err := sim.ParseHandle(fmt.Sprintf("+1 %s 555 01%02d", area, n%100), "US")
			if err == nil {
				out = append(out, h)
			}
		}
	}
	return out
}

// addressPlan is the Wi-Fi (192.0.2.0/24) or cellular (198.51.100.0/24)
// addresses a class hands out, from .10 up, all documentation addresses.
func addressPlan(prefix string) []string {
	out := make([]string, 0, 245)
	for n := 10; n <= 254; n++ {
		out = append(out, fmt.Sprintf("%s.%d", prefix, n))
	}
	return out
}
