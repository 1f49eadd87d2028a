//go:build race

package app

// Under the race detector every key costs ten times as much: a smaller
// storm keeps CI quick while still racing the engine against the screen.
const (
	stormKeyCount = 1000
	stormResizes  = 20
)
