package logview

import (
	"fmt"
	"io"
	"strings"

	"bluegreen/sim"
)

// Labels of the header, padded to one width.
const labelWidth = 12

func (p *Printer) field(label, format string, args ...any) {
	if label != "" {
		label += ":"
	}
	p.Line("%-*s %s", labelWidth, label, fmt.Sprintf(format, args...))
}

func (r *Report) writeText(w io.Writer) error {
	if err := r.WriteReturnText(w); err != nil {
		return err
	}
	p := NewPrinter(w)
	p.Line("")
	writeTruth(p, r.Truth)
	return p.err
}

// WriteReturnText prints what police receive and what they can infer from
// it — the text format without the educators' ground truth, for screens
// that show the truth apart (or not at all).
func (r *Report) WriteReturnText(w io.Writer) error {
	p := NewPrinter(w)
	ret := r.Return
	r.writeHeader(p)
	for i, prod := range ret.Productions {
		p.Line("")
		writeProduction(p, ret, prod, i+1)
	}
	if len(ret.Productions) > 1 {
		p.Line("")
		writeSeries(p, ret)
	}
	p.Line("")
	writeInference(p, r.Return.Order.Side(), r.Inference)
	return p.err
}

func (r *Report) writeHeader(p *Printer) {
	ret := r.Return
	o := ret.Order
	p.Line("RETURN ON A %s — APPLE IDENTITY-LOOKUP (iMessage capability query) LOG — simulated", strings.ToUpper(orderNoun(o.Kind)))
	caseNo := sim.Printable(o.Case)
	if caseNo == "" {
		caseNo = "(none given)"
	}
	p.field("Case", "%s", caseNo)
	p.field("Target", "%s", sim.Printable(string(o.Target)))
	p.field("Order", "%s — %s", o.Kind.Title(), o.Describe())
	p.field("Legal basis", "%s", o.Kind.LegalBasis())
	p.field("Standard", "%s", o.Kind.Standard())
	p.field("Entered", "%s", FormatTime(o.EnteredAt()))
	p.field("Period", "%s", o.PeriodText())
	if note := o.StatuteNote(); note != "" {
		p.field("", "! %s", note)
	}
	p.field("Reach", "%s", reachText(o, ret.Retention))
	p.field("Productions", "%s", productionDates(ret))
	p.field("Records", "%d", len(ret.Rows()))
	p.field("Retention", "%s: each production holds only rows from the %d days before it.", RetentionRule(ret.Retention), ret.Retention.Days())
	p.Line("Simulator rule (assumption): how Apple really answers these orders for this log is not public; here %s", ruleText(o))
	p.Line("%s", ColumnsNote)
	p.Line("[%s; %s; %s]", sim.SrcPoliceTable, sim.RetentionSource(ret.Retention), o.Kind.LegalBasis())
}

// orderNoun is the kind as the header's noun phrase.
func orderNoun(k OrderKind) string {
	if k == StoredRecords {
		return "stored-records order (§2703(d))"
	}
	return k.Title() + " order"
}

// reachText says which rows the order can reach at all.
func reachText(o Order, r sim.Retention) string {
	if o.Kind.Forward() {
		return "forward only, from the order's entry; rows logged before it are stored records, reachable only with a §2703(d) order"
	}
	return fmt.Sprintf("back over what Apple still retains on each production date (%s), rows logged before and after the order alike", r.Phrase())
}

// ruleText is the simulator's production rule for the order's kind.
func ruleText(o Order) string {
	if o.Kind.Forward() {
		return "each production holds the target's rows logged since the order was entered, within its period, that Apple still retains on the production date."
	}
	return "each production holds the target's rows Apple still retains on the production date."
}

func productionDates(ret *Return) string {
	dates := make([]string, len(ret.Productions))
	for i, prod := range ret.Productions {
		dates[i] = FormatTime(prod.Produced)
	}
	return strings.Join(dates, "; ")
}

func writeProduction(p *Printer, ret *Return, prod Production, n int) {
	p.Line("Production %d of %d — produced %s — %s", n, len(ret.Productions), FormatTime(prod.Produced),
		sim.Plural(len(prod.Rows), "record", "records"))
	p.Line("%s", Disclaimer)
	if len(prod.Rows) > 0 {
		p.Line("")
		p.Table(prod.Rows, "   ")
	}
	for _, note := range prod.Notes(ret) {
		p.Line("   %s", note)
	}
}

// writeSeries says how the productions string together.
func writeSeries(p *Printer, ret *Return) {
	p.Line("Across %d productions police hold %s.", len(ret.Productions), sim.Plural(len(ret.Rows()), "distinct row", "distinct rows"))
	lost := ret.Lost()
	if len(lost) == 0 {
		p.Line("They string together without a gap, up to the last production.")
		return
	}
	p.Line("Gaps — never produced, because the rows expired before any production asked for them:")
	for _, w := range lost {
		p.Line("   %s", w)
	}
}

func writeInference(p *Printer, side Side, inf Inference) {
	p.Line("WHAT POLICE CAN INFER")
	p.Line("Headline: %s", inf.Headline)
	if inf.Lookups == 0 {
		return
	}
	who := "Looked up by the target"
	if side == AsLookup {
		who = "Accounts that looked the target up"
	}
	p.Line("%s:", who)
	for _, c := range inf.Counterparts {
		p.Line("   %-28s %3d×   first %s   last %s", sim.Printable(string(c.Handle)), c.Count, FormatTime(c.First), FormatTime(c.Last))
	}
	p.Line("Places (%s):", PlacesNote)
	for _, pl := range inf.Places {
		p.Line("   %3d×  %s — %s   [%s]", pl.Count, pl.Name, pl.Network, sim.Printable(strings.Join(pl.IPs, ", ")))
	}
	p.Line("Distinct places: %d", len(inf.Places))
	p.Line("Lookups by hour of day (UTC): %s", hours(inf.ByHourUTC))
	p.Line("[%s; places: simulated, coarse on purpose]", sim.SrcIntercept)
}

func hours(byHour [24]int) string {
	var parts []string
	for h, n := range byHour {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%02d h: %d", h, n))
		}
	}
	return strings.Join(parts, ", ")
}

func writeTruth(p *Printer, g GroundTruth) {
	p.Line("FOR EDUCATORS — simulator ground truth, never part of what police receive")
	p.Line("%s", g.Sentence())
	for _, t := range g.ByTrigger {
		p.Line("   %3d×  %s", t.Count, sim.Printable(t.Trigger))
	}
}

func (s LogSnapshot) writeText(w io.Writer) error {
	p := NewPrinter(w)
	p.Line("APPLE'S SERVER LOG — identity lookups of every account (simulated); not what police receive: only a return is")
	p.field("Clock", "%s (the latest time Apple's simulated server has seen)", FormatTime(s.Clock))
	p.field("Retention", "%s (%s preset; %s): rows before %s have been purged", s.Retention.Phrase(), s.Retention.Name, sim.RetentionSource(s.Retention), FormatTime(s.KeptFrom()))
	p.field("Rows", "%d", len(s.Rows))
	p.Line("%s", Disclaimer)
	if len(s.Rows) > 0 {
		p.Line("")
		p.Table(s.Rows, "   ")
	}
	p.Line("%s", ColumnsNote)
	p.Line("[%s; %s]", sim.SrcPoliceTable, sim.RetentionSource(s.Retention))
	return p.err
}
