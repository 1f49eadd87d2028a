package sim

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// Handle is an address Apple's identity service knows: "tel:+14155550132"
// for a phone number in E.164, or "mailto:dev@example.com" for an email.
type Handle string

const (
	telScheme    = "tel:"
	mailtoScheme = "mailto:"
)

// IsPhone reports whether the handle is a phone number.
func (h Handle) IsPhone() bool { return strings.HasPrefix(string(h), telScheme) }

// IsEmail reports whether the handle is an email address.
func (h Handle) IsEmail() bool { return strings.HasPrefix(string(h), mailtoScheme) }

// Address is the handle without its URI scheme: "+14155550132" or "dev@example.com".
func (h Handle) Address() string {
	s := string(h)
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// ParseStatus says how far typed text is from being a handle.
type ParseStatus int

// The states typed text moves through while a person types a recipient.
const (
	Empty      ParseStatus = iota // nothing typed yet
	Incomplete                    // could still become a handle; not an error while typing
	Complete                      // a valid handle: a lookup may fire
	Invalid                       // cannot become a handle by typing more
)

// String names the status for people.
func (s ParseStatus) String() string {
	switch s {
	case Empty:
		return "empty"
	case Incomplete:
		return "incomplete"
	case Complete:
		return "complete"
	default:
		return "invalid"
	}
}

// The reasons typed text is not (yet) a handle. Match them with errors.Is.
var (
	ErrEmpty              = errors.New("nothing entered")
	ErrTooShort           = errors.New("too short")
	ErrTooLong            = errors.New("too long")
	ErrUnknownCountryCode = errors.New("unknown country code")
	ErrNotAHandle         = errors.New("neither a phone number nor an email address")
	ErrBadEmail           = errors.New("not a valid email address")
	ErrUnreservedDomain   = errors.New("not a reserved example domain")
)

// InputError explains why typed text is not a handle. Status is Incomplete
// or Invalid; Reason is one of the Err values above.
type InputError struct {
	Input  string
	Status ParseStatus
	Reason error
	Detail string
}

func (e *InputError) Error() string {
	msg := fmt.Sprintf("%s input %s: %s", e.Status, strconv.Quote(e.Input), e.Reason)
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

// Unwrap lets errors.Is match the reason.
func (e *InputError) Unwrap() error { return e.Reason }

// Parsed is what the To: field knows about its text at one moment.
type Parsed struct {
	Input   string
	Status  ParseStatus
	Handle  Handle // set when Status is Complete
	Display string // the text formatted as a phone shows it while typing
	Err     *InputError
}

// maxInputLen bounds work on pasted text; no handle is longer.
const maxInputLen = 320

// ParseInput reads what a person typed in the To: field. Phone numbers in
// national form are read in the phone's region (e.g. "US").
func ParseInput(input, region string) Parsed {
	trimmed := strings.TrimSpace(input)
	p := Parsed{Input: input, Display: Printable(trimmed)}
	switch {
	case trimmed == "":
		p.Status = Empty
		p.Err = &InputError{Input: input, Status: Empty, Reason: ErrEmpty}
	case len(trimmed) > maxInputLen:
		p.fail(Invalid, ErrTooLong, fmt.Sprintf("longer than %d characters", maxInputLen))
	case strings.HasPrefix(strings.ToLower(trimmed), mailtoScheme) || strings.Contains(trimmed, "@"):
		parseEmail(&p, trimmed)
	case looksLikePhone(trimmed):
		parsePhone(&p, trimmed, region)
		p.checkRoundTrip(region)
	default:
		p.fail(Invalid, ErrNotAHandle, "")
	}
	return p
}

// ParseHandle is ParseInput for text that must already be a whole handle,
// as on a command line: anything but Complete is an error.
func ParseHandle(input, region string) (Handle, error) {
	p := ParseInput(input, region)
	if p.Status != Complete {
		return "", p.Err
	}
	return p.Handle, nil
}

// checkRoundTrip refuses a number whose E.164 form does not read back as
// itself: one handle has one parse, so what lookup accepts, a return's
// --target and the To: field accept too (libphonenumber drops a national
// prefix after some country codes, so "+840 0000000 0" would otherwise
// become +8400000000, a number that is itself refused).
func (p *Parsed) checkRoundTrip(region string) {
	if p.Status != Complete {
		return
	}
	back := Parsed{Input: p.Handle.Address()}
	parsePhone(&back, back.Input, region)
	if back.Status != Complete || back.Handle != p.Handle {
		e164 := p.Handle.Address()
		p.Handle = ""
		p.fail(Invalid, ErrNotAHandle, "its international form "+e164+" does not read back as the same number")
	}
}

func (p *Parsed) fail(status ParseStatus, reason error, detail string) {
	p.Status = status
	p.Err = &InputError{Input: p.Input, Status: status, Reason: reason, Detail: detail}
}

func parseEmail(p *Parsed, s string) {
	if len(s) >= len(mailtoScheme) && strings.EqualFold(s[:len(mailtoScheme)], mailtoScheme) {
		s = s[len(mailtoScheme):]
	}
	addr := strings.ToLower(s)
	p.Display = Printable(addr)
	local, domain, ok := strings.Cut(addr, "@")
	switch {
	case !ok || local == "" && domain == "":
		p.fail(Incomplete, ErrBadEmail, "no address before @")
	case strings.ContainsAny(addr, " \t\r\n\"<>(),;:[]\\") || strings.Count(addr, "@") > 1:
		p.fail(Invalid, ErrBadEmail, "contains a character an address cannot have")
	case HasUnsafe(addr):
		p.fail(Invalid, ErrBadEmail, "contains a control or bidirectional-override character")
	case local == "":
		p.fail(Invalid, ErrBadEmail, "nothing before @")
	case domain == "" || !strings.Contains(domain, ".") || strings.HasSuffix(domain, ".") || shortTLD(domain):
		p.fail(Incomplete, ErrBadEmail, "domain is not finished")
	case !validDomain(domain):
		p.fail(Invalid, ErrBadEmail, "domain "+strconv.Quote(domain)+" is not valid")
	case !ReservedDomain(domain) && reservedPrefix(domain):
		p.fail(Incomplete, ErrUnreservedDomain, "still being typed: "+strconv.Quote(domain)+" is on the way to a reserved domain")
	case !ReservedDomain(domain):
		p.fail(Invalid, ErrUnreservedDomain, "bluegreen simulates only "+reservedList)
	default:
		p.Status = Complete
		p.Handle = Handle(mailtoScheme + addr)
	}
}

// reservedList names the domains bluegreen accepts, for error messages.
const reservedList = "example.com, example.org, example.net and names under .example, .test or .invalid (RFC 2606)"

// reservedTLDs are the top-level domains RFC 2606 reserves.
var reservedTLDs = [...]string{"example", "test", "invalid"}

// reservedDomains are the second-level names RFC 2606 reserves.
var reservedDomains = [...]string{"example.com", "example.org", "example.net"}

// ReservedDomain reports whether domain is reserved for examples (RFC
// 2606): only such addresses are fictional, so only they are ever looked
// up. An address typed letter by letter passes through real domains
// ("example.co") on its way; those are never asked about or logged.
func ReservedDomain(domain string) bool {
	for _, d := range reservedDomains {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return true
		}
	}
	tld := domain[strings.LastIndexByte(domain, '.')+1:]
	for _, t := range reservedTLDs {
		if tld == t && tld != domain {
			return true
		}
	}
	return false
}

// reservedPrefix reports whether domain could still become a reserved one
// by typing more: "example.co" → "example.com", "shop.te" → "shop.test".
func reservedPrefix(domain string) bool {
	for _, d := range reservedDomains {
		for at := 0; at < len(domain); at++ {
			if (at == 0 || domain[at-1] == '.') && strings.HasPrefix(d, domain[at:]) {
				return true
			}
		}
	}
	tld := domain[strings.LastIndexByte(domain, '.')+1:]
	for _, t := range reservedTLDs {
		if strings.HasPrefix(t, tld) {
			return true
		}
	}
	return false
}

// shortTLD reports a last label of one character: no top-level domain is
// that short, so "dev@example.c" is still being typed.
func shortTLD(domain string) bool {
	return len([]rune(domain[strings.LastIndexByte(domain, '.')+1:])) < 2
}

func validDomain(domain string) bool {
	for label := range strings.SplitSeq(domain, ".") {
		if label == "" || len(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return false
		}
		for _, r := range label {
			if !(r == '-' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > unicode.MaxASCII && unicode.IsLetter(r)) {
				return false
			}
		}
	}
	return true
}

// looksLikePhone accepts digits and the punctuation people type in numbers.
func looksLikePhone(s string) bool {
	s = stripTelScheme(s)
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" -.()+/\u00a0", r):
		default:
			return false
		}
	}
	return digits > 0 || s == "+"
}

