package sim

import (
	"slices"
	"strings"
	"testing"
)

const (
	ana   Handle = "tel:+14155550132" // iPhone, iPad and Mac
	ben   Handle = "tel:+14155550147" // Android
	chloe Handle = "tel:+14155550163" // left iPhone, still registered
	dev   Handle = "mailto:dev@example.com"
	nobod Handle = "mailto:nobody@example.com"
)

func on(h Handle, devices int) Answer            { return Answer{Handle: h, Devices: devices, Source: FromApple} }
func off(h Handle) Answer                        { return Answer{Handle: h, Source: FromApple} }
func rcs(a Answer) Answer                        { a.CarrierRCS = true; return a }
func stale(a Answer) Answer                      { a.Stale = true; return a }
func withSource(a Answer, s AnswerSource) Answer { a.Source = s; return a }

func online() DecisionInput {
	return DecisionInput{Settings: Settings{IMessage: true, SendAsSMS: true, RCS: true}, Online: true}
}

// Each rule of FACTS.md §5, one row each.
func TestDecideFollowsFactsSection5(t *testing.T) {
	tests := []struct {
		name   string
		in     func(DecisionInput) DecisionInput
		route  Route
		label  string
		offers []string
		source string // a reason must cite this
	}{
		{"registered recipient is blue", func(in DecisionInput) DecisionInput {
			in.Answers = []Answer{on(ana, 3)}
			return in
		}, RouteIMessage, "iMessage", nil, SrcColours},
		{"sender's iMessage off is green", func(in DecisionInput) DecisionInput {
			in.Settings.IMessage = false
			in.Answers = []Answer{withSource(off(ana), NotAsked)}
			return in
		}, RouteSMS, "Text Message", nil, SrcColours},
		{"unregistered number is green SMS", func(in DecisionInput) DecisionInput {
			in.Answers = []Answer{off(ben)}
			return in
		}, RouteSMS, "Text Message", nil, SrcIDS},
		{"group with a non-iMessage member is an MMS group", func(in DecisionInput) DecisionInput {
			in.Answers = []Answer{off(ben), on(ana, 3)}
			return in
		}, RouteMMSGroup, "MMS", nil, SrcColours},
		{"all-iMessage group stays blue", func(in DecisionInput) DecisionInput {
			in.Answers = []Answer{on(ana, 3), on(dev, 2)}
			return in
		}, RouteIMessage, "iMessage", nil, SrcColours},
		{"no data with Send as SMS on is re-sent as text", func(in DecisionInput) DecisionInput {
			in.Online = false
			in.Answers = []Answer{withSource(on(ana, 3), FromCache)}
			return in
		}, RouteSMS, "Sent as Text Message", nil, SrcFallback},
		{"no data with Send as SMS off is Not Delivered", func(in DecisionInput) DecisionInput {
			in.Online, in.Settings.SendAsSMS = false, false
			in.Answers = []Answer{withSource(on(ana, 3), FromCache)}
			return in
		}, RouteNotDelivered, "Not Delivered", []string{"Try Again", "Send as Text Message"}, SrcFallback},
		{"no data to an email cannot fall back to text", func(in DecisionInput) DecisionInput {
			in.Online = false
			in.Answers = []Answer{withSource(on(dev, 2), FromCache)}
			return in
		}, RouteNotDelivered, "Not Delivered", []string{"Try Again"}, SrcFallback},
		{"email on iMessage is blue", func(in DecisionInput) DecisionInput {
			in.Answers = []Answer{on(dev, 2)}
			return in
		}, RouteIMessage, "iMessage", nil, SrcColours},
		{"email not on iMessage is red", func(in DecisionInput) DecisionInput {
			in.Answers = []Answer{off(nobod)}
			return in
		}, RouteCantUseIMessage, "iMessage can't be used", nil, SrcEmailRed},
		{"stale registration looks blue", func(in DecisionInput) DecisionInput {
			in.Answers = []Answer{stale(on(chloe, 1))}
			return in
		}, RouteIMessage, "iMessage", nil, SrcStale},
		{"RCS when both carriers support it (iOS 18)", func(in DecisionInput) DecisionInput {
			in.RCSAvailable, in.PhoneCarrierRCS = true, true
			in.Answers = []Answer{rcs(off(ben))}
			return in
		}, RouteRCS, "RCS", nil, SrcRCS},
		{"no RCS when the recipient's carrier lacks it", func(in DecisionInput) DecisionInput {
			in.RCSAvailable, in.PhoneCarrierRCS = true, true
			in.Answers = []Answer{off(ben)}
			return in
		}, RouteSMS, "Text Message", nil, SrcRCS},
		{"no RCS when switched off", func(in DecisionInput) DecisionInput {
			in.RCSAvailable, in.PhoneCarrierRCS, in.Settings.RCS = true, true, false
			in.Answers = []Answer{rcs(off(ben))}
			return in
		}, RouteSMS, "Text Message", nil, SrcRCS},
		{"no RCS before iOS 18", func(in DecisionInput) DecisionInput {
			in.PhoneCarrierRCS = true
			in.Answers = []Answer{rcs(off(ben))}
			return in
		}, RouteSMS, "Text Message", nil, SrcColours},
		{"rate limited answer is a false green", func(in DecisionInput) DecisionInput {
			in.Answers = []Answer{withSource(off(ana), RateLimited)}
			return in
		}, RouteSMS, "Text Message", nil, SrcWire},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(tt.in(online()))
			if d.Route != tt.route || d.Label != tt.label {
				t.Fatalf("route = %v %q, want %v %q; reasons %+v", d.Route, d.Label, tt.route, tt.label, d.Reasons)
			}
			if !slices.Equal(d.Offers, tt.offers) {
				t.Errorf("offers = %v, want %v", d.Offers, tt.offers)
			}
			if !slices.ContainsFunc(d.Reasons, func(r Reason) bool { return r.Source == tt.source }) {
				t.Errorf("no reason cites %q: %+v", tt.source, d.Reasons)
			}
			for _, r := range d.Reasons {
				if r.Check == "" || r.Answer == "" || r.Source == "" {
					t.Errorf("incomplete reason %+v", r)
				}
			}
		})
	}
}

