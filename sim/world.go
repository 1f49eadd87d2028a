package sim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"
)

// TriggerPolicy is when Messages asks Apple about a recipient. Exactly when
// real phones fire is uncertain (FACTS.md §1): the policy is a setting.
type TriggerPolicy int

// The trigger policies.
const (
	AsYouType TriggerPolicy = iota // the moment typed text becomes a complete handle
	OnCommit                       // when the recipient is confirmed
	OnSend                         // only when the message is sent
)

// String is the policy's command-line name.
func (p TriggerPolicy) String() string {
	return [...]string{"as-you-type", "on-commit", "on-send"}[p]
}

// ParseTriggerPolicy reads "as-you-type", "on-commit" or "on-send".
func ParseTriggerPolicy(s string) (TriggerPolicy, error) {
	for p := AsYouType; p <= OnSend; p++ {
		if p.String() == s {
			return p, nil
		}
	}
	return 0, fmt.Errorf("unknown trigger %q: use as-you-type, on-commit or on-send", s)
}

// Contact is someone in the phone's address book.
type Contact struct {
	Name    string
	Handles []Handle
	Note    string // e.g. "iPhone, iPad, Mac"
}

// Exchange is one query the phone sent and Apple's answer.
type Exchange struct {
	At       time.Time
	ClientIP string // the phone's IP; Apple saw ViaRelay instead when Design is relayed
	Trigger  Trigger
	Design   Design
	Query    Query
	Response Response
	// Opened is what the phone read from an OPRF answer, per handle asked
	// (the private designs only): never sent anywhere.
	Opened map[Handle]Opened
	asked  []Handle
	// KeyFetch is the second request of the relayed design: the OPRF
	// outputs of the handles that matched, sent through the relay for their
	// keys (the only time Apple sees an output).
	KeyFetch []string
}

// Handles is the handles the exchange asked about, in order.
func (ex Exchange) Handles() []Handle { return ex.asked }

// LookupResult is what one lookup step did: the phone's answers, in the
// order asked, and the exchanges it needed (none when the cache served all).
type LookupResult struct {
	Answers   []Answer
	Exchanges []Exchange
}

// SentMessage is a message in the phone's thread.
type SentMessage struct {
	At       time.Time
	To       []Handle
	Text     string
	Decision Decision
}

// SendResult is what pressing Send did.
type SendResult struct {
	Lookup  LookupResult
	Message SentMessage
}

// World is the whole simulation: the phone, Apple's server and the clock.
// It is not safe for concurrent use; the log store it writes to is.
type World struct {
	Name         string
	Clock        *Clock
	Phone        *Phone
	Server       *Server
	Contacts     []Contact
	Policy       TriggerPolicy
	RCSAvailable bool   // the phone's iOS has RCS (iOS 18+)
	UserAgent    string // sent with every query
	Thread       []SentMessage
	Seed         uint64    // the scenario's seed, for the designs' keys and blinds
	Scenario     *Scenario // what the world was built from (a comparison replays it)
	Relay        *Relay    // the relay of the relayed design, with its own log
	disc         Discovery
	designs      *sync.RWMutex // a class's phone: the class switches every phone's design under it
	fakes        *fakes
	others       schedule
	classmates   func() []Contact // a class's phone: everyone else who has joined (safe for concurrent use)
}

// Now is the simulated time.
func (w *World) Now() time.Time { return w.Clock.Now() }

// Advance moves simulated time forward — other accounts' scheduled lookups
// happen on the way, each at its own time — and lets Apple purge expired
// rows.
func (w *World) Advance(ctx context.Context, d time.Duration) (purged int, err error) {
	if d < 0 {
		return 0, w.Clock.Advance(d)
	}
	target, before := w.Now().Add(d), w.Server.Purged()
	if err := CheckTime(target); err != nil {
		return 0, fmt.Errorf("the clock cannot move on: %w", err)
	}
	var capped *ScheduleCapError
	if err := w.runOthers(ctx, target); err != nil && !errors.As(err, &capped) {
		return w.Server.Purged() - before, err
	}
	if err := w.Clock.Set(target); err != nil {
		return 0, err
	}
	if _, err := w.Server.Purge(ctx); err != nil {
		return w.Server.Purged() - before, err
	}
	if capped != nil {
		return w.Server.Purged() - before, capped
	}
	return w.Server.Purged() - before, nil
}

// Parse reads typed text with the phone's region.
func (w *World) Parse(text string) Parsed { return ParseInput(text, w.Phone.Region) }

// ContactList is the phone's address book: its own contacts and, on a
// class's phone, the classmates who have joined so far.
func (w *World) ContactList() []Contact {
	if w.classmates == nil {
		return w.Contacts
	}
	return append(append([]Contact(nil), w.Contacts...), w.classmates()...)
}