func stripTelScheme(s string) string {
	if len(s) >= len(telScheme) && strings.EqualFold(s[:len(telScheme)], telScheme) {
		return s[len(telScheme):]
	}
	return s
}

// maxE164Digits is the most digits an international number has (E.164).
const maxE164Digits = 15

func parsePhone(p *Parsed, s, region string) {
	s = stripTelScheme(s)
	international := strings.HasPrefix(s, "+")
	digits := phonenumbers.NormalizeDigitsOnly(s)
	p.Display = formatAsYouType(digits, international, region)
	if digits == "" {
		p.fail(Incomplete, ErrTooShort, "no digits yet")
		return
	}
	if international && !knownCountryPrefix(digits) {
		if len(digits) >= 3 {
			p.fail(Invalid, ErrUnknownCountryCode, "+"+digits[:min(3, len(digits))]+" is not a country calling code")
		} else {
			p.fail(Incomplete, ErrTooShort, "country code not finished")
		}
		return
	}
	num, err := phonenumbers.Parse(s, region)
	switch {
	case err != nil && len(digits) > maxE164Digits:
		p.fail(Invalid, ErrTooLong, fmt.Sprintf("%d digits: a phone number has at most %d", len(digits), maxE164Digits))
		return
	case err != nil:
		p.fail(Incomplete, ErrTooShort, "not enough digits")
		return
	}
	classifyNumber(p, num)
}

