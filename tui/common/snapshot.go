package common

import (
	"time"

	"bluegreen/sim"
)

// Snapshot copies what the screen shows of the world, so View never reads
// state the engine may be changing.
type Snapshot struct {
	Owner     string
	Self      sim.Handle
	AppleID   string
	Region    string
	Settings  sim.Settings
	Network   sim.Network
	IP        string
	Now       time.Time
	Policy    sim.TriggerPolicy
	Retention sim.Retention
	Scenario  string
	Contacts  []sim.Contact
	Design    sim.Design
}

// TakeSnapshot reads the world; only the engine calls it, between work.
func TakeSnapshot(w *sim.World) Snapshot {
	return Snapshot{
		Owner: w.Phone.Owner, Self: w.Phone.Self, AppleID: w.Phone.AppleID, Region: w.Phone.Region,
		Settings: w.Phone.Settings, Network: w.Phone.Network, IP: w.Phone.IP(), Now: w.Now(),
		Policy: w.Policy, Retention: w.Server.Retention(), Scenario: w.Name, Contacts: w.ContactList(),
		Design: w.Design(),
	}
}

// AnswerView is one recipient's state as the screen shows it.
type AnswerView struct {
	Answer sim.Answer
	Colour sim.Colour
	Label  string
}
