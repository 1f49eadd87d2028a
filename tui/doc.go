// Package tui draws bluegreen's interactive screen with Bubble Tea v2: the
// phone's Messages app, the lookup on the wire, and Apple's log as police
// receive it.
package tui
