package phonepane

import (
	"bluegreen/sim"
	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
)

// ApplyTyped takes the answer to LookupTypedMsg seq, unless the text has
// changed since.
func (p *Model) ApplyTyped(seq uint64, answers []common.AnswerView) {
	if seq != p.typed.seq {
		return
	}
	p.typed.pending = false
	if len(answers) > 0 {
		a := answers[0]
		p.typed.answer = &a
	}
}

// ApplyConfirmed colours the lozenge ConfirmMsg seq asked about, or drops
// it when the lookup failed.
func (p *Model) ApplyConfirmed(seq uint64, err error, answers []common.AnswerView) {
	for i := range p.recipients {
		r := &p.recipients[i]
		if r.seq != seq {
			continue
		}
		if err != nil {
			p.recipients = append(p.recipients[:i], p.recipients[i+1:]...)
			return
		}
		r.Pending = false
		if len(answers) > 0 {
			r.Colour, r.Label = answers[0].Colour, answers[0].Label
		}
		return
	}
}

// ApplySent puts a sent message (thread position index) in the thread, or
// replaces the bubble it re-sent, and recolours the recipients.
func (p *Model) ApplySent(index int, m sim.SentMessage, answers []common.AnswerView) {
	b := Bubble{Index: index, Text: m.Text, To: m.To, Decision: m.Decision}
	for i := range p.thread {
		if p.thread[i].Index == index {
			p.thread[i] = b
			return
		}
	}
	p.thread = append(p.thread, b)
	for i := range p.recipients {
		for _, a := range answers {
			if a.Answer.Handle == p.recipients[i].Handle {
				p.recipients[i].Colour, p.recipients[i].Label, p.recipients[i].Pending = a.Colour, a.Label, false
			}
		}
	}
}

// Recheck asks again about every lozenge, in order: when iMessage comes
// back on, colours decided while it was off are stale.
func (p *Model) Recheck() tea.Cmd {
	var cmds []tea.Cmd
	for i := range p.recipients {
		r := &p.recipients[i]
		r.seq, r.Pending = p.nextSeq(), true
		cmds = append(cmds, ask(ConfirmMsg{Seq: r.seq, Handle: r.Handle}))
	}
	return tea.Sequence(cmds...)
}

// LastBubble is the newest message in the thread.
func (p Model) LastBubble() (Bubble, bool) {
	if len(p.thread) == 0 {
		return Bubble{}, false
	}
	return p.thread[len(p.thread)-1], true
}

// LastRed is the newest red bubble, which Try Again / Send as Text act on.
func (p Model) LastRed() (Bubble, bool) {
	for i := len(p.thread) - 1; i >= 0; i-- {
		if p.thread[i].Decision.Route == sim.RouteNotDelivered {
			return p.thread[i], true
		}
	}
	return Bubble{}, false
}

// Thread is the sent messages, oldest first.
func (p Model) Thread() []Bubble { return p.thread }

// Lozenges are the confirmed recipients as the To: field shows them.
func (p Model) Lozenges() []Recipient { return p.recipients }

// BodyText is the message field's text.
func (p Model) BodyText() string { return p.body.Value() }