func classifyNumber(p *Parsed, num *phonenumbers.PhoneNumber) {
	switch phonenumbers.IsPossibleNumberWithReason(num) {
	case phonenumbers.INVALID_COUNTRY_CODE:
		p.fail(Invalid, ErrUnknownCountryCode, fmt.Sprintf("+%d is not a country calling code", num.GetCountryCode()))
	case phonenumbers.TOO_LONG:
		p.fail(Invalid, ErrTooLong, lengthDetail(num))
	case phonenumbers.TOO_SHORT, phonenumbers.IS_POSSIBLE_LOCAL_ONLY:
		p.fail(Incomplete, ErrTooShort, lengthDetail(num))
	case phonenumbers.INVALID_LENGTH:
		if digitsToComplete(num) > 0 {
			p.fail(Incomplete, ErrTooShort, lengthDetail(num))
		} else {
			p.fail(Invalid, ErrTooLong, lengthDetail(num))
		}
	default:
		// A possible length may still grow (UK numbers come in several
		// lengths): the phone waits until the number is valid or full.
		if !phonenumbers.IsValidNumber(num) && digitsToComplete(num) > 0 {
			p.fail(Incomplete, ErrTooShort, lengthDetail(num))
			return
		}
		p.Status = Complete
		p.Handle = Handle(telScheme + phonenumbers.Format(num, phonenumbers.E164))
		p.Display = displayNumber(num, p.Input)
	}
}

// digitsToComplete is how many more digits make the number possible and
// full-length, 0 when no more digits can help.
func digitsToComplete(num *phonenumbers.PhoneNumber) int {
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	for extra := 1; extra <= 17-len(nsn); extra++ {
		longer := withNationalNumber(num, nsn+strings.Repeat("5", extra))
		switch phonenumbers.IsPossibleNumberWithReason(longer) {
		case phonenumbers.TOO_LONG:
			return 0
		case phonenumbers.IS_POSSIBLE:
			if phonenumbers.IsPossibleNumberWithReason(withNationalNumber(num, nsn+strings.Repeat("5", extra+1))) == phonenumbers.TOO_LONG {
				return extra
			}
		}
	}
	return 0
}

