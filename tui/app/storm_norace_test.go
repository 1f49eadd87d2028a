//go:build !race

package app

// The storm's size: the 5,000 keys and 50 resizes.
const (
	stormKeyCount = 5000
	stormResizes  = 50
)
