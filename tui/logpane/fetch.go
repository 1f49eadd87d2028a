package logpane

import (
	"context"

	"bluegreen/sim"

	tea "charm.land/bubbletea/v2"
)

// RowsMsg carries the rows of one fetch.
type RowsMsg struct {
	Fetch    uint64
	Total    int
	Distinct int
	Offset   int
	Rows     []sim.LogEntry
	Err      error
}

// Fetch asks the store for the rows that fit, off the UI goroutine.
func (p *Model) Fetch() tea.Cmd {
	h := p.height
	p.fetches++
	fetchID, store, offset, follow, limit := p.fetches, p.store, p.offset, p.follow, VisibleRows(h)
	filter := p.filter.LogFilter(p.com.Snap.Self)
	return func() tea.Msg {
		return readLog(context.Background(), store, fetchID, offset, limit, follow, filter)
	}
}

// readLog reads the rows that fit through filter, and the counts: kept by
// the store for the whole log, counted by the store's query for a filter.
func readLog(ctx context.Context, store sim.LogStore, fetchID uint64, offset, limit int, follow bool, filter sim.LogFilter) RowsMsg {
	msg := RowsMsg{Fetch: fetchID}
	if filter == (sim.LogFilter{}) {
		msg.Total, msg.Distinct, msg.Err = logStats(ctx, store)
	} else {
		msg.Total, msg.Err = store.Count(ctx, filter)
		msg.Distinct = -1
	}
	if msg.Err != nil {
		return msg
	}
	if follow || offset > msg.Total-limit {
		offset = msg.Total - limit
	}
	msg.Offset = max(offset, 0)
	filter.Offset, filter.Limit = msg.Offset, limit
	msg.Rows, msg.Err = store.Entries(ctx, filter)
	return msg
}

// logStats counts rows and distinct lookup handles (numbers and
// addresses), cheaply when the store can.
func logStats(ctx context.Context, store sim.LogStore) (rows, distinct int, err error) {
	if s, ok := store.(sim.LogStats); ok {
		return s.Stats(ctx)
	}
	all, err := store.Entries(ctx, sim.LogFilter{})
	if err != nil {
		return 0, 0, err
	}
	seen := map[sim.Handle]bool{}
	for _, e := range all {
		seen[e.LookupHandle] = true
	}
	return len(all), len(seen), nil
}

// apply takes in a fetch's rows unless a newer fetch was asked for.
func (p *Model) apply(msg RowsMsg) {
	if msg.Fetch != p.fetches {
		return
	}
	p.err = msg.Err
	if msg.Err != nil {
		return
	}
	p.counting = false
	p.total, p.distinct, p.offset, p.rows = msg.Total, msg.Distinct, msg.Offset, msg.Rows
	for _, r := range msg.Rows {
		p.maxID = max(p.maxID, r.ID)
	}
	if !p.primed {
		p.primed, p.landed = true, p.maxID
	}
	p.layout()
}
