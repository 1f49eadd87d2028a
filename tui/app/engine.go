package app

import (
	"context"
	"sync"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
)

// engine owns the simulated world. Update never touches the world: it asks
// the engine for a command, and the work is queued there and then, in the
// order Update asked for it, for one worker that does it off the UI
// goroutine — so a script of keys always produces the same log. The work
// does not depend on its command being run: a session that ends with work
// queued (an SSH student who disconnects mid-lookup) still has it done, and
// its results wait for the screen to take them (Resume).
type engine struct {
	mu      sync.Mutex
	queue   []*job // waiting for the worker, in order
	working bool   // a worker goroutine is draining the queue
	untaken []*job // queued or done, their result not yet taken by the screen
	issued  uint64 // tickets handed out
	world   *sim.World
	delay   time.Duration // simulated network delay of a query
	pace    time.Duration // simulated time between a person's actions

	// What the court side reads: Apple's log (safe for concurrent use),
	// the earliest time it holds rows from, and where exports go.
	store     sim.LogStore
	heldFrom  time.Time
	exportDir string
}

// job is one piece of queued work and, once done is closed, its outcome.
type job struct {
	ticket uint64
	op     worldOp
	done   chan struct{}
	msg    tea.Msg
}

// doneMsg carries a job's outcome to the screen; the ticket lets the
// screen take each outcome once, however often it is delivered.
type doneMsg struct {
	ticket uint64
	msg    tea.Msg
}

func newEngine(w *sim.World, opts Options) *engine {
	e := &engine{world: w, delay: opts.NetworkDelay, pace: opts.HumanPace, store: w.Server.Log(), exportDir: opts.ExportDir}
	if _, persistent := e.store.(sim.ClockStore); persistent {
		e.heldFrom = w.Now() // an older database may have purged rows before this session
	}
	if e.exportDir == "" {
		e.exportDir = "."
	}
	return e
}

// persistent reports whether Apple's log outlives the program (--db).
func (e *engine) persistent() bool {
	_, ok := e.store.(sim.ClockStore)
	return ok
}

// worldOp is one piece of work on the world; it returns the message that
// reports its outcome. pace is how much simulated time a person's action
// takes, so rows typed a few seconds apart do not share a timestamp.
type worldOp func(ctx context.Context, w *sim.World, pace time.Duration) tea.Msg

// takeTime lets a person's action take pace of simulated time.
func takeTime(ctx context.Context, w *sim.World, pace time.Duration) error {
	if pace <= 0 {
		return nil
	}
	_, err := w.Advance(ctx, pace)
	return err
}

// run queues op and returns the command that waits for its outcome. When
// op sent a query to Apple, the answer is held back for the simulated
// network delay (in the command, so the next op need not wait for it).
func (e *engine) run(op worldOp) tea.Cmd {
	e.mu.Lock()
	e.issued++
	j := &job{ticket: e.issued, op: op, done: make(chan struct{})}
	e.queue = append(e.queue, j)
	e.untaken = append(e.untaken, j)
	if !e.working {
		e.working = true
		go e.work()
	}
	e.mu.Unlock()
	return e.await(j)
}

// work does the queued jobs one at a time, and stops when none is left.
func (e *engine) work() {
	for {
		e.mu.Lock()
		if len(e.queue) == 0 {
			e.working = false
			e.mu.Unlock()
			return
		}
		j := e.queue[0]
		e.queue = e.queue[1:]
		e.mu.Unlock()
		j.msg = j.op(context.Background(), e.world, e.pace)
		close(j.done)
	}
}

func (e *engine) await(j *job) tea.Cmd {
	return func() tea.Msg {
		<-j.done
		if r, ok := j.msg.(lookupMsg); ok && r.sentQuery() && e.delay > 0 {
			time.Sleep(e.delay)
		}
		return doneMsg{ticket: j.ticket, msg: j.msg}
	}
}

