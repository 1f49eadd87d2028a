package serve

import (
	"fmt"
	"slices"

	"bluegreen/sim"
	"bluegreen/tui/app"

	tea "charm.land/bubbletea/v2"
)

// setDesign switches the class's Apple to d (waiting for the lookups in
// flight) and tells every screen: each student's caption names it, and
// consoles read the class again.
func (c *classroom) setDesign(d sim.Design) error {
	if err := c.class.SetDesign(d); err != nil {
		return err
	}
	c.push(func(instructor bool) tea.Msg {
		if instructor {
			return classChangedMsg{}
		}
		return app.DesignMsg{Design: d}
	})
	return nil
}

// nextDesign is the design after d in sim.Designs, Apple's after the last.
func nextDesign(d sim.Design) sim.Design {
	ds := sim.Designs()
	return ds[(slices.Index(ds, d)+1)%len(ds)]
}

// designSetMsg is the class's answer to a design switch.
type designSetMsg struct {
	design sim.Design
	err    error
}

// switchDesign moves the class to the next design, off the UI goroutine:
// the switch waits for every lookup in flight.
// A key pressed again before the switch is done moves on from the design
// asked for, not from the one still in force.
func (c *console) switchDesign() tea.Cmd {
	from := c.asked
	if from == "" {
		from = c.room.class.Design()
	}
	room, next := c.room, nextDesign(from)
	c.asked = next
	return func() tea.Msg { return designSetMsg{design: next, err: room.setDesign(next)} }
}

func (c *console) designSet(msg designSetMsg) tea.Cmd {
	if msg.err != nil {
		c.asked = ""
		c.status = "The design could not change: " + msg.err.Error()
		return nil
	}
	c.status = designStatus(msg.design)
	return c.fetch()
}

// designStatus says what the class's Apple now does, and that every
// student's screen was told.
func designStatus(d sim.Design) string {
	if d == sim.DesignApple {
		return "Design apple for the class — " + d.Summary() + ". Every student's screen says so."
	}
	return fmt.Sprintf("Design %s for the class — %s (not what Apple does). Students' wires show the sealed query; their screens name the design.", d, d.Summary())
}