func withNationalNumber(num *phonenumbers.PhoneNumber, nsn string) *phonenumbers.PhoneNumber {
	n, err := strconv.ParseUint(nsn, 10, 64)
	if err != nil {
		return num
	}
	cc := num.GetCountryCode()
	return &phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &n}
}

func lengthDetail(num *phonenumbers.PhoneNumber) string {
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	if more := digitsToComplete(num); more > 0 {
		return fmt.Sprintf("%d digits after +%d; %d more needed", len(nsn), num.GetCountryCode(), more)
	}
	return fmt.Sprintf("%d digits after +%d is more than numbers there have", len(nsn), num.GetCountryCode())
}

func knownCountryPrefix(digits string) bool {
	if digits[0] == '0' {
		return false // no country calling code starts with 0
	}
	for n := 1; n <= 3 && n <= len(digits); n++ {
		cc, _ := strconv.Atoi(digits[:n])
		if phonenumbers.GetRegionCodeForCountryCode(cc) != "ZZ" || isNonGeoCode(cc) {
			return true
		}
	}
	return len(digits) < 3 && digits[0] != '0'
}

func isNonGeoCode(cc int) bool {
	return phonenumbers.GetSupportedGlobalNetworkCallingCodes()[cc]
}

// displayNumber shows a complete number the way Messages does: national
// form for the phone's own country, international otherwise.
func displayNumber(num *phonenumbers.PhoneNumber, typed string) string {
	if strings.HasPrefix(strings.TrimSpace(stripTelScheme(strings.TrimSpace(typed))), "+") {
		return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
	}
	return phonenumbers.Format(num, phonenumbers.NATIONAL)
}

// formatAsYouType formats a partly typed number by completing it with the
// digits of an example number, formatting that, and cutting the result
// after the digits actually typed. When the shapes disagree it falls back
// to the bare digits, which is what a phone shows for unusual input.
func formatAsYouType(digits string, international bool, region string) string {
	prefix := ""
	if international {
		prefix = "+"
	}
	if digits == "" {
		return prefix
	}
	example, exampleRegion := exampleFor(digits, international, region)
	if example == "" {
		return prefix + digits
	}
	typed := digits
	if len(typed) >= len(example) {
		return prefix + digits
	}
	num, err := phonenumbers.Parse(prefix+typed+example[len(typed):], exampleRegion)
	if err != nil {
		return prefix + digits
	}
	format := phonenumbers.NATIONAL
	if international {
		format = phonenumbers.INTERNATIONAL
	}
	return balanceParens(cutAfterDigits(phonenumbers.Format(num, format), typed, prefix+digits))
}

// balanceParens drops an opening parenthesis whose closing one has not been
// reached yet: "(415" reads better as "415" until the area code is done.
func balanceParens(s string) string {
	if strings.Count(s, "(") > strings.Count(s, ")") {
		return strings.ReplaceAll(s, "(", "")
	}
	return s
}

// exampleFor returns the digits a complete number would have (with the
// country code when international) and the region it belongs to.
func exampleFor(digits string, international bool, region string) (string, string) {
	if !international {
		ex := phonenumbers.GetExampleNumberForType(region, phonenumbers.MOBILE)
		if ex == nil {
			return "", region
		}
		return phonenumbers.GetNationalSignificantNumber(ex), region
	}
	for n := 1; n <= 3 && n <= len(digits); n++ {
		cc, _ := strconv.Atoi(digits[:n])
		r := phonenumbers.GetRegionCodeForCountryCode(cc)
		if r == "ZZ" {
			continue
		}
		ex := phonenumbers.GetExampleNumberForType(r, phonenumbers.MOBILE)
		if ex == nil {
			return "", r
		}
		return digits[:n] + phonenumbers.GetNationalSignificantNumber(ex), r
	}
	return "", region
}

// cutAfterDigits keeps formatted up to and including the len(typed)-th
// digit, provided the digits agree with what was typed.
func cutAfterDigits(formatted, typed, fallback string) string {
	seen := 0
	for i, r := range formatted {
		if r < '0' || r > '9' {
			continue
		}
		if seen >= len(typed) || byte(r) != typed[seen] {
			return fallback
		}
		seen++
		if seen == len(typed) {
			return formatted[:i+1]
		}
	}
	return fallback
}
