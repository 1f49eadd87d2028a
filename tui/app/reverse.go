package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/discovery"
	"bluegreen/tui/common"
	"bluegreen/tui/overlay"

	tea "charm.land/bubbletea/v2"
)

// reverseView is a reversal in progress or done.
type reverseView struct {
	hashes  int
	space   string
	done    int64
	total   int64
	results []discovery.ReverseResult
	err     error
}

// reverseProgressMsg reports how far a reversal has got; next waits for
// the one after.
type reverseProgressMsg struct {
	Run         int
	Space       string
	Done, Total int64
	next        <-chan tea.Msg
}

// reverseDoneMsg ends a reversal.
type reverseDoneMsg struct {
	Run     int
	Results []discovery.ReverseResult
	Err     error
}

// startReverse enumerates the 555-01xx block, then the whole area code,
// against the hashes in Apple's log, reporting progress as it goes. It
// reads only the log store, which is safe beside the engine.
func (m *Model) startReverse() tea.Cmd {
	m.designs.runs++
	run, store, area := m.designs.runs, m.engine.store, discovery.AreaCode(m.com.Snap.Self)
	if area == "" {
		area = "415"
	}
	m.designs.reverse, m.designs.enumeration = &reverseView{space: "555-01xx"}, nil
	m.openOverlay(overlay.Open(m.com, overlay.Reverse, "Reverse the hashes — trying every number", m.reverseLines()))
	spaces := []discovery.Space{discovery.BlockSpace(area), discovery.AreaCodeSpace(area)}
	if m.designs.spaces != nil {
		spaces = m.designs.spaces(area)
	}
	return func() tea.Msg {
		ch := make(chan tea.Msg, 16)
		go reverseInto(ch, run, store, spaces)
		return <-ch
	}
}

func waitFor(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg { return <-ch }
}

// reverseInto runs the reversal, sending progress (dropped when the screen
// is behind) and then the result on ch.
func reverseInto(ch chan tea.Msg, run int, store sim.LogStore, spaces []discovery.Space) {
	ctx := context.Background()
	targets, err := loggedHashes(ctx, store)
	if err != nil || len(targets) == 0 {
		ch <- reverseDoneMsg{Run: run, Err: err}
		return
	}
	var results []discovery.ReverseResult
	for _, sp := range spaces {
		progress := func(done, total int64) {
			select {
			case ch <- reverseProgressMsg{Run: run, Space: sp.Name, Done: done, Total: total, next: ch}:
			default:
			}
		}
		// Both passes seek every hash: the block at once, then the area code,
		// whose 10^7 numbers give a rate worth extrapolating from.
		res, err := discovery.Reverse(ctx, targets, sp, 0, progress)
		results = append(results, res)
		if err != nil {
			ch <- reverseDoneMsg{Run: run, Results: results, Err: err}
			return
		}
	}
	ch <- reverseDoneMsg{Run: run, Results: results}
}

// maxLoggedHashes bounds how many of the log's rows a reversal reads.
const maxLoggedHashes = 10_000