// take reports whether the outcome of ticket is new to the screen, and
// marks it taken.
func (e *engine) take(ticket uint64) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, j := range e.untaken {
		if j.ticket == ticket {
			e.untaken = append(e.untaken[:i], e.untaken[i+1:]...)
			return true
		}
	}
	return false
}

// resume delivers, in order, every outcome the screen has not taken: the
// work a closed session left queued or unanswered reaches the screen that
// carries on with its world.
func (e *engine) resume() tea.Cmd {
	e.mu.Lock()
	waiting := append([]*job(nil), e.untaken...)
	e.mu.Unlock()
	cmds := make([]tea.Cmd, len(waiting))
	for i, j := range waiting {
		cmds[i] = e.await(j)
	}
	return tea.Sequence(cmds...)
}

// lookupMsg reports a lookup the phone made (typed, confirmed, sent, card).
type lookupMsg struct {
	Seq      uint64     // which request of the phone pane this answers
	Purpose  lookupKind // why the phone pane asked
	Handle   sim.Handle // the handle typed or confirmed, if any
	Result   sim.LookupResult
	Answers  []common.AnswerView
	Decision sim.Decision // what a message to these answers would do now
	Snap     common.Snapshot
	Err      error
	// Superseded says the lookup was skipped: the text changed before it ran.
	Superseded bool
}

func (m lookupMsg) sentQuery() bool { return len(m.Result.Exchanges) > 0 }

// lookupKind says why the phone pane asked.
type lookupKind int

const (
	lookupTyped lookupKind = iota
	lookupConfirmed
)

// sentMsg reports a message sent (or failed).
type sentMsg struct {
	Result  sim.SendResult
	Answers []common.AnswerView
	Index   int // position in the world's thread
	Snap    common.Snapshot
	Err     error
}

// stateMsg reports a change of settings, network, clock or cache.
type stateMsg struct {
	Snap   common.Snapshot
	What   stateChange
	Purged int
	Err    error
}

type stateChange int

const (
	changedNothing stateChange = iota
	changedIMessage
	changedSendAsSMS
	changedNetwork
	changedClock
	changedCache
	changedStart
	changedDesign
	changedPlatform // the class changed a student's phone (Android or iPhone, its design): the caption was set when it said so
)

func answerViews(w *sim.World, answers []sim.Answer) []common.AnswerView {
	out := make([]common.AnswerView, len(answers))
	for i, a := range answers {
		c, l := w.Colour(a)
		out[i] = common.AnswerView{Answer: a, Colour: c, Label: l}
	}
	return out
}

// opStart reports the world as it begins.
func opStart() worldOp {
	return func(_ context.Context, w *sim.World, _ time.Duration) tea.Msg {
		return stateMsg{Snap: common.TakeSnapshot(w), What: changedStart}
	}
}

// opType is the To: field's text becoming text (as-you-type lookups). When
// the text has changed again before its turn came, it does nothing at all:
// no simulated time, no query to Apple, no row for a number nobody saw.
func opType(seq uint64, text string, superseded func() bool) worldOp {
	return func(ctx context.Context, w *sim.World, pace time.Duration) tea.Msg {
		if superseded != nil && superseded() {
			return lookupMsg{Seq: seq, Purpose: lookupTyped, Superseded: true}
		}
		if err := takeTime(ctx, w, pace); err != nil {
			return lookupMsg{Seq: seq, Purpose: lookupTyped, Snap: common.TakeSnapshot(w), Err: err}
		}
		p, res, err := w.TypeTo(ctx, text)
		return lookupOutcome(w, seq, lookupTyped, p, res, err)
	}
}

// lookupOutcome reports what a typed or confirmed handle's lookup found.
func lookupOutcome(w *sim.World, seq uint64, why lookupKind, p sim.Parsed, res *sim.LookupResult, err error) lookupMsg {
	msg := lookupMsg{Seq: seq, Purpose: why, Handle: p.Handle, Snap: common.TakeSnapshot(w), Err: err}
	if res != nil {
		msg.Result = *res
		msg.Answers = answerViews(w, res.Answers)
		msg.Decision = w.Decide(res.Answers)
	}
	return msg
}

