// Package hostile is the one set of hostile strings every output path of
// bluegreen is tested with — the screen, CLI text and JSON, error
// messages, exports, speaker notes and headless output — and the one check
// that what came out is safe for a terminal. Tests only.
package hostile

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Strings returns the hostile set: escape sequences (SGR, clearing the
// screen, setting the title with OSC 0, writing the clipboard with OSC 52),
// C1 controls, carriage return and backspace, NUL and DEL, bidirectional
// overrides and isolates, line separators, invalid UTF-8, and 5,000
// combining marks on one letter.
func Strings() []string {
	return []string{
		"\x1b[31mred\x1b[0m",
		"\x1b[2J\x1b[Hcleared",
		"\x1b]0;pwned\x07title",
		"\x1b]52;c;ZWNobyBwd25lZA==\x07clipboard",
		"\u009b2Jc1",
		"abc\rXYZ\bback",
		"nul\x00del\x7f",
		"\u202emoc.elpmaxe@ved",
		"\u2066isolate\u2069\u200f",
		"line\u2028para\u2029",
		"\xff\xfe not UTF-8",
		"Z" + strings.Repeat("\u0301", 5000),
	}
}

// Check returns an error when out holds anything a terminal may act on:
// a control character (newlines only when allowNewlines), a bidirectional
// control, a line or paragraph separator, invalid UTF-8, or more than
// maxMarks combining marks on one character.
func Check(out string, allowNewlines bool, maxMarks int) error {
	if !utf8.ValidString(out) {
		return fmt.Errorf("invalid UTF-8 in %.80q", out)
	}
	marks := 0
	for _, r := range out {
		switch {
		case r == '\n' && allowNewlines:
			marks = 0
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029':
			return fmt.Errorf("unsafe rune %U in %.80q", r, out)
		case unicode.In(r, unicode.Mn, unicode.Me):
			if marks++; marks > maxMarks {
				return fmt.Errorf("more than %d combining marks in a row in %.80q", maxMarks, out)
			}
		default:
			marks = 0
		}
	}
	return nil
}