// loggedHashes is every distinct hash in the lookup-handle column of rows
// written under the hashed design.
func loggedHashes(ctx context.Context, store sim.LogStore) ([]discovery.Hash, error) {
	rows, err := store.Entries(ctx, sim.LogFilter{Limit: maxLoggedHashes})
	if err != nil {
		return nil, err
	}
	var out []discovery.Hash
	for _, e := range rows {
		if e.Design != sim.DesignHashed {
			continue
		}
		if h, err := discovery.ParseHash(string(e.LookupHandle)); err == nil && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out, nil
}

func (m *Model) reverseProgress(msg reverseProgressMsg) tea.Cmd {
	if msg.Run != m.designs.runs || m.designs.reverse == nil {
		return waitFor(msg.next) // drain a stale run, so its goroutine can finish
	}
	r := m.designs.reverse
	r.space, r.done, r.total = msg.Space, msg.Done, msg.Total
	m.refreshReverse()
	return waitFor(msg.next)
}

func (m *Model) reverseDone(msg reverseDoneMsg) {
	if msg.Run != m.designs.runs || m.designs.reverse == nil {
		return
	}
	m.designs.reverse.results, m.designs.reverse.err = msg.Results, msg.Err
	if len(msg.Results) > 0 {
		last := msg.Results[len(msg.Results)-1]
		m.designs.reverse.done, m.designs.reverse.total = last.Tried, last.Tried
	}
	m.refreshReverse()
}

func (m *Model) refreshReverse() {
	if m.overlay.Kind() != overlay.Reverse {
		return
	}
	if m.designs.reverse == nil {
		m.overlay.SetLines(m.enumerationLines())
		return
	}
	m.overlay.SetLines(m.reverseLines())
}

// reverseLines draws the reversal: a bar while it runs, then each number
// found, the time it took and what the rate means for 10^10 numbers.
func (m Model) reverseLines() []string {
	s, width, r := m.com.Styles, m.overlayWidth(), m.designs.reverse
	var lines []string
	add := func(style func(...string) string, text string) {
		for _, l := range common.Wrap(text, width) {
			lines = append(lines, style(l))
		}
	}
	add(s.Text.Render, "Under the hashed design (a comparison, not what Apple does) the log keeps a truncated SHA-256 of each number. There are so few numbers that hashing all of them finds every one.")
	lines = append(lines, "")
	if r == nil {
		return lines
	}
	if r.results == nil && r.err == nil {
		add(s.Bold.Render, fmt.Sprintf("Trying %s: %s", r.space, bar(r.done, r.total, min(width-20, 40))))
		return lines
	}
	if r.err != nil {
		add(s.Warning.Render, "Stopped: "+sim.Printable(r.err.Error()))
	}
	if len(r.results) == 0 {
		add(s.Text.Render, "No hashes in Apple's log yet: switch to the hashed design (alt+g), type a number, then alt+b.")
		return lines
	}
	for _, res := range r.results {
		add(s.Bold.Render, fmt.Sprintf("%s: %s numbers hashed in %s on %s — %s a second", res.Space,
			common.Thousands(res.Tried), shortDuration(res.Elapsed), sim.Plural(res.Workers, "core", "cores"), common.Thousands(int64(res.Rate()))))
		for _, f := range res.Found {
			add(s.Text.Render, fmt.Sprintf("  %s → %s", f.Hash, f.Handle.Address()))
		}
	}
	last := r.results[len(r.results)-1]
	for _, h := range last.NotFound {
		add(s.Text.Render, fmt.Sprintf("  %s → not found: no number of the area code hashes to it (an email address, or a number elsewhere)", h))
	}
	lines = append(lines, "")
	add(s.Accent.Render, fmt.Sprintf("At this rate the whole North American plan (10^10 numbers) would take %s on this machine.", roughly(last.Extrapolate(discovery.NANPSize))))
	return lines
}

// shortDuration rounds a measured time to what a reader can use.
func shortDuration(d time.Duration) string {
	if d < time.Millisecond {
		return d.Round(time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}

// bar is a text progress bar with its percentage (no colour needed).
func bar(done, total int64, width int) string {
	width = max(width, 10)
	filled := int(int64(width) * done / max(total, 1))
	return "[" + strings.Repeat("█", filled) + strings.Repeat("·", width-filled) + fmt.Sprintf("] %3d%%", 100*done/max(total, 1))
}

// roughly is a long duration in the unit a person would use.
func roughly(d time.Duration) string {
	switch {
	case d < 2*time.Minute:
		return d.Round(100 * time.Millisecond).String()
	case d < 2*time.Hour:
		return fmt.Sprintf("about %.0f minutes", d.Minutes())
	}
	return fmt.Sprintf("about %.1f hours", d.Hours())
}
