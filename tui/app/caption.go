package app

import (
	"errors"
	"fmt"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/phonepane"
)

// below is what the screen says under the panes: the first run's
// checklist, then the caption.
type below struct {
	guide   checklist
	caption caption
}

// caption is the line under the panes that says what just happened and
// why it matters, with the source it rests on.
type caption struct {
	Text   string
	Source string
	// asksQuit: the caption asks "Quit?" (q with an in-memory log holding
	// rows): the next q quits, any other key stays.
	asksQuit bool
}

// captionLines is the caption wrapped to w at word boundaries, never
// inside a date or a statute citation; the source follows the text, or
// starts a line of its own when it would not fit whole after it.
func (m Model) captionLines(w int) []string {
	s, c := m.com.Styles, m.below.caption
	var guide []string
	if m.showsChecklist() && w > 0 {
		guide = m.below.guide.lines(s, w)
	}
	if w <= 0 || c.Text == "" && c.Source == "" {
		return guide
	}
	return append(guide, m.captionText(w)...)
}

// captionText is the caption's own lines (below the checklist).
func (m Model) captionText(w int) []string { return captionText(m.com.Styles, m.below.caption, w) }

// captionText is c wrapped to w, its source after it.
func captionText(s common.Styles, c caption, w int) []string {
	lines := common.WrapWords(c.Text, w)
	if c.Source == "" {
		return common.StyleAll(s.Caption, lines)
	}
	src := common.WrapWords("["+c.Source+"]", w)
	out := common.StyleAll(s.Caption, lines)
	if last := len(lines) - 1; len(src) == 1 && last >= 0 && common.CellWidth(lines[last])+1+common.CellWidth(src[0]) <= w {
		out[last] += " " + s.Source.Render(src[0])
		return out
	}
	return append(out, common.StyleAll(s.Source, src)...)
}

func welcomeCaption(snap common.Snapshot) caption {
	when := map[sim.TriggerPolicy]string{
		sim.AsYouType: "as soon as it is complete",
		sim.OnCommit:  "when you confirm it",
		sim.OnSend:    "when you send",
	}[snap.Policy]
	return caption{
		Text:   fmt.Sprintf("Type a number in the To: field. Here the phone asks Apple if it is on iMessage %s (real timing uncertain); Apple logs each question and keeps it %s.", when, snap.Retention.Phrase()),
		Source: retentionCited(snap.Retention),
	}
}

// retentionCited is The Intercept, with Apple's current guidelines when the
// figure shown is today's.
func retentionCited(r sim.Retention) string {
	if r.Name == sim.PresetToday {
		return sim.SrcIntercept + "; " + sim.RetentionSource(r)
	}
	return sim.SrcIntercept
}

func lookupCaption(msg lookupMsg) caption {
	if msg.Err != nil {
		return caption{Text: "Could not look that up: " + sim.Printable(msg.Err.Error()), Source: ""}
	}
	if len(msg.Answers) == 0 {
		return caption{}
	}
	a := msg.Answers[0]
	switch {
	case a.Answer.Source == sim.RateLimited:
		return caption{Text: fmt.Sprintf("Apple refused the lookup (status 7000, rate limited), so the phone shows %s as not on iMessage: a false green (assumption, as is that nothing was logged).", a.Answer.Handle.Address()), Source: sim.SrcWire}
	case !msg.sentQuery() && a.Answer.Source == sim.FromCache:
		return caption{Text: fmt.Sprintf("%s came from the phone's cache: nothing was sent to Apple, so no new row in its log.", a.Answer.Handle.Address()), Source: sim.SrcCache}
	case !msg.sentQuery():
		return caption{Text: fmt.Sprintf("Nothing sent to Apple for %s: %s.", a.Answer.Handle.Address(), a.Answer.Source), Source: sim.SrcAssumption}
	case msg.Snap.Design != sim.DesignApple && msg.Snap.Design != "":
		return designLookupCaption(msg, a)
	case msg.Purpose == lookupTyped:
		ex := msg.Result.Exchanges[0]
		return caption{Text: fmt.Sprintf("You have not sent anything, yet in this simulation (lookups as you type) Apple has logged that %s looked up %s from %s at %s UTC.", msg.Snap.Self.Address(), a.Answer.Handle.Address(), ex.ClientIP, ex.At.UTC().Format("15:04")), Source: sim.SrcIntercept}
	default:
		return caption{Text: fmt.Sprintf("Apple logged the lookup of %s: %s → %s %s.", a.Answer.Handle.Address(), phonepane.AnswerNote(a.Answer), common.Glyph(a.Colour, a.Label), a.Label), Source: sim.SrcPoliceTable}
	}
}

