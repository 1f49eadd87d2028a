// Package discovery holds the cryptography of the comparison designs —
// truncated-hash lookups and their reversal by enumeration, OPRF contact
// discovery (RFC 9497, github.com/cloudflare/circl/oprf) and a relay in the
// manner of Oblivious HTTP. None of it is what Apple does: each is a design
// the simulator sets beside Apple's, to show what a log under it would
// hold. sim stays free of cryptography; this package implements
// sim.Discovery for it.
package discovery

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"bluegreen/sim"
)

// HashBytes is how much of the SHA-256 digest the phone sends under the
// hashed design: 10 bytes, 80 bits — too long to collide by chance in the
// numbering space, as short as the truncated hashes real services used.
const HashBytes = 10

// HashLen is the length of a hash in hex.
const HashLen = 2 * HashBytes

// Hash is a truncated SHA-256 of a handle.
type Hash [HashBytes]byte

// HashHandle is what the phone sends for h under the hashed design: the
// first HashBytes of SHA-256 over the handle as written on the wire
// ("tel:+14155550132", "mailto:dev@example.com").
func HashHandle(h sim.Handle) Hash {
	sum := sha256.Sum256([]byte(h))
	return Hash(sum[:HashBytes])
}

// String is the hash in lower-case hex.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// ParseHash reads a hash in hex, as a return shows it.
func ParseHash(s string) (Hash, error) {
	var h Hash
	s = strings.TrimSpace(strings.ToLower(s))
	if len(s) != HashLen {
		return h, fmt.Errorf("hash %q: want %d hex digits (a %d-byte truncated SHA-256)", printable(s), HashLen, HashBytes)
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, fmt.Errorf("hash %q: not hex", printable(s))
	}
	return h, nil
}

// printable keeps an error message short and free of control characters.
func printable(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return sim.Printable(s)
}

// MarshalText writes the hash as hex (in JSON, too).
func (h Hash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText reads a hash written by MarshalText.
func (h *Hash) UnmarshalText(b []byte) error {
	p, err := ParseHash(string(b))
	*h = p
	return err
}
