package sim

import (
	"context"
	"time"
)

// TriggerEnumerate marks lookups made by a script walking the numbering
// space through one account, to learn who is on iMessage.
const TriggerEnumerate Trigger = "Enumeration: scripted lookups through one account"

// EnumerationResult is what walking a list of handles through Apple's
// lookup learnt before it stopped.
type EnumerationResult struct {
	Design     Design
	Tried      int       // handles the script set out to ask about
	Learnt     int       // handles whose answer came back before the limit
	Registered []Handle  // the learnt handles that are on iMessage
	Limited    bool      // the rate limit stopped it
	LimitedAt  time.Time // when it did
}

// Enumerate asks Apple about every handle, in batches as a client would,
// bypassing the phone's cache, until the rate limit refuses a batch. Under
// the private designs Apple never learns the handles — yet the script does:
// only the rate limit stands between it and the whole space (FACTS.md §7).
func (w *World) Enumerate(ctx context.Context, handles []Handle) (EnumerationResult, error) {
	res := EnumerationResult{Design: w.Design(), Tried: len(handles)}
	for _, batch := range SplitBatches(unique(handles)) {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		ex, err := w.ask(ctx, batch, TriggerEnumerate)
		if err != nil {
			return res, err
		}
		if ex.Response.Status == StatusRateLimit {
			res.Limited, res.LimitedAt = true, ex.At
			return res, nil
		}
		for _, h := range batch {
			res.Learnt++
			if ex.devices(h) > 0 {
				res.Registered = append(res.Registered, h)
			}
		}
	}
	return res, nil
}
