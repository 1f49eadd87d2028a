package main

import (
	"fmt"
	"io"
	"strings"

	"bluegreen/logview"
	"bluegreen/sim"
)

func writeLookupText(out io.Writer, r *lookupRun) error {
	t := logview.NewPrinter(out)
	w := r.world
	t.Line("Scenario %s · %s", w.Name, logview.FormatTime(w.Now()))
	t.Line("Your phone: %s (Apple ID %s) on %s, IP %s", w.Phone.Self, w.Phone.AppleID, w.Phone.Network, w.Phone.IP())
	t.Line("Design: %s — %s", w.Design(), w.Design().Summary())
	t.Line("")
	r.writeInputs(t)
	r.writeExchanges(t)
	r.writeRecipients(t)
	r.writeRoute(t)
	r.writeLog(t)
	return t.Err()
}

func (r *lookupRun) writeInputs(t *logview.Printer) {
	t.Line("1. You enter %s", sim.Plural(len(r.parsed), "recipient", "recipients"))
	for _, p := range r.parsed {
		name := ""
		if c, ok := r.world.ContactFor(p.Handle); ok {
			name = "  (" + c.Name + ")"
		}
		t.Line("   %-20s → %s%s", p.Display, p.Handle, name)
	}
	t.Line("")
}

func (r *lookupRun) writeExchanges(t *logview.Printer) {
	if len(r.result.Exchanges) == 0 {
		t.Line("2. Nothing is sent to Apple: %s", r.result.Answers[0].Source)
		t.Line("")
		return
	}
	for i, ex := range r.result.Exchanges {
		q := ex.Query
		t.Line("2. The phone asks Apple's identity service (query %d of %d) — before any message is sent", i+1, len(r.result.Exchanges))
		t.Line("   It travels inside the phone's push connection (APNs command %d, topic %s), not as a plain HTTPS call;", q.Transport.APNsCommand, q.Transport.APNsTopic)
		t.Line("   shown decoded for reading: the request as a POST line, the gzipped property-list body as JSON.")
		t.Line("   POST %s   (bag key %s)", q.URL, q.BagKey)
		for _, h := range q.Headers {
			t.Line("   %s: %s", h.Name, h.Value)
		}
		t.Line("   (assumption: x-protocol-version %s is what open-source clients send today, shown with every user agent; tokens, certificate, nonce and signature are fake)", sim.ProtocolVersion)
		t.Line("   body (%s, decoded): %s", q.BodyEncoding, bodyText(q.Body))
		if ex.Design.Relayed() {
			t.Line("   sent through the relay: it sees %s and the time; Apple sees neither the IP nor the handle", ex.ClientIP)
		}
		t.Line("")
		t.Line("3. Apple answers: status %d%s", ex.Response.Status, statusNote(ex.Response.Status))
		r.writeAnswers(t, ex)
		t.Line("")
	}
}

// bodyText is the query body as JSON (the wire carries it as a gzipped
// property list).
func bodyText(b sim.QueryBody) string {
	switch {
	case len(b.Hashes) > 0:
		return fmt.Sprintf(`{"hashes": [%s]}   (truncated SHA-256: reversible by trying every number)`, quote(b.Hashes))
	case len(b.Blinded) > 0:
		return fmt.Sprintf(`{"blinded_elements": [%s]}   (OPRF, RFC 9497: random-looking, new every time)`, quote(b.Blinded))
	}
	return fmt.Sprintf(`{"uris": [%s]}`, quoteHandles(b.URIs))
}

func quote(items []string) string {
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = `"` + it + `"`
	}
	return strings.Join(q, ", ")
}

// writeAnswers says what the phone learnt for each handle it asked about.
func (r *lookupRun) writeAnswers(t *logview.Printer, ex sim.Exchange) {
	for i, h := range ex.Handles() {
		switch {
		case ex.Response.Status != sim.StatusOK:
		case ex.Design.Oblivious():
			t.Line("   %-28s evaluated element %s", h, ex.Response.Evaluated[i])
			t.Line("   %-28s unblinded on the phone → %s → %s in the published set", "", ex.Opened[h].Tag, devices(ex.Opened[h].Devices))
		default:
			t.Line("   %-28s %s", h, devices(ex.Devices(h)))
		}
	}
	if len(ex.KeyFetch) > 0 {
		t.Line("   then, through the relay, the phone fetches the keys of %s by OPRF output: %s", sim.Plural(len(ex.KeyFetch), "match", "matches"), strings.Join(ex.KeyFetch, ", "))
	}
}

func statusNote(status int) string {
	if status == sim.StatusRateLimit {
		return " (rate limited: the simulated phone treats every handle as not on iMessage — an assumption)"
	}
	return " (success)"
}

func quoteHandles(hs []sim.Handle) string {
	q := make([]string, len(hs))
	for i, h := range hs {
		q[i] = `"` + string(h) + `"`
	}
	return strings.Join(q, ", ")
}

func devices(n int) string {
	if n == 0 {
		return "no identities: not on iMessage"
	}
	return sim.Plural(n, "device", "devices") + " on iMessage"
}

func (r *lookupRun) writeRecipients(t *logview.Printer) {
	t.Line("4. What the To: field shows")
	for _, rec := range r.recipients() {
		t.Line("   %-24s %-22s %-8s %s (%s)", "["+rec.Label+"]", rec.Handle, rec.Contact, rec.Colour, rec.Answer)
	}
	t.Line("")
}

func (r *lookupRun) writeRoute(t *logview.Printer) {
	d := r.route
	t.Line("5. Route: %s — %s", d.Label, d.Colour())
	for i, reason := range d.Reasons {
		t.Line("   %d. %s → %s   [%s]", i+1, reason.Check, reason.Answer, reason.Source)
	}
	if len(d.Offers) > 0 {
		t.Line("   offers: %s", strings.Join(d.Offers, " · "))
	}
	t.Line("")
}

func (r *lookupRun) writeLog(t *logview.Printer) {
	ret := r.world.Server.Retention()
	t.Line("6. Apple's server log now holds %s (every account's lookups; police receive only a return under a court order):", sim.Plural(len(r.log), "row", "rows"))
	t.Table(r.log, "   ")
	t.Line("   %s Apple keeps these rows %s (%s preset) — whether or not you ever send a message.", logview.Disclaimer, ret.Phrase(), ret.Name)
	t.Line("   [%s; %s]", sim.SrcIntercept, sim.RetentionSource(ret))
	r.writeRelayLog(t)
}

// writeRelayLog shows the relay's own log beside Apple's.
func (r *lookupRun) writeRelayLog(t *logview.Printer) {
	if r.world.Relay == nil {
		return
	}
	entries := r.world.Relay.Entries()
	t.Line("")
	t.Line("7. The relay's log holds %s — the IP and time, but no handle and no account:", sim.Plural(len(entries), "row", "rows"))
	t.Line("   %-21s %-15s %s", "Date/Time (UTC)", "Client IP", "Bytes forwarded (sealed)")
	for _, e := range entries {
		t.Line("   %-21s %-15s %d", e.Time.UTC().Format(logview.TimeLayout), sim.Printable(e.ClientIP), e.Bytes)
	}
}
