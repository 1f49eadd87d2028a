package app

import (
	"strings"

	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
)

// finding is one of the five things a first run is about.
type finding int

const (
	foundAbandoned finding = iota // a number typed and abandoned is logged
	foundCache                    // a repeat is served from the cache
	foundIP                       // your IP changes with the network
	foundRetention                // retention drops rows
	foundReturn                   // a court order returns your lookups with their IPs
	findings
)

// hint is how the checklist tells a finding, with the key that makes it.
func (d finding) hint() string {
	return [...]string{
		"type a number, then delete it (backspace): its row stays in Apple's log",
		"type the same number again: the cache answers, nothing is logged",
		"F4 (alt+n) changes the network: the next lookup comes from another IP",
		"F7 (alt+w) moves the clock a week: Apple's retention drops old rows",
		"F12 (alt+o) serves a court order (stored records reach back; a pen register collects from its entry, alt+p produces): the return lists your lookups with their IPs",
	}[d]
}

// checklist is the first run's guide: the findings, ticked as they are
// made. It is hidden with alt+j, and never shown in presenter mode.
type checklist struct {
	hidden   bool
	found    [findings]bool
	remember func(hidden bool) error // keeps hidden for the next run (Options.RememberChecklist); nil: not kept
}

func (c *checklist) tick(d finding) { c.found[d] = true }

// name is the discovery in a word or two, for the checklist's line.
func (d finding) name() string {
	return [...]string{"abandoned number", "cache", "IP", "retention", "court order"}[d]
}

// lines are the checklist at width w: the five with ☑ or ☐ (so it reads
// without colour), then the hint for the next one to find, with its key.
func (c checklist) lines(s common.Styles, w int) []string {
	items := []string{"First run:"}
	next := findings
	for d := range findings {
		mark := "☐ "
		if c.found[d] {
			mark = "☑ "
		} else if next == findings {
			next = d
		}
		items = append(items, mark+d.name())
	}
	out := common.StyleAll(s.Accent, common.WrapWords(strings.Join(items, "  ")+" · alt+j hides this", w))
	hint := "All five found — F10 (alt+l) has a lesson card for whatever has focus."
	if next < findings {
		hint = "Next: " + next.hint() + "."
	}
	return append(out, common.StyleAll(s.Text, common.WrapWords(hint, w))...)
}

// checklistMinHeight is the shortest window the checklist shows in: in
// fewer rows the panes need every line.
const checklistMinHeight = 28

// showsChecklist reports whether the checklist is on screen now.
func (m Model) showsChecklist() bool {
	return !m.below.guide.hidden && len(m.scr.present) == 0 && m.com.Height >= checklistMinHeight
}

func (m *Model) toggleChecklist() tea.Cmd {
	m.below.guide.hidden = !m.below.guide.hidden
	m.relayout()
	return tea.Batch(m.log.Fetch(), m.rememberChecklist(m.below.guide.hidden))
}

// rememberChecklist keeps the checklist's state for the next run, if the
// program was given a place to keep it; a failure is said in the caption.
func (m *Model) rememberChecklist(hidden bool) tea.Cmd {
	keep := m.below.guide.remember
	if keep == nil {
		return nil
	}
	return func() tea.Msg {
		if err := keep(hidden); err != nil {
			return checklistKeptMsg{err: err}
		}
		return nil
	}
}

// checklistKeptMsg reports that the checklist's state could not be kept.
type checklistKeptMsg struct{ err error }
