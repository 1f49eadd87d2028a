package logview

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable makes text from the log safe to print on a terminal: control
// characters (ESC, newlines, C1 codes), bidirectional overrides and invalid
// UTF-8 are shown as Go escapes such as \x1b, \n or \u202e, so a handle in
// a database cannot move the cursor, recolour the screen or forge a row.
func Printable(s string) string {
	if !needsEscape(s, nil) {
		return s
	}
	return escapeRunes(s, nil)
}

// csvKeeps are the characters a CSV field may carry as they are: the CSV
// writer quotes fields holding them and readers restore them.
func csvKeeps(r rune) bool { return r == '\n' || r == '\t' }

// needsEscape reports whether s holds anything Printable would change,
// except the runes keep allows.
func needsEscape(s string, keep func(rune) bool) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return true
			}
		}
		if unsafeRune(r) && (keep == nil || !keep(r)) {
			return true
		}
	}
	return false
}

func escapeRunes(s string, keep func(rune) bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case unsafeRune(r) && (keep == nil || !keep(r)):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeRune is a rune a terminal may act on rather than draw.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029'
}
