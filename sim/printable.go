package sim

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxCombiningMarks is how many combining marks one character may carry on
// screen. Real text needs at most a few (Vietnamese stacks two); thousands
// on one letter ("Zalgo" text) make terminals disagree about its width and
// break every border drawn around it.
const MaxCombiningMarks = 4

// UnsafeRune is the one rule for text a terminal may act on rather than
// draw: C0 and C1 control characters (ESC starts every escape sequence),
// the bidirectional controls that reorder what follows (U+202E shows
// "moc.elpmaxe" as "example.com"), and the line and paragraph separators.
// Every output path of bluegreen — screen, CLI text, JSON, CSV, error
// messages, speaker notes, recordings — applies this rule through
// Printable, and handles containing such a rune are refused when parsed.
func UnsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029'
}

// HasUnsafe reports whether s holds an unsafe rune or invalid UTF-8.
func HasUnsafe(s string) bool {
	return !utf8.ValidString(s) || strings.IndexFunc(s, UnsafeRune) >= 0
}

// Printable makes text from people or files safe to show on a terminal or
// write to a file meant for one: every unsafe rune becomes a visible Go
// escape (\x1b, \n, \u202e), invalid UTF-8 becomes \xNN, and a character
// keeps at most MaxCombiningMarks combining marks. Printable(Printable(s))
// == Printable(s).
func Printable(s string) string { return PrintableKeeping(s, nil) }

// PrintableKeeping is Printable except for the runes keep allows, for
// formats that carry them safely (a CSV field quotes newlines and tabs).
func PrintableKeeping(s string, keep func(rune) bool) string {
	if isPrintable(s, keep) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	marks := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
			marks = 0
		case UnsafeRune(r) && (keep == nil || !keep(r)):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
			marks = 0
		case isMark(r):
			if marks++; marks <= MaxCombiningMarks {
				b.WriteString(s[i : i+size])
			}
		default:
			b.WriteString(s[i : i+size])
			marks = 0
		}
		i += size
	}
	return b.String()
}

// isPrintable reports whether Printable would return s unchanged.
func isPrintable(s string, keep func(rune) bool) bool {
	marks := 0
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
			marks = 0
		case UnsafeRune(r) && (keep == nil || !keep(r)):
			return false
		case isMark(r):
			if marks++; marks > MaxCombiningMarks {
				return false
			}
		default:
			marks = 0
		}
	}
	return true
}

func isMark(r rune) bool {
	return r >= 0x300 && unicode.In(r, unicode.Mn, unicode.Me)
}