// opConfirm is a recipient being confirmed in the To: field.
func opConfirm(seq uint64, text string) worldOp {
	return func(ctx context.Context, w *sim.World, pace time.Duration) tea.Msg {
		if err := takeTime(ctx, w, pace); err != nil {
			return lookupMsg{Seq: seq, Purpose: lookupConfirmed, Snap: common.TakeSnapshot(w), Err: err}
		}
		p, res, err := w.Commit(ctx, text)
		msg := lookupOutcome(w, seq, lookupConfirmed, p, res, err)
		if res == nil && err == nil {
			// on-send: nothing asked yet, the lozenge stays grey
			msg.Answers = []common.AnswerView{{Answer: sim.Answer{Handle: p.Handle, Source: sim.NotAsked}, Colour: sim.Grey, Label: "not asked yet"}}
		}
		return msg
	}
}

// opSend sends text to the recipients.
func opSend(to []sim.Handle, text string) worldOp {
	return func(ctx context.Context, w *sim.World, pace time.Duration) tea.Msg {
		if err := takeTime(ctx, w, pace); err != nil {
			return sentMsg{Snap: common.TakeSnapshot(w), Err: err}
		}
		res, err := w.Send(ctx, to, text)
		return sentMsg{Result: res, Answers: answerViews(w, res.Lookup.Answers), Index: len(w.Thread) - 1, Snap: common.TakeSnapshot(w), Err: err}
	}
}

// opTryAgain sends thread message i again, in its place.
func opTryAgain(i int) worldOp {
	return func(ctx context.Context, w *sim.World, pace time.Duration) tea.Msg {
		if err := takeTime(ctx, w, pace); err != nil {
			return sentMsg{Snap: common.TakeSnapshot(w), Err: err}
		}
		res, err := w.TryAgain(ctx, i)
		return sentMsg{Result: res, Answers: answerViews(w, res.Lookup.Answers), Index: i, Snap: common.TakeSnapshot(w), Err: err}
	}
}

// opSendAsText re-sends thread message i as a text.
func opSendAsText(i int) worldOp {
	return func(ctx context.Context, w *sim.World, _ time.Duration) tea.Msg {
		msg, err := w.SendAsText(ctx, i)
		return sentMsg{Result: sim.SendResult{Message: msg}, Index: i, Snap: common.TakeSnapshot(w), Err: err}
	}
}

// opSetNetwork puts the phone on network n (a demo step); nothing
// changes when it is already there.
func opSetNetwork(n sim.Network) worldOp {
	return func(_ context.Context, w *sim.World, _ time.Duration) tea.Msg {
		if w.Phone.Network == n {
			return stateMsg{Snap: common.TakeSnapshot(w), What: changedNothing}
		}
		w.Phone.Network = n
		return stateMsg{Snap: common.TakeSnapshot(w), What: changedNetwork}
	}
}

// opChange applies a change to the phone or the clock.
func opChange(what stateChange, d time.Duration) worldOp {
	return func(ctx context.Context, w *sim.World, _ time.Duration) tea.Msg {
		msg := stateMsg{What: what}
		switch what {
		case changedIMessage:
			w.Phone.Settings.IMessage = !w.Phone.Settings.IMessage
		case changedSendAsSMS:
			w.Phone.Settings.SendAsSMS = !w.Phone.Settings.SendAsSMS
		case changedNetwork:
			w.Phone.Network = w.Phone.Network.Next()
		case changedCache:
			w.Phone.Cache.Clear()
		case changedClock:
			msg.Purged, msg.Err = w.Advance(ctx, d)
		case changedDesign:
			msg.Err = nextDesign(w)
		}
		msg.Snap = common.TakeSnapshot(w)
		return msg
	}
}
