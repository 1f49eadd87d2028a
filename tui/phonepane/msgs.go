package phonepane

import (
	"sync/atomic"
	"time"

	"bluegreen/sim"
)

// LookupTypedMsg asks the parent to look up the To: field's complete text
// as you type; Seq matches the answer to the text.
type LookupTypedMsg struct {
	Seq  uint64
	Text string
	// Superseded reports, from any goroutine, whether the text was
	// overtyped: changed again within Overtyped of being typed. Keys
	// arriving faster than a person types (a paste without bracketed
	// paste) then start no lookup for each intermediate state, while a
	// number that stood in the field — however long the lookup then waits
	// its turn — is asked about, as the phone showed it would be.
	Superseded func() bool
}

// Overtyped is how soon a change of the To: text must follow the last for
// the last to count as never typed: faster than a person types a key.
const Overtyped = 100 * time.Millisecond

// edit is one change of the To: text; the next change stamps it.
type edit struct {
	at       int64        // unix nanoseconds
	replaced atomic.Int64 // when the next change came; 0 while it is the latest
}

// overtyped reports whether the next change came within Overtyped.
func (e *edit) overtyped() bool {
	r := e.replaced.Load()
	return r != 0 && r-e.at < int64(Overtyped)
}

// ConfirmMsg asks the parent to confirm a recipient (the phone asks Apple
// per its trigger policy); Seq matches the answer to the lozenge.
type ConfirmMsg struct {
	Seq    uint64
	Handle sim.Handle
}

// SendMsg asks the parent to send Text to the recipients To.
type SendMsg struct {
	To   []sim.Handle
	Text string
}

// NoticeMsg asks the parent to caption what just happened.
type NoticeMsg struct {
	Text      string
	Source    string
	Abandoned bool // a number Apple was asked about was typed away
}