// ContactFor returns the contact that owns h.
func (w *World) ContactFor(h Handle) (Contact, bool) {
	for _, c := range w.ContactList() {
		for _, ch := range c.Handles {
			if ch == h {
				return c, true
			}
		}
	}
	return Contact{}, false
}

// decisionInput gathers what the colour decision needs for answers.
func (w *World) decisionInput(answers []Answer) DecisionInput {
	return DecisionInput{
		Settings:        w.Phone.Settings,
		Online:          w.Phone.Online(),
		RCSAvailable:    w.RCSAvailable,
		PhoneCarrierRCS: w.Server.Directory().CarrierSupportsRCS(w.Phone.Carrier),
		Answers:         answers,
	}
}

// Colour is the To: field lozenge for an answer.
func (w *World) Colour(a Answer) (Colour, string) {
	return RecipientColour(w.decisionInput(nil), a)
}

// Decide is the route a message to these answers would take now.
func (w *World) Decide(answers []Answer) Decision { return Decide(w.decisionInput(answers)) }

// Lookup is the phone finding out whether handles are on iMessage: from its
// cache when fresh, otherwise by asking Apple — which logs every handle.
func (w *World) Lookup(ctx context.Context, handles []Handle, why Trigger) (LookupResult, error) {
	handles = unique(handles)
	res := LookupResult{Answers: make([]Answer, len(handles))}
	var ask []Handle
	index := map[Handle]int{}
	for i, h := range handles {
		index[h] = i
		a, needsApple := w.fromPhone(h)
		res.Answers[i] = a
		if needsApple {
			ask = append(ask, h)
		}
	}
	for _, batch := range SplitBatches(ask) {
		ex, err := w.ask(ctx, batch, why)
		if err != nil {
			return res, err
		}
		res.Exchanges = append(res.Exchanges, ex)
		for _, h := range batch {
			res.Answers[index[h]] = w.fromResponse(h, ex)
		}
	}
	return res, nil
}

// fromPhone answers h without the network when it can; needsApple says a
// query must be sent.
func (w *World) fromPhone(h Handle) (a Answer, needsApple bool) {
	a = w.withTruth(Answer{Handle: h})
	if !w.Phone.Settings.IMessage {
		a.Source = NotAsked
		return a, false
	}
	entry, state := w.Phone.Cache.Get(h, w.Now())
	switch {
	case state == CacheFresh || state == CacheStale && !w.Phone.Online():
		a.Devices, a.Source = entry.Devices, FromCache
		return a, false
	case !w.Phone.Online():
		a.Source = Unreachable
		return a, false
	}
	return a, true
}

func (w *World) withTruth(a Answer) Answer {
	reg := w.Server.Directory().Lookup(a.Handle)
	a.Stale = reg.Stale
	a.CarrierRCS = w.Server.Directory().HandleSupportsRCS(a.Handle)
	return a
}

func (w *World) ask(ctx context.Context, batch []Handle, why Trigger) (Exchange, error) {
	return w.exchange(ctx, w.Phone, w.Phone.IP(), batch, why)
}

// SetDiscovery gives the world the cryptography of the comparison designs
// (package sim/discovery provides it).
func (w *World) SetDiscovery(d Discovery) {
	w.disc = d
	w.Server.disc = d
}

// Design is the design in force.
func (w *World) Design() Design {
	if w.designs != nil {
		w.designs.RLock()
		defer w.designs.RUnlock()
	}
	return w.Server.design
}

// SetDesign switches the design for every lookup from now on; rows already
// logged keep the design they were written under. A class's phone follows
// the class (Class.SetDesign) and cannot switch on its own.
func (w *World) SetDesign(d Design) error {
	if w.designs != nil {
		return fmt.Errorf("the class's instructor chooses the design")
	}
	return w.setDesign(d)
}

func (w *World) setDesign(d Design) error {
	if _, err := ParseDesign(string(d)); err != nil {
		return err
	}
	if d.Conceals() && w.disc == nil {
		return fmt.Errorf("design %s needs its cryptography attached (sim/discovery)", d)
	}
	w.Server.design = d
	return nil
}