func sentCaption(msg sentMsg) caption {
	if msg.Err != nil {
		return caption{Text: "Not sent: " + sim.Printable(msg.Err.Error())}
	}
	d := msg.Result.Message.Decision
	switch {
	case len(d.NeverArrives) > 0:
		return caption{Text: fmt.Sprintf("Blue, but %s left iPhone without deregistering: the message will never arrive.", d.NeverArrives[0].Address()), Source: sim.SrcStale}
	case d.Route == sim.RouteIMessage:
		return caption{Text: "Sent as iMessage: end-to-end encrypted in transit (an iCloud Backup can still hold it under Apple's keys). Apple's lookup log holds who you looked up, when and from where.", Source: sim.SrcColours}
	case d.Route == sim.RouteNotDelivered && len(d.Offers) > 1:
		return caption{Text: "Not Delivered: iMessage needs data and Send as SMS is off. Try Again (alt+r) or Send as Text Message (alt+x).", Source: sim.SrcFallback}
	case d.Route == sim.RouteNotDelivered:
		return caption{Text: "Not Delivered: iMessage needs data, and an email address cannot get a text message instead. Try Again (alt+r) once online.", Source: sim.SrcFallback}
	case d.Route == sim.RouteCantUseIMessage && emailInGreenGroup(d):
		return caption{Text: "Not sent: an email address is reachable only by iMessage, and a member is not on iMessage — RCS and SMS carry phone numbers only, so this group has no route.", Source: sim.SrcEmailOnlyByIMsg}
	case d.Route == sim.RouteCantUseIMessage:
		return caption{Text: "iMessage can't be used: an email address can get only iMessages, and this one cannot get one now.", Source: sim.SrcEmailRed}
	case d.Route == sim.RouteRCS:
		return caption{Text: "Sent over RCS: green, not end-to-end encrypted.", Source: sim.SrcRCS}
	default:
		return caption{Text: fmt.Sprintf("%s: green, not end-to-end encrypted — carried by the mobile network.", d.Label), Source: sim.SrcColours}
	}
}

// clockErrorCaption says why the clock stopped: past the supported dates,
// or at the bound on other accounts' lookups one step may log.
func clockErrorCaption(msg stateMsg) caption {
	var capped *sim.ScheduleCapError
	if errors.As(msg.Err, &capped) {
		return caption{Text: fmt.Sprintf("Clock now %s UTC. Other accounts' scheduled lookups were capped at %d for this step: %s skipped (advance in smaller steps to see them all).",
			msg.Snap.Now.UTC().Format("2006-01-02 15:04"), capped.Logged, sim.Plural(capped.Skipped, "lookup", "lookups"))}
	}
	return caption{Text: "The clock did not move: " + sim.Printable(msg.Err.Error())}
}

// emailInGreenGroup reports the decision that refused a group holding an
// email address and a member not on iMessage.
func emailInGreenGroup(d sim.Decision) bool {
	for _, r := range d.Reasons {
		if r.Source == sim.SrcEmailOnlyByIMsg {
			return true
		}
	}
	return false
}

func stateCaption(msg stateMsg) caption {
	s := msg.Snap
	switch msg.What {
	case changedIMessage:
		if s.Settings.IMessage {
			return caption{Text: "iMessage on: the phone asks Apple about every new recipient again.", Source: sim.SrcAssumption}
		}
		return caption{Text: "iMessage off: the phone stops asking Apple (no lookups, no log rows — an assumption); messages to numbers go green, and an email address cannot be reached at all.", Source: sim.SrcAssumption}
	case changedSendAsSMS:
		return caption{Text: "Send as SMS " + phonepane.OnOff(s.Settings.SendAsSMS) + ": decides whether an iMessage that cannot be delivered is re-sent as a text.", Source: sim.SrcFallback}
	case changedNetwork:
		if s.IP == "" {
			return caption{Text: "No data: iMessage cannot be delivered (Send as SMS decides what happens). The simulator assumes the phone then uses cached answers and asks Apple nothing.", Source: sim.SrcFallback}
		}
		if s.Network == sim.Cellular {
			return caption{Text: fmt.Sprintf("Now on cellular: lookups reach Apple from %s, a carrier gateway shared by many customers — the IP changed although you did not move.", s.IP), Source: sim.SrcIntercept}
		}
		return caption{Text: fmt.Sprintf("Now on %s: lookups reach Apple from %s — roughly where you are (a city, a provider); naming the home takes the ISP's records.", s.Network, s.IP), Source: sim.SrcIntercept}
	case changedCache:
		return caption{Text: "Phone cache cleared: the next lookup of any number goes to Apple, and is logged.", Source: sim.SrcCache}
	case changedDesign:
		return designCaption(msg)
	case changedClock:
		if msg.Err != nil {
			return clockErrorCaption(msg)
		}
		return caption{Text: fmt.Sprintf("Clock now %s UTC. Rows older than %s (Apple's retention) are gone from Apple: %s purged.", s.Now.UTC().Format("2006-01-02 15:04"), s.Retention.Phrase(), sim.Plural(msg.Purged, "row", "rows")), Source: sim.RetentionSource(s.Retention)}
	}
	return caption{}
}

// clockSteps are the advance-the-clock amounts.
func clockStep(k int) time.Duration {
	return [...]time.Duration{time.Hour, 24 * time.Hour, 7 * 24 * time.Hour}[k]
}
