package common

// Common is what every part of the screen shares: the styles of the
// current theme, the key map, the window's size and the world as the
// screen last saw it (a snapshot: never the world itself). The app owns it and
// passes a pointer to each component, so a theme switch reaches all of
// them at once.
type Common struct {
	Styles Styles
	Keys   KeyMap
	Width  int
	Height int
	Snap   Snapshot
}
