package sim

import "fmt"

// Colour is the bubble colour a person sees. Never shown by hue alone:
// every colour travels with a Label.
type Colour int

// The colours of Messages.
const (
	Grey  Colour = iota // not decided yet (query in flight)
	Blue                // iMessage, end-to-end encrypted
	Green               // SMS, MMS or RCS: not end-to-end encrypted
	Red                 // cannot be delivered as things stand
)

// String names the colour.
func (c Colour) String() string {
	return [...]string{"grey", "blue", "green", "red"}[c]
}

// Route is how Messages will carry a conversation.
type Route int

// The routes of FACTS.md §5.
const (
	RouteIMessage        Route = iota // blue
	RouteSMS                          // green text message
	RouteMMSGroup                     // green group (any member not on iMessage)
	RouteRCS                          // green, labelled RCS (iOS 18+)
	RouteNotDelivered                 // red: iMessage failed and Send as SMS is off
	RouteCantUseIMessage              // red: an email address not on iMessage
)

// String names the route in lower-case words, for JSON and logs.
func (r Route) String() string {
	return [...]string{"imessage", "sms", "mms-group", "rcs", "not-delivered", "imessage-cant-be-used"}[r]
}

// Colour is the colour the route shows.
func (r Route) Colour() Colour {
	switch r {
	case RouteIMessage:
		return Blue
	case RouteNotDelivered, RouteCantUseIMessage:
		return Red
	default:
		return Green
	}
}

// AnswerSource says where the phone's belief about a handle came from.
type AnswerSource int

// Where an answer can come from.
const (
	FromApple   AnswerSource = iota // a query was sent and answered
	FromCache                       // the phone's cache: nothing sent
	RateLimited                     // Apple answered 7000: treated as not on iMessage
	NotAsked                        // iMessage is off: the phone does not ask
	Unreachable                     // no data connection and nothing cached
)

// String describes the source for people.
func (s AnswerSource) String() string {
	return [...]string{
		"answered by Apple",
		"served from the phone's cache — nothing sent to Apple",
		"Apple refused: rate limited (status 7000)",
		"not asked: iMessage is off",
		"not asked: no data connection and nothing cached",
	}[s]
}

// Answer is what the phone believes about one recipient.
type Answer struct {
	Handle     Handle
	Devices    int          // 0 = not on iMessage (as far as the phone knows)
	Source     AnswerSource //
	CarrierRCS bool         // the recipient's carrier supports RCS
	Stale      bool         // simulator truth: registered, but the devices are gone
}

// OnIMessage reports whether the phone believes h is on iMessage.
func (a Answer) OnIMessage() bool { return a.Devices > 0 }

// Reason is one step of the decision: what was checked, what it found,
// and the source of the rule.
type Reason struct {
	Check  string `json:"check"`
	Answer string `json:"answer"`
	Source string `json:"source"`
}

// Decision is the route for a message and why.
type Decision struct {
	Route        Route
	Label        string   // the words Messages shows: "iMessage", "Text Message", ...
	Reasons      []Reason // in the order they were weighed
	Offers       []string // actions a red bubble offers: "Try Again", "Send as Text Message"
	NeverArrives []Handle // stale registrations: sent blue, never delivered
}

// Colour is the decision's colour.
func (d Decision) Colour() Colour { return d.Route.Colour() }

// DecisionInput is everything the colour decision depends on.
type DecisionInput struct {
	Settings        Settings
	Online          bool
	RCSAvailable    bool // the phone's iOS supports RCS (iOS 18+)
	PhoneCarrierRCS bool
	Answers         []Answer
}

// rcsFor reports whether a message to a can go over RCS.
func (in DecisionInput) rcsFor(a Answer) bool {
	return in.RCSAvailable && in.Settings.RCS && in.PhoneCarrierRCS && a.CarrierRCS && in.Online && a.Handle.IsPhone()
}

// RecipientColour is the colour and label of one recipient's lozenge in
// the To: field.
func RecipientColour(in DecisionInput, a Answer) (Colour, string) {
	switch {
	case a.OnIMessage() && in.Settings.IMessage:
		return Blue, "iMessage"
	case a.Handle.IsEmail():
		return Red, "iMessage can't be used"
	case in.rcsFor(a):
		return Green, "RCS"
	default:
		return Green, "SMS"
	}
}

// Decide chooses the route for a message to the answered recipients,
// following the rules of FACTS.md §5 in order.
func Decide(in DecisionInput) Decision {
	var d decider
	d.in = in
	return d.decide()
}

type decider struct {
	in      DecisionInput
	reasons []Reason
}

func (d *decider) why(check, answer, source string) {
	d.reasons = append(d.reasons, Reason{Check: check, Answer: answer, Source: source})
}

func (d *decider) done(r Route, label string, offers ...string) Decision {
	return Decision{Route: r, Label: label, Reasons: d.reasons, Offers: offers}
}

func (d *decider) decide() Decision {
	in := d.in
	if len(in.Answers) == 0 {
		d.why("recipients", "none", SrcColours)
		return d.done(RouteCantUseIMessage, "No recipients")
	}
	d.explainAnswers()
	if email, ok := d.emailOffIMessage(); ok {
		answer := "an email address can only get iMessages, and this one is not on iMessage"
		if !in.Settings.IMessage {
			answer = "an email address can only get iMessages, and your iMessage is off"
		}
		d.why("email recipient "+email.Address(), answer, SrcEmailRed)
		return d.done(RouteCantUseIMessage, "iMessage can't be used")
	}
	if !in.Settings.IMessage {
		d.why("your iMessage switch", "off: Messages cannot use iMessage, so the message goes green", SrcColours)
		return d.greenRoute()
	}
	d.why("your iMessage switch", "on", SrcColours)
	if !d.allOnIMessage() {
		if email, other, ok := d.emailWithGreenMember(); ok {
			d.why("email recipient "+email.Address()+" in a group with "+other.Address(),
				other.Address()+" is not on iMessage, and an email address cannot ride RCS, SMS or MMS: this group cannot be sent", SrcEmailOnlyByIMsg)
			return d.done(RouteCantUseIMessage, "iMessage can't be used")
		}
		return d.greenRoute()
	}
	return d.iMessageRoute()
}

