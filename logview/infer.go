package logview

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"bluegreen/sim"
)

// HandleCount is how often one counterpart appears in a return.
type HandleCount struct {
	Handle sim.Handle `json:"handle"`
	Count  int        `json:"count"`
	First  time.Time  `json:"first_seen"`
	Last   time.Time  `json:"last_seen"`
}

// PlaceCount is how many rows came from one simulated place.
type PlaceCount struct {
	Place
	IPs   []string `json:"ips"`
	Count int      `json:"count"`
}

// Inference is what police can read out of a return without any message
// content: whom, how often, from where and when (FACTS.md §1: an IP address
// can reveal location).
type Inference struct {
	Headline string `json:"headline"`
	Lookups  int    `json:"lookups"`
	// Counterparts are the other party of each row: the handles the target
	// looked up (pen register) or the accounts that looked the target up
	// (trap and trace), most frequent first.
	Counterparts []HandleCount `json:"counterparts"`
	Places       []PlaceCount  `json:"places"`
	PlacesNote   string        `json:"places_note"`
	ByHourUTC    [24]int       `json:"lookups_by_hour_utc"`
	First        time.Time     `json:"first_seen"`
	Last         time.Time     `json:"last_seen"`
}

// Sider is what Infer reads the rows by: the side of the log the target
// is on. An Order knows its side (a stored-records order names it); an
// OrderKind alone implies it for a pen register or trap and trace.
type Sider interface{ side() Side }

func (o Order) side() Side     { return o.Side() }
func (k OrderKind) side() Side { return Order{Kind: k}.Side() }

// Infer reads a return's rows the way an analyst would.
func Infer(by Sider, rows []sim.LogEntry, places *Places) Inference {
	kind := by.side()
	inf := Inference{Lookups: len(rows), PlacesNote: PlacesNote, Counterparts: []HandleCount{}, Places: []PlaceCount{}}
	if len(rows) == 0 {
		inf.Headline = "Nothing to infer: the return holds no rows."
		return inf
	}
	inf.First, inf.Last = rows[0].Time.UTC(), rows[0].Time.UTC()
	for _, e := range rows {
		inf.First, inf.Last = minTime(inf.First, e.Time.UTC()), maxTime(inf.Last, e.Time.UTC())
		inf.ByHourUTC[e.Time.UTC().Hour()]++
	}
	inf.Counterparts = countHandles(kind, rows)
	inf.Places = countPlaces(rows, places)
	inf.Headline = headline(kind, inf)
	return inf
}

func countHandles(kind Side, rows []sim.LogEntry) []HandleCount {
	index := map[sim.Handle]int{}
	var out []HandleCount
	for _, e := range rows {
		h, t := kind.counterpart(e), e.Time.UTC()
		i, ok := index[h]
		if !ok {
			i, index[h] = len(out), len(out)
			out = append(out, HandleCount{Handle: h, First: t, Last: t})
		}
		c := &out[i]
		c.Count++
		c.First, c.Last = minTime(c.First, t), maxTime(c.Last, t)
	}
	slices.SortStableFunc(out, func(a, b HandleCount) int {
		return cmp.Or(b.Count-a.Count, a.First.Compare(b.First), cmp.Compare(a.Handle, b.Handle))
	})
	return out
}

func countPlaces(rows []sim.LogEntry, places *Places) []PlaceCount {
	index := map[Place]int{}
	var out []PlaceCount
	for _, e := range rows {
		p := places.Lookup(e.ClientIP)
		i, ok := index[p]
		if !ok {
			i, index[p] = len(out), len(out)
			out = append(out, PlaceCount{Place: p})
		}
		out[i].Count++
		if !slices.Contains(out[i].IPs, e.ClientIP) {
			out[i].IPs = append(out[i].IPs, e.ClientIP)
		}
	}
	slices.SortStableFunc(out, func(a, b PlaceCount) int { return b.Count - a.Count })
	return out
}

// headline is the one line an analyst would write, such as "14 lookups of
// 6 numbers from 3 places (simulated) over 30 days".
func headline(kind Side, inf Inference) string {
	where := sim.Plural(len(inf.Places), "place", "places") + " (simulated)"
	if kind == AsLookup {
		return fmt.Sprintf("%s of the target by %s from %s %s", sim.Plural(inf.Lookups, "lookup", "lookups"),
			sim.Plural(len(inf.Counterparts), "account", "accounts"), where, span(inf.Last.Sub(inf.First)))
	}
	return fmt.Sprintf("%s of %s from %s %s", sim.Plural(inf.Lookups, "lookup", "lookups"),
		handleNoun(inf.Counterparts), where, span(inf.Last.Sub(inf.First)))
}

// handleNoun counts handles as numbers, addresses, or both — and, under
// the comparison designs, what police hold instead of a handle.
func handleNoun(hs []HandleCount) string {
	var phones, emails int
	for _, h := range hs {
		switch {
		case h.Handle.IsPhone():
			phones++
		case h.Handle.IsEmail():
			emails++
		}
	}
	if other := len(hs) - phones - emails; other > 0 {
		return sim.Plural(len(hs), "lookup value", "lookup values") +
			fmt.Sprintf(" (%d in the clear; %d hashed, an OPRF output or not learnt)", phones+emails, other)
	}
	switch phones {
	case len(hs):
		return sim.Plural(len(hs), "number", "numbers")
	case 0:
		return sim.Plural(len(hs), "address", "addresses")
	}
	return sim.Plural(len(hs), "handle", "handles") + fmt.Sprintf(" (%s, %s)", sim.Plural(phones, "number", "numbers"),
		sim.Plural(emails, "address", "addresses"))
}

// span is how long the rows stretch over, in words.
func span(d time.Duration) string {
	switch {
	case d == 0:
		return "at a single moment"
	case d < time.Hour:
		return "within an hour"
	case d < day:
		return "over " + sim.Plural(int(math.Ceil(d.Hours())), "hour", "hours")
	}
	return "over " + sim.Plural(int(math.Ceil(d.Hours()/24)), "day", "days")
}