// exchange sends one batch from phone (at ip) to Apple under the design in
// force, and reads the answer as that phone would. In a class the whole
// exchange runs under one design: the class switches only between
// exchanges, so every row is labelled with the design it was written under.
func (w *World) exchange(ctx context.Context, phone *Phone, ip string, batch []Handle, why Trigger) (Exchange, error) {
	if w.designs != nil {
		w.designs.RLock()
		defer w.designs.RUnlock()
	}
	d, now := w.Server.design, w.Now()
	ex := Exchange{At: now, ClientIP: ip, Trigger: why, Design: d, asked: append([]Handle(nil), batch...)}
	body, secret, err := w.seal(d, batch)
	if err != nil {
		return Exchange{}, err
	}
	ex.Query = w.fakes.newQuery(phone, w.UserAgent, body, now)
	seen := ip
	if d.Relayed() {
		seen = w.relay().Forward(RelayEntry{Time: now, ClientIP: ip, Bytes: ex.Query.Size(), Design: d})
	}
	if ex.Response, err = w.Server.Answer(ctx, ex.Query, seen, why); err != nil {
		return Exchange{}, err
	}
	if !d.Oblivious() || ex.Response.Status != StatusOK {
		return ex, nil
	}
	if err := w.open(d, secret, &ex); err != nil {
		return Exchange{}, err
	}
	return ex, w.fetchKeys(ctx, phone, &ex, why)
}

// seal is the body the phone sends for batch under d.
func (w *World) seal(d Design, batch []Handle) (QueryBody, any, error) {
	if !d.Conceals() {
		return QueryBody{URIs: append([]Handle(nil), batch...)}, nil, nil
	}
	if w.disc == nil {
		return QueryBody{}, nil, fmt.Errorf("design %s needs its cryptography attached (sim/discovery)", d)
	}
	items, secret, err := w.disc.Seal(d, batch)
	if err != nil {
		return QueryBody{}, nil, fmt.Errorf("sealing the lookup: %w", err)
	}
	if d == DesignHashed {
		return QueryBody{Hashes: items}, nil, nil
	}
	return QueryBody{Blinded: items}, secret, nil
}

// open unblinds an OPRF answer and matches it against the published set.
func (w *World) open(d Design, secret any, ex *Exchange) error {
	opened, err := w.disc.Open(d, secret, ex.Response.Evaluated)
	if err != nil {
		return fmt.Errorf("reading Apple's OPRF answer: %w", err)
	}
	if len(opened) != len(ex.asked) {
		return fmt.Errorf("Apple answered %d elements for %d handles", len(opened), len(ex.asked))
	}
	ex.Opened = make(map[Handle]Opened, len(opened))
	for i, o := range opened {
		ex.Opened[ex.asked[i]] = o
	}
	return nil
}

// fetchKeys is the relayed design's second request: the outputs that
// matched the published set go (through the relay) to fetch their keys.
func (w *World) fetchKeys(ctx context.Context, phone *Phone, ex *Exchange, why Trigger) error {
	if !ex.Design.Relayed() {
		return nil
	}
	var matched []Opened
	for _, h := range ex.asked {
		if o := ex.Opened[h]; o.Devices > 0 {
			ex.KeyFetch = append(ex.KeyFetch, o.Tag)
			matched = append(matched, o)
		}
	}
	if len(ex.KeyFetch) == 0 {
		return nil
	}
	size := 0
	for _, t := range ex.KeyFetch {
		size += len(t)
	}
	seen := w.relay().Forward(RelayEntry{Time: ex.At, ClientIP: ex.ClientIP, Bytes: size, Design: ex.Design})
	return w.Server.FetchKeys(ctx, phone.Self, matched, seen, why)
}

func (w *World) relay() *Relay {
	if w.Relay == nil {
		w.Relay = NewRelay()
	}
	return w.Relay
}

// Devices is what the exchange told the phone about h's devices.
func (ex Exchange) Devices(h Handle) int { return ex.devices(h) }

func (ex Exchange) devices(h Handle) int {
	switch {
	case ex.Design.Oblivious():
		return ex.Opened[h].Devices
	case ex.Design == DesignHashed:
		for i, asked := range ex.asked {
			if asked == h && i < len(ex.Query.Body.Hashes) {
				return ex.Response.Devices(Handle(ex.Query.Body.Hashes[i]))
			}
		}
		return 0
	}
	return ex.Response.Devices(h)
}

// Size is the query's body in bytes as the simulator encodes it (JSON;
// the real body is a gzipped property list).
func (q Query) Size() int {
	b, _ := json.Marshal(q.Body)
	return len(b)
}

// Size is the response in bytes as the simulator encodes it (JSON).
func (r Response) Size() int {
	b, _ := json.Marshal(r)
	return len(b)
}

func (w *World) fromResponse(h Handle, ex Exchange) Answer {
	a := w.withTruth(Answer{Handle: h})
	if ex.Response.Status == StatusRateLimit {
		a.Source = RateLimited // the phone shows it as not on iMessage: a false green
		return a
	}
	a.Devices, a.Source = ex.devices(h), FromApple
	w.Phone.Cache.Put(CacheEntry{Handle: h, Devices: a.Devices, FetchedAt: w.Now()})
	return a
}