// emailWithGreenMember finds an email recipient in a conversation that
// cannot be iMessage because of another member: RCS and SMS address phone
// numbers only, so such a conversation has no route.
func (d *decider) emailWithGreenMember() (email, other Handle, ok bool) {
	for _, a := range d.in.Answers {
		if !a.OnIMessage() {
			other = a.Handle
		}
		if a.Handle.IsEmail() {
			email = a.Handle
		}
	}
	return email, other, email != "" && other != ""
}

// explainAnswers records what the phone knows about each recipient.
func (d *decider) explainAnswers() {
	for _, a := range d.in.Answers {
		src := SrcIDS
		switch a.Source {
		case FromCache:
			src = SrcCache
		case RateLimited:
			src = SrcWire
		case NotAsked, Unreachable:
			src = SrcAssumption
		}
		d.why("is "+a.Handle.Address()+" on iMessage?", answerPhrase(a), src)
	}
}

// answerPhrase is what the phone knows about a: a count of devices when
// Apple (or the cache) answered, "unknown" when nothing was asked — a
// default is not a finding.
func answerPhrase(a Answer) string {
	switch a.Source {
	case NotAsked, Unreachable, RateLimited:
		return "unknown — " + a.Source.String() + " (the phone treats it as not on iMessage)"
	}
	return devicesPhrase(a.Devices) + " — " + a.Source.String()
}

func devicesPhrase(n int) string {
	switch n {
	case 0:
		return "no devices (not on iMessage)"
	case 1:
		return "1 device"
	default:
		return fmt.Sprintf("%d devices", n)
	}
}

func (d *decider) emailOffIMessage() (Handle, bool) {
	for _, a := range d.in.Answers {
		if a.Handle.IsEmail() && (!a.OnIMessage() || !d.in.Settings.IMessage) {
			return a.Handle, true
		}
	}
	return "", false
}

func (d *decider) allOnIMessage() bool {
	for _, a := range d.in.Answers {
		if !a.OnIMessage() {
			return false
		}
	}
	return true
}

// greenRoute picks RCS, MMS or SMS for a conversation that cannot be iMessage.
func (d *decider) greenRoute() Decision {
	in := d.in
	group := len(in.Answers) > 1
	if group {
		why := "a member is not on iMessage, so the whole group goes green"
		if !in.Settings.IMessage {
			why = "your iMessage is off, so the whole group goes green"
		}
		d.why("group of "+fmt.Sprint(len(in.Answers)), why, SrcColours)
	}
	if d.allRCS() {
		d.why("RCS", "both carriers support it and RCS is on; Messages prefers RCS to SMS (order uncertain)", SrcRCS)
		return d.done(RouteRCS, "RCS")
	}
	d.explainNoRCS()
	if group {
		return d.done(RouteMMSGroup, "MMS")
	}
	return d.done(RouteSMS, "Text Message")
}

func (d *decider) allRCS() bool {
	for _, a := range d.in.Answers {
		if !a.OnIMessage() && !d.in.rcsFor(a) {
			return false
		}
	}
	return true
}

func (d *decider) explainNoRCS() {
	in := d.in
	fallback := "SMS"
	if len(in.Answers) > 1 {
		fallback = "MMS"
	}
	switch {
	case !in.RCSAvailable:
		return // RCS did not exist on this iOS: nothing to explain
	case !in.Settings.RCS:
		d.why("RCS", "off in Settings: falls back to "+fallback, SrcRCS)
	case !in.Online:
		d.why("RCS", "needs a data connection: falls back to "+fallback, SrcAssumption)
	default:
		d.why("RCS", "a carrier does not support it: falls back to "+fallback, SrcRCS)
	}
}

// iMessageRoute handles a conversation whose members are all on iMessage.
func (d *decider) iMessageRoute() Decision {
	in := d.in
	if in.Online {
		d.why("data connection", "yes: iMessage can be delivered", SrcColours)
		never := d.staleHandles()
		dec := d.done(RouteIMessage, "iMessage")
		dec.NeverArrives = never
		return dec
	}
	d.why("data connection", "none: iMessage cannot be delivered", SrcFallback)
	hasEmail := false
	for _, a := range in.Answers {
		hasEmail = hasEmail || a.Handle.IsEmail()
	}
	switch {
	case in.Settings.SendAsSMS && !hasEmail:
		d.why("Send as SMS", "on: re-sent as a text message", SrcFallback)
		if len(in.Answers) > 1 {
			return d.done(RouteMMSGroup, "Sent as Text Message")
		}
		return d.done(RouteSMS, "Sent as Text Message")
	case hasEmail:
		d.why("Send as SMS", "cannot help: an email address cannot get a text", SrcFallback)
		return d.done(RouteNotDelivered, "Not Delivered", "Try Again")
	default:
		d.why("Send as SMS", "off: the message fails", SrcFallback)
		return d.done(RouteNotDelivered, "Not Delivered", "Try Again", "Send as Text Message")
	}
}

func (d *decider) staleHandles() []Handle {
	var out []Handle
	for _, a := range d.in.Answers {
		if a.Stale {
			out = append(out, a.Handle)
			d.why(a.Handle.Address()+" (simulator truth)", "still registered after leaving iPhone: shows blue, never arrives", SrcStale)
		}
	}
	return out
}
