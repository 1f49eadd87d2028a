package sim

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Design is how the phone asks Apple whether a handle is on iMessage, and
// so what Apple's log can hold. Apple is the reported behaviour; the others
// are comparisons (FACTS.md §7) — never what Apple does.
type Design string

// The designs.
const (
	// DesignApple is as reported: the handle in the clear, logged with the
	// time, the asker and the IP.
	DesignApple Design = "apple"
	// DesignHashed sends a truncated SHA-256 of the handle; Apple logs the hash.
	DesignHashed Design = "hashed"
	// DesignPrivate is OPRF contact discovery (RFC 9497): Apple evaluates a
	// blinded element and never learns the handle.
	DesignPrivate Design = "private"
	// DesignPrivateRelay is DesignPrivate through a relay in the manner of
	// Oblivious HTTP: the relay sees the IP, Apple does not.
	DesignPrivateRelay Design = "private+relay"
	// DesignNoLog answers as Apple does but keeps no log — unless a court
	// order makes it record from the order on.
	DesignNoLog Design = "no-log"
)

// Designs lists every design, Apple's first.
func Designs() []Design {
	return []Design{DesignApple, DesignHashed, DesignPrivate, DesignPrivateRelay, DesignNoLog}
}

// ParseDesign reads a design's name; "" is Apple's.
func ParseDesign(s string) (Design, error) {
	if s == "" {
		return DesignApple, nil
	}
	for _, d := range Designs() {
		if string(d) == s {
			return d, nil
		}
	}
	return "", fmt.Errorf("unknown design %q: use %s", s, designNames())
}

func designNames() string {
	names := make([]string, 0, 5)
	for _, d := range Designs() {
		names = append(names, string(d))
	}
	return strings.Join(names, ", ")
}

// Summary says in a few words what the design is, labelled as a comparison
// unless it is Apple's.
func (d Design) Summary() string {
	switch d {
	case DesignHashed:
		return "comparison: the phone sends a truncated SHA-256 of each handle"
	case DesignPrivate:
		return "comparison: OPRF contact discovery (RFC 9497); Apple evaluates a blinded element"
	case DesignPrivateRelay:
		return "comparison: OPRF discovery through a relay (as Oblivious HTTP); Apple never sees the IP"
	case DesignNoLog:
		return "comparison: Apple keeps no log unless a court order makes it record"
	}
	return "as reported: the handle in the clear, logged with time, asker and IP"
}

// Conceals says whether the phone hides the handle from Apple's server.
func (d Design) Conceals() bool { return d == DesignHashed || d.Oblivious() }

// Oblivious says whether the design uses the OPRF.
func (d Design) Oblivious() bool { return d == DesignPrivate || d == DesignPrivateRelay }

// Relayed says whether queries travel through the relay.
func (d Design) Relayed() bool { return d == DesignPrivateRelay }

// What Apple's log shows when a design kept something from it.
const (
	// NotLearnt fills the lookup column when Apple never learnt the handle.
	NotLearnt Handle = "— (not learnt)"
	// ViaRelay fills the IP column when the query came through the relay.
	ViaRelay = "— (relay)"
)

// Discovery is the cryptography of the designs that conceal the handle;
// package sim/discovery implements it, so sim itself stays free of it.
// Items travel as text (hex or base64), as they would on the wire.
type Discovery interface {
	// Seal is the phone's side: what it sends for each handle under d, and
	// a secret only the phone keeps to read Apple's answer with.
	Seal(d Design, hs []Handle) (items []string, secret any, err error)
	// Evaluate is Apple's side: its answer to each item received, with what
	// it can write in its log and the devices when it can tell.
	Evaluate(d Design, items []string) ([]Evaluation, error)
	// Open is the phone's side again: Apple's answers read with the secret.
	Open(d Design, secret any, answers []string) ([]Opened, error)
}

// Evaluation is Apple's work on one sealed item.
type Evaluation struct {
	Answer  string // what goes back on the wire ("" when the devices are the answer)
	Logged  Handle // what Apple can write in the lookup column
	Devices int    // the devices registered, when Known
	Known   bool   // Apple could tell which handle it was
}

// Opened is what the phone learnt about one handle from Apple's answer.
type Opened struct {
	Devices int    // 0 when the handle is not in the published set
	Tag     string // the OPRF output in hex, when there is one
}

// Intercept is a forward-looking order in force at Apple: rows for the
// target are recorded from From (the order's entry) until To, whatever the
// design's own logging. Kind is "pen-register" (target = source handle) or
// "trap-and-trace" (target = lookup handle).
type Intercept struct {
	Kind   string
	Target Handle
	From   time.Time
	To     time.Time // zero = open-ended
}

// covers says whether e falls under the intercept.
func (i Intercept) covers(e LogEntry) bool {
	if e.Time.Before(i.From) || !i.To.IsZero() && !e.Time.Before(i.To) {
		return false
	}
	if i.Kind == "trap-and-trace" {
		return e.LookupHandle == i.Target
	}
	return e.SourceHandle == i.Target
}

// RelayEntry is one row of the relay's log: who connected and when, the
// size of what it forwarded — but not what was inside.
type RelayEntry struct {
	Time     time.Time `json:"time"`
	ClientIP string    `json:"client_ip"`
	Bytes    int       `json:"bytes"`
	Design   Design    `json:"design"`
}

// Relay forwards sealed queries to Apple without their IP, keeping its own
// log (as an Oblivious HTTP relay would). Safe for concurrent use.
type Relay struct {
	mu      sync.Mutex
	entries []RelayEntry
	max     int
}

// maxRelayRows bounds the relay's log in memory: the oldest rows go first.
const maxRelayRows = 100_000

// NewRelay returns a relay with an empty log.
func NewRelay() *Relay { return &Relay{max: maxRelayRows} }

// Forward records one forwarded query and returns the IP Apple then sees.
func (r *Relay) Forward(e RelayEntry) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.entries) >= r.max {
		r.entries = append(r.entries[:0], r.entries[len(r.entries)-r.max+1:]...)
	}
	r.entries = append(r.entries, e)
	return ViaRelay
}

// Entries is a copy of the relay's log, oldest first.
func (r *Relay) Entries() []RelayEntry {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]RelayEntry(nil), r.entries...)
}