// TypeTo is the To: field's text changing to text. Under the as-you-type
// policy a complete handle is looked up at once (from the cache if fresh).
func (w *World) TypeTo(ctx context.Context, text string) (Parsed, *LookupResult, error) {
	p := w.Parse(text)
	if p.Status != Complete || w.Policy != AsYouType {
		return p, nil, nil
	}
	res, err := w.Lookup(ctx, []Handle{p.Handle}, TriggerTyped)
	return p, &res, err
}

// Commit is the person confirming the To: field's text as a recipient.
// Under on-send nothing is asked yet: the answer's source is NotAsked.
func (w *World) Commit(ctx context.Context, text string) (Parsed, *LookupResult, error) {
	p := w.Parse(text)
	if p.Status != Complete {
		return p, nil, p.Err
	}
	if w.Policy == OnSend {
		return p, nil, nil
	}
	res, err := w.Lookup(ctx, []Handle{p.Handle}, TriggerCommitted)
	return p, &res, err
}

// OpenContact is opening a contact card, which also asks Apple about every
// handle on the card (so the card can offer iMessage).
func (w *World) OpenContact(ctx context.Context, name string) (LookupResult, error) {
	for _, c := range w.ContactList() {
		if c.Name == name {
			return w.Lookup(ctx, c.Handles, TriggerCard)
		}
	}
	return LookupResult{}, fmt.Errorf("no contact named %q", name)
}

// Send sends text to the recipients: it looks them up (the cache usually
// answers), decides the route, and records in the simulator's ground truth
// that a message went to each recipient it reached.
func (w *World) Send(ctx context.Context, to []Handle, text string) (SendResult, error) {
	res, err := w.deliver(ctx, to, text)
	if err == nil {
		w.Thread = append(w.Thread, res.Message)
	}
	return res, err
}

// TryAgain sends the thread's message i again, as the red bubble's "Try
// Again" does: the new attempt replaces the bubble, it does not add one.
func (w *World) TryAgain(ctx context.Context, i int) (SendResult, error) {
	if i < 0 || i >= len(w.Thread) {
		return SendResult{}, fmt.Errorf("no message %d in the thread", i)
	}
	res, err := w.deliver(ctx, w.Thread[i].To, w.Thread[i].Text)
	if err == nil {
		w.Thread[i] = res.Message
	}
	return res, err
}

// deliver looks the recipients up, decides the route and records the
// delivery in the ground truth; the caller puts the message in the thread.
func (w *World) deliver(ctx context.Context, to []Handle, text string) (SendResult, error) {
	res, err := w.Lookup(ctx, to, TriggerSend)
	if err != nil {
		return SendResult{Lookup: res}, err
	}
	msg := SentMessage{At: w.Now(), To: unique(to), Text: text, Decision: w.Decide(res.Answers)}
	if err := w.recordDelivery(ctx, msg); err != nil {
		return SendResult{Lookup: res}, err
	}
	return SendResult{Lookup: res, Message: msg}, nil
}

// SendAsText re-sends the thread's message i as a text, as the red bubble's
// "Send as Text Message" does.
func (w *World) SendAsText(ctx context.Context, i int) (SentMessage, error) {
	if i < 0 || i >= len(w.Thread) {
		return SentMessage{}, fmt.Errorf("no message %d in the thread", i)
	}
	orig := w.Thread[i]
	for _, h := range orig.To {
		if h.IsEmail() {
			return SentMessage{}, fmt.Errorf("%s is an email address: it cannot get a text message", h.Address())
		}
	}
	d := Decision{
		Route:   RouteSMS,
		Label:   "Sent as Text Message",
		Reasons: []Reason{{Check: "Send as Text Message", Answer: "you chose to send it as a text", Source: SrcFallback}},
	}
	if len(orig.To) > 1 {
		d.Route = RouteMMSGroup
	}
	msg := SentMessage{At: w.Now(), To: orig.To, Text: orig.Text, Decision: d}
	if err := w.recordDelivery(ctx, msg); err != nil {
		return SentMessage{}, err
	}
	w.Thread[i] = msg
	return msg, nil
}

func (w *World) recordDelivery(ctx context.Context, msg SentMessage) error {
	if msg.Decision.Colour() == Red {
		return nil
	}
	for _, h := range msg.To {
		if err := w.Server.Log().MarkMessaged(ctx, w.Phone.Self, h, msg.At); err != nil {
			return fmt.Errorf("recording ground truth: %w", err)
		}
	}
	return nil
}

func unique(hs []Handle) []Handle {
	seen := make(map[Handle]bool, len(hs))
	out := make([]Handle, 0, len(hs))
	for _, h := range hs {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}