func TestDecideStaleIsFlaggedAsNeverArriving(t *testing.T) {
	in := online()
	in.Answers = []Answer{stale(on(chloe, 1)), on(ana, 3)}
	d := Decide(in)
	if !slices.Equal(d.NeverArrives, []Handle{chloe}) {
		t.Errorf("NeverArrives = %v, want [%s]", d.NeverArrives, chloe)
	}
}

func TestDecideReasonsComeInOrder(t *testing.T) {
	in := online()
	in.Answers = []Answer{off(ben), on(ana, 3)}
	d := Decide(in)
	var checks []string
	for _, r := range d.Reasons {
		checks = append(checks, r.Check)
	}
	got := strings.Join(checks, " | ")
	want := "is +14155550147 on iMessage? | is +14155550132 on iMessage? | your iMessage switch | group of 2"
	if got != want {
		t.Errorf("reasons in order:\n got %s\nwant %s", got, want)
	}
}

func TestRecipientColourInToField(t *testing.T) {
	in := online()
	tests := []struct {
		a      Answer
		colour Colour
		label  string
	}{
		{on(ana, 3), Blue, "iMessage"},
		{off(ben), Green, "SMS"},
		{on(dev, 2), Blue, "iMessage"},
		{off(nobod), Red, "iMessage can't be used"},
	}
	for _, tt := range tests {
		c, l := RecipientColour(in, tt.a)
		if c != tt.colour || l != tt.label {
			t.Errorf("%s: %v %q, want %v %q", tt.a.Handle, c, l, tt.colour, tt.label)
		}
	}
	in.RCSAvailable, in.PhoneCarrierRCS = true, true
	if c, l := RecipientColour(in, rcs(off(ben))); c != Green || l != "RCS" {
		t.Errorf("RCS recipient: %v %q, want green RCS", c, l)
	}
}

func TestEveryRouteHasAColourAndAName(t *testing.T) {
	for r := RouteIMessage; r <= RouteCantUseIMessage; r++ {
		if r.String() == "" || r.Colour() == Grey {
			t.Errorf("route %d: name %q colour %v", r, r.String(), r.Colour())
		}
	}
}

// RCS and SMS address phone numbers only: no input, however the switches
// are set, may route a conversation holding an email over RCS, SMS or MMS.
func TestEmailNeverRidesRCSOrSMS(t *testing.T) {
	for _, imsg := range []bool{true, false} {
		for _, onlineNow := range []bool{true, false} {
			for _, rcsOn := range []bool{true, false} {
				for _, sendAsSMS := range []bool{true, false} {
					for _, answers := range [][]Answer{
						{on(dev, 2), off(ben)},
						{on(dev, 2), rcs(off(ben))},
						{off(ben), on(dev, 2), on(ana, 3)},
						{off(nobod)},
						{on(dev, 2)},
						{withSource(off(dev), NotAsked), rcs(off(ben))},
					} {
						in := online()
						in.Settings.IMessage, in.Online, in.Settings.SendAsSMS = imsg, onlineNow, sendAsSMS
						in.RCSAvailable, in.PhoneCarrierRCS, in.Settings.RCS = rcsOn, rcsOn, rcsOn
						in.Answers = answers
						d := Decide(in)
						switch d.Route {
						case RouteSMS, RouteMMSGroup, RouteRCS:
							t.Errorf("iMessage %v online %v RCS %v SendAsSMS %v %v: routed %v (%q); reasons %+v",
								imsg, onlineNow, rcsOn, sendAsSMS, answers, d.Route, d.Label, d.Reasons)
						}
					}
				}
			}
		}
	}
}

func TestEmailInAGreenGroupSaysWhy(t *testing.T) {
	in := online()
	in.Answers = []Answer{on(dev, 2), off(ben)}
	d := Decide(in)
	if d.Route != RouteCantUseIMessage {
		t.Fatalf("route %v, want can't use iMessage", d.Route)
	}
	last := d.Reasons[len(d.Reasons)-1]
	if !strings.Contains(last.Answer, "cannot ride RCS, SMS or MMS") || last.Source != SrcEmailOnlyByIMsg {
		t.Errorf("last reason %+v", last)
	}
}

// A default is not a finding: with iMessage off nothing was asked, so the
// reasons must not claim a recipient has no devices; and an RCS route must
// not be described as "texts only".
func TestIMessageOffReasonsAreHonest(t *testing.T) {
	in := online()
	in.Settings.IMessage = false
	in.RCSAvailable, in.PhoneCarrierRCS = true, true
	in.Answers = []Answer{rcs(withSource(off(ana), NotAsked))}
	d := Decide(in)
	if d.Route != RouteRCS {
		t.Fatalf("route %v, want RCS", d.Route)
	}
	for _, r := range d.Reasons {
		if strings.Contains(r.Answer, "no devices") || strings.Contains(r.Answer, "texts only") {
			t.Errorf("reason %+v states a default as a finding", r)
		}
	}
	if !strings.Contains(d.Reasons[0].Answer, "unknown") {
		t.Errorf("first reason %+v should say the answer is unknown", d.Reasons[0])
	}
}
