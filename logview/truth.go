package logview

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"bluegreen/sim"
)

// TriggerCount is how many returned rows one app action caused.
type TriggerCount struct {
	Trigger string `json:"trigger"` // "App: action"
	Count   int    `json:"count"`
}

// GroundTruth is what only the simulator knows about the returned rows —
// shown to educators beside a return, never inside it: how many lookups
// were never followed by a message (FACTS.md §1).
type GroundTruth struct {
	Returned      int            `json:"returned_rows"`
	NeverMessaged int            `json:"never_messaged"`
	Messaged      int            `json:"messaged"`
	Unrecorded    int            `json:"unrecorded"` // rows with no truth kept
	ByTrigger     []TriggerCount `json:"by_trigger"`
}

// Truth looks up the ground truth of rows in the store.
func Truth(ctx context.Context, store sim.LogStore, rows []sim.LogEntry) (GroundTruth, error) {
	ids := make([]int64, len(rows))
	for i, e := range rows {
		ids[i] = e.ID
	}
	truths, err := store.Truths(ctx, ids)
	if err != nil {
		return GroundTruth{}, fmt.Errorf("reading the simulator's ground truth: %w", err)
	}
	return TruthOf(rows, truths), nil
}

// TruthOf counts the ground truth of rows from truths already read (by row
// ID) — for a caller that keeps the truth of rows Apple has since purged.
func TruthOf(rows []sim.LogEntry, truths map[int64]sim.Truth) GroundTruth {
	g := GroundTruth{Returned: len(rows), ByTrigger: []TriggerCount{}}
	triggers := map[string]int{}
	for _, e := range rows {
		t, ok := truths[e.ID]
		switch {
		case !ok:
			g.Unrecorded++
			continue
		case t.Messaged:
			g.Messaged++
		default:
			g.NeverMessaged++
		}
		triggers[t.App+": "+t.Action]++
	}
	for trigger, n := range triggers {
		g.ByTrigger = append(g.ByTrigger, TriggerCount{Trigger: trigger, Count: n})
	}
	slices.SortFunc(g.ByTrigger, func(a, b TriggerCount) int {
		return cmp.Or(b.Count-a.Count, cmp.Compare(a.Trigger, b.Trigger))
	})
	return g
}

// Sentence is the ground truth in one line.
func (g GroundTruth) Sentence() string {
	if g.Returned == 0 {
		return "The return holds no rows."
	}
	s := fmt.Sprintf("%d of %d returned rows never led to a message", g.NeverMessaged, g.Returned)
	if g.Unrecorded > 0 {
		s += fmt.Sprintf(" (%d without recorded truth)", g.Unrecorded)
	}
	return s + ": a lookup shows a number was entered, not that anyone communicated."
}
